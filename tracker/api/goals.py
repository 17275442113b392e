"""Function goals: the Patient-Specific Functional Scale (Stratford et al., 1995).

A patient names up to five activities the pain makes hard and rates each from
0 (unable) to 10 (as before the problem), again every two weeks. The score is
the mean; a change of 2 points is the smallest that is more than noise. The
math is in tracker.goals, the writes in tracker.services; these views are thin.

A goal is reached only through its patient: the patient's own (`goals_for`
the caller) here; a therapist's view of a linked patient's goals is in
`tracker.care.goals_api`. Someone else's goal answers 404.
"""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from exercises.api.fields import MAX_AHEAD
from reminders.api.serializers import DetailSerializer
from tracker import goals, selectors, services
from tracker.api.permissions import IsPatient
from tracker.api.serializers import (
    GoalCreateSerializer,
    GoalListSerializer,
    GoalRatingSerializer,
    GoalSerializer,
    GoalUpdateSerializer,
)
from tracker.models import Goal, User

CREDIT = (
    "Patient-Specific Functional Scale (Stratford P, Gill C, Westaway M, Binkley J. "
    "Physiotherapy Canada 1995;47:258-263)."
)

NOT_A_PATIENT = OpenApiResponse(
    DetailSerializer,
    "The caller is a therapist: goals belong to patients. "
    "(Or a browser session without a valid CSRF token.)",
)


def goal_list_body(patient: User) -> dict:
    """Return the patient's goals with their ratings and the PSFS summary at this moment."""
    goal_rows = list(selectors.goals_for(patient))
    # A rating may be dated up to a day ahead (clocks drift, zones differ); it
    # counts at once, as in `latest_score`, rather than a day later.
    at = timezone.now() + MAX_AHEAD
    summary = goals.summary([selectors.goal_history(g) for g in goal_rows], at)
    return GoalListSerializer({"summary": summary, "goals": goal_rows}).data


def goal_create_response(patient: User, created_by: User, data) -> Response:
    """Return the 201 response for a new goal named in `data`, or raise a 400."""
    incoming = GoalCreateSerializer(data=data)
    incoming.is_valid(raise_exception=True)
    try:
        goal = services.goal_create(
            patient=patient,
            activity=incoming.validated_data["activity"],
            created_by=created_by,
            now=timezone.now(),
        )
    except services.GoalRuleError as error:
        raise ValidationError({error.field: [error.message]}) from None
    return Response(GoalSerializer(goal).data, status=status.HTTP_201_CREATED)


class GoalListView(APIView):
    __doc__ = f"""Your function goals, each with its ratings, and your score.

    {CREDIT} Name up to five activities the pain makes hard (for example sitting
    through a meeting, standing up from a chair, climbing stairs, driving four
    hours) and rate each every two weeks. Active goals come first.
    """

    permission_classes = [IsAuthenticated, IsPatient]

    @extend_schema(responses={200: GoalListSerializer, 403: NOT_A_PATIENT})
    def get(self, request):
        return Response(goal_list_body(request.user))

    @extend_schema(
        request=GoalCreateSerializer, responses={201: GoalSerializer, 403: NOT_A_PATIENT}
    )
    def post(self, request):
        """Name a new goal; a sixth active goal is refused (400): archive one first."""
        return goal_create_response(request.user, request.user, request.data)


class GoalDetailView(APIView):
    """Rename a goal, or archive it (it keeps its ratings and leaves the score) or bring it back."""

    permission_classes = [IsAuthenticated, IsPatient]

    @extend_schema(
        request=GoalUpdateSerializer, responses={200: GoalSerializer, 403: NOT_A_PATIENT}
    )
    def patch(self, request, goal_id: int):
        goal = _own_goal(request.user, goal_id)
        incoming = GoalUpdateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            goal = services.goal_update(goal=goal, now=timezone.now(), **incoming.validated_data)
        except services.GoalRuleError as error:
            raise ValidationError({error.field: [error.message]}) from None
        return Response(GoalSerializer(selectors.goals_for(request.user).get(pk=goal.pk)).data)


class GoalRatingView(APIView):
    """Rate how well you manage the goal's activity now: 0 unable .. 10 as before the problem.

    `rated_at` defaults to now; it may be at most a day ahead and not before the
    goal was named. An archived goal cannot be rated.
    """

    permission_classes = [IsAuthenticated, IsPatient]

    @extend_schema(
        request=GoalRatingSerializer, responses={201: GoalRatingSerializer, 403: NOT_A_PATIENT}
    )
    def post(self, request, goal_id: int):
        goal = _own_goal(request.user, goal_id)
        incoming = GoalRatingSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            rating = services.goal_rating_add(
                goal=goal,
                score=incoming.validated_data["score"],
                rated_at=incoming.validated_data.get("rated_at") or timezone.now(),
                rated_by=request.user,
            )
        except services.GoalRuleError as error:
            raise ValidationError({error.field: [error.message]}) from None
        return Response(GoalRatingSerializer(rating).data, status=status.HTTP_201_CREATED)


def _own_goal(user: User, goal_id: int) -> Goal:
    # Ownership is checked here only: another patient's goal is not found (404).
    goal = Goal.objects.filter(patient=user, pk=goal_id).select_related("patient").first()
    if goal is None:
        raise NotFound()
    return goal
