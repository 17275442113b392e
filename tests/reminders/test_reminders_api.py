"""/api/v1/reminders/: sitting and fixed-time schedules, their next fire, and who may see them."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from reminders.models import Schedule
from reminders.services import schedule_save

URL = "/api/v1/reminders/"
BERLIN = ZoneInfo("Europe/Berlin")
# A Monday; 06:00 UTC is 07:00 in Berlin (CET) and 00:00 in Chicago (CST).
MONDAY_MORNING = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
ALL_DAY = {"window_start": "00:00", "window_end": "00:00", "weekdays": [1, 2, 3, 4, 5, 6, 7]}


def fire_time(body: dict) -> datetime:
    return datetime.fromisoformat(body["next_fire_at"])


@pytest.fixture
def bobs_schedule(bob):
    return schedule_save(user=bob, values={"kind": "sitting"}, now=timezone.now())


# -- create ---------------------------------------------------------------------


def test_a_sitting_reminder_gets_the_defaults_and_fires_on_the_local_45_minute_grid(
    alice_client, alice
):
    before = timezone.now()

    response = alice_client.post(URL, {"kind": "sitting"}, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["interval_minutes"] == 45
    assert (body["window_start"], body["window_end"]) == ("09:00", "17:30")
    assert body["weekdays"] == [1, 2, 3, 4, 5]
    assert body["channels"] == ["push"]
    assert body["is_active"] is True
    fire = fire_time(body)
    assert fire > before
    # alice lives in Berlin: the reminder falls on a weekday, 45, 90, ... minutes
    # after 09:00 on her wall clock, and before 17:30.
    local = fire.astimezone(BERLIN)
    assert local.isoweekday() in {1, 2, 3, 4, 5}
    since_nine = local.hour * 60 + local.minute - 9 * 60
    assert since_nine >= 45
    assert since_nine % 45 == 0
    assert local.time() < time(17, 30)
    stored = Schedule.objects.get(pk=body["id"])
    assert stored.user == alice
    assert stored.next_fire_at == fire


def test_a_berlin_sitting_reminder_fires_45_minutes_after_nine_local_time(alice):
    schedule = schedule_save(user=alice, values={"kind": "sitting"}, now=MONDAY_MORNING)

    # 09:45 CET is 08:45 UTC.
    assert schedule.next_fire_at == datetime(2026, 11, 23, 8, 45, tzinfo=UTC)


def test_the_same_reminder_for_a_chicago_user_fires_at_nine_forty_five_in_chicago(bob):
    schedule = schedule_save(user=bob, values={"kind": "sitting"}, now=MONDAY_MORNING)

    # 09:45 CST is 15:45 UTC.
    assert schedule.next_fire_at == datetime(2026, 11, 23, 15, 45, tzinfo=UTC)


def test_a_times_reminder_stores_its_times_sorted_once_and_fires_at_one_of_them(
    alice_client, library
):
    before = timezone.now()

    response = alice_client.post(
        URL,
        {
            "kind": "times",
            "times": ["18:00", "07:30", "07:30:00"],
            "weekdays": [1, 2, 3, 4, 5, 6, 7],
            "routine": "daily-home",
            "channels": ["push", "email"],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["times"] == ["07:30", "18:00"]
    assert body["routine"] == "daily-home"
    assert body["channels"] == ["push", "email"]
    fire = fire_time(body)
    assert before < fire <= before + timedelta(days=1)
    assert fire.astimezone(BERLIN).time() in {time(7, 30), time(18, 0)}
    stored = Schedule.objects.get(pk=body["id"])
    assert stored.times == ["07:30", "18:00"]
    assert stored.routine.slug == "daily-home"


# -- change ---------------------------------------------------------------------


def test_patch_recomputes_the_next_fire_time(alice_client, alice):
    schedule = schedule_save(user=alice, values={"kind": "sitting", **ALL_DAY}, now=timezone.now())
    # The only allowed weekday is the day after tomorrow (Berlin time), so the
    # next reminder is that day, one new interval after 09:00.
    day_after_tomorrow = timezone.now().astimezone(BERLIN).date() + timedelta(days=2)

    response = alice_client.patch(
        f"{URL}{schedule.pk}/",
        {
            "weekdays": [day_after_tomorrow.isoweekday()],
            "window_start": "09:00",
            "window_end": "17:30",
            "interval_minutes": 60,
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    expected = datetime.combine(day_after_tomorrow, time(10, 0), tzinfo=BERLIN)
    assert fire_time(response.json()) == expected
    schedule.refresh_from_db()
    assert schedule.next_fire_at == expected
    assert schedule.interval_minutes == 60
    assert schedule.kind == "sitting"


def test_pausing_moves_the_next_fire_to_the_end_of_the_pause(alice_client, alice):
    schedule = schedule_save(user=alice, values={"kind": "sitting", **ALL_DAY}, now=timezone.now())
    until = datetime.combine(
        timezone.now().astimezone(BERLIN).date() + timedelta(days=3), time(12, 0), tzinfo=BERLIN
    )

    response = alice_client.patch(
        f"{URL}{schedule.pk}/", {"paused_until": until.isoformat()}, format="json"
    )

    assert response.status_code == 200, response.content
    assert datetime.fromisoformat(response.json()["paused_until"]) == until
    # Sitting since midnight: the first reminder after the pause is its end.
    assert fire_time(response.json()) == until
    schedule.refresh_from_db()
    assert schedule.paused_until == until
    assert schedule.next_fire_at == until


def test_switching_a_reminder_off_clears_its_next_fire(alice_client, alice):
    schedule = schedule_save(user=alice, values={"kind": "sitting"}, now=timezone.now())

    response = alice_client.patch(f"{URL}{schedule.pk}/", {"is_active": False}, format="json")

    assert response.status_code == 200
    assert response.json()["next_fire_at"] is None
    schedule.refresh_from_db()
    assert schedule.is_active is False
    assert schedule.next_fire_at is None


def test_delete_removes_the_reminder(alice_client, alice):
    schedule = schedule_save(user=alice, values={"kind": "sitting"}, now=timezone.now())

    response = alice_client.delete(f"{URL}{schedule.pk}/")

    assert response.status_code == 204
    assert not Schedule.objects.filter(pk=schedule.pk).exists()


# -- bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"interval_minutes": 14}, "interval_minutes"),
        ({"interval_minutes": 241}, "interval_minutes"),
        ({"weekdays": [0]}, "weekdays"),
        ({"weekdays": [8]}, "weekdays"),
        ({"weekdays": [1, 1]}, "weekdays"),
        ({"weekdays": []}, "weekdays"),
        ({"kind": "times"}, "times"),
        ({"kind": "times", "times": []}, "times"),
        ({"quiet_start": "22:00"}, "quiet_end"),
        ({"quiet_start": "22:00", "quiet_end": None}, "quiet_end"),
        ({"channels": ["sms"]}, "channels"),
        ({"channels": ["push", "push"]}, "channels"),
        ({"routine": "no-such-routine"}, "routine"),
        ({"kind": "hourly"}, "kind"),
        ({"window_start": "25:00"}, "window_start"),
    ],
)
def test_bad_fields_answer_400_naming_the_field_and_store_nothing(
    alice_client, library, change, field
):
    response = alice_client.post(URL, {"kind": "sitting", **change}, format="json")

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Schedule.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "times", "times": ["08:00"]}, "kind"),
        ({"interval_minutes": 241}, "interval_minutes"),
        ({"weekdays": []}, "weekdays"),
        ({"quiet_end": "06:00"}, "quiet_end"),
    ],
)
def test_a_bad_patch_answers_400_and_changes_nothing(alice_client, alice, change, field):
    schedule = schedule_save(user=alice, values={"kind": "sitting"}, now=timezone.now())
    before = Schedule.objects.filter(pk=schedule.pk).values().get()

    response = alice_client.patch(f"{URL}{schedule.pk}/", change, format="json")

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert Schedule.objects.filter(pk=schedule.pk).values().get() == before


def test_a_times_reminder_cannot_lose_all_its_times(alice_client, alice):
    schedule = schedule_save(
        user=alice, values={"kind": "times", "times": ["08:00"]}, now=timezone.now()
    )

    response = alice_client.patch(f"{URL}{schedule.pk}/", {"times": []}, format="json")

    assert response.status_code == 400
    assert "times" in response.json()
    schedule.refresh_from_db()
    assert schedule.times == ["08:00"]


# -- other people's reminders --------------------------------------------------------


def test_the_list_holds_only_the_users_own_reminders(alice_client, alice, bobs_schedule):
    own = schedule_save(user=alice, values={"kind": "sitting"}, now=timezone.now())

    response = alice_client.get(URL)

    assert response.status_code == 200
    assert [s["id"] for s in response.json()["results"]] == [own.pk]


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_another_users_reminder_is_not_found_and_left_alone(alice_client, bobs_schedule, method):
    before = Schedule.objects.filter(pk=bobs_schedule.pk).values().get()

    response = getattr(alice_client, method)(
        f"{URL}{bobs_schedule.pk}/", {"interval_minutes": 60}, format="json"
    )

    # 404, not 403: whether the id exists is nobody else's business.
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert Schedule.objects.filter(pk=bobs_schedule.pk).values().get() == before


def test_without_login_the_api_answers_401_and_creates_nothing(anon_client, bobs_schedule):
    listed = anon_client.get(URL)
    created = anon_client.post(URL, {"kind": "sitting"}, format="json")
    read = anon_client.get(f"{URL}{bobs_schedule.pk}/")

    assert (listed.status_code, created.status_code, read.status_code) == (401, 401, 401)
    assert "interval_minutes" not in read.json()
    assert Schedule.objects.count() == 1
