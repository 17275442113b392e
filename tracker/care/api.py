"""Thin views for care links; the rules live in services.py and selectors.py.

Role checks answer 403 (they are about the caller, not about anyone's data);
a link or patient the caller has no part in answers 404, like an unknown id.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from exercises.api.views import PlanWritesMixin
from exercises.models import Plan, PlanTemplate
from exercises.selectors import (
    TemplateEntry,
    builtin_template_entries,
    template_entries,
    templates_for,
)
from exercises.services import (
    template_create,
    template_delete,
    template_from_plan,
    template_update,
)
from reminders.api.serializers import DetailSerializer, ScheduleSerializer
from tracker import services as tracker_services
from tracker.api.permissions import IsTherapist
from tracker.api.progress import PROGRESS_PARAMETERS, ProgressSerializer, progress_body
from tracker.audit import access_note
from tracker.care import selectors, services
from tracker.care.messages import with_unread
from tracker.care.serializers import (
    AssignedPlanSerializer,
    CareReminderSerializer,
    ConsentSerializer,
    DashboardPatientSerializer,
    LinkedPatientSerializer,
    LinkSerializer,
    PlanTemplateSerializer,
)
from tracker.models import AccessWhat, User


def _forbidden(description: str) -> OpenApiResponse:
    return OpenApiResponse(
        DetailSerializer, f"{description} (Or a browser session without a valid CSRF token.)"
    )


class LinkViewSet(
    mixins.ListModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """One's own care links, active and ended, from either side."""

    serializer_class = LinkSerializer
    lookup_value_converter = "int"
    pagination_class = None
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self):
        # Ownership is checked here only: someone else's link is not found.
        links = with_unread(selectors.links_for(self.request.user), user=self.request.user)
        # Explicitly: Meta.ordering does not apply to a query with an aggregate.
        return links.order_by("-created_at", "-id")

    @extend_schema(responses={204: None})
    def destroy(self, request, *args, **kwargs):
        """End the link at once, from either side. The therapist loses access immediately."""
        link = self.get_object()
        access_note(request, patients=[link.patient_id])
        tracker_services.link_end(link=link, by=request.user, now=timezone.now())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=ConsentSerializer,
        responses={200: LinkSerializer, 403: _forbidden("The caller is the therapist.")},
    )
    def partial_update(self, request, *args, **kwargs):
        """Give or withdraw consent to reminders set by the therapist (the patient only)."""
        link = self.get_object()
        if link.patient_id != request.user.pk:
            raise PermissionDenied(_("Only the patient can change reminders consent."))
        incoming = ConsentSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        if not link.is_active:
            raise ValidationError({"non_field_errors": [_("This link has ended.")]})
        if "reminders_consent" in incoming.validated_data:
            link = services.reminders_consent_set(
                link=link, consent=incoming.validated_data["reminders_consent"]
            )
        return Response(LinkSerializer(link, context={"request": request}).data)


class LinkedPatientView(APIView):
    """A linked patient as their therapist sees them; 404 unless the link is active."""

    @extend_schema(responses={200: LinkedPatientSerializer})
    def get(self, request, patient_id: int):
        return Response(LinkedPatientSerializer(_linked_patient(request, patient_id)).data)


def _linked_patient(request, patient_id: int) -> User:
    """Return the caller's actively linked patient, or raise 404 (ended, unknown, not theirs).

    The access is noted for the audit (tracker.audit).
    """
    patient = selectors.linked_patient_or_none(therapist=request.user, patient_id=patient_id)
    if patient is None:
        raise NotFound()
    access_note(request, patients=[patient])
    return patient


class AssignedPlanViewSet(
    PlanWritesMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Plans a therapist assigns to a linked patient, with doses and progression.

    A therapist reaches only the plans they assigned to that patient; the
    patient's own plans and other therapists' are not found (404). Writes go
    through the same code as the patient's own plans (PlanWritesMixin).
    """

    serializer_class = AssignedPlanSerializer
    lookup_url_kwarg = "plan_id"
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Plan.objects.none()
        return selectors.plans_assigned(therapist=self.request.user, patient=self.patient)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # After authentication: no login is 401, not 404.
        self.patient = _linked_patient(request, kwargs["patient_id"])

    def plan_owner(self):
        # Progression starts, current holds and change days count in the patient's local days.
        return self.patient

    def plan_assigner(self):
        return self.request.user

    def plan_input(self, request) -> dict:
        """Return the body, its items (and, unless given, name and notes) from a template.

        `template` is one of the caller's templates, `routine` a built-in one;
        either, in place of `items`. What comes of it is checked like any plan.
        """
        data = request.data
        if not isinstance(data, dict) or ("template" not in data and "routine" not in data):
            return data
        if "items" in data or ("template" in data and "routine" in data):
            raise ValidationError({"template": [TEMPLATE_OR_ITEMS]})
        entry = _template_entry(request.user, data)
        return {**entry.body, **{k: v for k, v in data.items() if k in ("name", "notes")}}


TEMPLATE_OR_ITEMS = gettext_lazy("Give one of items, template or routine.")
NO_TEMPLATE = gettext_lazy("No such template.")


def _template_entry(therapist: User, data: dict) -> TemplateEntry:
    """Return the template `data` names (`template`: an id of the therapist's; `routine`: a slug).

    Another therapist's template is "no such template", like an unknown one.
    """
    if "template" in data:
        template_id = data["template"]
        if type(template_id) is not int:
            raise ValidationError({"template": [_("Give the template's id, a whole number.")]})
        entries = template_entries(templates_for(owner=therapist).filter(pk=template_id))
    else:
        entries = [e for e in builtin_template_entries() if e.routine == data["routine"]]
    if not entries:
        raise ValidationError({"template" if "template" in data else "routine": [NO_TEMPLATE]})
    return entries[0]


class TemplateListView(APIView):
    """A therapist's plan templates, then the built-in routines as starting templates."""

    permission_classes = [IsAuthenticated, IsTherapist]

    @extend_schema(
        responses={
            200: PlanTemplateSerializer(many=True),
            403: _forbidden("The caller is not a therapist."),
        }
    )
    def get(self, request):
        entries = template_entries(templates_for(owner=request.user))
        entries += builtin_template_entries()
        return Response(PlanTemplateSerializer(entries, many=True).data)

    @extend_schema(
        request=PlanTemplateSerializer,
        responses={
            201: PlanTemplateSerializer,
            403: _forbidden("The caller is not a therapist."),
        },
    )
    def post(self, request):
        """Save a template: with `items`, or from a plan you assigned (`plan`)."""
        today = timezone.localdate(timezone=request.user.tzinfo)
        incoming = PlanTemplateSerializer(data=request.data, context={"today": today})
        incoming.is_valid(raise_exception=True)
        values = dict(incoming.validated_data)
        if "plan" in values:
            plan = selectors.plan_assigned_by(therapist=request.user, plan_id=values.pop("plan"))
            if plan is None:
                raise ValidationError({"plan": [_("No such plan of a patient linked to you.")]})
            access_note(request, patients=[plan.user_id], only_reads=AccessWhat.PLANS)
            template = template_from_plan(owner=request.user, plan=plan, **values)
        else:
            template = template_create(owner=request.user, items=values.pop("items"), **values)
        (entry,) = template_entries([template])
        return Response(PlanTemplateSerializer(entry).data, status=status.HTTP_201_CREATED)


class TemplateDetailView(APIView):
    """One of the caller's templates; another therapist's is not found (404)."""

    permission_classes = [IsAuthenticated, IsTherapist]

    def _template(self, request, template_id: int) -> PlanTemplate:
        template = templates_for(owner=request.user).filter(pk=template_id).first()
        if template is None:
            raise NotFound(NO_TEMPLATE)
        return template

    @extend_schema(
        responses={200: PlanTemplateSerializer, 403: _forbidden("The caller is not a therapist.")}
    )
    def get(self, request, template_id: int):
        (entry,) = template_entries([self._template(request, template_id)])
        return Response(PlanTemplateSerializer(entry).data)

    @extend_schema(
        request=PlanTemplateSerializer,
        responses={200: PlanTemplateSerializer, 403: _forbidden("The caller is not a therapist.")},
    )
    def patch(self, request, template_id: int):
        """Change the template; a given `items` list replaces its items. Plans made from it stay."""
        template = self._template(request, template_id)
        today = timezone.localdate(timezone=request.user.tzinfo)
        incoming = PlanTemplateSerializer(
            template, data=request.data, partial=True, context={"today": today}
        )
        incoming.is_valid(raise_exception=True)
        values = dict(incoming.validated_data)
        if "plan" in values:
            raise ValidationError({"plan": [_("Only when saving a new template.")]})
        template = template_update(
            template=template, items=values.pop("items", None), fields=values
        )
        (entry,) = template_entries([template])
        return Response(PlanTemplateSerializer(entry).data)

    @extend_schema(responses={204: None, 403: _forbidden("The caller is not a therapist.")})
    def delete(self, request, template_id: int):
        template_delete(template=self._template(request, template_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


NO_CONSENT = gettext_lazy("This patient has not consented to reminders from you.")


class CareReminderView(APIView):
    """The one sitting-break reminder a therapist sets for a linked patient.

    Only while the link is active (else 404) and the patient consents to
    reminders from this therapist (else 403: the patient is known to the
    caller, who is refused). The patient sees it among their own reminders,
    with set_by, and can pause it, turn it off or delete it. Withdrawing
    consent or ending the link turns it off.
    """

    def _consenting_patient(self, request, patient_id: int) -> User:
        patient = _linked_patient(request, patient_id)
        if not selectors.reminders_consented(therapist=request.user, patient=patient):
            raise PermissionDenied(NO_CONSENT)
        return patient

    @extend_schema(
        responses={
            200: ScheduleSerializer,
            403: _forbidden("The patient has not consented to reminders from the caller."),
            404: OpenApiResponse(
                DetailSerializer, "No such linked patient, or no reminder set yet."
            ),
        }
    )
    def get(self, request, patient_id: int):
        patient = self._consenting_patient(request, patient_id)
        schedule = selectors.reminder_set_by(therapist=request.user, patient=patient)
        if schedule is None:
            raise NotFound(_("You have not set a reminder for this patient yet."))
        return Response(ScheduleSerializer(schedule).data)

    @extend_schema(
        request=CareReminderSerializer,
        responses={
            200: ScheduleSerializer,
            201: ScheduleSerializer,
            403: _forbidden("The patient has not consented to reminders from the caller."),
        },
    )
    def put(self, request, patient_id: int):
        """Set the patient's sitting-break reminder: 201 the first time, 200 after."""
        patient = self._consenting_patient(request, patient_id)
        incoming = CareReminderSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            schedule, created = services.care_reminder_save(
                therapist=request.user,
                patient=patient,
                values=incoming.validated_data,
                now=timezone.now(),
            )
        except services.NoRemindersConsent:
            # Withdrawn between the check above and the locked one in the service.
            raise PermissionDenied(NO_CONSENT) from None
        return Response(
            ScheduleSerializer(schedule).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class DashboardView(APIView):
    """Every actively linked patient with adherence, reminders acted on, pain and open alerts.

    Definitions and alert rules: tracker.care.dashboard. A fixed number of
    queries, whatever the number of patients.
    """

    permission_classes = [IsAuthenticated, IsTherapist]

    @extend_schema(
        responses={
            200: DashboardPatientSerializer(many=True),
            403: _forbidden("The caller is not a therapist."),
        }
    )
    def get(self, request):
        rows = selectors.dashboard_rows(therapist=request.user, now=timezone.now())
        access_note(request, patients=[row.patient for row in rows])
        return Response(DashboardPatientSerializer(rows, many=True).data)


class PatientProgressView(APIView):
    """A linked patient's progress, exactly as they see it in GET progress/; 404 unless linked.

    Dates are the patient's local dates (their timezone).
    """

    @extend_schema(
        parameters=PROGRESS_PARAMETERS,
        responses={200: ProgressSerializer},
    )
    def get(self, request, patient_id: int):
        return Response(progress_body(request, _linked_patient(request, patient_id)))


class AlertAcknowledgeView(APIView):
    """Mark one open alert about a linked patient as seen (204; again: 204, nothing changes).

    It stays quiet until a new occurrence (a newer high rating, a new pain
    rise, a new quiet spell, a new warning sign) raises a new alert with a new id.
    An id that is not an open or acknowledged alert of this patient is a 404.
    """

    @extend_schema(request=None, responses={204: None})
    def post(self, request, patient_id: int, alert_id: str):
        patient = _linked_patient(request, patient_id)
        try:
            services.alert_acknowledge_open(
                therapist=request.user, patient=patient, alert_id=alert_id, now=timezone.now()
            )
        except services.AlertNotFound:
            raise NotFound(_("No such alert.")) from None
        return Response(status=status.HTTP_204_NO_CONTENT)
