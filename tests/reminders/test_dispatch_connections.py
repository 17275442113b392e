"""A dispatcher pass on several PostgreSQL connections at once (REMINDERS_DISPATCH_CONNECTIONS).

The threads' connections see only committed rows, so these tests commit theirs
(transactional database). Each connection's first batch waits at a barrier for
the other's: both are then claiming at once, whatever the threads' timing.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.db.backends.signals import connection_created
from django.utils import timezone

from reminders import dispatch as dispatch_module
from reminders.dispatch import dispatch_due
from reminders.models import Delivery, Schedule
from tracker.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def schedules_due(count: int, due) -> list[Schedule]:
    users = User.objects.bulk_create(
        User(username=f"sitter{n}", timezone="Europe/Berlin") for n in range(count)
    )
    return Schedule.objects.bulk_create(
        Schedule(
            user=user,
            kind="sitting",
            next_fire_at=due,
            weekdays=[1, 2, 3, 4, 5, 6, 7],
            window_start="00:00",
            window_end="00:00",
        )
        for user in users
    )


class Connections:
    """Record which PostgreSQL backend fires each schedule; hold each one's first batch.

    Every connection's first schedule waits until `count` connections have one:
    on a single connection the barrier times out and the pass fails.
    """

    def __init__(self, monkeypatch, count: int = 2, fails_on: int | None = None):
        self.barrier = threading.Barrier(count, timeout=10)
        self.backends: dict[int, list[int]] = {}
        self.lock = threading.Lock()
        self.fails_on = fails_on
        fire = dispatch_module._Firing.fire

        def fire_recorded(firing, row):
            backend = connection.connection.info.backend_pid
            with self.lock:
                first = backend not in self.backends
                self.backends.setdefault(backend, []).append(row.pk)
            if first:
                self.barrier.wait()
            if row.pk == self.fails_on:
                raise RuntimeError("this batch fails")
            fire(firing, row)

        monkeypatch.setattr(dispatch_module._Firing, "fire", fire_recorded)


def test_a_pass_on_two_connections_records_and_enqueues_each_due_reminder_once(
    postgres, settings, monkeypatch
):
    settings.REMINDERS_DISPATCH_CONNECTIONS = 2
    due = timezone.now() - timedelta(minutes=1)
    schedules = schedules_due(40, due)
    connections = Connections(monkeypatch)
    enqueued: list[int] = []

    result = dispatch_due(now=timezone.now(), enqueue=enqueued.extend, batch_size=5)

    assert len(connections.backends) == 2
    assert (result.claimed, result.pending) == (40, 40)
    deliveries = Delivery.objects.all()
    assert sorted(deliveries.values_list("schedule_id", flat=True)) == sorted(
        s.pk for s in schedules
    )
    assert sorted(enqueued) == sorted(deliveries.values_list("pk", flat=True))
    assert not Schedule.objects.filter(next_fire_at__lte=due).exists()


def test_a_failed_batch_on_one_connection_fails_the_pass_and_the_others_batch_is_still_enqueued(
    postgres, settings, monkeypatch
):
    settings.REMINDERS_DISPATCH_CONNECTIONS = 2
    due = timezone.now() - timedelta(minutes=1)
    doomed, fine = schedules_due(2, due)
    Connections(monkeypatch, fails_on=doomed.pk)
    enqueued: list[int] = []

    with pytest.raises(RuntimeError, match="this batch fails"):
        dispatch_due(now=timezone.now(), enqueue=enqueued.extend, batch_size=1)

    delivery = Delivery.objects.get()
    assert delivery.schedule_id == fine.pk
    assert enqueued == [delivery.pk]
    # The failed batch left its schedule due, for the next pass.
    doomed.refresh_from_db()
    assert doomed.next_fire_at == due


def test_a_connection_done_claiming_enqueues_what_was_committed_while_another_still_works(
    postgres, settings, monkeypatch
):
    settings.REMINDERS_DISPATCH_CONNECTIONS = 2
    due = timezone.now() - timedelta(minutes=1)
    slow = schedules_due(2, due)[0]
    Connections(monkeypatch)  # each connection claims one of the two
    enqueued = threading.Event()
    enqueued_while_slow_worked = []
    fire = dispatch_module._Firing.fire

    def fire_slowly(firing, row):
        fire(firing, row)
        if row.pk == slow.pk:
            enqueued_while_slow_worked.append(enqueued.wait(10))

    monkeypatch.setattr(dispatch_module._Firing, "fire", fire_slowly)

    dispatch_due(now=timezone.now(), enqueue=lambda ids: enqueued.set(), batch_size=1)

    assert enqueued_while_slow_worked == [True]
    assert Delivery.objects.count() == 2


def test_a_short_claim_on_one_connection_spares_the_others_a_claim_that_would_find_nothing(
    postgres, settings, monkeypatch
):
    settings.REMINDERS_DISPATCH_CONNECTIONS = 2
    schedules_due(3, timezone.now() - timedelta(minutes=1))
    Connections(monkeypatch)  # one connection claims 2, the other 1, at once
    claims, short = [], threading.Event()
    schedule_batch = dispatch_module._schedule_batch

    def schedule_batch_recorded(**kwargs):
        result = schedule_batch(**kwargs)
        claims.append(result.claimed)
        if result.claimed < kwargs["batch_size"]:
            short.set()
        else:
            # The full batch ends once the short one's connection is done claiming.
            short.wait(10)
            time.sleep(0.2)
        return result

    monkeypatch.setattr(dispatch_module, "_schedule_batch", schedule_batch_recorded)

    result = dispatch_due(now=timezone.now(), enqueue=lambda ids: None, batch_size=2)

    assert result.claimed == 3
    assert sorted(claims) == [1, 2]


def backends_on_this_database() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend'"
        )
        return {pid for (pid,) in cursor.fetchall()}


def test_a_pass_closes_the_connections_it_opened_and_opens_none_when_nothing_is_due(
    postgres, settings, monkeypatch
):
    settings.REMINDERS_DISPATCH_CONNECTIONS = 3
    due = timezone.now() + timedelta(minutes=5)
    schedules_due(30, due)
    connections = Connections(monkeypatch, count=3)
    opened = []

    def record(sender, connection, **kwargs):
        opened.append(connection)

    connection_created.connect(record)
    before = backends_on_this_database()

    try:
        dispatch_due(now=due - timedelta(minutes=1), enqueue=lambda ids: None, batch_size=5)
        assert opened == []

        result = dispatch_due(now=due, enqueue=lambda ids: None, batch_size=5)
    finally:
        connection_created.disconnect(record)

    assert result.claimed == 30
    assert len(connections.backends) == 3
    assert len(opened) == 2
    assert all(wrapper.connection is None for wrapper in opened)
    # A closed connection's backend leaves pg_stat_activity once it has exited.
    deadline = time.monotonic() + 10
    while backends_on_this_database() != before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert backends_on_this_database() == before
