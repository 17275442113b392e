"""Two-step sign-in in Chromium at 1280x800: a therapist made through /signup/ is
sent from the dashboard to set up an authenticator app, reads the key from the
page, types a code (pyotp), sees the recovery codes, reaches the dashboard; then
logs out and in again, and is asked for the code after the password."""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, journey_shot, log_in_as
from tracker.mfa import has_second_factor
from tracker.models import User

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-Passw0rd-x"


def shot(page, name: str) -> None:
    journey_shot(page, f"mfa-{name}")


def test_a_new_therapist_sets_up_an_authenticator_app_before_the_dashboard(desk, site):
    # Sign-up and log-in hash passwords (Argon2) several times: slow on a loaded CI box.
    desk.context.set_default_timeout(30_000)
    desk.goto("/signup/")
    desk.get_by_label("Username").fill("dr-mfa")
    desk.get_by_label("Password").fill(PASSWORD)
    desk.get_by_label("A therapist").check()
    desk.get_by_role("button", name="Sign up").click()

    # 1. No dashboard yet: allauth asks for the password again, with our reason.
    expect(desk).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    expect(desk.get_by_text("Set it up once, now.")).to_be_visible()
    shot(desk, "01-confirm-password")
    desk.get_by_label("Password").fill(PASSWORD)
    desk.get_by_role("button", name="Confirm").click()

    # 2. The set-up page: why, the QR code, the key.
    expect(desk).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    expect(desk.locator("#mfa-why")).to_contain_text("patients' health data")
    expect(desk.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(desk)
    shot(desk, "02-set-up")
    desk.get_by_label("Code from the app").fill("000000")
    desk.get_by_role("button", name="Turn on").click()
    expect(desk.locator("#code-errors")).to_be_visible()
    assert not has_second_factor(User.objects.get(username="dr-mfa"))

    # 3. A right code: the recovery codes, then the dashboard.
    secret = desk.locator("#totp-secret").inner_text().strip()
    desk.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    desk.get_by_role("button", name="Turn on").click()
    expect(desk).to_have_url(f"{site}/accounts/2fa/recovery-codes/")
    expect(desk.locator("#recovery-codes li")).to_have_count(10)
    assert_accessible(desk)
    shot(desk, "03-recovery-codes")
    desk.get_by_role("link", name="I have saved them: continue").click()
    expect(desk).to_have_url(f"{site}/patients/")
    shot(desk, "04-dashboard")

    # 4. Out and in again: the code after the password.
    desk.goto("/account/")
    desk.get_by_role("button", name="Log out").click()
    expect(desk).to_have_url(f"{site}/login/")
    desk.get_by_label("Username").fill("dr-mfa")
    desk.get_by_label("Password").fill(PASSWORD)
    desk.get_by_role("button", name="Log in").click()
    expect(desk).to_have_url(f"{site}/accounts/2fa/authenticate/")
    assert_accessible(desk)
    shot(desk, "05-code-step")
    desk.goto("/patients/")
    expect(desk).to_have_url(re.compile(r"/login/"))  # not signed in before the code

    desk.goto("/login/")
    desk.get_by_label("Username").fill("dr-mfa")
    desk.get_by_label("Password").fill(PASSWORD)
    desk.get_by_role("button", name="Log in").click()
    desk.get_by_label("Code").fill(pyotp.TOTP(secret).now())
    desk.get_by_role("button", name="Log in").click()
    expect(desk).to_have_url(f"{site}/patients/")
    assert desk.errors == []


def test_the_two_step_pages_fit_a_phone(phone, thera):
    log_in_as(phone, thera)
    phone.goto("/accounts/2fa/")
    expect(phone.locator("#totp-status")).to_contain_text("On.")
    assert_accessible(phone)
    shot(phone, "06-overview-phone")
