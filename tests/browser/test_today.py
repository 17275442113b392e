"""Today in a real browser: logging online and offline through the outbox."""

import re

import pytest
from playwright.sync_api import expect

from exercises.models import ExerciseLog
from tests.browser.conftest import assert_accessible, log_in_as
from tracker.models import PainEntry

pytestmark = pytest.mark.django_db(transaction=True)


def _wait_for_service_worker(page) -> None:
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller")


def test_logging_the_suggested_routine_stores_one_log_and_lists_it(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/today/")
    phone.get_by_role("button", name="I did Desk break").click()

    expect(phone.locator("#logged-today li").filter(has_text="Desk break")).to_have_count(1)
    expect(phone.locator("#sync-status")).to_be_hidden()
    assert ExerciseLog.objects.filter(user=alice, routine__slug="desk-break").count() == 1
    assert phone.errors == []


def test_offline_logs_wait_in_the_outbox_and_arrive_once_back_online(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/today/")
    _wait_for_service_worker(phone)
    phone.reload()  # now controlled, so the page itself would come from cache offline

    phone.context.set_offline(True)
    for tap in range(3):
        phone.get_by_role("button", name="I did Desk break").click()
        if tap:  # a second "I did" within a minute asks first
            phone.get_by_role("button", name="Log it again").click()
    phone.get_by_label("6", exact=True).check()
    phone.get_by_label("Lower back").check()
    phone.get_by_role("button", name="Save pain rating").click()

    expect(phone.locator("#sync-status")).to_have_text("4 waiting to send")
    expect(phone.locator("#logged-today li.pending")).to_have_count(4)
    assert ExerciseLog.objects.filter(user=alice).count() == 0
    assert PainEntry.objects.filter(user=alice).count() == 0

    # The outbox survives a reload while still offline (IndexedDB, page from cache).
    phone.reload()
    expect(phone.locator("#sync-status")).to_have_text("4 waiting to send")

    phone.context.set_offline(False)
    expect(phone.locator("#sync-status")).to_be_hidden(timeout=15_000)
    assert ExerciseLog.objects.filter(user=alice, routine__slug="desk-break").count() == 3
    pain = PainEntry.objects.get(user=alice)
    assert (pain.rating, pain.locations) == (6, ["lower_back"])


def test_today_has_no_serious_accessibility_violations(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/today/")
    expect(phone.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    assert_accessible(phone)


def test_signing_up_in_the_browser_detects_the_time_zone(browser, site):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, base_url=site, timezone_id="Asia/Tokyo"
    )
    page = context.new_page()
    page.goto("/signup/")
    expect(page.get_by_label(re.compile("^Time zone"))).to_have_value("Asia/Tokyo")
    context.close()
