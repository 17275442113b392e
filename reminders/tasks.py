"""Celery entry points. Tasks load rows by id, call a service, and decide on retries.

Reminders are never scheduled with countdowns or ETAs: with Redis those are
redelivered after the visibility timeout and can run twice. The database holds
the schedule; Celery only carries short send tasks.
"""

import logging
from collections.abc import Sequence

from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from reminders.channels import ChannelError
from reminders.dispatch import dispatch_due, stuck_deliveries
from reminders.sending import delivery_send

logger = logging.getLogger(__name__)


def enqueue_sends(delivery_ids: Sequence[int]) -> None:
    """Enqueue one send task per delivery over a single broker connection."""
    with send_delivery_task.app.producer_or_acquire() as producer:
        for delivery_id in delivery_ids:
            send_delivery_task.apply_async((delivery_id,), producer=producer)


def _backoff(retries: int) -> int:
    """Return 1, 2, 4, ... seconds, capped at REMINDERS_MAX_BACKOFF_SECONDS."""
    return min(2 ** min(retries, 10), settings.REMINDERS_MAX_BACKOFF_SECONDS)


@shared_task(ignore_result=True)
def dispatch_due_task() -> dict:
    result = dispatch_due(now=timezone.now(), enqueue=enqueue_sends)
    return result.__dict__


@shared_task(ignore_result=True)
def sweep_stuck_task() -> int:
    ids = stuck_deliveries(now=timezone.now())
    if ids:
        logger.warning("re-enqueued %d deliveries stuck in pending", len(ids))
        enqueue_sends(ids)
    return len(ids)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,
    ignore_result=True,
)
def send_delivery_task(self, delivery_id: int) -> str:
    """Send one delivery; transient failures retry with exponential backoff.

    A retry's countdown stays far below the broker's visibility timeout, and the
    delivery's own staleness limit ends the retries (it is then marked missed).
    """
    try:
        return delivery_send(delivery_id=delivery_id, now=timezone.now()).state
    except OperationalError as error:
        # The database went away or was busy; the delivery is untouched or leased.
        raise self.retry(exc=error, countdown=_backoff(self.request.retries)) from error
    except ChannelError as error:
        backoff = min(2 ** min(self.request.retries, 8), settings.REMINDERS_MAX_BACKOFF_SECONDS)
        countdown = max(
            backoff, min(error.retry_after or 0, settings.REMINDERS_MAX_BACKOFF_SECONDS)
        )
        logger.info("delivery %s: %s; retrying in %ss", delivery_id, error, countdown)
        raise self.retry(exc=error, countdown=countdown) from error
