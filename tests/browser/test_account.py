"""Account in a real browser at 360x640: time zone, log out, deleting the account."""

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in_as, tap_targets_too_small
from tracker.models import User

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery"  # tests/conftest.py's make_user


def test_changing_the_time_zone_saves_it(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/account/")
    phone.get_by_label("Time zone").fill("America/New_York")
    phone.get_by_label("Display name").fill("Alice B.")
    phone.get_by_role("button", name="Save").click()

    expect(phone.locator("#saved")).to_have_text("Saved.")
    expect(phone.get_by_label("Time zone")).to_have_value("America/New_York")
    alice.refresh_from_db()
    assert (alice.timezone, alice.display_name) == ("America/New_York", "Alice B.")


def test_deleting_with_a_wrong_password_keeps_the_account(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/account/")
    phone.get_by_label("Your password").fill("not my password")
    phone.get_by_label("I understand that everything will be deleted").check()
    phone.get_by_role("button", name="Delete my account").click()

    expect(phone.locator("#delete-password-errors")).to_have_text(
        "Wrong password; nothing was deleted."
    )
    assert User.objects.filter(pk=alice.pk).exists()
    assert_accessible(phone)


def test_deleting_needs_the_box_ticked_before_anything_is_sent(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/account/")
    phone.get_by_label("Your password").fill(PASSWORD)
    phone.get_by_role("button", name="Delete my account").click()

    assert phone.url.endswith("/account/")  # the browser refused the unticked form
    assert User.objects.filter(pk=alice.pk).exists()


def test_deleting_with_the_password_removes_the_account_and_says_goodbye(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/account/")
    phone.get_by_label("Your password").fill(PASSWORD)
    phone.get_by_label("I understand that everything will be deleted").check()
    phone.get_by_role("button", name="Delete my account").click()

    expect(phone).to_have_url(f"{phone.site}/account/deleted/")
    expect(phone.get_by_role("heading", name="Goodbye")).to_be_visible()
    assert not User.objects.filter(pk=alice.pk).exists()
    phone.goto("/today/")
    assert "/login/" in phone.url  # the session went with the account
    assert_accessible(phone)


def test_logging_out_from_the_account_page(phone, thera):
    log_in_as(phone, thera)
    phone.goto("/account/")
    phone.get_by_role("button", name="Log out").click()
    expect(phone).to_have_url(f"{phone.site}/login/")
    phone.goto("/account/")
    assert "/login/" in phone.url


@pytest.mark.parametrize("who", ["alice", "thera"])
def test_account_is_accessible_with_large_enough_tap_targets(phone, request, who):
    log_in_as(phone, request.getfixturevalue(who))
    phone.goto("/account/")
    expect(phone.get_by_role("heading", name="Account", exact=True)).to_be_visible()
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
    assert phone.errors == []


def test_the_time_zone_picker_puts_the_devices_zone_first_and_offers_no_odd_entries(browser, site):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, base_url=site, timezone_id="America/Chicago"
    )
    page = context.new_page()
    page.goto("/signup/")

    field = page.get_by_label("Time zone")
    expect(field).to_have_value("America/Chicago")
    options = page.locator("#timezone-options option")
    expect(options.first).to_have_attribute("value", "America/Chicago")
    expect(options.first).to_have_text("Your device's zone: United States (Central (most areas))")
    # Then the common zones, starting with UTC.
    expect(options.nth(1)).to_have_attribute("value", "UTC")
    values = options.evaluate_all("(all) => all.map((o) => o.value)")
    assert not {"Factory", "localtime", "EST5EDT", "US/Central"} & set(values)
    if os.environ.get("SCREENSHOT_DIR"):
        field.fill("")
        field.type("Japa")
        page.screenshot(path=f"{os.environ['SCREENSHOT_DIR']}/signup-timezone.png")
    assert_accessible(page)
    assert tap_targets_too_small(page) == []
    context.close()
