"""The production worker (`python -m tracker.entrypoints worker`) on SIGTERM, as a deploy stops it.

A send in flight is finished and acknowledged (Celery's warm shutdown), so it
is neither lost nor sent again by another worker.
"""

import signal
import sys
import time

import pytest
from django.utils import timezone

from reminders.dispatch import dispatch_due
from reminders.models import ChannelSend, Delivery, DeliveryState
from reminders.tasks import enqueue_sends
from tests.reminders.helpers import due_schedule, wait_until

ENTRYPOINT = [sys.executable, "-m", "tracker.entrypoints", "worker"]


@pytest.mark.django_db(transaction=True)
def test_sigterm_lets_the_worker_finish_the_send_in_flight_then_exit(
    worker_process, push_receiver, subscribed
):
    user, _, _ = subscribed
    due_schedule(user)
    # The push service holds the request: the send is in flight when SIGTERM comes.
    push_receiver.stall_seconds = 3
    worker = worker_process(ENTRYPOINT)

    dispatch_due(now=timezone.now(), enqueue=enqueue_sends)
    wait_until(lambda: len(push_receiver.received) == 1, what="the POST")
    worker.process.send_signal(signal.SIGTERM)  # what `docker stop` sends to PID 1
    code = worker.process.wait(timeout=60)

    assert code == 0
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.SENT
    assert ChannelSend.objects.filter(delivery=delivery, ok=True).count() == 1
    time.sleep(1)
    assert len(push_receiver.received) == 1
    assert "Warm shutdown" in worker.log.read_text()
