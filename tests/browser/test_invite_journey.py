"""The invite journey across two people and two browsers, on accounts made through
the pages: a therapist signs up and invites by link and by email (the email read
from Django's file backend, sent by a real Celery worker); a brand-new patient
opens the link signed out, signs up from it, consents and is linked; the
therapist sees them. Patient at 360x640, therapist at 1280x800; with
SHOTS_DIR set, each step is screenshotted there."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    assert_accessible,
    journey_shot,
    set_up_totp,
    tap_targets_too_small,
)
from tests.email_files import body_of, wait_for_emails
from tests.reminders.conftest import broker, celery_worker  # noqa: F401 (fixtures)
from tracker.models import CareInvite, CareLink

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.redis]

PASSWORD = "a-long-Passw0rd-x"


@pytest.fixture
def email_dir(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "emails")
    return tmp_path / "emails"


@pytest.fixture
def person(browser, site):
    """Open a fresh browser context (no cookies) at a viewport; closed after the test."""
    contexts = []

    def open_page(viewport: dict):
        context = browser.new_context(viewport=viewport, base_url=site)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()


def shot(page, name: str) -> None:
    journey_shot(page, f"invite-{name}")


def sign_up(page, username: str, *, therapist: bool) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    if therapist:
        page.get_by_label("A therapist").check()
    page.get_by_role("button", name="Sign up").click()


def test_a_therapist_invites_and_a_new_patient_signs_up_from_the_link(
    person,
    site,
    email_dir,
    celery_worker,  # noqa: F811
):
    # 1. The therapist makes an account through the pages.
    therapist = person(DESKTOP)
    therapist.goto("/signup/")
    sign_up(therapist, "dr-lena", therapist=True)
    # No patient list before two-step sign-in (tests/browser/test_mfa_journey.py).
    # (allauth first asks for the password again, then the set-up page).
    expect(therapist).to_have_url(re.compile(r"/accounts/(reauthenticate|2fa/totp/activate)/"))
    set_up_totp(therapist, PASSWORD)
    expect(therapist).to_have_url(f"{site}/patients/")
    shot(therapist, "01-therapist-patients-empty")

    # 2. An invite by link: the code, the link on this server's own address, a QR code.
    therapist.get_by_role("link", name="Invite a patient").click()
    therapist.get_by_role("button", name="Create an invite").click()
    link = therapist.locator("#invite-url").text_content()
    assert re.fullmatch(rf"{re.escape(site)}/care/accept/\?code=[A-Z2-9]{{10}}", link)
    expect(therapist.locator("#invite-qr svg")).to_be_visible()
    assert_accessible(therapist)
    shot(therapist, "02-therapist-invite-link-and-qr")

    # 3. An invite by email: the worker sends it, with its own link and code.
    therapist.get_by_label("Patient's email").fill("sam@example.org")
    therapist.get_by_role("button", name="Create an invite").click()
    expect(therapist.locator("#invite-emailed")).to_contain_text("sam@example.org")
    emailed_code = therapist.locator("#invite-code").text_content().replace("-", "")
    (message,) = wait_for_emails(email_dir, 1)
    assert message["To"] == "sam@example.org"
    body = body_of(message)
    assert f"{site}/care/accept/?code={emailed_code}" in body and emailed_code in body
    expect(therapist.locator("#pending-invites > li")).to_have_count(2)
    shot(therapist, "03-therapist-invite-by-email-and-pending")

    # 4. A brand-new patient opens the link, signed out, on a phone.
    patient = person(PHONE)
    patient.goto(link)
    expect(patient).to_have_url(re.compile(r"/login/\?next=/care/accept/$"))
    expect(patient.locator("#invite-pending")).to_be_visible()
    shot(patient, "04-patient-login-with-invite-waiting")
    patient.get_by_role("link", name="Create an account").click()
    expect(patient.locator("#invite-pending")).to_be_visible()
    sign_up(patient, "sam", therapist=False)
    shot(patient, "05-patient-consent-screen")

    # 5. The consent screen, the code already there: consent and link.
    expect(patient).to_have_url(f"{site}/care/accept/")
    expect(patient.get_by_label("Code from your therapist")).to_have_value(link.rsplit("=", 1)[1])
    assert_accessible(patient)
    assert tap_targets_too_small(patient) == []
    patient.get_by_label("Let my therapist set my stretch-break reminders").check()
    patient.get_by_role("button", name="Link with my therapist").click()
    expect(patient).to_have_url(f"{site}/onboarding/")
    expect(patient.locator(".messages")).to_contain_text("You are now linked with dr-lena")
    shot(patient, "06-patient-linked-onboarding")

    care_link = CareLink.objects.get()
    assert (care_link.therapist.username, care_link.patient.username) == ("dr-lena", "sam")
    assert care_link.reminders_consent is True

    # 6. The therapist sees the patient; the email invite is still pending.
    therapist.goto("/patients/")
    expect(therapist.locator("#patient-list > li h2")).to_have_text("sam")
    shot(therapist, "07-therapist-sees-the-patient")
    therapist.goto("/patients/invite/")
    expect(therapist.locator("#pending-invites > li")).to_have_count(1)
    expect(therapist.locator("#pending-invites")).to_contain_text("sam@example.org")
    therapist.get_by_role("button", name=re.compile("^Cancel")).click()
    expect(therapist.locator("#no-pending")).to_be_visible()
    shot(therapist, "08-therapist-cancelled-the-email-invite")
    assert CareInvite.objects.filter(cancelled_at__isnull=False).count() == 1

    assert therapist.errors == [] and patient.errors == []
