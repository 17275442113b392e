"""Invites through the API: pending list, cancelling, the email, the throttle, and
codes that no longer work (cancelled, expired, used) answering like unknown ones."""

from datetime import timedelta

import pyotp
import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.conftest import client_for, make_user
from tracker.care import services
from tracker.care.services import INVALID_CODE
from tracker.models import CareInvite, CareLink, Role

INVITES = "/api/v1/care/invites/"
ACCEPT = "/api/v1/care/accept/"


def _registered(username: str, role: str) -> APIClient:
    body = {
        "username": username,
        "password": "a long enough passphrase",
        "role": role,
        "timezone": "Europe/Paris",
    }
    response = APIClient().post("/api/v1/auth/register/", body, format="json")
    assert response.status_code == 201, response.content
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


@pytest.mark.django_db
def test_the_invite_journey_through_the_api_on_new_accounts():
    therapist = _registered("dr-lena", "therapist")
    # A new therapist sets up two-step sign-in before any care endpoint answers.
    assert therapist.get(INVITES).json()["code"] == "mfa_required"
    secret = therapist.post("/api/v1/me/mfa/totp/").json()["secret"]
    therapist.post("/api/v1/me/mfa/totp/confirm/", {"code": pyotp.TOTP(secret).now()})
    invite = therapist.post(INVITES, {}, format="json").json()
    assert [row["id"] for row in therapist.get(INVITES).json()] == [invite["id"]]
    patient = _registered("sam", "patient")

    accepted = patient.post(
        ACCEPT, {"code": invite["code"], "reminders_consent": True}, format="json"
    )

    assert accepted.status_code == 201
    assert accepted.json()["therapist"]["display_name"] == ""
    assert therapist.get(INVITES).json() == []
    rows = therapist.get("/api/v1/care/patients/").json()
    assert [row["id"] for row in rows] == [accepted.json()["patient"]["id"]]


def test_the_pending_list_has_only_invites_that_can_still_be_accepted(thera, thera_client, alice):
    now = timezone.now()
    pending, _ = services.invite_create(therapist=thera, now=now, email="p@example.org")
    _, used_code = services.invite_create(therapist=thera, now=now)
    services.invite_accept(patient=alice, code=used_code, reminders_consent=False, now=now)
    cancelled, _ = services.invite_create(therapist=thera, now=now)
    services.invite_cancel(invite=cancelled, now=now)
    services.invite_create(therapist=thera, now=now - timedelta(days=8))  # expired
    services.invite_create(therapist=make_user("otto", role=Role.THERAPIST), now=now)

    response = thera_client.get(INVITES)

    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [pending.pk]
    # A code is shown once, at creation; the list never has it.
    assert set(response.json()[0]) == {"id", "email", "created_at", "expires_at"}
    assert response.json()[0]["email"] == "p@example.org"


def test_a_new_invite_answers_its_id_and_appears_in_the_list(thera_client):
    created = thera_client.post(INVITES, {}, format="json")

    assert created.status_code == 201
    assert set(created.json()) == {"id", "code", "link", "expires_at", "email"}
    assert created.json()["link"].startswith("http://testserver/care/accept/?code=")
    listed = thera_client.get(INVITES).json()
    assert [row["id"] for row in listed] == [created.json()["id"]]


def test_a_cancelled_invite_leaves_the_list_and_its_code_fails(thera, thera_client, alice_client):
    invite, code = services.invite_create(therapist=thera, now=timezone.now())

    response = thera_client.delete(f"{INVITES}{invite.pk}/")

    assert response.status_code == 204
    invite.refresh_from_db()
    assert invite.cancelled_at is not None
    assert thera_client.get(INVITES).json() == []
    refused = alice_client.post(ACCEPT, {"code": code}, format="json")
    assert (refused.status_code, refused.json()) == (400, {"code": [INVALID_CODE]})
    assert not CareLink.objects.exists()
    # Cancelling again finds nothing pending.
    assert thera_client.delete(f"{INVITES}{invite.pk}/").status_code == 404


def test_a_used_invite_cannot_be_cancelled(thera, thera_client, alice):
    now = timezone.now()
    invite, code = services.invite_create(therapist=thera, now=now)
    services.invite_accept(patient=alice, code=code, reminders_consent=False, now=now)

    response = thera_client.delete(f"{INVITES}{invite.pk}/")

    assert response.status_code == 404
    invite.refresh_from_db()
    assert invite.cancelled_at is None
    assert CareLink.objects.filter(patient=alice, ended_at__isnull=True).exists()


def test_another_therapists_invite_is_not_found_and_stays_valid(thera, alice_client):
    invite, code = services.invite_create(therapist=thera, now=timezone.now())
    otto = client_for(make_user("otto", role=Role.THERAPIST))

    assert otto.delete(f"{INVITES}{invite.pk}/").status_code == 404
    assert otto.delete(f"{INVITES}999999/").status_code == 404

    invite.refresh_from_db()
    assert invite.cancelled_at is None
    assert alice_client.post(ACCEPT, {"code": code}, format="json").status_code == 201


# Codes that no longer work: one answer for all, the same as for a code that never existed.


def _spent_code(kind: str, thera, bob) -> str:
    now = timezone.now()
    if kind == "unknown":
        return "ABCDEFGHJK"
    if kind == "expired":
        return services.invite_create(therapist=thera, now=now - timedelta(days=7, seconds=1))[1]
    invite, code = services.invite_create(therapist=thera, now=now)
    if kind == "cancelled":
        services.invite_cancel(invite=invite, now=now)
    else:  # used
        services.invite_accept(patient=bob, code=code, reminders_consent=False, now=now)
    return code


@pytest.mark.parametrize("kind", ["unknown", "cancelled", "expired", "used"])
def test_a_code_that_no_longer_works_answers_exactly_like_an_unknown_one(
    thera, alice, alice_client, bob, kind
):
    code = _spent_code(kind, thera, bob)
    invites_before = sorted(CareInvite.objects.values_list("id", "used_at", "cancelled_at"))

    response = alice_client.post(ACCEPT, {"code": code}, format="json")

    # Status, body and headers that matter are those of a code never issued:
    # nothing tells a guesser that this one existed.
    assert response.status_code == 400
    assert response.json() == {"code": [INVALID_CODE]}
    assert not CareLink.objects.filter(patient=alice).exists()
    assert sorted(CareInvite.objects.values_list("id", "used_at", "cancelled_at")) == invites_before


def test_the_four_refusals_are_byte_for_byte_the_same(thera, alice_client, bob):
    bodies = {
        kind: alice_client.post(ACCEPT, {"code": _spent_code(kind, thera, bob)}, format="json")
        for kind in ("unknown", "cancelled", "expired", "used")
    }

    assert len({(r.status_code, r.content) for r in bodies.values()}) == 1


# Bad input, the throttle


@pytest.mark.parametrize(
    "body",
    [{"email": "not-an-address"}, {"email": ["a@example.org"]}, {"email": "a@" + "x" * 260}],
)
def test_a_bad_email_is_a_field_error_and_creates_nothing(thera_client, body):
    response = thera_client.post(INVITES, body, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"email"}
    assert not CareInvite.objects.exists()


def test_invite_creation_is_throttled_per_therapist_listing_is_not(settings, thera_client):
    settings.THROTTLE_CARE_INVITE = "2/hour"
    for _ in range(2):
        assert thera_client.post(INVITES).status_code == 201

    refused = thera_client.post(INVITES)

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert CareInvite.objects.count() == 2
    assert thera_client.get(INVITES).status_code == 200
    # Another therapist has their own allowance.
    otto = client_for(make_user("otto", role=Role.THERAPIST))
    assert otto.post(INVITES).status_code == 201


def test_an_email_for_a_cancelled_invite_is_not_sent(thera, mailoutbox):
    now = timezone.now()
    invite, code = services.invite_create(therapist=thera, now=now, email="p@example.org")
    services.invite_cancel(invite=invite, now=now)

    sent = services.invite_email_send(invite_id=invite.pk, code=code, link="http://x/", now=now)

    assert sent is False
    assert mailoutbox == []
