"""Build the pure scheduling rules of reminders.schedule from stored rows."""

from datetime import datetime, time, timedelta
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


def _quiet(schedule: Schedule) -> LocalWindow | None:
    if schedule.quiet_start is None or schedule.quiet_end is None:
        return None
    return LocalWindow(schedule.quiet_start, schedule.quiet_end)


def _as_time(value) -> time:
    return value if isinstance(value, time) else time.fromisoformat(value)


def schedule_rule(schedule: Schedule, tz: ZoneInfo) -> SittingRule | TimesRule:
    if schedule.kind == ScheduleKind.TIMES:
        return TimesRule(
            tz=tz,
            times=tuple(_as_time(t) for t in schedule.times),
            weekdays=frozenset(schedule.weekdays),
            quiet=_quiet(schedule),
        )
    return SittingRule(
        tz=tz,
        interval=timedelta(minutes=schedule.interval_minutes),
        window=LocalWindow(_as_time(schedule.window_start), _as_time(schedule.window_end)),
        weekdays=frozenset(schedule.weekdays),
        quiet=_quiet(schedule),
    )


def schedule_next_fire(
    schedule: Schedule, *, tz: ZoneInfo, after: datetime, last_break: datetime | None = None
) -> datetime | None:
    """Return the schedule's next fire strictly after `after`, or None (inactive or none soon).

    `last_break` is the later of the last reminder and the last stretch logged by
    hand; only sitting breaks use it.
    """
    if not schedule.is_active:
        return None
    rule = schedule_rule(schedule, tz)
    if isinstance(rule, TimesRule):
        fire = next_times_fire(rule, after=after, paused_until=schedule.paused_until)
        snoozed = schedule.snoozed_until
        if snoozed is not None and snoozed > after:
            # A snoozed routine comes back then (after any pause), or at its next time if sooner.
            if schedule.paused_until is not None:
                snoozed = max(snoozed, schedule.paused_until)
            fire = snoozed if fire is None else min(fire, snoozed)
        return fire
    return next_sitting_fire(
        rule,
        after=after,
        last_break=last_break,
        paused_until=schedule.paused_until,
        snoozed_until=schedule.snoozed_until,
    )


def drive_rule(drive: Drive) -> DriveRule:
    return DriveRule(kind=drive.rules, every=timedelta(minutes=drive.stop_every_minutes))


def drive_segments(drive: Drive) -> list[Segment]:
    return [Segment(start=s.start, end=s.end, kind=s.kind) for s in drive.segments.all()]
