"""Per-address throttles key on the client's real address, not on what it claims.

X-Forwarded-For is written by whoever sends the request; it only counts for the
hops that TRUSTED_PROXY_COUNT says a proxy of ours appended.
"""

import json
import urllib.error
import urllib.request

import pytest
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from tests.live_gunicorn import LiveGunicorn
from tracker.clients import client_address
from tracker.models import User


def request_from(remote_addr: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "192.0.2.9"),
        # No proxy of ours: the header is the client's own claim.
        (0, "203.0.113.7", "192.0.2.9"),
        (1, None, "192.0.2.9"),
        # One proxy appends the address it saw; what the client wrote is left of it.
        (1, "10.9.9.9, 203.0.113.7", "203.0.113.7"),
        (2, "10.9.9.9, 203.0.113.7, 198.51.100.2", "203.0.113.7"),
        # Fewer entries than proxies: the leftmost is the best there is.
        (3, "203.0.113.7,198.51.100.2", "203.0.113.7"),
    ],
)
def test_client_address_trusts_only_the_hops_our_proxies_wrote(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies

    assert client_address(request_from("192.0.2.9", forwarded)) == expected


def test_a_rotating_forwarded_header_does_not_escape_the_login_throttle(settings, alice):
    settings.THROTTLE_AUTH_IP = "5/min"
    settings.THROTTLE_AUTH_USERNAME = "1000/min"
    client = APIClient(REMOTE_ADDR="192.0.2.50")

    statuses = [
        client.post(
            "/api/v1/auth/token/",
            {"username": f"nobody{n}", "password": "guess"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(8)
    ]

    assert statuses == [400] * 5 + [429] * 3


def test_a_rotating_forwarded_header_does_not_escape_the_sign_up_throttle(db, settings):
    settings.THROTTLE_AUTH_IP = "3/min"
    client = APIClient(REMOTE_ADDR="192.0.2.51")
    body = {"password": "a long enough passphrase", "role": "patient", "timezone": "UTC"}

    statuses = [
        client.post(
            "/api/v1/auth/register/",
            {**body, "username": f"spoof{n}"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(5)
    ]

    assert statuses == [201] * 3 + [429] * 2
    assert User.objects.filter(username__startswith="spoof").count() == 3


def test_the_login_page_counts_per_real_address_too(settings, alice):
    settings.THROTTLE_AUTH_IP = "3/min"
    settings.THROTTLE_AUTH_USERNAME = "1000/min"
    client = Client(REMOTE_ADDR="192.0.2.52")

    statuses = [
        client.post(
            "/login/",
            {"username": f"nobody{n}", "password": "guess"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(5)
    ]

    assert statuses == [400] * 3 + [429] * 2


def test_behind_one_proxy_each_client_has_its_own_count(settings, alice):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.THROTTLE_AUTH_IP = "2/min"
    settings.THROTTLE_AUTH_USERNAME = "1000/min"
    # Every request comes from the proxy's socket; the proxy appends the client.
    proxy = APIClient(REMOTE_ADDR="10.0.0.1")

    def attempt(client_ip: str, claimed: str = "") -> int:
        forwarded = f"{claimed}, {client_ip}" if claimed else client_ip
        return proxy.post(
            "/api/v1/auth/token/",
            {"username": "nobody", "password": "guess"},
            format="json",
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    first = [attempt("203.0.113.1", claimed=f"198.51.100.{n}") for n in range(3)]
    second = attempt("203.0.113.2")

    assert first == [400, 400, 429]
    assert second == 400


def test_through_the_real_server_a_spoofed_header_gains_nothing(transactional_db, tmp_path):
    # The production server on localhost, where uvicorn would by default believe
    # X-Forwarded-For from any local peer; only TRUSTED_PROXY_COUNT may.
    # One worker: without REDIS_URL each worker counts in its own memory.
    server = LiveGunicorn(
        tmp_path / "gunicorn.log", THROTTLE_AUTH_IP="5/min", WEB_CONCURRENCY="1"
    ).start()
    try:
        statuses = []
        for n in range(8):
            request = urllib.request.Request(
                f"{server.url}/api/v1/auth/token/",
                data=json.dumps({"username": f"nobody{n}", "password": "guess"}).encode(),
                headers={"Content-Type": "application/json", "X-Forwarded-For": f"198.51.100.{n}"},
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    statuses.append(response.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
    finally:
        server.stop()

    assert statuses == [400] * 5 + [429] * 3
