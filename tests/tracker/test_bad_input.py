"""Bad input the API fuzz run (tests/test_api_fuzz.py) and its follow-up probes found.

Each answered 500 or an undocumented response before its fix; each must now
be a clear 4xx that changes nothing.
"""

import json
import uuid

import pytest

from tracker.models import PainEntry


def post_raw_json(client, url: str, text: str):
    return client.generic("POST", url, text, content_type="application/json")


@pytest.mark.parametrize(
    "fields",
    [
        # A ChoiceField echoes the bad value in its message; rendering that
        # message as UTF-8 used to crash.
        {"context": "\ud800"},
        {"locations": ["hip", "\udfff"]},
        {"note": "fine \ud83d"},
    ],
)
def test_a_lone_surrogate_in_a_json_body_answers_400_and_stores_nothing(alice_client, fields):
    body = {
        "id": str(uuid.uuid4()),
        "recorded_at": "2025-03-01T08:00:00Z",
        "rating": 4,
        **fields,
    }

    # json.dumps writes the surrogate as the escape "\ud800", as a client would.
    response = post_raw_json(alice_client, "/api/v1/pain/", json.dumps(body))

    assert response.status_code == 400
    assert "Unicode" in response.json()["detail"]
    assert not PainEntry.objects.exists()


def test_a_lone_surrogate_in_a_login_username_answers_400(anon_client, alice):
    # The per-username throttle hashes the name; encoding it used to crash.
    body = json.dumps({"username": "alice\ud800", "password": "correct horse battery"})

    response = post_raw_json(anon_client, "/api/v1/auth/token/", body)

    assert response.status_code == 400
    assert alice.auth_token_set.count() == 0


def test_well_formed_unicode_still_passes(alice_client):
    body = {
        "id": str(uuid.uuid4()),
        "recorded_at": "2025-03-01T08:00:00Z",
        "rating": 4,
        "note": "Rücken 😣",
    }

    response = post_raw_json(alice_client, "/api/v1/pain/", json.dumps(body))

    assert response.status_code == 201
    assert PainEntry.objects.get().note == "Rücken 😣"


@pytest.mark.parametrize(
    "url",
    ["/api/v1/pain/not-a-uuid/", "/api/v1/plans/x1/", "/api/v1/no-such-thing/"],
)
def test_a_url_no_route_matches_answers_json_404_under_api(alice_client, url):
    # These fail their path converter before any view runs; Django's own 404
    # page is HTML, which the schema does not promise.
    response = alice_client.get(url)

    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_a_url_outside_the_api_keeps_the_html_404(db, client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("depth", [33, 1000, 50_000])
def test_a_deeply_nested_json_body_answers_400_and_stores_nothing(alice_client, depth):
    body = '{"rating": 3, "locations": ' + "[" * depth + "]" * depth + "}"

    response = alice_client.post("/api/v1/pain/", body, content_type="application/json")

    assert response.status_code == 400
    assert "nested" in response.json()["detail"]
    assert not PainEntry.objects.exists()


def test_a_deeply_nested_body_to_sign_up_answers_400(anon_client):
    body = "[" * 50_000 + "]" * 50_000

    response = anon_client.post("/api/v1/auth/register/", body, content_type="application/json")

    assert response.status_code == 400
