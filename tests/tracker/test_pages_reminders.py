"""Reminders settings: edit, create, delete and pause; bad input and others' schedules."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from reminders.models import Schedule, ScheduleKind

pytestmark = pytest.mark.django_db

URL = "/settings/reminders/"


def sitting_form(schedule_id=None, **changes) -> dict:
    data = {
        "op": "save" if schedule_id else "create",
        "name": "Work breaks",
        "is_active": "1",
        "interval_minutes": "45",
        "window_start": "09:00",
        "window_end": "17:30",
        "weekdays": ["1", "2", "3", "4", "5"],
        "quiet_start": "",
        "quiet_end": "",
        "paused_until": "",
        "channels": ["push"],
        "routine": "",
    }
    if schedule_id:
        data["schedule"] = str(schedule_id)
    else:
        data["kind"] = "sitting"
    data.update(changes)
    return data


def snapshot(schedule: Schedule) -> dict:
    fresh = Schedule.objects.get(pk=schedule.pk)
    return {f.name: getattr(fresh, f.name) for f in Schedule._meta.fields}


@pytest.fixture
def alice_browser(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def alices(alice) -> Schedule:
    return Schedule.objects.create(user=alice, kind=ScheduleKind.SITTING, name="Work breaks")


@pytest.fixture
def bobs(bob) -> Schedule:
    return Schedule.objects.create(user=bob, kind=ScheduleKind.SITTING, name="Bob's breaks")


def test_the_page_lists_only_the_users_own_reminders(alice_browser, alices, bobs):
    response = alice_browser.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="s{alices.pk}"' in page
    assert "Every 45 min, 09:00 to 17:30, Monday to Friday" in page
    assert f'id="s{bobs.pk}"' not in page
    assert "Bob&#x27;s breaks" not in page


def test_editing_the_interval_window_days_and_quiet_hours_saves_them(alice_browser, alices):
    response = alice_browser.post(
        URL,
        sitting_form(
            alices.pk,
            interval_minutes="30",
            window_start="08:00",
            weekdays=["1", "2"],
            quiet_start="12:00",
            quiet_end="13:00",
            channels=["push", "email"],
        ),
    )

    assert response.status_code == 302
    alices.refresh_from_db()
    assert alices.interval_minutes == 30
    assert alices.window_start.strftime("%H:%M") == "08:00"
    assert alices.weekdays == [1, 2]
    assert (alices.quiet_start.hour, alices.quiet_end.hour) == (12, 13)
    assert alices.channels == ["push", "email"]
    assert alices.next_fire_at is not None


def test_the_suggested_routine_is_saved(alice_browser, alices, library):
    alice_browser.post(URL, sitting_form(alices.pk, routine="daily-home"))

    alices.refresh_from_db()
    assert alices.routine.slug == "daily-home"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"interval_minutes": "5"}, "interval_minutes"),
        ({"interval_minutes": "241"}, "interval_minutes"),
        ({"window_end": "nope"}, "window_end"),
        ({"weekdays": []}, "weekdays"),
        ({"weekdays": ["8"]}, "weekdays"),
        ({"channels": []}, "channels"),
        ({"channels": ["pigeon"]}, "channels"),
        ({"quiet_start": "22:00"}, "quiet_end"),
        ({"paused_until": "tomorrow"}, "paused_until"),
        ({"routine": "no-such-routine"}, "routine"),
    ],
)
def test_bad_input_answers_400_naming_the_field_and_changes_nothing(
    alice_browser, alices, changes, field
):
    before = snapshot(alices)

    response = alice_browser.post(URL, sitting_form(alices.pk, **changes))

    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="s{alices.pk}-{field.replace("_minutes", "").replace("_", "-")}-errors"' in page
    assert snapshot(alices) == before


def test_the_bad_value_is_shown_again_for_correction(alice_browser, alices):
    response = alice_browser.post(URL, sitting_form(alices.pk, interval_minutes="5"))

    assert 'value="5"' in response.content.decode()


def test_pause_until_is_read_in_the_users_time_zone(alice_browser, alice, alices):
    # Alice lives in Berlin: 10:00 there on 2 July is 08:00 UTC (summer time).
    alice_browser.post(URL, sitting_form(alices.pk, paused_until="2035-07-02T10:00"))

    alices.refresh_from_db()
    assert alices.paused_until == datetime(2035, 7, 2, 8, 0, tzinfo=UTC)
    page = alice_browser.get(URL).content.decode()
    assert 'value="2035-07-02T10:00"' in page
    assert "Paused until" in page


def test_creating_a_routine_time_reminder(alice_browser, alice):
    response = alice_browser.post(
        URL,
        {
            "op": "create",
            "kind": "times",
            "name": "",
            "is_active": "1",
            "times": ["18:30", "07:15", ""],
            "weekdays": ["6", "7"],
            "channels": ["push"],
        },
    )

    assert response.status_code == 302
    schedule = Schedule.objects.get(user=alice)
    assert (schedule.kind, schedule.times, schedule.weekdays) == (
        "times",
        ["07:15", "18:30"],
        [6, 7],
    )


def test_a_routine_time_reminder_needs_a_time(alice_browser, alice):
    response = alice_browser.post(
        URL,
        {
            "op": "create",
            "kind": "times",
            "times": ["", ""],
            "weekdays": ["1"],
            "channels": ["push"],
        },
    )

    assert response.status_code == 400
    assert 'id="new-times-times-errors"' in response.content.decode()
    assert not Schedule.objects.exists()


def test_an_unknown_kind_answers_400(alice_browser):
    response = alice_browser.post(URL, {**sitting_form(), "kind": "hourly"})

    assert response.status_code == 400
    assert not Schedule.objects.exists()


def test_creating_sitting_breaks(alice_browser, alice):
    response = alice_browser.post(URL, sitting_form(interval_minutes="90"))

    assert response.status_code == 302
    assert Schedule.objects.get(user=alice).interval_minutes == 90


def test_deleting_a_reminder(alice_browser, alices):
    response = alice_browser.post(URL, {"op": "delete", "schedule": str(alices.pk)})

    assert response["Location"] == f"{URL}?saved=deleted"
    assert not Schedule.objects.filter(pk=alices.pk).exists()


@pytest.mark.parametrize("op", ["save", "delete"])
def test_another_users_schedule_is_not_found_and_unchanged(alice_browser, bobs, op):
    before = snapshot(bobs)

    response = alice_browser.post(URL, {**sitting_form(bobs.pk, interval_minutes="15"), "op": op})

    assert response.status_code == 404
    assert snapshot(bobs) == before


@pytest.mark.parametrize("schedule_id", ["", "abc", "999999"])
def test_a_missing_or_malformed_schedule_id_is_not_found(alice_browser, alices, schedule_id):
    response = alice_browser.post(URL, {"op": "save", "schedule": schedule_id})

    assert response.status_code == 404


def test_an_unknown_operation_answers_400(alice_browser, alices):
    before = snapshot(alices)

    response = alice_browser.post(URL, {"op": "explode", "schedule": str(alices.pk)})

    assert response.status_code == 400
    assert snapshot(alices) == before


# -- reminders a therapist set ---------------------------------------------------------


@pytest.fixture
def set_by_thera(alice, thera) -> Schedule:
    return Schedule.objects.create(user=alice, kind=ScheduleKind.SITTING, set_by=thera)


def test_a_therapist_set_reminder_says_who_set_it_and_offers_only_a_pause(
    alice_browser, set_by_thera
):
    page = alice_browser.get(URL).content.decode()

    assert "Set by Thera Pist" in page
    assert f'id="s{set_by_thera.pk}-paused"' in page
    assert f'id="s{set_by_thera.pk}-interval"' not in page


def test_the_patient_can_pause_a_therapist_set_reminder_but_change_nothing_else(
    alice_browser, set_by_thera
):
    response = alice_browser.post(
        URL, sitting_form(set_by_thera.pk, interval_minutes="15", paused_until="2035-01-01T09:00")
    )

    assert response.status_code == 302
    set_by_thera.refresh_from_db()
    assert set_by_thera.paused_until is not None
    assert set_by_thera.paused_until > timezone.now()
    assert set_by_thera.interval_minutes == 45  # the posted 15 was ignored


def test_the_patient_cannot_delete_a_therapist_set_reminder_here(alice_browser, set_by_thera):
    response = alice_browser.post(URL, {"op": "delete", "schedule": str(set_by_thera.pk)})

    assert response.status_code == 400
    assert Schedule.objects.filter(pk=set_by_thera.pk).exists()


def test_the_page_is_for_signed_in_patients(client, thera):
    assert client.get(URL)["Location"].startswith("/login/")
    client.force_login(thera)
    assert client.get(URL)["Location"] == "/patients/"
