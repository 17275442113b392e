"""/healthz and /readyz: names of parts only, 503 naming what fails.

The ready cases run against the real PostgreSQL and Redis (DATABASE_URL,
REDIS_URL); a part that is down is a closed port, as after a crash.
"""

import time

import pytest
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from reminders import metrics
from reminders.tasks import dispatch_due_task
from tests.reminders.conftest import use_broker
from tests.tracker.test_devserver import free_port
from tracker import health


@pytest.fixture
def services(postgres, db, broker, settings):
    """The real database, broker and cache; a fresh migration check."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": broker,
        }
    }
    health._migrated = False
    yield
    health._migrated = False


@pytest.fixture
def broker(redis_url, settings):
    use_broker(redis_url)
    yield redis_url
    use_broker(settings.CELERY_BROKER_URL)


def closed_port_url() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"


def test_healthz_answers_ok_without_touching_the_database():
    # No db fixture: a query would raise here.
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response.headers["Cache-Control"]


def test_readyz_is_ok_when_every_part_answers_and_the_dispatcher_just_ran(services, alice):
    dispatch_due_task()

    response = Client().get("/readyz")

    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ok"}
    # Names only: nothing about people or data.
    assert b"alice" not in response.content


def test_readyz_names_the_broker_when_it_is_down(services):
    dispatch_due_task()
    use_broker(closed_port_url())

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failing": ["broker"]}


def test_readyz_names_the_cache_when_it_is_down(services, settings):
    dispatch_due_task()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": closed_port_url(),
        }
    }

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]


def test_readyz_names_the_dispatcher_when_its_last_pass_is_too_old(services, settings):
    settings.READYZ_DISPATCHER_MAX_AGE_SECONDS = 180
    metrics.dispatch_pass_record(ended_at=time.time() - 181, seconds=0.01, claimed=0)

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["dispatcher"]


def test_readyz_names_migrations_that_are_not_applied(services):
    dispatch_due_task()
    # As if the newest tracker migration had not run (the test's transaction undoes it).
    last = MigrationRecorder.Migration.objects.filter(app="tracker").order_by("-id").first()
    last.delete()

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json()["failing"] == ["migrations"]


def test_probes_are_not_redirected_to_https(settings, db):
    settings.SECURE_SSL_REDIRECT = True

    assert Client().get("/healthz").status_code == 200
    assert Client().get("/readyz").status_code in (200, 503)
