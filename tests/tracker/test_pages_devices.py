"""Signed-in devices page, allauth's password change page, and allauth's password
reset page flow: each ends the sessions and tokens it should, and no others."""

import re
from datetime import UTC

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from knox.models import AuthToken

from tests.email_files import body_of, emails_in
from tests.tracker.test_devices_api import (
    ANDROID_CHROME,
    IPHONE_SAFARI,
    PASSWORD,
    browser,
    signed_in,
    token_client,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new passphrase 9"


@pytest.fixture(autouse=True)
def _quick_hashes(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def session_id(client: Client) -> str:
    return f"session-{UserSession.objects.get(session_key=client.session.session_key).pk}"


def test_the_page_lists_browsers_and_tokens_and_marks_this_one(alice):
    phone = browser(alice)
    browser(alice, user_agent=IPHONE_SAFARI, address="192.0.2.9")
    token_client(alice)

    response = phone.get("/account/devices/")

    assert response.status_code == 200
    page = response.content.decode()
    listed = response.context["devices"]
    assert [(d.name, d.kind, d.current) for d in listed] == [
        ("Chrome on Android", "session", True),
        ("curl", "token", False),
        ("Safari on iPhone", "session", False),
    ]
    assert page.count("This device") == 1
    assert "From 192.0.2.9" in page and "App or API token" in page
    assert page.count(">Sign out</button>") == 3
    assert "Sign out everywhere else" in page


def test_the_account_page_links_to_devices_and_password_change(alice):
    page = browser(alice).get("/account/").content.decode()
    assert 'href="/account/devices/"' in page
    assert 'href="/accounts/password/change/?next=/account/"' in page


def test_allauths_session_list_leads_to_ours(alice):
    response = browser(alice).get("/accounts/sessions/")
    assert response.status_code == 302 and response["Location"] == "/account/devices/"


def test_signing_out_another_device_ends_it_and_keeps_this_one(alice):
    phone, tablet = browser(alice), browser(alice, user_agent=IPHONE_SAFARI)

    response = phone.post("/account/devices/sign-out/", {"device": session_id(tablet)})

    assert response.status_code == 302 and response["Location"] == "/account/devices/"
    assert not signed_in(tablet)
    assert signed_in(phone)


def test_signing_out_a_token_from_the_page_makes_it_answer_401(alice):
    phone = browser(alice)
    api = token_client(alice)
    token_id = next(
        d.id for d in phone.get("/account/devices/").context["devices"] if d.kind == "token"
    )

    phone.post("/account/devices/sign-out/", {"device": token_id})

    assert api.get("/api/v1/me/").status_code == 401


def test_signing_out_this_device_goes_to_the_log_in_page(alice):
    phone = browser(alice)

    response = phone.post("/account/devices/sign-out/", {"device": session_id(phone)})

    assert response["Location"] == "/login/"
    assert phone.get("/today/")["Location"].startswith("/login/")
    assert not UserSession.objects.filter(user=alice).exists()


@pytest.mark.parametrize("device", ["", "session-x", "token-nothex", "session-999999"])
def test_a_bad_or_unknown_device_is_not_found(alice, device):
    phone = browser(alice)
    assert phone.post("/account/devices/sign-out/", {"device": device}).status_code == 404
    assert signed_in(phone)


def test_another_persons_device_is_not_found_and_stays_signed_in(alice, bob):
    phone, bobs_phone = browser(alice), browser(bob)

    response = phone.post("/account/devices/sign-out/", {"device": session_id(bobs_phone)})

    assert response.status_code == 404
    assert signed_in(bobs_phone)


def test_sign_out_everywhere_else_keeps_only_this_browser(alice, bob):
    phone, tablet = browser(alice), browser(alice, user_agent=IPHONE_SAFARI)
    api = token_client(alice)
    bobs_phone = browser(bob)

    response = phone.post("/account/devices/sign-out-all/", {"keep_this": "yes"}, follow=True)

    assert "Signed out 2 other devices." in response.content.decode()
    assert signed_in(phone)
    assert not signed_in(tablet)
    assert api.get("/api/v1/me/").status_code == 401
    assert signed_in(bobs_phone)


def test_sign_out_everywhere_includes_this_browser(alice):
    phone, tablet = browser(alice), browser(alice, user_agent=IPHONE_SAFARI)

    response = phone.post("/account/devices/sign-out-all/", {"keep_this": "no"})

    assert response["Location"] == "/login/"
    assert not signed_in(phone) and not signed_in(tablet)


def test_the_device_pages_need_a_signed_in_person(client):
    assert client.get("/account/devices/")["Location"].startswith("/login/")
    assert client.post("/account/devices/sign-out-all/", {"keep_this": "no"}).status_code == 302
    assert client.get("/account/devices/sign-out/").status_code == 405


# allauth's password change page


def test_the_password_change_page_reads_like_stretchstop(alice):
    page = browser(alice).get("/accounts/password/change/").content.decode()
    assert "<h1>Change password</h1>" in page
    assert "Every other device and app signed in to your account will be signed out" in page
    assert 'class="tabbar"' in page  # inside our layout


def test_changing_the_password_on_the_page_keeps_this_browser_and_ends_the_rest(alice):
    phone, tablet = browser(alice), browser(alice, user_agent=IPHONE_SAFARI)
    api = token_client(alice)

    response = phone.post(
        "/accounts/password/change/?next=/account/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302 and response["Location"] == "/account/"
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert signed_in(phone)
    assert not signed_in(tablet)
    assert api.get("/api/v1/me/").status_code == 401
    listed = phone.get("/account/devices/").context["devices"]
    assert [(d.current, d.kind) for d in listed] == [(True, "session")]


def test_a_wrong_current_password_on_the_page_changes_and_ends_nothing(alice):
    phone, tablet = browser(alice), browser(alice, user_agent=IPHONE_SAFARI)

    response = phone.post(
        "/accounts/password/change/",
        {"oldpassword": "guess", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["oldpassword"]
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert signed_in(tablet)


# allauth's password reset, by its pages: every session and token ends.


def test_resetting_the_password_by_email_signs_out_every_session_and_token(
    alice, settings, tmp_path
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    alice.email = "alice@example.org"
    alice.save()
    phone = browser(alice)
    api = token_client(alice)
    stranger = Client(HTTP_USER_AGENT=ANDROID_CHROME)

    response = stranger.post("/accounts/password/reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    [message] = emails_in(tmp_path)
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", body_of(message))
    form_url = stranger.get(link.group(1))["Location"]
    response = stranger.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert not signed_in(phone)
    assert api.get("/api/v1/me/").status_code == 401
    assert not AuthToken.objects.filter(user=alice).exists()
    assert not UserSession.objects.filter(user=alice).exists()


def test_last_use_reads_as_a_glance():
    from datetime import datetime, timedelta

    from tracker.web.devices import _last_used

    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert _last_used(now - timedelta(seconds=59), now) == "just now"
    assert _last_used(now - timedelta(hours=3, minutes=20), now) == "3\xa0hours ago"
    assert _last_used(now - timedelta(days=40), now) == "1\xa0month ago"
