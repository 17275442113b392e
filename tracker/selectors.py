"""Reads for the tracker app: pain entries, per-day progress, streaks, habit strength, goals."""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo

from django.db.models import Avg, Count, F, Max, Min, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate

from exercises.models import ExerciseLog, PlanItem
from tracker.days import date_range, day_bounds, local_date
from tracker.goals import GoalHistory, Rating
from tracker.models import CareLink, Goal, GoalRating, PainEntry, PauseDay, User
from tracker.progress import DayValue, habit_strength_series, streaks

# Streaks and habit strength look this far back before the window asked for,
# so the numbers barely depend on where the window starts (a day 365 days
# back weighs 0.5 ** (365 / 14), about 1e-8, in the score).
WARM_UP_DAYS = 365


@dataclass(frozen=True)
class DayProgress:
    """One local day of a user's progress.

    `sessions_planned` is what the user's plans ask for that day; `target` is
    what the day needs to count as complete (see tracker.progress), which is
    also 1 for a plain daily habit and 0 before the user joined.
    `habit_strength` is None unless the day comes from progress_summary.
    """

    date: date
    sessions_logged: int
    sessions_planned: int
    target: int
    paused: str | None
    pain_mean: float | None
    pain_min: int | None
    pain_max: int | None
    pain_entries: int
    habit_strength: float | None = None

    @property
    def adherence(self) -> float | None:
        """Return min(logged, planned) / planned rounded to 3 places, or None with no plan."""
        if self.sessions_planned <= 0:
            return None
        return round(min(self.sessions_logged, self.sessions_planned) / self.sessions_planned, 3)

    @property
    def value(self) -> DayValue:
        return DayValue(
            date=self.date, logged=self.sessions_logged, target=self.target, paused=self.paused
        )


@dataclass(frozen=True)
class ProgressSummary:
    """A window of days plus the streaks and habit strength at its last day.

    The numbers are as of the window's last day, or of today when the window
    runs past today.
    """

    timezone: str
    start: date
    end: date
    current_streak: int
    longest_streak: int
    habit_strength: float
    days: list[DayProgress]


@dataclass(frozen=True)
class PlanItemRow:
    since: date
    weekdays: frozenset[int]
    times_per_day: int


ALL_WEEKDAYS = frozenset(range(1, 8))


def _weekdays(days_of_week: object) -> frozenset[int]:
    """Return the ISO weekdays of a PlanItem.days_of_week value; empty means every day.

    The field is free JSON, so values that are not 1..7 are ignored rather than
    trusted (bool is excluded although it is an int).
    """
    if not days_of_week:
        return ALL_WEEKDAYS
    if not isinstance(days_of_week, list):
        return frozenset()
    return frozenset(d for d in days_of_week if type(d) is int and 1 <= d <= 7)


def _plan_items(*, user: User, before: datetime, tz: tzinfo) -> list[PlanItemRow]:
    """Return the items of the user's non-paused plans created before `before`.

    One query. Each item counts from the local date its plan was created on.
    """
    rows = PlanItem.objects.filter(
        plan__user=user, plan__is_paused=False, plan__created_at__lt=before
    ).values_list("plan__created_at", "days_of_week", "times_per_day")
    return [plan_item_row(created, dow, times, tz) for created, dow, times in rows]


def plan_item_row(
    created_at: datetime, days_of_week: object, times: int, tz: tzinfo
) -> PlanItemRow:
    """Return a plan item as planned_on reads it: counted from its plan's local creation date.

    Shared with the therapist's dashboard, which reads the items of many
    patients in one query, so both count planned sessions the same way.
    """
    return PlanItemRow(
        since=local_date(created_at, tz), weekdays=_weekdays(days_of_week), times_per_day=times
    )


def planned_on(day: date, items: list[PlanItemRow]) -> tuple[int, bool]:
    """Return (sessions planned on `day`, whether any plan item was active that day)."""
    active = [item for item in items if item.since <= day]
    planned = sum(item.times_per_day for item in active if day.isoweekday() in item.weekdays)
    return planned, bool(active)


def _target(*, planned: int, has_plan: bool, joined: date, day: date) -> int:
    """Return the sessions `day` needs: see tracker.progress for the rules."""
    if day < joined:
        # Nobody can miss a day before they had an account.
        return 0
    if planned:
        return planned
    return 0 if has_plan else 1


def pain_entries_for_user(
    *, user: User, since: datetime | None = None, until: datetime | None = None
) -> QuerySet[PainEntry]:
    """Return the user's pain entries, newest first, optionally from `since` to before `until`."""
    entries = PainEntry.objects.filter(user=user)
    if since:
        entries = entries.filter(recorded_at__gte=since)
    if until:
        entries = entries.filter(recorded_at__lt=until)
    return entries.order_by("-recorded_at", "id")


def progress_by_day(*, user: User, start: date, end: date) -> list[DayProgress]:
    """Return one DayProgress per local date from `start` to `end`, both included.

    Days are the user's local days (user.timezone). Four queries whatever the
    range: sessions and pain are counted by the database, grouped by local
    date; then the pause days and the plan items.
    """
    tz = user.tzinfo
    since, _ = day_bounds(start, tz)
    _, until = day_bounds(end, tz)

    sessions = dict(
        ExerciseLog.objects.filter(user=user, performed_at__gte=since, performed_at__lt=until)
        .annotate(day=TruncDate("performed_at", tzinfo=tz))
        .values("day")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("day", "n")
    )
    pain = {
        row["day"]: row
        for row in PainEntry.objects.filter(
            user=user, recorded_at__gte=since, recorded_at__lt=until
        )
        .annotate(day=TruncDate("recorded_at", tzinfo=tz))
        .values("day")
        .annotate(mean=Avg("rating"), low=Min("rating"), high=Max("rating"), n=Count("id"))
        .order_by()
    }
    paused = dict(
        PauseDay.objects.filter(user=user, date__gte=start, date__lte=end).values_list(
            "date", "reason"
        )
    )
    items = _plan_items(user=user, before=until, tz=tz)
    joined = local_date(user.date_joined, tz)

    days = []
    for day in date_range(start, end):
        planned, has_plan = planned_on(day, items)
        day_pain = pain.get(day)
        days.append(
            DayProgress(
                date=day,
                sessions_logged=sessions.get(day, 0),
                sessions_planned=planned,
                target=_target(planned=planned, has_plan=has_plan, joined=joined, day=day),
                paused=paused.get(day),
                pain_mean=round(float(day_pain["mean"]), 1) if day_pain else None,
                pain_min=day_pain["low"] if day_pain else None,
                pain_max=day_pain["high"] if day_pain else None,
                pain_entries=day_pain["n"] if day_pain else 0,
            )
        )
    return days


def progress_summary(*, user: User, start: date, end: date, today: date) -> ProgressSummary:
    """Return the days from `start` to `end` with streaks and habit strength.

    1. The numbers are as of `as_of`: the window's last day, or `today` (the
       user's local today) when the window runs past it.
    2. They are computed over a warm-up of up to WARM_UP_DAYS before the
       window (or before as_of, for a window wholly in the future), never
       reaching back past the local date the user joined.
    3. Days after today are pending: they keep the score unchanged.
    Still four queries, whatever the range.
    """
    as_of = min(end, today)
    first = min(start, as_of)
    joined = local_date(user.date_joined, user.tzinfo)
    warm_start = min(first, max(first - timedelta(days=WARM_UP_DAYS), joined))

    days = progress_by_day(user=user, start=warm_start, end=end)
    values = [day.value for day in days]
    strengths = habit_strength_series(values, today=today)
    current, longest = streaks([v for v in values if v.date <= as_of], today=today)
    strength_at = dict(zip((v.date for v in values), strengths, strict=True))

    return ProgressSummary(
        timezone=user.timezone,
        start=start,
        end=end,
        current_streak=current,
        longest_streak=longest,
        habit_strength=round(strength_at[as_of], 3),
        days=[
            replace(day, habit_strength=round(strength_at[day.date], 3))
            for day in days
            if day.date >= start
        ],
    )


def goals_for(patient: User) -> QuerySet[Goal]:
    """Return the patient's goals, active first, each with its ratings oldest first.

    Two queries whatever the number of goals: the goals, then all their ratings.
    """
    ratings = GoalRating.objects.select_related("rated_by").order_by("rated_at", "id")
    return (
        Goal.objects.filter(patient=patient)
        .select_related("created_by")
        .prefetch_related(Prefetch("ratings", queryset=ratings))
        .order_by(F("archived_at").desc(nulls_first=True), "created_at", "id")
    )


def goal_history(goal: Goal) -> GoalHistory:
    """Return the goal as the pure PSFS math sees it (uses prefetched ratings)."""
    return GoalHistory(
        created_at=goal.created_at,
        archived_at=goal.archived_at,
        ratings=[Rating(rated_at=r.rated_at, score=r.score) for r in goal.ratings.all()],
    )


def links_for(user: User) -> QuerySet[CareLink]:
    """Return the links the user may see, newest first.

    A patient sees all of theirs, ended ones too: the record of who could see
    their data and until when. A therapist sees only active ones; an ended
    link is, for them, like a patient they never had.
    """
    return CareLink.objects.filter(
        Q(patient=user) | Q(therapist=user, ended_at__isnull=True)
    ).select_related("therapist", "patient")
