"""A driver whose browser speaks Polish, end to end at 360x640: signs up (the account
takes the browser's language), answers the safety screen, picks the driver's
profile, logs a stretch from Today, starts a drive and stops for the truck-stop
routine, and offline still reads Polish. Every label the test clicks is looked up
in the Polish catalogue, so a word left in English fails it."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from exercises.library import SAFETY_SCREEN
from exercises.models import ExerciseLog
from reminders.models import Drive
from tests.browser.conftest import PHONE, _close_page, _open_page, journey_shot, overflowing_text
from tracker.models import Profile, User

pytestmark = pytest.mark.django_db(transaction=True)


def polish(message: str) -> str:
    with translation.override("pl"):
        words = gettext(message)
    assert words != message, f"{message!r} has no Polish translation"
    return words


@pytest.fixture
def polish_phone(browser, site):
    """A phone whose browser asks for Polish (Accept-Language: pl-PL)."""
    page = _open_page(browser, site, PHONE, service_workers="allow", locale="pl-PL")
    yield page
    _close_page(page)


def _fits(page, step: str) -> None:
    journey_shot(page, f"polish-driver-{step}")
    assert overflowing_text(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_polish_driver_signs_up_stretches_drives_and_reads_polish_offline(polish_phone):
    phone = polish_phone
    phone.goto("/signup/")
    expect(phone.locator("html")).to_have_attribute("lang", "pl")
    phone.locator("#username").fill("kierowca")
    phone.locator("#password").fill("a-long-Passw0rd-x")
    _fits(phone, "1-signup")
    phone.get_by_role("button", name=polish("Sign up")).click()

    # The safety screen, in Polish, every question "no".
    for number, question in enumerate(SAFETY_SCREEN):
        group = phone.locator("fieldset.question").nth(number)
        with translation.override("pl"):
            expect(group.locator("legend")).to_have_text(str(question["question"]))
        group.get_by_label(polish("No"), exact=True).check()
    _fits(phone, "2-safety")
    phone.get_by_role("button", name=polish("Continue")).click()
    expect(phone).to_have_url(re.compile("/onboarding/profile/$"))
    phone.get_by_label(polish("drive a truck")).check()
    phone.get_by_role("button", name=polish("Continue")).click()
    expect(phone).not_to_have_url(re.compile("/onboarding/profile/$"))

    user = User.objects.get(username="kierowca")
    assert (user.language, user.profile) == ("pl", Profile.DRIVER)

    # Today: a stretch logged, and the script's toast in Polish.
    phone.goto("/today/")
    expect(phone.locator("html")).to_have_attribute("lang", "pl")
    phone.locator("#log-routine").click()
    expect(phone.locator("#undo-toast")).to_contain_text("Zapisano:")
    expect(phone.locator("#sync-status")).to_be_hidden()
    assert ExerciseLog.objects.filter(user=user).count() == 1
    _fits(phone, "3-today")

    # A drive: the one big button in Polish, then the truck-stop routine.
    phone.goto("/drive/")
    phone.get_by_role("button", name=polish("Start drive")).click()
    stop = phone.get_by_role("button", name=polish("I've stopped"))
    expect(stop).to_be_visible()
    _fits(phone, "4-driving")
    stop.click()
    expect(phone).to_have_url(f"{phone.site}/routines/truck-stop/play/")
    expect(phone.get_by_role("button", name=polish("Back on the road"))).to_be_visible()
    _fits(phone, "4b-truck-stop")
    assert Drive.objects.filter(user=user, ended_at__isnull=True).count() == 1

    # Offline: Today from the service worker's copy, a page never opened as the
    # offline page, both in Polish.
    phone.goto("/today/")
    phone.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller")
    phone.reload()
    phone.context.set_offline(True)
    try:
        phone.reload()
        expect(phone.locator("html")).to_have_attribute("lang", "pl")
        expect(phone.locator("#log-routine")).to_be_visible()
        phone.goto("/goals/")
        expect(phone.get_by_role("heading", level=1)).to_have_text(polish("You are offline"))
        _fits(phone, "5-offline")
    finally:
        phone.context.set_offline(False)
    assert phone.errors == []
