"""Library slugs that are no slugs: a clear 400, never a database error."""

import uuid

import pytest

from exercises.models import ExerciseLog

EXERCISE_MESSAGE = "Give the exercise's slug as text."
ROUTINE_MESSAGE = "Give the slug as text."


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        # PostgreSQL refuses to compare text holding NUL, which used to answer 500.
        ("exercise", "hip-flexor\x00", EXERCISE_MESSAGE),
        ("routine", "desk-break\x00", ROUTINE_MESSAGE),
        ("exercise", 42, EXERCISE_MESSAGE),
        ("routine", ["desk-break"], ROUTINE_MESSAGE),
    ],
)
def test_a_log_naming_a_bad_slug_answers_400_and_stores_nothing(
    library, alice_client, field, value, message
):
    body = {"id": str(uuid.uuid4()), "performed_at": "2025-03-01T08:00:00Z", field: value}

    response = alice_client.post("/api/v1/logs/", body, format="json")

    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert not ExerciseLog.objects.exists()


def test_a_plan_naming_an_exercise_slug_with_nul_answers_400(library, alice_client):
    body = {"name": "Mine", "items": [{"exercise": "x\x00"}]}

    response = alice_client.post("/api/v1/plans/", body, format="json")

    assert response.status_code == 400
    # DRF keys a list's errors by position.
    assert response.json() == {"items": {"0": {"exercise": [EXERCISE_MESSAGE]}}}
