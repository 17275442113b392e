"""/api/v1/deliveries/: the reminders that fell due, and done, snooze and skip on them.

The actions accept either a login or the signed token from the push payload;
the token answers for its one delivery only.
"""

import csv
import io
import time
import zipfile
from datetime import datetime, timedelta

import pytest
from django.core import signing
from django.utils import timezone

from exercises.models import ExerciseLog, LogOrigin
from reminders.models import Delivery, DeliveryKind, DeliveryState, Drive, Schedule
from reminders.services import TOKEN_SALT, action_token

URL = "/api/v1/deliveries/"


def make_schedule(user, **fields) -> Schedule:
    # Every day, all day: a snooze lands inside the window whenever the test runs.
    values = {
        "kind": "sitting",
        "weekdays": [1, 2, 3, 4, 5, 6, 7],
        "window_start": "00:00",
        "window_end": "00:00",
        "next_fire_at": timezone.now() + timedelta(minutes=40),
        **fields,
    }
    return Schedule.objects.create(user=user, **values)


def make_delivery(user, *, schedule=None, minutes_ago=5, **fields) -> Delivery:
    schedule = schedule or make_schedule(user)
    kind = DeliveryKind.TIMES if schedule.kind == "times" else DeliveryKind.SITTING
    return Delivery.objects.create(
        user=user,
        schedule=schedule,
        kind=kind,
        due_at=timezone.now() - timedelta(minutes=minutes_ago),
        state=DeliveryState.SENT,
        **fields,
    )


def unchanged(delivery: Delivery) -> bool:
    fresh = Delivery.objects.get(pk=delivery.pk)
    return (fresh.action, fresh.acted_at) == ("", None)


@pytest.fixture
def alices(alice, library) -> Delivery:
    return make_delivery(alice)


@pytest.fixture
def bobs(bob, library) -> Delivery:
    return make_delivery(bob)


# -- list -----------------------------------------------------------------------


def test_the_list_holds_only_the_users_own_deliveries_newest_first(alice_client, alice, bobs):
    older = make_delivery(alice, minutes_ago=90)
    newer = make_delivery(alice, minutes_ago=5)

    response = alice_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert [d["id"] for d in body] == [newer.pk, older.pk]
    assert body[0]["kind"] == "sitting"
    assert body[0]["state"] == "sent"
    assert body[0]["schedule"] == newer.schedule_id


def test_since_keeps_only_deliveries_due_from_then_on(alice_client, alice):
    make_delivery(alice, minutes_ago=90)
    recent = make_delivery(alice, minutes_ago=5)
    since = (timezone.now() - timedelta(minutes=30)).isoformat()

    response = alice_client.get(URL, {"since": since})

    assert response.status_code == 200
    assert [d["id"] for d in response.json()] == [recent.pk]


def test_a_malformed_since_answers_400(alice_client, alice):
    make_delivery(alice)

    response = alice_client.get(URL, {"since": "yesterday"})

    assert response.status_code == 400
    assert "since" in response.json()


def test_the_list_needs_a_login(anon_client, bobs):
    response = anon_client.get(URL)

    assert response.status_code == 401
    assert "results" not in response.json()


# -- done ------------------------------------------------------------------------


def test_done_logs_the_suggested_routine_once_as_from_a_reminder(alice_client, alice, alices):
    before = timezone.now()

    response = alice_client.post(f"{URL}{alices.pk}/done/", {}, format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["action"] == "done"
    assert datetime.fromisoformat(body["acted_at"]) >= before
    log = ExerciseLog.objects.get()
    assert log.user == alice
    # The schedule names no routine: a sitting break suggests the desk break.
    assert log.routine.slug == "desk-break"
    assert log.origin == LogOrigin.REMINDER
    assert log.origin_delivery_id == alices.pk
    alices.refresh_from_db()
    assert alices.action == "done"


def test_a_log_made_by_done_names_its_delivery_in_the_api_and_the_exports(
    alice_client, alice, alices
):
    alice_client.post(f"{URL}{alices.pk}/done/", {}, format="json")
    log = ExerciseLog.objects.get()

    listed = alice_client.get("/api/v1/logs/").json()
    one = alice_client.get(f"/api/v1/logs/{log.pk}/").json()
    exported = alice_client.get("/api/v1/me/export/").json()
    with zipfile.ZipFile(io.BytesIO(alice_client.get("/api/v1/me/export/csv/").content)) as zf:
        name = next(n for n in zf.namelist() if n.endswith("logs.csv"))
        rows = list(csv.DictReader(io.StringIO(zf.read(name).decode("utf-8-sig"))))

    results = listed["results"] if isinstance(listed, dict) else listed
    assert [(r["origin"], r["delivery"]) for r in results] == [("reminder", alices.pk)]
    assert one["delivery"] == alices.pk
    assert [(r["origin"], r["delivery"]) for r in exported["logs"]] == [("reminder", alices.pk)]
    assert [(r["origin"], r["delivery"]) for r in rows] == [("reminder", str(alices.pk))]


def test_a_log_made_by_hand_names_no_delivery(alice_client, alice, library):
    response = alice_client.put(
        "/api/v1/logs/3f1d7a2e-9b7c-4e0a-8d7e-2a4b6c8d0e1f/",
        {"performed_at": timezone.now().isoformat(), "routine": "desk-break"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert (response.json()["origin"], response.json()["delivery"]) == ("manual", None)


def test_done_logs_the_routine_the_schedule_names(alice_client, alice, library):
    from exercises.models import Routine

    schedule = make_schedule(alice, kind="times", times=["08:00"])
    delivery = make_delivery(
        alice, schedule=schedule, routine=Routine.objects.get(slug="truck-stop")
    )

    response = alice_client.post(f"{URL}{delivery.pk}/done/", {}, format="json")

    assert response.status_code == 200
    assert ExerciseLog.objects.get().routine.slug == "truck-stop"


def test_a_second_done_answers_200_and_still_leaves_one_log(alice_client, alices):
    first = alice_client.post(f"{URL}{alices.pk}/done/", {}, format="json")

    again = alice_client.post(f"{URL}{alices.pk}/done/", {}, format="json")

    assert (first.status_code, again.status_code) == (200, 200)
    # A service worker retrying Done must not log the stretch twice.
    assert again.json()["acted_at"] == first.json()["acted_at"]
    assert ExerciseLog.objects.count() == 1


def test_done_after_skip_answers_409_and_logs_nothing(alice_client, alices):
    alice_client.post(f"{URL}{alices.pk}/skip/", {}, format="json")

    response = alice_client.post(f"{URL}{alices.pk}/done/", {}, format="json")

    assert response.status_code == 409
    assert "skipped" in response.json()["detail"]
    alices.refresh_from_db()
    assert alices.action == "skipped"
    assert not ExerciseLog.objects.exists()


# -- snooze -----------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [10, 20, 30])
def test_snooze_brings_the_reminder_back_after_the_minutes_given(alice_client, alices, minutes):
    before = timezone.now()

    response = alice_client.post(f"{URL}{alices.pk}/snooze/", {"minutes": minutes}, format="json")

    after = timezone.now()
    assert response.status_code == 200, response.content
    assert response.json()["action"] == "snoozed"
    schedule = Schedule.objects.get(pk=alices.schedule_id)
    assert before + timedelta(minutes=minutes) <= schedule.next_fire_at
    assert schedule.next_fire_at <= after + timedelta(minutes=minutes)
    assert schedule.snoozed_until == schedule.next_fire_at
    assert not ExerciseLog.objects.exists()


def test_snoozing_a_fixed_time_reminder_brings_it_back_too(alice_client, alice, library):
    # Its next fixed time is hours away, whenever the test runs.
    later = (timezone.now().astimezone(alice.tzinfo) + timedelta(hours=6)).strftime("%H:%M")
    schedule = make_schedule(alice, kind="times", times=[later])
    delivery = make_delivery(alice, schedule=schedule)
    before = timezone.now()

    response = alice_client.post(f"{URL}{delivery.pk}/snooze/", {"minutes": 10}, format="json")

    after = timezone.now()
    assert response.status_code == 200, response.content
    schedule.refresh_from_db()
    assert before + timedelta(minutes=10) <= schedule.next_fire_at
    assert schedule.next_fire_at <= after + timedelta(minutes=10)


@pytest.mark.parametrize("minutes", [15, 0, "ten", None])
def test_snooze_for_other_minutes_answers_400_and_changes_nothing(alice_client, alices, minutes):
    fire_before = Schedule.objects.get(pk=alices.schedule_id).next_fire_at

    response = alice_client.post(f"{URL}{alices.pk}/snooze/", {"minutes": minutes}, format="json")

    assert response.status_code == 400
    assert "minutes" in response.json()
    assert unchanged(alices)
    schedule = Schedule.objects.get(pk=alices.schedule_id)
    assert (schedule.next_fire_at, schedule.snoozed_until) == (fire_before, None)


def test_a_drive_reminder_cannot_be_snoozed(alice_client, alice, library):
    now = timezone.now()
    drive = Drive.objects.create(user=alice, started_at=now - timedelta(hours=2))
    delivery = Delivery.objects.create(
        user=alice, drive=drive, kind=DeliveryKind.DRIVE, due_at=now, state=DeliveryState.SENT
    )

    response = alice_client.post(f"{URL}{delivery.pk}/snooze/", {"minutes": 10}, format="json")

    assert response.status_code == 409
    assert unchanged(delivery)


# -- skip ---------------------------------------------------------------------------


def test_skip_records_the_answer_and_logs_nothing(alice_client, alices):
    fire_before = Schedule.objects.get(pk=alices.schedule_id).next_fire_at

    response = alice_client.post(f"{URL}{alices.pk}/skip/", {}, format="json")

    assert response.status_code == 200
    assert response.json()["action"] == "skipped"
    alices.refresh_from_db()
    assert alices.action == "skipped"
    assert alices.acted_at is not None
    assert not ExerciseLog.objects.exists()
    assert Schedule.objects.get(pk=alices.schedule_id).next_fire_at == fire_before


# -- other people's deliveries ---------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "body"), [("done", {}), ("snooze", {"minutes": 10}), ("skip", {})]
)
def test_another_users_delivery_is_not_found_and_left_alone(alice_client, bobs, action, body):
    fire_before = Schedule.objects.get(pk=bobs.schedule_id).next_fire_at

    response = alice_client.post(f"{URL}{bobs.pk}/{action}/", body, format="json")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert unchanged(bobs)
    assert Schedule.objects.get(pk=bobs.schedule_id).next_fire_at == fire_before
    assert not ExerciseLog.objects.exists()


def test_a_logged_in_user_cannot_use_anothers_token(alice_client, bobs):
    response = alice_client.post(
        f"{URL}{bobs.pk}/done/", {"token": action_token(bobs.pk)}, format="json"
    )

    assert response.status_code == 404
    assert unchanged(bobs)


# -- the action token ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "body", "expected"),
    [("done", {}, "done"), ("snooze", {"minutes": 20}, "snoozed"), ("skip", {}, "skipped")],
)
def test_the_token_lets_a_service_worker_answer_without_a_login(
    anon_client, alices, action, body, expected
):
    response = anon_client.post(
        f"{URL}{alices.pk}/{action}/", {**body, "token": action_token(alices.pk)}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["action"] == expected
    alices.refresh_from_db()
    assert alices.action == expected


def test_the_done_token_logs_for_the_deliverys_owner(anon_client, alice, alices):
    response = anon_client.post(
        f"{URL}{alices.pk}/done/", {"token": action_token(alices.pk)}, format="json"
    )

    assert response.status_code == 200
    assert ExerciseLog.objects.get().user == alice


def test_a_token_for_one_delivery_does_not_answer_another(anon_client, alice, alices):
    other = make_delivery(alice)

    response = anon_client.post(
        f"{URL}{other.pk}/done/", {"token": action_token(alices.pk)}, format="json"
    )

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert unchanged(other)
    assert unchanged(alices)
    assert not ExerciseLog.objects.exists()


@pytest.mark.parametrize("body", [{"token": "garbage"}, {}], ids=["garbage token", "no token"])
def test_without_a_valid_token_or_login_the_answer_is_404_and_nothing_changes(
    anon_client, alices, body
):
    fire_before = Schedule.objects.get(pk=alices.schedule_id).next_fire_at

    done = anon_client.post(f"{URL}{alices.pk}/done/", body, format="json")
    snooze = anon_client.post(f"{URL}{alices.pk}/snooze/", {**body, "minutes": 10}, format="json")
    skip = anon_client.post(f"{URL}{alices.pk}/skip/", body, format="json")

    # The same answer as for a delivery that does not exist: nothing to probe.
    assert (done.status_code, snooze.status_code, skip.status_code) == (404, 404, 404)
    assert set(done.json()) == {"detail"}
    assert unchanged(alices)
    assert Schedule.objects.get(pk=alices.schedule_id).next_fire_at == fire_before
    assert not ExerciseLog.objects.exists()


def test_an_empty_token_answers_400_naming_it(anon_client, alices):
    response = anon_client.post(f"{URL}{alices.pk}/skip/", {"token": ""}, format="json")

    assert response.status_code == 400
    assert "token" in response.json()
    assert unchanged(alices)


def test_an_expired_token_is_refused(anon_client, alices, settings):
    class SignedLongAgo(signing.TimestampSigner):
        def timestamp(self):
            hours = settings.REMINDERS_ACTION_TOKEN_HOURS + 1
            return signing.b62_encode(int(time.time()) - hours * 3600)

    token = SignedLongAgo(salt=TOKEN_SALT).sign(str(alices.pk))

    response = anon_client.post(f"{URL}{alices.pk}/skip/", {"token": token}, format="json")

    assert response.status_code == 404
    assert unchanged(alices)


def test_a_token_signed_with_another_salt_is_refused(anon_client, alices):
    forged = signing.TimestampSigner().sign(str(alices.pk))

    response = anon_client.post(f"{URL}{alices.pk}/skip/", {"token": forged}, format="json")

    assert response.status_code == 404
    assert unchanged(alices)
