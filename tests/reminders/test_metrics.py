"""Reminder figures move when reminders fall due, are sent, fail or are missed.

A real Celery worker sends to the local push service and writes its figures to
the real Redis; the test reads them back through /metrics, as a scraper would.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from reminders.models import Delivery, DeliveryState
from reminders.tasks import dispatch_due_task
from tests.reminders.helpers import due_schedule, wait_for_state
from tests.tracker.test_metrics import TOKEN, moved, scrape


@pytest.fixture(autouse=True)
def _metrics_token(settings):
    settings.METRICS_TOKEN = TOKEN


def test_a_sent_reminder_moves_due_sent_lateness_push_and_dispatcher_figures(
    postgres, celery_worker, push_receiver, subscribed
):
    user, _, _ = subscribed
    due_schedule(user)
    before = scrape()

    dispatch_due_task()
    delivery = Delivery.objects.get()
    wait_for_state(delivery.pk, DeliveryState.SENT)

    after = scrape()
    assert moved(before, after, "stretchstop_reminders_due_total", channel="push") == 1
    assert moved(before, after, "stretchstop_reminders_sent_total", channel="push") == 1
    assert moved(before, after, "stretchstop_reminders_failed_total", channel="push") == 0
    assert moved(before, after, "stretchstop_reminder_lateness_seconds_count") == 1
    # Due a minute ago (due_schedule): sent about 60 s late, not within 30 s, within 120 s.
    assert moved(before, after, "stretchstop_reminder_lateness_seconds_bucket", le="30.0") == 0
    assert moved(before, after, "stretchstop_reminder_lateness_seconds_bucket", le="120.0") == 1
    assert moved(before, after, "stretchstop_push_responses_total", status="201") == 1
    assert moved(before, after, "stretchstop_dispatcher_pass_seconds_count") == 1
    assert moved(before, after, "stretchstop_dispatcher_claimed_total") == 1
    assert (
        after[("stretchstop_dispatcher_last_pass_timestamp_seconds", ())]
        >= (timezone.now() - timedelta(seconds=30)).timestamp()
    )
    assert ("stretchstop_send_queue_depth", ()) in after


def test_a_refused_push_counts_as_failed_with_its_status(
    postgres, celery_worker, push_receiver, subscribed
):
    user, browser, _ = subscribed
    due_schedule(user)
    push_receiver.script(browser, 400)  # refused: permanent, not retried
    before = scrape()

    dispatch_due_task()
    wait_for_state(Delivery.objects.get().pk, DeliveryState.FAILED)

    after = scrape()
    assert moved(before, after, "stretchstop_reminders_failed_total", channel="push") == 1
    assert moved(before, after, "stretchstop_reminders_sent_total", channel="push") == 0
    assert moved(before, after, "stretchstop_push_responses_total", status="400") == 1


def test_a_reminder_due_before_an_outage_counts_as_missed(postgres, subscribed, settings):
    user, _, _ = subscribed
    due_schedule(user, minutes_ago=settings.REMINDERS_GRACE_MINUTES + 5)
    before = scrape()

    dispatch_due_task()

    after = scrape()
    assert Delivery.objects.get().state == DeliveryState.MISSED
    assert moved(before, after, "stretchstop_reminders_due_total", channel="push") == 1
    assert moved(before, after, "stretchstop_reminders_missed_total", channel="push") == 1
