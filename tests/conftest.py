"""Shared fixtures: alice (desk patient), bob (another patient), thera (therapist).

Each comes with an API client authenticated by a real token, so that any
endpoint test can check cross-user access in a line or two.
"""

import base64
import os
import socket
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.core.management import call_command
from knox.models import AuthToken
from py_vapid import Vapid
from rest_framework.test import APIClient

from reminders import vapid
from tracker.models import Profile, Role, SafetyCheck, User

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), 2
        ):
            return True
    except OSError:
        return False


def require_service(env_name: str, default_port: int) -> str:
    """Return the service URL in `env_name`, or skip (fail under REQUIRE_SERVICES=1)."""
    url = os.environ.get(env_name, "")
    if url and _reachable(url, default_port):
        return url
    reason = f"{env_name} is not set" if not url else f"{env_name} ({url}) is not reachable"
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture
def redis_url() -> str:
    return require_service("REDIS_URL", 6379)


@pytest.fixture
def postgres(settings) -> None:
    """Skip unless the test database is PostgreSQL (DATABASE_URL)."""
    require_service("DATABASE_URL", 5432)
    from django.db import connection

    assert connection.vendor == "postgresql", "DATABASE_URL must name a PostgreSQL database"


@pytest.fixture(autouse=True)
def _unhashed_static(settings):
    # Production serves hashed names from collectstatic's manifest; tests collect
    # nothing, so pages build their static URLs from the plain names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _clear_cache():
    # Throttle counters live in the cache; one test's requests must not throttle the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def library(db):
    call_command("load_exercises", verbosity=0)


def make_user(username: str, *, second_factor: bool = True, **fields) -> User:
    """A user with the password "correct horse battery".

    Therapists get a second factor (an authenticator app, see `with_totp`) unless
    `second_factor=False`: without one they see no patient data at all.
    """
    fields.setdefault("timezone", "Europe/Berlin")
    user = User.objects.create_user(username=username, password="correct horse battery", **fields)
    if second_factor and user.role == Role.THERAPIST:
        with_totp(user)
    return user


def client_for(user: User) -> APIClient:
    client = APIClient()
    _, key = AuthToken.objects.create(user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    client.user = user
    return client


def answered_safety_screen(user: User) -> User:
    """Return `user` after a check that answered no to every safety question.

    The player and the routines send a patient who has never answered the
    screen to it first; alice and bob are patients past onboarding. A test
    about that first visit makes a patient of its own (see `newcomer`).
    """
    SafetyCheck.objects.create(
        user=user, answered_at=user.date_joined, warning_signs=[], new_warning_signs=[]
    )
    return user


@pytest.fixture
def alice(db) -> User:
    return answered_safety_screen(
        make_user("alice", role=Role.PATIENT, profile=Profile.DESK, display_name="Alice")
    )


@pytest.fixture
def bob(db) -> User:
    return answered_safety_screen(
        make_user("bob", role=Role.PATIENT, profile=Profile.DRIVER, timezone="America/Chicago")
    )


@pytest.fixture
def newcomer(db) -> User:
    """Return a patient who has not answered the safety screen yet."""
    return make_user("newcomer", role=Role.PATIENT, profile=Profile.DESK, display_name="Nina")


@pytest.fixture
def thera(db) -> User:
    return make_user("thera", role=Role.THERAPIST, display_name="Thera Pist")


@pytest.fixture
def alice_client(alice) -> APIClient:
    return client_for(alice)


@pytest.fixture
def bob_client(bob) -> APIClient:
    return client_for(bob)


@pytest.fixture
def thera_client(thera) -> APIClient:
    return client_for(thera)


@pytest.fixture
def anon_client() -> APIClient:
    return APIClient()


@pytest.fixture
def vapid_keys(settings):
    key = Vapid()
    key.generate_keys()
    raw = key.private_key.private_numbers().private_value.to_bytes(32, "big")
    settings.VAPID_PRIVATE_KEY = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    vapid.server_key.cache_clear()
    yield settings.VAPID_PRIVATE_KEY
    vapid.server_key.cache_clear()


# Accounts, recovery: reminders and notices are e-mailed only to a verified address.
def with_verified_email(user: User, address: str) -> User:
    """Return `user` with `address` as their e-mail, verified (as if they opened the link)."""
    from allauth.account.models import EmailAddress

    user.email = address
    user.save(update_fields=["email"])
    EmailAddress.objects.update_or_create(
        user=user, email=address, defaults={"primary": True, "verified": True}
    )
    return user


def with_totp(user: User) -> str:
    """Set up an authenticator app (and recovery codes) for `user`; return its secret.

    The secret is also kept as `user.totp_secret`; `totp_code(user)` gives a
    current code, made by pyotp, not by the code under test.
    """
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    user.totp_secret = secret
    return secret


def totp_secret_of(user: User) -> str:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return decrypt(totp.data["secret"])


def totp_code(user_or_secret) -> str:
    import pyotp

    secret = user_or_secret if isinstance(user_or_secret, str) else totp_secret_of(user_or_secret)
    return pyotp.TOTP(secret).now()


def recovery_codes_of(user: User) -> list[str]:
    from allauth.mfa.models import Authenticator

    codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return codes.wrap().get_unused_codes()


def pytest_sessionstart(session):
    # The .mo files are built, not committed (`make messages`): compile any that are
    # missing or stale, so that a bare `pytest` translates like `make test` does.
    from tracker.management.commands.compile_catalogs import catalogues_compile

    catalogues_compile()
