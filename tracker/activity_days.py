"""Each person's sessions and pain ratings by local day, kept as they are written.

The therapists' dashboard needs about six weeks of day counts of every linked
patient on each request; grouping every patient's rows by local day each time
was most of its cost. ActivityDay rows hold the same counts, from the same
queries as the person's own progress/ (tracker.selectors), kept as follows:

- a new log that is a session by itself, or a new pain rating, inserted in a
  transaction: its day's row is incremented in one statement of the same
  transaction, which concurrent writes cannot undo (inserted in autocommit,
  it is counted again like the others below);
- anything else (an edit, a delete, a part of a routine): the days it touches
  are counted again from the rows. Their rows are locked first, so that a
  concurrent increment waits and then adds to the new count;
- a change of zone moves every local day: all the person's days are counted
  again.

This runs from model signals: the counts are a cache, and signals are for
cache invalidation (STYLE.md). It holds for every way a log or a rating is
written through save() and delete() (API, pages, a reminder's Done, admin),
in whichever app. Writes that bypass them (bulk_create, QuerySet.update)
must call activity_days_recount or activity_days_rebuild themselves;
`manage.py activity_days_rebuild` counts everything again.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import connections, transaction
from django.db.models import Max, Min
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from exercises.models import ExerciseLog
from tracker.days import day_bounds, day_start, local_date
from tracker.models import ActivityDay, PainEntry, User
from tracker.selectors import pain_by_local_day, sessions_by_local_day

# The instant field each counted model is placed on a local day by.
_INSTANT = {ExerciseLog: "performed_at", PainEntry: "recorded_at"}
# Set on an instance being saved over a stored row: the stored (user id, instant).
_BEFORE = "_activity_day_before"
_ZONE_BEFORE = "_activity_day_zone_before"


def activity_day_add(
    *, user_id: int, day: date, sessions: int = 0, pain_entries: int = 0, pain_total: int = 0
) -> None:
    """Add to one local day's counts, creating its row; safe against concurrent writes."""
    connection = connections[ActivityDay.objects.db]
    table = connection.ops.quote_name(ActivityDay._meta.db_table)
    # One statement on both backends (PostgreSQL, SQLite 3.24+): a read, then a
    # write, could lose a concurrent writer's addition.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, date, sessions, pain_entries, pain_total)"  # noqa: S608 - our table
            " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (user_id, date) DO UPDATE SET"
            f" sessions = {table}.sessions + excluded.sessions,"
            f" pain_entries = {table}.pain_entries + excluded.pain_entries,"
            f" pain_total = {table}.pain_total + excluded.pain_total",
            [
                user_id,
                connection.ops.adapt_datefield_value(day),
                sessions,
                pain_entries,
                pain_total,
            ],
        )


def activity_days_recount(*, user: User, dates: Iterable[date]) -> None:
    """Count the user's sessions and pain ratings of these local dates again from the rows."""
    dates = sorted(set(dates))
    if not dates:
        return
    with transaction.atomic():
        # Every day's row exists and is locked before counting (see the module).
        ActivityDay.objects.bulk_create(
            [ActivityDay(user=user, date=day) for day in dates], ignore_conflicts=True
        )
        rows = list(ActivityDay.objects.select_for_update().filter(user=user, date__in=dates))
        since, until = day_start(dates[0], user.tzinfo), day_bounds(dates[-1], user.tzinfo)[1]
        counts = _counts_by_day(user, since=since, until=until)
        for row in rows:
            row.sessions, row.pain_entries, row.pain_total = counts.get(row.date, (0, 0, 0))
        ActivityDay.objects.bulk_update(rows, ["sessions", "pain_entries", "pain_total"])
        emptied = [row.pk for row in rows if row.date not in counts]
        if emptied:
            ActivityDay.objects.filter(pk__in=emptied).delete()


def activity_days_rebuild(*, user: User) -> None:
    """Count all of the user's days again from the rows (after a change of zone, say)."""
    with transaction.atomic():
        ActivityDay.objects.filter(user=user).delete()
        bounds = [
            model.objects.filter(user=user).aggregate(first=Min(field), last=Max(field))
            for model, field in _INSTANT.items()
        ]
        firsts = [b["first"] for b in bounds if b["first"] is not None]
        if not firsts:
            return
        since, until = min(firsts), max(b["last"] for b in bounds if b["last"] is not None)
        since = day_start(local_date(since, user.tzinfo), user.tzinfo)
        until = day_bounds(local_date(until, user.tzinfo), user.tzinfo)[1]
        ActivityDay.objects.bulk_create(
            ActivityDay(
                user=user, date=day, sessions=sessions, pain_entries=entries, pain_total=total
            )
            for day, (sessions, entries, total) in sorted(
                _counts_by_day(user, since=since, until=until).items()
            )
        )


def _counts_by_day(
    user: User, *, since: datetime, until: datetime
) -> dict[date, tuple[int, int, int]]:
    """Return {local date: (sessions, pain entries, sum of ratings)} of the days with some."""
    sessions = sessions_by_local_day(user=user, since=since, until=until)
    pain = pain_by_local_day(user=user, since=since, until=until)
    return {
        day: (
            sessions.get(day, 0),
            pain[day]["n"] if day in pain else 0,
            pain[day]["total"] if day in pain else 0,
        )
        for day in sessions.keys() | pain.keys()
    }


def _is_routine_part(log: ExerciseLog) -> bool:
    # tracker.selectors.ROUTINE_PART: such logs make sessions together, by moment.
    return log.routine_id is not None and log.exercise_id is not None


def _stored_before(sender, instance, raw=False, **kwargs) -> None:
    """Keep where an existing log or rating was, before a save moves it (pre_save)."""
    if raw or instance._state.adding:
        return
    stored = (
        sender._base_manager.filter(pk=instance.pk).values_list("user_id", _INSTANT[sender]).first()
    )
    setattr(instance, _BEFORE, stored)


def _saved(sender, instance, created, raw=False, **kwargs) -> None:
    """Count a log or a rating in its day (post_save)."""
    if raw:
        return
    instant = _instant(sender, getattr(instance, _INSTANT[sender]))
    user = instance.user
    # Adding is right only inside the transaction that inserted the row: once
    # the row is committed, a recount (a resend of the same row, say) may
    # already have counted it, and adding would count it twice.
    in_insert_transaction = transaction.get_connection(kwargs.get("using")).in_atomic_block
    if (
        created
        and in_insert_transaction
        and not (sender is ExerciseLog and _is_routine_part(instance))
    ):
        day = local_date(instant, user.tzinfo)
        if sender is ExerciseLog:
            activity_day_add(user_id=user.pk, day=day, sessions=1)
        else:
            activity_day_add(
                user_id=user.pk, day=day, pain_entries=1, pain_total=int(instance.rating)
            )
        return
    before = instance.__dict__.pop(_BEFORE, None)
    if before is not None and before[0] != user.pk:
        _recount_at(before[0], [before[1]])
        before = None
    instants = [instant] if before is None else [instant, before[1]]
    activity_days_recount(user=user, dates=[local_date(at, user.tzinfo) for at in instants])


def _deleted(sender, instance, origin=None, **kwargs) -> None:
    """Count a deleted log's or rating's day again (post_delete).

    Not when the person is being deleted: their rows go with them.
    """
    if isinstance(origin, get_user_model()):
        return
    _recount_at(instance.user_id, [_instant(sender, getattr(instance, _INSTANT[sender]))])


def _instant(sender, value) -> datetime:
    """Return the instant as stored: a model may be saved with ISO text, or a naive time."""
    instant = sender._meta.get_field(_INSTANT[sender]).to_python(value)
    return timezone.make_aware(instant) if timezone.is_naive(instant) else instant


def _recount_at(user_id: int, instants: list[datetime]) -> None:
    user = User.objects.filter(pk=user_id).first()
    if user is not None:
        activity_days_recount(user=user, dates=[local_date(at, user.tzinfo) for at in instants])


def _zone_before(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """Keep the zone a user had before a save that may change it (pre_save)."""
    if raw or instance._state.adding:
        return
    if update_fields is not None and "timezone" not in update_fields:
        return
    stored = User.objects.filter(pk=instance.pk).values_list("timezone", flat=True).first()
    setattr(instance, _ZONE_BEFORE, stored)


def _zone_saved(sender, instance, raw=False, **kwargs) -> None:
    """After a change of zone, place every log and rating on its new local day (post_save)."""
    before = instance.__dict__.pop(_ZONE_BEFORE, None)
    if not raw and before is not None and before != instance.timezone:
        activity_days_rebuild(user=instance)


def connect_signals() -> None:
    for model in _INSTANT:
        uid = f"activity-days-{model._meta.model_name}"
        pre_save.connect(_stored_before, sender=model, dispatch_uid=f"{uid}-before")
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}-deleted")
    pre_save.connect(_zone_before, sender=User, dispatch_uid="activity-days-zone-before")
    post_save.connect(_zone_saved, sender=User, dispatch_uid="activity-days-zone-saved")
