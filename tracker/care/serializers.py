from datetime import time

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from exercises.api.serializers import PlanItemSerializer, PlanSerializer
from exercises.models import Routine
from reminders.api.serializers import LocalTimeField, WeekdaysField
from reminders.models import default_weekdays
from tracker.models import AlertKind, CareInvite, CareLink, Profile, User


class InviteCreateSerializer(serializers.Serializer):
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        max_length=254,
        help_text="If given, the link and the code are emailed there (after the response).",
    )


class InviteSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="invite.id", help_text="For DELETE care/invites/{id}/.")
    code = serializers.CharField(help_text="Shown once: only a hash of it is stored.")
    link = serializers.URLField(
        help_text="The accept page with the code, on the scheme, host and port of this request."
    )
    expires_at = serializers.DateTimeField(source="invite.expires_at")
    # A CharField: "" (not emailed) is no email address for the schema.
    email = serializers.CharField(source="invite.email", help_text="Empty if not emailed.")


class PendingInviteSerializer(serializers.ModelSerializer):
    """An invite that can still be accepted; its code cannot be shown again."""

    email = serializers.CharField(read_only=True, help_text="Where it was emailed; empty if not.")

    class Meta:
        model = CareInvite
        fields = ["id", "email", "created_at", "expires_at"]
        read_only_fields = fields


class AcceptSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=64)
    reminders_consent = serializers.BooleanField(
        default=False,
        help_text="May the therapist set this patient's reminders? Revocable with PATCH.",
    )


class ConsentSerializer(serializers.Serializer):
    reminders_consent = serializers.BooleanField(required=False, help_text="Left out: unchanged.")


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "display_name"]
        read_only_fields = fields


class LinkSerializer(serializers.ModelSerializer):
    therapist = PartySerializer(read_only=True)
    patient = PartySerializer(read_only=True)
    active = serializers.SerializerMethodField()
    unread = serializers.SerializerMethodField()

    class Meta:
        model = CareLink
        fields = [
            "id",
            "therapist",
            "patient",
            "active",
            "reminders_consent",
            "created_at",
            "ended_at",
            "unread",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_active(self, link: CareLink) -> bool:
        return link.is_active

    @extend_schema_field(serializers.IntegerField(min_value=0))
    def get_unread(self, link: CareLink) -> int:
        """Messages on this link to the caller that they have not read."""
        # Annotated by the listing (tracker.care.messages.with_unread).
        if hasattr(link, "unread"):
            return link.unread
        request = self.context.get("request")
        if request is None or link.pk is None:
            return 0
        return link.messages.filter(read_at__isnull=True).exclude(sender=request.user).count()


class LinkedPatientSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "display_name", "profile", "timezone"]
        read_only_fields = fields


EMPTY_PLAN = gettext_lazy("A plan needs at least one exercise.")


class AssignedPlanSerializer(PlanSerializer):
    template = serializers.IntegerField(
        write_only=True,
        required=False,
        help_text=(
            "POST: one of your templates' id, in place of `items` (and, unless given, "
            "of `name` and `notes`)."
        ),
    )
    routine = serializers.SlugField(
        write_only=True,
        required=False,
        help_text="POST: a built-in routine's slug, used as a starting template like `template`.",
    )

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "template", "routine"]

    """A plan as the therapist who assigned it writes it: doses included.

    The same fields and checks as the patient's own plans (self-care exercises
    only: a clinician technique is "not found", 400), without the lock that
    keeps a patient from changing an assigned plan's doses.
    """

    def validate(self, attrs):
        attrs.pop("template", None)
        attrs.pop("routine", None)
        return attrs

    def validate_items(self, items):
        # A patient's own plan may start empty; one a therapist assigns is the exercises.
        if not items:
            raise serializers.ValidationError(EMPTY_PLAN)
        return items


class CareReminderSerializer(serializers.Serializer):
    """The sitting reminder a therapist sets; PUT replaces it, left-out fields reset."""

    interval_minutes = serializers.IntegerField(min_value=15, max_value=240)
    routine = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Routine.objects.all(),
        allow_null=True,
        default=None,
        help_text="The routine each break suggests; none: the default desk break.",
    )
    window_start = LocalTimeField(default=time(9, 0))
    window_end = LocalTimeField(default=time(17, 30))
    weekdays = WeekdaysField(default=default_weekdays)


class DashboardAdherenceSerializer(serializers.Serializer):
    last_7_days = serializers.FloatField(
        allow_null=True,
        min_value=0,
        max_value=1,
        help_text="Σ min(logged, planned) / Σ planned over the patient's last 7 local days "
        "(paused days and today, until complete, left out); null when nothing was planned.",
    )
    last_28_days = serializers.FloatField(
        allow_null=True, min_value=0, max_value=1, help_text="The same over 28 local days."
    )


class DashboardRemindersSerializer(serializers.Serializer):
    delivered = serializers.IntegerField(
        min_value=0, help_text="Reminders sent in the last 28 days (test notifications left out)."
    )
    done_within_30_min = serializers.IntegerField(min_value=0)
    acted_on = serializers.FloatField(
        allow_null=True,
        min_value=0,
        max_value=1,
        help_text="done_within_30_min / delivered; null when none was delivered.",
    )


class DashboardLatestPainSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=0, max_value=10)
    recorded_at = serializers.DateTimeField()


class DashboardPainSerializer(serializers.Serializer):
    latest = DashboardLatestPainSerializer(allow_null=True)
    mean_7_days = serializers.FloatField(
        allow_null=True,
        min_value=0,
        max_value=10,
        help_text="Mean of every rating in the last 7 local days (today included), 1 decimal.",
    )
    mean_previous_7_days = serializers.FloatField(allow_null=True, min_value=0, max_value=10)
    change = serializers.FloatField(
        allow_null=True,
        min_value=-10,
        max_value=10,
        help_text="mean_7_days minus mean_previous_7_days.",
    )


class AlertSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="kind:occurrence; acknowledge it under alerts/{id}/.")
    kind = serializers.ChoiceField(choices=AlertKind.choices)
    since = serializers.DateTimeField(help_text="When what raised the alert happened or began.")
    message = serializers.CharField()


class DashboardPatientSerializer(serializers.Serializer):
    """One linked patient's row of the dashboard (from a selectors.PatientDashboard)."""

    id = serializers.IntegerField(source="patient.pk")
    display_name = serializers.CharField(source="patient.display_name")
    profile = serializers.ChoiceField(
        source="patient.profile", choices=Profile.choices, allow_blank=True
    )
    timezone = serializers.CharField(source="patient.timezone")
    linked_since = serializers.DateTimeField(source="link.created_at")
    adherence = serializers.SerializerMethodField()
    reminders = serializers.SerializerMethodField()
    last_activity_at = serializers.DateTimeField(
        allow_null=True, help_text="The latest session or pain entry."
    )
    pain = serializers.SerializerMethodField()
    data_days_30 = serializers.IntegerField(
        help_text="Local days of the last 30 (today included) with a session or a pain rating."
    )
    alerts = AlertSerializer(many=True, help_text="Open (not acknowledged) alerts.")

    def to_representation(self, row) -> dict:
        # Written out rather than left to the fields: the same body, without
        # DRF's per-field machinery, which costs more than the queries at 500
        # patients. The fields above document it (and the schema tests hold
        # this body to them).
        patient, at = row.patient, self._datetime()
        latest = None
        if row.latest_pain_rating is not None:
            latest = {"rating": row.latest_pain_rating, "recorded_at": at(row.latest_pain_at)}
        return {
            "id": patient.pk,
            "display_name": patient.display_name,
            "profile": patient.profile,
            "timezone": patient.timezone,
            "linked_since": at(row.link.created_at),
            "adherence": self.get_adherence(row),
            "reminders": self.get_reminders(row),
            "last_activity_at": at(row.last_activity_at) if row.last_activity_at else None,
            "pain": {
                "latest": latest,
                "mean_7_days": row.pain_mean_7,
                "mean_previous_7_days": row.pain_mean_previous_7,
                "change": row.pain_change,
            },
            "data_days_30": row.data_days_30,
            "alerts": [
                {
                    "id": alert.id,
                    "kind": str(alert.kind),
                    "since": at(alert.since),
                    "message": alert.message,
                }
                for alert in row.alerts
            ],
        }

    def _datetime(self):
        """Return a DateTimeField's to_representation, the active zone looked up once.

        A field given no zone looks the active one up for every value (two
        thread-local reads each, about 2,000 values at 500 patients); the zone
        cannot change while one body is written, so the field is made once.
        """
        field = self.__dict__.get("_datetime_field")
        if field is None:
            field = serializers.DateTimeField(default_timezone=timezone.get_current_timezone())
            self._datetime_field = field
        return field.to_representation

    @extend_schema_field(DashboardAdherenceSerializer)
    def get_adherence(self, row) -> dict:
        return {"last_7_days": row.adherence_7, "last_28_days": row.adherence_28}

    @extend_schema_field(DashboardRemindersSerializer)
    def get_reminders(self, row) -> dict:
        return {
            "delivered": row.reminders_delivered,
            "done_within_30_min": row.reminders_done_in_time,
            "acted_on": row.reminders_acted_on,
        }

    @extend_schema_field(DashboardPainSerializer)
    def get_pain(self, row) -> dict:
        return self.to_representation(row)["pain"]


class PlanTemplateSerializer(serializers.Serializer):
    """A template: yours (an id), or a built-in routine to start from (`routine`, id null)."""

    id = serializers.IntegerField(read_only=True, allow_null=True)
    name = serializers.CharField(max_length=120)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    items = PlanItemSerializer(many=True, max_length=40, required=False)
    builtin = serializers.BooleanField(read_only=True)
    routine = serializers.CharField(
        read_only=True, allow_null=True, help_text="The built-in routine's slug, or null."
    )
    plan = serializers.IntegerField(
        write_only=True,
        required=False,
        help_text="POST: save a plan you assigned as the template, in place of `items`.",
    )
    created_at = serializers.DateTimeField(read_only=True, allow_null=True)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def validate_items(self, items):
        if not items:
            raise serializers.ValidationError(EMPTY_PLAN)
        return items

    def validate(self, attrs):
        if self.instance is None and "items" not in attrs and "plan" not in attrs:
            raise serializers.ValidationError({"items": [EMPTY_PLAN]})
        if "items" in attrs and "plan" in attrs:
            raise serializers.ValidationError({"plan": [_("Give items or a plan, not both.")]})
        return attrs
