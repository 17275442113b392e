"""The second factor: therapists see no patient data without one, in the API and the
pages; API tokens need the code; TOTP set-up, confirm and turn-off through the API.

Codes come from pyotp, not from the code under test.
"""

import json

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from exercises.models import Exercise
from exercises.services import plan_create
from tests.conftest import (
    make_user,
    recovery_codes_of,
    totp_code,
    totp_secret_of,
    with_totp,
)
from tracker.care.messages import message_send
from tracker.models import CareLink, Role, User

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
TOTP = "/api/v1/me/mfa/totp/"
CONFIRM = "/api/v1/me/mfa/totp/confirm/"
PASSWORD = "correct horse battery"


@pytest.fixture
def care(library, thera, alice):
    """thera linked with alice (reminders consented), with a plan and a message between them."""
    link = CareLink.objects.create(
        therapist=thera, patient=alice, created_at=timezone.now(), reminders_consent=True
    )
    item = {"exercise": Exercise.objects.first(), "hold_seconds": 30, "sets": 2}
    plan = plan_create(user=alice, name="Hips", items=[item], assigned_by=thera)
    message_send(
        link=link, sender=alice, body="Sore today", now=timezone.now(), enqueue=lambda *a: None
    )
    return {"patient": alice.pk, "link": link.pk, "plan": plan.pk}


# Every care endpoint that shows (or changes) a patient's data, and what it answers
# a therapist who has a second factor.
CARE_ENDPOINTS = [
    ("get", "/api/v1/care/patients/", 200),
    ("get", "/api/v1/care/patients/{patient}/", 200),
    ("get", "/api/v1/care/patients/{patient}/progress/", 200),
    ("get", "/api/v1/care/patients/{patient}/plans/", 200),
    ("get", "/api/v1/care/patients/{patient}/plans/{plan}/history/", 200),
    ("get", "/api/v1/care/patients/{patient}/goals/", 200),
    ("get", "/api/v1/care/patients/{patient}/reminder/", 404),  # none set yet
    ("get", "/api/v1/care/patients/{patient}/export/csv/", 200),
    ("get", "/api/v1/care/patients/{patient}/export/fhir/", 200),
    ("get", "/api/v1/care/patients/{patient}/programme.pdf", 200),
    ("post", "/api/v1/care/patients/{patient}/alerts/no-such/acknowledge/", 404),
    ("get", "/api/v1/care/links/", 200),
    ("get", "/api/v1/care/links/{link}/messages/", 200),
    ("post", "/api/v1/care/links/{link}/messages/read/", 200),
    ("get", "/api/v1/care/invites/", 200),
    ("get", "/api/v1/care/templates/", 200),
]
CARE_PAGES = [
    ("get", "/patients/"),
    ("get", "/patients/{patient}/"),
    ("get", "/patients/{patient}/programme/"),
    ("get", "/patients/invite/"),
    ("post", "/patients/{patient}/messages/post/"),
]


def _without_second_factor(user) -> None:
    Authenticator.objects.filter(user=user).delete()


def _call(client, method: str, path: str, care: dict):
    # HTTP_ACCEPT: the exports answer their file type only when asked for it (or */*).
    return getattr(client, method)(path.format(**care), HTTP_ACCEPT="*/*")


@pytest.mark.parametrize(("method", "path", "allowed"), CARE_ENDPOINTS)
def test_a_therapist_without_a_second_factor_gets_403_mfa_required_and_no_patient_data(
    thera, thera_client, care, method, path, allowed
):
    _without_second_factor(thera)

    response = _call(thera_client, method, path, care)

    assert response.status_code == 403
    assert response.json()["code"] == "mfa_required"
    assert b"alice" not in response.content.lower()


@pytest.mark.parametrize(("method", "path", "allowed"), CARE_ENDPOINTS)
def test_the_same_requests_succeed_once_the_therapist_has_a_second_factor(
    thera_client, care, method, path, allowed
):
    response = _call(thera_client, method, path, care)

    assert response.status_code == allowed, response.content[:300]


@pytest.mark.parametrize(("method", "path"), CARE_PAGES)
def test_a_therapist_without_a_second_factor_is_sent_to_set_one_up_from_every_patient_page(
    client, thera, care, method, path
):
    _without_second_factor(thera)
    client.force_login(thera)

    response = getattr(client, method)(path.format(**care), {"body": "Hello"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/?next=")
    assert b"alice" not in response.content.lower()
    assert (
        care["link"]
        and not CareLink.objects.get(pk=care["link"]).messages.filter(body="Hello").exists()
    )


@pytest.mark.parametrize(("method", "path"), CARE_PAGES)
def test_the_same_pages_open_for_a_therapist_with_a_second_factor(
    client, thera, care, method, path
):
    client.force_login(thera)

    response = getattr(client, method)(path.format(**care), {"body": "Hello"})

    assert response.status_code in (200, 302)
    if response.status_code == 302:  # the message form answers with the patient page
        assert "/accounts/2fa/" not in response["Location"]
    else:
        assert b"Alice" in response.content or path == "/patients/invite/"


def test_patients_need_no_second_factor(alice_client, alice):
    assert alice_client.get("/api/v1/progress/").status_code == 200
    assert alice_client.get("/api/v1/care/links/").status_code == 200


def test_a_therapist_without_a_second_factor_still_reaches_their_account_and_the_set_up(
    thera, thera_client
):
    _without_second_factor(thera)

    assert thera_client.get("/api/v1/me/").status_code == 200
    assert thera_client.post(TOTP).status_code == 201


# --- auth/token/ ---------------------------------------------------------------


def _token(**body):
    return APIClient().post(TOKEN, body, format="json")


def test_a_token_for_an_account_with_a_second_factor_needs_the_code(thera):
    refused = _token(username="thera", password=PASSWORD)
    wrong = _token(username="thera", password=PASSWORD, otp="000000")

    assert refused.status_code == 401 and refused.json()["code"] == "mfa_required"
    assert wrong.status_code == 401 and wrong.json()["code"] == "mfa_required"
    assert "token" not in refused.json()
    assert not AuthToken.objects.filter(user=thera).exists()

    granted = _token(username="thera", password=PASSWORD, otp=totp_code(thera))

    assert granted.status_code == 200
    assert (
        APIClient(HTTP_AUTHORIZATION=f"Token {granted.json()['token']}")
        .get("/api/v1/care/patients/")
        .status_code
        == 200
    )


def test_a_totp_code_gives_one_token_only(thera):
    code = totp_code(thera)

    assert _token(username="thera", password=PASSWORD, otp=code).status_code == 200
    assert _token(username="thera", password=PASSWORD, otp=code).status_code == 401


def test_a_recovery_code_works_once_instead_of_the_app(thera):
    code = recovery_codes_of(thera)[0]

    assert _token(username="thera", password=PASSWORD, otp=code).status_code == 200
    assert code not in recovery_codes_of(thera)
    again = _token(username="thera", password=PASSWORD, otp=code)
    assert again.status_code == 401 and again.json()["code"] == "mfa_required"


def test_the_password_is_checked_before_the_code(thera):
    response = _token(username="thera", password="wrong password", otp=totp_code(thera))

    assert response.status_code == 400
    assert not AuthToken.objects.filter(user=thera).exists()


def test_an_account_without_a_second_factor_gets_a_token_without_a_code(alice):
    assert _token(username="alice", password=PASSWORD).status_code == 200


def test_a_therapists_token_without_the_second_step_works_on_care_once_they_set_it_up(db):
    make_user("newthera", role=Role.THERAPIST, second_factor=False)
    token = _token(username="newthera", password=PASSWORD)
    assert token.status_code == 200
    api = APIClient(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    assert api.get("/api/v1/care/patients/").json()["code"] == "mfa_required"

    secret = api.post(TOTP).json()["secret"]
    assert api.post(CONFIRM, {"code": pyotp.TOTP(secret).now()}).status_code == 200

    assert api.get("/api/v1/care/patients/").status_code == 200
    assert _token(username="newthera", password=PASSWORD).status_code == 401


# --- me/mfa/totp/ ----------------------------------------------------------------


def test_totp_set_up_answers_a_secret_and_its_url_and_turns_on_with_a_code(alice_client, alice):
    started = alice_client.post(TOTP)

    assert started.status_code == 201
    secret = started.json()["secret"]
    assert started.json()["otpauth_url"].startswith("otpauth://totp/alice?")
    assert f"secret={secret}" in started.json()["otpauth_url"]
    assert "issuer=StretchStop" in started.json()["otpauth_url"]
    assert not Authenticator.objects.filter(user=alice).exists()

    confirmed = alice_client.post(CONFIRM, {"code": pyotp.TOTP(secret).now()})

    assert confirmed.status_code == 200
    codes = confirmed.json()["recovery_codes"]
    assert len(codes) == 10 and codes == recovery_codes_of(alice)
    assert _token(username="alice", password=PASSWORD).status_code == 401
    assert _token(username="alice", password=PASSWORD, otp=codes[3]).status_code == 200


@pytest.mark.parametrize("code", ["000000", "", "not a code", "1" * 64])
def test_a_wrong_code_turns_nothing_on(alice_client, alice, code):
    alice_client.post(TOTP)

    response = alice_client.post(CONFIRM, {"code": code})

    assert response.status_code == 400
    assert not Authenticator.objects.filter(user=alice).exists()


def test_confirm_without_a_started_set_up_is_refused(alice_client, alice):
    response = alice_client.post(CONFIRM, {"code": "123456"})

    assert response.status_code == 400
    assert "Start the set-up" in response.json()["code"][0]


def test_another_accounts_pending_secret_does_not_count(alice_client, bob_client, bob):
    secret = alice_client.post(TOTP).json()["secret"]

    response = bob_client.post(CONFIRM, {"code": pyotp.TOTP(secret).now()})

    assert response.status_code == 400
    assert not Authenticator.objects.filter(user=bob).exists()


def test_set_up_is_refused_while_an_app_is_already_on(thera, thera_client):
    response = thera_client.post(TOTP)

    assert response.status_code == 400
    assert Authenticator.objects.filter(user=thera, type="totp").count() == 1


def test_turning_off_needs_a_current_code(alice, alice_client):
    secret = with_totp(alice)

    wrong = alice_client.delete(TOTP, {"code": "000000"})
    assert wrong.status_code == 400
    assert Authenticator.objects.filter(user=alice, type="totp").exists()

    right = alice_client.delete(TOTP, {"code": pyotp.TOTP(secret).now()})
    assert right.status_code == 204
    assert not Authenticator.objects.filter(user=alice).exists()  # recovery codes too
    assert _token(username="alice", password=PASSWORD).status_code == 200


def test_turning_off_without_an_app_is_a_clear_400(alice_client):
    response = alice_client.delete(TOTP, {"code": "123456"})

    assert response.status_code == 400


def test_a_therapist_who_turns_it_off_loses_patient_data_again(thera, thera_client, care):
    assert thera_client.delete(TOTP, {"code": totp_code(thera)}).status_code == 204

    assert thera_client.get("/api/v1/care/patients/").json()["code"] == "mfa_required"


def test_the_mfa_endpoints_need_a_login(anon_client):
    assert anon_client.post(TOTP).status_code == 401
    assert anon_client.post(CONFIRM, {"code": "1"}).status_code == 401


# --- pages: set-up and the log-in code step ------------------------------------


def _log_in(client, username: str):
    return client.post("/login/", {"username": username, "password": PASSWORD})


def test_a_new_therapist_is_sent_to_set_up_and_then_sees_their_patients(client, care, thera):
    _without_second_factor(thera)
    _log_in(client, "thera")

    sent = client.get("/patients/")
    assert sent.status_code == 302
    # allauth asks for the password again before a factor is added; the reason shows there.
    confirm = client.get(sent["Location"])
    assert confirm["Location"].startswith("/accounts/reauthenticate/")
    assert b"Set it up once, now." in client.get(confirm["Location"]).content
    back = client.post(confirm["Location"], {"password": PASSWORD})
    assert back["Location"] == sent["Location"]
    page = client.get(sent["Location"])
    assert page.status_code == 200
    assert b"You see your patients' health data" in page.content
    secret = page.context["form"].secret
    assert secret.encode() in page.content

    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200 and not Authenticator.objects.filter(user=thera).exists()

    done = client.post("/accounts/2fa/totp/activate/", {"code": pyotp.TOTP(secret).now()})
    assert done["Location"] == "/accounts/2fa/recovery-codes/"
    codes = client.get(done["Location"])
    assert recovery_codes_of(thera)[0].encode() in codes.content
    assert client.get("/patients/").status_code == 200


def test_a_therapist_with_totp_is_asked_for_the_code_after_the_password(client, thera, care):
    logged = _log_in(client, "thera")

    assert logged.status_code == 302 and logged["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/patients/").status_code == 302  # not signed in until the code
    assert client.post(logged["Location"], {"code": "000000"}).status_code == 200
    assert client.get("/patients/").status_code == 302

    done = client.post(logged["Location"], {"code": totp_code(thera)})

    assert done.status_code == 302
    page = client.get("/patients/")
    assert page.status_code == 200 and b"Alice" in page.content


def test_the_account_page_links_to_two_step_sign_in(client, alice):
    client.force_login(alice)

    page = client.get("/account/")

    assert b'href="/accounts/2fa/"' in page.content
    assert client.get("/accounts/2fa/").status_code == 200


def test_the_demo_therapist_has_an_authenticator_whose_key_seed_demo_prints(settings, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("seed_demo", stdout=out)

    therapist = User.objects.get(username="therapist")
    key = totp_secret_of(therapist)
    assert f"the key {key}" in out.getvalue()
    login = {
        "username": "therapist",
        "password": json.loads((tmp_path / "demo-logins.json").read_text())["therapist"],
    }
    assert _token(**login).status_code == 401
    assert _token(**login, otp=pyotp.TOTP(key).now()).status_code == 200


def test_the_code_step_offers_a_passkey_only_to_someone_who_added_one(client, thera):
    logged = _log_in(client, "thera")

    page = client.get(logged["Location"])

    assert page.status_code == 200
    assert b"Your code" in page.content
    assert b"Use a passkey instead" not in page.content
