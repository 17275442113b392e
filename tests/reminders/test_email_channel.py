from datetime import timedelta

from django.utils import timezone

from reminders.models import ChannelSend, Delivery, DeliveryKind, DeliveryState
from reminders.sending import delivery_send
from tests.conftest import with_verified_email


def test_an_email_reminder_goes_through_djangos_backend_with_a_link(alice, mailoutbox, settings):
    settings.SITE_URL = "https://stretch.example"
    with_verified_email(alice, "alice@example.com")
    now = timezone.now()
    delivery = Delivery.objects.create(
        user=alice,
        kind=DeliveryKind.SITTING,
        due_at=now - timedelta(seconds=5),
        channels=["email"],
        enqueued_at=now,
    )

    outcome = delivery_send(delivery_id=delivery.pk, now=now)

    assert outcome.state == DeliveryState.SENT
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["alice@example.com"]
    assert mailoutbox[0].subject == "Time for a stretch break"
    assert f"https://stretch.example/reminders/{delivery.pk}/" in mailoutbox[0].body
    assert ChannelSend.objects.get(delivery=delivery).ok is True


def test_an_email_reminder_for_someone_without_an_address_fails_without_sending(alice, mailoutbox):
    now = timezone.now()
    delivery = Delivery.objects.create(
        user=alice, kind=DeliveryKind.SITTING, due_at=now, channels=["email"], enqueued_at=now
    )

    outcome = delivery_send(delivery_id=delivery.pk, now=now)

    assert outcome.state == DeliveryState.FAILED
    assert mailoutbox == []
    assert "no channel" in Delivery.objects.get(pk=delivery.pk).last_error
