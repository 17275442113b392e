import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from tracker.models import PainEntry


@pytest.fixture
def body():
    return {
        "id": str(uuid.uuid4()),
        "recorded_at": (timezone.now() - timedelta(minutes=5)).isoformat(),
        "rating": 6,
        "locations": ["lower_back", "groin"],
        "context": "after_sitting_long",
        "note": "long meeting",
    }


def test_post_stores_one_entry_however_often_it_is_sent(alice_client, body):
    responses = [alice_client.post("/api/v1/pain/", body, format="json") for _ in range(3)]

    assert [r.status_code for r in responses] == [201, 200, 200]
    assert responses[1].json() == responses[0].json()
    entry = PainEntry.objects.get()
    assert (entry.rating, entry.locations, entry.context) == (
        6,
        ["lower_back", "groin"],
        "after_sitting_long",
    )


def test_put_creates_then_replaces(alice_client, body):
    url = f"/api/v1/pain/{body['id']}/"

    assert alice_client.put(url, body, format="json").status_code == 201
    assert alice_client.put(url, {**body, "rating": 2}, format="json").status_code == 200
    assert PainEntry.objects.get().rating == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("rating", 11),
        ("rating", -1),
        ("rating", "high"),
        ("locations", ["elbow"]),
        ("locations", ["hip", "hip"]),
        ("context", "juggling"),
        ("recorded_at", (timezone.now() + timedelta(days=2)).isoformat()),
    ],
)
def test_bad_fields_answer_400_and_store_nothing(alice_client, body, field, value):
    response = alice_client.post("/api/v1/pain/", {**body, field: value}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not PainEntry.objects.exists()


def test_rating_is_required(alice_client, body):
    del body["rating"]

    response = alice_client.post("/api/v1/pain/", body, format="json")

    assert response.status_code == 400
    assert "rating" in response.json()


def test_it_returns_404_for_another_users_entry(alice_client, bob_client, body):
    alice_client.post("/api/v1/pain/", body, format="json")
    url = f"/api/v1/pain/{body['id']}/"

    assert bob_client.get(url).status_code == 404
    assert bob_client.put(url, {**body, "rating": 0}, format="json").status_code == 404
    assert bob_client.delete(url).status_code == 404
    assert PainEntry.objects.get().rating == 6
    assert bob_client.get("/api/v1/pain/").json()["count"] == 0


def test_list_is_newest_first_and_filtered_by_since(alice_client, body):
    now = timezone.now()
    for hours in (1, 3, 48):
        alice_client.post(
            "/api/v1/pain/",
            {
                **body,
                "id": str(uuid.uuid4()),
                "recorded_at": (now - timedelta(hours=hours)).isoformat(),
                "rating": hours % 11,
            },
            format="json",
        )

    response = alice_client.get("/api/v1/pain/", {"since": (now - timedelta(hours=24)).isoformat()})

    assert response.status_code == 200
    assert [r["rating"] for r in response.json()["results"]] == [1, 3]


def test_pain_needs_a_login(db, anon_client, body):
    assert anon_client.post("/api/v1/pain/", body, format="json").status_code == 401
    assert not PainEntry.objects.exists()
