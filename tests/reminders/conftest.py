import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.core.management import call_command
from django.db import connection
from kombu import pools

from reminders import vapid
from reminders.models import PushSubscription
from tests.conftest import make_user
from tests.reminders.push_receiver import PushReceiver
from tracker.celery import app as celery_app

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def push_receiver(settings, vapid_keys):
    settings.WEBPUSH_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.WEBPUSH_ALLOW_HTTP = True
    settings.WEBPUSH_TIMEOUT_SECONDS = 5
    receiver = PushReceiver(vapid.application_server_key()).start()
    yield receiver
    receiver.stop()


def use_broker(url: str) -> None:
    """Point this process's Celery app at another broker, dropping pooled connections."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    pools.reset()  # kombu's registry would hand the closed pools out again
    celery_app.conf.broker_url = url


@pytest.fixture
def broker(redis_url, settings):
    """The real Redis as Celery's broker, with an empty queue."""
    use_broker(redis_url)
    redis.Redis.from_url(redis_url).delete("celery", "unacked", "unacked_index")
    yield redis_url
    use_broker(settings.CELERY_BROKER_URL)


@pytest.fixture
def celery_worker(broker, transactional_db):
    """A real Celery worker in this process (threads pool) consuming from Redis."""
    from celery.contrib.testing.worker import start_worker

    with start_worker(
        celery_app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=10
    ) as worker:
        yield worker


def _test_database_url() -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER'] or 'postgres'}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


class WorkerProcess:
    """`celery worker` as a separate process, against the test database and Redis."""

    COMMAND = [
        sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool", "prefork",
        "--concurrency", "1", "--loglevel", "INFO", "--without-mingle", "--without-gossip",
    ]  # fmt: skip

    def __init__(self, env: dict, log: Path, command: list[str] | None = None):
        self.env, self.log, self.process = env, log, None
        self.command = command or self.COMMAND

    def start(self) -> "WorkerProcess":
        self.process = subprocess.Popen(
            self.command,
            cwd=BASE_DIR, env=self.env, stdout=self.log.open("a"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while "ready." not in self.log.read_text():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"worker did not start:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.2)
        return self

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children) mid-whatever."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


@pytest.fixture
def worker_process(postgres, broker, push_receiver, settings, tmp_path):
    """Start real worker processes on demand; they see what the test commits.

    They take the test's settings for the lease and the push service as they
    are when started.
    """

    def env() -> dict:
        return {
            **os.environ,
            "DATABASE_URL": _test_database_url(),
            "REDIS_URL": broker,
            "CELERY_BROKER_URL": broker,
            "VAPID_PRIVATE_KEY": settings.VAPID_PRIVATE_KEY,
            "WEBPUSH_ALLOWED_HOSTS": "127.0.0.1",
            "WEBPUSH_ALLOW_HTTP": "1",
            "WEBPUSH_TIMEOUT_SECONDS": "5",
            "REMINDERS_SEND_LEASE_SECONDS": str(settings.REMINDERS_SEND_LEASE_SECONDS),
        }

    started = []

    def start(command: list[str] | None = None) -> WorkerProcess:
        worker = WorkerProcess(env(), tmp_path / f"worker{len(started)}.log", command).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def subscribed(push_receiver, transactional_db):
    call_command("load_exercises", verbosity=0)
    user = make_user("sitter", profile="desk")
    browser = push_receiver.subscribe("sitter")
    subscription = PushSubscription.objects.create(
        user=user,
        endpoint=push_receiver.endpoint(browser),
        p256dh=browser.p256dh,
        auth=browser.auth,
    )
    return user, browser, subscription
