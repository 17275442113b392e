"""GET /api/v1/me/sessions/, DELETE /api/v1/me/sessions/{id}/, POST /api/v1/auth/logout-all/
and POST /api/v1/me/password/: signed-in devices and signing them out."""

import datetime

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.core.checks import Error
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tracker import devices
from tracker.models import ApiTokenClient

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_hashes(settings):
    # Every test signs in several times; Argon2 would make this file take minutes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


PASSWORD = "correct horse battery"
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
)
IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def browser(user, user_agent=ANDROID_CHROME, address="203.0.113.7") -> Client:
    """Return a browser signed in through the log-in page (allauth records its session)."""
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def token_client(user, user_agent="curl/8.5.0", address="198.51.100.4") -> APIClient:
    """Return an API client holding a token from POST /auth/token/."""
    client = APIClient(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)
    response = client.post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def signed_in(client: Client) -> bool:
    return client.get("/account/").status_code == 200


def test_the_list_shows_sessions_and_tokens_with_device_address_and_this_one_marked(alice):
    browser(alice)
    phone_app = token_client(alice)

    response = phone_app.get("/api/v1/me/sessions/")

    assert response.status_code == 200
    listed = response.json()
    assert [(d["kind"], d["device"], d["address"], d["current"]) for d in listed] == [
        ("token", "curl", "198.51.100.4", True),
        ("session", "Chrome on Android", "203.0.113.7", False),
    ]
    assert listed[1]["id"] == f"session-{UserSession.objects.get(user=alice).pk}"
    assert listed[0]["id"].startswith("token-") and len(listed[0]["id"]) == len("token-") + 16
    assert all(d["last_used_at"] and d["created_at"] and d["user_agent"] for d in listed)


def test_a_browser_calling_the_api_is_the_current_session(alice):
    phone = browser(alice)

    listed = phone.get("/api/v1/me/sessions/").json()

    assert [(d["kind"], d["current"]) for d in listed] == [("session", True)]


def test_the_address_comes_through_the_trusted_proxies_only(alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client(
        HTTP_USER_AGENT=IPHONE_SAFARI,
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.55",
    )
    client.post("/login/", {"username": "alice", "password": PASSWORD})
    api = token_client(alice)
    api.credentials(
        HTTP_AUTHORIZATION=api._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_FORWARDED_FOR="spoofed, not-an-address",
    )

    listed = {d["kind"]: d for d in api.get("/api/v1/me/sessions/").json()}

    # The client wrote "1.2.3.4"; the one proxy saw 192.0.2.55.
    assert listed["session"]["address"] == "192.0.2.55"
    assert listed["session"]["device"] == "Safari on iPhone"
    # A garbled hop is stored as unknown, not refused and not a 500.
    assert listed["token"]["address"] in (None, "198.51.100.4")


def test_deleting_a_session_signs_that_browser_out_and_removes_its_stored_session(alice):
    phone = browser(alice)
    key = phone.session.session_key
    api = token_client(alice)
    session_id = f"session-{UserSession.objects.get(session_key=key).pk}"

    response = api.delete(f"/api/v1/me/sessions/{session_id}/")

    assert response.status_code == 204
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(session_key=key).exists()
    assert phone.get("/today/")["Location"].startswith("/login/")
    assert api.get("/api/v1/me/").status_code == 200


def test_deleting_a_token_makes_it_answer_401(alice):
    laptop = token_client(alice, user_agent="python-requests/2.32")
    caller = token_client(alice)
    laptop_id = next(
        d["id"] for d in caller.get("/api/v1/me/sessions/").json() if d["device"] != "curl"
    )

    assert caller.delete(f"/api/v1/me/sessions/{laptop_id}/").status_code == 204

    assert laptop.get("/api/v1/me/").status_code == 401
    assert caller.get("/api/v1/me/").status_code == 200
    assert AuthToken.objects.filter(user=alice).count() == 1
    assert ApiTokenClient.objects.filter(token__user=alice).count() == 1


def test_deleting_the_calling_token_signs_it_out(alice):
    api = token_client(alice)
    own_id = api.get("/api/v1/me/sessions/").json()[0]["id"]

    assert api.delete(f"/api/v1/me/sessions/{own_id}/").status_code == 204
    assert api.get("/api/v1/me/").status_code == 401


def test_another_users_session_and_token_are_not_found_and_stay(alice, bob):
    bobs_phone = browser(bob)
    bobs_api = token_client(bob)
    bobs_ids = [d["id"] for d in bobs_api.get("/api/v1/me/sessions/").json()]
    alices_api = token_client(alice)

    for device_id in bobs_ids:
        response = alices_api.delete(f"/api/v1/me/sessions/{device_id}/")
        assert response.status_code == 404, device_id

    assert signed_in(bobs_phone)
    assert bobs_api.get("/api/v1/me/").status_code == 200
    listed = [d["id"] for d in alices_api.get("/api/v1/me/sessions/").json()]
    assert not set(listed) & set(bobs_ids)


@pytest.mark.parametrize(
    "device_id",
    [
        "nonsense",
        "session-",
        "session-abc",
        "session--1",
        "session-1.5",
        "session-" + "9" * 40,
        "session-%E2%91%A0",  # a circled digit: isdecimal() says no, int() never runs
        "token-",
        "token-xyz",
        "token-" + "g" * 16,
        "token-" + "a" * 15,
        "token-" + "A" * 16,
        "token-" + "a" * 200,
        "%00",
    ],
)
def test_malformed_ids_answer_404_and_end_nothing(alice, device_id):
    phone = browser(alice)
    api = token_client(alice)

    response = api.delete(f"/api/v1/me/sessions/{device_id}/")

    assert response.status_code == 404
    assert signed_in(phone)
    assert AuthToken.objects.filter(user=alice).count() == 1


def test_the_device_api_needs_a_signed_in_caller(anon_client):
    assert anon_client.get("/api/v1/me/sessions/").status_code == 401
    assert anon_client.delete("/api/v1/me/sessions/session-1/").status_code == 401
    assert anon_client.post("/api/v1/auth/logout-all/").status_code == 401
    assert anon_client.post("/api/v1/me/password/", {}).status_code == 401


def test_logout_all_ends_every_session_and_token_including_the_callers(alice, bob):
    phone, tablet = browser(alice), browser(alice, user_agent=IPHONE_SAFARI)
    other_api, api = token_client(alice), token_client(alice)
    bobs_phone = browser(bob)

    response = api.post("/api/v1/auth/logout-all/")

    assert response.status_code == 204
    assert not signed_in(phone) and not signed_in(tablet)
    assert api.get("/api/v1/me/").status_code == 401
    assert other_api.get("/api/v1/me/").status_code == 401
    assert not UserSession.objects.filter(user=alice).exists()
    assert not AuthToken.objects.filter(user=alice).exists()
    # Someone else's are not touched.
    assert signed_in(bobs_phone)


@pytest.mark.parametrize(
    "engine",
    [
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cache",
        "django.contrib.sessions.backends.cached_db",
        "django.contrib.sessions.backends.file",
    ],
)
def test_ending_sessions_removes_them_from_the_store_whatever_the_engine(
    alice, settings, tmp_path, engine
):
    settings.SESSION_ENGINE = engine
    settings.SESSION_FILE_PATH = str(tmp_path)
    phone = browser(alice)
    key = phone.session.session_key
    assert signed_in(phone)

    ended = devices.sessions_end(user=alice)

    assert ended == 1
    store = phone.session.__class__()
    assert not store.exists(key)
    assert not signed_in(phone)


def test_signed_cookie_sessions_are_refused_at_start_up(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    assert [error.id for error in devices.session_engine_check(None)] == ["tracker.E020"]
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    assert devices.session_engine_check(None) == []
    assert not any(isinstance(e, Error) for e in devices.session_engine_check(None))


def test_a_tokens_use_is_written_at_most_once_a_minute(alice):
    token, _ = AuthToken.objects.create(alice)
    start = timezone.now()

    devices.token_client_save(token=token, user_agent="a", address="192.0.2.1", now=start)
    devices.token_client_save(
        token=token, user_agent="b", address="192.0.2.2", now=start + datetime.timedelta(seconds=59)
    )
    client = ApiTokenClient.objects.get(token=token)
    assert (client.user_agent, client.address, client.last_used_at) == ("a", "192.0.2.1", start)

    later = start + datetime.timedelta(seconds=61)
    devices.token_client_save(token=token, user_agent="b", address="192.0.2.2", now=later)
    client.refresh_from_db()
    assert (client.user_agent, client.address, client.last_used_at) == ("b", "192.0.2.2", later)


def test_a_token_made_elsewhere_gets_its_device_on_first_use(alice, alice_client):
    alice_client.credentials(
        HTTP_AUTHORIZATION=alice_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_USER_AGENT=IPHONE_SAFARI,
    )
    alice_client.get("/api/v1/me/")

    listed = alice_client.get("/api/v1/me/sessions/").json()

    assert [(d["device"], d["address"]) for d in listed] == [("Safari on iPhone", "127.0.0.1")]


def test_expired_tokens_are_not_listed(alice):
    live, _ = AuthToken.objects.create(alice)
    AuthToken.objects.create(alice, expiry=datetime.timedelta(seconds=-1))

    # The selector itself: authenticating would have let knox delete the expired one.
    listed = devices.signed_in_devices(user=alice)

    assert [d.id for d in listed] == [f"token-{live.digest[:16]}"]


# POST /api/v1/me/password/


def test_changing_the_password_keeps_the_calling_token_and_ends_all_others(alice):
    phone = browser(alice)
    other_api, api = token_client(alice), token_client(alice)

    response = api.post(
        "/api/v1/me/password/",
        {"old_password": PASSWORD, "new_password": "a brand new passphrase 9"},
        format="json",
    )

    assert response.status_code == 204
    alice.refresh_from_db()
    assert alice.check_password("a brand new passphrase 9")
    assert api.get("/api/v1/me/").status_code == 200
    assert other_api.get("/api/v1/me/").status_code == 401
    assert not signed_in(phone)
    assert [d["current"] for d in api.get("/api/v1/me/sessions/").json()] == [True]


def test_changing_the_password_from_a_browser_keeps_that_browser(alice):
    phone, tablet = browser(alice), browser(alice, user_agent=IPHONE_SAFARI)
    api = token_client(alice)

    response = phone.post(
        "/api/v1/me/password/",
        {"old_password": PASSWORD, "new_password": "a brand new passphrase 9"},
        content_type="application/json",
    )

    assert response.status_code == 204
    assert signed_in(phone)
    assert not signed_in(tablet)
    assert api.get("/api/v1/me/").status_code == 401


def test_a_wrong_old_password_is_refused_and_changes_nothing(alice):
    phone = browser(alice)
    api = token_client(alice)

    response = api.post(
        "/api/v1/me/password/",
        {"old_password": "guess", "new_password": "a brand new passphrase 9"},
        format="json",
    )

    assert response.status_code == 400
    assert "old_password" in response.json()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert signed_in(phone)


@pytest.mark.parametrize(
    ("new_password", "reason"),
    [("short", "too short"), ("12345678901", "entirely numeric"), ("password123", "too common")],
)
def test_a_weak_new_password_is_refused_with_the_reasons(alice, new_password, reason):
    api = token_client(alice)
    other = token_client(alice)

    response = api.post(
        "/api/v1/me/password/",
        {"old_password": PASSWORD, "new_password": new_password},
        format="json",
    )

    assert response.status_code == 400
    assert any(reason in message for message in response.json()["new_password"])
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert other.get("/api/v1/me/").status_code == 200


@pytest.mark.parametrize(
    "body",
    [{}, {"old_password": PASSWORD}, {"new_password": "x" * 129, "old_password": PASSWORD}],
)
def test_a_malformed_password_change_is_refused(alice, body):
    api = token_client(alice)
    assert api.post("/api/v1/me/password/", body, format="json").status_code == 400
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_guessing_the_old_password_is_rate_limited(alice):
    api = token_client(alice)
    wrong = {"old_password": "guess", "new_password": "a brand new passphrase 9"}

    answers = [api.post("/api/v1/me/password/", wrong, format="json").status_code for _ in range(6)]

    # allauth's change_password limit: 5 a minute per account, as on the page.
    assert answers == [400] * 5 + [429]
    right = {**wrong, "old_password": PASSWORD}
    assert api.post("/api/v1/me/password/", right, format="json").status_code == 429
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
