"""The drive page without JavaScript: its forms run the same reminders services
as the API; bad input is a 4xx that changes nothing."""

import pytest
from django.test import Client
from django.utils import timezone

from reminders import drives
from reminders.models import Drive, DriveSegment


@pytest.fixture
def bobs_browser(bob) -> Client:
    client = Client()
    client.force_login(bob)
    return client


def _start(client, **fields):
    return client.post("/drive/", {"action": "start", **fields})


def test_starting_a_drive_stores_the_chosen_rules_and_shows_only_the_stop_button(bobs_browser, bob):
    response = _start(bobs_browser, rules="us", stop_every_minutes="90")

    assert response.status_code == 302
    assert response["Location"] == "/drive/"
    drive = Drive.objects.get(user=bob)
    assert (drive.rules, drive.stop_every_minutes, drive.ended_at) == ("us", 90, None)
    page = bobs_browser.get("/drive/")
    assert page.context["state"] == "driving"
    body = page.content.decode()
    assert "I've stopped" in body
    assert 'class="tabbar"' not in body
    assert 'class="drive-mode is-driving"' in body


def test_a_stop_opens_the_truck_stop_routine_and_back_on_the_road_drives_again(bobs_browser, bob):
    _start(bobs_browser)

    response = bobs_browser.post("/drive/", {"action": "stop"})
    assert response["Location"] == "/routines/truck-stop/play/"
    assert bobs_browser.get("/drive/").context["state"] == "stopped"

    response = bobs_browser.post("/drive/", {"action": "resume"})
    assert response["Location"] == "/drive/"
    kinds = list(DriveSegment.objects.order_by("start", "id").values_list("kind", "end"))
    assert [kind for kind, _ in kinds] == ["driving", "stopped", "driving"]
    assert kinds[-1][1] is None

    bobs_browser.post("/drive/", {"action": "end"})
    assert Drive.objects.get(user=bob).ended_at is not None
    assert bobs_browser.get("/drive/").context["state"] == "idle"


def test_the_next_drive_defaults_to_the_last_choice(bobs_browser, bob):
    assert bobs_browser.get("/drive/").context["chosen_rules"] == "interval"
    assert bobs_browser.get("/drive/").context["chosen_minutes"] == 120
    _start(bobs_browser, rules="eu", stop_every_minutes="45")
    bobs_browser.post("/drive/", {"action": "end"})

    page = bobs_browser.get("/drive/")
    assert (page.context["chosen_rules"], page.context["chosen_minutes"]) == ("eu", 45)


@pytest.mark.parametrize(
    "fields",
    [
        {"rules": "mars"},
        {"stop_every_minutes": "5"},
        {"stop_every_minutes": "601"},
        {"stop_every_minutes": "lots"},
        {"rules": "\x00"},
    ],
)
def test_a_bad_start_is_400_and_starts_nothing(bobs_browser, bob, fields):
    response = _start(bobs_browser, **fields)

    assert response.status_code == 400
    assert response.context["state"] == "idle"
    assert not Drive.objects.exists()


@pytest.mark.parametrize("action", ["", "launch", "delete"])
def test_an_unknown_action_is_400(bobs_browser, bob, action):
    response = bobs_browser.post("/drive/", {"action": action})
    assert response.status_code == 400
    assert not Drive.objects.exists()


@pytest.mark.parametrize("action", ["stop", "resume", "end"])
def test_a_transition_without_a_drive_is_409_and_changes_nothing(bobs_browser, action):
    response = bobs_browser.post("/drive/", {"action": action})

    assert response.status_code == 409
    assert "No drive is running." in response.content.decode()
    assert not Drive.objects.exists()


def test_a_second_start_or_stop_is_409(bobs_browser, bob):
    _start(bobs_browser)
    assert _start(bobs_browser).status_code == 409
    bobs_browser.post("/drive/", {"action": "stop"})
    assert bobs_browser.post("/drive/", {"action": "stop"}).status_code == 409
    assert Drive.objects.count() == 1
    assert DriveSegment.objects.count() == 2


def test_one_persons_actions_never_touch_another_persons_drive(alice, bob):
    bobs = drives.drive_start(
        user=bob, rules="interval", stop_every_minutes=120, now=timezone.now()
    )
    alices_browser = Client()
    alices_browser.force_login(alice)

    assert alices_browser.get("/drive/").context["state"] == "idle"
    for action in ("stop", "resume", "end"):
        assert alices_browser.post("/drive/", {"action": action}).status_code == 409
    bobs.refresh_from_db()
    assert bobs.ended_at is None
    assert list(bobs.segments.values_list("kind", flat=True)) == ["driving"]


def test_the_drive_page_is_for_patients(client, thera):
    assert client.get("/drive/")["Location"].startswith("/login/")
    client.force_login(thera)
    assert client.post("/drive/", {"action": "start"})["Location"] == "/patients/"
    assert not Drive.objects.exists()
