"""The dispatcher: turn what fell due into Delivery rows, exactly once.

It runs every minute from Celery beat, and several may run at once: each batch
is claimed in one transaction with SELECT ... FOR UPDATE SKIP LOCKED on
PostgreSQL (SQLite serialises writers instead), a Delivery is created per
(schedule or drive, due instant) under a unique constraint, the schedule is
advanced, and the send tasks are enqueued only after the commit.
"""

import functools
import gc
import json
import operator
import threading
from collections import Counter, namedtuple
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet, TextField
from django.db.models.functions import Cast

from exercises.models import Routine
from exercises.selectors import last_log_expression
from reminders import metrics
from reminders.bulk import (
    Advance,
    NewDelivery,
    binary_cursor,
    deliveries_insert,
    deliveries_insert_begin,
    pipelined,
    schedules_advance,
)
from reminders.drive_rules import count_started_at, next_drive_reminder
from reminders.models import (
    Channel,
    Delivery,
    DeliveryKind,
    DeliveryState,
    Drive,
    Schedule,
    ScheduleKind,
)
from reminders.rules import drive_rule, drive_segments, rule_spec, spec_next_fire
from reminders.schedule import after_outage
from reminders.services import DEFAULT_ROUTINES

Enqueue = Callable[[Sequence[int]], None]
# What the dispatcher reads of a due schedule: plain tuples, no model instances.
DUE_FIELDS = [
    "pk", "user_id", "kind", "interval_minutes", "window_start", "window_end",
    "quiet_start", "quiet_end", "paused_until", "snoozed_until", "routine_id",
    "next_fire_at", "last_fired_at", "user__timezone",
]  # fmt: skip
# After an outage, the most instants of one schedule recorded in one run (a day
# of 15-minute sitting breaks is 96); past it the schedule resumes from now.
MAX_CATCH_UP = 200
# Due schedules worked out per statement pair (insert, advance): on PostgreSQL
# the pair runs while the next chunk is worked out (bulk.pipelined).
WRITE_CHUNK = 500
# JSON fields read as text: a batch holds few distinct values, each parsed once.
JSON_FIELDS = ["weekdays", "times", "channels"]
# The values of a due row that make up its rule (reminders.rules.rule_spec).
_spec_values = operator.attrgetter(
    "kind", "user__timezone", "interval_minutes", "window_start", "window_end",
    "weekdays_json", "times_json", "quiet_start", "quiet_end",
)  # fmt: skip


@dataclass
class DispatchResult:
    claimed: int = 0
    pending: int = 0
    missed: int = 0
    suppressed: int = 0

    def add(self, other: "DispatchResult") -> None:
        self.claimed += other.claimed
        self.pending += other.pending
        self.missed += other.missed
        self.suppressed += other.suppressed


def _locked(rows: QuerySet) -> QuerySet:
    if connection.features.has_select_for_update_skip_locked:
        return rows.select_for_update(skip_locked=True, of=("self",))
    return rows


def dispatch_due(
    *, now: datetime, enqueue: Enqueue, batch_size: int | None = None
) -> DispatchResult:
    """Create the deliveries due at `now` for schedules and drives; return the counts.

    On PostgreSQL a pass with work claims its batches on REMINDERS_DISPATCH_CONNECTIONS
    connections at once, one thread each (this one among them): one connection
    leaves PostgreSQL's second core idle. Inside an open transaction (other
    connections would not see its rows) and on SQLite it keeps to this one.
    """
    batch_size = batch_size or settings.REMINDERS_BATCH_SIZE
    due = _anything_due(now)
    if not any(due):
        return DispatchResult()
    after_commit, failed = _AfterCommit(), threading.Event()
    # One per kind (schedules, drives): set once a claim of that kind came back short.
    drained = (threading.Event(), threading.Event())
    claims = functools.partial(
        _claims,
        due=due,
        drained=drained,
        now=now,
        enqueue=enqueue,
        batch_size=batch_size,
        # Read once per pass, when a batch first needs them.
        routines=functools.cache(_default_routine_ids),
        after_commit=after_commit,
        failed=failed,
    )
    connections = settings.REMINDERS_DISPATCH_CONNECTIONS
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        connections = 1
    with _no_cycle_collection():
        try:
            if connections == 1:
                return claims()
            return _on_connections(claims, connections, failed)
        finally:
            after_commit.close()


def _claims(
    *,
    due: tuple[bool, bool],
    drained: tuple[threading.Event, threading.Event],
    now: datetime,
    enqueue: Enqueue,
    batch_size: int,
    routines: Callable[[], dict[str, int]],
    after_commit: "_AfterCommit",
    failed: threading.Event,
) -> DispatchResult:
    """Claim batches of due schedules, then of drives, until one comes back short.

    On several connections, a batch short of `batch_size` on any of them means
    the rest is claimed (or being claimed) by the others: each stops after the
    batch in hand, without a claim of its own that would find nothing. Once one
    of them has failed the others claim nothing more: the pass is to raise,
    and the next one takes up what is left.
    """
    total = DispatchResult()
    kinds = zip((_schedule_batch, _drive_batch), due, drained, strict=True)
    for claim, more, kind_drained in kinds:
        while more and not (failed.is_set() or kind_drained.is_set()):
            result = claim(
                now=now,
                enqueue=enqueue,
                batch_size=batch_size,
                routines=routines,
                after_commit=after_commit,
            )
            total.add(result)
            more = result.claimed == batch_size
        kind_drained.set()
    # Enqueue what is held now, while any other connection still writes.
    after_commit.run_held()
    return total


def _on_connections(
    claims: Callable[[], DispatchResult], count: int, failed: threading.Event
) -> DispatchResult:
    """Run `claims` on this thread and on count - 1 more, each on its own connection.

    Django gives each thread a connection of its own; the threads' are opened
    for the pass and closed after it. A failure sets `failed`, and the first is
    raised once every thread has ended.
    """
    total, errors, lock = DispatchResult(), [], threading.Lock()

    def run() -> None:
        try:
            result = claims()
        except BaseException as error:
            failed.set()
            with lock:
                errors.append(error)
        else:
            with lock:
                total.add(result)

    def run_on_own_connection() -> None:
        try:
            run()
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run_on_own_connection, name=f"dispatch-{n}")
        for n in range(1, count)
    ]
    for thread in threads:
        thread.start()
    try:
        run()
    finally:
        for thread in threads:
            thread.join()
    if errors:
        raise errors[0]
    return total


class _AfterCommit:
    """Hold what a committed batch leaves to do (enqueue, count) until PostgreSQL is busy.

    Run at the commit, it would leave PostgreSQL idle meanwhile; held, it runs
    while PostgreSQL writes the next batch (see _schedule_batch), on whichever
    connection's thread comes there first, or when the pass ends. Once the pass
    has ended (or outside a pass's transaction, as in tests that run commit
    hooks late) it runs at once.
    """

    def __init__(self) -> None:
        self.held: list[Callable[[], None]] = []
        self.open = True
        self.lock = threading.Lock()

    def later(self, work: Callable[[], None]) -> None:
        with self.lock:
            if self.open:
                self.held.append(work)
                return
        work()

    def run_held(self) -> None:
        with self.lock:
            held, self.held = self.held, []
        for work in held:
            work()

    def close(self) -> None:
        with self.lock:
            self.open = False
        self.run_held()


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Hold off Python's cycle collector for the pass.

    A batch allocates tens of thousands of tuples, which set off collections
    that walk every object of the process (Django's, Celery's): 60-100 ms of a
    10,000-reminder pass. What the pass leaves is freed by reference counting;
    any cycles wait for the next collection after it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _anything_due(now: datetime) -> tuple[bool, bool]:
    """Return whether any schedule and any drive is due, in one round trip.

    Most passes find nothing: this keeps them to one statement with no
    transaction and no query to compile. It asks for the earliest fire time of
    each (min() walks one step down the partial index, whatever the planner's
    statistics say; an EXISTS with `<= now` can be planned as a sequential scan
    when they are stale). What falls due just after it is the next pass's.
    """
    schedules, drives = Schedule._meta.db_table, Drive._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT min(next_fire_at) FROM {schedules} "  # noqa: S608 - our tables
            "WHERE is_active AND next_fire_at IS NOT NULL) <= %s, "
            f"(SELECT min(next_fire_at) FROM {drives} "
            "WHERE ended_at IS NULL AND next_fire_at IS NOT NULL) <= %s",
            [now, now],
        )
        schedules_due, drives_due = cursor.fetchone()
    # NULL (nothing with a fire time) is not due.
    return bool(schedules_due), bool(drives_due)


def _state_for(due: datetime, now: datetime) -> str:
    # After an outage, what fell due within the grace window is still sent;
    # older reminders are recorded as missed, never sent in a burst.
    grace = timedelta(minutes=settings.REMINDERS_GRACE_MINUTES)
    return DeliveryState.PENDING if now - due <= grace else DeliveryState.MISSED


def _schedule_batch(
    *,
    now: datetime,
    enqueue: Enqueue,
    batch_size: int,
    routines: Callable[[], dict[str, int]],
    after_commit: _AfterCommit,
) -> DispatchResult:
    """Claim, fire and advance one batch of due schedules in one transaction.

    1. Claim up to `batch_size` due schedules (SKIP LOCKED on PostgreSQL) as
       tuples, each with its user's last logged stretch and whether a drive runs.
    2. Read the default routines (once per pass).
    3. Work out each one's delivery (or suppression) and next fire time; equal
       inputs share one computation (a burst is mostly a few rules due at once).
    4. Insert the deliveries and write the advances, a statement pair per
       WRITE_CHUNK, each pair sent while the next chunk is worked out (on
       PostgreSQL), then, while PostgreSQL finishes, enqueue the batch before.
    5. Enqueue the new pending ones after the commit (held for the next batch).
    """
    result = DispatchResult()
    with transaction.atomic():
        due_rows = Schedule.objects.filter(is_active=True, next_fire_at__lte=now).annotate(
            last_log=last_log_expression(user_field="user_id"),
            driving=Exists(Drive.objects.filter(user_id=OuterRef("user_id"), ended_at=None)),
            **{f"{name}_json": Cast(name, TextField()) for name in JSON_FIELDS},
        )
        columns = [*DUE_FIELDS, *(f"{name}_json" for name in JSON_FIELDS), "last_log", "driving"]
        rows = _fetch(_locked(due_rows.order_by("next_fire_at")).values_list(*columns)[:batch_size])
        if not rows:
            return result
        firing = _Firing(now=now, routines=routines())
        results, deliveries = [], []
        with pipelined(), _constraints_checked_per_statement():
            for start in range(0, len(rows), WRITE_CHUNK):
                for row in rows[start : start + WRITE_CHUNK]:
                    firing.fire(row)
                results.append(deliveries_insert_begin(firing.deliveries))
                schedules_advance(firing.advances)
                deliveries.extend(firing.deliveries)
                firing.deliveries, firing.advances = [], []
            # PostgreSQL is still writing: the batch before can be enqueued meanwhile.
            after_commit.run_held()
            created = [row for result in results for row in result()]
        result.claimed = len(rows)
        result.suppressed = firing.suppressed
        _count_and_enqueue(created, deliveries, result, enqueue, after_commit)
    return result


@contextmanager
def _constraints_checked_per_statement() -> Iterator[None]:
    """Check the foreign keys (deferred to the commit by Django) at each statement.

    The same checks, run earlier: in pipeline mode they overlap the next chunk's
    Python work instead of running all at once at the commit, when nothing else can.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    # Back to Django's default for the rest of the transaction (tests share one).
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _fetch(rows: QuerySet) -> list:
    """Return the rows of a values_list query as named tuples.

    On PostgreSQL the ORM only writes the statement: it runs on a binary cursor,
    whose C loaders read the timestamps and times several times faster than
    the text ones Django installs, and no ORM row machinery runs per row.
    """
    if connection.vendor != "postgresql":
        row_type = _row_type(tuple(rows._fields))
        return [row_type._make(values) for values in rows]
    sql, params = rows.query.get_compiler(connection.alias).as_sql()
    with binary_cursor() as cursor:
        cursor.execute(sql, params, binary=True)
        # Each column is named by its alias in the statement (the values_list names).
        row_type = _row_type(tuple(column.name for column in cursor.description))
        return [row_type._make(values) for values in cursor]


_ROW_TYPES: dict[tuple[str, ...], type] = {}


def _row_type(names: tuple[str, ...]) -> type:
    if names not in _ROW_TYPES:
        _ROW_TYPES[names] = namedtuple("DueRow", names)
    return _ROW_TYPES[names]


class _Firing:
    """The deliveries and advances of one batch, with a memo of next-fire answers."""

    def __init__(self, *, now: datetime, routines: dict):
        self.now, self.routines = now, routines
        self.deliveries: list[NewDelivery] = []
        self.advances: list[Advance] = []
        self.suppressed = 0
        self._memo: dict[tuple, datetime | None] = {}
        self._parsed: dict[str, Any] = {}

    def _json(self, text: str):
        """Return the parsed JSON text, as a tuple for a list (read-only, hashable)."""
        if text not in self._parsed:
            value = json.loads(text)
            self._parsed[text] = tuple(value) if isinstance(value, list) else value
        return self._parsed[text]

    def fire(self, row) -> None:
        """Advance one due schedule and record its deliveries, unless they are not needed.

        1. Walk every instant it fell due at from `next_fire_at` up to now (one,
           or several after an outage; at most MAX_CATCH_UP), each worked out
           after the one before as if that one had fired.
        2. Leave out the instants that need nothing: while the person drives
           (the drive has its own reminder, and a routine prompt at the wheel is
           one more thing to look at), and a sitting break when the person logged
           a stretch within the interval before it: that was their break.
        3. Of the rest, send the latest if it is within the grace window and
           record the others missed (schedule.after_outage).
        """
        now, sitting = self.now, row.kind == ScheduleKind.SITTING
        last_log, interval = row.last_log, timedelta(minutes=row.interval_minutes)
        last_fired, snoozed = row.last_fired_at, row.snoozed_until
        fired: list[datetime] = []
        due: datetime | None = row.next_fire_at
        for _ in range(MAX_CATCH_UP):
            took_a_break = sitting and last_log is not None and last_log > due - interval
            if row.driving or took_a_break:
                self.suppressed += 1
            else:
                fired.append(due)
                last_fired = due
            if snoozed is not None and snoozed <= due:
                snoozed = None
            last_break = None
            if sitting:
                moments = [m for m in (last_fired, last_log) if m is not None]
                last_break = max(moments) if moments else None
            due = self._next_fire(row, due, last_break, snoozed)
            if due is None or due > now:
                break
        else:
            # An outage past MAX_CATCH_UP instants: resume from now.
            due = self._next_fire(row, now, last_break, snoozed)
        self.advances.append(Advance(row.pk, due, last_fired, snoozed))
        grace = timedelta(minutes=settings.REMINDERS_GRACE_MINUTES)
        send, missed = after_outage(fired, now=now, grace=grace)
        for instant in missed:
            self._record(row, instant, DeliveryState.MISSED)
        if send is not None:
            self._record(row, send, DeliveryState.PENDING)

    def _record(self, row, due: datetime, state: str) -> None:
        kind = DeliveryKind.TIMES if row.kind == ScheduleKind.TIMES else DeliveryKind.SITTING
        self.deliveries.append(
            NewDelivery(
                user_id=row.user_id,
                schedule_id=row.pk,
                drive_id=None,
                kind=kind,
                due_at=due,
                routine_id=row.routine_id or self.routines.get(kind),
                channels=list(self._json(row.channels_json)),
                state=state,
                enqueued_at=self.now if state == DeliveryState.PENDING else None,
            )
        )

    def _next_fire(self, row, after: datetime, last_break, snoozed) -> datetime | None:
        # Keyed on the stored values as read: equal rows give equal specs, and
        # building the spec of each of 10,000 rows cost more than the lookup.
        key = (_spec_values(row), after, last_break, row.paused_until, snoozed)
        if key not in self._memo:
            self._memo[key] = spec_next_fire(
                rule_spec(
                    kind=row.kind,
                    tz=row.user__timezone,
                    interval_minutes=row.interval_minutes,
                    window_start=row.window_start,
                    window_end=row.window_end,
                    weekdays=self._json(row.weekdays_json),
                    times=self._json(row.times_json),
                    quiet_start=row.quiet_start,
                    quiet_end=row.quiet_end,
                ),
                after=after,
                last_break=last_break,
                paused_until=row.paused_until,
                snoozed_until=snoozed,
            )
        return self._memo[key]


def _default_routine_ids() -> dict[str, int]:
    """Return {delivery kind: id of the routine suggested when the schedule names none}."""
    slugs = DEFAULT_ROUTINES.values()
    ids = dict(Routine.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    return {kind: ids[slug] for kind, slug in DEFAULT_ROUTINES.items() if slug in ids}


def _drive_batch(
    *,
    now: datetime,
    enqueue: Enqueue,
    batch_size: int,
    routines: Callable[[], dict[str, int]],
    after_commit: _AfterCommit,
) -> DispatchResult:
    result = DispatchResult()
    with transaction.atomic():
        due_rows = Drive.objects.filter(ended_at__isnull=True, next_fire_at__lte=now)
        drives = list(_locked(due_rows.order_by("next_fire_at"))[:batch_size])
        if not drives:
            return result
        truck_stop_id = routines().get(DeliveryKind.DRIVE)
        deliveries: list[NewDelivery] = []
        for drive in drives:
            rule, segments = drive_rule(drive), drive_segments(drive)
            due = drive.next_fire_at
            drive.reminded_for = count_started_at(rule, segments, now)
            drive.next_fire_at = next_drive_reminder(
                rule, segments, now, already_fired_for=drive.reminded_for
            )
            state = _state_for(due, now)
            deliveries.append(
                NewDelivery(
                    user_id=drive.user_id,
                    schedule_id=None,
                    drive_id=drive.pk,
                    kind=DeliveryKind.DRIVE,
                    due_at=due,
                    routine_id=truck_stop_id,
                    # Hands off the phone while driving: push only, shown, not read out by mail.
                    channels=[Channel.PUSH],
                    state=state,
                    enqueued_at=now if state == DeliveryState.PENDING else None,
                )
            )
        result.claimed = len(drives)
        created = deliveries_insert(deliveries)
        Drive.objects.bulk_update(drives, ["next_fire_at", "reminded_for"])
        _count_and_enqueue(created, deliveries, result, enqueue, after_commit)
    return result


def _count_and_enqueue(
    created: list[tuple[int, str]],
    rows: Sequence[NewDelivery],
    result: DispatchResult,
    enqueue: Enqueue,
    after_commit: _AfterCommit,
) -> None:
    pending_ids = sorted(pk for pk, state in created if state == DeliveryState.PENDING)
    result.pending += len(pending_ids)
    result.missed += len(created) - len(pending_ids)
    if pending_ids:
        transaction.on_commit(lambda: after_commit.later(lambda: enqueue(pending_ids)))
    figures = _due_figures(created, rows)
    transaction.on_commit(lambda: after_commit.later(lambda: metrics.increments(figures)))


def _due_figures(created: list[tuple[int, str]], rows: Sequence[NewDelivery]) -> dict[str, int]:
    """Return the due and missed counts, by channel, of the deliveries just inserted."""
    if len(created) == len(rows):
        inserted = [(row.channels, row.state) for row in rows]
    else:
        # Some rows existed already (another dispatcher): count what was inserted.
        inserted = list(
            Delivery.objects.filter(pk__in=[pk for pk, _ in created]).values_list(
                "channels", "state"
            )
        )
    # A batch holds few distinct (channels, state): each is counted out once.
    deliveries = Counter((tuple(channels), state) for channels, state in inserted)
    figures: dict[str, int] = {}
    for (channels, state), count in deliveries.items():
        metric_names = ["reminders_due_total"]
        if state == DeliveryState.MISSED:
            metric_names.append("reminders_missed_total")
        for metric in metric_names:
            for name, amount in metrics.by_channel(metric, channels).items():
                figures[name] = figures.get(name, 0) + amount * count
    return figures


def stuck_deliveries(*, now: datetime) -> list[int]:
    """Return pending deliveries whose send task seems lost, and mark them re-enqueued.

    A broker restart or a lost message leaves a delivery pending with nobody
    working on it; after REMINDERS_SWEEP_AFTER_SECONDS (and no live lease) it
    is handed out again. The send task's lease makes a duplicate harmless.
    """
    cutoff = now - timedelta(seconds=settings.REMINDERS_SWEEP_AFTER_SECONDS)
    with transaction.atomic():
        rows = Delivery.objects.filter(state=DeliveryState.PENDING, enqueued_at__lt=cutoff).exclude(
            lease_until__gt=now
        )
        ids = list(_locked(rows.order_by("enqueued_at")).values_list("pk", flat=True)[:5000])
        Delivery.objects.filter(pk__in=ids).update(enqueued_at=now)
    return ids
