"""A therapist deletes their account: their patients' history keeps its shape.

The link stays in the patient's list as ended, with the therapist shown as
deleted; the reminder they set is switched off; plans they assigned stay
assigned (not editable by the patient); nothing of the therapist is left that
identifies them or lets anyone sign in as them.
"""

import pytest
from knox.models import AuthToken

from exercises.models import Plan
from reminders.models import PushSubscription
from tests.conftest import client_for
from tests.tracker.test_care_links import link_between
from tests.tracker.test_care_reminders import therapist_reminder
from tracker.models import CareInvite, CareLink, PainEntry, User

STRETCH = "standing-lunge-tuck"


@pytest.fixture
def deleted(library, thera, alice, thera_client):
    link_between(thera, alice, consent=True)
    reminder = therapist_reminder(thera, alice)
    assigned = thera_client.post(
        f"/api/v1/care/patients/{alice.pk}/plans/",
        {"name": "Hip flexors", "items": [{"exercise": STRETCH, "hold_seconds": 30}]},
        format="json",
    )
    assert assigned.status_code == 201, assigned.content
    plan = assigned.json()
    PainEntry.objects.create(user=thera, recorded_at="2026-03-01T10:00Z", rating=2)
    PushSubscription.objects.create(
        user=thera, endpoint="https://fcm.googleapis.com/fcm/send/t", p256dh="k", auth="a"
    )
    thera_client.post("/api/v1/care/invites/")

    response = thera_client.delete(
        "/api/v1/me/", {"password": "correct horse battery"}, format="json"
    )

    assert response.status_code == 204
    return reminder, plan


def test_the_link_stays_in_the_patients_list_as_ended_with_the_therapist_deleted(
    deleted, alice_client, thera
):
    links = alice_client.get("/api/v1/care/links/").json()

    links = links["results"] if isinstance(links, dict) else links
    assert len(links) == 1
    assert links[0]["active"] is False
    assert "Deleted therapist" in str(links[0])
    assert "Thera" not in str(links[0])


def test_the_reminder_the_therapist_set_is_switched_off(deleted, alice_client):
    reminder, _ = deleted

    reminder.refresh_from_db()
    assert reminder.is_active is False
    assert reminder.set_by_id is not None  # the patient still sees who set it


def test_assigned_plans_stay_assigned_and_their_doses_unchangeable(deleted, alice_client):
    _, plan = deleted

    response = alice_client.patch(
        f"/api/v1/plans/{plan['id']}/",
        {"items": [{"exercise": STRETCH, "hold_seconds": 90}]},
        format="json",
    )

    assert response.status_code in (400, 403)
    assert Plan.objects.get(pk=plan["id"]).assigned_by_id is not None
    assert Plan.objects.get(pk=plan["id"]).items.get().hold_seconds == 30


def test_nothing_of_the_therapist_is_left_to_sign_in_with_or_identify(deleted, thera):
    account = User.objects.get(pk=thera.pk)

    assert account.username == f"deleted:{thera.pk}"
    assert (account.email, account.display_name) == ("", "Deleted therapist")
    assert not account.is_active
    assert not account.has_usable_password()
    assert not AuthToken.objects.filter(user_id=thera.pk).exists()
    assert not PainEntry.objects.filter(user_id=thera.pk).exists()
    assert not PushSubscription.objects.filter(user_id=thera.pk).exists()
    assert not CareInvite.objects.filter(therapist_id=thera.pk).exists()
    assert not CareLink.objects.filter(therapist_id=thera.pk, ended_at__isnull=True).exists()
    assert client_for(account).get("/api/v1/me/").status_code == 401
