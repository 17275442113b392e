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


def test_an_unverified_address_gets_no_email_reminder(alice, mailoutbox):
    from allauth.account.models import EmailAddress

    alice.email = "alice@example.com"
    alice.save(update_fields=["email"])
    EmailAddress.objects.create(user=alice, email=alice.email, primary=True, verified=False)
    now = timezone.now()
    delivery = Delivery.objects.create(
        user=alice, kind=DeliveryKind.SITTING, due_at=now, channels=["email"], enqueued_at=now
    )

    outcome = delivery_send(delivery_id=delivery.pk, now=now)

    assert outcome.state == DeliveryState.FAILED
    assert mailoutbox == []


def test_only_verified_addresses_are_emailable_and_a_pending_change_is_not(
    alice, bob, thera, django_assert_num_queries
):
    from allauth.account.models import EmailAddress

    from reminders.channels.email import emailable_addresses

    with_verified_email(alice, "alice@example.com")
    # alice is changing to a new address she has not confirmed yet: the old one stays.
    EmailAddress.objects.create(user=alice, email="new@example.com", verified=False)
    bob.email = "bob@example.com"
    bob.save(update_fields=["email"])
    EmailAddress.objects.create(user=bob, email=bob.email, primary=True, verified=False)
    # thera's user row says one thing, her verified address another (not hers to use).
    with_verified_email(thera, "thera@example.com")
    thera.email = "other@example.com"
    thera.save(update_fields=["email"])

    with django_assert_num_queries(1):
        addresses = emailable_addresses([alice, bob, thera])

    assert addresses == {alice.pk: "alice@example.com"}
