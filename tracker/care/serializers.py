from datetime import time

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from exercises.api.serializers import PlanSerializer
from exercises.models import Routine
from reminders.api.serializers import LocalTimeField, WeekdaysField
from reminders.models import default_weekdays
from tracker.models import CareLink, User


class InviteSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Shown once: only a hash of it is stored.")
    link = serializers.URLField(help_text="SITE_URL/care/accept/?code=…, to send to the patient.")
    expires_at = serializers.DateTimeField()


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
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_active(self, link: CareLink) -> bool:
        return link.is_active


class LinkedPatientSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "display_name", "profile", "timezone"]
        read_only_fields = fields


class AssignedPlanSerializer(PlanSerializer):
    """A plan as the therapist who assigned it writes it: doses included.

    The same fields and checks as the patient's own plans (self-care exercises
    only: a clinician technique is "not found", 400), without the lock that
    keeps a patient from changing an assigned plan's doses.
    """

    def validate(self, attrs):
        return attrs


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
