"""Writes for reminders: schedules, push subscriptions, and what a person does with a reminder."""

import hmac
import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exercises.models import LogOrigin, Routine
from exercises.selectors import last_log_at
from exercises.services import log_save
from reminders.models import (
    Delivery,
    DeliveryAction,
    DeliveryKind,
    DeliveryState,
    PushSubscription,
    Schedule,
    ScheduleKind,
)
from reminders.rules import schedule_next_fire

TOKEN_SALT = "reminders.delivery-action"  # noqa: S105 - a signing salt, not a secret
# The routine a reminder suggests when its schedule names none.
DEFAULT_ROUTINES = {
    DeliveryKind.SITTING: "desk-break",
    DeliveryKind.TIMES: "daily-home",
    DeliveryKind.DRIVE: "truck-stop",
    DeliveryKind.TEST: "desk-break",
}


# What a therapist sets in a reminder (tracker.care's CareReminderSerializer, plus
# what makes it a sitting reminder). The rest is the patient's: pausing or turning
# it off, quiet hours, channels and its name.
THERAPIST_FIELDS = (
    "kind", "interval_minutes", "window_start", "window_end", "weekdays", "times", "routine",
)  # fmt: skip


class SetByTherapist(Exception):
    """The patient tried to change what their therapist set in a reminder."""

    def __init__(self, fields: list[str]):
        self.fields = fields
        super().__init__(
            f"Your therapist set {', '.join(fields)} for this reminder; ask them to change "
            "it. You can pause it, turn it off, or change its quiet hours, channels and name."
        )


# Whole sentences, one per earlier answer, so each language words them its own way.
ALREADY_ANSWERED = {
    DeliveryAction.DONE: gettext_lazy("This reminder was already marked done."),
    DeliveryAction.SKIPPED: gettext_lazy("This reminder was already skipped."),
    DeliveryAction.SNOOZED: gettext_lazy("This reminder was already snoozed."),
    "": gettext_lazy("This reminder was already answered."),
}


class ActionConflict(Exception):
    """The reminder was already answered with another action."""


def last_break(*, schedule: Schedule) -> datetime | None:
    """Return the later of the schedule's last reminder and the user's last logged stretch."""
    logged = last_log_at(user=schedule.user)
    moments = [m for m in (schedule.last_fired_at, logged) if m is not None]
    return max(moments) if moments else None


def schedule_refresh(schedule: Schedule, *, now: datetime) -> None:
    """Set `next_fire_at` from the rule, as of `now` (the caller saves)."""
    schedule.next_fire_at = schedule_next_fire(
        schedule,
        tz=schedule.user.tzinfo,
        after=now,
        last_break=last_break(schedule=schedule) if schedule.kind == ScheduleKind.SITTING else None,
    )


@transaction.atomic
def schedule_save(
    *, user, values: Mapping[str, Any], now: datetime, schedule: Schedule | None = None
) -> Schedule:
    """Return the created or updated schedule with its next fire time computed."""
    if schedule is None:
        schedule = Schedule(user=user)
    for field, value in values.items():
        setattr(schedule, field, value)
    schedule.user = user
    schedule_refresh(schedule, now=now)
    schedule.save()
    return schedule


@transaction.atomic
def _comparable(field: str, value):
    if field == "routine":
        return getattr(value, "pk", value)
    if field in ("weekdays", "times"):
        return sorted(str(item) for item in value)
    return value


def therapist_fields_changed(*, schedule: Schedule, values: Mapping[str, Any]) -> list[str]:
    """Return the therapist-set fields that `values` would change, in THERAPIST_FIELDS order."""
    return [
        field
        for field in THERAPIST_FIELDS
        if field in values
        and _comparable(field, values[field]) != _comparable(field, getattr(schedule, field))
    ]


def schedule_update_by_owner(
    *, schedule: Schedule, values: Mapping[str, Any], now: datetime
) -> Schedule:
    """Return the schedule updated by the person it reminds.

    A therapist-set reminder keeps what the therapist set: a change to one of
    those fields raises SetByTherapist and changes nothing. Sending a field
    unchanged (a client echoing the whole reminder back) is not a change.
    """
    if schedule.set_by_id is not None and schedule.set_by_id != schedule.user_id:
        changed = therapist_fields_changed(schedule=schedule, values=values)
        if changed:
            raise SetByTherapist(changed)
    return schedule_save(user=schedule.user, values=values, now=now, schedule=schedule)


def schedules_set_by_stop(*, user, set_by) -> int:
    """Turn off the user's schedules that `set_by` set; return how many there are.

    They stay (the user sees who set them and can turn them on again) but stop
    firing: is_active False and no next fire time, in one statement. What they
    already made and not yet sent is cancelled (deliveries_cancel_pending).
    """
    schedules = Schedule.objects.filter(user=user, set_by=set_by)
    stopped = schedules.update(is_active=False, next_fire_at=None)
    deliveries_cancel_pending(schedules=schedules)
    return stopped


def deliveries_cancel_pending(*, schedules: QuerySet[Schedule]) -> int:
    """Cancel the deliveries of these schedules still waiting to be sent; return how many.

    The send task only takes pending deliveries, so a cancelled one is never
    sent, nor picked up again by the sweeper. One a send task took before this
    (it is being sent this very moment) ends as that task records it.
    """
    return Delivery.objects.filter(
        schedule__in=schedules.values("pk"), state=DeliveryState.PENDING
    ).update(state=DeliveryState.CANCELLED)


def action_token(delivery_id: int) -> str:
    """Return a signed token that lets a service worker answer this one delivery."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(str(delivery_id))


def action_token_valid(token: str, delivery_id: int) -> bool:
    try:
        value = signing.TimestampSigner(salt=TOKEN_SALT).unsign(
            token, max_age=timedelta(hours=settings.REMINDERS_ACTION_TOKEN_HOURS)
        )
    except signing.BadSignature:
        return False
    return value == str(delivery_id)


def suggested_routine(delivery: Delivery) -> Routine | None:
    return delivery.routine or Routine.objects.filter(slug=DEFAULT_ROUTINES[delivery.kind]).first()


def _answer(delivery: Delivery, action: str, now: datetime) -> bool:
    """Record `action`; return False if it was already recorded (a repeat)."""
    if delivery.action == action:
        return False
    if delivery.action:
        raise ActionConflict(str(ALREADY_ANSWERED.get(delivery.action, ALREADY_ANSWERED[""])))
    delivery.action = action
    delivery.acted_at = now
    delivery.save(update_fields=["action", "acted_at"])
    return True


@transaction.atomic
def delivery_done(*, delivery: Delivery, now: datetime):
    """Log the suggested routine as done, once, with this delivery as its origin.

    The log's id is derived from the delivery, so a repeated Done (a retrying
    service worker) finds the same log instead of making another.
    """
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    _answer(delivery, DeliveryAction.DONE, now)
    routine = suggested_routine(delivery)
    if routine is None:
        return None
    log, _ = log_save(
        user=delivery.user,
        log_id=uuid.uuid5(uuid.NAMESPACE_URL, f"stretchstop:delivery:{delivery.pk}"),
        values={
            "performed_at": now,
            "routine": routine,
            "origin": LogOrigin.REMINDER,
            "origin_delivery_id": delivery.pk,
        },
    )
    return log


@transaction.atomic
def delivery_snooze(*, delivery: Delivery, minutes: int, now: datetime) -> Schedule:
    """Bring the reminder back in `minutes` and return its schedule."""
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    schedule = delivery.schedule
    if schedule is None:
        raise ActionConflict(_("Only sitting and routine reminders can be snoozed."))
    _answer(delivery, DeliveryAction.SNOOZED, now)
    schedule = Schedule.objects.select_for_update().select_related("user").get(pk=schedule.pk)
    schedule.snoozed_until = now + timedelta(minutes=minutes)
    schedule_refresh(schedule, now=now)
    schedule.save(update_fields=["snoozed_until", "next_fire_at", "updated_at"])
    return schedule


@transaction.atomic
def delivery_skip(*, delivery: Delivery, now: datetime) -> None:
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    _answer(delivery, DeliveryAction.SKIPPED, now)


class SubscriptionNotYours(Exception):
    """The endpoint is another account's, and the request did not prove it is the same browser."""


def push_subscription_save(
    *, user, endpoint: str, p256dh: str, auth: str, user_agent: str = ""
) -> tuple[PushSubscription, bool]:
    """Return (subscription, created); a browser re-subscribing updates its keys.

    An endpoint is unique to one browser profile. If another account has it (a
    shared device, where the next person signs in), it moves to this account
    only with proof of being that browser: the same `auth` secret (16 random
    bytes only the browser and this server hold). Without it raise
    SubscriptionNotYours and change nothing: knowing an endpoint, which passes
    through push services and logs, must not let anyone take someone's
    reminders (or learn the subscription's id).
    """
    with transaction.atomic():
        existing = PushSubscription.objects.select_for_update().filter(endpoint=endpoint).first()
        if existing is None:
            return PushSubscription.objects.create(
                user=user, endpoint=endpoint, p256dh=p256dh, auth=auth, user_agent=user_agent[:300]
            ), True
        if existing.user_id != user.pk and not hmac.compare_digest(
            existing.auth.encode(), auth.encode()
        ):
            raise SubscriptionNotYours()
        existing.user, existing.p256dh, existing.auth = user, p256dh, auth
        existing.user_agent = user_agent[:300]
        existing.save(update_fields=["user", "p256dh", "auth", "user_agent"])
        return existing, False


def push_subscription_renew(
    *, old_endpoint: str, old_auth: str, endpoint: str, p256dh: str, auth: str, user_agent: str = ""
) -> PushSubscription | None:
    """Replace a subscription the browser rotated by its new one, for the same account.

    Whoever knows the old subscription's endpoint and its `auth` secret (16
    random bytes only the browser and this server hold) is that browser, so the
    service worker needs no session: return None, changing nothing, when the pair
    matches no subscription.
    """
    with transaction.atomic():
        old = PushSubscription.objects.select_for_update().filter(endpoint=old_endpoint).first()
        if old is None or not hmac.compare_digest(old.auth.encode(), old_auth.encode()):
            return None
        if endpoint != old_endpoint:
            old.delete()
        subscription, _ = push_subscription_save(
            user=old.user, endpoint=endpoint, p256dh=p256dh, auth=auth, user_agent=user_agent
        )
    return subscription
