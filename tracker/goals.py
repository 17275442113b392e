"""The Patient-Specific Functional Scale: pure score math, no database and no clock.

The scale is by Stratford, Gill, Westaway and Binkley (1995), "Assessing
disability and change on individual patients: a report of a patient specific
measure", Physiotherapy Canada 47: 258-263. A patient names up to five
activities the problem makes hard and rates each from 0 (unable to do it) to
10 (able to do it as before the problem). The score is the mean of the
ratings; a change of 2 points in the mean is the smallest that is more than
noise (the minimal detectable change), and goals are re-rated every two weeks.

Instants are aware datetimes; the caller passes "now" where one is needed.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

GOALS_ACTIVE_MAX = 5
SCORE_MIN, SCORE_MAX = 0, 10
MINIMAL_DETECTABLE_CHANGE = 2.0
RERATE_EVERY = timedelta(days=14)
# Ratings given within a day of the latest one count as the same sitting, so
# the previous score is the one before the sitting, not before its last goal.
SITTING = timedelta(days=1)


@dataclass(frozen=True)
class Rating:
    rated_at: datetime
    score: int


@dataclass(frozen=True)
class GoalHistory:
    """One goal's life: when it was named, when (if) it was archived, its ratings."""

    created_at: datetime
    archived_at: datetime | None
    ratings: Sequence[Rating]

    def active_at(self, at: datetime) -> bool:
        return self.created_at <= at and (self.archived_at is None or self.archived_at > at)

    def latest_rating(self, at: datetime | None = None) -> Rating | None:
        """Return the latest rating given at or before `at` (None: any time), or None."""
        rated = [r for r in self.ratings if at is None or r.rated_at <= at]
        return max(rated, key=lambda r: r.rated_at, default=None)


@dataclass(frozen=True)
class Summary:
    psfs_score: float | None
    previous_score: float | None
    change: float | None
    meaningful: bool


def score_at(goals: Sequence[GoalHistory], at: datetime) -> float | None:
    """Return the PSFS score at `at`: the mean of each active goal's latest rating.

    A goal counts if it was active at `at` (named, not yet archived) and rated
    at or before `at`. Rounded to one decimal; None when no such goal was rated.
    """
    latest = [goal.latest_rating(at) for goal in goals if goal.active_at(at)]
    scores = [rating.score for rating in latest if rating is not None]
    if not scores:
        return None
    return round(sum(scores) / len(scores), 1)


def score_change(before: float | None, after: float | None) -> float | None:
    """Return after - before, rounded to one decimal; None if either score is missing."""
    if before is None or after is None:
        return None
    return round(after - before, 1)


def is_meaningful(change: float | None) -> bool:
    """Return whether a change in the mean is more than noise (at least 2 points either way)."""
    # Compared after rounding: 1.9999 from float noise is the 2.0 the patient sees.
    return change is not None and abs(round(change, 1)) >= MINIMAL_DETECTABLE_CHANGE


def next_rating_due(last_rated_at: datetime | None) -> datetime | None:
    """Return when a goal should be rated again: 14 days after its last rating.

    None means it was never rated: rate it now.
    """
    return None if last_rated_at is None else last_rated_at + RERATE_EVERY


def rating_is_due(last_rated_at: datetime | None, now: datetime) -> bool:
    """Return whether a goal should be rated now: never rated, or last rated 14+ days ago."""
    due = next_rating_due(last_rated_at)
    return due is None or due <= now


@dataclass(frozen=True)
class SinceFirst:
    first_score: float | None
    first_rated_at: datetime | None
    change: float | None
    meaningful: bool


def since_first(goals: Sequence[GoalHistory], at: datetime) -> SinceFirst:
    """Return the change in the score at `at` since each of its goals was first rated.

    The goals are those `score_at` counts; the first score is the mean of their
    first ratings, so both means cover the same activities (a goal rated once
    has not changed). `first_rated_at` is the earliest of those first ratings.
    """
    firsts = [
        min((r for r in goal.ratings if r.rated_at <= at), key=lambda r: r.rated_at)
        for goal in goals
        if goal.active_at(at) and goal.latest_rating(at) is not None
    ]
    if not firsts:
        return SinceFirst(None, None, None, False)
    first = round(sum(r.score for r in firsts) / len(firsts), 1)
    change = score_change(first, score_at(goals, at))
    return SinceFirst(
        first_score=first,
        first_rated_at=min(r.rated_at for r in firsts),
        change=change,
        meaningful=is_meaningful(change),
    )


def summary(goals: Sequence[GoalHistory], now: datetime) -> Summary:
    """Return the score now, the score before the latest sitting, and the change.

    The latest sitting is the ratings within `SITTING` before the latest rating
    of a goal active now; the previous score is the score as it stood just
    before it. With no such rating, or nothing rated before it, the previous
    score is None and so is the change.
    """
    current = score_at(goals, now)
    latest_times = [
        rating.rated_at
        for goal in goals
        if goal.active_at(now)
        for rating in [goal.latest_rating(now)]
        if rating is not None
    ]
    previous = score_at(goals, max(latest_times) - SITTING) if latest_times else None
    change = score_change(previous, current)
    return Summary(
        psfs_score=current,
        previous_score=previous,
        change=change,
        meaningful=is_meaningful(change),
    )
