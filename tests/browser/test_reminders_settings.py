"""Reminders settings in a real browser: edit a schedule, refuse a bad one, add one,
send a test notification."""

import pytest
from playwright.sync_api import expect

from reminders.models import Schedule
from tests.browser.conftest import assert_accessible, log_in_as, tap_targets_too_small

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def breaks(alice) -> Schedule:
    return Schedule.objects.create(user=alice, kind="sitting", name="Work breaks")


def _open(phone, name: str):
    phone.locator("summary", has_text=f"Change {name}").click()
    return phone.locator("article", has=phone.get_by_role("heading", name=name))


def test_editing_the_interval_saves_it(phone, alice, breaks):
    log_in_as(phone, alice)
    phone.goto("/settings/reminders/")
    card = _open(phone, "Work breaks")

    card.get_by_label("Remind me every (minutes)").fill("30")
    card.get_by_role("button", name="Save Work breaks").click()

    expect(phone.get_by_role("status").filter(has_text="Reminder saved.")).to_be_visible()
    expect(phone.locator(f"#s{breaks.pk} .reminder-summary")).to_contain_text("Every 30 min")
    breaks.refresh_from_db()
    assert breaks.interval_minutes == 30
    assert phone.errors == []


def test_a_too_short_interval_is_shown_as_an_error_and_nothing_changes(phone, alice, breaks):
    log_in_as(phone, alice)
    phone.goto("/settings/reminders/")
    card = _open(phone, "Work breaks")

    card.get_by_label("Remind me every (minutes)").fill("5")
    card.get_by_role("button", name="Save Work breaks").click()

    expect(phone.get_by_role("alert")).to_contain_text("Nothing was saved")
    errors = phone.locator(f"#s{breaks.pk}-interval-errors")
    expect(errors).to_be_visible()
    expect(errors).to_contain_text("15")
    # The form stays open with the value to correct, tied to its error.
    field = phone.get_by_label("Remind me every (minutes)").first
    expect(field).to_have_value("5")
    described_by = f"s{breaks.pk}-interval-hint s{breaks.pk}-interval-errors"
    expect(field).to_have_attribute("aria-describedby", described_by)
    breaks.refresh_from_db()
    assert breaks.interval_minutes == 45
    assert_accessible(phone)


def test_adding_a_routine_time(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/settings/reminders/")
    expect(phone.locator("#no-reminders")).to_be_visible()

    phone.locator("summary", has_text="Add a routine time").click()
    form = phone.locator("#new-times")
    form.get_by_label("Time 1").fill("07:30")
    form.get_by_role("button", name="Add routine time").click()

    expect(phone.get_by_role("status").filter(has_text="Reminder saved.")).to_be_visible()
    schedule = Schedule.objects.get(user=alice)
    assert (schedule.kind, schedule.times) == ("times", ["07:30"])


def test_a_test_notification_without_a_subscription_says_to_turn_them_on(phone, alice, breaks):
    log_in_as(phone, alice)
    phone.goto("/settings/reminders/")

    phone.get_by_role("button", name="Send a test notification").click()

    expect(phone.locator("[data-push-status]")).to_have_text(
        "Turn on notifications on this device first."
    )


def test_the_reminders_page_is_accessible_with_a_form_open(phone, alice, breaks):
    log_in_as(phone, alice)
    phone.goto("/settings/reminders/")
    expect(phone.get_by_role("heading", name="Reminders", exact=True)).to_be_visible()
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []

    _open(phone, "Work breaks")
    phone.locator("summary", has_text="Add sitting breaks").click()

    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
