"""Local days: pure helpers with no ORM and no clock.

A user's day runs from local midnight to the next local midnight in their own
time zone, so it is 23 or 25 hours long on the days the clocks change. The
current instant or date is always an argument.
"""

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from django.utils.translation import gettext as _

DEFAULT_WINDOW_DAYS = 30
MAX_WINDOW_DAYS = 366
# Progress windows may not start before this date or end more than
# MAX_DAYS_AHEAD after today: nothing is recorded outside those bounds, and the
# warm-up arithmetic (a year before the window) stays far from date.min/max.
MIN_DATE = date(2000, 1, 1)
MAX_DAYS_AHEAD = 366


class WindowError(ValueError):
    """A progress window that cannot be served; `field` names the bad argument."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def local_date(instant: datetime, tz: tzinfo) -> date:
    """Return the calendar date `instant` falls on in `tz`.

    `instant` must be aware; a naive datetime is refused rather than guessed.
    """
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("local_date needs an aware datetime")
    return instant.astimezone(tz).date()


def day_start(day: date, tz: tzinfo) -> datetime:
    """Return the first instant of local `day` in `tz`, as an aware UTC datetime.

    Where local midnight does not exist (a zone that springs forward at 00:00),
    fold=0 maps it past the gap, which is the day's first real instant; where
    midnight happens twice, fold=0 picks the earlier one.
    """
    return datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC)


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """Return (start, end) of local `day` in `tz` as UTC instants, end exclusive.

    Taken from the two midnights, so the span is 23 h on a spring-forward day
    and 25 h on a fall-back day.
    """
    return day_start(day, tz), day_start(day + timedelta(days=1), tz)


def date_range(start: date, end: date) -> Iterator[date]:
    """Yield every date from `start` to `end`, both included (nothing if start > end)."""
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


def window_for(
    *,
    days: int | None = None,
    start: date | None = None,
    end: date | None = None,
    today: date,
) -> tuple[date, date]:
    """Return the (first, last) local dates of a progress window, both included.

    Either `days` (1..MAX_WINDOW_DAYS) ending on `today`, or an explicit
    `start` and `end`; with neither, the last DEFAULT_WINDOW_DAYS days ending
    today. An explicit window must have start <= end, span at most
    MAX_WINDOW_DAYS days, start on or after MIN_DATE and end at most
    MAX_DAYS_AHEAD days after today. Anything else raises WindowError naming
    the argument at fault.
    """
    if days is not None and (start is not None or end is not None):
        raise WindowError("days", _("Give either days or a from/to range, not both."))
    if start is None and end is None:
        days = DEFAULT_WINDOW_DAYS if days is None else days
        if not 1 <= days <= MAX_WINDOW_DAYS:
            raise WindowError(
                "days", _("Must be between 1 and %(max)s.") % {"max": MAX_WINDOW_DAYS}
            )
        return today - timedelta(days=days - 1), today
    if start is None:
        raise WindowError("start", _("Give from together with to."))
    if end is None:
        raise WindowError("end", _("Give to together with from."))
    if start < MIN_DATE:
        raise WindowError(
            "start", _("Must be on or after %(date)s.") % {"date": MIN_DATE.isoformat()}
        )
    if end > today + timedelta(days=MAX_DAYS_AHEAD):
        raise WindowError(
            "end", _("Must be at most %(days)s days after today.") % {"days": MAX_DAYS_AHEAD}
        )
    if start > end:
        raise WindowError("end", _("Must be on or after from."))
    if (end - start).days + 1 > MAX_WINDOW_DAYS:
        raise WindowError(
            "end", _("The range may span at most %(days)s days.") % {"days": MAX_WINDOW_DAYS}
        )
    return start, end
