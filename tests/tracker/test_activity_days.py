"""The day counts the therapists' dashboard reads (tracker.activity_days) follow
every way a person writes, moves or deletes a session or a pain rating, and
always equal a count from the rows themselves."""

import uuid
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from exercises.models import Exercise, ExerciseLog
from exercises.services import plan_create
from tests.conftest import client_for
from tracker.activity_days import activity_day_add, activity_days_recount
from tracker.days import day_start
from tracker.models import ActivityDay, PainEntry
from tracker.selectors import pain_by_local_day, sessions_by_local_day

# A stretch of the library, logged on its own.
STRETCH = "standing-lunge-tuck"
# Monday 2026-06-15, 09:00 UTC: 11:00 in Berlin.
NOW = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)


def kept(user) -> dict[date, tuple[int, int, int]]:
    return {
        day: (sessions, entries, total)
        for day, sessions, entries, total in ActivityDay.objects.filter(user=user).values_list(
            "date", "sessions", "pain_entries", "pain_total"
        )
    }


def counted(user) -> dict[date, tuple[int, int, int]]:
    """The counts straight from the rows, as progress/ makes them."""
    since, until = day_start(date(2000, 1, 1), UTC), day_start(date(2100, 1, 1), UTC)
    sessions = sessions_by_local_day(user=user, since=since, until=until)
    pain = pain_by_local_day(user=user, since=since, until=until)
    return {
        day: (
            sessions.get(day, 0),
            pain[day]["n"] if day in pain else 0,
            pain[day]["total"] if day in pain else 0,
        )
        for day in sessions.keys() | pain.keys()
    }


def at(user, day: date, hour: int, minute: int = 0) -> str:
    return (day_start(day, user.tzinfo) + timedelta(hours=hour, minutes=minute)).isoformat()


@pytest.fixture
def berta(alice):
    alice.timezone = "Europe/Berlin"
    alice.save()
    return alice


@pytest.fixture
def client(berta):
    return client_for(berta)


def log(client, performed_at: str, **fields) -> dict:
    body = {"id": str(uuid.uuid4()), "performed_at": performed_at, **fields}
    response = client.put(f"/api/v1/logs/{body['id']}/", body, format="json")
    assert response.status_code == 201, response.content
    return body


def rate(client, recorded_at: str, rating: int) -> dict:
    body = {"id": str(uuid.uuid4()), "recorded_at": recorded_at, "rating": rating}
    response = client.put(f"/api/v1/pain/{body['id']}/", body, format="json")
    assert response.status_code == 201, response.content
    return body


def test_new_sessions_and_ratings_are_counted_on_their_local_day(berta, client, library):
    day = date(2026, 6, 14)
    log(client, at(berta, day, 0, 5), exercise=STRETCH)  # 22:05 UTC before
    log(client, at(berta, day, 23, 55), exercise=STRETCH)
    rate(client, at(berta, day, 8), 6)
    rate(client, at(berta, day, 20), 3)
    rate(client, at(berta, day + timedelta(days=1), 0, 1), 9)

    assert kept(berta) == {day: (2, 2, 9), day + timedelta(days=1): (0, 1, 9)}
    assert kept(berta) == counted(berta)


def test_a_session_moved_to_another_day_leaves_its_old_day(berta, client, library):
    first, second = date(2026, 6, 10), date(2026, 6, 12)
    body = log(client, at(berta, first, 10), exercise=STRETCH)

    moved = client.put(
        f"/api/v1/logs/{body['id']}/",
        {**body, "performed_at": at(berta, second, 10)},
        format="json",
    )

    assert moved.status_code == 200, moved.content
    assert kept(berta) == {second: (1, 0, 0)}
    assert kept(berta) == counted(berta)


def test_a_changed_rating_and_deleted_rows_are_counted_again(berta, client, library):
    day = date(2026, 6, 10)
    body = rate(client, at(berta, day, 9), 4)
    rate(client, at(berta, day, 10), 6)
    session = log(client, at(berta, day, 11), exercise=STRETCH)

    client.put(f"/api/v1/pain/{body['id']}/", {**body, "rating": 8}, format="json")
    assert kept(berta) == {day: (1, 2, 14)}
    assert client.delete(f"/api/v1/logs/{session['id']}/").status_code == 204
    assert client.delete(f"/api/v1/pain/{body['id']}/").status_code == 204

    assert kept(berta) == {day: (0, 1, 6)}
    assert kept(berta) == counted(berta)


def test_the_last_row_of_a_day_deleted_leaves_no_day(berta, client, library):
    body = log(client, at(berta, date(2026, 6, 10), 9), exercise=STRETCH)

    client.delete(f"/api/v1/logs/{body['id']}/")

    assert kept(berta) == {}


def test_the_parts_of_a_routine_finished_early_count_as_one_session(berta, client, library):
    day = date(2026, 6, 10)
    moment = at(berta, day, 18)
    for exercise in ("slow-sit-back", STRETCH):
        log(client, moment, routine="daily-home", exercise=exercise)
    log(client, at(berta, day, 19), routine="daily-home")  # the whole routine, later

    assert kept(berta) == {day: (2, 0, 0)}
    assert kept(berta) == counted(berta)


def test_a_change_of_zone_moves_every_day(berta, client, library):
    day = date(2026, 6, 10)
    log(client, at(berta, day, 0, 30), exercise=STRETCH)  # 22:30 UTC
    rate(client, at(berta, day, 1, 30), 5)  # 23:30 UTC the day before

    response = client.patch("/api/v1/me/", {"timezone": "America/Chicago"}, format="json")

    assert response.status_code == 200, response.content
    berta.refresh_from_db()
    # Both were on the 9th in Chicago (17:30 and 18:30 there).
    assert kept(berta) == {day - timedelta(days=1): (1, 1, 5)}
    assert kept(berta) == counted(berta)


def test_a_plan_session_logged_from_today_counts_each_exercise(berta, library, client):
    exercises = list(Exercise.objects.filter(audience="self_care").order_by("order")[:2])
    plan = plan_create(user=berta, name="Hips", items=[{"exercise": e} for e in exercises])
    pages = Client()
    pages.force_login(berta)

    response = pages.post("/today/", {"kind": "plan", "plan": plan.pk})

    assert response.status_code == 302, response.content[:300]
    assert ExerciseLog.objects.filter(user=berta).count() == 2
    assert list(kept(berta).values()) == [(2, 0, 0)]
    assert kept(berta) == counted(berta)


def test_a_deleted_account_takes_its_days_with_it(berta, client, library):
    log(client, at(berta, date(2026, 6, 10), 9), exercise=STRETCH)
    rate(client, at(berta, date(2026, 6, 10), 9), 5)

    berta.delete()

    assert not ActivityDay.objects.exists()


def test_the_rebuild_command_repairs_counts_written_around_the_models(berta, client, library):
    day = date(2026, 6, 10)
    body = log(client, at(berta, day, 9), exercise=STRETCH)
    # Changes that send no signals leave the kept counts wrong.
    ExerciseLog.objects.filter(pk=body["id"]).update(performed_at=NOW)
    ActivityDay.objects.filter(user=berta, date=day).update(sessions=7)

    call_command("activity_days_rebuild", stdout=StringIO())

    assert kept(berta) == {date(2026, 6, 15): (1, 0, 0)}
    assert kept(berta) == counted(berta)


def test_a_recount_sets_a_day_to_what_its_rows_say_whatever_was_added(berta, client, library):
    day = date(2026, 6, 10)
    log(client, at(berta, day, 9), exercise=STRETCH)
    activity_day_add(user_id=berta.pk, day=day, sessions=3, pain_entries=1, pain_total=4)
    assert kept(berta) == {day: (4, 1, 4)}

    activity_days_recount(user=berta, dates=[day])

    assert kept(berta) == {day: (1, 0, 0)}


def test_the_migration_counts_the_rows_already_stored(berta, library):
    from importlib import import_module

    from django.apps import apps

    backfill = import_module("tracker.migrations.0013_activity_day_backfill")
    stretch = Exercise.objects.get(slug=STRETCH)
    day = date(2026, 6, 10)
    ExerciseLog.objects.bulk_create(
        [
            ExerciseLog(user=berta, exercise=stretch, performed_at=NOW),
            ExerciseLog(user=berta, exercise=stretch, performed_at=day_start(day, berta.tzinfo)),
        ]
    )
    PainEntry.objects.bulk_create([PainEntry(user=berta, recorded_at=NOW, rating=7)])
    assert kept(berta) == {}

    backfill.count_days(apps, None)

    assert kept(berta) == {day: (1, 0, 0), date(2026, 6, 15): (1, 1, 7)}
    assert kept(berta) == counted(berta)


@pytest.mark.django_db(transaction=True)
def test_a_row_recounted_between_its_commit_and_its_count_is_counted_once(
    berta, library, monkeypatch
):
    from tracker import activity_days

    stretch = Exercise.objects.get(slug=STRETCH)
    add = activity_days.activity_day_add

    def add_after_a_resend(*, user_id, day, **counts):
        # What a resend of the same row, landing in between, does: count the day again.
        activity_days_recount(user=berta, dates=[day])
        add(user_id=user_id, day=day, **counts)

    monkeypatch.setattr(activity_days, "activity_day_add", add_after_a_resend)

    # Inserted without a transaction of its own: committed before it is counted.
    ExerciseLog.objects.create(user=berta, exercise=stretch, performed_at=NOW)

    assert kept(berta) == {date(2026, 6, 15): (1, 0, 0)}
