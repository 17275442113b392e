"""Function goals: the Patient-Specific Functional Scale (Stratford et al., 1995)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tracker import goals
from tracker.goals import GoalHistory, Rating
from tracker.models import Goal, User

GOALS = "/api/v1/goals/"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def history(*ratings: tuple[int, int], created_day: int = 0, archived_day: int | None = None):
    """A goal named on day `created_day` after T0, rated (day, score) for each rating."""
    return GoalHistory(
        created_at=T0 + timedelta(days=created_day),
        archived_at=None if archived_day is None else T0 + timedelta(days=archived_day),
        ratings=[Rating(rated_at=T0 + timedelta(days=d), score=s) for d, s in ratings],
    )


def goal_for(patient: User, activity: str = "Climbing stairs", **fields) -> Goal:
    fields.setdefault("created_at", timezone.now() - timedelta(days=30))
    return Goal.objects.create(patient=patient, activity=activity, created_by=patient, **fields)


# The pure score math


def test_the_score_is_the_mean_of_each_goals_latest_rating():
    stairs = history((0, 2), (14, 6))
    chair = history((0, 3))

    assert goals.score_at([stairs, chair], T0 + timedelta(days=20)) == 4.5
    assert goals.score_at([stairs, chair], T0 + timedelta(days=1)) == 2.5


def test_the_score_is_rounded_to_one_decimal_and_none_without_ratings():
    assert goals.score_at([history((0, 1)), history((0, 1)), history((0, 2))], T0) == 1.3
    assert goals.score_at([history()], T0) is None
    assert goals.score_at([], T0) is None


def test_the_score_leaves_out_archived_goals_and_goals_not_yet_named():
    archived = history((0, 0), archived_day=5)
    later = history((9, 10), created_day=9)
    kept = history((0, 4))

    assert goals.score_at([archived, later, kept], T0 + timedelta(days=3)) == 2.0
    assert goals.score_at([archived, later, kept], T0 + timedelta(days=10)) == 7.0


def test_the_summary_compares_with_the_score_before_the_latest_sitting():
    # Day 0: 2 and 4 (mean 3). Day 14: both re-rated within an hour, 5 and 6.
    stairs = history((0, 2), (14, 5))
    chair = GoalHistory(
        created_at=T0,
        archived_at=None,
        ratings=[Rating(T0, 4), Rating(T0 + timedelta(days=14, hours=1), 6)],
    )

    summary = goals.summary([stairs, chair], T0 + timedelta(days=15))

    # The stairs rating an hour before the chair's is part of the same sitting.
    assert summary == goals.Summary(psfs_score=5.5, previous_score=3.0, change=2.5, meaningful=True)


def test_a_first_sitting_has_no_previous_score():
    summary = goals.summary([history((0, 3))], T0 + timedelta(days=1))

    assert summary == goals.Summary(3.0, None, None, False)
    assert goals.summary([], T0) == goals.Summary(None, None, None, False)


@pytest.mark.parametrize(
    ("change", "meaningful"),
    [(2.0, True), (-2.0, True), (1.9, False), (-1.9, False), (0.0, False), (None, False)],
)
def test_a_change_of_two_points_is_the_smallest_that_counts(change, meaningful):
    assert goals.is_meaningful(change) is meaningful


def test_the_change_survives_float_noise():
    # 4.1 - 2.1 is 1.9999999999999996 in floats; the patient sees 2.0.
    assert goals.score_change(2.1, 4.1) == 2.0
    assert goals.is_meaningful(goals.score_change(2.1, 4.1))
    assert goals.score_change(None, 4.0) is None


def test_the_next_rating_is_due_two_weeks_after_the_last():
    assert goals.next_rating_due(T0) == T0 + timedelta(days=14)
    assert goals.next_rating_due(None) is None


@given(
    st.lists(
        st.lists(st.tuples(st.integers(0, 60), st.integers(0, 10)), min_size=0, max_size=6),
        min_size=0,
        max_size=5,
    )
)
def test_the_score_is_within_0_10_and_the_mean_of_latest_ratings(goal_ratings):
    histories = [history(*ratings) for ratings in goal_ratings]
    at = T0 + timedelta(days=61)

    score = goals.score_at(histories, at)

    latest = [max(r, key=lambda day_score: day_score[0])[1] for r in goal_ratings if r]
    if not latest:
        assert score is None
    else:
        assert 0 <= score <= 10
        assert score == round(sum(latest) / len(latest), 1)
