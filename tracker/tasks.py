"""Celery entry points of tracker itself (care's are in tracker.care.tasks)."""

import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from tracker.audit import access_records_prune

logger = logging.getLogger(__name__)

# How long one prune run may go on deleting before it leaves the rest to the next run.
PRUNE_BUDGET_SECONDS = 300


@shared_task(ignore_result=True)
def prune_access_records_task() -> int:
    """Delete access records past AUDIT_RETENTION_DAYS, within the time budget."""
    deleted = access_records_prune(now=timezone.now(), budget_seconds=PRUNE_BUDGET_SECONDS)
    logger.info(
        "pruned %d access records older than %d days", deleted, settings.AUDIT_RETENTION_DAYS
    )
    return deleted
