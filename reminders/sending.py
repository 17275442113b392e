"""Send deliveries on their channels: safe to run twice, never sends a target twice.

Work is done for a chunk of deliveries at a time (one send task's worth), so
the database round trips are per chunk, not per reminder: a 10,000-reminder
burst is a few thousand queries instead of about a hundred thousand.
"""

import functools
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reminders import metrics
from reminders.bulk import deliveries_lease, sends_record, sends_start
from reminders.channels import CHANNELS, Channel, ChannelError, Message, Target
from reminders.models import (
    ChannelSend,
    Delivery,
    DeliveryKind,
    DeliveryState,
    DriveSegment,
    SegmentKind,
)
from reminders.services import action_token, suggested_routine

logger = logging.getLogger(__name__)

# Lazy: each is put into words in the recipient's language (see message_for).
TEXTS = {
    DeliveryKind.SITTING: (
        gettext_lazy("Time for a stretch break"),
        gettext_lazy("You've been sitting a while. Stand up and stretch your hip flexors."),
    ),
    DeliveryKind.TIMES: (
        gettext_lazy("Your stretching routine"),
        gettext_lazy("It's time for your routine."),
    ),
    DeliveryKind.DRIVE: (
        gettext_lazy("Stretch at your next stop"),
        gettext_lazy("Your break is due soon. When you stop, stretch before you drive on."),
    ),
    DeliveryKind.TEST: (
        gettext_lazy("StretchStop test"),
        gettext_lazy("Notifications work. This is how your reminders will look."),
    ),
}


# The columns sending reads, and no others: a row read is a Delivery, a User
# and a Drive built in Python, and these are a third of their columns. Reading
# one left out would cost a query per delivery (tests/reminders/test_sending.py
# counts them).
_SENDING_READS = (
    "user_id",
    "drive_id",
    "routine_id",
    "kind",
    "due_at",
    "channels",
    "attempts",
    "user__email",
    "user__language",
    "drive__ended_at",
)


@dataclass(frozen=True)
class SendOutcome:
    state: str
    sent: int = 0
    skipped_already_sent: int = 0
    # A transient failure to retry this delivery on (its state is then pending).
    retry: ChannelError | None = None


@dataclass
class _Send:
    delivery: Delivery
    channel: Channel
    target: Target
    attempt_id: int = 0  # the ChannelSend row recorded before sending
    error: ChannelError | None = None


def still_driving(deliveries: Sequence[Delivery]) -> set[int]:
    """Return the ids of the deliveries whose drive is on the road now, in one query.

    A drive that has not ended and has no open stop counts as driving.
    """
    open_drives = {d.drive_id for d in deliveries if d.drive is not None and not d.drive.ended_at}
    if not open_drives:
        return set()
    stopped = set(
        DriveSegment.objects.filter(
            drive_id__in=open_drives, end__isnull=True, kind=SegmentKind.STOPPED
        ).values_list("drive_id", flat=True)
    )
    return {d.pk for d in deliveries if d.drive_id in open_drives - stopped}


def message_for(delivery: Delivery, *, driving: bool | None = None) -> Message:
    """Return what the reminder says, in the recipient's language whatever the worker's.

    While driving it needs no touch: no buttons. `driving` says whether the
    delivery's drive is on the road (see still_driving, which answers for a
    whole chunk); None looks it up.
    """
    with translation.override(delivery.user.language):
        return _message(delivery, driving)


def _message(delivery: Delivery, driving: bool | None) -> Message:
    routine = suggested_routine(delivery)
    if driving is None:
        driving = delivery.pk in still_driving([delivery])
    interactive = not driving
    token = action_token(delivery.pk)
    # The page works with no session: the token answers for this one delivery.
    url = f"/reminders/{delivery.pk}/?token={token}" if interactive else "/drive/"
    # The routine row may have been read in another language: ask for this one.
    routine_name = (
        routine.text("name") if routine is not None and delivery.kind != DeliveryKind.TEST else None
    )
    title, body, actions = _words(
        translation.get_language(),
        delivery.kind,
        routine_name,
        with_actions=interactive and delivery.kind != DeliveryKind.DRIVE,
    )
    return Message(
        delivery_id=delivery.pk,
        title=title,
        body=body,
        url=url,
        tag=f"d{delivery.pk}",
        interactive=interactive,
        actions=[dict(action) for action in actions],
        action_token=token,
        ttl_seconds=settings.REMINDERS_PUSH_TTL_SECONDS,
        urgency="high" if delivery.kind == DeliveryKind.DRIVE else "normal",
    )


@functools.lru_cache(maxsize=1024)
def _words(
    language: str, kind: str, routine_name: str | None, *, with_actions: bool
) -> tuple[str, str, tuple[dict, ...]]:
    """Return the title, body and buttons in the active language (`language`, the cache key).

    A burst says the same few things to thousands of people: the catalogues are
    read once per language and reminder, not once per reminder.
    """
    title, body = (str(text) for text in TEXTS[kind])
    if routine_name is not None:
        suggestion = _("%(reminder)s Suggested: %(routine)s.")
        body = suggestion % {"reminder": body, "routine": routine_name}
    actions = (
        (
            {"action": "done", "title": _("Done")},
            {"action": "snooze", "title": _("Snooze 10 min")},
        )
        if with_actions
        else ()
    )
    return title, body, actions


def _lock(rows):
    if connection.features.has_select_for_update_skip_locked:
        return rows.select_for_update(skip_locked=True)
    return rows


def _claim(delivery_ids: Sequence[int], now: datetime) -> list[int]:
    """Lease the pending deliveries no other task holds; return their ids."""
    lease = now + timedelta(seconds=settings.REMINDERS_SEND_LEASE_SECONDS)
    leased = deliveries_lease(delivery_ids, now=now, lease_until=lease)
    if leased is not None:
        return leased
    free = Delivery.objects.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now),
        pk__in=delivery_ids,
        state=DeliveryState.PENDING,
    )
    claimed = list(_lock(free).values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=claimed).update(lease_until=lease, attempts=F("attempts") + 1)
    return claimed


def _lease_renew(delivery_ids: set[int]) -> None:
    lease = timezone.now() + timedelta(seconds=settings.REMINDERS_SEND_LEASE_SECONDS)
    Delivery.objects.filter(pk__any=delivery_ids, state=DeliveryState.PENDING).update(
        lease_until=lease
    )


def deliveries_send(*, delivery_ids: Sequence[int], now: datetime) -> dict[int, SendOutcome]:
    """Send pending deliveries to every target of their channels; return {id: outcome}.

    1. In one transaction: lease the deliveries no other task holds (the rest
       are left alone: not pending any more, or being sent); mark those past
       REMINDERS_STALE_MINUTES missed instead of sending them late; record a
       try for each target not reached yet.
    2. Send, outside any transaction.
    3. In one transaction: record each outcome, remove targets that are gone
       (push 404/410), and end each delivery sent (something got through) or
       failed; one with a transient failure is released, its outcome pending
       with the error in `retry`, for the caller to retry.
    """
    outcomes: dict[int, SendOutcome] = {}
    metrics.discard()  # what a failed earlier chunk on this thread left unwritten
    with transaction.atomic():
        claimed = _claim(delivery_ids, now)
        deliveries = list(
            Delivery.objects.filter(pk__any=claimed)
            .select_related("user", "drive")
            .only(*_SENDING_READS)
            # A burst suggests a few routines to thousands: each is read once.
            .prefetch_related("routine")
        )
        stale = [d for d in deliveries if _is_stale(d, now)]
        _finish([d.pk for d in stale], DeliveryState.MISSED, "too late to be useful")
        for delivery in stale:
            metrics.buffer_add(metrics.by_channel("reminders_missed_total", delivery.channels))
        outcomes.update({d.pk: SendOutcome(DeliveryState.MISSED) for d in stale})
        stale_ids = {d.pk for d in stale}
        live = [d for d in deliveries if d.pk not in stale_ids]
        sends, reached_before = _plan(live)

    driving = still_driving(live)
    messages = {d.pk: message_for(d, driving=d.pk in driving) for d in live}
    # A delivery cancelled since the claim (consent withdrawn a moment ago) is not sent.
    cancelled = _cancelled(live)
    lease_renewed = time.monotonic()
    for send in sends:
        # A slow push service can make a chunk outlast its lease. Its deliveries
        # stay pending until the outcomes are recorded at the end, so hold on to
        # all of them, or the sweeper would hand them to a second task and they
        # would go out twice.
        if time.monotonic() - lease_renewed > settings.REMINDERS_SEND_LEASE_SECONDS / 2:
            _lease_renew({delivery.pk for delivery in live})
            lease_renewed = time.monotonic()
        if send.delivery.pk in cancelled:
            send.error = ChannelError("cancelled before sending", permanent=True)
        else:
            send.error = _send_one(send, messages[send.delivery.pk])
    outcomes.update(_settle(live, sends, reached_before, now, cancelled))
    metrics.flush()
    for delivery_id in delivery_ids:
        if delivery_id not in outcomes:
            state = Delivery.objects.filter(pk=delivery_id).values_list("state", flat=True).first()
            outcomes[delivery_id] = SendOutcome(state=state or "gone")
    return outcomes


def delivery_send(*, delivery_id: int, now: datetime) -> SendOutcome:
    """Send one delivery (see deliveries_send); raise its transient ChannelError, if any."""
    outcome = deliveries_send(delivery_ids=[delivery_id], now=now)[delivery_id]
    if outcome.retry is not None:
        raise outcome.retry
    return outcome


def _cancelled(deliveries: list[Delivery]) -> set[int]:
    if not deliveries:
        return set()
    rows = Delivery.objects.filter(
        pk__any=[d.pk for d in deliveries], state=DeliveryState.CANCELLED
    ).values_list("pk", flat=True)
    return set(rows)


def _is_stale(delivery: Delivery, now: datetime) -> bool:
    return now - delivery.due_at > timedelta(minutes=settings.REMINDERS_STALE_MINUTES)


def _plan(deliveries: list[Delivery]) -> tuple[list[_Send], dict[int, int]]:
    """Record a try for every target not reached yet; return them and counts reached before."""
    repeated = [d.pk for d in deliveries if d.attempts > 1]
    already = set()
    if repeated:
        # Only a repeated try can find targets an earlier one reached.
        already = set(
            ChannelSend.objects.filter(delivery_id__in=repeated, ok=True).values_list(
                "delivery_id", "channel", "target"
            )
        )
    users = [d.user for d in deliveries]
    targets = {key: CHANNELS[key]().targets_for(users) for key in _channel_keys(deliveries)}
    sends, reached_before = [], {d.pk: 0 for d in deliveries}
    for delivery in deliveries:
        for key in delivery.channels:
            if key not in targets:
                continue  # a channel this version no longer offers
            channel, by_user = targets[key]
            for target in by_user.get(delivery.user_id, []):
                if (delivery.pk, key, target.key) in already:
                    reached_before[delivery.pk] += 1
                    continue
                sends.append(_Send(delivery, channel, target))
    attempt_ids = sends_start([(s.delivery.pk, s.channel.name, s.target.key) for s in sends])
    for send, attempt_id in zip(sends, attempt_ids, strict=True):
        send.attempt_id = attempt_id
    return sends, reached_before


def _channel_keys(deliveries: list[Delivery]) -> set[str]:
    return {key for delivery in deliveries for key in delivery.channels if key in CHANNELS}


def _send_one(send: _Send, message: Message) -> ChannelError | None:
    try:
        send.channel.send(message, send.target)
    except ChannelError as error:
        return error
    except Exception as error:
        # A bug or a bad stored target must not hold back the person's other
        # devices: log it loudly and count it as a failed send.
        logger.exception(
            "delivery %s: %s send to %s crashed",
            send.delivery.pk,
            send.channel.name,
            send.target.key,
        )
        return ChannelError(repr(error), permanent=True)
    return None


@transaction.atomic
def _settle(
    deliveries: list[Delivery],
    sends: list[_Send],
    reached_before: dict[int, int],
    now: datetime,
    cancelled: set[int],
) -> dict[int, SendOutcome]:
    sends_record(
        [(s.attempt_id, s.error is None, str(s.error or "")[:500]) for s in sends],
        finished=timezone.now(),
    )
    reached: dict[str, tuple[Channel, list[Target]]] = {}
    for send in sends:
        if send.error is None:
            reached.setdefault(send.channel.name, (send.channel, []))[1].append(send.target)
        elif send.error.target_gone:
            send.channel.forget(send.target)
    for channel, targets in reached.values():
        channel.reached(targets)
    outcomes = {pk: SendOutcome(DeliveryState.CANCELLED) for pk in cancelled}
    Delivery.objects.filter(pk__any=cancelled).update(lease_until=None)
    live = [d for d in deliveries if d.pk not in cancelled]
    return outcomes | _conclude(live, sends, reached_before, now)


def _conclude(
    deliveries: list[Delivery], sends: list[_Send], reached_before: dict[int, int], now: datetime
) -> dict[int, SendOutcome]:
    """End each delivery sent, failed or (transient failure) released for a retry."""
    outcomes = {}
    by_delivery: dict[int, list[_Send]] = {d.pk: [] for d in deliveries}
    for send in sends:
        if send.delivery.pk in by_delivery:
            by_delivery[send.delivery.pk].append(send)
    sent_ids = []
    for delivery in deliveries:
        mine = by_delivery[delivery.pk]
        errors = [s.error for s in mine if s.error is not None]
        transient = next((e for e in errors if not e.permanent), None)
        reached = sum(1 for s in mine if s.error is None)
        text = "; ".join(str(e) for e in errors)[:500]
        if transient is not None:
            Delivery.objects.filter(pk=delivery.pk).update(lease_until=None, last_error=text)
            outcome = SendOutcome(DeliveryState.PENDING, sent=reached, retry=transient)
        elif reached or reached_before[delivery.pk]:
            sent_ids.append(delivery.pk)
            _sent_figures(delivery, mine)
            outcome = SendOutcome(DeliveryState.SENT, reached, reached_before[delivery.pk])
            if text:
                Delivery.objects.filter(pk=delivery.pk).update(last_error=text)
        else:
            _finish([delivery.pk], DeliveryState.FAILED, text or "no channel can reach this person")
            outcome = SendOutcome(DeliveryState.FAILED)
            metrics.buffer_add(metrics.by_channel("reminders_failed_total", delivery.channels))
        outcomes[delivery.pk] = outcome
    _finish(sent_ids, DeliveryState.SENT, "", sent_at=now, keep_error=True)
    return outcomes


def _sent_figures(delivery: Delivery, sends: list[_Send]) -> None:
    """Count a sent delivery once per channel that reached someone, and its lateness."""
    channels = {s.channel.name for s in sends if s.error is None} or set(delivery.channels)
    metrics.buffer_add(metrics.by_channel("reminders_sent_total", sorted(channels)))
    lateness = (timezone.now() - delivery.due_at).total_seconds()
    metrics.buffer_add(
        metrics.observation("reminder_lateness_seconds", max(lateness, 0), metrics.LATENESS_BUCKETS)
    )


def _finish(
    delivery_ids: list[int],
    state: str,
    error: str,
    *,
    sent_at: datetime | None = None,
    keep_error: bool = False,
) -> None:
    if not delivery_ids:
        return
    values = {"state": state, "sent_at": sent_at, "lease_until": None}
    if not keep_error:
        values["last_error"] = error[:500]
    Delivery.objects.filter(pk__any=delivery_ids).update(**values)
