"""Streaks and habit strength: pure functions over a run of local days.

Each day carries what was logged, the day's target and whether it was paused.
The selector (tracker.selectors) decides the target:

- the sessions planned that day, when a plan item falls on it;
- 0 (a rest day) when the user has active plan items but none on that weekday;
- 1 when the user has no active plan at all: a plain daily habit.

From that, every day has one of four states, which the habit strength, the
calendar and the therapist's adherence use:

- complete: at least one session logged and at least the target. On a paused
  day or a rest day any one session completes it: the plan was waived, so a
  session that day is a bonus and counts in full.
- neutral: a paused day or a rest day with nothing logged. It leaves the
  habit strength unchanged.
- pending: today (or a later day) that is not complete yet. The day is not
  over, so it is treated as neutral; once complete it counts like any other.
- missed: anything else. It pulls the strength down by what was not done.

Streaks use a looser rule than the habit strength (see streak_mark): a day
extends the streak when at least one session was done, whether or not it
reached the day's target. The calendar tells full days (complete) from partial
ones (a missed state with a session logged); the habit strength keeps the
graded measure, min(logged / target, 1).
"""

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# Loop Habit Tracker's smoothing: a day's weight halves about every 14 days.
HALF_LIFE_DAYS = 14
MULTIPLIER = 0.5 ** (1 / HALF_LIFE_DAYS)


class DayState(enum.Enum):
    COMPLETE = "complete"
    NEUTRAL = "neutral"
    PENDING = "pending"
    MISSED = "missed"


@dataclass(frozen=True)
class DayValue:
    """One local day: sessions logged, the target set for it, and any pause reason."""

    date: date
    logged: int
    target: int
    paused: str | None = None

    @property
    def waived(self) -> bool:
        """Return True when the day asks for nothing: paused, or a rest day."""
        return self.paused is not None or self.target <= 0


def day_state(day: DayValue, today: date | None = None) -> DayState:
    """Return the state of `day` (see the module docstring).

    `today` is the user's local today; None means every day is over.
    """
    if day.logged >= 1 and (day.waived or day.logged >= day.target):
        return DayState.COMPLETE
    if day.waived:
        return DayState.NEUTRAL
    if today is not None and day.date >= today:
        return DayState.PENDING
    return DayState.MISSED


def day_score_value(day: DayValue, today: date | None = None) -> float | None:
    """Return the day's contribution to the habit strength in 0..1, or None to skip it.

    min(logged / target, 1) on a planned day; 1 for a paused or rest day with a
    session. None (leave the score alone) for neutral and pending days.
    """
    state = day_state(day, today)
    if state is DayState.COMPLETE:
        return 1.0
    if state is DayState.MISSED:
        return min(day.logged / day.target, 1.0)
    return None


class StreakMark(enum.Enum):
    COUNTS = "counts"
    SKIPPED = "skipped"
    BREAKS = "breaks"


def streak_mark(day: DayValue, today: date | None = None) -> StreakMark:
    """Return what `day` does to a streak.

    1. A day with at least one session counts, whatever its target: done in
       part is still done.
    2. A day that asks for nothing (a pause day, or a plan's rest day) is
       skipped: it neither extends nor ends a streak.
    3. Today (or a later day) with nothing logged yet is skipped: it is not over.
    4. Any other day with nothing logged ends the streak. With no plan the
       target is 1 (tracker.selectors), so a day without a log ends it.
    """
    if day.logged >= 1:
        return StreakMark.COUNTS
    if day.waived or (today is not None and day.date >= today):
        return StreakMark.SKIPPED
    return StreakMark.BREAKS


def streaks(days: Sequence[DayValue], today: date) -> tuple[int, int]:
    """Return (current, longest) streaks, counted in days that count (see streak_mark).

    `days` are consecutive local days in date order; days after `today` are
    ignored. The current streak is the run that reaches the last day given (on
    or before today): skipped days are stepped over without counting, and the
    first day that breaks stops it. So today, until it has a session, does not
    break a streak that ran up to yesterday.
    """
    marks = [streak_mark(day, today) for day in days if day.date <= today]
    longest = run = 0
    for mark in marks:
        if mark is StreakMark.COUNTS:
            run += 1
            longest = max(longest, run)
        elif mark is StreakMark.BREAKS:
            run = 0
    # `run` now holds the streak still open at the last day: skipped days
    # after it leave it open, only a breaking day closed it.
    return run, longest


def habit_strength_series(
    days: Sequence[DayValue], today: date | None = None, initial: float = 0.0
) -> list[float]:
    """Return the habit strength (0..1) at the end of each day in `days`.

    Exponential smoothing as Loop Habit Tracker does it: for each day that
    counts, score = score * m + value * (1 - m) with m = 0.5 ** (1/14) and
    value from day_score_value. Neutral and pending days (those after `today`,
    and today until complete) leave the score unchanged. The score starts at
    `initial`, 0 for a new habit.
    """
    score = initial
    series = []
    for day in days:
        value = day_score_value(day, today)
        if value is not None:
            # Clamped: the float arithmetic may land a hair outside 0..1.
            score = min(max(score * MULTIPLIER + value * (1 - MULTIPLIER), 0.0), 1.0)
        series.append(score)
    return series
