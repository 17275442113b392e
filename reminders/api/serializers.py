import base64
import binascii

from cryptography.hazmat.primitives.asymmetric import ec
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from exercises.models import Routine
from reminders.channels.webpush import endpoint_problem
from reminders.models import (
    Channel,
    Delivery,
    Drive,
    DriveRules,
    PushSubscription,
    Schedule,
    ScheduleKind,
)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
        "example": "09:00",
    }
)
class LocalTimeField(serializers.TimeField):
    """A local wall-clock time, "HH:MM" (seconds accepted, dropped), with no zone.

    The user's IANA zone gives it meaning. (OpenAPI's "time" format wants an
    offset, which a wall-clock time in a zone with DST cannot have.)
    """

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", input_formats=["%H:%M", "%H:%M:%S"], **kwargs)

    def to_internal_value(self, value):
        return super().to_internal_value(value).replace(second=0, microsecond=0)


class WeekdaysField(serializers.ListField):
    def __init__(self, **kwargs):
        super().__init__(
            child=serializers.IntegerField(min_value=1, max_value=7),
            min_length=1,
            max_length=7,
            help_text="ISO weekdays, Monday=1 to Sunday=7.",
            **kwargs,
        )

    def to_internal_value(self, data):
        days = super().to_internal_value(data)
        if len(set(days)) != len(days):
            raise serializers.ValidationError(_("Name each weekday once."))
        return sorted(days)


class ScheduleSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=ScheduleKind.choices)
    name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    interval_minutes = serializers.IntegerField(min_value=15, max_value=240, required=False)
    weekdays = WeekdaysField(required=False)
    window_start = LocalTimeField(required=False)
    window_end = LocalTimeField(required=False)
    quiet_start = LocalTimeField(required=False, allow_null=True)
    quiet_end = LocalTimeField(required=False, allow_null=True)
    times = serializers.ListField(
        child=LocalTimeField(),
        max_length=12,
        required=False,
        help_text="Local times for kind=times, e.g. 07:30.",
    )
    channels = serializers.ListField(
        child=serializers.ChoiceField(choices=Channel.choices), min_length=1, required=False
    )
    routine = serializers.SlugRelatedField(
        slug_field="slug", queryset=Routine.objects.all(), required=False, allow_null=True
    )
    set_by = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Schedule
        fields = [
            "id",
            "kind",
            "name",
            "is_active",
            "interval_minutes",
            "window_start",
            "window_end",
            "weekdays",
            "times",
            "quiet_start",
            "quiet_end",
            "paused_until",
            "channels",
            "routine",
            "set_by",
            "next_fire_at",
            "snoozed_until",
            "last_fired_at",
        ]
        read_only_fields = ["id", "set_by", "next_fire_at", "snoozed_until", "last_fired_at"]

    def validate_channels(self, channels):
        if len(set(channels)) != len(channels):
            raise serializers.ValidationError(_("Name each channel once."))
        return channels

    def validate(self, attrs):
        if self.instance is not None and "kind" in attrs and attrs["kind"] != self.instance.kind:
            raise serializers.ValidationError({"kind": "A reminder's kind cannot change."})
        kind = attrs.get("kind", getattr(self.instance, "kind", None))
        times = attrs.get("times", getattr(self.instance, "times", []))
        if kind == ScheduleKind.TIMES and not times:
            raise serializers.ValidationError({"times": _("Give at least one time of day.")})
        quiet = [
            attrs.get(f, getattr(self.instance, f, None)) for f in ("quiet_start", "quiet_end")
        ]
        if (quiet[0] is None) != (quiet[1] is None):
            raise serializers.ValidationError(
                {"quiet_end": _("Quiet hours need both a start and an end.")}
            )
        if "times" in attrs:
            attrs["times"] = sorted({t.strftime("%H:%M") for t in attrs["times"]})
        return attrs

    def to_representation(self, schedule):
        data = super().to_representation(schedule)
        data["times"] = list(schedule.times)
        return data


class DeliverySerializer(serializers.ModelSerializer):
    routine = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Delivery
        fields = [
            "id",
            "kind",
            "due_at",
            "state",
            "routine",
            "schedule",
            "drive",
            "sent_at",
            "action",
            "acted_at",
        ]
        read_only_fields = fields


class ActionTokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        required=False,
        max_length=200,
        help_text="The token from the push payload, for a service worker with no session.",
    )


class SnoozeSerializer(ActionTokenSerializer):
    minutes = serializers.ChoiceField(choices=[10, 20, 30])


class DeliveryFilterSerializer(serializers.Serializer):
    since = serializers.DateTimeField(required=False)


class PushKeySerializer(serializers.Serializer):
    public_key = serializers.CharField(help_text="VAPID application server key (base64url).")


def _unb64url(text: str) -> bytes:
    text = text.rstrip("=")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class PushKeysSerializer(serializers.Serializer):
    p256dh = serializers.RegexField(r"^[A-Za-z0-9_-]{80,100}={0,2}$", max_length=120)
    auth = serializers.RegexField(r"^[A-Za-z0-9_-]{16,30}={0,2}$", max_length=40)

    def validate_p256dh(self, value):
        # Every send encrypts to this key: one that is not a P-256 point cannot
        # be encrypted to, and the person's reminders would never go out.
        try:
            ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _unb64url(value))
        except (ValueError, binascii.Error):
            raise serializers.ValidationError(_("Not a P-256 public key.")) from None
        return value

    def validate_auth(self, value):
        try:
            if len(_unb64url(value)) == 16:
                return value
        except binascii.Error:
            pass
        raise serializers.ValidationError(_("Must be 16 bytes, base64url-encoded."))


class PushSubscriptionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    endpoint = serializers.URLField(max_length=1000)
    keys = PushKeysSerializer(write_only=True)
    created_at = serializers.DateTimeField(read_only=True)

    def validate_endpoint(self, endpoint):
        problem = endpoint_problem(endpoint)
        if problem:
            raise serializers.ValidationError(problem)
        return endpoint


class PushSubscriptionRenewSerializer(PushSubscriptionSerializer):
    """A rotated subscription, proved by the old one's endpoint and auth secret."""

    old_endpoint = serializers.URLField(max_length=1000, write_only=True)
    old_auth = serializers.CharField(max_length=40, write_only=True)


class PushSubscriptionOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = PushSubscription
        fields = ["id", "endpoint", "created_at", "last_success_at"]
        read_only_fields = fields


class DriveStartSerializer(serializers.Serializer):
    stop_every_minutes = serializers.IntegerField(min_value=30, max_value=600, default=120)
    rules = serializers.ChoiceField(choices=DriveRules.choices, default=DriveRules.INTERVAL)


class DriveSerializer(serializers.ModelSerializer):
    state = serializers.SerializerMethodField()
    segments = serializers.SerializerMethodField()

    class Meta:
        model = Drive
        fields = [
            "id",
            "rules",
            "stop_every_minutes",
            "started_at",
            "ended_at",
            "state",
            "next_fire_at",
            "segments",
        ]
        read_only_fields = fields

    def get_state(self, drive) -> str:
        if drive.ended_at is not None:
            return "ended"
        open_segments = [s for s in drive.segments.all() if s.end is None]
        return open_segments[0].kind if open_segments else "ended"

    def get_segments(self, drive) -> list[dict]:
        return [
            {
                "kind": s.kind,
                "start": s.start.isoformat(),
                "end": s.end.isoformat() if s.end else None,
            }
            for s in drive.segments.all()
        ]
