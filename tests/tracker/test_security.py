"""Production settings: deploy checks, secrets, headers, cookies, limits, admin, docs.

Tests run with DEBUG off (see pyproject's pytest env) but over plain HTTP
(SECURE_SSL_REDIRECT=0); the subprocess checks drop that override to see the
settings a real deploy gets.
"""

import base64
import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import Client
from py_vapid import Vapid

from tests.conftest import make_user
from tracker.models import PainEntry

# Variables the test run sets to loosen production defaults for plain HTTP.
# What the test run itself sets (pytest-env, the browser tests), never production.
TEST_ONLY_VARIABLES = (
    "DJANGO_DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def vapid_private_key() -> str:
    key = Vapid()
    key.generate_keys()
    raw = key.private_key.private_numbers().private_value.to_bytes(32, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def production_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    env.update(
        {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "stretchstop.example",
            "VAPID_PRIVATE_KEY": vapid_private_key(),
            **overrides,
        }
    )
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", env=production_env())

    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "System check identified no issues" in output
    assert "WARNING" not in output


def test_check_deploy_warns_when_push_has_no_vapid_key():
    result = manage("check", "--deploy", env=production_env(VAPID_PRIVATE_KEY=""))

    assert "reminders.W001" in result.stdout + result.stderr


def test_start_up_fails_without_a_secret_key_when_debug_is_off():
    env = production_env()
    del env["SECRET_KEY"]

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("url", ["/admin/login/", "/api/docs/", "/api/v1/me/"])
def test_responses_carry_a_csp_that_allows_no_inline_script(db, url):
    response = Client().get(url)

    directives = csp_directives(response)
    # Without script-src the browser falls back to default-src.
    scripts = directives.get("script-src", directives["default-src"])
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    assert directives["object-src"] == ["'none'"]


def test_session_and_csrf_cookies_are_secure_and_http_only(db):
    make_user("staffer", is_staff=True)
    client = Client()

    login_page = client.get("/admin/login/")
    logged_in = client.post(
        "/admin/login/", {"username": "staffer", "password": "correct horse battery"}
    )

    assert logged_in.status_code == 302
    for cookie in (login_page.cookies["csrftoken"], logged_in.cookies["sessionid"]):
        assert cookie["secure"], cookie.key
        assert cookie["httponly"], cookie.key


def test_https_responses_carry_hsts_and_the_other_security_headers(db):
    response = Client().get("/admin/login/", secure=True)

    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_a_body_over_the_limit_answers_413_and_stores_nothing(alice_client):
    limit = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = {
        "id": "6f1c1d57-3a3e-4b8e-9a55-4c5f1f3c2b10",
        "recorded_at": "2025-03-01T08:00:00Z",
        "rating": 3,
        "note": "x" * limit,
    }

    response = alice_client.post("/api/v1/pain/", body, format="json")

    assert response.status_code == 413
    assert str(limit) in response.json()["detail"]
    assert not PainEntry.objects.exists()


def test_the_admin_refuses_a_user_who_is_not_staff(alice):
    client = Client()

    response = client.post(
        "/admin/login/", {"username": "alice", "password": "correct horse battery"}
    )

    # The form is shown again with an error; no session is opened.
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/tracker/user/").status_code == 302


def test_the_admin_opens_for_staff(db):
    make_user("staffer", is_staff=True, is_superuser=True)
    client = Client()
    client.post("/admin/login/", {"username": "staffer", "password": "correct horse battery"})

    assert client.get("/admin/").status_code == 200


def test_passwords_are_stored_with_argon2(alice):
    assert alice.password.startswith("argon2$argon2id$")
    assert alice.check_password("correct horse battery")


def test_api_docs_load_swagger_ui_from_the_sidecar_without_inline_code(db):
    client = Client()

    page = client.get("/api/docs/")
    script = client.get("/api/docs/?script")

    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn." not in html
    # Every <script> has a src (the start-up code comes from ?script), and no
    # <style> block: the CSP allows neither inline.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html
    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()


def test_schema_is_valid_openapi_3_without_warnings(tmp_path):
    schema_file = tmp_path / "schema.json"

    result = manage(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format",
        "openapi-json",
        "--file",
        str(schema_file),
        env=production_env(),
    )

    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr
    schema = json.loads(schema_file.read_text())
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/logs/" in schema["paths"]


def test_the_served_schema_is_openapi_3(db):
    response = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_the_admin_login_is_throttled_like_the_api_login(settings, db):
    settings.THROTTLE_AUTH_IP = "1000/min"
    settings.THROTTLE_AUTH_USERNAME = "3/min"
    make_user("staffer", is_staff=True, is_superuser=True)

    statuses = [
        # A new address each time: the per-username count holds across addresses.
        Client(REMOTE_ADDR=f"192.0.2.{n}")
        .post("/admin/login/", {"username": "staffer", "password": "guess"})
        .status_code
        for n in range(5)
    ]
    refused = Client(REMOTE_ADDR="192.0.2.99").post(
        "/admin/login/", {"username": "staffer", "password": "correct horse battery"}
    )

    # Wrong passwords show the form again (200) until the limit, then 429.
    assert statuses == [200, 200, 200, 429, 429]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "sessionid" not in refused.cookies


def test_the_admin_login_is_throttled_per_address(settings, db):
    settings.THROTTLE_AUTH_IP = "2/min"
    settings.THROTTLE_AUTH_USERNAME = "1000/min"
    client = Client(REMOTE_ADDR="192.0.2.60")

    statuses = [
        client.post("/admin/login/", {"username": f"user{n}", "password": "guess"}).status_code
        for n in range(3)
    ]

    assert statuses == [200, 200, 429]


@pytest.mark.parametrize("url", ["/login/", "/signup/", "/admin/login/"])
@pytest.mark.parametrize(
    "content_type", ["multipart/form-data; boundary=x", "text/plain", "application/json"]
)
def test_a_throttled_form_takes_any_body_type_without_a_500(db, url, content_type):
    response = Client().post(url, b'{"username": "x"}', content_type=content_type)

    assert response.status_code < 500


@pytest.mark.parametrize("url", ["/api/v1/me/", "/api/v1/pain/", "/api/v1/progress/"])
def test_api_answers_with_health_data_are_never_stored(alice_client, url):
    response = alice_client.get(url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_an_api_error_is_not_stored_either(anon_client):
    assert anon_client.get("/api/v1/me/")["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", ["/today/", "/progress/", "/account/"])
def test_signed_in_pages_are_never_stored(alice, url):
    client = Client()
    client.force_login(alice)

    response = client.get(url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", ["/login/", "/api/v1/me/", "/admin/login/"])
def test_responses_carry_a_permissions_policy(db, url):
    policy = Client().get(url)["Permissions-Policy"]

    assert "camera=()" in policy
    assert "geolocation=()" in policy
    assert "microphone=()" in policy
