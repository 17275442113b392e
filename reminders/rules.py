"""Build the pure scheduling rules of reminders.schedule from stored rows."""

from datetime import datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from reminders.drive_rules import DriveRule, Segment
from reminders.models import Drive, Schedule, ScheduleKind
from reminders.schedule import (
    LocalWindow,
    SittingRule,
    TimesRule,
    next_sitting_fire,
    next_times_fire,
)


class RuleSpec(NamedTuple):
    """What a schedule's rule is made of, hashable: equal specs give equal rules."""

    kind: str
    tz: str
    interval_minutes: int
    window_start: time
    window_end: time
    weekdays: tuple[int, ...]
    times: tuple[time, ...]
    quiet_start: time | None
    quiet_end: time | None


def _as_time(value) -> time:
    return value if isinstance(value, time) else time.fromisoformat(value)


def rule_spec(
    *,
    kind: str,
    tz: str,
    interval_minutes: int,
    window_start,
    window_end,
    weekdays,
    times,
    quiet_start,
    quiet_end,
) -> RuleSpec:
    """Return the spec of a schedule's stored values (times as "HH:MM" or time)."""
    sitting = kind != ScheduleKind.TIMES
    quiet = quiet_start is not None and quiet_end is not None
    return RuleSpec(
        kind=kind,
        tz=tz,
        # Only what the kind uses, so that schedules differing elsewhere share one rule.
        interval_minutes=interval_minutes if sitting else 0,
        window_start=_as_time(window_start) if sitting else time(0),
        window_end=_as_time(window_end) if sitting else time(0),
        weekdays=tuple(sorted(weekdays)),
        times=() if sitting else tuple(sorted(_as_time(t) for t in times)),
        quiet_start=_as_time(quiet_start) if quiet else None,
        quiet_end=_as_time(quiet_end) if quiet else None,
    )


@lru_cache(maxsize=4096)
def rule_for(spec: RuleSpec) -> SittingRule | TimesRule:
    """Return the pure rule of a spec (cached: building and checking one is not free)."""
    tz = ZoneInfo(spec.tz)
    quiet = None if spec.quiet_start is None else LocalWindow(spec.quiet_start, spec.quiet_end)
    if spec.kind == ScheduleKind.TIMES:
        return TimesRule(tz=tz, times=spec.times, weekdays=frozenset(spec.weekdays), quiet=quiet)
    return SittingRule(
        tz=tz,
        interval=timedelta(minutes=spec.interval_minutes),
        window=LocalWindow(spec.window_start, spec.window_end),
        weekdays=frozenset(spec.weekdays),
        quiet=quiet,
    )


def schedule_spec(schedule: Schedule, tz: ZoneInfo) -> RuleSpec:
    return rule_spec(
        kind=schedule.kind,
        tz=tz.key,
        interval_minutes=schedule.interval_minutes,
        window_start=schedule.window_start,
        window_end=schedule.window_end,
        weekdays=schedule.weekdays,
        times=schedule.times,
        quiet_start=schedule.quiet_start,
        quiet_end=schedule.quiet_end,
    )


def schedule_rule(schedule: Schedule, tz: ZoneInfo) -> SittingRule | TimesRule:
    return rule_for(schedule_spec(schedule, tz))


def spec_next_fire(
    spec: RuleSpec,
    *,
    after: datetime,
    last_break: datetime | None = None,
    paused_until: datetime | None = None,
    snoozed_until: datetime | None = None,
) -> datetime | None:
    """Return the next fire strictly after `after` of an active schedule with this spec.

    `last_break` is the later of the last reminder and the last stretch logged by
    hand; only sitting breaks use it. A pure function of its arguments, so the
    dispatcher may reuse one answer for every due schedule with the same inputs.
    """
    rule = rule_for(spec)
    if isinstance(rule, TimesRule):
        return next_times_fire(
            rule, after=after, paused_until=paused_until, snoozed_until=snoozed_until
        )
    return next_sitting_fire(
        rule,
        after=after,
        last_break=last_break,
        paused_until=paused_until,
        snoozed_until=snoozed_until,
    )


def schedule_next_fire(
    schedule: Schedule, *, tz: ZoneInfo, after: datetime, last_break: datetime | None = None
) -> datetime | None:
    """Return the schedule's next fire strictly after `after`, or None (inactive or none soon)."""
    if not schedule.is_active:
        return None
    return spec_next_fire(
        schedule_spec(schedule, tz),
        after=after,
        last_break=last_break,
        paused_until=schedule.paused_until,
        snoozed_until=schedule.snoozed_until,
    )


def drive_rule(drive: Drive) -> DriveRule:
    return DriveRule(kind=drive.rules, every=timedelta(minutes=drive.stop_every_minutes))


def drive_segments(drive: Drive) -> list[Segment]:
    return [Segment(start=s.start, end=s.end, kind=s.kind) for s in drive.segments.all()]
