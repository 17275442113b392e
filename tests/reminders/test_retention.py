"""Deliveries older than REMINDERS_RETENTION_DAYS are pruned in bounded batches."""

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from celery.schedules import crontab
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exercises.models import ExerciseLog, LogOrigin, Routine
from reminders.models import ChannelSend, Delivery, DeliveryState
from reminders.retention import deliveries_prune
from reminders.tasks import prune_deliveries_task
from tests.conftest import make_user
from tests.reminders.helpers import wait_until
from tracker.care.selectors import REMINDER_WINDOW
from tracker.celery import app

NOW = datetime(2026, 12, 7, 3, 17, tzinfo=UTC)


def delivery(user, *, days_ago: float, now: datetime = NOW) -> Delivery:
    due = now - timedelta(days=days_ago)
    return Delivery.objects.create(
        user=user, kind="sitting", due_at=due, state=DeliveryState.SENT, sent_at=due
    )


@pytest.fixture
def user(db):
    return make_user("retained")


def test_it_deletes_deliveries_past_the_retention_and_keeps_recent_ones(user):
    old = [delivery(user, days_ago=days) for days in (91, 120, 400)]
    kept = [delivery(user, days_ago=days) for days in (89.9, 28, 0)]
    ChannelSend.objects.create(delivery=old[0], channel="push", ok=True)
    ChannelSend.objects.create(delivery=kept[0], channel="push", ok=True)

    deleted = deliveries_prune(now=NOW, days=90)

    assert deleted == 3
    assert set(Delivery.objects.values_list("pk", flat=True)) == {d.pk for d in kept}
    assert list(ChannelSend.objects.values_list("delivery_id", flat=True)) == [kept[0].pk]
    assert not Delivery.objects.filter(pk__in=[d.pk for d in old]).exists()


def test_it_reads_the_retention_from_settings(user, settings):
    settings.REMINDERS_RETENTION_DAYS = 40
    delivery(user, days_ago=41)
    recent = delivery(user, days_ago=39)

    assert deliveries_prune(now=NOW) == 1

    assert list(Delivery.objects.values_list("pk", flat=True)) == [recent.pk]


def test_each_delete_takes_at_most_one_batch_of_ids(user):
    for days in range(100, 107):
        delivery(user, days_ago=days)

    with CaptureQueriesContext(connection) as queries:
        deleted = deliveries_prune(now=NOW, days=90, batch_size=3)

    deletes = [q["sql"] for q in queries if q["sql"].startswith('DELETE FROM "reminders_delivery"')]
    assert deleted == 7
    assert len(deletes) == 3  # 3 + 3 + 1
    assert [len(re.search(r"IN \((.*?)\)", sql).group(1).split(",")) for sql in deletes] == [
        3,
        3,
        1,
    ]
    assert not Delivery.objects.exists()


def test_a_spent_time_budget_stops_after_one_batch_and_the_next_run_carries_on(user):
    for days in range(100, 105):
        delivery(user, days_ago=days)

    assert deliveries_prune(now=NOW, days=90, batch_size=2, budget_seconds=0) == 2
    assert Delivery.objects.count() == 3
    assert deliveries_prune(now=NOW, days=90, batch_size=2) == 3
    assert not Delivery.objects.exists()


def test_running_it_again_deletes_nothing_more(user):
    delivery(user, days_ago=95)
    recent = delivery(user, days_ago=5)

    assert deliveries_prune(now=NOW, days=90) == 1
    assert deliveries_prune(now=NOW, days=90) == 0

    assert list(Delivery.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_log_made_from_a_pruned_delivery_keeps_its_delivery_id(user, library):
    old = delivery(user, days_ago=100)
    routine = Routine.objects.first()
    log = ExerciseLog.objects.create(
        id=uuid.uuid4(), user=user, performed_at=old.due_at, routine=routine,
        origin=LogOrigin.REMINDER, origin_delivery_id=old.pk,
    )  # fmt: skip

    deliveries_prune(now=NOW, days=90)

    log.refresh_from_db()
    assert log.origin_delivery_id == old.pk
    assert not Delivery.objects.exists()


def test_the_minimum_retention_outlasts_the_dashboards_window(settings):
    assert timedelta(days=settings.REMINDERS_RETENTION_MIN_DAYS) > REMINDER_WINDOW
    assert settings.REMINDERS_RETENTION_DAYS >= settings.REMINDERS_RETENTION_MIN_DAYS


def test_the_task_prunes_old_deliveries_on_a_real_worker(celery_worker):
    user = make_user("retained")
    now = timezone.now()
    delivery(user, days_ago=200, now=now)
    recent = delivery(user, days_ago=1, now=now)

    prune_deliveries_task.delay()

    wait_until(lambda: Delivery.objects.count() == 1, what="the old delivery pruned")
    assert list(Delivery.objects.values_list("pk", flat=True)) == [recent.pk]


def test_beat_runs_the_prune_once_a_night():
    entry = app.conf.beat_schedule["prune-old-deliveries"]

    assert entry["task"] == prune_deliveries_task.name
    assert entry["schedule"] == crontab(hour=3, minute=17)
