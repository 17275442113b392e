"""Driving-break rules: pure functions over a drive's segments, time passed in."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reminders.drive_rules import (
    DriveRule,
    Segment,
    count_started_at,
    driving_since_reset,
    next_drive_reminder,
)

START = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
US = DriveRule("us")
EU = DriveRule("eu")
INTERVAL = DriveRule("interval")


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def drive(*parts: tuple[str, float | None], start: datetime = START) -> list[Segment]:
    """Return back-to-back segments from (kind, minutes) pairs; None minutes = still going."""
    segments = []
    for kind, length in parts:
        end = None if length is None else start + minutes(length)
        segments.append(Segment(start, end, kind))
        start = end
    return segments


def at(n: float) -> datetime:
    return START + minutes(n)


def test_the_count_adds_up_driving_and_leaves_out_short_stops():
    segments = drive(("driving", 120), ("stopped", 20), ("driving", None))

    assert driving_since_reset(US, segments, now=at(200)) == minutes(180)


def test_a_us_stop_of_30_minutes_resets_the_count():
    segments = drive(("driving", 300), ("stopped", 30), ("driving", None))

    assert driving_since_reset(US, segments, now=at(360)) == minutes(30)


def test_a_gap_between_driving_segments_counts_as_a_stop():
    segments = [
        Segment(at(0), at(120), "driving"),
        Segment(at(160), None, "driving"),
    ]

    assert driving_since_reset(US, segments, now=at(200)) == minutes(40)


def test_a_stop_still_going_resets_the_count_once_it_is_long_enough():
    segments = drive(("driving", 300), ("stopped", None))

    assert driving_since_reset(US, segments, now=at(329)) == minutes(300)
    assert driving_since_reset(US, segments, now=at(330)) == timedelta()


def test_segments_after_now_are_ignored_and_open_ones_end_at_now():
    segments = drive(("driving", 60), ("stopped", 10), ("driving", None))

    assert driving_since_reset(US, segments, now=at(30)) == minutes(30)
    assert driving_since_reset(US, segments, now=at(100)) == minutes(90)


def test_the_us_reminder_comes_15_minutes_before_8_hours_of_driving():
    segments = drive(("driving", 120), ("stopped", 20), ("driving", None))

    reminder = next_drive_reminder(US, segments, now=at(200))

    # 7 h 45 min of driving: 120 before the stop, 345 after it began at 140.
    assert reminder == at(140 + 345)
    assert reminder.tzinfo is UTC


def test_the_reminder_instant_does_not_move_while_the_driver_keeps_driving():
    segments = drive(("driving", None))

    assert next_drive_reminder(US, segments, now=at(10)) == at(465)
    assert next_drive_reminder(US, segments, now=at(400)) == at(465)


def test_an_overdue_reminder_keeps_the_instant_the_count_got_there():
    segments = drive(("driving", None))

    assert next_drive_reminder(US, segments, now=at(500)) == at(465)


def test_no_drive_reminder_while_stopped():
    segments = drive(("driving", 460), ("stopped", None))

    assert next_drive_reminder(US, segments, now=at(470)) is None


def test_no_second_reminder_for_the_same_count():
    segments = drive(("driving", 470), ("stopped", 10), ("driving", None))
    fired_for = count_started_at(US, segments, now=at(466))

    # The 10-minute stop did not reset the count, so it is still the same one.
    assert fired_for == START
    assert next_drive_reminder(US, segments, now=at(490), already_fired_for=fired_for) is None


def test_the_instant_the_reminder_went_out_also_marks_the_count():
    segments = drive(("driving", None))

    assert next_drive_reminder(US, segments, now=at(470), already_fired_for=at(466)) is None


def test_a_new_count_gets_a_new_reminder():
    segments = drive(("driving", 470), ("stopped", 30), ("driving", None))

    reminder = next_drive_reminder(US, segments, now=at(510), already_fired_for=START)

    assert count_started_at(US, segments, now=at(510)) == at(500)
    assert reminder == at(500 + 465)


def test_a_lead_of_zero_reminds_at_the_limit():
    segments = drive(("driving", None))

    assert next_drive_reminder(US, segments, now=at(1), lead=timedelta()) == at(480)


def test_the_eu_reminder_comes_15_minutes_before_4_and_a_half_hours():
    segments = drive(("driving", None))

    assert next_drive_reminder(EU, segments, now=at(1)) == at(255)


def test_an_eu_break_of_45_minutes_resets_the_count():
    segments = drive(("driving", 200), ("stopped", 45), ("driving", None))

    assert driving_since_reset(EU, segments, now=at(255)) == minutes(10)


def test_an_eu_break_of_30_minutes_alone_does_not_reset_the_count():
    segments = drive(("driving", 200), ("stopped", 30), ("driving", None))

    assert driving_since_reset(EU, segments, now=at(240)) == minutes(210)


def test_an_eu_break_split_15_then_30_resets_the_count_when_complete():
    segments = drive(
        ("driving", 100), ("stopped", 15), ("driving", 100), ("stopped", 30), ("driving", None)
    )

    # Before the second part is done, the first 200 minutes still count.
    assert driving_since_reset(EU, segments, now=at(244)) == minutes(200)
    assert driving_since_reset(EU, segments, now=at(255)) == minutes(10)


def test_a_short_stop_between_the_eu_parts_keeps_the_first_part():
    segments = drive(
        ("driving", 60),
        ("stopped", 15),
        ("driving", 60),
        ("stopped", 5),
        ("driving", 60),
        ("stopped", 30),
        ("driving", None),
    )

    assert driving_since_reset(EU, segments, now=at(240)) == minutes(10)


def test_an_eu_break_split_30_then_15_does_not_reset_the_count():
    segments = drive(
        ("driving", 100), ("stopped", 30), ("driving", 100), ("stopped", 15), ("driving", None)
    )

    # The 30-minute stop counts as a first part; 15 minutes cannot complete it.
    assert driving_since_reset(EU, segments, now=at(255)) == minutes(210)


def test_the_interval_rule_reminds_every_two_hours_by_default():
    segments = drive(("driving", None))

    assert next_drive_reminder(INTERVAL, segments, now=at(1)) == at(105)


def test_the_interval_rule_takes_its_own_period():
    segments = drive(("driving", None))

    rule = DriveRule("interval", every=minutes(90))

    assert next_drive_reminder(rule, segments, now=at(1)) == at(75)


def test_an_interval_stop_of_15_minutes_resets_the_count():
    segments = drive(("driving", 100), ("stopped", 15), ("driving", None))

    assert driving_since_reset(INTERVAL, segments, now=at(125)) == minutes(10)


def test_an_interval_stop_of_14_minutes_does_not_reset_the_count():
    segments = drive(("driving", 100), ("stopped", 14), ("driving", None))

    assert driving_since_reset(INTERVAL, segments, now=at(124)) == minutes(110)


def test_no_segments_means_no_driving_and_no_reminder():
    assert driving_since_reset(US, [], now=START) == timedelta()
    assert count_started_at(US, [], now=START) is None
    assert next_drive_reminder(US, [], now=START) is None


@pytest.mark.parametrize(
    ("segments", "message"),
    [
        ([Segment(at(0), None, "driving"), Segment(at(10), None, "stopped")], "only the last"),
        ([Segment(at(0), at(30), "driving"), Segment(at(20), None, "stopped")], "overlap"),
    ],
)
def test_bad_segment_lists_are_refused(segments, message):
    with pytest.raises(ValueError, match=message):
        driving_since_reset(US, segments, now=at(60))


def test_bad_segments_and_rules_are_refused():
    with pytest.raises(ValueError, match="kind"):
        Segment(at(0), None, "parked")
    with pytest.raises(ValueError, match="before its start"):
        Segment(at(10), at(0), "driving")
    with pytest.raises(ValueError, match="kind"):
        DriveRule("uk")
    with pytest.raises(ValueError, match="every must be"):
        DriveRule("interval", every=minutes(10))
    with pytest.raises(ValueError, match="lead"):
        next_drive_reminder(US, drive(("driving", None)), now=at(1), lead=timedelta(hours=8))


# Properties over random drives.

RESET_STOP = {"us": minutes(30), "eu": minutes(45), "interval": minutes(15)}

rules = st.one_of(
    st.sampled_from([US, EU, INTERVAL]),
    st.integers(30, 600).map(lambda n: DriveRule("interval", every=minutes(n))),
)
parts = st.lists(
    st.tuples(st.sampled_from(["driving", "stopped"]), st.integers(0, 300)), max_size=12
)


def total_driving(segments: list[Segment], now: datetime) -> timedelta:
    return sum(
        (
            min(segment.end or now, now) - segment.start
            for segment in segments
            if segment.kind == "driving" and segment.start <= now
        ),
        timedelta(),
    )


@settings(max_examples=200, deadline=None)
@given(rule=rules, parts=parts, open_last=st.booleans(), now_offset=st.integers(0, 4000))
def test_the_count_never_exceeds_the_driving_done(rule, parts, open_last, now_offset):
    segments = drive(*parts, *([("driving", None)] if open_last else []))
    now = at(now_offset)

    count = driving_since_reset(rule, segments, now)

    assert timedelta() <= count <= total_driving(segments, now)


@settings(max_examples=200, deadline=None)
@given(
    rule=rules,
    parts=parts,
    extra_stop=st.integers(0, 120),
    driven_after=st.integers(0, 600),
)
def test_a_long_enough_stop_always_resets_the_count(rule, parts, extra_stop, driven_after):
    stop = RESET_STOP[rule.kind] + minutes(extra_stop)
    before = drive(*parts)
    resume = (before[-1].end if before else START) + stop
    stopped = drive(*parts, ("stopped", None))
    now_stopped = resume

    after = [*before, Segment(resume, None, "driving")]
    now = resume + minutes(driven_after)

    assert driving_since_reset(rule, stopped, now_stopped) == timedelta()
    assert next_drive_reminder(rule, stopped, now_stopped) is None
    assert driving_since_reset(rule, after, now) == minutes(driven_after)
    assert count_started_at(rule, after, now) == resume


@settings(max_examples=200, deadline=None)
@given(rule=rules, parts=parts, now_offset=st.integers(0, 4000))
def test_driving_on_to_the_reminder_puts_the_count_at_limit_minus_lead(rule, parts, now_offset):
    segments = drive(*parts, ("driving", None))
    now = max(at(now_offset), segments[-1].start)

    reminder = next_drive_reminder(rule, segments, now)

    assert reminder is not None
    if reminder > now:
        # Still driving then, with no stop in between.
        assert driving_since_reset(rule, segments, reminder) == rule.limit - minutes(15)
