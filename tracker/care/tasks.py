"""Celery entry points for care (invite emails, notices of new messages): they take ids
and call a service."""

from celery import shared_task
from django.utils import timezone

from tracker.care import messages
from tracker.care.services import invite_email_send


# SMTP errors (smtplib's are OSErrors) are retried with backoff; anything else shows.
@shared_task(
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def send_invite_email_task(invite_id: int, code: str, link: str) -> bool:
    return invite_email_send(invite_id=invite_id, code=code, link=link, now=timezone.now())


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
