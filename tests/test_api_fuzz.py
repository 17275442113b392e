"""Property-based fuzzing of the whole API against its own OpenAPI schema.

Schemathesis reads /api/schema/ from the WSGI app in-process and, for every
operation, sends valid and invalid requests (wrong types, out-of-range numbers,
odd strings) as a real patient. Every answer must be a documented status code
with the documented content type and body, and never a 5xx.
"""

import secrets

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import make_user
from tracker.models import Profile, Role, User
from tracker.wsgi import application

# Schemathesis calls the WSGI handler itself, not Django's test client, so each
# request ends with request_finished -> close_old_connections, which closes a
# connection left inside a test transaction (on PostgreSQL). Real transactions
# also keep one example's database error from breaking the next example.
pytestmark = pytest.mark.django_db(transaction=True)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def fuzz_user(library, settings, vapid_keys) -> User:
    # The auth throttles would answer 429 to nearly every sign-up and log-in
    # example after the first 30; raised here so their input validation gets
    # fuzzed too (likewise accepting a care invite). test_accounts_api and
    # test_care_links cover the throttles themselves.
    settings.THROTTLE_AUTH_IP = "100000/min"
    settings.THROTTLE_AUTH_USERNAME = "100000/min"
    settings.THROTTLE_CARE_ACCEPT_USER = "100000/min"
    settings.THROTTLE_CARE_ACCEPT_IP = "100000/min"
    # Likewise the exports (test_export_csv covers their throttle).
    settings.THROTTLE_EXPORT = "100000/min"
    settings.THROTTLE_MESSAGE_SEND = "100000/min"
    user = make_user("fuzzer", role=Role.PATIENT, profile=Profile.DESK)
    # A password the fuzzer cannot produce: DELETE /me/ only ever meets its
    # "wrong password" refusal, so the fuzzing user survives the whole run.
    user.set_password(secrets.token_urlsafe(32))
    user.save(update_fields=["password"])
    yield user
    assert User.objects.filter(pk=user.pk).exists()


# Loaded when the module is collected. (A lazy `schemathesis.pytest.from_fixture`
# schema would be neater, but it sets Item._nodeid, which pytest 9.2 removed.)
# Generating the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


# Each operation is its own test item with a fresh database and user; within
# one operation the examples share them (function_scoped_fixture), so rows made
# by one example are there for the next, as they would be for a real client.
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
)
def test_api_answers_every_request_as_documented(case, fuzz_user):
    # A fresh token per example: POST /auth/logout/ revokes the token it is sent with.
    _, key = AuthToken.objects.create(fuzz_user)
    case.call_and_validate(headers={"Authorization": f"Token {key}"}, checks=CHECKS)
