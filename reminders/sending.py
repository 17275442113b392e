"""Send one delivery on its channels: safe to run twice, never sends a target twice."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from reminders.channels import CHANNELS, ChannelError, Message
from reminders.models import ChannelSend, Delivery, DeliveryKind, DeliveryState, SegmentKind
from reminders.services import action_token, suggested_routine

TEXTS = {
    DeliveryKind.SITTING: (
        "Time for a stretch break",
        "You've been sitting a while. Stand up and stretch your hip flexors.",
    ),
    DeliveryKind.TIMES: ("Your stretching routine", "It's time for your routine."),
    DeliveryKind.DRIVE: (
        "Stretch at your next stop",
        "Your break is due soon. When you stop, stretch before you drive on.",
    ),
    DeliveryKind.TEST: (
        "StretchStop test",
        "Notifications work. This is how your reminders will look.",
    ),
}


@dataclass(frozen=True)
class SendOutcome:
    state: str
    sent: int = 0
    skipped_already_sent: int = 0


def _still_driving(delivery: Delivery) -> bool:
    drive = delivery.drive
    if drive is None or drive.ended_at is not None:
        return False
    current = drive.segments.filter(end__isnull=True).first()
    return current is None or current.kind == SegmentKind.DRIVING


def message_for(delivery: Delivery) -> Message:
    """Return what the reminder says. While driving it needs no touch: no buttons."""
    title, body = TEXTS[delivery.kind]
    routine = suggested_routine(delivery)
    interactive = not _still_driving(delivery)
    url = f"/reminders/{delivery.pk}/" if interactive else "/drive/"
    actions = (
        [
            {"action": "done", "title": "Done"},
            {"action": "snooze", "title": "Snooze 10 min"},
        ]
        if interactive and delivery.kind != DeliveryKind.DRIVE
        else []
    )
    if routine is not None and delivery.kind != DeliveryKind.TEST:
        body = f"{body} Suggested: {routine.name}."
    return Message(
        delivery_id=delivery.pk,
        title=title,
        body=body,
        url=url,
        tag=f"d{delivery.pk}",
        interactive=interactive,
        actions=actions,
        action_token=action_token(delivery.pk),
        ttl_seconds=settings.REMINDERS_PUSH_TTL_SECONDS,
        urgency="high" if delivery.kind == DeliveryKind.DRIVE else "normal",
    )


def _claim(delivery_id: int, now: datetime) -> bool:
    """Take the delivery's lease; False if it is not pending or another task holds it."""
    lease = now + timedelta(seconds=settings.REMINDERS_SEND_LEASE_SECONDS)
    claimed = Delivery.objects.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now),
        pk=delivery_id,
        state=DeliveryState.PENDING,
    ).update(lease_until=lease, attempts=F("attempts") + 1)
    return claimed == 1


def delivery_send(*, delivery_id: int, now: datetime) -> SendOutcome:
    """Send a pending delivery to every target of its channels, and return what happened.

    1. Claim the delivery with a conditional update (a lease); if another task
       holds it, or it is no longer pending, do nothing.
    2. A reminder past REMINDERS_STALE_MINUTES is marked missed, not sent late.
    3. For each target not yet sent: record the try, send, record the outcome.
       A target that is gone (push 404/410) is removed.
    4. Any transient failure releases the lease and raises ChannelError, so the
       task retries; targets already sent are skipped next time.
    5. Otherwise the delivery ends sent (something got through) or failed.
    """
    if not _claim(delivery_id, now):
        state = Delivery.objects.filter(pk=delivery_id).values_list("state", flat=True).first()
        return SendOutcome(state=state or "gone")
    delivery = Delivery.objects.select_related("user", "routine", "drive").get(pk=delivery_id)
    if now - delivery.due_at > timedelta(minutes=settings.REMINDERS_STALE_MINUTES):
        _finish(delivery, DeliveryState.MISSED, "too late to be useful")
        return SendOutcome(state=DeliveryState.MISSED)

    message = message_for(delivery)
    already_sent = set(
        ChannelSend.objects.filter(delivery=delivery, ok=True).values_list("channel", "target")
    )
    sent = skipped = 0
    transient: ChannelError | None = None
    errors = []
    for channel_key in delivery.channels:
        channel = CHANNELS[channel_key]()
        for target in channel.targets(delivery.user):
            if (channel_key, target.key) in already_sent:
                skipped += 1
                continue
            attempt = ChannelSend.objects.create(
                delivery=delivery, channel=channel_key, target=target.key
            )
            try:
                channel.send(message, target)
            except ChannelError as error:
                _settle(attempt, ok=False, error=str(error))
                errors.append(str(error))
                if error.target_gone:
                    channel.forget(target)
                elif not error.permanent:
                    transient = error
                continue
            _settle(attempt, ok=True)
            sent += 1

    if transient is not None:
        Delivery.objects.filter(pk=delivery.pk).update(
            lease_until=None, last_error=str(transient)[:500]
        )
        raise transient
    if sent or skipped:
        _finish(delivery, DeliveryState.SENT, "; ".join(errors), sent_at=now)
        return SendOutcome(state=DeliveryState.SENT, sent=sent, skipped_already_sent=skipped)
    _finish(delivery, DeliveryState.FAILED, "; ".join(errors) or "no channel can reach this person")
    return SendOutcome(state=DeliveryState.FAILED)


def _settle(attempt: ChannelSend, *, ok: bool, error: str = "") -> None:
    attempt.ok = ok
    attempt.error = error[:500]
    attempt.finished_at = timezone.now()
    attempt.save(update_fields=["ok", "error", "finished_at"])


def _finish(delivery: Delivery, state: str, error: str, sent_at: datetime | None = None) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        state=state, last_error=error[:500], sent_at=sent_at, lease_until=None
    )
