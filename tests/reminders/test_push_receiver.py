"""The test push service keeps checking what a real one checks, with its JWT cache."""

import base64
import time

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid

from reminders.channels import ece
from tests.reminders.push_receiver import PushReceiver


def _vapid_key() -> tuple[Vapid, str]:
    key = Vapid()
    key.generate_keys()
    point = key.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return key, base64.urlsafe_b64encode(point).rstrip(b"=").decode()


def _headers(authorization: str) -> dict:
    return {"authorization": authorization, "ttl": "60", "content-encoding": "aes128gcm"}


def _authorization(key: Vapid, public: str, *, audience: str, expires: int) -> str:
    token = key.sign({"sub": "mailto:ops@example.com", "aud": audience, "exp": expires})
    # The `k` a forger would send: the server's published key, whoever signed.
    return token["Authorization"].rsplit(",k=", 1)[0] + f",k={public}"


def test_a_repeated_token_is_accepted_and_forged_or_expired_ones_still_refused():
    server_key, server_public = _vapid_key()
    forger_key, _ = _vapid_key()
    receiver = PushReceiver(server_public).start()
    try:
        browser = receiver.subscribe("a")
        body = ece.encrypt(b'{"delivery": 1}', p256dh=browser.p256dh, auth=browser.auth)
        in_an_hour = int(time.time()) + 3600
        good = _authorization(
            server_key, server_public, audience=receiver.origin, expires=in_an_hour
        )
        forged = _authorization(
            forger_key, server_public, audience=receiver.origin, expires=in_an_hour
        )
        expired = _authorization(
            server_key, server_public, audience=receiver.origin, expires=int(time.time()) - 1
        )
        elsewhere = _authorization(
            server_key, server_public, audience="https://other.example", expires=in_an_hour
        )

        assert receiver._check(browser.path, _headers(good), body) == ({"delivery": 1}, "")
        assert receiver._check(browser.path, _headers(good), body) == ({"delivery": 1}, "")
        for refused in (forged, expired, elsewhere):
            payload, problem = receiver._check(browser.path, _headers(refused), body)
            assert payload is None and problem
    finally:
        receiver.stop()


def test_a_cached_token_is_refused_once_it_expires(monkeypatch):
    server_key, server_public = _vapid_key()
    receiver = PushReceiver(server_public).start()
    try:
        browser = receiver.subscribe("a")
        body = ece.encrypt(b"{}", p256dh=browser.p256dh, auth=browser.auth)
        expires = int(time.time()) + 60
        good = _authorization(server_key, server_public, audience=receiver.origin, expires=expires)
        assert receiver._check(browser.path, _headers(good), body) == ({}, "")

        monkeypatch.setattr(time, "time", lambda: expires + 1)

        assert receiver._check(browser.path, _headers(good), body)[1] == "VAPID claims invalid"
    finally:
        receiver.stop()


def test_a_body_for_another_subscription_does_not_decrypt():
    server_key, server_public = _vapid_key()
    receiver = PushReceiver(server_public).start()
    try:
        mine, other = receiver.subscribe("a"), receiver.subscribe("b")
        body = ece.encrypt(b"{}", p256dh=other.p256dh, auth=other.auth)
        good = _authorization(
            server_key, server_public, audience=receiver.origin, expires=int(time.time()) + 60
        )

        payload, problem = receiver._check(mine.path, _headers(good), body)

        assert payload is None and problem.startswith("cannot decrypt")
    finally:
        receiver.stop()
