"""Progress: the pure streak and strength rules, the per-day selector, and GET /progress/."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from exercises.models import Audience, Exercise, ExerciseLog, Kind, Plan, PlanItem
from tracker.days import local_date
from tracker.models import PainEntry, PauseDay, PauseReason
from tracker.progress import (
    MULTIPLIER,
    DayState,
    DayValue,
    StreakMark,
    day_state,
    habit_strength_series,
    streak_mark,
    streaks,
)
from tracker.selectors import progress_by_day, progress_summary

START = date(2026, 6, 1)  # a Monday


def run(*specs: tuple[int, int] | tuple[int, int, str], start: date = START) -> list[DayValue]:
    """Return consecutive days from `start`, one per (logged, target[, paused]) spec."""
    return [
        DayValue(
            date=start + timedelta(days=i), logged=s[0], target=s[1], paused=(s[2:] or [None])[0]
        )
        for i, s in enumerate(specs)
    ]


# --- pure rules: streaks ---------------------------------------------------


def test_consecutive_complete_days_make_a_streak():
    days = run((1, 1), (2, 1), (3, 3))
    assert streaks(days, today=days[-1].date) == (3, 3)


def test_a_missed_day_ends_the_current_streak_but_not_the_longest():
    days = run((1, 1), (1, 1), (0, 1), (1, 1))
    assert streaks(days, today=days[-1].date) == (1, 2)


def test_a_day_with_some_of_the_planned_sessions_extends_the_streak():
    # The demo driver's case: two planned a day, one done on most days.
    days = run((2, 2), (1, 2), (1, 2), (2, 2))
    assert streaks(days, today=days[-1].date) == (4, 4)
    # The habit strength still sees the half-done days as half.
    assert day_state(days[1]) is DayState.MISSED


def test_today_with_a_session_counts_at_once():
    days = run((1, 1), (1, 1), (1, 2))  # today: one of two sessions so far
    assert streaks(days, today=days[-1].date) == (3, 3)


def test_today_with_nothing_logged_yet_does_not_break_the_streak():
    days = run((1, 1), (1, 1), (0, 2))
    assert streaks(days, today=days[-1].date) == (2, 2)


def test_with_no_plan_a_day_without_a_log_ends_the_streak():
    # No plan: the selector asks for one session a day (target 1).
    days = run((1, 1), (1, 1), (0, 1), (1, 1), (1, 1))
    assert streaks(days, today=days[-1].date) == (2, 2)


def test_yesterday_missed_does_break_the_streak():
    days = run((1, 1), (1, 1), (0, 1), (0, 1))
    assert streaks(days, today=days[-1].date) == (0, 2)


def test_paused_and_rest_days_with_nothing_logged_are_neutral():
    days = run((1, 1), (0, 2, PauseReason.FLARE_UP), (0, 0), (1, 1))
    assert [day_state(d) for d in days[1:3]] == [DayState.NEUTRAL, DayState.NEUTRAL]
    # Stepped over, not counted: two complete days either side make a streak of 2.
    assert streaks(days, today=days[-1].date) == (2, 2)


def test_a_session_on_a_paused_or_rest_day_extends_the_streak():
    # The pause waives the plan, so one session of the three planned is enough.
    days = run((1, 1), (1, 3, PauseReason.TRAVEL), (1, 0), (1, 1))
    assert streaks(days, today=days[-1].date) == (4, 4)


def test_days_after_today_are_ignored_by_streaks():
    days = run((1, 1), (1, 1), (0, 1), (0, 1))
    assert streaks(days, today=days[1].date) == (2, 2)


def test_nothing_logged_ever_is_no_streak():
    days = run((0, 1), (0, 0), (0, 1))
    assert streaks(days, today=days[-1].date) == (0, 0)


# --- pure rules: habit strength ---------------------------------------------


def test_a_fortnight_of_complete_days_takes_strength_from_zero_to_one_half():
    days = run(*[(1, 1)] * 14)
    assert habit_strength_series(days)[-1] == pytest.approx(0.5)


def test_one_complete_day_adds_one_minus_the_multiplier():
    assert habit_strength_series(run((1, 1))) == [pytest.approx(1 - MULTIPLIER)]


def test_a_half_done_day_counts_half():
    assert habit_strength_series(run((1, 2))) == [pytest.approx(0.5 * (1 - MULTIPLIER))]


def test_a_missed_day_decays_the_score_by_the_multiplier():
    series = habit_strength_series(run((0, 1)), initial=0.8)
    assert series == [pytest.approx(0.8 * MULTIPLIER)]


def test_neutral_days_leave_the_score_unchanged():
    days = run((0, 0), (0, 1, PauseReason.FLARE_UP))
    assert habit_strength_series(days, initial=0.6) == [0.6, 0.6]


def test_today_and_later_days_count_only_once_complete():
    days = run((1, 1), (1, 2), (0, 1))
    series = habit_strength_series(days, today=days[1].date)
    # Today (half done) and tomorrow are still open: the score holds at day one's.
    assert series == [pytest.approx(1 - MULTIPLIER)] * 3


# --- properties ---------------------------------------------------------------

day_specs = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=4),
        st.integers(min_value=0, max_value=3),
        st.sampled_from([None, None, None, PauseReason.FLARE_UP, PauseReason.TRAVEL]),
    ),
    min_size=1,
    max_size=60,
)


def as_days(specs) -> list[DayValue]:
    return run(*specs)


@given(specs=day_specs, initial=st.floats(min_value=0, max_value=1), today_at=st.integers(0, 70))
def test_strength_always_stays_within_0_and_1(specs, initial, today_at):
    days = as_days(specs)
    for score in habit_strength_series(
        days, today=START + timedelta(days=today_at), initial=initial
    ):
        assert 0.0 <= score <= 1.0


@given(specs=day_specs, initial=st.floats(min_value=0, max_value=1))
def test_a_neutral_or_paused_day_never_lowers_the_score(specs, initial):
    days = as_days(specs)
    series = habit_strength_series(days, initial=initial)
    before = [initial, *series[:-1]]
    for day, prior, score in zip(days, before, series, strict=True):
        if day_state(day) is DayState.NEUTRAL:
            assert score == prior
        if day.paused is not None:
            assert score >= prior


@given(specs=day_specs, pick=st.integers(min_value=0), today_at=st.integers(0, 70))
def test_completing_any_day_never_lowers_the_streaks(specs, pick, today_at):
    days = as_days(specs)
    today = START + timedelta(days=today_at)
    i = pick % len(days)
    completed = list(days)
    completed[i] = DayValue(
        date=days[i].date,
        logged=max(days[i].target, 1),
        target=days[i].target,
        paused=days[i].paused,
    )
    current, longest = streaks(days, today)
    new_current, new_longest = streaks(completed, today)
    assert new_current >= current
    assert new_longest >= longest


@given(specs=day_specs)
def test_a_completed_today_adds_one_to_the_streak_up_to_yesterday(specs):
    days = as_days(specs)
    today = days[-1].date + timedelta(days=1)
    current, _ = streaks(days, today)
    done_today = DayValue(date=today, logged=1, target=1)
    assert streaks([*days, done_today], today)[0] == current + 1


@given(
    specs=day_specs,
    pick=st.integers(min_value=0),
    extra=st.integers(1, 3),
    today_at=st.integers(0, 70),
)
def test_adding_a_log_to_a_day_never_shortens_a_streak(specs, pick, extra, today_at):
    days = as_days(specs)
    today = START + timedelta(days=today_at)
    i = pick % len(days)
    more = list(days)
    more[i] = DayValue(
        date=days[i].date,
        logged=days[i].logged + extra,
        target=days[i].target,
        paused=days[i].paused,
    )
    current, longest = streaks(days, today)
    new_current, new_longest = streaks(more, today)
    assert new_current >= current
    assert new_longest >= longest


@given(specs=day_specs, pick=st.integers(min_value=0))
def test_a_past_day_with_no_log_and_no_plan_ends_the_current_streak(specs, pick):
    days = as_days(specs)
    i = pick % len(days)
    today = days[-1].date + timedelta(days=1)
    # The selector gives a day with no plan a target of 1.
    days[i] = DayValue(date=days[i].date, logged=0, target=1)
    assert streak_mark(days[i], today) is StreakMark.BREAKS
    current, _ = streaks(days, today)
    # The current streak can only hold the days after the gap.
    assert current <= len(days) - 1 - i


@given(specs=day_specs, pick=st.integers(min_value=0))
def test_a_rest_or_pause_day_with_no_log_never_ends_a_streak(specs, pick):
    days = as_days(specs)
    today = days[-1].date + timedelta(days=1)
    i = pick % len(days)
    # Without the day: the days after it move back one, so the run stays consecutive.
    without = [
        replace(d, date=d.date - timedelta(days=1)) if j > i else d
        for j, d in enumerate(days)
        if j != i
    ]
    for neutral in (
        DayValue(date=days[i].date, logged=0, target=0),
        DayValue(date=days[i].date, logged=0, target=2, paused=PauseReason.FLARE_UP),
    ):
        assert streak_mark(neutral, today) is StreakMark.SKIPPED
        with_it = [*days[:i], neutral, *days[i + 1 :]]
        # Stepped over: the same streaks as if the day were not there at all.
        assert streaks(with_it, today) == streaks(without, today - timedelta(days=1))


@given(specs=day_specs)
def test_a_day_counts_exactly_when_it_has_a_session(specs):
    days = as_days(specs)
    today = days[-1].date + timedelta(days=1)
    for day in days:
        assert (streak_mark(day, today) is StreakMark.COUNTS) == (day.logged >= 1)


@given(specs=day_specs, today_at=st.integers(0, 70))
def test_the_longest_streak_is_never_shorter_than_the_current(specs, today_at):
    current, longest = streaks(as_days(specs), START + timedelta(days=today_at))
    assert longest >= current


# --- selector: progress_by_day / progress_summary ----------------------------


@pytest.fixture
def alice(alice):
    # Joined well before the dates the tests use: days before joining ask for nothing.
    alice.date_joined = datetime(2025, 1, 1, tzinfo=UTC)
    alice.save(update_fields=["date_joined"])
    return alice


@pytest.fixture
def bob(bob):
    bob.date_joined = datetime(2025, 1, 1, tzinfo=UTC)
    bob.save(update_fields=["date_joined"])
    return bob


@pytest.fixture
def stretch(db) -> Exercise:
    return Exercise.objects.create(
        slug="half-kneeling-hip-flexor-stretch",
        name="Half-kneeling hip flexor stretch",
        kind=Kind.STRETCH,
        audience=Audience.SELF_CARE,
        summary="Kneel on one knee and shift forward until the front of the hip stretches.",
    )


def local(user, day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=user.tzinfo)


def log(user, exercise, when: datetime) -> ExerciseLog:
    return ExerciseLog.objects.create(user=user, exercise=exercise, performed_at=when)


def log_days(user, exercise, first: date, count: int) -> None:
    for i in range(count):
        log(user, exercise, local(user, first + timedelta(days=i)))


def pain(user, when: datetime, rating: int) -> PainEntry:
    return PainEntry.objects.create(user=user, recorded_at=when, rating=rating)


def plan(user, exercise, *, created: datetime, items, is_paused: bool = False) -> Plan:
    """Return a plan created at `created` with (times_per_day, days_of_week) items."""
    new = Plan.objects.create(user=user, name="Home plan", is_paused=is_paused)
    # created_at is auto_now_add; move it to the moment the test needs.
    Plan.objects.filter(pk=new.pk).update(created_at=created)
    for times, weekdays in items:
        PlanItem.objects.create(
            plan=new, exercise=exercise, times_per_day=times, days_of_week=weekdays
        )
    return new


def by_date(days):
    return {day.date: day for day in days}


def test_logs_near_midnight_count_on_the_users_local_day(alice, bob, stretch):
    # 23:30 in Berlin is still 1 June; 00:30 in Berlin is 2 June though UTC says 1 June.
    log(alice, stretch, local(alice, date(2026, 6, 1), 23, 30))
    log(alice, stretch, local(alice, date(2026, 6, 2), 0, 30))
    # 23:30 in Chicago on 1 June is 04:30 UTC on 2 June.
    log(bob, stretch, local(bob, date(2026, 6, 1), 23, 30))

    alices = by_date(progress_by_day(user=alice, start=date(2026, 6, 1), end=date(2026, 6, 2)))
    bobs = by_date(progress_by_day(user=bob, start=date(2026, 6, 1), end=date(2026, 6, 2)))

    assert [alices[d].sessions_logged for d in sorted(alices)] == [1, 1]
    assert [bobs[d].sessions_logged for d in sorted(bobs)] == [1, 0]


@pytest.mark.parametrize(
    ("who", "day"),
    [("alice", date(2026, 3, 29)), ("bob", date(2026, 11, 1))],
    ids=["berlin-spring-forward", "chicago-fall-back"],
)
def test_a_late_log_on_a_dst_change_day_lands_on_that_day(who, day, request, stretch):
    user = request.getfixturevalue(who)
    log(user, stretch, local(user, day, 23, 30))
    log(user, stretch, local(user, day, 0, 15))

    days = progress_by_day(user=user, start=day - timedelta(days=1), end=day + timedelta(days=1))

    assert [d.sessions_logged for d in days] == [0, 2, 0]


def test_pain_is_summarised_per_local_day(alice):
    pain(alice, local(alice, date(2026, 6, 1), 8), 2)
    pain(alice, local(alice, date(2026, 6, 1), 13), 3)
    pain(alice, local(alice, date(2026, 6, 1), 23, 45), 7)
    pain(alice, local(alice, date(2026, 6, 2), 9), 1)
    pain(alice, local(alice, date(2026, 6, 2), 21), 2)

    days = progress_by_day(user=alice, start=date(2026, 6, 1), end=date(2026, 6, 3))

    assert [(d.pain_mean, d.pain_min, d.pain_max, d.pain_entries) for d in days] == [
        (4.0, 2, 7, 3),
        (1.5, 1, 2, 2),
        (None, None, None, 0),
    ]


def test_pain_mean_is_rounded_to_one_decimal(alice):
    for rating in (1, 1, 2):
        pain(alice, local(alice, date(2026, 6, 1)), rating)

    (day,) = progress_by_day(user=alice, start=date(2026, 6, 1), end=date(2026, 6, 1))

    assert day.pain_mean == 1.3


def test_paused_days_neither_break_the_streak_nor_lower_the_score(alice, stretch):
    # No plan: a plain daily habit. Logged 1-3 June, paused 4 June, logged 5 June.
    log_days(alice, stretch, date(2026, 6, 1), 3)
    log(alice, stretch, local(alice, date(2026, 6, 5)))
    PauseDay.objects.create(user=alice, date=date(2026, 6, 4), reason=PauseReason.FLARE_UP)

    summary = progress_summary(
        user=alice, start=date(2026, 6, 1), end=date(2026, 6, 5), today=date(2026, 6, 5)
    )

    assert (summary.current_streak, summary.longest_streak) == (4, 4)
    days = by_date(summary.days)
    assert days[date(2026, 6, 4)].paused == "flare_up"
    assert days[date(2026, 6, 4)].habit_strength == days[date(2026, 6, 3)].habit_strength


def test_the_same_day_unpaused_breaks_the_streak(alice, stretch):
    log_days(alice, stretch, date(2026, 6, 1), 3)
    log(alice, stretch, local(alice, date(2026, 6, 5)))

    summary = progress_summary(
        user=alice, start=date(2026, 6, 1), end=date(2026, 6, 5), today=date(2026, 6, 5)
    )

    assert (summary.current_streak, summary.longest_streak) == (1, 3)
    days = by_date(summary.days)
    assert days[date(2026, 6, 4)].habit_strength < days[date(2026, 6, 3)].habit_strength


def test_one_of_two_planned_sessions_a_day_keeps_the_streak_and_half_the_strength(alice, stretch):
    # Planned twice a day; one session each day from 1 to 5 June.
    plan(alice, stretch, created=datetime(2026, 5, 1, tzinfo=UTC), items=[(2, [])])
    log_days(alice, stretch, date(2026, 6, 1), 5)

    summary = progress_summary(
        user=alice, start=date(2026, 6, 1), end=date(2026, 6, 5), today=date(2026, 6, 6)
    )

    assert (summary.current_streak, summary.longest_streak) == (5, 5)
    # The habit strength keeps the graded measure: half-done days pull it
    # towards 0.5, not 1.
    assert summary.habit_strength < 0.5


def test_a_rest_weekday_does_not_break_the_streak(alice, stretch):
    # Planned Monday to Friday; 1 June 2026 is a Monday.
    plan(alice, stretch, created=datetime(2026, 5, 1, tzinfo=UTC), items=[(1, [1, 2, 3, 4, 5])])
    log_days(alice, stretch, date(2026, 6, 1), 5)
    log(alice, stretch, local(alice, date(2026, 6, 8)))

    summary = progress_summary(
        user=alice, start=date(2026, 6, 1), end=date(2026, 6, 8), today=date(2026, 6, 8)
    )

    assert summary.current_streak == 6
    saturday = by_date(summary.days)[date(2026, 6, 6)]
    assert (saturday.sessions_planned, saturday.target, saturday.adherence) == (0, 0, None)
    assert saturday.habit_strength == by_date(summary.days)[date(2026, 6, 5)].habit_strength


def test_planned_sessions_add_up_over_items_on_that_weekday(alice, stretch):
    plan(
        alice,
        stretch,
        created=datetime(2026, 5, 1, tzinfo=UTC),
        items=[(2, []), (1, [1]), (3, [7])],  # twice daily, once more on Mondays, 3x Sundays
    )

    days = progress_by_day(user=alice, start=date(2026, 6, 1), end=date(2026, 6, 7))

    assert [d.sessions_planned for d in days] == [3, 2, 2, 2, 2, 2, 5]


def test_adherence_is_capped_at_one(alice, stretch):
    plan(alice, stretch, created=datetime(2026, 5, 1, tzinfo=UTC), items=[(2, [])])
    for hour in (8, 12, 18):
        log(alice, stretch, local(alice, date(2026, 6, 1), hour))
    log(alice, stretch, local(alice, date(2026, 6, 2), 8))

    days = progress_by_day(user=alice, start=date(2026, 6, 1), end=date(2026, 6, 3))

    assert [d.adherence for d in days] == [1.0, 0.5, 0.0]


def test_a_plan_counts_from_the_local_date_it_was_created(alice, stretch):
    # 22:30 UTC on 10 June is already 00:30 on 11 June in Berlin.
    plan(alice, stretch, created=datetime(2026, 6, 10, 22, 30, tzinfo=UTC), items=[(2, [])])

    days = progress_by_day(user=alice, start=date(2026, 6, 10), end=date(2026, 6, 11))

    # Before the plan, a plain daily habit (target 1); from its first day, the plan.
    assert [(d.sessions_planned, d.target) for d in days] == [(0, 1), (2, 2)]


def test_a_paused_plan_plans_nothing(alice, stretch):
    plan(
        alice,
        stretch,
        created=datetime(2026, 5, 1, tzinfo=UTC),
        items=[(2, [])],
        is_paused=True,
    )

    (day,) = progress_by_day(user=alice, start=date(2026, 6, 1), end=date(2026, 6, 1))

    assert (day.sessions_planned, day.target, day.adherence) == (0, 1, None)


def test_days_before_the_user_joined_ask_for_nothing(alice):
    alice.date_joined = datetime(2026, 6, 3, 8, tzinfo=UTC)

    days = progress_by_day(user=alice, start=date(2026, 6, 1), end=date(2026, 6, 4))

    assert [d.target for d in days] == [0, 0, 1, 1]


def test_only_the_users_own_rows_count(alice, bob, stretch):
    log(alice, stretch, local(bob, date(2026, 6, 1)))
    pain(alice, local(bob, date(2026, 6, 1)), 6)
    PauseDay.objects.create(user=alice, date=date(2026, 6, 1), reason=PauseReason.TRAVEL)
    plan(alice, stretch, created=datetime(2026, 5, 1, tzinfo=UTC), items=[(2, [])])

    (day,) = progress_by_day(user=bob, start=date(2026, 6, 1), end=date(2026, 6, 1))

    assert (day.sessions_logged, day.pain_entries, day.paused, day.sessions_planned) == (
        0,
        0,
        None,
        0,
    )


@pytest.mark.parametrize("span", [1, 366])
def test_the_number_of_queries_does_not_grow_with_the_range(
    alice, stretch, span, django_assert_max_num_queries
):
    end = date(2026, 6, 30)
    plan(alice, stretch, created=datetime(2025, 5, 1, tzinfo=UTC), items=[(1, [1, 3, 5])])
    log_days(alice, stretch, end - timedelta(days=20), 21)
    pain(alice, local(alice, end), 4)
    PauseDay.objects.create(user=alice, date=end, reason=PauseReason.TRAVEL)

    with django_assert_max_num_queries(4):
        summary = progress_summary(
            user=alice, start=end - timedelta(days=span - 1), end=end, today=end
        )

    assert len(summary.days) == span


def test_the_summary_does_not_depend_on_where_the_window_starts(alice, stretch):
    log_days(alice, stretch, date(2026, 5, 1), 45)
    today = date(2026, 6, 14)

    short = progress_summary(user=alice, start=date(2026, 6, 10), end=today, today=today)
    long = progress_summary(user=alice, start=date(2026, 5, 1), end=today, today=today)

    assert (short.current_streak, short.longest_streak) == (45, 45)
    assert (long.current_streak, long.longest_streak) == (45, 45)
    assert short.habit_strength == long.habit_strength
    assert short.days == long.days[-5:]


def test_a_past_window_reports_the_numbers_at_its_last_day(alice, stretch):
    log_days(alice, stretch, date(2026, 6, 1), 3)

    summary = progress_summary(
        user=alice, start=date(2026, 6, 1), end=date(2026, 6, 3), today=date(2026, 6, 20)
    )

    assert summary.current_streak == 3
    assert summary.habit_strength == summary.days[-1].habit_strength > 0


# --- API: GET /api/v1/progress/ ------------------------------------------------

URL = "/api/v1/progress/"


def today_of(user) -> date:
    return local_date(timezone.now(), user.tzinfo)


def test_it_returns_the_last_30_local_days_by_default(alice_client, alice):
    response = alice_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    today = today_of(alice)
    assert body["timezone"] == "Europe/Berlin"
    assert body["to"] == today.isoformat()
    assert body["from"] == (today - timedelta(days=29)).isoformat()
    assert len(body["days"]) == 30
    assert body["days"][-1]["date"] == today.isoformat()


def test_it_returns_a_from_to_window_with_every_field(alice_client, alice, stretch):
    plan(alice, stretch, created=datetime(2026, 5, 1, tzinfo=UTC), items=[(2, [])])
    log(alice, stretch, local(alice, date(2026, 6, 2), 8))
    pain(alice, local(alice, date(2026, 6, 2), 8), 3)
    pain(alice, local(alice, date(2026, 6, 2), 20), 4)
    PauseDay.objects.create(user=alice, date=date(2026, 6, 3), reason=PauseReason.TRAVEL)

    response = alice_client.get(URL, {"from": "2026-06-02", "to": "2026-06-03"})

    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"]) == ("2026-06-02", "2026-06-03")
    assert body["days"][0] == {
        "date": "2026-06-02",
        "pain_mean": 3.5,
        "pain_min": 3,
        "pain_max": 4,
        "pain_entries": 2,
        "sessions_logged": 1,
        "sessions_planned": 2,
        "adherence": 0.5,
        "paused": None,
        "habit_strength": pytest.approx(0.5 * (1 - MULTIPLIER), abs=1e-3),
    }
    assert body["days"][1]["paused"] == "travel"
    assert body["days"][1]["adherence"] == 0.0


def test_it_returns_n_days_ending_today(alice_client, alice):
    response = alice_client.get(URL, {"days": 7})

    assert response.status_code == 200
    assert len(response.json()["days"]) == 7
    assert response.json()["to"] == today_of(alice).isoformat()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"days": 0}, "days"),
        ({"days": 367}, "days"),
        ({"days": "seven"}, "days"),
        ({"days": ""}, "days"),  # empty is a bad value, not "use the default"
        ({"from": "2026-02-30", "to": "2026-03-02"}, "from"),
        ({"from": "2026-03-01", "to": "yesterday"}, "to"),
        ({"from": "2026-03-02", "to": "2026-03-01"}, "to"),
        ({"from": "2025-01-01", "to": "2026-01-02"}, "to"),
        ({"from": "2026-03-01"}, "to"),
        ({"to": "2026-03-01"}, "from"),
        ({"days": 7, "from": "2026-03-01", "to": "2026-03-07"}, "days"),
        ({"from": "1999-12-31", "to": "2000-01-02"}, "from"),
        ({"from": "9999-12-01", "to": "9999-12-31"}, "to"),
    ],
)
def test_it_rejects_bad_windows_with_a_field_message(alice_client, params, field):
    response = alice_client.get(URL, params)

    assert response.status_code == 400
    assert field in response.json()
    assert isinstance(response.json()[field][0], str)


def test_it_requires_authentication(anon_client):
    response = anon_client.get(URL)

    assert response.status_code == 401


def test_bob_never_sees_alices_progress(alice, bob_client, stretch):
    log(alice, stretch, local(alice, date(2026, 6, 2)))
    pain(alice, local(alice, date(2026, 6, 2)), 8)
    PauseDay.objects.create(user=alice, date=date(2026, 6, 2), reason=PauseReason.FLARE_UP)

    response = bob_client.get(URL, {"from": "2026-06-01", "to": "2026-06-03"})

    assert response.status_code == 200
    body = response.json()
    assert body["timezone"] == "America/Chicago"
    for day in body["days"]:
        assert (day["sessions_logged"], day["pain_entries"], day["paused"]) == (0, 0, None)
    assert body["current_streak"] == body["longest_streak"] == 0
