"""Notices of new care messages: never in quiet hours, by push else email, by a real worker."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from reminders.models import PushSubscription, Schedule
from reminders.schedule import LocalWindow, quiet_until
from tests.conftest import with_verified_email
from tests.reminders import conftest as reminders_fixtures
from tests.reminders.helpers import wait_until
from tests.tracker.test_care_links import link_between
from tracker.care import messages
from tracker.care.tasks import notify_due_messages_task
from tracker.models import CareMessage

# The reminders' fixtures: Redis as the broker, a real worker, the local push service.
broker = reminders_fixtures.broker
celery_worker = reminders_fixtures.celery_worker
push_receiver = reminders_fixtures.push_receiver

BERLIN = ZoneInfo("Europe/Berlin")
NIGHT = LocalWindow(time(22, 0), time(7, 0))


def berlin(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


# The pure decision: no clock, no database.


def test_outside_quiet_hours_a_notice_goes_now():
    assert quiet_until(berlin(2026, 3, 2, 12, 0), BERLIN, [NIGHT]) is None
    assert quiet_until(berlin(2026, 3, 2, 12, 0), BERLIN, []) is None


def test_in_quiet_hours_a_notice_waits_for_their_end_across_midnight():
    assert quiet_until(berlin(2026, 3, 2, 23, 30), BERLIN, [NIGHT]) == berlin(2026, 3, 3, 7, 0)
    assert quiet_until(berlin(2026, 3, 3, 2, 0), BERLIN, [NIGHT]) == berlin(2026, 3, 3, 7, 0)


def test_the_end_of_quiet_hours_is_outside_them():
    assert quiet_until(berlin(2026, 3, 3, 7, 0), BERLIN, [NIGHT]) is None
    assert quiet_until(berlin(2026, 3, 2, 22, 0), BERLIN, [NIGHT]) == berlin(2026, 3, 3, 7, 0)


def test_overlapping_quiet_hours_of_several_reminders_count_as_one():
    lunch = LocalWindow(time(6, 30), time(9, 0))

    assert quiet_until(berlin(2026, 3, 2, 23, 0), BERLIN, [NIGHT, lunch]) == berlin(
        2026, 3, 3, 9, 0
    )


def test_quiet_hours_follow_the_clock_change():
    # 2026-03-29: Berlin springs forward at 02:00; 07:00 local is then 05:00 UTC, not 06:00.
    until = quiet_until(berlin(2026, 3, 29, 1, 0), BERLIN, [NIGHT])

    assert until == datetime(2026, 3, 29, 5, 0, tzinfo=UTC)


def test_a_whole_day_of_quiet_holds_for_two_days_at_most():
    always = LocalWindow(time(0, 0), time(0, 0))
    now = berlin(2026, 3, 2, 12, 0)

    assert quiet_until(now, BERLIN, [always]) == now + timedelta(days=2)


ZONES = ["Europe/Berlin", "America/Chicago", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC"]
WALL_TIMES = st.times().map(lambda at: at.replace(second=0, microsecond=0))


def _inside(instant: datetime, window: LocalWindow, tz: ZoneInfo) -> bool:
    local_day = instant.astimezone(tz).date()
    return any(
        start <= instant < end
        for start, end in (window.span(local_day + timedelta(days=d), tz) for d in (-1, 0, 1))
    )


@hyp_settings(max_examples=200, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    windows=st.lists(st.builds(LocalWindow, WALL_TIMES, WALL_TIMES), max_size=3),
    naive=st.datetimes(datetime(2025, 1, 1), datetime(2028, 12, 31)),
)
def test_a_held_notice_goes_at_the_first_instant_outside_every_quiet_window(zone, windows, naive):
    tz = ZoneInfo(zone)
    instant = naive.replace(tzinfo=UTC)

    until = quiet_until(instant, tz, windows)

    quiet_now = any(_inside(instant, window, tz) for window in windows)
    assert (until is None) == (not quiet_now)
    if until is not None:
        assert instant < until <= instant + timedelta(days=2)
        # At the cap the person is still in quiet hours (a whole-day window);
        # otherwise the notice goes at an instant outside every window.
        if until < instant + timedelta(days=2):
            assert not any(_inside(until, window, tz) for window in windows)


def test_an_aware_instant_is_required():
    with pytest.raises(ValueError):
        quiet_until(datetime(2026, 3, 2, 12, 0), BERLIN, [NIGHT])


# The service, with the time passed in.


@pytest.fixture
def link(thera, alice):
    return link_between(thera, alice)


def quiet_nights(user) -> Schedule:
    return Schedule.objects.create(
        user=user, kind="sitting", quiet_start=time(22, 0), quiet_end=time(7, 0)
    )


def sent(link, sender, *, at: datetime) -> CareMessage:
    return messages.message_send(
        link=link, sender=sender, body="Hello", now=at, enqueue=lambda message_id: None
    )


def test_a_message_in_the_recipients_quiet_hours_is_held_until_they_end(
    link, thera, alice, mailoutbox
):
    with_verified_email(alice, "alice@example.org")
    quiet_nights(alice)
    at = berlin(2026, 3, 2, 23, 0)
    message = sent(link, thera, at=at)

    assert messages.message_notify(message_id=message.pk, now=at) == "held"

    message.refresh_from_db()
    assert message.notify_at == berlin(2026, 3, 3, 7, 0)
    assert mailoutbox == []
    assert messages.notices_due(now=berlin(2026, 3, 3, 6, 59)) == []
    assert messages.notices_due(now=berlin(2026, 3, 3, 7, 0)) == [message.pk]
    assert messages.message_notify(message_id=message.pk, now=berlin(2026, 3, 3, 7, 0)) == "sent"
    assert len(mailoutbox) == 1


def test_the_senders_quiet_hours_do_not_matter(link, thera, alice, mailoutbox):
    with_verified_email(alice, "alice@example.org")
    quiet_nights(thera)
    at = berlin(2026, 3, 2, 23, 0)
    message = sent(link, thera, at=at)

    assert messages.message_notify(message_id=message.pk, now=at) == "sent"


def test_a_message_read_before_its_notice_gets_none(link, thera, alice, mailoutbox):
    with_verified_email(alice, "alice@example.org")
    quiet_nights(alice)
    at = berlin(2026, 3, 2, 23, 0)
    message = sent(link, thera, at=at)
    messages.message_notify(message_id=message.pk, now=at)
    messages.thread_mark_read(link=link, reader=alice, now=at + timedelta(minutes=5))

    assert messages.notices_due(now=berlin(2026, 3, 3, 8, 0)) == []
    assert messages.message_notify(message_id=message.pk, now=berlin(2026, 3, 3, 8, 0)) == (
        "not due"
    )
    assert mailoutbox == []


def test_a_notice_goes_once_however_often_it_is_asked_for(link, thera, alice, mailoutbox):
    with_verified_email(alice, "alice@example.org")
    at = berlin(2026, 3, 2, 12, 0)
    message = sent(link, thera, at=at)

    outcomes = [messages.message_notify(message_id=message.pk, now=at) for _ in range(3)]

    assert outcomes == ["sent", "not due", "not due"]
    assert len(mailoutbox) == 1
    message.refresh_from_db()
    assert message.notified_by == ["email"]


def test_someone_with_no_channel_gets_no_notice_and_the_message_stays_unread(link, thera, alice):
    message = sent(link, thera, at=berlin(2026, 3, 2, 12, 0))

    outcome = messages.message_notify(message_id=message.pk, now=berlin(2026, 3, 2, 12, 0))

    assert outcome == "no channel"
    message.refresh_from_db()
    assert (message.read_at, message.notified_at, message.notify_at) == (None, None, None)


# A real Celery worker, the local push receiver and the file email backend.


@pytest.fixture
def worker_link(transactional_db, thera, alice, celery_worker):
    return link_between(thera, alice)


def test_a_worker_pushes_a_new_message_to_the_patients_browser(
    worker_link,
    thera_client,
    alice,
    push_receiver,
):
    browser = push_receiver.subscribe("alice")
    PushSubscription.objects.create(
        user=alice, endpoint=push_receiver.endpoint(browser), p256dh=browser.p256dh,
        auth=browser.auth,
    )  # fmt: skip

    response = thera_client.post(
        f"/api/v1/care/links/{worker_link.pk}/messages/", {"body": "<b>secret</b> advice"}
    )

    assert response.status_code == 201
    accepted = push_receiver.wait_for(1)
    assert not push_receiver.problems()
    payload = accepted[0].payload
    assert payload["title"] == "New message from Thera Pist"
    assert payload["url"] == f"/messages/{worker_link.pk}/"
    # What was written stays off the lock screen.
    assert "secret" not in str(payload)
    wait_until(
        lambda: CareMessage.objects.get().notified_by == ["push"], what="the notice recorded"
    )


def test_a_worker_emails_the_therapist_who_has_no_push(
    worker_link, alice_client, thera, settings, tmp_path
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    settings.SITE_URL = "https://app.example.org"
    with_verified_email(thera, "thera@example.org")

    alice_client.post(f"/api/v1/care/links/{worker_link.pk}/messages/", {"body": "Sore today"})

    wait_until(lambda: any((tmp_path / "mail").glob("*.log")), what="an email file")
    (mail,) = (tmp_path / "mail").glob("*.log")
    text = mail.read_text()
    assert "To: thera@example.org" in text
    assert "New message from Alice" in text
    assert f"https://app.example.org/patients/{alice_client.user.pk}/#messages" in text
    assert "Sore today" not in text
    assert timezone.now() >= CareMessage.objects.get().notified_at


def test_the_beat_sweep_sends_a_notice_held_through_quiet_hours(
    worker_link, thera, alice, settings, tmp_path
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    with_verified_email(alice, "alice@example.org")
    # Held last night; the quiet hours ended a minute ago.
    held = CareMessage.objects.create(
        link=worker_link, sender=thera, body="Morning check-in", sent_at=timezone.now(),
        notify_at=timezone.now() - timedelta(minutes=1),
    )  # fmt: skip

    assert notify_due_messages_task() == 1

    wait_until(lambda: any((tmp_path / "mail").glob("*.log")), what="the held email")
    wait_until(lambda: CareMessage.objects.get(pk=held.pk).notified_by == ["email"], what="record")
    assert notify_due_messages_task() == 0  # sent once
