"""`make screenshots`: the main pages at phone size, from the demo accounts, into
docs/screenshots/ (README shows them). Not a test module: pytest runs it only
when named, so the suite does not rewrite the images."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import log_in_as
from tracker.demo import demo_accounts_create
from tracker.models import User

pytestmark = pytest.mark.django_db(transaction=True)

OUT = Path(settings.BASE_DIR) / "docs" / "screenshots"

ANONYMOUS_PAGES = [("login", "/login/"), ("signup", "/signup/"), ("offline", "/offline/")]
PATIENT_PAGES = [
    ("today", "/today/"),
    ("player", "/routines/desk-break/play/"),
    ("progress", "/progress/?range=30"),
    ("goals", "/goals/"),
    ("library", "/library/"),
    ("exercise", "/library/standing-lunge-tuck/"),
    ("reminders", "/settings/reminders/"),
    ("onboarding", "/onboarding/"),
    ("onboarding-profile", "/onboarding/profile/"),
    ("account", "/account/"),
    ("care-accept", "/care/accept/"),
    ("history", "/history/"),
    ("messages", "/messages/"),
    ("programme", "/programme/"),
]
DRIVER_PAGES = [("drive", "/drive/")]
THERAPIST_PAGES = [("patients", "/patients/"), ("invite", "/patients/invite/")]


def _shoot(page, name: str, path: str) -> None:
    answer = page.goto(path)
    if answer is None or not answer.ok:
        pytest.fail(f"{path} answered {answer.status if answer else 'nothing'}")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=OUT / f"{name}.png")


def test_take_screenshots(phone):
    OUT.mkdir(parents=True, exist_ok=True)
    demo_accounts_create()
    office, driver, therapist = (
        User.objects.get(username=name) for name in ("office", "driver", "therapist")
    )
    for name, path in ANONYMOUS_PAGES:
        _shoot(phone, name, path)
    log_in_as(phone, office)
    for name, path in PATIENT_PAGES:
        _shoot(phone, name, path)

    log_in_as(phone, driver)
    for name, path in DRIVER_PAGES:
        _shoot(phone, name, path)
    phone.get_by_role("button", name="Start drive").click()
    expect(phone.get_by_role("button", name="I've stopped")).to_be_visible()
    phone.screenshot(path=OUT / "drive-driving.png")

    log_in_as(phone, therapist)
    for name, path in THERAPIST_PAGES:
        _shoot(phone, name, path)
    _shoot(phone, "patient", f"/patients/{office.pk}/")
