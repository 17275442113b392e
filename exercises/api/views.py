from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from exercises import library, selectors, services
from exercises.api.client_records import ClientRecordViewSet, client_record_schema
from exercises.api.serializers import (
    ExerciseFilterSerializer,
    ExerciseLogSerializer,
    ExerciseSerializer,
    PlanSerializer,
    PlanVersionSerializer,
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


class EffectiveFromSerializer(serializers.Serializer):
    effective_from = serializers.DateField(
        required=False, help_text="The local day the deletion applies from (default today)."
    )


class PlanWritesMixin:
    """Plan writes with history, one code path for a patient's own plans and assigned ones.

    The subclass says whose plans they are (`plan_owner`), who assigns new
    ones (`plan_assigner`) and provides get_queryset; the services hold the rules.
    """

    def plan_owner(self):
        return self.request.user

    def plan_assigner(self):
        return None

    def plan_today(self) -> date:
        """Return the owner's local today: changes apply from it by default."""
        return timezone.localdate(timezone=self.plan_owner().tzinfo)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False) or not self.request.user.is_authenticated:
            return context
        context["today"] = self.plan_today()
        return context

    def plan_input(self, request) -> dict:
        """Return the body to validate; a subclass may fill it in (from a template)."""
        return request.data

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=self.plan_input(request))
        incoming.is_valid(raise_exception=True)
        values = dict(incoming.validated_data)
        values.pop("effective_from", None)
        plan = services.plan_create(
            user=self.plan_owner(),
            assigned_by=self.plan_assigner(),
            items=values.pop("items"),
            **values,
        )
        return Response(
            self.get_serializer(self.get_queryset().get(pk=plan.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @transaction.atomic
    def partial_update(self, request, *args, **kwargs):
        """Change the plan from a day on (`effective_from`, default today); a given
        `items` list replaces all items. Earlier days keep what was planned then."""
        plan = self.get_object()
        incoming = self.get_serializer(plan, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        values = dict(incoming.validated_data)
        try:
            services.plan_update(
                plan=plan,
                items=values.pop("items", None),
                effective_from=values.pop("effective_from", None),
                fields=values,
                by=request.user,
                today=self.plan_today(),
            )
        except services.PlanChangeDateError as error:
            raise ValidationError({"effective_from": [str(error)]}) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=plan.pk)).data)

    @extend_schema(parameters=[EffectiveFromSerializer], responses={204: None})
    def destroy(self, request, *args, **kwargs):
        """Delete the plan from a day on (default today): it leaves the lists and plans
        nothing from then; earlier days and its history stay."""
        plan = self.get_object()
        query = EffectiveFromSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            services.plan_delete(
                plan=plan,
                by=request.user,
                today=self.plan_today(),
                effective_from=query.validated_data.get("effective_from"),
            )
        except services.PlanChangeDateError as error:
            raise ValidationError({"effective_from": [str(error)]}) from None
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={200: PlanVersionSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, *args, **kwargs):
        """The plan's versions, oldest first: what changed, from which day, who and when."""
        versions = selectors.plan_versions(plan=self.get_object())
        return Response(PlanVersionSerializer(versions, many=True).data)


class PlanViewSet(
    PlanWritesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PlanSerializer
    lookup_value_converter = "int"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.plans_for_user(user=self.request.user)


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
                    # Marked in library.py (gettext_noop), put into words here.
                    "pain_areas": [
                        {**area, "label": gettext(area["label"])} for area in library.PAIN_AREAS
                    ],
                    "aggravating_activities": library.AGGRAVATING_ACTIVITIES,
                }
            ).data
        )
