"""The page a notification opens: Done, Snooze and Skip where there are no buttons (Safari)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from exercises.models import ExerciseLog
from reminders.models import Delivery, DeliveryAction, DeliveryKind, Schedule
from reminders.services import action_token


@pytest.fixture
def delivery(alice, library):
    # A window all day long, so that a snooze is never pushed past the window's end.
    schedule = Schedule.objects.create(
        user=alice,
        kind="sitting",
        weekdays=[1, 2, 3, 4, 5, 6, 7],
        window_start="00:00",
        window_end="00:00",
    )
    return Delivery.objects.create(
        user=alice, schedule=schedule, kind=DeliveryKind.SITTING, due_at=timezone.now()
    )


def page_url(delivery, token=None):
    token = action_token(delivery.pk) if token is None else token
    return f"/reminders/{delivery.pk}/?token={token}"


def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


def post_action(client, delivery, action, token=None):
    client.get(page_url(delivery, token))
    csrf = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""
    token = action_token(delivery.pk) if token is None else token
    return client.post(
        f"/reminders/{delivery.pk}/",
        {"action": action, "token": token, "csrfmiddlewaretoken": csrf},
    )


def test_the_page_shows_the_reminder_the_routine_and_three_answers(delivery):
    response = Client().get(page_url(delivery))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Time for a stretch break" in html
    assert 'value="done"' in html and 'value="skip"' in html and 'value="snooze:10"' in html
    assert delivery.routine is None and "Desk break" in html  # the suggested default routine
    assert "<script" not in html


def test_done_from_the_page_logs_the_routine_once_with_no_session(delivery):
    client = csrf_client()

    response = post_action(client, delivery, "done")
    again = post_action(client, delivery, "done")

    assert response.status_code == 302
    assert again.status_code == 302
    assert ExerciseLog.objects.filter(origin_delivery_id=delivery.pk).count() == 1
    assert Delivery.objects.get(pk=delivery.pk).action == DeliveryAction.DONE
    assert "Logged as done" in client.get(page_url(delivery)).content.decode()


def test_snooze_from_the_page_brings_the_reminder_back_later(delivery):
    before = timezone.now()

    response = post_action(csrf_client(), delivery, "snooze:20")

    assert response.status_code == 302
    schedule = Schedule.objects.get(pk=delivery.schedule_id)
    assert schedule.next_fire_at >= before + timedelta(minutes=20)
    assert schedule.next_fire_at <= timezone.now() + timedelta(minutes=20)


@pytest.mark.parametrize("action", ["snooze:15", "explode", ""])
def test_an_unknown_answer_is_refused_and_changes_nothing(delivery, action):
    response = post_action(csrf_client(), delivery, action)

    assert response.status_code == 400
    assert Delivery.objects.get(pk=delivery.pk).action == ""


def test_a_bad_or_foreign_token_finds_nothing(delivery, bob):
    other = Delivery.objects.create(user=bob, kind=DeliveryKind.SITTING, due_at=timezone.now())

    assert Client().get(page_url(delivery, token="forged")).status_code == 404
    assert Client().get(page_url(delivery, token=action_token(other.pk))).status_code == 404
    assert Client().get(f"/reminders/{delivery.pk}/").status_code == 404


def test_the_owner_logged_in_needs_no_token(delivery, alice):
    client = Client()
    client.force_login(alice)

    assert client.get(f"/reminders/{delivery.pk}/").status_code == 200


def test_a_post_without_the_csrf_token_is_refused(delivery):
    response = csrf_client().post(
        f"/reminders/{delivery.pk}/", {"action": "done", "token": action_token(delivery.pk)}
    )

    assert response.status_code == 403
    assert Delivery.objects.get(pk=delivery.pk).action == ""
