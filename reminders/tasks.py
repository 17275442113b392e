"""Celery entry points. Tasks load rows by id, call a service, and decide on retries.

Reminders are never scheduled with countdowns or ETAs: with Redis those are
redelivered after the visibility timeout and can run twice. The database holds
the schedule; Celery only carries short send tasks.
"""

import logging
import time
from collections.abc import Sequence

from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from reminders import metrics
from reminders.channels import ChannelError
from reminders.dispatch import dispatch_due, stuck_deliveries
from reminders.retention import deliveries_prune
from reminders.sending import deliveries_send, delivery_send

logger = logging.getLogger(__name__)


def enqueue_sends(delivery_ids: Sequence[int]) -> None:
    """Enqueue send tasks for these deliveries, a short chunk per task, in one round trip.

    Chunks keep a 10,000-reminder burst to about a hundred broker messages; each
    task stays short (REMINDERS_SEND_CHUNK sends), and a delivery that needs a
    retry leaves its chunk as a task of its own. The messages go to Redis in one
    pipeline (kombu's publish batch) rather than one LPUSH each: a round trip
    per message was most of the cost of enqueueing on a busy machine. If the
    pipeline fails, the deliveries stay pending and the sweeper enqueues them
    again, as for any lost message.
    """
    size = settings.REMINDERS_SEND_CHUNK
    with (
        send_deliveries_task.app.producer_or_acquire() as producer,
        producer.batch(),
    ):
        for start in range(0, len(delivery_ids), size):
            chunk = list(delivery_ids[start : start + size])
            # A short argsrepr: Celery would otherwise repr every id for its logs,
            # a quarter of the cost of enqueueing a burst.
            argsrepr = f"([{chunk[0]}, … {len(chunk)} deliveries],)"
            send_deliveries_task.apply_async(
                (chunk,), producer=producer, argsrepr=argsrepr, kwargsrepr="{}"
            )


def _backoff(retries: int) -> int:
    """Return 1, 2, 4, ... seconds, capped at REMINDERS_MAX_BACKOFF_SECONDS."""
    return min(2 ** min(retries, 10), settings.REMINDERS_MAX_BACKOFF_SECONDS)


@shared_task(bind=True, ignore_result=True)
def dispatch_due_task(self) -> dict:
    started = time.monotonic()
    result = dispatch_due(now=timezone.now(), enqueue=enqueue_sends)
    seconds = time.monotonic() - started
    # /readyz and the "dispatcher silent" alert read when the last pass ended.
    metrics.dispatch_pass_record(ended_at=time.time(), seconds=seconds, claimed=result.claimed)
    # `sent_by` names the beat process that sent this pass (Celery's origin,
    # gen<pid>@<host>): with two dispatchers, each one's share shows here.
    logger.info(
        "dispatcher pass: claimed %d, %d to send, %d missed, in %.3f s",
        result.claimed,
        result.pending,
        result.missed,
        seconds,
        extra={**result.__dict__, "seconds": round(seconds, 3), "sent_by": self.request.origin},
    )
    return result.__dict__


@shared_task(ignore_result=True)
def sweep_stuck_task() -> int:
    ids = stuck_deliveries(now=timezone.now())
    if ids:
        logger.warning("re-enqueued %d deliveries stuck in pending", len(ids))
        enqueue_sends(ids)
    return len(ids)


@shared_task(ignore_result=True)
def prune_deliveries_task() -> int:
    """Delete deliveries past REMINDERS_RETENTION_DAYS, within the time budget."""
    deleted = deliveries_prune(
        now=timezone.now(), budget_seconds=settings.REMINDERS_PRUNE_BUDGET_SECONDS
    )
    logger.info(
        "pruned %d deliveries older than %d days", deleted, settings.REMINDERS_RETENTION_DAYS
    )
    return deleted


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def send_deliveries_task(self, delivery_ids: list[int]) -> int:
    """Send a chunk of deliveries; one that fails transiently is retried on its own."""
    try:
        outcomes = deliveries_send(delivery_ids=delivery_ids, now=timezone.now())
    except OperationalError as error:
        # The database was unreachable: nothing or only leases were written.
        raise self.retry(exc=error, countdown=_backoff(self.request.retries)) from error
    for delivery_id, outcome in outcomes.items():
        if outcome.retry is not None:
            countdown = _countdown(outcome.retry, retries=0)
            logger.info("delivery %s: %s; retrying in %ss", delivery_id, outcome.retry, countdown)
            send_delivery_task.apply_async(
                (delivery_id,), kwargs={"retries": 1}, countdown=countdown
            )
    sent = sum(outcome.state == "sent" for outcome in outcomes.values())
    logger.info("sent %d of %d deliveries", sent, len(delivery_ids))
    return sent


def _countdown(error: Exception, *, retries: int) -> int:
    wanted = min(getattr(error, "retry_after", None) or 0, settings.REMINDERS_MAX_BACKOFF_SECONDS)
    return max(_backoff(retries), wanted)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,
    ignore_result=True,
)
def send_delivery_task(self, delivery_id: int, retries: int = 0) -> str:
    """Send one delivery; transient failures retry with exponential backoff.

    A retry's countdown stays far below the broker's visibility timeout, and the
    delivery's own staleness limit ends the retries (it is then marked missed).
    `retries` counts the tries made before this task existed (in a chunk).
    """
    try:
        return delivery_send(delivery_id=delivery_id, now=timezone.now()).state
    except (ChannelError, OperationalError) as error:
        # A database error leaves the delivery untouched or leased: retry it too.
        countdown = _countdown(error, retries=retries + self.request.retries)
        logger.info("delivery %s: %s; retrying in %ss", delivery_id, error, countdown)
        raise self.retry(exc=error, countdown=countdown) from error
