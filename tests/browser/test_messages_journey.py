"""Messages, end to end in two browsers: the therapist (desktop) writes from the
patient's page, the patient (phone) is notified by push, reads and answers, and
the therapist is notified by email and sees the reply beside the patient's numbers.

A real Celery worker sends the notices: push to the local push receiver,
email to the file backend.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reminders.models import PushSubscription
from tests.browser.conftest import journey_shot, log_in_as
from tests.conftest import with_verified_email
from tests.reminders import conftest as reminders_fixtures
from tests.reminders.helpers import wait_until
from tracker.models import CareLink, CareMessage, PainEntry

# The reminders' fixtures: Redis as the broker, a real worker, the local push service.
broker = reminders_fixtures.broker
celery_worker = reminders_fixtures.celery_worker
push_receiver = reminders_fixtures.push_receiver

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_message_and_its_reply_are_each_notified(
    phone,
    desk,
    thera,
    alice,
    celery_worker,
    push_receiver,
    settings,
    tmp_path,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    with_verified_email(thera, "thera@example.org")
    link = CareLink.objects.create(therapist=thera, patient=alice, created_at=timezone.now())
    PainEntry.objects.create(user=alice, recorded_at=timezone.now(), rating=4)
    browser_push = push_receiver.subscribe("alice-phone")
    PushSubscription.objects.create(
        user=alice, endpoint=push_receiver.endpoint(browser_push), p256dh=browser_push.p256dh,
        auth=browser_push.auth,
    )  # fmt: skip

    # The therapist writes from the patient's page.
    log_in_as(desk, thera)
    desk.goto(f"/patients/{alice.pk}/")
    expect(desk.locator("#glance-pain")).to_contain_text("4/10")
    desk.get_by_label("Message to Alice").fill(
        "How did the <kneeling> stretch feel?\nTake it slow."
    )
    desk.get_by_role("button", name="Send").click()
    expect(desk.locator("#thread .from-me")).to_have_count(1)
    journey_shot(desk, "messages-therapist-sent-1280", desk.locator("#messages"))

    # The patient's phone gets a push (who wrote, not what).
    (pushed,) = push_receiver.wait_for(1)
    assert pushed.payload["title"] == "New message from Thera Pist"
    assert "kneeling" not in str(pushed.payload)

    # The patient sees the count, reads the thread and answers.
    log_in_as(phone, alice)
    phone.goto("/today/")
    expect(phone.locator("#unread-count")).to_contain_text("1")
    journey_shot(phone, "messages-patient-today-unread-360")
    phone.locator("#messages-link").click()
    expect(phone).to_have_url(re.compile(f"/messages/{link.pk}/$"))
    expect(phone.locator("#thread .from-them .thread-body")).to_have_text(
        "How did the <kneeling> stretch feel?\nTake it slow."
    )
    expect(phone.locator("#unread-count")).to_have_count(0)
    phone.get_by_label("Message to Thera Pist").fill("Better than last week.")
    phone.get_by_role("button", name="Send").click()
    expect(phone.locator("#thread .from-me")).to_have_text(re.compile("Better than last week."))
    journey_shot(phone, "messages-patient-thread-360")

    # The therapist, with no push subscription, gets an email.
    wait_until(lambda: any((tmp_path / "mail").glob("*.log")), what="the therapist's email")
    (mail,) = (tmp_path / "mail").glob("*.log")
    assert "New message from Alice" in mail.read_text()
    assert CareMessage.objects.filter(notified_at__isnull=False).count() == 2

    # The patient list counts the reply; the patient's page shows it.
    desk.goto("/patients/")
    expect(desk.locator(f"#patient-row-{alice.pk} .unread-messages")).to_contain_text("1")
    journey_shot(desk, "messages-therapist-patients-1280")
    # At desktop width the patient list is the table (the cards are hidden).
    desk.locator(f"#patient-row-{alice.pk} .unread-messages a").click()
    expect(desk.locator("#thread .from-them")).to_have_text(re.compile("Better than last week."))
    journey_shot(desk, "messages-therapist-reply-1280", desk.locator("#messages"))
    assert phone.errors == [] and desk.errors == []
