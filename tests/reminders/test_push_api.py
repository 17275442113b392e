"""/api/v1/push/: the server's VAPID key, browsers' subscriptions, and a test notification."""

import base64

import pytest
from cryptography.hazmat.primitives import serialization
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from reminders import vapid
from reminders.models import Delivery, DeliveryKind, DeliveryState, PushSubscription
from tests.reminders.push_receiver import BrowserSubscription, b64url, unb64url

KEY_URL = "/api/v1/push/key/"
SUBSCRIPTIONS_URL = "/api/v1/push/subscriptions/"
TEST_URL = "/api/v1/push/test/"
FCM = "https://fcm.googleapis.com/fcm/send/abc"


def subscription_body(endpoint: str = FCM, browser: BrowserSubscription | None = None) -> dict:
    browser = browser or BrowserSubscription(path="/")
    return {"endpoint": endpoint, "keys": {"p256dh": browser.p256dh, "auth": browser.auth}}


def subscribe(user, endpoint: str = FCM) -> PushSubscription:
    browser = BrowserSubscription(path="/")
    return PushSubscription.objects.create(
        user=user, endpoint=endpoint, p256dh=browser.p256dh, auth=browser.auth
    )


@pytest.fixture
def enqueued(monkeypatch) -> list[int]:
    """Collect the ids the view hands to the broker (a real enqueue is tested in test_sending)."""
    ids: list[int] = []
    monkeypatch.setattr("reminders.api.views.enqueue_sends", ids.extend)
    return ids


# -- the server's key ---------------------------------------------------------------


def test_the_key_is_the_servers_public_point_in_base64url(alice_client, vapid_keys):
    response = alice_client.get(KEY_URL)

    assert response.status_code == 200
    public_key = response.json()["public_key"]
    assert "=" not in public_key
    point = unb64url(public_key)
    # An uncompressed P-256 point: 0x04, then 32 bytes of x and 32 of y.
    assert len(point) == 65
    assert point[0] == 4
    expected = vapid.server_key().public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    assert point == expected


def test_without_a_configured_key_the_key_answers_503(alice_client, settings):
    settings.VAPID_PRIVATE_KEY = ""
    settings.DEBUG = False  # only development generates a key of its own
    vapid.server_key.cache_clear()
    try:
        response = alice_client.get(KEY_URL)
    finally:
        vapid.server_key.cache_clear()

    assert response.status_code == 503
    assert "public_key" not in response.json()


def test_the_key_needs_a_login(anon_client, vapid_keys):
    response = anon_client.get(KEY_URL)

    assert response.status_code == 401


# -- subscribing --------------------------------------------------------------------


def test_a_browser_subscription_on_a_push_service_is_stored(alice_client, alice):
    browser = BrowserSubscription(path="/")

    response = alice_client.post(
        SUBSCRIPTIONS_URL,
        subscription_body(browser=browser),
        format="json",
        HTTP_USER_AGENT="Firefox/140",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["endpoint"] == FCM
    assert "keys" not in body  # the keys are secrets shared with the push service only
    subscription = PushSubscription.objects.get(pk=body["id"])
    assert subscription.user == alice
    assert (subscription.p256dh, subscription.auth) == (browser.p256dh, browser.auth)
    assert subscription.user_agent == "Firefox/140"


def test_resubscribing_the_same_endpoint_answers_200_and_updates_the_keys(alice_client, alice):
    first = alice_client.post(SUBSCRIPTIONS_URL, subscription_body(), format="json")
    renewed = BrowserSubscription(path="/")

    again = alice_client.post(SUBSCRIPTIONS_URL, subscription_body(browser=renewed), format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    subscription = PushSubscription.objects.get()
    assert (subscription.p256dh, subscription.auth) == (renewed.p256dh, renewed.auth)


def test_an_endpoint_subscribed_again_from_another_account_moves_to_it(
    alice_client, bob_client, alice, bob
):
    # A shared device: the browser profile now signs in as bob, so its
    # reminders are bob's and must stop reaching alice. The same browser sends
    # the same keys, which proves it is that browser.
    browser = BrowserSubscription(path="/")
    alice_client.post(SUBSCRIPTIONS_URL, subscription_body(browser=browser), format="json")

    response = bob_client.post(SUBSCRIPTIONS_URL, subscription_body(browser=browser), format="json")

    assert response.status_code == 200
    assert PushSubscription.objects.get().user == bob
    assert not alice.push_subscriptions.exists()


def test_a_known_endpoint_without_its_keys_is_not_taken_over(alice_client, bob_client, alice):
    # Someone who learnt alice's endpoint (it passes through push services and
    # logs) but not the browser's auth secret.
    browser = BrowserSubscription(path="/")
    first = alice_client.post(SUBSCRIPTIONS_URL, subscription_body(browser=browser), format="json")

    response = bob_client.post(SUBSCRIPTIONS_URL, subscription_body(), format="json")

    assert response.status_code == 400
    assert str(first.json()["id"]) not in response.content.decode()
    subscription = PushSubscription.objects.get()
    assert subscription.user == alice
    assert (subscription.p256dh, subscription.auth) == (browser.p256dh, browser.auth)


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/abc",
        "https://evil.example/x",
        "https://127.0.0.1/x",
        "https://[::1]/x",
        "https://fcm.googleapis.com.evil.example/x",
        "https://user:secret@fcm.googleapis.com/fcm/send/abc",
        "ftp://fcm.googleapis.com/x",
        "not a url",
    ],
)
def test_an_endpoint_off_the_push_services_is_refused(alice_client, settings, endpoint):
    # The server will POST to this address: anything else would let a client
    # aim it at internal hosts.
    settings.WEBPUSH_ALLOW_HTTP = False

    response = alice_client.post(SUBSCRIPTIONS_URL, subscription_body(endpoint), format="json")

    assert response.status_code == 400
    assert "endpoint" in response.json()
    assert not PushSubscription.objects.exists()


def test_with_http_allowed_an_allowed_host_may_use_http(alice_client, settings):
    settings.WEBPUSH_ALLOW_HTTP = True
    endpoint = "http://fcm.googleapis.com/fcm/send/abc"

    response = alice_client.post(SUBSCRIPTIONS_URL, subscription_body(endpoint), format="json")

    assert response.status_code == 201
    assert PushSubscription.objects.get().endpoint == endpoint


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def compressed(browser: BrowserSubscription) -> bytes:
    return browser.private_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint
    )


GOOD = BrowserSubscription(path="/")


@pytest.mark.parametrize(
    ("keys", "field"),
    [
        ({"p256dh": "abc", "auth": GOOD.auth}, "p256dh"),
        ({"p256dh": GOOD.p256dh[:-1] + "!", "auth": GOOD.auth}, "p256dh"),
        # The right length, but not a point on the curve: no send could ever be encrypted.
        ({"p256dh": _b64(b"\x04" + b"\x00" * 64), "auth": GOOD.auth}, "p256dh"),
        # A compressed point is not what browsers send (and not what RFC 8291 wants).
        ({"p256dh": _b64(compressed(GOOD)), "auth": GOOD.auth}, "p256dh"),
        ({"p256dh": GOOD.p256dh, "auth": "short"}, "auth"),
        ({"p256dh": GOOD.p256dh, "auth": _b64(b"\x01" * 12)}, "auth"),
        ({"p256dh": GOOD.p256dh}, "auth"),
        ({"auth": GOOD.auth}, "p256dh"),
    ],
)
def test_malformed_keys_are_refused(alice_client, keys, field):
    response = alice_client.post(SUBSCRIPTIONS_URL, {"endpoint": FCM, "keys": keys}, format="json")

    assert response.status_code == 400
    assert field in response.json()["keys"], response.json()
    assert not PushSubscription.objects.exists()


def test_subscribing_needs_a_login(anon_client, db):
    response = anon_client.post(SUBSCRIPTIONS_URL, subscription_body(), format="json")

    assert response.status_code == 401
    assert not PushSubscription.objects.exists()


# -- unsubscribing ------------------------------------------------------------------


def test_deleting_an_own_subscription_answers_204(alice_client, alice):
    subscription = subscribe(alice)

    response = alice_client.delete(f"{SUBSCRIPTIONS_URL}{subscription.pk}/")

    assert response.status_code == 204
    assert not PushSubscription.objects.exists()


def test_another_users_subscription_is_not_found_and_kept(alice_client, bob):
    bobs = subscribe(bob)

    response = alice_client.delete(f"{SUBSCRIPTIONS_URL}{bobs.pk}/")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert PushSubscription.objects.filter(pk=bobs.pk, user=bob).exists()


def test_unsubscribing_needs_a_login(anon_client, bob):
    bobs = subscribe(bob)

    response = anon_client.delete(f"{SUBSCRIPTIONS_URL}{bobs.pk}/")

    assert response.status_code == 401
    assert PushSubscription.objects.filter(pk=bobs.pk).exists()


# -- a subscription the browser rotated (the service worker's pushsubscriptionchange) --

RENEW_URL = f"{SUBSCRIPTIONS_URL}renew/"
ROTATED = "https://fcm.googleapis.com/fcm/send/rotated"


def renew_body(old: PushSubscription, new: BrowserSubscription, old_auth: str | None = None):
    return {
        "old_endpoint": old.endpoint,
        "old_auth": old.auth if old_auth is None else old_auth,
        **subscription_body(ROTATED, browser=new),
    }


def test_a_rotated_subscription_replaces_the_old_one_for_the_same_account(anon_client, alice):
    old = subscribe(alice)
    new = BrowserSubscription(path="/")

    # No session, no CSRF token: the old subscription's auth secret is the proof.
    response = anon_client.post(RENEW_URL, renew_body(old, new), format="json")

    assert response.status_code == 200, response.content
    assert response.json()["endpoint"] == ROTATED
    subscription = PushSubscription.objects.get()
    assert subscription.user == alice
    assert (subscription.endpoint, subscription.p256dh, subscription.auth) == (
        ROTATED,
        new.p256dh,
        new.auth,
    )


def test_renewing_works_from_a_session_without_a_csrf_token(alice, db):
    # What the service worker sends when cookies go along: the session is
    # ignored here, so the missing CSRF token cannot refuse it...
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(alice)
    old = subscribe(alice)

    response = client.post(RENEW_URL, renew_body(old, BrowserSubscription(path="/")), format="json")

    assert response.status_code == 200
    # ...whereas the ordinary subscribe refuses a session POST without one.
    refused = client.post(SUBSCRIPTIONS_URL, subscription_body(FCM + "x"), format="json")
    assert refused.status_code == 403


def test_a_wrong_auth_secret_renews_nothing(anon_client, alice):
    old = subscribe(alice)
    guess = BrowserSubscription(path="/").auth

    response = anon_client.post(
        RENEW_URL, renew_body(old, BrowserSubscription(path="/"), old_auth=guess), format="json"
    )

    assert response.status_code == 404
    assert list(PushSubscription.objects.values_list("endpoint", "auth")) == [(FCM, old.auth)]


def test_an_unknown_old_endpoint_renews_nothing(anon_client, alice):
    old = subscribe(alice)
    old.endpoint = FCM + "-gone"

    response = anon_client.post(
        RENEW_URL, renew_body(old, BrowserSubscription(path="/")), format="json"
    )

    assert response.status_code == 404
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [FCM]


def test_a_rotated_subscription_off_the_push_services_is_refused(anon_client, alice):
    old = subscribe(alice)
    body = {**renew_body(old, BrowserSubscription(path="/")), "endpoint": "https://evil.example/x"}

    response = anon_client.post(RENEW_URL, body, format="json")

    assert response.status_code == 400
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [FCM]


# -- test notification ----------------------------------------------------------------


def test_a_test_notification_needs_a_subscription(
    alice_client, bob, enqueued, django_capture_on_commit_callbacks
):
    subscribe(bob)  # someone else's device does not count

    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(TEST_URL)

    assert response.status_code == 400
    assert "detail" in response.json()
    assert not Delivery.objects.exists()
    assert enqueued == []


def test_a_test_notification_is_a_pending_delivery_enqueued_after_commit(
    alice_client, alice, enqueued, django_capture_on_commit_callbacks
):
    subscribe(alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(TEST_URL)

    assert response.status_code == 202, response.content
    body = response.json()
    assert (body["kind"], body["state"]) == ("test", "pending")
    delivery = Delivery.objects.get()
    assert delivery.pk == body["id"]
    assert delivery.user == alice
    assert delivery.kind == DeliveryKind.TEST
    assert delivery.state == DeliveryState.PENDING
    assert delivery.channels == ["push"]
    assert delivery.schedule is None
    assert enqueued == [delivery.pk]


def test_test_notifications_are_throttled(
    alice_client, alice, enqueued, django_capture_on_commit_callbacks
):
    subscribe(alice)
    # DRF reads the rate when it is imported, so the test works with whatever it is (10/hour).
    throttle = ScopedRateThrottle()
    limit, _ = throttle.parse_rate(throttle.THROTTLE_RATES["push_test"])

    with django_capture_on_commit_callbacks(execute=True):
        answers = [alice_client.post(TEST_URL).status_code for _ in range(limit + 1)]

    assert answers == [202] * limit + [429]
    assert Delivery.objects.count() == limit
    assert len(enqueued) == limit


def test_a_test_notification_needs_a_login(anon_client, db, enqueued):
    response = anon_client.post(TEST_URL)

    assert response.status_code == 401
    assert not Delivery.objects.exists()


def test_the_browser_keys_helper_makes_what_a_browser_makes():
    # Guards the fixtures above: a browser's p256dh is a 65-byte point, auth 16 bytes.
    assert len(unb64url(GOOD.p256dh)) == 65
    assert len(unb64url(GOOD.auth)) == 16
    assert b64url(unb64url(GOOD.auth)) == GOOD.auth
