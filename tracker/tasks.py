"""Celery entry points of the top floor: notices of new care messages."""

from celery import shared_task
from django.utils import timezone

from tracker.care import messages


def enqueue_message_notice(message_id: int) -> None:
    """Enqueue the notice of a new message (called once the message is committed)."""
    notify_message_task.delay(message_id)


@shared_task(ignore_result=True)
def notify_message_task(message_id: int) -> str:
    """Send, hold (quiet hours) or drop the notice of one message; see messages.message_notify."""
    return messages.message_notify(message_id=message_id, now=timezone.now())


@shared_task(ignore_result=True)
def notify_due_messages_task() -> int:
    """Enqueue the notices that fell due: held through quiet hours, retried, or lost."""
    ids = messages.notices_due(now=timezone.now())
    for message_id in ids:
        notify_message_task.delay(message_id)
    return len(ids)
