"""The production web server (gunicorn with tracker/gunicorn_conf.py) as a real process.

For tests that must reach the app from outside, the way a client or an
attacker would: slow clients, a Redis that hangs, spoofed headers. It serves
the test database, so the test must use `transactional_db` for the server to
see its rows.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[1]
# What the test run sets to loosen production defaults; the server gets none of it.
TEST_ONLY_VARIABLES = (
    "DJANGO_DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "REDIS_URL",
    "CELERY_BROKER_URL",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_database_url() -> str:
    """Return a DATABASE_URL for the database this test run is using."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return (
        f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


class LiveGunicorn:
    def __init__(self, log: Path, **env: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
        self.env.update(
            {
                "DJANGO_DEBUG": "0",
                "SECURE_SSL_REDIRECT": "0",
                "SECURE_COOKIES": "0",
                "ALLOWED_HOSTS": "127.0.0.1",
                "DATABASE_URL": test_database_url(),
                "HOST": "127.0.0.1",
                "PORT": str(self.port),
                **env,
            }
        )
        self.process: subprocess.Popen | None = None

    def start(self) -> "LiveGunicorn":
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "tracker.asgi:application",
                "--config", str(BASE_DIR / "tracker" / "gunicorn_conf.py"),
            ],
            cwd=BASE_DIR, env=self.env, stdout=self.log.open("a"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 90
        while True:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"gunicorn did not start:\n{self.log.read_text()[-3000:]}")
            # The master listens before its workers have loaded Django: wait for an answer.
            try:
                urllib.request.urlopen(f"{self.url}/api/v1/me/", timeout=5)
                return self
            except urllib.error.HTTPError:
                return self
            except OSError:
                time.sleep(0.3)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
