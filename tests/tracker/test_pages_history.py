"""The History page without JavaScript: the last 30 days of logs and pain ratings
by local day, each changed or deleted through the API's serializers and the same
services; another person's record is a 404, bad input a 400, neither changes
anything. And Today lists the day's pain ratings beside its logs after a reload."""

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from exercises.models import Exercise, ExerciseLog
from tracker.models import PainEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_browser(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def exercise(library) -> Exercise:
    return Exercise.objects.filter(audience="self_care").order_by("order").first()


def log_for(user, exercise, *, days_ago=0, **fields) -> ExerciseLog:
    return ExerciseLog.objects.create(
        user=user,
        exercise=exercise,
        performed_at=timezone.now() - timedelta(days=days_ago, minutes=1),
        **fields,
    )


def pain_for(user, rating, *, days_ago=0, **fields) -> PainEntry:
    return PainEntry.objects.create(
        user=user,
        rating=rating,
        recorded_at=timezone.now() - timedelta(days=days_ago, minutes=1),
        **fields,
    )


def test_history_lists_the_last_30_days_by_day_newest_first(alices_browser, alice, bob, exercise):
    recent = log_for(alice, exercise)
    pain = pain_for(alice, 4, days_ago=3)
    log_for(alice, exercise, days_ago=31)
    log_for(bob, exercise)

    response = alices_browser.get("/history/")

    assert response.status_code == 200
    days = response.context["days"]
    assert [[entry.record.pk for entry in day.entries] for day in days] == [[recent.pk], [pain.pk]]
    body = response.content.decode()
    assert f'id="entry-{recent.pk}"' in body
    assert "Pain 4/10" in body


def test_changing_a_log_keeps_what_the_form_does_not_name(alices_browser, alice, exercise):
    log = log_for(alice, exercise, note="", duration_seconds=90)

    response = alices_browser.post(
        "/history/",
        {
            "action": "edit",
            "kind": "log",
            "id": str(log.pk),
            "sets": "2",
            "reps": "",
            "hold_seconds": "30",
            "note": "left side only",
        },
    )

    assert response.status_code == 302
    log.refresh_from_db()
    assert (log.sets, log.reps, log.hold_seconds, log.note) == (2, None, 30, "left side only")
    assert (log.exercise, log.duration_seconds) == (exercise, 90)


def test_changing_a_pain_rating_stores_the_new_rating_and_places(alices_browser, alice):
    entry = pain_for(alice, 7, locations=["lower_back"])

    response = alices_browser.post(
        "/history/",
        {"action": "edit", "kind": "pain", "id": str(entry.pk), "rating": "3", "note": "better"},
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.rating, entry.locations, entry.note) == (3, [], "better")


@pytest.mark.parametrize("kind", ["log", "pain"])
def test_deleting_removes_only_that_record(alices_browser, alice, exercise, kind):
    keep = log_for(alice, exercise)
    record = log_for(alice, exercise) if kind == "log" else pain_for(alice, 5)

    response = alices_browser.post(
        "/history/", {"action": "delete", "kind": kind, "id": str(record.pk)}
    )

    assert response.status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()
    assert ExerciseLog.objects.filter(pk=keep.pk).exists()


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_another_persons_record_is_not_found_and_unchanged(alices_browser, bob, exercise, action):
    log = log_for(bob, exercise, sets=1)
    pain = pain_for(bob, 6)

    for kind, record in (("log", log), ("pain", pain)):
        response = alices_browser.post(
            "/history/",
            {"action": action, "kind": kind, "id": str(record.pk), "sets": "9", "rating": "0"},
        )
        assert response.status_code == 404

    log.refresh_from_db()
    pain.refresh_from_db()
    assert (log.sets, pain.rating) == (1, 6)


@pytest.mark.parametrize(
    "form",
    [
        {"id": "not-a-uuid"},
        {"id": "UNKNOWN"},
        {"kind": "goal"},
    ],
)
def test_an_unknown_or_malformed_id_or_kind_is_not_found(alices_browser, alice, exercise, form):
    log = log_for(alice, exercise)
    data = {"action": "delete", "kind": "log", "id": str(log.pk)} | form
    if data["id"] == "UNKNOWN":
        data["id"] = str(uuid.uuid4())

    response = alices_browser.post("/history/", data)

    assert response.status_code == 404
    assert ExerciseLog.objects.filter(pk=log.pk).exists()


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("log", {"sets": "-1"}),
        ("log", {"reps": "many"}),
        ("log", {"hold_seconds": "99999"}),
        ("log", {"note": "x" * 2001}),
        ("pain", {"rating": "11"}),
        ("pain", {"rating": ""}),
        ("pain", {"rating": "4", "locations": ["elbow"]}),
    ],
)
def test_bad_input_is_a_400_that_changes_nothing(alices_browser, alice, exercise, kind, fields):
    record = log_for(alice, exercise, sets=3) if kind == "log" else pain_for(alice, 5)

    response = alices_browser.post(
        "/history/", {"action": "edit", "kind": kind, "id": str(record.pk)} | fields
    )

    assert response.status_code == 400
    assert response.context["error_id"] == str(record.pk)
    assert 'id="form-errors"' in response.content.decode()
    record.refresh_from_db()
    assert (record.sets if kind == "log" else record.rating) == (3 if kind == "log" else 5)
    assert record.note == ""


def test_an_unknown_action_is_a_400(alices_browser, alice, exercise):
    log = log_for(alice, exercise)

    response = alices_browser.post(
        "/history/", {"action": "rename", "kind": "log", "id": str(log.pk)}
    )

    assert response.status_code == 400
    assert ExerciseLog.objects.filter(pk=log.pk).exists()


def test_the_api_delete_runs_the_same_service(alice_client, alice, bob, exercise):
    log = log_for(alice, exercise)
    bobs = pain_for(bob, 2)

    assert alice_client.delete(f"/api/v1/logs/{log.pk}/").status_code == 204
    assert alice_client.delete(f"/api/v1/logs/{log.pk}/").status_code == 404
    assert alice_client.delete(f"/api/v1/pain/{bobs.pk}/").status_code == 404
    assert not ExerciseLog.objects.filter(pk=log.pk).exists()
    assert PainEntry.objects.filter(pk=bobs.pk).exists()


def test_today_lists_the_days_pain_ratings_with_its_logs(alices_browser, alice, exercise):
    log_for(alice, exercise)
    pain = pain_for(alice, 6, locations=["lower_back"])
    pain_for(alice, 2, days_ago=2)

    response = alices_browser.get("/today/")

    body = response.content.decode()
    assert response.status_code == 200
    assert [entry.kind for entry in response.context["logged_today"]] == ["pain", "log"]
    assert f'data-record-id="{pain.pk}"' in body
    assert "Pain 6/10" in body
    assert "Pain 2/10" not in body
