"""Invites in the pages: the therapist's invite page (link, email, QR code, pending
list, cancelling, throttle) and an invite link that survives sign-up and log-in."""

import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.conftest import make_user
from tracker.care import services
from tracker.models import CareInvite, CareLink, Role
from tracker.web.care import PENDING_CODE

PAGE = "/patients/invite/"
SIGNUP = {"username": "x", "password": "a-long-Passw0rd-x", "timezone": "Europe/Paris"}


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()


@pytest.fixture
def as_thera(client, thera):
    client.force_login(thera)
    return client


# The therapist's page


def test_an_invite_shows_a_qr_code_of_its_link_as_inline_svg(as_thera):
    html = as_thera.post(PAGE, HTTP_HOST="localhost:8811").content.decode()

    link = re.search(r'id="invite-url">([^<]+)<', html).group(1)
    assert link.startswith("http://localhost:8811/care/accept/?code=")
    qr = re.search(r'<figure class="invite-qr"[^>]*>(.*?)</figure>', html, re.S).group(1)
    assert "<svg" in qr and "<path" in qr
    # Markup only: nothing the page's CSP would have to allow.
    assert "<script" not in qr and "style=" not in qr and "on" + "load" not in qr


def test_an_invite_by_email_records_the_address_and_says_it_is_sent(as_thera, thera):
    response = as_thera.post(PAGE, {"email": "pat@example.org"})

    assert response.status_code == 200
    assert "on their way to pat@example.org" in response.content.decode()
    assert CareInvite.objects.get().email == "pat@example.org"


def test_a_bad_email_is_a_400_and_creates_nothing(as_thera):
    response = as_thera.post(PAGE, {"email": "pat@"})

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not CareInvite.objects.exists()


def test_the_page_lists_pending_invites_and_cancels_one(as_thera, thera):
    now = timezone.now()
    keep, _ = services.invite_create(therapist=thera, now=now, email="keep@example.org")
    drop, _ = services.invite_create(therapist=thera, now=now, email="drop@example.org")

    html = as_thera.get(PAGE).content.decode()
    assert "keep@example.org" in html and "drop@example.org" in html

    response = as_thera.post(PAGE, {"cancel": str(drop.pk)})

    assert response.status_code == 302 and response["Location"] == PAGE
    drop.refresh_from_db()
    keep.refresh_from_db()
    assert drop.cancelled_at is not None and keep.cancelled_at is None
    html = as_thera.get(PAGE).content.decode()
    assert "Invite cancelled" in html
    assert "drop@example.org" not in html and "keep@example.org" in html


@pytest.mark.parametrize("raw", ["other", "abc", "", "9" * 30])
def test_cancelling_what_is_not_ones_pending_invite_changes_nothing(as_thera, raw):
    otto = make_user("otto", role=Role.THERAPIST)
    others, _ = services.invite_create(therapist=otto, now=timezone.now())
    value = str(others.pk) if raw == "other" else raw

    response = as_thera.post(PAGE, {"cancel": value})

    assert response.status_code == 302
    others.refresh_from_db()
    assert others.cancelled_at is None
    assert "no longer pending" in as_thera.get(PAGE).content.decode()


def test_invite_creation_is_throttled_like_the_api(as_thera, settings):
    settings.THROTTLE_CARE_INVITE = "1/hour"
    assert as_thera.post(PAGE).status_code == 200

    response = as_thera.post(PAGE)

    assert response.status_code == 429
    assert CareInvite.objects.count() == 1


# The invite link, signed out


def _invite_link_code(thera) -> str:
    return services.invite_create(therapist=thera, now=timezone.now())[1]


def test_opening_the_link_signed_out_keeps_the_code_through_sign_up(client, thera):
    code = _invite_link_code(thera)

    opened = client.get("/care/accept/", {"code": code})

    assert opened.status_code == 302
    assert opened["Location"] == "/login/?next=/care/accept/"
    assert client.session[PENDING_CODE] == code
    login_page = client.get(opened["Location"]).content.decode()
    assert "invite is waiting" in login_page
    assert "invite is waiting" in client.get("/signup/").content.decode()

    signed_up = client.post(
        "/signup/",
        SIGNUP | {"username": "newpat", "role": "patient"},
    )

    assert signed_up.status_code == 302 and signed_up["Location"] == "/care/accept/"
    consent = client.get("/care/accept/").content.decode()
    assert f'value="{code}"' in consent
    accepted = client.post("/care/accept/", {"code": code})
    # A brand-new patient goes on to onboarding once linked.
    assert accepted.status_code == 302 and accepted["Location"] == "/onboarding/"
    link = CareLink.objects.get()
    assert (link.therapist, link.patient.username) == (thera, "newpat")
    assert PENDING_CODE not in client.session


def test_opening_the_link_signed_out_keeps_the_code_through_log_in(client, thera, alice):
    code = _invite_link_code(thera)
    client.get("/care/accept/", {"code": code})

    logged_in = client.post(
        "/login/",
        {"username": "alice", "password": "correct horse battery", "next": "/care/accept/"},
    )

    assert logged_in.status_code == 302 and logged_in["Location"] == "/care/accept/"
    assert f'value="{code}"' in client.get("/care/accept/").content.decode()
    accepted = client.post("/care/accept/", {"code": code, "reminders_consent": "on"})
    assert accepted["Location"] == "/today/"
    assert CareLink.objects.get().patient == alice


def test_a_therapist_signing_up_with_a_pending_code_goes_to_their_own_home(client, thera):
    client.get("/care/accept/", {"code": _invite_link_code(thera)})

    response = client.post(
        "/signup/",
        SIGNUP | {"username": "newthera", "role": "therapist"},
    )

    assert response.status_code == 302 and response["Location"] == "/patients/"
    assert not CareLink.objects.exists()


def test_the_login_page_keeps_no_foreign_next(client, db):
    # The accept page's redirect is fixed; a crafted next is refused by the login form.
    client.get("/care/accept/", {"code": "ABCDEFGHJK"})
    make_user("pat", role=Role.PATIENT)

    response = client.post(
        "/login/",
        {"username": "pat", "password": "correct horse battery", "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example")


def test_a_code_from_a_link_that_fails_is_forgotten(client, thera):
    client.get("/care/accept/", {"code": "ABCDEFGHJK"})
    make_user("pat", role=Role.PATIENT)
    client.post("/login/", {"username": "pat", "password": "correct horse battery"})

    refused = client.post("/care/accept/", {"code": "ABCDEFGHJK"})

    assert refused.status_code == 400
    assert PENDING_CODE not in client.session


# Account


def test_a_patients_account_page_leads_to_linking_with_a_therapist(client, alice, thera):
    client.force_login(alice)
    html = client.get("/account/").content.decode()
    assert 'href="/care/accept/"' in html and "Link to my therapist" in html

    services.invite_accept(
        patient=alice, code=_invite_link_code(thera), reminders_consent=False, now=timezone.now()
    )
    assert "Linked with Thera Pist" in client.get("/account/").content.decode()


def test_a_therapists_account_page_has_no_link_to_a_therapist(as_thera):
    assert "Link to my therapist" not in as_thera.get("/account/").content.decode()
