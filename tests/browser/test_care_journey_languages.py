"""The invite journey between two people who read different languages, side by
side, on accounts made through the pages: a therapist whose browser speaks German
(1280x800) signs up, sets up the second factor and invites by link; a new patient
whose browser speaks Polish (360x640) opens the link, signs up and links; the
therapist then writes to the patient. Each reads the pages in their own language,
and the message stays as the therapist wrote it. Every label the test uses is
looked up in that person's catalogue, so a word left in English fails it."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    _close_page,
    _open_page,
    journey_shot,
    overflowing_text,
    set_up_totp,
)
from tracker.models import CareLink, User

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-Passw0rd-x"


def words(language: str, message: str) -> str:
    with translation.override(language):
        translated = gettext(message)
    assert translated != message, f"{message!r} has no {language} translation"
    return translated


@pytest.fixture
def people(browser, site):
    pages = []

    def open_page(viewport: dict, locale: str):
        page = _open_page(browser, site, viewport, locale=locale)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        _close_page(page)


def step(page, name: str) -> None:
    journey_shot(page, f"languages-care-{name}")
    assert overflowing_text(page) == []


def test_a_german_therapist_invites_a_polish_patient_and_each_reads_their_own_language(
    people, site
):
    therapist = people(DESKTOP, "de-DE")
    therapist.goto("/signup/")
    expect(therapist.locator("html")).to_have_attribute("lang", "de")
    therapist.locator("#username").fill("dr-weber")
    therapist.locator("#password").fill(PASSWORD)
    therapist.get_by_label(words("de", "A therapist")).check()
    therapist.get_by_role("button", name=words("de", "Sign up")).click()
    expect(therapist).to_have_url(re.compile(r"/accounts/(reauthenticate|2fa/totp/activate)/"))
    set_up_totp(therapist, PASSWORD, language="de")
    expect(therapist).to_have_url(f"{site}/patients/")
    step(therapist, "01-therapist-patients")

    therapist.get_by_role("link", name=words("de", "Invite a patient")).click()
    therapist.get_by_role("button", name=words("de", "Create an invite")).click()
    link = therapist.locator("#invite-url").text_content()
    step(therapist, "02-therapist-invite")

    patient = people(PHONE, "pl-PL")
    patient.goto(link)
    expect(patient.locator("html")).to_have_attribute("lang", "pl")
    expect(patient.locator("#invite-pending")).to_be_visible()
    step(patient, "03-patient-login-invite-waiting")
    patient.locator("a[href='/signup/']").click()
    patient.locator("#username").fill("ola")
    patient.locator("#password").fill(PASSWORD)
    patient.get_by_role("button", name=words("pl", "Sign up")).click()
    expect(patient).to_have_url(f"{site}/care/accept/")
    step(patient, "04-patient-consent")
    patient.get_by_role("button", name=words("pl", "Link with my therapist")).click()
    expect(patient).to_have_url(f"{site}/onboarding/")
    linked = words("pl", "You are now linked with %(name)s: they see your progress.")
    expect(patient.locator(".messages")).to_contain_text(linked % {"name": "dr-weber"})
    step(patient, "05-patient-linked")
    assert User.objects.get(username="ola").language == "pl"
    assert CareLink.objects.filter(therapist__username="dr-weber", patient__username="ola").exists()

    therapist.goto("/patients/")
    expect(therapist.locator("#patient-list > li h2")).to_have_text("ola")
    step(therapist, "06-therapist-sees-the-patient")

    # The therapist writes in German; the Polish patient reads it as written.
    care_link = CareLink.objects.get()
    therapist.goto(f"/patients/{care_link.patient_id}/")
    therapist.locator("#message-body").fill("Bitte dehne dich heute zweimal.")
    therapist.get_by_role("button", name=words("de", "Send")).click()
    expect(therapist.locator("body")).to_contain_text("Bitte dehne dich heute zweimal.")
    step(therapist, "07-therapist-message")
    patient.goto(f"/messages/{care_link.pk}/")
    expect(patient.locator("html")).to_have_attribute("lang", "pl")
    expect(patient.locator("body")).to_contain_text("Bitte dehne dich heute zweimal.")
    expect(patient.get_by_role("heading", level=1)).not_to_contain_text("Messages")
    step(patient, "08-patient-reads-the-message")
    assert therapist.errors == [] and patient.errors == []
