"""Celery entry points for care: they load rows by id and call a service."""

from celery import shared_task
from django.utils import timezone

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
