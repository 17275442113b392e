import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from exercises.models import ExerciseLog, Plan, PlanItem


def log_body(**overrides):
    body = {
        "id": str(uuid.uuid4()),
        "performed_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "hold_seconds": 30,
        "pain_before": 5,
        "pain_after": 3,
    }
    body.update(overrides)
    return body


@pytest.fixture
def some_exercise(library):
    from exercises.models import Audience, Exercise

    return Exercise.objects.filter(audience=Audience.SELF_CARE).first()


@pytest.fixture
def body(some_exercise):
    return log_body(exercise=some_exercise.slug)


def test_post_creates_a_log_then_a_resend_answers_200_with_the_same_body(alice_client, body):
    first = alice_client.post("/api/v1/logs/", body, format="json")
    again = alice_client.post("/api/v1/logs/", body, format="json")

    assert first.status_code == 201, first.content
    assert again.status_code == 200
    assert again.json() == first.json()
    assert ExerciseLog.objects.filter(pk=body["id"]).count() == 1


def test_put_creates_then_replaces_the_same_log(alice_client, body):
    url = f"/api/v1/logs/{body['id']}/"
    first = alice_client.put(url, body, format="json")
    replayed = alice_client.put(url, body, format="json")
    changed = alice_client.put(url, {**body, "pain_after": 1}, format="json")

    assert first.status_code == 201
    assert replayed.status_code == 200
    assert replayed.json() == first.json()
    assert changed.status_code == 200
    assert ExerciseLog.objects.get(pk=body["id"]).pain_after == 1


def test_post_without_an_id_is_refused(alice_client, body):
    del body["id"]
    response = alice_client.post("/api/v1/logs/", body, format="json")

    assert response.status_code == 400
    assert "id" in response.json()
    assert not ExerciseLog.objects.exists()


def test_put_with_a_different_id_in_the_body_is_refused(alice_client, body):
    response = alice_client.put(f"/api/v1/logs/{uuid.uuid4()}/", body, format="json")

    assert response.status_code == 400
    assert not ExerciseLog.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pain_before", 11),
        ("pain_after", -1),
        ("exercise", "no-such-exercise"),
        ("performed_at", "not a date"),
        ("performed_at", "1999-12-31T23:00:00Z"),
        ("id", "not-a-uuid"),
        ("hold_seconds", 99999),
    ],
)
def test_bad_fields_answer_400_and_store_nothing(alice_client, body, field, value):
    response = alice_client.post("/api/v1/logs/", {**body, field: value}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not ExerciseLog.objects.exists()


def test_a_log_more_than_a_day_ahead_is_refused(alice_client, body):
    ahead = (timezone.now() + timedelta(days=1, minutes=5)).isoformat()
    response = alice_client.post("/api/v1/logs/", {**body, "performed_at": ahead}, format="json")

    assert response.status_code == 400
    assert "performed_at" in response.json()


def test_a_log_names_an_exercise_or_a_routine(alice_client, body):
    del body["exercise"]
    response = alice_client.post("/api/v1/logs/", body, format="json")

    assert response.status_code == 400
    assert "exercise" in response.json()


def test_a_whole_routine_can_be_logged(alice_client, body):
    from exercises.models import Routine

    routine = Routine.objects.first()
    del body["exercise"]
    response = alice_client.post("/api/v1/logs/", {**body, "routine": routine.slug}, format="json")

    assert response.status_code == 201
    assert response.json()["routine"] == routine.slug


def test_clinician_techniques_cannot_be_logged_as_self_care(alice_client, body, library):
    from exercises.models import Exercise, Kind

    technique = Exercise.objects.filter(kind=Kind.CLINICIAN_TECHNIQUE).first()
    response = alice_client.post(
        "/api/v1/logs/", {**body, "exercise": technique.slug}, format="json"
    )

    assert response.status_code == 400


def test_it_returns_404_for_another_users_log(alice_client, bob_client, body):
    alice_client.post("/api/v1/logs/", body, format="json")
    url = f"/api/v1/logs/{body['id']}/"

    assert bob_client.get(url).status_code == 404
    assert bob_client.delete(url).status_code == 404
    # Reusing alice's id neither reveals nor overwrites her log.
    assert bob_client.put(url, {**body, "pain_after": 0}, format="json").status_code == 404
    assert bob_client.post("/api/v1/logs/", body, format="json").status_code == 404
    assert ExerciseLog.objects.get(pk=body["id"]).pain_after == 3
    assert bob_client.get("/api/v1/logs/").json()["count"] == 0


def test_a_plan_item_of_another_user_cannot_be_named(alice_client, bob, body, some_exercise):
    plan = Plan.objects.create(user=bob, name="Bob's")
    item = PlanItem.objects.create(plan=plan, exercise=some_exercise)

    response = alice_client.post("/api/v1/logs/", {**body, "plan_item": item.pk}, format="json")

    assert response.status_code == 400
    assert "plan_item" in response.json()


def test_list_filters_by_since_and_until(alice_client, body):
    now = timezone.now()
    for hours in (1, 5, 30):
        alice_client.post(
            "/api/v1/logs/",
            {
                **body,
                "id": str(uuid.uuid4()),
                "performed_at": (now - timedelta(hours=hours)).isoformat(),
            },
            format="json",
        )

    response = alice_client.get(
        "/api/v1/logs/",
        {
            "since": (now - timedelta(hours=10)).isoformat(),
            "until": (now - timedelta(hours=2)).isoformat(),
        },
    )

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_list_refuses_a_window_that_ends_before_it_starts(alice_client):
    response = alice_client.get(
        "/api/v1/logs/", {"since": "2026-02-01T00:00:00Z", "until": "2026-01-01T00:00:00Z"}
    )

    assert response.status_code == 400
    assert "until" in response.json()


def test_list_refuses_a_malformed_since(alice_client):
    assert alice_client.get("/api/v1/logs/", {"since": "yesterday"}).status_code == 400


def test_a_malformed_uuid_in_the_url_is_not_found(alice_client):
    assert alice_client.get("/api/v1/logs/not-a-uuid/").status_code == 404


def test_delete_removes_the_log(alice_client, body):
    alice_client.post("/api/v1/logs/", body, format="json")

    response = alice_client.delete(f"/api/v1/logs/{body['id']}/")

    assert response.status_code == 204
    assert not ExerciseLog.objects.exists()


def test_logs_need_a_login(anon_client):
    assert anon_client.get("/api/v1/logs/").status_code == 401
