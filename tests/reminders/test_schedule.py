"""Sitting and fixed-time reminders: pure functions, no database, time passed in."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reminders.schedule import (
    LocalWindow,
    SittingRule,
    TimesRule,
    after_outage,
    local_to_utc,
    next_sitting_fire,
    next_times_fire,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS = frozenset({1, 2, 3, 4, 5})
ALL_DAYS = frozenset(range(1, 8))
OFFICE = LocalWindow(time(9, 0), time(17, 0))
HOUR = timedelta(hours=1)


def at(tz: ZoneInfo, *args: int) -> datetime:
    """Return a local wall time in `tz` (fold=0) as a UTC instant."""
    return datetime(*args, tzinfo=tz).astimezone(UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def sitting(**overrides) -> SittingRule:
    fields = {"tz": BERLIN, "interval": HOUR, "window": OFFICE, "weekdays": WEEKDAYS}
    return SittingRule(**(fields | overrides))


# 2026-06-01 is a Monday; Berlin is on CEST (UTC+2) then.


def test_first_reminder_comes_one_interval_after_the_window_opens():
    fire = next_sitting_fire(sitting(), after=at(BERLIN, 2026, 6, 1, 7, 0))

    assert fire == at(BERLIN, 2026, 6, 1, 10, 0)
    assert fire.tzinfo is UTC


def test_a_logged_stretch_pushes_the_next_reminder_back():
    fire = next_sitting_fire(
        sitting(),
        after=at(BERLIN, 2026, 6, 1, 9, 50),
        last_break=at(BERLIN, 2026, 6, 1, 9, 40),
    )

    assert fire == at(BERLIN, 2026, 6, 1, 10, 40)


def test_a_break_from_yesterday_does_not_carry_into_todays_window():
    fire = next_sitting_fire(
        sitting(),
        after=at(BERLIN, 2026, 6, 2, 8, 0),
        last_break=at(BERLIN, 2026, 6, 1, 16, 50),
    )

    assert fire == at(BERLIN, 2026, 6, 2, 10, 0)


def test_next_fire_is_strictly_after_after():
    # The 10:00 reminder is the one just sent, so the next is an hour later.
    fire = next_sitting_fire(
        sitting(),
        after=at(BERLIN, 2026, 6, 1, 10, 0),
        last_break=at(BERLIN, 2026, 6, 1, 10, 0),
    )

    assert fire == at(BERLIN, 2026, 6, 1, 11, 0)


def test_reminders_missed_before_after_count_as_sent():
    # Sitting since 09:00 with no break recorded: 10:00, 11:00 and 12:00 are
    # behind us, so the chain continues at 13:00.
    fire = next_sitting_fire(sitting(), after=at(BERLIN, 2026, 6, 1, 12, 30))

    assert fire == at(BERLIN, 2026, 6, 1, 13, 0)


def test_next_fire_skips_quiet_hours():
    rule = sitting(quiet=LocalWindow(time(12, 0), time(13, 30)))

    fire = next_sitting_fire(
        rule, after=at(BERLIN, 2026, 6, 1, 11, 30), last_break=at(BERLIN, 2026, 6, 1, 11, 15)
    )

    # 12:15 is in the lunch break, so the reminder waits for its end.
    assert fire == at(BERLIN, 2026, 6, 1, 13, 30)


def test_quiet_hours_running_past_the_window_move_the_reminder_to_the_next_window():
    rule = sitting(quiet=LocalWindow(time(16, 0), time(18, 0)))

    fire = next_sitting_fire(
        rule, after=at(BERLIN, 2026, 6, 1, 15, 30), last_break=at(BERLIN, 2026, 6, 1, 15, 10)
    )

    assert fire == at(BERLIN, 2026, 6, 2, 10, 0)


def test_none_when_quiet_hours_cover_the_whole_window():
    rule = sitting(quiet=LocalWindow(time(8, 0), time(18, 0)))

    assert next_sitting_fire(rule, after=at(BERLIN, 2026, 6, 1, 7, 0)) is None


def test_window_crossing_midnight_belongs_to_the_day_it_starts():
    # Night shift Friday 22:00 to Saturday 06:00; Friday only.
    rule = sitting(window=LocalWindow(time(22, 0), time(6, 0)), weekdays=frozenset({5}))

    # Saturday 02:30 is inside Friday's shift.
    saturday_night = next_sitting_fire(
        rule, after=at(BERLIN, 2026, 6, 6, 2, 30), last_break=at(BERLIN, 2026, 6, 6, 2, 0)
    )
    # Saturday's own 22:00 is not allowed, so after the shift ends the next
    # shift is the following Friday.
    after_the_shift = next_sitting_fire(rule, after=at(BERLIN, 2026, 6, 6, 5, 30))

    assert saturday_night == at(BERLIN, 2026, 6, 6, 3, 0)
    assert after_the_shift == at(BERLIN, 2026, 6, 12, 23, 0)


def test_a_snooze_after_midnight_counts_in_the_window_that_started_the_day_before():
    rule = sitting(window=LocalWindow(time(22, 0), time(6, 0)), weekdays=frozenset({5}))

    fire = next_sitting_fire(
        rule, after=at(BERLIN, 2026, 6, 6, 0, 30), snoozed_until=at(BERLIN, 2026, 6, 6, 0, 40)
    )

    assert fire == at(BERLIN, 2026, 6, 6, 0, 40)


def test_a_disallowed_weekday_is_skipped():
    # Friday after work: Saturday and Sunday are off, so Monday 10:00.
    fire = next_sitting_fire(sitting(), after=at(BERLIN, 2026, 6, 5, 17, 0))

    assert fire == at(BERLIN, 2026, 6, 8, 10, 0)


def test_a_window_shorter_than_the_interval_gives_no_reminder():
    rule = sitting(window=LocalWindow(time(9, 0), time(9, 45)))

    assert next_sitting_fire(rule, after=at(BERLIN, 2026, 6, 1, 7, 0)) is None


def test_a_reminder_at_the_window_end_does_not_fire():
    # The end is excluded: a one-hour window with a one-hour interval is silent.
    rule = sitting(window=LocalWindow(time(9, 0), time(10, 0)))

    assert next_sitting_fire(rule, after=at(BERLIN, 2026, 6, 1, 7, 0)) is None


def test_a_pause_holds_the_reminder_until_it_ends():
    fire = next_sitting_fire(
        sitting(),
        after=at(BERLIN, 2026, 6, 1, 9, 30),
        paused_until=at(BERLIN, 2026, 6, 1, 11, 20),
    )

    assert fire == at(BERLIN, 2026, 6, 1, 11, 20)


def test_a_pause_past_the_window_moves_to_the_next_allowed_window():
    fire = next_sitting_fire(
        sitting(),
        after=at(BERLIN, 2026, 6, 1, 9, 30),
        paused_until=at(BERLIN, 2026, 6, 1, 20, 0),
    )

    assert fire == at(BERLIN, 2026, 6, 2, 10, 0)


def test_a_pause_ending_in_quiet_hours_waits_for_their_end():
    rule = sitting(quiet=LocalWindow(time(12, 0), time(13, 0)))

    fire = next_sitting_fire(
        rule, after=at(BERLIN, 2026, 6, 1, 9, 30), paused_until=at(BERLIN, 2026, 6, 1, 12, 30)
    )

    assert fire == at(BERLIN, 2026, 6, 1, 13, 0)


def test_a_snooze_replaces_the_computed_time():
    after = at(BERLIN, 2026, 6, 1, 10, 0)

    earlier = at(BERLIN, 2026, 6, 1, 10, 10)
    later = at(BERLIN, 2026, 6, 1, 11, 40)

    # Without the snooze the next reminder would be 11:00.
    assert next_sitting_fire(sitting(), after=after, snoozed_until=earlier) == earlier
    assert next_sitting_fire(sitting(), after=after, snoozed_until=later) == later


def test_a_snooze_in_quiet_hours_moves_to_their_end():
    rule = sitting(quiet=LocalWindow(time(12, 0), time(12, 30)))

    fire = next_sitting_fire(
        rule, after=at(BERLIN, 2026, 6, 1, 11, 50), snoozed_until=at(BERLIN, 2026, 6, 1, 12, 5)
    )

    assert fire == at(BERLIN, 2026, 6, 1, 12, 30)


def test_a_snooze_past_the_window_falls_back_to_the_next_window():
    fire = next_sitting_fire(
        sitting(),
        after=at(BERLIN, 2026, 6, 1, 16, 30),
        snoozed_until=at(BERLIN, 2026, 6, 1, 17, 30),
    )

    assert fire == at(BERLIN, 2026, 6, 2, 10, 0)


def test_a_snooze_not_later_than_after_is_ignored():
    fire = next_sitting_fire(
        sitting(), after=at(BERLIN, 2026, 6, 1, 10, 30), snoozed_until=at(BERLIN, 2026, 6, 1, 10, 0)
    )

    assert fire == at(BERLIN, 2026, 6, 1, 11, 0)


def test_a_snooze_can_fire_inside_a_window_shorter_than_the_interval():
    rule = sitting(window=LocalWindow(time(9, 0), time(9, 45)))

    fire = next_sitting_fire(
        rule, after=at(BERLIN, 2026, 6, 1, 9, 10), snoozed_until=at(BERLIN, 2026, 6, 1, 9, 30)
    )

    assert fire == at(BERLIN, 2026, 6, 1, 9, 30)


def test_a_snooze_does_not_beat_a_pause():
    fire = next_sitting_fire(
        sitting(),
        after=at(BERLIN, 2026, 6, 1, 9, 30),
        snoozed_until=at(BERLIN, 2026, 6, 1, 9, 40),
        paused_until=at(BERLIN, 2026, 6, 1, 10, 15),
    )

    assert fire == at(BERLIN, 2026, 6, 1, 10, 15)


def test_inputs_in_other_zones_are_accepted_and_the_answer_is_utc():
    tokyo = ZoneInfo("Asia/Tokyo")

    fire = next_sitting_fire(sitting(), after=datetime(2026, 6, 1, 15, 0, tzinfo=tokyo))

    assert fire == at(BERLIN, 2026, 6, 1, 10, 0)
    assert fire.tzinfo is UTC


def test_a_naive_instant_is_refused():
    with pytest.raises(ValueError, match="after must be an aware datetime"):
        next_sitting_fire(sitting(), after=datetime(2026, 6, 1, 9, 0))


@pytest.mark.parametrize("minutes", [0, 14, 241])
def test_an_interval_outside_15_to_240_minutes_is_refused(minutes):
    with pytest.raises(ValueError, match="interval must be 15 to 240 minutes"):
        sitting(interval=timedelta(minutes=minutes))


@pytest.mark.parametrize("weekdays", [frozenset(), frozenset({0}), frozenset({8}), {1, "2"}])
def test_bad_weekdays_are_refused(weekdays):
    with pytest.raises(ValueError, match="weekday"):
        sitting(weekdays=weekdays)


def test_weekdays_given_as_a_set_are_stored_frozen():
    assert sitting(weekdays={1, 3}).weekdays == frozenset({1, 3})


def test_an_empty_times_rule_is_refused():
    with pytest.raises(ValueError, match="times must hold at least one"):
        TimesRule(tz=BERLIN, times=(), weekdays=ALL_DAYS)


def test_a_window_edge_with_a_zone_is_refused():
    with pytest.raises(ValueError, match="naive"):
        LocalWindow(time(9, 0, tzinfo=UTC), time(17, 0))


# Fixed times


def routine(**overrides) -> TimesRule:
    fields = {"tz": BERLIN, "times": (time(21, 0), time(7, 30)), "weekdays": ALL_DAYS}
    return TimesRule(**(fields | overrides))


def test_next_times_fire_picks_the_next_time_today():
    fire = next_times_fire(routine(), after=at(BERLIN, 2026, 6, 1, 8, 0))

    assert fire == at(BERLIN, 2026, 6, 1, 21, 0)


def test_next_times_fire_rolls_over_to_tomorrow_morning():
    fire = next_times_fire(routine(), after=at(BERLIN, 2026, 6, 1, 21, 0))

    assert fire == at(BERLIN, 2026, 6, 2, 7, 30)


def test_next_times_fire_skips_disallowed_weekdays():
    fire = next_times_fire(routine(weekdays=frozenset({1})), after=at(BERLIN, 2026, 6, 1, 21, 30))

    assert fire == at(BERLIN, 2026, 6, 8, 7, 30)


def test_next_times_fire_skips_times_in_quiet_hours():
    rule = routine(quiet=LocalWindow(time(20, 0), time(7, 0)))

    fire = next_times_fire(rule, after=at(BERLIN, 2026, 6, 1, 8, 0))

    assert fire == at(BERLIN, 2026, 6, 2, 7, 30)


def test_next_times_fire_skips_times_during_a_pause():
    fire = next_times_fire(
        routine(),
        after=at(BERLIN, 2026, 6, 1, 8, 0),
        paused_until=at(BERLIN, 2026, 6, 3, 7, 0),
    )

    # Skipped, not moved: the routine does not fire at the end of the pause.
    assert fire == at(BERLIN, 2026, 6, 3, 7, 30)


def test_next_times_fire_is_none_when_quiet_hours_cover_every_time():
    rule = routine(quiet=LocalWindow(time(0, 0), time(0, 0)))

    assert next_times_fire(rule, after=at(BERLIN, 2026, 6, 1, 8, 0)) is None


def test_a_snoozed_routine_comes_back_at_the_snooze():
    fire = next_times_fire(
        routine(), after=at(BERLIN, 2026, 6, 1, 7, 30), snoozed_until=at(BERLIN, 2026, 6, 1, 7, 50)
    )

    assert fire == at(BERLIN, 2026, 6, 1, 7, 50)


def test_a_snooze_into_quiet_hours_moves_to_their_end():
    # 21:00 snoozed for 30 minutes, quiet from 21:15: it comes back at 07:00, as a
    # sitting reminder in quiet hours does, and the 07:30 time follows as usual.
    rule = routine(quiet=LocalWindow(time(21, 15), time(7, 0)))
    after = at(BERLIN, 2026, 6, 1, 21, 0)

    fire = next_times_fire(rule, after=after, snoozed_until=after + timedelta(minutes=30))

    assert fire == at(BERLIN, 2026, 6, 2, 7, 0)
    assert next_times_fire(rule, after=fire) == at(BERLIN, 2026, 6, 2, 7, 30)


def test_a_snooze_moved_past_a_pause_still_leaves_quiet_hours():
    rule = routine(times=(time(12, 0),), quiet=LocalWindow(time(22, 0), time(6, 0)))
    after = at(BERLIN, 2026, 6, 1, 21, 0)

    fire = next_times_fire(
        rule,
        after=after,
        snoozed_until=after + timedelta(minutes=10),
        paused_until=at(BERLIN, 2026, 6, 1, 23, 0),
    )

    assert fire == at(BERLIN, 2026, 6, 2, 6, 0)


def test_a_fixed_time_inside_quiet_hours_does_not_replace_the_moved_snooze():
    rule = routine(times=(time(6, 30),), quiet=LocalWindow(time(22, 0), time(7, 0)))
    after = at(BERLIN, 2026, 6, 1, 21, 55)

    # 06:30 itself is quiet, so skipped; the snooze at 22:05 moves to 07:00.
    fire = next_times_fire(rule, after=after, snoozed_until=after + timedelta(minutes=10))

    assert fire == at(BERLIN, 2026, 6, 2, 7, 0)


def test_a_snooze_under_round_the_clock_quiet_hours_is_dropped():
    rule = routine(quiet=LocalWindow(time(0, 0), time(0, 0)))
    after = at(BERLIN, 2026, 6, 1, 8, 0)

    assert next_times_fire(rule, after=after, snoozed_until=after + timedelta(minutes=10)) is None


# DST. America/New_York: springs forward 2026-03-08 02:00 EST -> 03:00 EDT,
# falls back 2026-11-01 02:00 EDT -> 01:00 EST. Europe/Berlin: springs forward
# 2026-03-29 02:00 CET -> 03:00 CEST, falls back 2026-10-25 03:00 CEST -> 02:00 CET.
# All four nights are Sundays.

NIGHT = LocalWindow(time(0, 0), time(6, 0))


def night_rule(tz: ZoneInfo) -> SittingRule:
    return SittingRule(tz=tz, interval=HOUR, window=NIGHT, weekdays=frozenset({7}))


@pytest.mark.parametrize(
    ("tz", "last_break", "expected"),
    [
        # Spring forward: one real hour after 01:30 EST the clock reads 03:30 EDT.
        (NEW_YORK, utc(2026, 3, 8, 6, 30), utc(2026, 3, 8, 7, 30)),
        (BERLIN, utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 1, 30)),
        # Fall back: one real hour after 01:30 EDT the clock reads 01:30 EST again.
        (NEW_YORK, utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 6, 30)),
        (BERLIN, utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30)),
    ],
    ids=["new-york-spring", "berlin-spring", "new-york-fall", "berlin-fall"],
)
def test_sitting_intervals_across_a_clock_change_are_real_elapsed_time(tz, last_break, expected):
    fire = next_sitting_fire(night_rule(tz), after=last_break, last_break=last_break)

    assert fire == expected


def test_a_window_opening_in_the_spring_forward_gap_opens_when_the_clocks_jump():
    rule = SittingRule(
        tz=NEW_YORK,
        interval=timedelta(minutes=30),
        window=LocalWindow(time(2, 30), time(6, 0)),
        weekdays=frozenset({7}),
    )

    fire = next_sitting_fire(rule, after=utc(2026, 3, 8, 0, 0))

    # 02:30 does not exist; the window opens at 03:00 EDT (07:00 UTC).
    assert fire == utc(2026, 3, 8, 7, 30)


def test_quiet_hours_ending_in_the_fall_back_hour_end_at_its_first_pass():
    rule = SittingRule(
        tz=NEW_YORK,
        interval=timedelta(minutes=30),
        window=NIGHT,
        weekdays=frozenset({7}),
        quiet=LocalWindow(time(0, 0), time(1, 30)),
    )

    fire = next_sitting_fire(rule, after=utc(2026, 11, 1, 3, 0))

    # 00:30 is quiet; the quiet hours end at the first 01:30, which is EDT.
    assert fire == utc(2026, 11, 1, 5, 30)


@pytest.mark.parametrize(
    ("tz", "day", "expected"),
    [
        (NEW_YORK, date(2026, 3, 8), utc(2026, 3, 8, 7, 0)),
        (BERLIN, date(2026, 3, 29), utc(2026, 3, 29, 1, 0)),
    ],
    ids=["new-york", "berlin"],
)
def test_a_fixed_time_in_the_spring_forward_gap_fires_when_the_clocks_jump(tz, day, expected):
    rule = TimesRule(tz=tz, times=(time(2, 30),), weekdays=ALL_DAYS)

    fire = next_times_fire(rule, after=datetime.combine(day, time(0, 0), tzinfo=tz))

    assert fire == expected
    assert fire.astimezone(tz).time() == time(3, 0)


@pytest.mark.parametrize(
    ("tz", "first", "next_day"),
    [
        # 01:30 EDT, then not 01:30 EST, but 01:30 EST on Monday.
        (NEW_YORK, utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)),
        # 02:30 CEST, then not 02:30 CET, but 02:30 CET on Monday.
        (BERLIN, utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30)),
    ],
    ids=["new-york", "berlin"],
)
def test_a_fixed_time_in_the_fall_back_hour_fires_once_at_its_first_occurrence(tz, first, next_day):
    doubled = time(1, 30) if tz is NEW_YORK else time(2, 30)
    rule = TimesRule(tz=tz, times=(doubled,), weekdays=ALL_DAYS)

    assert next_times_fire(rule, after=first - HOUR) == first
    assert next_times_fire(rule, after=first) == next_day


def test_two_fixed_times_in_the_gap_both_map_to_the_jump():
    assert local_to_utc(date(2026, 3, 8), time(2, 10), NEW_YORK) == utc(2026, 3, 8, 7, 0)
    assert local_to_utc(date(2026, 3, 8), time(2, 40), NEW_YORK) == utc(2026, 3, 8, 7, 0)


# Properties over random rules, zones and instants. The oracle below finds
# wall-clock edges on its own: fold=0 where the wall time exists, and by
# stepping minute by minute through a spring-forward gap (rule times are whole
# minutes, and these zones change offset on whole minutes).

# Zones with and without DST, with half- and quarter-hour offsets and a
# half-hour DST shift (Lord Howe), each with its local clock-change days in 2026
# so that many examples land near one.
ZONE_CHANGES = {
    "UTC": [],
    "Asia/Kolkata": [],
    "Asia/Kathmandu": [],
    "America/New_York": [date(2026, 3, 8), date(2026, 11, 1)],
    "America/St_Johns": [date(2026, 3, 8), date(2026, 11, 1)],
    "Europe/Berlin": [date(2026, 3, 29), date(2026, 10, 25)],
    "Australia/Adelaide": [date(2026, 4, 5), date(2026, 10, 4)],
    "Australia/Lord_Howe": [date(2026, 4, 5), date(2026, 10, 4)],
    "Pacific/Chatham": [date(2026, 4, 5), date(2026, 9, 27)],
}


def wall_edge(day: date, at_time: time, tz: ZoneInfo) -> datetime:
    wall = datetime.combine(day, at_time)
    instant = wall.replace(tzinfo=tz).astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) == wall:
        return instant
    instant = wall.replace(tzinfo=tz, fold=1).astimezone(UTC) - HOUR
    while instant.astimezone(tz).replace(tzinfo=None) < wall:
        instant += timedelta(minutes=1)
    return instant


def in_span(window: LocalWindow, day: date, tz: ZoneInfo, instant: datetime) -> bool:
    end_day = day + timedelta(days=1) if window.end <= window.start else day
    return wall_edge(day, window.start, tz) <= instant < wall_edge(end_day, window.end, tz)


def candidate_days(instant: datetime, tz: ZoneInfo) -> list[date]:
    local_day = instant.astimezone(tz).date()
    return [local_day - timedelta(days=1), local_day]


def in_allowed_window(rule: SittingRule, instant: datetime) -> bool:
    return any(
        day.isoweekday() in rule.weekdays and in_span(rule.window, day, rule.tz, instant)
        for day in candidate_days(instant, rule.tz)
    )


def in_quiet_hours(rule: SittingRule | TimesRule, instant: datetime) -> bool:
    return rule.quiet is not None and any(
        in_span(rule.quiet, day, rule.tz, instant) for day in candidate_days(instant, rule.tz)
    )


def minutes(low: int, high: int) -> st.SearchStrategy[timedelta]:
    return st.integers(low, high).map(lambda n: timedelta(minutes=n))


# Whole minutes, with extra weight on the small hours, and more on 02:00-03:45,
# where these zones' clocks change.
local_times = st.one_of(st.integers(0, 1439), st.integers(0, 240), st.integers(120, 225)).map(
    lambda n: time(n // 60, n % 60)
)
windows = st.builds(LocalWindow, local_times, local_times)
weekday_sets = st.frozensets(st.integers(1, 7), min_size=1)


@st.composite
def zone_and_instant(draw) -> tuple[ZoneInfo, datetime]:
    """Draw a zone and an instant, often within a day of one of its clock changes."""
    name = draw(st.sampled_from(sorted(ZONE_CHANGES)))
    tz = ZoneInfo(name)
    if ZONE_CHANGES[name] and draw(st.booleans()):
        day = draw(st.sampled_from(ZONE_CHANGES[name]))
        midnight = datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)
        return tz, midnight + draw(minutes(-1440, 1440))
    instant = draw(st.datetimes(datetime(2025, 1, 1), datetime(2028, 12, 31)))
    return tz, instant.replace(tzinfo=UTC)


@st.composite
def sitting_cases(draw) -> tuple[SittingRule, datetime]:
    tz, after = draw(zone_and_instant())
    rule = SittingRule(
        tz=tz,
        interval=draw(minutes(15, 240)),
        window=draw(windows),
        weekdays=draw(weekday_sets),
        quiet=draw(st.none() | windows),
    )
    return rule, after


@settings(max_examples=200, deadline=None)
@given(
    case=sitting_cases(),
    last_break=st.none() | minutes(-1500, 120),
    paused=st.none() | minutes(-120, 3000),
    snoozed=st.none() | minutes(-60, 1500),
)
def test_next_sitting_fire_keeps_every_rule(case, last_break, paused, snoozed):
    rule, after = case
    paused_until = None if paused is None else after + paused
    snoozed_until = None if snoozed is None else after + snoozed
    fire = next_sitting_fire(
        rule,
        after=after,
        last_break=None if last_break is None else after + last_break,
        paused_until=paused_until,
        snoozed_until=snoozed_until,
    )

    if fire is None:
        return
    assert fire.tzinfo is UTC
    assert fire > after
    assert in_allowed_window(rule, fire)
    assert not in_quiet_hours(rule, fire)
    assert paused_until is None or fire >= paused_until
    snooze_holds = (
        snoozed_until is not None
        and snoozed_until > after
        and in_allowed_window(rule, snoozed_until)
        and not in_quiet_hours(rule, snoozed_until)
        and (paused_until is None or snoozed_until >= paused_until)
    )
    if snooze_holds:
        assert fire == snoozed_until


def local_length(window: LocalWindow) -> timedelta:
    start = datetime.combine(date(2000, 1, 1), window.start)
    end = datetime.combine(date(2000, 1, 1), window.end)
    return end - start if end > start else end - start + timedelta(days=1)


@settings(max_examples=100, deadline=None)
@given(case=sitting_cases(), last_break=st.none() | minutes(-1500, 120))
def test_a_window_with_room_for_a_reminder_always_gets_one(case, last_break):
    rule, after = case
    # DST can shorten a window by an hour, hence the margin.
    if rule.quiet is not None or local_length(rule.window) < rule.interval + 2 * HOUR:
        return

    fire = next_sitting_fire(
        rule, after=after, last_break=None if last_break is None else after + last_break
    )

    assert fire is not None


@settings(max_examples=150, deadline=None)
@given(
    zone_after=zone_and_instant(),
    times=st.lists(local_times, min_size=1, max_size=4),
    weekdays=weekday_sets,
    quiet=st.none() | windows,
    paused=st.none() | minutes(-120, 5000),
)
def test_next_times_fire_is_the_first_allowed_time(zone_after, times, weekdays, quiet, paused):
    tz, after = zone_after
    rule = TimesRule(tz=tz, times=tuple(times), weekdays=weekdays, quiet=quiet)
    paused_until = None if paused is None else after + paused

    fire = next_times_fire(rule, after=after, paused_until=paused_until)

    local_day = after.astimezone(tz).date()
    days = [local_day + timedelta(days=offset) for offset in range(-1, 15)]
    allowed = [
        instant
        for day in days
        if day.isoweekday() in weekdays
        for instant in (wall_edge(day, at_time, tz) for at_time in times)
        if instant > after
        and (paused_until is None or instant >= paused_until)
        and not in_quiet_hours(rule, instant)
    ]
    assert fire == min(allowed, default=None)


@settings(max_examples=150, deadline=None)
@given(case=sitting_cases())
def test_without_breaks_reminders_tick_from_the_window_opening(case):
    # No quiet hours, pause, snooze or logged stretch: the reminders are the
    # window opening plus whole intervals, and the answer is the first of
    # them after `after` across the allowed windows.
    rule, after = replace(case[0], quiet=None), case[1]

    fire = next_sitting_fire(rule, after=after)

    local_day = after.astimezone(rule.tz).date()
    expected = []
    for offset in range(-1, 15):
        day = local_day + timedelta(days=offset)
        end_day = day + timedelta(days=1) if rule.window.end <= rule.window.start else day
        start = wall_edge(day, rule.window.start, rule.tz)
        end = wall_edge(end_day, rule.window.end, rule.tz)
        ticks = max(1, (after - start) // rule.interval + 1)
        tick = start + ticks * rule.interval
        if day.isoweekday() in rule.weekdays and after < tick < end:
            expected.append(tick)
    assert fire == min(expected, default=None)


@settings(max_examples=150, deadline=None)
@given(
    zone_after=zone_and_instant(),
    times=st.lists(local_times, min_size=1, max_size=4),
    weekdays=weekday_sets,
    quiet=st.none() | windows,
    paused=st.none() | minutes(-120, 5000),
    snooze=minutes(1, 60),
)
def test_a_snoozed_routine_never_fires_in_quiet_hours_or_a_pause(
    zone_after, times, weekdays, quiet, paused, snooze
):
    tz, after = zone_after
    rule = TimesRule(tz=tz, times=tuple(times), weekdays=weekdays, quiet=quiet)
    paused_until = None if paused is None else after + paused

    fire = next_times_fire(
        rule, after=after, paused_until=paused_until, snoozed_until=after + snooze
    )

    unsnoozed = next_times_fire(rule, after=after, paused_until=paused_until)
    if fire is not None:
        assert fire > after
        assert not in_quiet_hours(rule, fire)
        assert paused_until is None or fire >= paused_until
        # A snooze only ever brings the routine sooner than its next fixed time.
        assert unsnoozed is None or fire <= unsnoozed
    else:
        assert unsnoozed is None


# -- after an outage ----------------------------------------------------------------------


def evening(hh: int, mm: int, ss: int = 0) -> datetime:
    """Return that time on 2026-11-25 in UTC."""
    return datetime(2026, 11, 25, hh, mm, ss, tzinfo=UTC)


def test_after_an_outage_the_latest_within_grace_is_sent_and_the_rest_missed():
    # The example: times 21:30, 21:31, 21:32; the dispatcher back at 21:32:36.
    send, missed = after_outage(
        [evening(21, 30), evening(21, 31), evening(21, 32)],
        now=evening(21, 32, 36),
        grace=timedelta(minutes=1),
    )

    assert send == evening(21, 32)
    assert missed == [evening(21, 30), evening(21, 31)]


def test_after_an_outage_past_the_grace_window_every_instant_is_missed():
    send, missed = after_outage(
        [evening(21, 30), evening(21, 31)], now=evening(21, 32, 1), grace=timedelta(minutes=1)
    )

    assert send is None
    assert missed == [evening(21, 30), evening(21, 31)]


@given(
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, unique=True),
    st.integers(min_value=0, max_value=3_000),
    st.integers(min_value=0, max_value=600),
)
def test_after_an_outage_each_instant_is_sent_or_missed_exactly_once(offsets, late, grace):
    instants = [evening(0, 0) + timedelta(seconds=s) for s in sorted(offsets)]
    now = instants[-1] + timedelta(seconds=late)

    send, missed = after_outage(instants, now=now, grace=timedelta(seconds=grace))

    assert sorted([*missed, *([send] if send else [])]) == instants
    assert send in (None, instants[-1])
    assert (send is not None) == (late <= grace)
