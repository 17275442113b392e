"""`make run`'s launcher, end to end: embedded SQLite and Redis, real processes."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(var_dir: Path, port: int, log: Path) -> subprocess.Popen:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(VAR_DIR=str(var_dir), PORT=str(port), HOST="127.0.0.1", DJANGO_DEBUG="1")
    return subprocess.Popen(
        [sys.executable, "-m", "tracker.devserver"],
        cwd=BASE_DIR,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        text=True,
    )


def wait_for_http(url: str, server: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail("the launcher exited early")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # the server answered, even if with an error status
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"nothing answered at {url}")


def post_json(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def wait_for_text(log: Path, text: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text():
            return
        time.sleep(0.5)
    pytest.fail(f"{text!r} never appeared in the output:\n{log.read_text()[-3000:]}")


def stop(server: subprocess.Popen) -> None:
    # What Ctrl-C does in a terminal: SIGINT to the whole foreground group.
    os.killpg(server.pid, signal.SIGINT)
    server.wait(timeout=60)


def group_is_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def test_make_run_serves_the_api_runs_a_worker_and_keeps_data_between_runs(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"

    log = tmp_path / "run.log"
    server = start(tmp_path, port, log)
    try:
        wait_for_http(f"{base}/api/schema/", server)
        logins = json.loads((tmp_path / "demo-logins.json").read_text())
        assert set(logins) == {"office", "driver", "therapist"}
        status, body = post_json(
            f"{base}/api/v1/auth/token/", {"username": "office", "password": logins["office"]}
        )
        assert status == 200 and body["token"]
        # The worker took the embedded Redis as its broker and is taking tasks.
        wait_for_text(log, "Connected to redis+socket://")
        wait_for_text(log, "ready.")
    finally:
        stop(server)
    assert group_is_gone(server.pid), log.read_text()[-3000:]
    assert (tmp_path / "stretchstop.sqlite3").exists()

    # A second run against the same var/ reuses the accounts instead of making new ones.
    server = start(tmp_path, port, log)
    try:
        wait_for_http(f"{base}/api/schema/", server)
        status, _ = post_json(
            f"{base}/api/v1/auth/token/", {"username": "office", "password": logins["office"]}
        )
        assert status == 200
    finally:
        stop(server)


def started_pids(log: Path, name: str) -> list[int]:
    return [int(pid) for pid in re.findall(rf"{name} started, pid (\d+)", log.read_text())]


def wait_for_restart(log: Path, name: str, old_pid: int, seconds: float = 60) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pids = started_pids(log, name)
        if pids and pids[-1] != old_pid:
            return pids[-1]
        time.sleep(0.2)
    pytest.fail(f"{name} was not restarted:\n{log.read_text()[-3000:]}")


def get_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_killed_worker_or_redis_is_restarted_while_the_web_keeps_serving(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "run.log"
    server = start(tmp_path, port, log)
    try:
        wait_for_http(f"{base}/healthz", server)
        wait_for_text(log, "ready.")
        logins = json.loads((tmp_path / "demo-logins.json").read_text())
        web_pid = started_pids(log, "web")[-1]

        # kill -9 of the worker: the rest stays up and a new worker starts.
        worker_pid = started_pids(log, "worker")[-1]
        os.kill(worker_pid, signal.SIGKILL)
        assert get_status(f"{base}/healthz") == 200
        new_worker = wait_for_restart(log, "worker", worker_pid)
        assert new_worker != worker_pid
        deadline = time.monotonic() + 60
        while log.read_text().count("ready.") < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert log.read_text().count("ready.") >= 2

        # kill -9 of Redis: the web answers meanwhile, Redis comes back, logins work again.
        redis_pid = started_pids(log, "redis")[-1]
        os.kill(redis_pid, signal.SIGKILL)
        assert get_status(f"{base}/healthz") == 200
        wait_for_restart(log, "redis", redis_pid)
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _ = post_json(
                    f"{base}/api/v1/auth/token/",
                    {"username": "office", "password": logins["office"]},
                )
                break
            except (urllib.error.HTTPError, OSError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        assert status == 200
        assert server.poll() is None
        # The web itself was never restarted.
        assert started_pids(log, "web") == [web_pid]
    finally:
        stop(server)
    assert group_is_gone(server.pid), log.read_text()[-3000:]
    # Every child is gone too, not only the launcher.
    for name in ("web", "worker", "beat", "redis"):
        for pid in started_pids(log, name):
            assert group_is_gone(pid), name


@pytest.mark.parametrize(
    ("host", "port", "expected"),
    [
        ("127.0.0.1", "8811", "http://127.0.0.1:8811"),
        ("0.0.0.0", "8000", "http://127.0.0.1:8000"),  # noqa: S104 (the wildcard, on purpose)
        ("::", "8801", "http://[::1]:8801"),
        ("stretch.local", "9000", "http://stretch.local:9000"),
    ],
)
def test_make_runs_site_url_follows_host_and_port(host, port, expected):
    from tracker.devserver import default_site_url

    assert default_site_url(host, port) == expected
