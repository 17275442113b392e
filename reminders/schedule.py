"""Sitting and routine reminders: pure scheduling math, no ORM and no clock.

Every instant is an aware datetime and comes back in UTC. Windows, quiet hours
and fixed times are local wall times in the rule's IANA zone; intervals are
real elapsed time. The current instant is always an argument.

Wall time and DST (see `local_to_utc`): a local time stands for the first
instant at which the wall clock reads at least that time. So a time that
happens twice (fall-back) means its first occurrence, and a time that does not
exist (spring-forward gap) means the moment the clocks jump. A window is the
contiguous span between its two edges, even when the clock is set back inside
it.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

HORIZON_DAYS = 14
MIN_INTERVAL = timedelta(minutes=15)
MAX_INTERVAL = timedelta(minutes=240)
ONE_DAY = timedelta(days=1)

Span = tuple[datetime, datetime]


def local_to_utc(day: date, at: time, tz: ZoneInfo) -> datetime:
    """Return the first instant at which the wall clock in `tz` reads `day` `at`, in UTC.

    A doubled wall time (fall-back) gives its first occurrence: that is fold=0.
    A missing wall time (spring-forward gap) gives the first instant after the
    gap: 02:30 on 2026-03-08 in America/New_York is 03:00 EDT (07:00 UTC).
    fold=0 alone would read the missing time with the old offset and land at
    03:30 EDT, half an hour past the jump; we move it back to the jump itself,
    so that an edge in the gap sits where the wall clock passes it and 02:10
    and 02:40 both fire at 03:00.
    """
    wall = datetime.combine(day, at)
    first = wall.replace(tzinfo=tz).astimezone(UTC)
    if _wall(first, tz) == wall:
        return first
    # In the gap fold=1 reads the time with the new offset and lands before
    # the jump; fold=0 lands after it. Bisect whole seconds in between:
    # tzdata transitions fall on whole seconds.
    base = wall.replace(tzinfo=tz, fold=1).astimezone(UTC).replace(microsecond=0)
    low, high = 0, int((first - base).total_seconds()) + 1
    while low < high:
        middle = (low + high) // 2
        if _wall(base + timedelta(seconds=middle), tz) >= wall:
            high = middle
        else:
            low = middle + 1
    return base + timedelta(seconds=low)


def _wall(instant: datetime, tz: ZoneInfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)


@dataclass(frozen=True)
class LocalWindow:
    """A daily span of local wall time, start included, end excluded.

    `end <= start` means the window crosses midnight (22:00-06:00) and belongs
    to the day it starts on; `end == start` is a whole day.
    """

    start: time
    end: time

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if not isinstance(value, time) or value.tzinfo is not None:
                raise ValueError(f"LocalWindow.{name} must be a naive datetime.time (wall time)")

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def span(self, day: date, tz: ZoneInfo) -> Span:
        """Return the window that opens on local `day` as (start, end) UTC instants."""
        end_day = day + ONE_DAY if self.crosses_midnight else day
        return local_to_utc(day, self.start, tz), local_to_utc(end_day, self.end, tz)


@dataclass(frozen=True)
class SittingRule:
    """Remind every `interval` of sitting inside `window` on `weekdays` (ISO, Monday=1).

    Quiet hours apply on every day, whatever the weekday.
    """

    tz: ZoneInfo
    interval: timedelta
    window: LocalWindow
    weekdays: frozenset[int]
    quiet: LocalWindow | None = None

    def __post_init__(self) -> None:
        _check_zone(self.tz)
        if not isinstance(self.interval, timedelta) or not (
            MIN_INTERVAL <= self.interval <= MAX_INTERVAL
        ):
            raise ValueError(f"interval must be 15 to 240 minutes, got {self.interval!r}")
        if not isinstance(self.window, LocalWindow):
            raise ValueError("window must be a LocalWindow")
        _check_quiet(self.quiet)
        object.__setattr__(self, "weekdays", _checked_weekdays(self.weekdays))


@dataclass(frozen=True)
class TimesRule:
    """Remind at fixed local `times` on `weekdays` (ISO, Monday=1), outside quiet hours."""

    tz: ZoneInfo
    times: tuple[time, ...]
    weekdays: frozenset[int]
    quiet: LocalWindow | None = None

    def __post_init__(self) -> None:
        _check_zone(self.tz)
        times = tuple(self.times)
        if not times:
            raise ValueError("times must hold at least one local time")
        if any(not isinstance(at, time) or at.tzinfo is not None for at in times):
            raise ValueError("times must be naive datetime.time values (wall time)")
        _check_quiet(self.quiet)
        object.__setattr__(self, "times", tuple(sorted(set(times))))
        object.__setattr__(self, "weekdays", _checked_weekdays(self.weekdays))


def _check_zone(tz: object) -> None:
    if not isinstance(tz, ZoneInfo):
        raise ValueError("tz must be a zoneinfo.ZoneInfo (an IANA zone)")


def _check_quiet(quiet: object) -> None:
    if quiet is not None and not isinstance(quiet, LocalWindow):
        raise ValueError("quiet must be a LocalWindow or None")


def _checked_weekdays(weekdays: object) -> frozenset[int]:
    try:
        days = frozenset(weekdays)  # type: ignore[arg-type]
    except TypeError:
        raise ValueError("weekdays must be a set of ISO weekdays 1-7") from None
    if not days:
        raise ValueError("weekdays must hold at least one ISO weekday (Monday=1..Sunday=7)")
    if any(type(day) is not int or not 1 <= day <= 7 for day in days):
        raise ValueError(f"weekdays must be ISO weekdays 1-7, got {sorted(days, key=repr)}")
    return days


def _utc(name: str, value: datetime) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")
    return value.astimezone(UTC)


def _utc_or_none(name: str, value: datetime | None) -> datetime | None:
    return None if value is None else _utc(name, value)


def _quiet_end(rule: SittingRule | TimesRule, instant: datetime) -> datetime | None:
    """Return the end of the quiet hours `instant` falls in, or None outside them."""
    if rule.quiet is None:
        return None
    local_day = instant.astimezone(rule.tz).date()
    for day in (local_day - ONE_DAY, local_day, local_day + ONE_DAY):
        start, end = rule.quiet.span(day, rule.tz)
        if start <= instant < end:
            return end
    return None


def _windows(rule: SittingRule, after: datetime) -> Iterator[Span]:
    """Yield the allowed windows that end after `after`, in order, for the next 14 days."""
    first_day = after.astimezone(rule.tz).date() - ONE_DAY
    for offset in range(HORIZON_DAYS + 2):
        day = first_day + timedelta(days=offset)
        if day.isoweekday() not in rule.weekdays:
            continue
        start, end = rule.window.span(day, rule.tz)
        # A window can collapse to nothing when both edges fall in one DST gap.
        if end > after and end > start:
            yield start, end


def _window_containing(rule: SittingRule, instant: datetime) -> Span | None:
    local_day = instant.astimezone(rule.tz).date()
    for day in (local_day - ONE_DAY, local_day):
        if day.isoweekday() in rule.weekdays:
            start, end = rule.window.span(day, rule.tz)
            if start <= instant < end:
                return start, end
    return None


def _settle(
    rule: SittingRule, candidate: datetime, paused_until: datetime | None, window_end: datetime
) -> datetime | None:
    """Return `candidate` moved past the pause and out of quiet hours, or None past the window."""
    while candidate < window_end:
        if paused_until is not None and candidate < paused_until:
            candidate = paused_until
            continue
        quiet_end = _quiet_end(rule, candidate)
        if quiet_end is None:
            return candidate
        candidate = quiet_end
    return None


def _fire_in_window(
    rule: SittingRule,
    window: Span,
    after: datetime,
    last_break: datetime | None,
    paused_until: datetime | None,
) -> datetime | None:
    start, end = window
    sat_down = start if last_break is None else max(start, last_break)
    fire = _settle(rule, sat_down + rule.interval, paused_until, end)
    while fire is not None and fire <= after:
        # That reminder went out (or is assumed to have), so it is the last break.
        fire = _settle(rule, fire + rule.interval, paused_until, end)
    return fire


def next_sitting_fire(
    rule: SittingRule,
    *,
    after: datetime,
    last_break: datetime | None = None,
    paused_until: datetime | None = None,
    snoozed_until: datetime | None = None,
) -> datetime | None:
    """Return the first sitting reminder strictly after `after`, in UTC.

    1. A snooze later than `after` wins: inside an allowed window it fires at
       `snoozed_until`, moved past the pause and out of quiet hours like any
       other reminder; if that leaves its window, or the snooze lies outside
       every window, the normal rules apply from `snoozed_until` on.
    2. Otherwise, per allowed window (a window belongs to the weekday it
       opens on): the person sits from the opening, so the first reminder
       comes `interval` after the opening, or `interval` after `last_break`
       (the last reminder sent or a stretch logged by hand) if that is later.
       Each reminder at or before `after` counts as sent, and the next follows
       `interval` later, until one lies after `after`.
    3. A reminder before `paused_until` waits for it; one in quiet hours moves
       to their end. Either way, if it leaves the window (end excluded), the
       next window starts afresh, so a window shorter than the interval gives
       no reminder.

    All arguments must be aware; intervals are real elapsed time. None means
    no reminder in the next 14 days (quiet hours cover the window, or a long
    pause).
    """
    after = _utc("after", after)
    last_break = _utc_or_none("last_break", last_break)
    paused_until = _utc_or_none("paused_until", paused_until)
    snoozed_until = _utc_or_none("snoozed_until", snoozed_until)
    if snoozed_until is not None and snoozed_until > after:
        window = _window_containing(rule, snoozed_until)
        if window is not None:
            fire = _settle(rule, snoozed_until, paused_until, window[1])
            if fire is not None:
                return fire
        after = snoozed_until
    for window in _windows(rule, after):
        fire = _fire_in_window(rule, window, after, last_break, paused_until)
        if fire is not None:
            return fire
    return None


def next_times_fire(
    rule: TimesRule,
    *,
    after: datetime,
    paused_until: datetime | None = None,
    snoozed_until: datetime | None = None,
) -> datetime | None:
    """Return the next of the rule's local times strictly after `after`, in UTC.

    1. Only times on an allowed weekday, outside quiet hours and not before
       `paused_until` count; the others are skipped, not moved. A missing
       local time fires at the end of the DST gap, a doubled one at its first
       occurrence.
    2. A snooze later than `after` brings the routine back then, moved past
       the pause and out of quiet hours (to their end), as a sitting
       reminder's snooze is; the next fixed time still wins if it comes
       sooner. A snooze that cannot leave quiet hours within 14 days is
       dropped.

    None means no reminder in the next 14 days.
    """
    after = _utc("after", after)
    paused_until = _utc_or_none("paused_until", paused_until)
    snoozed_until = _utc_or_none("snoozed_until", snoozed_until)
    fire = _next_fixed_time(rule, after, paused_until)
    if snoozed_until is not None and snoozed_until > after:
        snoozed = _settle_snooze(rule, snoozed_until, paused_until, after + HORIZON_DAYS * ONE_DAY)
        if snoozed is not None:
            fire = snoozed if fire is None else min(fire, snoozed)
    return fire


def _next_fixed_time(
    rule: TimesRule, after: datetime, paused_until: datetime | None
) -> datetime | None:
    first_day = after.astimezone(rule.tz).date() - ONE_DAY
    for offset in range(HORIZON_DAYS + 2):
        day = first_day + timedelta(days=offset)
        if day.isoweekday() not in rule.weekdays:
            continue
        for at in rule.times:
            fire = local_to_utc(day, at, rule.tz)
            if fire <= after or (paused_until is not None and fire < paused_until):
                continue
            if _quiet_end(rule, fire) is None:
                return fire
    return None


def _settle_snooze(
    rule: TimesRule, candidate: datetime, paused_until: datetime | None, horizon: datetime
) -> datetime | None:
    """Return `candidate` moved past the pause and out of quiet hours, or None past `horizon`."""
    while candidate <= horizon:
        if paused_until is not None and candidate < paused_until:
            candidate = paused_until
            continue
        quiet_end = _quiet_end(rule, candidate)
        if quiet_end is None:
            return candidate
        # Quiet hours of 24 hours end where the next day's begin: the horizon stops the loop.
        candidate = quiet_end
    return None


def quiet_until(instant: datetime, tz: ZoneInfo, windows: Iterable[LocalWindow]) -> datetime | None:
    """Return when the quiet hours `instant` falls in end, or None outside quiet hours.

    `windows` are a person's quiet hours (local wall time in `tz`), from any of
    their reminders; overlapping or touching windows count as one, so the answer
    is the first instant outside all of them. A one-off notice (a care message)
    due at `instant` waits until then. At most two days ahead: a window that
    covers the whole day (start == end) never lets a notice through, and None
    is no answer for that, so it ends after two days like any other.
    """
    instant = _utc("instant", instant)
    windows = tuple(windows)
    for window in windows:
        if not isinstance(window, LocalWindow):
            raise ValueError("windows must be LocalWindow values")
    limit = instant + 2 * ONE_DAY
    candidate = instant
    while candidate < limit:
        ends = [end for end in (_window_end_at(w, tz, candidate) for w in windows) if end]
        if not ends:
            break
        candidate = max(ends)
    if candidate == instant:
        return None
    return min(candidate, limit)


def _window_end_at(window: LocalWindow, tz: ZoneInfo, instant: datetime) -> datetime | None:
    local_day = instant.astimezone(tz).date()
    for day in (local_day - ONE_DAY, local_day, local_day + ONE_DAY):
        start, end = window.span(day, tz)
        if start <= instant < end:
            return end
    return None


def after_outage(
    instants: Sequence[datetime], *, now: datetime, grace: timedelta
) -> tuple[datetime | None, list[datetime]]:
    """Return (the instant to send, the instants to record as missed) of what fell due.

    `instants` are every instant a reminder fell due at, oldest first, none after
    `now`: one in normal running, several after an outage of the dispatcher.
    Only the latest can still be sent, and only if it fell due within `grace`
    of `now`; a reminder later than that, or a burst of old ones, would arrive
    when it no longer means anything. Every other instant is recorded missed, so
    a person's history shows each one.
    """
    if not instants:
        return None, []
    *older, latest = instants
    if now - latest <= grace:
        return latest, list(older)
    return None, [*older, latest]
