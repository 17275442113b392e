"""The sitting reminder a therapist sets with consent; the matrix is in test_care_links.py."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from reminders.models import Schedule, ScheduleKind
from reminders.services import schedule_save
from tests.conftest import client_for, make_user
from tests.tracker.test_care_links import link_between
from tracker.care import services
from tracker.care.api import NO_CONSENT
from tracker.models import Role, User


def reminder_url(patient: User) -> str:
    return f"/api/v1/care/patients/{patient.pk}/reminder/"


@pytest.fixture
def consenting(library, thera, alice):
    return link_between(thera, alice, consent=True)


def therapist_reminder(therapist: User, patient: User, minutes: int = 60) -> Schedule:
    schedule, _ = services.care_reminder_save(
        therapist=therapist,
        patient=patient,
        values={"interval_minutes": minutes},
        now=timezone.now(),
    )
    return schedule


def test_a_therapist_sets_the_patients_sitting_reminder(thera, thera_client, alice, consenting):
    body = {
        "interval_minutes": 30,
        "routine": "desk-break",
        "window_start": "08:00",
        "window_end": "16:00",
        "weekdays": [5, 1, 3],
    }

    response = thera_client.put(reminder_url(alice), body, format="json")

    assert response.status_code == 201
    data = response.json()
    assert data["set_by"] == thera.pk
    assert data["kind"] == "sitting"
    assert (data["interval_minutes"], data["routine"]) == (30, "desk-break")
    assert data["weekdays"] == [1, 3, 5]
    schedule = Schedule.objects.get()
    assert (schedule.user, schedule.set_by, schedule.kind) == (alice, thera, ScheduleKind.SITTING)
    assert (schedule.window_start, schedule.window_end) == (time(8), time(16))
    assert schedule.is_active is True
    assert schedule.next_fire_at is not None


def test_a_second_put_replaces_the_same_reminder(thera, thera_client, alice, consenting):
    first = thera_client.put(
        reminder_url(alice),
        {"interval_minutes": 30, "routine": "desk-break", "weekdays": [1]},
        format="json",
    )

    response = thera_client.put(reminder_url(alice), {"interval_minutes": 90}, format="json")

    assert response.status_code == 200
    assert response.json()["id"] == first.json()["id"]
    schedule = Schedule.objects.get()
    # PUT replaces: what is left out goes back to the defaults.
    assert (schedule.interval_minutes, schedule.routine, schedule.weekdays) == (
        90,
        None,
        [1, 2, 3, 4, 5],
    )


def test_the_therapist_reads_the_reminder_they_set(thera, thera_client, alice, consenting):
    schedule = therapist_reminder(thera, alice, 45)

    response = thera_client.get(reminder_url(alice))

    assert response.status_code == 200
    assert (response.json()["id"], response.json()["interval_minutes"]) == (schedule.pk, 45)


def test_reading_before_setting_one_is_404(thera_client, alice, consenting):
    # The patient's own sitting reminder is theirs, not the therapist's.
    schedule_save(user=alice, values={"kind": ScheduleKind.SITTING}, now=timezone.now())

    response = thera_client.get(reminder_url(alice))

    assert response.status_code == 404


@pytest.mark.parametrize("method", ["get", "put"])
def test_without_consent_the_therapist_is_refused_with_403(
    thera, thera_client, alice, library, method
):
    link_between(thera, alice, consent=False)

    response = getattr(thera_client, method)(
        reminder_url(alice), {"interval_minutes": 30}, format="json"
    )

    assert response.status_code == 403
    assert response.json() == {"detail": NO_CONSENT}
    assert Schedule.objects.count() == 0


def test_the_service_refuses_without_consent_too(thera, alice, library):
    link_between(thera, alice, consent=False)

    with pytest.raises(services.NoRemindersConsent):
        therapist_reminder(thera, alice)


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"interval_minutes"}),
        ({"interval_minutes": 14}, {"interval_minutes"}),
        ({"interval_minutes": 241}, {"interval_minutes"}),
        ({"interval_minutes": "often"}, {"interval_minutes"}),
        ({"interval_minutes": 30, "routine": "no-such-routine"}, {"routine"}),
        ({"interval_minutes": 30, "weekdays": [8]}, {"weekdays"}),
        ({"interval_minutes": 30, "weekdays": [1, 1]}, {"weekdays"}),
        ({"interval_minutes": 30, "weekdays": []}, {"weekdays"}),
        ({"interval_minutes": 30, "window_start": "25:00"}, {"window_start"}),
    ],
)
def test_bad_reminder_input_is_a_field_error_and_changes_nothing(
    thera, thera_client, alice, consenting, body, fields
):
    schedule = therapist_reminder(thera, alice, 60)
    before = Schedule.objects.filter(pk=schedule.pk).values().get()

    response = thera_client.put(reminder_url(alice), body, format="json")

    assert response.status_code == 400
    assert set(response.json()) == fields
    assert Schedule.objects.filter(pk=schedule.pk).values().get() == before
    assert Schedule.objects.count() == 1


def test_the_patient_sees_who_set_it_and_pauses_it(thera, alice, alice_client, consenting):
    schedule = therapist_reminder(thera, alice)
    until = timezone.now() + timedelta(days=3)

    listed = alice_client.get("/api/v1/reminders/").json()
    response = alice_client.patch(
        f"/api/v1/reminders/{schedule.pk}/", {"paused_until": until.isoformat()}, format="json"
    )

    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [(row["id"], row["set_by"]) for row in rows] == [(schedule.pk, thera.pk)]
    assert response.status_code == 200
    schedule.refresh_from_db()
    assert schedule.paused_until == until
    assert schedule.next_fire_at is None or schedule.next_fire_at >= until
    # The therapist's next change keeps the patient's pause.
    therapist_reminder(thera, alice, 30)
    schedule.refresh_from_db()
    assert (schedule.interval_minutes, schedule.paused_until) == (30, until)


def test_the_patient_turns_it_off(thera, alice, alice_client, consenting):
    schedule = therapist_reminder(thera, alice)

    response = alice_client.patch(
        f"/api/v1/reminders/{schedule.pk}/", {"is_active": False}, format="json"
    )

    assert response.status_code == 200
    schedule.refresh_from_db()
    assert (schedule.is_active, schedule.next_fire_at) == (False, None)


@pytest.mark.parametrize(
    "how", ["consent withdrawn", "ended by the patient", "ended by the therapist"]
)
def test_withdrawing_consent_or_ending_the_link_stops_the_therapists_reminders(
    thera, alice, alice_client, consenting, how
):
    mine = therapist_reminder(thera, alice)
    own = schedule_save(user=alice, values={"kind": ScheduleKind.SITTING}, now=timezone.now())
    otto = make_user("otto", role=Role.THERAPIST)
    link_between(otto, alice, consent=True)
    ottos = therapist_reminder(otto, alice)
    link_url = f"/api/v1/care/links/{consenting.pk}/"

    if how == "consent withdrawn":
        response = alice_client.patch(link_url, {"reminders_consent": False}, format="json")
        assert response.status_code == 200
    else:
        ender = alice if how == "ended by the patient" else thera
        assert client_for(ender).delete(link_url).status_code == 204

    mine.refresh_from_db()
    assert (mine.is_active, mine.next_fire_at, mine.set_by) == (False, None, thera)
    # The patient's own reminder and another therapist's are untouched.
    for other in (own, ottos):
        other.refresh_from_db()
        assert other.is_active is True
        assert other.next_fire_at is not None


def test_after_consent_is_given_again_a_put_turns_the_reminder_back_on(
    thera, thera_client, alice, consenting
):
    schedule = therapist_reminder(thera, alice)
    services.reminders_consent_set(link=consenting, consent=False)
    assert thera_client.put(reminder_url(alice), {"interval_minutes": 30}).status_code == 403
    services.reminders_consent_set(link=consenting, consent=True)

    response = thera_client.put(reminder_url(alice), {"interval_minutes": 30}, format="json")

    assert response.status_code == 200
    schedule.refresh_from_db()
    assert (schedule.is_active, schedule.interval_minutes) == (True, 30)
    assert schedule.next_fire_at is not None


def test_two_therapists_each_set_their_own_reminder(thera, alice, consenting):
    otto = make_user("otto", role=Role.THERAPIST)
    link_between(otto, alice, consent=True)

    mine = therapist_reminder(thera, alice, 30)
    ottos = therapist_reminder(otto, alice, 90)

    assert mine.pk != ottos.pk
    assert Schedule.objects.filter(user=alice).count() == 2
