"""Drive mode in a real browser: start, "I've stopped" into the truck-stop
routine, back on the road, end; each step checked in the database."""

import pytest
from playwright.sync_api import expect

from reminders.models import Drive, SegmentKind
from tests.browser.conftest import assert_accessible, log_in_as, tap_targets_too_small

pytestmark = pytest.mark.django_db(transaction=True)


def _open_segment(drive: Drive) -> str:
    return drive.segments.get(end__isnull=True).kind


def test_a_drive_from_start_to_stop_to_the_road_and_its_end(phone, bob):
    log_in_as(phone, bob)
    phone.goto("/drive/")
    phone.get_by_label("Break rules").select_option("eu")
    with phone.expect_response("**/api/v1/drives/") as started:
        phone.get_by_role("button", name="Start drive").click()
    assert started.value.status == 201

    # While driving: the one big button and nothing else to tap.
    stop = phone.get_by_role("button", name="I've stopped")
    expect(stop).to_be_visible()
    expect(phone.locator(".tabbar")).to_have_count(0)
    expect(phone.locator(".app-header")).to_have_count(0)
    # (The skip link sits off screen until a keyboard focuses it.)
    tappable = phone.locator("a:not(.skip-link):visible, button:visible, select:visible")
    expect(tappable).to_have_count(1)
    drive = Drive.objects.get(user=bob)
    assert (drive.rules, drive.ended_at, _open_segment(drive)) == ("eu", None, "driving")

    with phone.expect_response("**/api/v1/drives/current/stop/") as stopped:
        stop.click()
    assert stopped.value.status == 200
    expect(phone).to_have_url(f"{phone.site}/routines/truck-stop/play/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Truck stop, 3-5 minutes")
    assert _open_segment(drive) == SegmentKind.STOPPED

    phone.get_by_role("button", name="Back on the road").click()
    expect(phone.get_by_role("button", name="I've stopped")).to_be_visible()
    assert _open_segment(drive) == SegmentKind.DRIVING

    phone.get_by_role("button", name="I've stopped").click()
    expect(phone).to_have_url(f"{phone.site}/routines/truck-stop/play/")
    phone.get_by_role("button", name="End drive").click()
    expect(phone.get_by_role("button", name="Start drive")).to_be_visible()
    drive.refresh_from_db()
    assert drive.ended_at is not None
    assert not drive.segments.filter(end__isnull=True).exists()
    # The next drive starts from the last choice.
    expect(phone.get_by_label("Break rules")).to_have_value("eu")
    assert phone.errors == []


def test_the_drive_page_shows_a_running_stop_as_soon_as_it_loads(phone, bob):
    log_in_as(phone, bob)
    phone.goto("/drive/")
    phone.get_by_role("button", name="Start drive").click()
    phone.get_by_role("button", name="I've stopped").click()
    expect(phone).to_have_url(f"{phone.site}/routines/truck-stop/play/")

    phone.goto("/drive/")
    expect(phone.get_by_role("heading", name="You've stopped")).to_be_visible()
    expect(phone.get_by_role("link", name="Start the truck-stop routine")).to_be_visible()
    expect(phone.get_by_role("button", name="Back on the road")).to_be_visible()


@pytest.mark.parametrize("state", ["idle", "driving", "stopped"])
def test_each_drive_state_is_accessible_with_big_enough_tap_targets(phone, bob, state):
    log_in_as(phone, bob)
    phone.goto("/drive/")
    if state in ("driving", "stopped"):
        phone.get_by_role("button", name="Start drive").click()
        expect(phone.get_by_role("button", name="I've stopped")).to_be_visible()
    if state == "stopped":
        phone.get_by_role("button", name="I've stopped").click()
        # The truck-stop routine with its drive buttons, too.
        expect(phone.get_by_role("button", name="Back on the road")).to_be_visible()
        assert_accessible(phone)
        assert tap_targets_too_small(phone) == []
        phone.goto("/drive/")
    expect(phone.locator("#drive")).to_have_attribute("data-state", state)
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
