"""A reminder a therapist set: what the patient may change, and what stops when consent ends.

The care endpoints themselves (setting the reminder, consent, links) are tested
in tests/tracker/test_care_reminders.py; this is the reminders side.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from reminders.dispatch import stuck_deliveries
from reminders.models import (
    ChannelSend,
    Delivery,
    DeliveryKind,
    DeliveryState,
    PushSubscription,
    Schedule,
    ScheduleKind,
)
from reminders.sending import deliveries_send
from reminders.services import schedule_save
from tests.conftest import client_for, make_user
from tests.tracker.test_care_links import link_between
from tracker.care import services as care
from tracker.models import Role


@pytest.fixture
def consenting(library, thera, alice):
    return link_between(thera, alice, consent=True)


@pytest.fixture
def set_by_thera(thera, alice, consenting) -> Schedule:
    schedule, _ = care.care_reminder_save(
        therapist=thera,
        patient=alice,
        values={"interval_minutes": 60, "weekdays": [1, 2, 3, 4, 5]},
        now=timezone.now(),
    )
    return schedule


def url(schedule: Schedule) -> str:
    return f"/api/v1/reminders/{schedule.pk}/"


def row(schedule: Schedule) -> dict:
    return Schedule.objects.filter(pk=schedule.pk).values().get()


# -- what the patient may change -------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"interval_minutes": 30}, "interval_minutes"),
        ({"window_start": "07:00"}, "window_start"),
        ({"window_end": "20:00"}, "window_end"),
        ({"weekdays": [6, 7]}, "weekdays"),
        ({"routine": "daily-home"}, "routine"),
        ({"times": ["08:00"]}, "times"),
    ],
)
def test_the_patient_cannot_change_what_the_therapist_set(alice_client, set_by_thera, body, field):
    before = row(set_by_thera)

    response = alice_client.patch(url(set_by_thera), body, format="json")

    assert response.status_code == 403
    detail = response.json()["detail"]
    assert f"Your therapist set {field} " in detail
    assert "You can pause it" in detail
    assert row(set_by_thera) == before


def test_a_patch_mixing_a_pause_with_a_therapist_field_changes_nothing(alice_client, set_by_thera):
    before = row(set_by_thera)
    until = timezone.now() + timedelta(days=2)

    response = alice_client.patch(
        url(set_by_thera),
        {"paused_until": until.isoformat(), "interval_minutes": 30, "weekdays": [1]},
        format="json",
    )

    assert response.status_code == 403
    assert "interval_minutes, weekdays" in response.json()["detail"]
    assert row(set_by_thera) == before


def test_the_patient_changes_their_own_settings_on_a_therapists_reminder(
    alice_client, set_by_thera
):
    body = {
        "quiet_start": "12:00",
        "quiet_end": "13:00",
        "channels": ["email"],
        "name": "From my physio",
        "is_active": False,
    }

    response = alice_client.patch(url(set_by_thera), body, format="json")

    assert response.status_code == 200
    set_by_thera.refresh_from_db()
    assert (set_by_thera.quiet_start.hour, set_by_thera.quiet_end.hour) == (12, 13)
    assert (set_by_thera.channels, set_by_thera.name) == (["email"], "From my physio")
    assert (set_by_thera.is_active, set_by_thera.next_fire_at) == (False, None)
    assert set_by_thera.interval_minutes == 60


def test_sending_back_what_the_therapist_set_unchanged_is_not_a_change(alice_client, set_by_thera):
    # A client that PATCHes the whole reminder it read, with only the pause changed.
    shown = alice_client.get(url(set_by_thera)).json()
    until = timezone.now() + timedelta(days=2)
    body = {key: shown[key] for key in ("kind", "interval_minutes", "window_start",
                                        "window_end", "weekdays", "times", "routine")}  # fmt: skip

    response = alice_client.patch(
        url(set_by_thera), {**body, "paused_until": until.isoformat()}, format="json"
    )

    assert response.status_code == 200
    set_by_thera.refresh_from_db()
    assert set_by_thera.paused_until == until


def test_a_bad_value_is_still_a_400(alice_client, set_by_thera):
    before = row(set_by_thera)

    response = alice_client.patch(url(set_by_thera), {"interval_minutes": 5}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"interval_minutes"}
    assert row(set_by_thera) == before


def test_the_patients_own_reminder_stays_theirs_to_change(alice, alice_client, set_by_thera):
    own = schedule_save(user=alice, values={"kind": ScheduleKind.SITTING}, now=timezone.now())

    response = alice_client.patch(url(own), {"interval_minutes": 30}, format="json")

    assert response.status_code == 200
    own.refresh_from_db()
    assert own.interval_minutes == 30


def test_another_patient_gets_404_for_the_therapists_reminder(bob_client, set_by_thera):
    before = row(set_by_thera)

    response = bob_client.patch(url(set_by_thera), {"paused_until": None}, format="json")

    assert response.status_code == 404
    assert row(set_by_thera) == before


# -- what stops when consent is withdrawn or the link ends ---------------------------------


def pending(schedule: Schedule, minutes_ago: int = 1) -> Delivery:
    now = timezone.now()
    return Delivery.objects.create(
        user=schedule.user, schedule=schedule, kind=DeliveryKind.SITTING,
        due_at=now - timedelta(minutes=minutes_ago), state=DeliveryState.PENDING,
        enqueued_at=now - timedelta(minutes=minutes_ago),
    )  # fmt: skip


@pytest.mark.parametrize(
    "how", ["consent withdrawn", "ended by the patient", "ended by the therapist"]
)
def test_a_therapists_reminder_already_queued_is_cancelled_and_never_sent(
    thera, alice, alice_client, consenting, set_by_thera, push_receiver, how
):
    browser = push_receiver.subscribe("alice")
    PushSubscription.objects.create(
        user=alice, endpoint=push_receiver.endpoint(browser), p256dh=browser.p256dh,
        auth=browser.auth,
    )  # fmt: skip
    queued = pending(set_by_thera)
    already_sent = pending(set_by_thera, minutes_ago=50)
    Delivery.objects.filter(pk=already_sent.pk).update(state=DeliveryState.SENT)
    own = pending(schedule_save(user=alice, values={"kind": "sitting"}, now=timezone.now()))
    otto = make_user("otto", role=Role.THERAPIST)
    link_between(otto, alice, consent=True)
    ottos, _ = care.care_reminder_save(
        therapist=otto, patient=alice, values={"interval_minutes": 30}, now=timezone.now()
    )
    ottos_queued = pending(ottos)
    link_url = f"/api/v1/care/links/{consenting.pk}/"

    if how == "consent withdrawn":
        response = alice_client.patch(link_url, {"reminders_consent": False}, format="json")
        assert response.status_code == 200
    else:
        ender = alice if how == "ended by the patient" else thera
        assert client_for(ender).delete(link_url).status_code == 204

    states = dict(Delivery.objects.values_list("pk", "state"))
    assert states == {
        queued.pk: DeliveryState.CANCELLED,
        already_sent.pk: DeliveryState.SENT,
        own.pk: DeliveryState.PENDING,
        ottos_queued.pk: DeliveryState.PENDING,
    }
    # The send task that was already in the queue finds it cancelled and sends nothing.
    outcomes = deliveries_send(delivery_ids=[queued.pk, own.pk], now=timezone.now())
    assert outcomes[queued.pk].state == DeliveryState.CANCELLED
    assert outcomes[own.pk].state == DeliveryState.SENT
    [received] = push_receiver.wait_for(1)
    assert received.payload["delivery"] == own.pk
    assert not ChannelSend.objects.filter(delivery=queued).exists()
    queued.refresh_from_db()
    assert (queued.state, queued.sent_at, queued.attempts) == (DeliveryState.CANCELLED, None, 0)
    # Nor does the sweeper hand it out again.
    later = timezone.now() + timedelta(hours=1)
    assert queued.pk not in stuck_deliveries(now=later)
