"""Reads for the tracker app: pain entries, per-day progress, streaks, habit strength, goals."""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo

from django.db.models import (
    Avg,
    CharField,
    Count,
    F,
    Max,
    Min,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Concat, TruncDate
from django.utils.translation import gettext as _

from exercises.doses import dose_text, side_text
from exercises.models import ExerciseLog, PlanChange, PlanItem, PlanVersion
from exercises.selectors import plan_items_in_force
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
    """A plan item as planned_on reads it: the local days it counts on, and how often."""

    since: date
    weekdays: frozenset[int]
    times_per_day: int
    # The first local day it no longer counts on (its version ended); None: still counts.
    until: date | None = None

    def active_on(self, day: date) -> bool:
        return self.since <= day and (self.until is None or day < self.until)

    def due_on(self, day: date) -> bool:
        return self.active_on(day) and day.isoweekday() in self.weekdays


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


# What plan_item_row needs of each PlanItem, for values_list() (with a prefix
# when read through another model).
PLAN_ITEM_ROW_FIELDS = (
    "plan__created_at",
    "plan__ended_on",
    "version_id",
    "version__effective_from",
    "version__effective_to",
    "days_of_week",
    "times_per_day",
)


def _plan_items(*, user: User, before: datetime, tz: tzinfo) -> list[PlanItemRow]:
    """Return every version's items of the user's plans created before `before`.

    One query. Paused versions plan nothing and are left out.
    """
    rows = PlanItem.objects.filter(
        plan_items_counted(), plan__user=user, plan__created_at__lt=before
    ).values_list(*PLAN_ITEM_ROW_FIELDS)
    return [plan_item_row(row, tz) for row in rows]


def plan_items_counted() -> Q:
    """Return a filter for the plan items that ever count: not of a paused version or plan."""
    return Q(version__isnull=False, version__is_paused=False) | Q(
        version__isnull=True, plan__is_paused=False
    )


def plan_item_row(row: tuple, tz: tzinfo) -> PlanItemRow:
    """Return a plan item (PLAN_ITEM_ROW_FIELDS' values) as planned_on reads it.

    It counts over its version's days: from the version's first day (the
    first version: from the plan's local creation date) until the day the
    version ended. An item without a version counts from its plan's creation
    until the plan was deleted. Shared with the therapist's dashboard, which
    reads the items of many patients in one query, so both count planned
    sessions the same way.
    """
    created_at, ended_on, version_id, version_from, version_to, days_of_week, times = row
    if version_id is None:
        since, until = local_date(created_at, tz), ended_on
    else:
        since, until = version_from or local_date(created_at, tz), version_to
    return PlanItemRow(
        since=since, weekdays=_weekdays(days_of_week), times_per_day=times, until=until
    )


def planned_on(day: date, items: list[PlanItemRow]) -> tuple[int, bool]:
    """Return (sessions planned on `day`, whether any plan item was in force that day)."""
    active = [item for item in items if item.active_on(day)]
    planned = sum(item.times_per_day for item in active if day.isoweekday() in item.weekdays)
    return planned, bool(active)


def plan_items_due(*, user: User, day: date) -> list[PlanItem]:
    """Return the plan items due on the user's local `day`, plan by plan, in each plan's order.

    The same rule as planned_on (the version in force that day, its weekdays),
    so what Today lists is what progress and the dashboard count.
    """
    return [
        item
        for item in plan_items_in_force(user=user, day=day)
        if day.isoweekday() in _weekdays(item.days_of_week)
    ]


def plan_session_items(*, user: User, plan_id: int, day: date) -> list[PlanItem]:
    """Return what a session of one plan is on `day`: its items due, in the plan's order.

    On a day with nothing of the plan due (a rest day) every item in force:
    a session is still welcome.
    """
    due = [item for item in plan_items_due(user=user, day=day) if item.plan_id == plan_id]
    if due:
        return due
    return [item for item in plan_items_in_force(user=user, day=day) if item.plan_id == plan_id]


@dataclass(frozen=True)
class PlanChangeRow:
    """One change to one of a user's plans, as the user reads it."""

    version: PlanVersion
    changes: list[str]


def _dose_words(item: PlanItem) -> str:
    parts = [dose_text(hold_seconds=item.hold_seconds, reps=item.reps, sets=item.sets)]
    parts.append(side_text(item.side))
    parts.append(_("%(count)s a day") % {"count": item.times_per_day})
    return ", ".join(part for part in parts if part)


def _matched(before: list[PlanItem], after: list[PlanItem]) -> list[tuple]:
    """Return (old, new) pairs, matching the same exercise and side, then the same exercise.

    An unmatched old item pairs with None (removed), an unmatched new one too (added).
    """
    left = list(before)
    pairs = []
    for new in after:
        old = next(
            (o for o in left if (o.exercise_id, o.side) == (new.exercise_id, new.side)), None
        )
        old = old or next((o for o in left if o.exercise_id == new.exercise_id), None)
        if old is not None:
            left.remove(old)
        pairs.append((old, new))
    return pairs + [(old, None) for old in left]


def plan_version_changes(before: PlanVersion | None, after: PlanVersion) -> list[str]:
    """Return in words what `after` changed from `before` (uses prefetched items)."""
    if after.change == PlanChange.DELETED:
        return [_("Plan ended.")]
    if after.change == PlanChange.PAUSED:
        return [_("Plan paused.")]
    if after.change == PlanChange.RESUMED:
        return [_("Plan resumed.")]
    if before is None:
        return [_("Plan created.")]
    changes = []
    if before.name != after.name:
        changes.append(_("Renamed to “%(name)s”.") % {"name": after.name})
    if before.notes != after.notes:
        changes.append(_("Notes changed."))
    for old, new in _matched(before.items.all(), after.items.all()):
        if old is None:
            changes.append(
                _("Added %(exercise)s (%(dose)s).")
                % {"exercise": new.exercise.name, "dose": _dose_words(new)}
            )
        elif new is None:
            changes.append(_("Removed %(exercise)s.") % {"exercise": old.exercise.name})
        elif _dose_words(old) != _dose_words(new):
            changes.append(
                _("%(exercise)s: %(before)s → %(after)s.")
                % {
                    "exercise": new.exercise.name,
                    "before": _dose_words(old),
                    "after": _dose_words(new),
                }
            )
        elif old.notes != new.notes or old.days_of_week != new.days_of_week:
            changes.append(
                _("%(exercise)s: days or note changed.") % {"exercise": new.exercise.name}
            )
    return changes or [_("No change to the exercises.")]


def plan_changes(*, user: User, limit: int = 10) -> list[PlanChangeRow]:
    """Return the latest changes to the user's plans (deleted ones too), newest first.

    Creations are left out: the plan itself shows them. Two queries: the
    versions, then the items of the changes listed and of the versions they
    follow; one when no plan was ever changed (Today asks on every visit).
    """
    versions = list(
        PlanVersion.objects.filter(plan__user=user)
        .select_related("changed_by", "plan")
        .order_by("plan_id", "number")
    )
    previous: dict[int, PlanVersion] = {}
    pairs = []
    for version in versions:
        if version.change != PlanChange.CREATED:
            pairs.append((previous.get(version.plan_id), version))
        if version.change != PlanChange.DELETED:
            previous[version.plan_id] = version
    pairs.sort(key=lambda pair: pair[1].created_at, reverse=True)
    pairs = pairs[:limit]
    needed = {version for pair in pairs for version in pair if version is not None}
    if needed:
        items = PlanItem.objects.select_related("exercise").order_by("order", "id")
        prefetch_related_objects(list(needed), Prefetch("items", queryset=items))
    return [
        PlanChangeRow(version, plan_version_changes(before, version)) for before, version in pairs
    ]


def has_plan_on(*, user: User, day: date) -> bool:
    """Return whether any plan item is in force on `day` (a rest day, when none is due)."""
    return plan_items_in_force(user=user, day=day).exists()


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


# What one session is (the patient's progress and the therapist's dashboard count
# the same way): a log, except that the logs of a routine finished early
# (one per exercise done, sharing the routine and the moment; see player.js)
# are together one session, a partial one.
ROUTINE_PART = Q(routine__isnull=False, exercise__isnull=False)


def session_count() -> Count:
    """Return an aggregate of the sessions among the rows of a group of ExerciseLogs.

    Every other log is a session, counted as it is; only the parts of a
    routine are told apart, by (routine, moment), and only they are compared:
    a DISTINCT over every log's text would sort every row of the group.
    """
    return single_sessions() + routine_sessions()


def single_sessions() -> Count:
    """Return an aggregate of the sessions that are not parts of a routine: one a log."""
    return Count("pk", filter=~ROUTINE_PART)


def routine_sessions() -> Count:
    """Return an aggregate of the routines finished early: one per (routine, moment).

    Among ROUTINE_PART rows only, with `sessions_from_counts`: session_count
    taken apart, for a query that counts a large number of groups (a DISTINCT
    aggregate makes PostgreSQL sort every row of each group).
    """
    return Count(
        Concat(Cast("routine_id", CharField()), Value(" "), Cast("performed_at", CharField())),
        distinct=True,
        filter=ROUTINE_PART,
    )


def sessions_from_counts(*, logs: int, routine_parts: int, routines: int) -> int:
    """Return session_count from its counts taken apart.

    `logs` is every log of the group; `routine_parts` of them are ROUTINE_PART
    rows, which together are `routines` sessions (routine_sessions).
    """
    return logs - routine_parts + routines


def sessions_by_local_day(*, user: User, since: datetime, until: datetime) -> dict[date, int]:
    """Return {local date: sessions} of the user's logs from `since` to `until` (excluded).

    Only days with a log are there. Local dates are in user.timezone; progress/
    and the dashboard's kept counts (tracker.activity_days) both come from here.
    """
    return dict(
        ExerciseLog.objects.filter(user=user, performed_at__gte=since, performed_at__lt=until)
        .annotate(day=TruncDate("performed_at", tzinfo=user.tzinfo))
        .values("day")
        .annotate(n=session_count())
        .order_by()
        .values_list("day", "n")
    )


def pain_by_local_day(*, user: User, since: datetime, until: datetime) -> dict[date, dict]:
    """Return {local date: {mean, low, high, n, total}} of the user's pain entries.

    From `since` to `until` (excluded), only days with an entry; see
    sessions_by_local_day.
    """
    return {
        row["day"]: row
        for row in PainEntry.objects.filter(
            user=user, recorded_at__gte=since, recorded_at__lt=until
        )
        .annotate(day=TruncDate("recorded_at", tzinfo=user.tzinfo))
        .values("day")
        .annotate(
            mean=Avg("rating"),
            low=Min("rating"),
            high=Max("rating"),
            n=Count("id"),
            total=Sum("rating"),
        )
        .order_by()
    }


def progress_by_day(*, user: User, start: date, end: date) -> list[DayProgress]:
    """Return one DayProgress per local date from `start` to `end`, both included.

    Days are the user's local days (user.timezone). Four queries whatever the
    range: sessions and pain are counted by the database, grouped by local
    date; then the pause days and the plan items.
    """
    tz = user.tzinfo
    since, _ = day_bounds(start, tz)
    _, until = day_bounds(end, tz)

    sessions = sessions_by_local_day(user=user, since=since, until=until)
    pain = pain_by_local_day(user=user, since=since, until=until)
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
