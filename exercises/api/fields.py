from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# Nobody logged a stretch before the app existed; the lower bound also keeps
# far-off dates from overflowing when converted between zones.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
MAX_AHEAD = timedelta(days=1)


class RecentDateTimeField(serializers.DateTimeField):
    """An aware instant between 2000 and one day from now (clocks drift; zones differ)."""

    default_error_messages = {
        "too_early": _("Must be on or after 2000-01-01."),
        "too_late": _("Must be no more than one day in the future."),
    }

    def to_internal_value(self, value):
        instant = super().to_internal_value(value)
        if instant < EARLIEST:
            self.fail("too_early")
        if instant > timezone.now() + MAX_AHEAD:
            self.fail("too_late")
        return instant


class SinceUntilSerializer(serializers.Serializer):
    """Query parameters of the record listings: a half-open window [since, until)."""

    since = serializers.DateTimeField(required=False)
    until = serializers.DateTimeField(required=False)

    def validate(self, attrs):
        since, until = attrs.get("since"), attrs.get("until")
        if since and until and since >= until:
            raise serializers.ValidationError({"until": _("Must be after since.")})
        return attrs


PAIN_FIELD = {"min_value": 0, "max_value": 10, "required": False, "allow_null": True}


class LibrarySlugField(serializers.SlugRelatedField):
    """An exercise or routine of the library, named by its slug."""

    default_error_messages = {"invalid": _("Give the slug as text.")}

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)

    def to_internal_value(self, data):
        # PostgreSQL refuses to compare text holding NUL (a DataError, so a 500);
        # no slug has one, and a number or a list is no slug either.
        if not isinstance(data, str) or "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)
