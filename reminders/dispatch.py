"""The dispatcher: turn what fell due into Delivery rows, exactly once.

It runs every minute from Celery beat, and several may run at once: each batch
is claimed in one transaction with SELECT ... FOR UPDATE SKIP LOCKED on
PostgreSQL (SQLite serialises writers instead), a Delivery is created per
(schedule or drive, due instant) under a unique constraint, the schedule is
advanced, and the send tasks are enqueued only after the commit.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet

from exercises.models import Routine
from exercises.selectors import last_log_times
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
from reminders.rules import drive_rule, drive_segments, schedule_next_fire
from reminders.services import DEFAULT_ROUTINES

Enqueue = Callable[[Sequence[int]], None]
# What the dispatcher reads of a schedule (loading less makes a large batch cheaper).
SCHEDULE_FIELDS = [
    "user_id", "kind", "is_active", "interval_minutes", "window_start", "window_end",
    "weekdays", "times", "quiet_start", "quiet_end", "paused_until", "snoozed_until",
    "channels", "routine_id", "next_fire_at", "last_fired_at",
]  # fmt: skip


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
    """Create the deliveries due at `now` for schedules and drives; return the counts."""
    batch_size = batch_size or settings.REMINDERS_BATCH_SIZE
    total = DispatchResult()
    for claim in (_schedule_batch, _drive_batch):
        while True:
            result = claim(now=now, enqueue=enqueue, batch_size=batch_size)
            total.add(result)
            if result.claimed < batch_size:
                break
    return total


def _state_for(due: datetime, now: datetime) -> str:
    # After an outage, what fell due within the grace window is still sent;
    # older reminders are recorded as missed, never sent in a burst.
    grace = timedelta(minutes=settings.REMINDERS_GRACE_MINUTES)
    return DeliveryState.PENDING if now - due <= grace else DeliveryState.MISSED


def _schedule_batch(*, now: datetime, enqueue: Enqueue, batch_size: int) -> DispatchResult:
    result = DispatchResult()
    with transaction.atomic():
        due_rows = (
            Schedule.objects.filter(is_active=True, next_fire_at__lte=now)
            .select_related("user")
            .only(*SCHEDULE_FIELDS, "user__timezone")
        )
        schedules = list(_locked(due_rows.order_by("next_fire_at"))[:batch_size])
        if not schedules:
            return result
        user_ids = {s.user_id for s in schedules}
        last_logs = last_log_times(user_ids=user_ids)
        driving = set(
            Drive.objects.filter(user_id__in=user_ids, ended_at__isnull=True).values_list(
                "user_id", flat=True
            )
        )
        default_routines = _default_routine_ids()
        deliveries = []
        for schedule in schedules:
            delivery = _fire(schedule, now=now, last_log=last_logs.get(schedule.user_id),
                             driving=schedule.user_id in driving)  # fmt: skip
            if delivery is None:
                result.suppressed += 1
            else:
                delivery.routine_id = delivery.routine_id or default_routines.get(delivery.kind)
                deliveries.append(delivery)
        result.claimed = len(schedules)
        created = Delivery.objects.bulk_create(deliveries)
        _save_advances(schedules)
        _count_and_enqueue(created, result, enqueue)
    return result


def _save_advances(schedules: list[Schedule]) -> None:
    """Write the advanced schedules in one statement (bulk_update's CASE is far slower)."""
    table = Schedule._meta.db_table
    rows = [(s.pk, s.next_fire_at, s.last_fired_at, s.snoozed_until) for s in schedules]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            values = ", ".join(
                ["(%s, %s::timestamptz, %s::timestamptz, %s::timestamptz)"] * len(rows)
            )
            cursor.execute(
                f"UPDATE {table} AS s SET next_fire_at = v.next, last_fired_at = v.last, "  # noqa: S608 - our table
                f"snoozed_until = v.snooze FROM (VALUES {values}) AS v(id, next, last, snooze) "
                "WHERE s.id = v.id",
                [value for row in rows for value in row],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET next_fire_at = %s, last_fired_at = %s, snoozed_until = %s "  # noqa: S608 - our table
                "WHERE id = %s",
                [(nxt, last, snooze, pk) for pk, nxt, last, snooze in rows],
            )


def _default_routine_ids() -> dict[str, int]:
    """Return {delivery kind: id of the routine suggested when the schedule names none}."""
    slugs = DEFAULT_ROUTINES.values()
    ids = dict(Routine.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    return {kind: ids[slug] for kind, slug in DEFAULT_ROUTINES.items() if slug in ids}


def _fire(schedule: Schedule, *, now: datetime, last_log: datetime | None, driving: bool):
    """Advance one due schedule; return its Delivery, or None when the reminder is not needed.

    A sitting reminder is not needed during a drive (the drive has its own), nor
    when the person logged a stretch within the interval: that was their break.
    """
    due = schedule.next_fire_at
    tz = schedule.user.tzinfo
    sitting = schedule.kind == ScheduleKind.SITTING
    interval = timedelta(minutes=schedule.interval_minutes)
    took_a_break = sitting and last_log is not None and last_log > due - interval
    suppressed = sitting and (driving or took_a_break)
    if not suppressed:
        schedule.last_fired_at = due
    if schedule.snoozed_until is not None and schedule.snoozed_until <= due:
        schedule.snoozed_until = None
    moments = [m for m in (schedule.last_fired_at, last_log) if m is not None]
    schedule.next_fire_at = schedule_next_fire(
        schedule, tz=tz, after=max(now, due), last_break=max(moments) if moments else None
    )
    if suppressed:
        return None
    state = _state_for(due, now)
    return Delivery(
        user_id=schedule.user_id,
        schedule=schedule,
        kind=DeliveryKind.TIMES if schedule.kind == ScheduleKind.TIMES else DeliveryKind.SITTING,
        due_at=due,
        routine_id=schedule.routine_id,
        channels=schedule.channels,
        state=state,
        enqueued_at=now if state == DeliveryState.PENDING else None,
    )


def _drive_batch(*, now: datetime, enqueue: Enqueue, batch_size: int) -> DispatchResult:
    result = DispatchResult()
    with transaction.atomic():
        due_rows = Drive.objects.filter(ended_at__isnull=True, next_fire_at__lte=now)
        drives = list(_locked(due_rows.order_by("next_fire_at"))[:batch_size])
        if not drives:
            return result
        truck_stop_id = _default_routine_ids().get(DeliveryKind.DRIVE)
        deliveries = []
        for drive in drives:
            rule, segments = drive_rule(drive), drive_segments(drive)
            due = drive.next_fire_at
            drive.reminded_for = count_started_at(rule, segments, now)
            drive.next_fire_at = next_drive_reminder(
                rule, segments, now, already_fired_for=drive.reminded_for
            )
            state = _state_for(due, now)
            deliveries.append(
                Delivery(
                    user_id=drive.user_id,
                    drive=drive,
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
        created = Delivery.objects.bulk_create(deliveries)
        Drive.objects.bulk_update(drives, ["next_fire_at", "reminded_for"])
        _count_and_enqueue(created, result, enqueue)
    return result


def _count_and_enqueue(created: list[Delivery], result: DispatchResult, enqueue: Enqueue) -> None:
    pending_ids = [d.pk for d in created if d.state == DeliveryState.PENDING]
    result.pending += len(pending_ids)
    result.missed += len(created) - len(pending_ids)
    if pending_ids:
        transaction.on_commit(lambda: enqueue(pending_ids))


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
