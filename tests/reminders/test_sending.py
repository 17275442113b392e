"""Reminders end to end with the real parts: Redis broker, a Celery worker, a push service."""

import base64
import json
import time

import redis
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reminders.dispatch import dispatch_due
from reminders.models import ChannelSend, Delivery, DeliveryState, PushSubscription
from reminders.sending import deliveries_send
from reminders.tasks import enqueue_sends
from tests.conftest import make_user
from tests.reminders.helpers import due_schedule, wait_for_state


def test_a_due_reminder_is_pushed_encrypted_and_signed_and_recorded_once(
    celery_worker, push_receiver, subscribed
):
    user, _, _ = subscribed
    schedule = due_schedule(user)

    result = dispatch_due(now=timezone.now(), enqueue=enqueue_sends)

    assert (result.claimed, result.pending) == (1, 1)
    delivery = Delivery.objects.get(schedule=schedule)
    wait_for_state(delivery.pk, DeliveryState.SENT)
    accepted = push_receiver.wait_for(1)
    assert push_receiver.problems() == []
    assert len(accepted) == 1
    payload = accepted[0].payload
    assert payload["delivery"] == delivery.pk
    assert payload["title"] == "Time for a stretch break"
    assert payload["url"] == f"/reminders/{delivery.pk}/?token={payload['token']}"
    assert [a["action"] for a in payload["actions"]] == ["done", "snooze"]
    assert payload["token"]
    # An explicit TTL and Urgency: a stale reminder is not shown hours late.
    assert accepted[0].headers["ttl"] == "900"
    assert accepted[0].headers["urgency"] == "normal"
    assert ChannelSend.objects.filter(delivery=delivery, ok=True).count() == 1
    schedule.refresh_from_db()
    assert schedule.next_fire_at > timezone.now()


def test_a_500_then_201_gives_one_delivery_after_two_attempts(
    celery_worker, push_receiver, subscribed
):
    user, browser, _ = subscribed
    push_receiver.script(browser, 500)
    due_schedule(user)

    dispatch_due(now=timezone.now(), enqueue=enqueue_sends)

    delivery = wait_for_state(Delivery.objects.get().pk, DeliveryState.SENT)
    assert delivery.attempts == 2
    assert [r.status for r in push_receiver.received] == [500, 201]
    assert len(push_receiver.shown()) == 1


def test_a_410_removes_the_subscription_and_is_not_retried(
    celery_worker, push_receiver, subscribed
):
    user, browser, subscription = subscribed
    push_receiver.script(browser, 410)
    due_schedule(user)

    dispatch_due(now=timezone.now(), enqueue=enqueue_sends)

    delivery = wait_for_state(Delivery.objects.get().pk, DeliveryState.FAILED)
    time.sleep(1.5)  # long enough for a retry to have shown up, had there been one
    assert [r.status for r in push_receiver.received] == [410]
    assert delivery.attempts == 1
    assert not PushSubscription.objects.filter(pk=subscription.pk).exists()


def test_sends_are_enqueued_a_chunk_per_broker_message(broker, settings):
    settings.REMINDERS_SEND_CHUNK = 50
    ids = list(range(1, 121))

    enqueue_sends(ids)

    # Kombu's Redis transport LPUSHes: the oldest message is at the right end.
    raw = redis.Redis.from_url(broker).lrange("celery", 0, -1)
    queued = [json.loads(message) for message in reversed(raw)]
    bodies = [json.loads(base64.b64decode(message["body"])) for message in queued]
    assert [body[0][0] for body in bodies] == [ids[:50], ids[50:100], ids[100:]]
    assert {message["headers"]["task"] for message in queued} == {
        "reminders.tasks.send_deliveries_task"
    }
    # The logged form of the arguments stays short however large the chunk.
    assert queued[0]["headers"]["argsrepr"] == "([1, … 50 deliveries],)"


def _pending_pushes(push_receiver, count: int, start: int) -> list[int]:
    ids = []
    for n in range(start, start + count):
        user = make_user(f"burst{n}", profile="desk", language="de" if n % 2 else "en")
        browser = push_receiver.subscribe(f"burst{n}")
        PushSubscription.objects.create(
            user=user,
            endpoint=push_receiver.endpoint(browser),
            p256dh=browser.p256dh,
            auth=browser.auth,
        )
        ids.append(due_schedule(user).pk)
    dispatch_due(now=timezone.now(), enqueue=lambda delivery_ids: None)
    return list(Delivery.objects.filter(schedule_id__in=ids).values_list("pk", flat=True))


def test_a_chunk_costs_the_same_queries_whatever_its_size(push_receiver, db):
    # A query per delivery (a column the sender reads but did not load, a
    # routine looked up one by one) would make a burst's chunks crawl.
    call_command("load_exercises", verbosity=0)
    small, large = _pending_pushes(push_receiver, 2, 0), _pending_pushes(push_receiver, 6, 2)
    counts = []
    for ids in (small, large):
        with CaptureQueriesContext(connection) as queries:
            outcomes = deliveries_send(delivery_ids=ids, now=timezone.now())
        counts.append(len(queries))
        assert {outcome.state for outcome in outcomes.values()} == {DeliveryState.SENT}

    assert counts[0] == counts[1]
    assert len(push_receiver.wait_for(8)) == 8
    assert {r.payload["title"] for r in push_receiver.accepted()} == {
        "Time for a stretch break",
        "Zeit für eine Dehnpause",
    }
