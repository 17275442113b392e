"""A send chunk that outlasts its lease keeps its deliveries: no second task may
take over the rest and send them again."""

import time
from datetime import timedelta

from django.utils import timezone

from reminders.channels.email import EmailChannel
from reminders.models import Delivery, DeliveryKind, DeliveryState
from reminders.sending import deliveries_send
from tests.conftest import with_verified_email


def test_a_chunk_slower_than_its_lease_holds_every_delivery_it_has_not_sent(
    alice, mailoutbox, settings, monkeypatch
):
    settings.REMINDERS_SEND_LEASE_SECONDS = 1
    with_verified_email(alice, "alice@example.com")
    now = timezone.now()
    ids = [
        Delivery.objects.create(
            user=alice,
            kind=DeliveryKind.SITTING,
            due_at=now - timedelta(seconds=seconds),
            channels=["email"],
            enqueued_at=now,
        ).pk
        for seconds in (1, 2, 3, 4)
    ]
    up_for_grabs = []
    real_send = EmailChannel.send

    def slow_send(self, message, target):
        time.sleep(0.7)  # a slow mail server or push service
        # What another task's claim would see: pending, with the lease run out.
        up_for_grabs.append(
            Delivery.objects.filter(
                pk__in=ids, state=DeliveryState.PENDING, lease_until__lt=timezone.now()
            ).count()
        )
        real_send(self, message, target)

    monkeypatch.setattr(EmailChannel, "send", slow_send)

    outcomes = deliveries_send(delivery_ids=ids, now=now)

    assert {outcome.state for outcome in outcomes.values()} == {DeliveryState.SENT}
    assert len(mailoutbox) == 4
    assert up_for_grabs == [0, 0, 0, 0]
