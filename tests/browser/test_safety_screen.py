"""The safety screen in a real browser: it stands before the first routine, and a
yes leaves a calm note on Today and in the player; strong pain gets the advice
to have it checked at once, before any reload."""

import os

import pytest
from playwright.sync_api import expect

from exercises.library import PAIN_CHECK_ADVICE, SAFETY_NOTE, SAFETY_SCREEN
from tests.browser.conftest import assert_accessible, log_in_as, tap_targets_too_small
from tracker.models import PainEntry, SafetyCheck

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("SCREENSHOT_DIR")


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _answer(page, yes: set[str]) -> None:
    for number, question in enumerate(SAFETY_SCREEN):
        group = page.locator("fieldset.question").nth(number)
        group.get_by_label("Yes" if question["slug"] in yes else "No", exact=True).check()


def test_the_player_waits_for_the_safety_screen_and_opens_after_it(phone, newcomer):
    log_in_as(phone, newcomer)

    phone.goto("/routines/desk-break/play/")

    expect(phone.get_by_role("heading", name="Before you start")).to_be_visible()
    expect(phone.locator("#safety-gate")).to_be_visible()
    # The questions first; the condition list folded away under them.
    expect(phone.locator("fieldset.question").first).to_be_in_viewport()
    expect(phone.locator("#serious-conditions")).to_be_hidden()
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
    _shot(phone, "safety-screen")
    phone.locator("#conditions summary").click()
    expect(phone.locator("#serious-conditions")).to_be_visible()
    _shot(phone, "safety-screen-conditions-open")

    _answer(phone, yes=set())
    phone.get_by_role("button", name="Continue").click()

    expect(phone).to_have_url(f"{phone.site}/routines/desk-break/play/")
    expect(phone.get_by_role("heading", name="Desk break", level=1)).to_be_visible()
    expect(phone.locator("#safety-note")).to_have_count(0)
    assert SafetyCheck.objects.filter(user=newcomer, warning_signs=[]).count() == 1
    assert phone.errors == []


def test_after_a_yes_today_and_the_player_keep_a_calm_note(phone, newcomer):
    log_in_as(phone, newcomer)
    phone.goto("/today/")
    phone.goto("/routines/desk-break/play/")
    _answer(phone, yes={"immune-compromised"})
    phone.get_by_role("button", name="Continue").click()

    expect(phone.locator("#safety-advice")).to_be_visible()
    phone.get_by_role("link", name="Go on to the routine").click()
    note = phone.locator("#safety-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text(SAFETY_NOTE)
    assert_accessible(phone)
    _shot(phone, "player-safety-note")

    phone.goto("/today/")
    expect(phone.locator("#safety-note")).to_be_visible()
    expect(phone.locator("#safety-note")).to_be_in_viewport()
    assert_accessible(phone)
    _shot(phone, "today-safety-note")
    # Another day, another visit: the note is still there.
    phone.reload()
    expect(phone.locator("#safety-note")).to_be_visible()
    assert phone.errors == []


def test_a_strong_rating_shows_the_advice_to_get_it_checked_at_once(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/today/")
    advice = phone.locator("#pain-advice")
    expect(advice).to_be_hidden()

    phone.locator(".pain-form .chip", has_text="9").first.click()
    phone.get_by_role("button", name="Save pain rating").click()

    expect(advice).to_be_visible()
    expect(advice).to_contain_text(PAIN_CHECK_ADVICE)
    assert_accessible(phone)
    _shot(phone, "today-pain-advice")
    for _ in range(100):
        if PainEntry.objects.filter(user=alice).exists():
            break
        phone.wait_for_timeout(100)
    phone.reload()
    expect(phone.locator("#pain-advice")).to_be_visible()
    assert phone.errors == []


def test_a_mild_rating_down_the_leg_shows_the_advice_too(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/today/")

    phone.locator(".pain-form .chip", has_text="2").first.click()
    phone.get_by_label("Down the leg").check()
    phone.get_by_role("button", name="Save pain rating").click()

    expect(phone.locator("#pain-advice")).to_be_visible()
