"""Every setting is checked at start-up: a bad value stops it, naming the variable.

Most cases read tracker/settings.py afresh in this process under a changed
environment (fast); one runs `manage.py check` as a deploy would.
"""

import runpy
import secrets

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from tests.tracker.test_security import manage, production_env

SETTINGS_FILE = str(django_settings.BASE_DIR / "tracker" / "settings.py")


def load_settings(monkeypatch, **variables: str) -> dict:
    for name, value in production_env(**variables).items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(SETTINGS_FILE)


THROTTLES = [
    "THROTTLE_AUTH_IP",
    "THROTTLE_AUTH_USERNAME",
    "THROTTLE_CARE_ACCEPT_USER",
    "THROTTLE_CARE_ACCEPT_IP",
    "THROTTLE_EXPORT",
    "THROTTLE_PUSH_TEST",
]


@pytest.mark.parametrize("name", THROTTLES)
@pytest.mark.parametrize("value", ["lots", "10", "0/min", "-1/min", "10/fortnight", "10/ min"])
def test_a_throttle_that_is_not_a_rate_stops_start_up(monkeypatch, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_settings(monkeypatch, **{name: value})


@pytest.mark.parametrize("value", ["1/sec", "30/min", "10/hour", "100/day", "5/m"])
def test_a_throttle_rate_drf_understands_is_accepted(monkeypatch, value):
    loaded = load_settings(monkeypatch, THROTTLE_AUTH_IP=value)

    assert loaded["THROTTLE_AUTH_IP"] == value


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DJANGO_DEBUG", "maybe"),
        ("DATABASE_CONN_MAX_AGE", "-5"),
        ("MAX_REQUEST_BYTES", "12"),
        ("TOKEN_TTL_DAYS", "ninety"),
        ("SECURE_HSTS_SECONDS", "-1"),
        ("REMINDERS_GRACE_MINUTES", "-1"),
        ("REMINDERS_BATCH_SIZE", "0"),
        ("REMINDERS_DISPATCH_CONNECTIONS", "0"),
        ("REMINDERS_DISPATCH_CONNECTIONS", "two"),
        ("REMINDERS_SEND_CHUNK", "0"),
        ("REMINDERS_SEND_LEASE_SECONDS", "0"),
        ("REMINDERS_DISPATCH_EVERY_SECONDS", "0"),
        ("REMINDERS_DISPATCH_EVERY_SECONDS", "61"),
        ("REMINDERS_RETENTION_DAYS", "28"),
        ("REMINDERS_RETENTION_DAYS", "ninety"),
        ("REMINDERS_PRUNE_BUDGET_SECONDS", "0"),
        ("CELERY_VISIBILITY_TIMEOUT", "5"),
        ("WEBPUSH_TIMEOUT_SECONDS", "0"),
        ("READYZ_DISPATCHER_MAX_AGE_SECONDS", "soon"),
        ("REDIS_URL", "localhost:6379"),
        ("CELERY_BROKER_URL", "http://broker"),
        ("DATABASE_URL", "nosuchdb://x"),
        ("SITE_URL", "stretch.example"),
        ("VAPID_SUBJECT", "reminders@example.org"),
        ("LOG_LEVEL", "LOUD"),
        ("DEFAULT_USER_TIMEZONE", "Mars/Olympus"),
        ("ALLOWED_HOSTS", ""),
        ("LOG_FORMAT", "xml"),
        ("METRICS_TOKEN", "short"),
        ("SENTRY_DSN", "sentry.example/1"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(monkeypatch, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load_settings(monkeypatch, **{name: value})


def test_a_retention_shorter_than_the_dashboards_window_and_a_margin_stops_start_up(
    monkeypatch,
):
    with pytest.raises(ImproperlyConfigured, match="REMINDERS_RETENTION_DAYS must be at least 35"):
        load_settings(monkeypatch, REMINDERS_RETENTION_DAYS="34")

    assert (
        load_settings(monkeypatch, REMINDERS_RETENTION_DAYS="35")["REMINDERS_RETENTION_DAYS"] == 35
    )


def test_a_url_with_a_password_is_not_repeated_in_the_error(monkeypatch):
    with pytest.raises(ImproperlyConfigured) as error:
        load_settings(monkeypatch, REDIS_URL="tcp://user:hunter2@redis:6379")

    assert "hunter2" not in str(error.value)


@pytest.mark.parametrize("key", ["x", "short-key-0123456789", "a" * 60, "ab" * 40])
def test_a_weak_secret_key_stops_start_up_with_debug_off(monkeypatch, key):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be at least 50 characters"):
        load_settings(monkeypatch, SECRET_KEY=key)


def test_a_short_secret_key_is_allowed_in_debug(monkeypatch, tmp_path):
    loaded = load_settings(monkeypatch, SECRET_KEY="x", DJANGO_DEBUG="1", VAR_DIR=str(tmp_path))

    assert loaded["SECRET_KEY"] == "x"


def test_a_strong_secret_key_is_accepted(monkeypatch):
    key = secrets.token_urlsafe(50)

    assert load_settings(monkeypatch, SECRET_KEY=key)["SECRET_KEY"] == key


def test_manage_check_fails_on_a_bad_throttle_naming_it():
    result = manage("check", env=production_env(THROTTLE_AUTH_IP="lots"))

    assert result.returncode != 0
    assert "ImproperlyConfigured: THROTTLE_AUTH_IP must be a rate" in result.stderr


def test_manage_check_fails_on_a_one_character_secret_key():
    result = manage("check", env=production_env(SECRET_KEY="x"))

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be at least 50 characters" in result.stderr


def test_manage_check_fails_on_a_vapid_key_that_does_not_load():
    result = manage("check", env=production_env(VAPID_PRIVATE_KEY="not-a-key"))

    assert result.returncode != 0
    assert "reminders.E001" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("EMAIL_BACKEND", "django.core.mail.backends.nosuch.EmailBackend", "tracker.E001"),
        ("DEFAULT_FROM_EMAIL", "StretchStop", "tracker.E002"),
    ],
)
def test_manage_check_fails_on_bad_email_settings(name, value, check_id):
    result = manage("check", env=production_env(**{name: value}))

    assert result.returncode != 0
    assert check_id in result.stderr


# Accounts, recovery: the file email backend for local runs.
def test_the_file_email_backend_writes_where_email_file_path_says(monkeypatch, tmp_path):
    loaded = load_settings(
        monkeypatch,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
    )

    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert loaded["EMAIL_FILE_PATH"] == str(tmp_path / "mail")


def test_a_relative_email_file_path_is_taken_from_the_project_folder(monkeypatch):
    loaded = load_settings(monkeypatch, EMAIL_FILE_PATH="var/mail")

    assert loaded["EMAIL_FILE_PATH"] == str(django_settings.BASE_DIR / "var" / "mail")


def test_the_file_email_backend_without_a_path_stops_start_up(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_FILE_PATH must be set"):
        load_settings(monkeypatch, EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend")


def test_an_email_file_path_that_is_a_file_stops_start_up(monkeypatch, tmp_path):
    (tmp_path / "mail").write_text("not a folder")

    with pytest.raises(ImproperlyConfigured, match="EMAIL_FILE_PATH"):
        load_settings(monkeypatch, EMAIL_FILE_PATH=str(tmp_path / "mail"))
