"""Local-day helpers: pure, no database, no clock."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.days import (
    DEFAULT_WINDOW_DAYS,
    MAX_WINDOW_DAYS,
    WindowError,
    date_range,
    day_bounds,
    local_date,
    window_for,
)

BERLIN = ZoneInfo("Europe/Berlin")
CHICAGO = ZoneInfo("America/Chicago")
TODAY = date(2026, 6, 15)


def test_local_date_uses_the_zone_not_utc():
    # 23:30 UTC on 1 June is already 2 June in Berlin and still 1 June in Chicago.
    instant = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)
    assert local_date(instant, BERLIN) == date(2026, 6, 2)
    assert local_date(instant, CHICAGO) == date(2026, 6, 1)


def test_local_date_refuses_a_naive_datetime():
    with pytest.raises(ValueError):
        local_date(datetime(2026, 6, 1, 12), BERLIN)


def test_day_bounds_spring_forward_day_is_23_hours_in_berlin():
    start, end = day_bounds(date(2026, 3, 29), BERLIN)
    assert start == datetime(2026, 3, 28, 23, 0, tzinfo=UTC)  # midnight CET (+1)
    assert end == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)  # midnight CEST (+2)
    assert end - start == timedelta(hours=23)


def test_day_bounds_fall_back_day_is_25_hours_in_chicago():
    start, end = day_bounds(date(2026, 11, 1), CHICAGO)
    assert start == datetime(2026, 11, 1, 5, 0, tzinfo=UTC)  # midnight CDT (-5)
    assert end == datetime(2026, 11, 2, 6, 0, tzinfo=UTC)  # midnight CST (-6)
    assert end - start == timedelta(hours=25)


def test_late_evening_on_spring_forward_day_lands_on_that_local_day():
    # 23:30 CEST on 29 March is 21:30 UTC; a naive "+1 hour" would get this wrong.
    instant = datetime(2026, 3, 29, 23, 30, tzinfo=BERLIN)
    assert instant.astimezone(UTC) == datetime(2026, 3, 29, 21, 30, tzinfo=UTC)
    assert local_date(instant, BERLIN) == date(2026, 3, 29)
    start, end = day_bounds(date(2026, 3, 29), BERLIN)
    assert start <= instant < end


def test_late_evening_on_fall_back_day_lands_on_that_local_day():
    # 23:30 CST on 1 November is 05:30 UTC on 2 November.
    instant = datetime(2026, 11, 1, 23, 30, tzinfo=CHICAGO)
    assert instant.astimezone(UTC) == datetime(2026, 11, 2, 5, 30, tzinfo=UTC)
    assert local_date(instant, CHICAGO) == date(2026, 11, 1)
    start, end = day_bounds(date(2026, 11, 1), CHICAGO)
    assert start <= instant < end


def test_day_bounds_start_after_a_midnight_gap_is_the_first_real_instant():
    # Chile springs forward at 00:00 -> 01:00 on 2026-09-06: midnight never happens.
    santiago = ZoneInfo("America/Santiago")
    start, _ = day_bounds(date(2026, 9, 6), santiago)
    assert local_date(start, santiago) == date(2026, 9, 6)
    assert local_date(start - timedelta(seconds=1), santiago) == date(2026, 9, 5)


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    zone=st.sampled_from(["Europe/Berlin", "America/Chicago", "Australia/Lord_Howe", "UTC"]),
)
def test_day_bounds_cover_exactly_the_local_day(day, zone):
    tz = ZoneInfo(zone)
    start, end = day_bounds(day, tz)
    assert local_date(start, tz) == day
    assert local_date(end - timedelta(microseconds=1), tz) == day
    assert local_date(end, tz) == day + timedelta(days=1)
    assert timedelta(hours=22) <= end - start <= timedelta(hours=26)


def test_date_range_includes_both_ends():
    assert list(date_range(date(2026, 2, 27), date(2026, 3, 2))) == [
        date(2026, 2, 27),
        date(2026, 2, 28),
        date(2026, 3, 1),
        date(2026, 3, 2),
    ]


def test_date_range_is_empty_when_start_is_after_end():
    assert list(date_range(date(2026, 3, 2), date(2026, 3, 1))) == []


def test_window_defaults_to_30_days_ending_today():
    assert window_for(today=TODAY) == (TODAY - timedelta(days=DEFAULT_WINDOW_DAYS - 1), TODAY)


def test_window_of_one_day_is_today():
    assert window_for(days=1, today=TODAY) == (TODAY, TODAY)


def test_window_takes_an_explicit_range():
    assert window_for(start=date(2026, 1, 1), end=date(2026, 1, 31), today=TODAY) == (
        date(2026, 1, 1),
        date(2026, 1, 31),
    )


def test_window_allows_exactly_the_maximum_span():
    start = date(2026, 1, 1)
    end = start + timedelta(days=MAX_WINDOW_DAYS - 1)
    assert window_for(start=start, end=end, today=end) == (start, end)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"days": 0}, "days"),
        ({"days": MAX_WINDOW_DAYS + 1}, "days"),
        ({"days": 7, "start": date(2026, 1, 1), "end": date(2026, 1, 2)}, "days"),
        ({"days": 7, "end": date(2026, 1, 2)}, "days"),
        ({"start": date(2026, 1, 1)}, "end"),
        ({"end": date(2026, 1, 1)}, "start"),
        ({"start": date(2026, 1, 2), "end": date(2026, 1, 1)}, "end"),
        ({"start": date(2025, 1, 1), "end": date(2026, 1, 2)}, "end"),
        ({"start": date(1999, 12, 31), "end": date(2000, 1, 2)}, "start"),
        ({"start": date(2027, 6, 1), "end": date(2027, 6, 17)}, "end"),
    ],
)
def test_window_refuses_bad_arguments_naming_the_field(kwargs, field):
    with pytest.raises(WindowError) as caught:
        window_for(today=TODAY, **kwargs)
    assert caught.value.field == field
