"""Retention: reminder deliveries older than REMINDERS_RETENTION_DAYS are deleted.

A delivery is only needed while it can still be answered, sent or counted:
the therapists' dashboard reads the last 28 days of sent deliveries, and
settings refuse a retention that is not well past that. Logs made from a
reminder keep their delivery id (a plain integer, not a foreign key), so
pruning never touches a log.
"""

import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from reminders.models import Delivery

PRUNE_BATCH_SIZE = 5000


def deliveries_prune(
    *,
    now: datetime,
    days: int | None = None,
    batch_size: int = PRUNE_BATCH_SIZE,
    budget_seconds: float | None = None,
) -> int:
    """Delete deliveries due more than `days` before `now`, `batch_size` ids per DELETE.

    Runs until none are left or `budget_seconds` have passed (the next run
    carries on); returns how many deliveries were deleted. Each batch is its
    own transaction, so a long run never holds many locks, and running it
    again (or twice at once) deletes nothing more than what is old.
    """
    days = settings.REMINDERS_RETENTION_DAYS if days is None else days
    cutoff = now - timedelta(days=days)
    started = time.monotonic()
    deleted = 0
    while True:
        # Oldest first by id: ids grow with due time, so the old rows are found
        # at the start of the primary key.
        ids = list(
            Delivery.objects.filter(due_at__lt=cutoff)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return deleted
        with transaction.atomic():
            # Their channel sends go with them (the delete cascades).
            _, by_model = Delivery.objects.filter(pk__in=ids, due_at__lt=cutoff).delete()
        deleted += by_model.get(Delivery._meta.label, 0)
        if len(ids) < batch_size:
            return deleted
        if budget_seconds is not None and time.monotonic() - started >= budget_seconds:
            return deleted
