from django.db import transaction
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from exercises import library, selectors, services
from exercises.api.client_records import ClientRecordViewSet, client_record_schema
from exercises.api.serializers import (
    ExerciseFilterSerializer,
    ExerciseLogSerializer,
    ExerciseSerializer,
    PlanSerializer,
    RoutineSerializer,
    SafetySerializer,
)
from exercises.models import Kind, Tag


def _may_see_clinician_techniques(user) -> bool:
    # The role lives on the user model one floor up; ask it without importing it.
    return bool(getattr(user, "is_therapist", False))


class ExerciseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ExerciseSerializer
    lookup_field = "slug"
    lookup_value_converter = "slug"
    pagination_class = None

    def get_queryset(self):
        return selectors.exercises_visible(
            include_clinician=_may_see_clinician_techniques(self.request.user)
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", OpenApiTypes.STR, enum=Kind.values),
            OpenApiParameter("tag", OpenApiTypes.STR, enum=Tag.values),
        ]
    )
    def list(self, request, *args, **kwargs):
        filters = ExerciseFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        exercises = selectors.exercises_filtered(
            include_clinician=_may_see_clinician_techniques(request.user),
            **filters.validated_data,
        )
        return Response(self.get_serializer(exercises, many=True).data)


class RoutineViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RoutineSerializer
    lookup_field = "slug"
    lookup_value_converter = "slug"
    pagination_class = None

    def get_queryset(self):
        return selectors.routines_with_steps()


class PlanViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PlanSerializer
    lookup_value_converter = "int"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.plans_for_user(user=self.request.user)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        if user.is_authenticated and hasattr(user, "tzinfo"):
            context["today"] = timezone.localdate(timezone=user.tzinfo)
        return context

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        values = dict(incoming.validated_data)
        plan = services.plan_create(user=request.user, items=values.pop("items"), **values)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=plan.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @transaction.atomic
    def partial_update(self, request, *args, **kwargs):
        plan = self.get_object()
        incoming = self.get_serializer(plan, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        values = dict(incoming.validated_data)
        services.plan_update(plan=plan, items=values.pop("items", None), fields=values)
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    def perform_destroy(self, instance):
        services.plan_delete(plan=instance)


@client_record_schema(ExerciseLogSerializer)
class LogViewSet(ClientRecordViewSet):
    """Sessions done. POST (with id) and PUT are idempotent: 201 first, 200 after."""

    serializer_class = ExerciseLogSerializer
    select_records = staticmethod(selectors.logs_for_user)

    def store_record(self, *, user, record_id, values, replace):
        return services.log_save(user=user, log_id=record_id, values=values, replace=replace)

    def perform_destroy(self, instance):
        services.log_delete(log=instance)


class SafetyView(APIView):
    """The safety screen's questions and the conditions a professional should rule out."""

    @extend_schema(responses={200: SafetySerializer})
    def get(self, request):
        return Response(
            SafetySerializer(
                {
                    "questions": library.SAFETY_SCREEN,
                    "advice": library.SAFETY_ADVICE,
                    "disclaimer": library.GENERAL_DISCLAIMER,
                    "serious_conditions": library.SERIOUS_CONDITIONS,
                    "pain_areas": library.PAIN_AREAS,
                    "aggravating_activities": library.AGGRAVATING_ACTIVITIES,
                }
            ).data
        )
