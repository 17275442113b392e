"""Driving-break reminders for truck drivers: pure math, no ORM and no clock.

A drive is an ordered list of segments; the last may be open (end None: still
going). Only driving segments are counted. Any time not covered by a driving
segment is a stop, whether a "stopped" segment records it or not, and
back-to-back stopped segments are one stop. The current instant is always an
argument, and segments are cut off at it.

Rules, each a driving limit and what resets the count:
- "us": a 30-minute break is due before 8 hours of driving; any stop of
  30 minutes or more resets the count.
- "eu": a 45-minute break is due after at most 4.5 hours of driving; it may be
  split into 15+ minutes and then 30+ minutes, in that order, and the count
  resets only once the break is complete.
- "interval": a stretch every `every` of driving (default 120 minutes); a stop
  of 15 minutes or more resets the count.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

DEFAULT_EVERY = timedelta(minutes=120)
DEFAULT_LEAD = timedelta(minutes=15)
MIN_EVERY = timedelta(minutes=30)
MAX_EVERY = timedelta(hours=12)

US_LIMIT = timedelta(hours=8)
US_BREAK = timedelta(minutes=30)
EU_LIMIT = timedelta(hours=4, minutes=30)
EU_BREAK = timedelta(minutes=45)
EU_SPLIT_FIRST = timedelta(minutes=15)
EU_SPLIT_SECOND = timedelta(minutes=30)
INTERVAL_RESET = timedelta(minutes=15)

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class Segment:
    start: datetime
    end: datetime | None
    kind: Literal["driving", "stopped"]

    def __post_init__(self) -> None:
        if self.kind not in ("driving", "stopped"):
            raise ValueError(f'Segment.kind must be "driving" or "stopped", got {self.kind!r}')
        for value in (self.start, self.end):
            if value is not None and value.utcoffset() is None:
                raise ValueError("Segment start and end must be aware datetimes")
        if self.end is not None and self.end < self.start:
            raise ValueError("Segment end must not be before its start")


@dataclass(frozen=True)
class DriveRule:
    """A break regime; `every` is used by "interval" only (30 minutes to 12 hours)."""

    kind: Literal["us", "eu", "interval"]
    every: timedelta = DEFAULT_EVERY

    def __post_init__(self) -> None:
        if self.kind not in ("us", "eu", "interval"):
            raise ValueError(f'DriveRule.kind must be "us", "eu" or "interval", got {self.kind!r}')
        if not isinstance(self.every, timedelta) or not MIN_EVERY <= self.every <= MAX_EVERY:
            raise ValueError(f"every must be 30 minutes to 12 hours, got {self.every!r}")

    @property
    def limit(self) -> timedelta:
        """Return the driving time after which (us: before which) the break is due."""
        return {"us": US_LIMIT, "eu": EU_LIMIT}.get(self.kind, self.every)


def _after_stop(rule: DriveRule, stop: timedelta, first_part_done: bool) -> tuple[bool, bool]:
    """Return (count resets, EU first part taken) after a stop lasting `stop`."""
    if rule.kind == "us":
        return stop >= US_BREAK, False
    if rule.kind == "interval":
        return stop >= INTERVAL_RESET, False
    if stop >= EU_BREAK or (first_part_done and stop >= EU_SPLIT_SECOND):
        return True, False
    return False, first_part_done or stop >= EU_SPLIT_FIRST


def _driving_until(segments: Sequence[Segment], now: datetime) -> list[Interval]:
    """Return the driving intervals up to `now`, open ones closed at `now`."""
    previous_end: datetime | None = None
    for index, segment in enumerate(segments):
        if segment.end is None and index != len(segments) - 1:
            raise ValueError("only the last segment may be open (end None)")
        if previous_end is not None and segment.start < previous_end:
            raise ValueError("segments must be in order and must not overlap")
        previous_end = segment.end
    return [
        (segment.start, now if segment.end is None else min(segment.end, now))
        for segment in segments
        if segment.kind == "driving" and segment.start <= now
    ]


def _counted(rule: DriveRule, segments: Sequence[Segment], now: datetime) -> list[Interval]:
    """Return the driving intervals since the last completed break, up to `now`."""
    if now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    counted: list[Interval] = []
    first_part_done = False
    last_end: datetime | None = None
    for start, end in _driving_until(segments, now):
        if last_end is not None:
            reset, first_part_done = _after_stop(rule, start - last_end, first_part_done)
            if reset:
                counted = []
        counted.append((start, end))
        last_end = end
    # A stop still going on resets the count as soon as it is long enough.
    if last_end is not None and _after_stop(rule, now - last_end, first_part_done)[0]:
        counted = []
    return counted


def _driving_at(segments: Sequence[Segment], now: datetime) -> bool:
    started = [segment for segment in segments if segment.start <= now]
    if not started:
        return False
    last = started[-1]
    return last.kind == "driving" and (last.end is None or last.end > now)


def driving_since_reset(rule: DriveRule, segments: Sequence[Segment], now: datetime) -> timedelta:
    """Return the driving time up to `now` that counts toward the next required break."""
    return sum((end - start for start, end in _counted(rule, segments, now)), timedelta())


def count_started_at(
    rule: DriveRule, segments: Sequence[Segment], now: datetime
) -> datetime | None:
    """Return the first driving instant of the current count, in UTC.

    This identifies the count: store it with a drive reminder and pass it back
    as `already_fired_for`. None when nothing counts (no driving yet, or a
    completed break since the last driving).
    """
    counted = _counted(rule, segments, now)
    return counted[0][0].astimezone(UTC) if counted else None


def next_drive_reminder(
    rule: DriveRule,
    segments: Sequence[Segment],
    now: datetime,
    lead: timedelta = DEFAULT_LEAD,
    *,
    already_fired_for: datetime | None = None,
) -> datetime | None:
    """Return when the count reaches `rule.limit - lead` if the driver keeps driving, in UTC.

    That is the "stretch at your next stop: your break is due in 15 minutes"
    reminder. The instant is stable while the driver keeps driving and may be
    at or before `now` (overdue: send it now). None while stopped (the stop is
    the moment to stretch), and when `already_fired_for` is at or after the
    start of the current count: pass `count_started_at` as it was when the
    last reminder went out (the instant it went out works too).
    """
    if not timedelta() <= lead < rule.limit:
        raise ValueError("lead must be at least zero and shorter than the rule's limit")
    counted = _counted(rule, segments, now)
    if not _driving_at(segments, now) or not counted:
        return None
    if already_fired_for is not None and already_fired_for >= counted[0][0]:
        return None
    return _when_count_reaches(counted, rule.limit - lead).astimezone(UTC)


def _when_count_reaches(counted: list[Interval], target: timedelta) -> datetime:
    """Return the instant the count reaches `target`, carrying on the last interval."""
    total = timedelta()
    for start, end in counted[:-1]:
        if total + (end - start) >= target:
            return start + (target - total)
        total += end - start
    return counted[-1][0] + (target - total)
