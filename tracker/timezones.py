import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError


@cache
def timezone_names() -> frozenset[str]:
    """Return the IANA zone names this machine's tz database knows."""
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value not in timezone_names():
        raise ValidationError(f"{value!r} is not an IANA time zone such as Europe/Berlin.")
