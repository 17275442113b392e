import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError

# The IANA database's geographic areas. Outside them it holds names no person
# lives in: "Factory" (a placeholder with the abbreviation "-00"), "localtime"
# and "posixrules" (whatever the server's clock is set to), POSIX-style rules
# such as "EST5EDT" and "Etc/GMT+5" (whose sign is the reverse of what it
# reads), and old country aliases such as "US/Eastern". Old names inside an
# area ("Asia/Calcutta", "Europe/Kiev") stay accepted: some browsers still
# report them.
AREAS = (
    "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia",
    "Europe", "Indian", "Pacific",
)  # fmt: skip


@cache
def timezone_names() -> frozenset[str]:
    """Return the IANA zone names a person may choose: UTC and the geographic areas'."""
    return frozenset(
        name
        for name in zoneinfo.available_timezones()
        if name in ("UTC", "Etc/UTC") or ("/" in name and name.split("/", 1)[0] in AREAS)
    )


def validate_timezone(value: str) -> None:
    if value not in timezone_names():
        raise ValidationError(f"{value!r} is not an IANA time zone such as Europe/Berlin.")
