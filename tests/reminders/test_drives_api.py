"""/api/v1/drives/: drive mode for drivers, and what it does to their sitting reminders."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from reminders.dispatch import dispatch_due
from reminders.drives import drive_end, drive_start
from reminders.models import Delivery, Drive, DriveSegment, Schedule

URL = "/api/v1/drives/"
CURRENT = "/api/v1/drives/current/"
# A Wednesday morning in UTC (afternoon in Berlin): inside any every-day, all-day window.
T0 = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def parse(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def drive_of(user) -> Drive:
    return Drive.objects.get(user=user)


# -- start ---------------------------------------------------------------------------


def test_start_opens_a_drive_with_the_default_interval_rules(alice_client, alice):
    before = timezone.now()

    response = alice_client.post(URL, {}, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["rules"], body["stop_every_minutes"], body["state"]) == (
        "interval",
        120,
        "driving",
    )
    started = parse(body["started_at"])
    assert started >= before
    # The reminder comes 15 minutes before the 120 minutes of driving are up.
    assert parse(body["next_fire_at"]) == started + timedelta(minutes=105)
    assert body["segments"] == [{"kind": "driving", "start": started.isoformat(), "end": None}]
    drive = drive_of(alice)
    assert drive.pk == body["id"]
    assert drive.ended_at is None
    assert drive.next_fire_at == started + timedelta(minutes=105)


@pytest.mark.parametrize(
    ("rules", "lead_time"),
    [("eu", timedelta(hours=4, minutes=15)), ("us", timedelta(hours=7, minutes=45))],
)
def test_start_with_drivers_hours_rules_reminds_before_the_legal_break(
    alice_client, alice, rules, lead_time
):
    response = alice_client.post(URL, {"rules": rules}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["rules"] == rules
    assert parse(body["next_fire_at"]) == parse(body["started_at"]) + lead_time
    assert drive_of(alice).rules == rules


@pytest.mark.parametrize("minutes", [30, 600])
def test_the_stop_interval_may_be_30_to_600_minutes(alice_client, alice, minutes):
    response = alice_client.post(URL, {"stop_every_minutes": minutes}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["stop_every_minutes"] == minutes
    assert parse(body["next_fire_at"]) == parse(body["started_at"]) + timedelta(
        minutes=minutes - 15
    )


def test_a_second_start_answers_409_and_keeps_the_first_drive(alice_client, alice):
    first = alice_client.post(URL, {}, format="json")

    again = alice_client.post(URL, {"stop_every_minutes": 60}, format="json")

    assert again.status_code == 409
    assert "detail" in again.json()
    drive = drive_of(alice)
    assert drive.pk == first.json()["id"]
    assert drive.stop_every_minutes == 120
    assert DriveSegment.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"stop_every_minutes": 29}, "stop_every_minutes"),
        ({"stop_every_minutes": 601}, "stop_every_minutes"),
        ({"stop_every_minutes": "soon"}, "stop_every_minutes"),
        ({"rules": "autobahn"}, "rules"),
        ({"rules": None}, "rules"),
    ],
)
def test_bad_drive_settings_answer_400_and_start_nothing(alice_client, body, field):
    response = alice_client.post(URL, body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Drive.objects.exists()


# -- the current drive ------------------------------------------------------------------


def test_current_answers_404_when_no_drive_runs(alice_client):
    response = alice_client.get(CURRENT)

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_current_shows_the_running_drive(alice_client, alice):
    started = alice_client.post(URL, {}, format="json").json()

    response = alice_client.get(CURRENT)

    assert response.status_code == 200
    assert response.json() == started


def test_current_never_shows_another_users_drive(alice_client, bob_client, bob):
    bob_client.post(URL, {}, format="json")

    response = alice_client.get(CURRENT)

    assert response.status_code == 404
    assert "segments" not in response.json()


# -- stop, resume, end --------------------------------------------------------------------


def test_stop_marks_a_stop_and_holds_the_reminder(alice_client, alice):
    alice_client.post(URL, {}, format="json")

    response = alice_client.post(f"{CURRENT}stop/")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "stopped"
    # Stopped is the moment to stretch: no "stretch at your next stop" reminder.
    assert body["next_fire_at"] is None
    assert [s["kind"] for s in body["segments"]] == ["driving", "stopped"]
    drive = drive_of(alice)
    assert drive.next_fire_at is None
    assert list(drive.segments.filter(end__isnull=True).values_list("kind", flat=True)) == [
        "stopped"
    ]


def test_resume_after_a_short_stop_carries_the_driving_count_on(alice_client, alice):
    started = alice_client.post(URL, {}, format="json").json()
    alice_client.post(f"{CURRENT}stop/")

    response = alice_client.post(f"{CURRENT}resume/")

    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "driving"
    # A stop of a moment does not reset the count: the reminder stays about
    # where it was (pushed back by the length of the stop).
    due = parse(started["next_fire_at"])
    assert due <= parse(body["next_fire_at"]) < due + timedelta(seconds=30)
    assert drive_of(alice).segments.count() == 3


def test_end_closes_the_drive_and_every_segment(alice_client, alice):
    alice_client.post(URL, {}, format="json")
    alice_client.post(f"{CURRENT}stop/")

    response = alice_client.post(f"{CURRENT}end/")

    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "ended"
    assert body["next_fire_at"] is None
    assert all(s["end"] is not None for s in body["segments"])
    drive = drive_of(alice)
    assert drive.ended_at is not None
    assert not drive.segments.filter(end__isnull=True).exists()
    assert alice_client.get(CURRENT).status_code == 404


def test_a_new_drive_may_start_after_the_last_ended(alice_client, alice):
    alice_client.post(URL, {}, format="json")
    alice_client.post(f"{CURRENT}end/")

    response = alice_client.post(URL, {}, format="json")

    assert response.status_code == 201
    assert Drive.objects.filter(user=alice).count() == 2


@pytest.mark.parametrize(
    ("steps", "refused"),
    [
        ([], "stop"),  # no drive at all
        ([], "resume"),
        ([], "end"),
        (["start"], "resume"),  # already driving
        (["start", "stop"], "stop"),  # already stopped
        (["start", "stop", "resume"], "resume"),
        (["start", "end"], "stop"),  # the drive is over
        (["start", "end"], "resume"),
        (["start", "end"], "end"),
    ],
)
def test_a_transition_from_the_wrong_state_answers_409_and_changes_nothing(
    alice_client, alice, steps, refused
):
    for step in steps:
        url = URL if step == "start" else f"{CURRENT}{step}/"
        assert alice_client.post(url, {}, format="json").status_code in (200, 201)
    segments_before = list(DriveSegment.objects.values())
    drives_before = list(Drive.objects.values())

    response = alice_client.post(f"{CURRENT}{refused}/")

    assert response.status_code == 409
    assert "detail" in response.json()
    assert list(DriveSegment.objects.values()) == segments_before
    assert list(Drive.objects.values()) == drives_before


@pytest.mark.parametrize("transition", ["stop", "resume", "end"])
def test_a_transition_never_touches_another_users_drive(alice_client, bob, transition):
    drive = drive_start(user=bob, rules="interval", stop_every_minutes=120, now=T0)
    segments_before = list(drive.segments.values())

    response = alice_client.post(f"{CURRENT}{transition}/")

    assert response.status_code == 409
    assert "segments" not in response.json()
    drive.refresh_from_db()
    assert drive.ended_at is None
    assert list(drive.segments.values()) == segments_before


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", URL),
        ("get", CURRENT),
        ("post", f"{CURRENT}stop/"),
        ("post", f"{CURRENT}resume/"),
        ("post", f"{CURRENT}end/"),
    ],
)
def test_drives_need_a_login(anon_client, bob, method, url):
    drive_start(user=bob, rules="interval", stop_every_minutes=120, now=T0)

    response = getattr(anon_client, method)(url)

    assert response.status_code == 401
    assert Drive.objects.count() == 1
    assert drive_of(bob).ended_at is None


# -- drive mode and sitting reminders -------------------------------------------------------


def sitting_due_at(user, due: datetime) -> Schedule:
    return Schedule.objects.create(
        user=user, kind="sitting", next_fire_at=due, weekdays=[1, 2, 3, 4, 5, 6, 7],
        window_start="00:00", window_end="00:00",
    )  # fmt: skip


def test_while_driving_a_due_sitting_reminder_is_suppressed(
    alice, django_capture_on_commit_callbacks
):
    drive_start(user=alice, rules="interval", stop_every_minutes=120, now=T0)
    schedule = sitting_due_at(alice, T0 + timedelta(minutes=10))
    now = T0 + timedelta(minutes=11)
    enqueued: list[int] = []

    with django_capture_on_commit_callbacks(execute=True):
        result = dispatch_due(now=now, enqueue=enqueued.extend)

    assert (result.claimed, result.suppressed, result.pending) == (1, 1, 0)
    assert not Delivery.objects.exists()
    assert enqueued == []
    schedule.refresh_from_db()
    # Claimed and moved on, so the dispatcher does not look at it again each minute.
    assert schedule.next_fire_at > now
    assert schedule.last_fired_at is None


def test_another_users_sitting_reminder_is_not_suppressed_by_a_drive(
    alice, bob, django_capture_on_commit_callbacks
):
    drive_start(user=alice, rules="interval", stop_every_minutes=120, now=T0)
    bobs = sitting_due_at(bob, T0 + timedelta(minutes=10))
    enqueued: list[int] = []

    with django_capture_on_commit_callbacks(execute=True):
        dispatch_due(now=T0 + timedelta(minutes=11), enqueue=enqueued.extend)

    delivery = Delivery.objects.get()
    assert (delivery.user, delivery.schedule) == (bob, bobs)
    assert enqueued == [delivery.pk]


def test_after_the_drive_ends_sitting_reminders_come_again(
    alice, django_capture_on_commit_callbacks
):
    drive_start(user=alice, rules="interval", stop_every_minutes=120, now=T0)
    schedule = sitting_due_at(alice, T0 + timedelta(minutes=10))
    with django_capture_on_commit_callbacks(execute=True):
        dispatch_due(now=T0 + timedelta(minutes=11), enqueue=[].extend)
    drive_end(user=alice, now=T0 + timedelta(minutes=20))
    schedule.refresh_from_db()
    due = schedule.next_fire_at
    enqueued: list[int] = []

    with django_capture_on_commit_callbacks(execute=True):
        result = dispatch_due(now=due, enqueue=enqueued.extend)

    assert result.pending == 1
    delivery = Delivery.objects.get()
    assert (delivery.schedule, delivery.due_at) == (schedule, due)
    assert enqueued == [delivery.pk]


def test_while_driving_a_routine_time_is_skipped_and_the_next_one_comes_as_usual(
    alice, django_capture_on_commit_callbacks
):
    # A routine prompt at the wheel cannot be followed; the drive's own "stretch at
    # your next stop" reminder stands in for it, and the routine is not saved up.
    drive_start(user=alice, rules="interval", stop_every_minutes=120, now=T0)
    due = T0 + timedelta(minutes=10)
    schedule = Schedule.objects.create(
        user=alice, kind="times", times=[due.astimezone(alice.tzinfo).strftime("%H:%M")],
        next_fire_at=due, weekdays=[1, 2, 3, 4, 5, 6, 7],
    )  # fmt: skip
    enqueued: list[int] = []

    with django_capture_on_commit_callbacks(execute=True):
        result = dispatch_due(now=due + timedelta(minutes=1), enqueue=enqueued.extend)

    assert (result.claimed, result.suppressed, result.pending) == (1, 1, 0)
    assert not Delivery.objects.exists()
    assert enqueued == []
    schedule.refresh_from_db()
    assert schedule.next_fire_at == due + timedelta(days=1)
    assert schedule.last_fired_at is None
    # After the drive the next day's time fires as usual.
    drive_end(user=alice, now=due + timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        result = dispatch_due(now=due + timedelta(days=1), enqueue=enqueued.extend)
    assert result.pending == 1
    assert Delivery.objects.get().due_at == due + timedelta(days=1)
