"""A therapist's view of a linked patient's function goals (the patient's own are in
tracker.api.goals, whose bodies and rules these views share)."""

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker.api.goals import CREDIT, goal_create_response, goal_list_body
from tracker.api.serializers import GoalCreateSerializer, GoalListSerializer, GoalSerializer
from tracker.audit import access_note
from tracker.care.selectors import linked_patient_or_none
from tracker.models import User


class CarePatientGoalsView(APIView):
    __doc__ = f"""A linked patient's function goals and score; 404 unless the link is active.

    {CREDIT} A therapist may also name a goal with the patient (POST); it
    records who named it. Only the patient rates goals.
    """

    def _patient(self, request, patient_id: int) -> User:
        patient = linked_patient_or_none(therapist=request.user, patient_id=patient_id)
        if patient is None:
            raise NotFound()
        access_note(request, patients=[patient])
        return patient

    @extend_schema(responses={200: GoalListSerializer})
    def get(self, request, patient_id: int):
        return Response(goal_list_body(self._patient(request, patient_id)))

    @extend_schema(request=GoalCreateSerializer, responses={201: GoalSerializer})
    def post(self, request, patient_id: int):
        """Name a goal with the patient; a sixth active goal is refused (400)."""
        return goal_create_response(self._patient(request, patient_id), request.user, request.data)
