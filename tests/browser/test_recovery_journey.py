"""Account recovery in Debian's Chromium at 360x640, on an account made through /signup/:
the verification email (read from Django's file backend) confirms the address; signed
out, "Forgot your password?" sends a link that sets a new password, which logs in; the
same link a second time does not work. With SHOTS_DIR set, each step is screenshotted."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, journey_shot, tap_targets_too_small
from tests.email_files import body_of, wait_for_emails
from tracker.models import User

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-Passw0rd-x"
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def email_dir(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "emails")
    return tmp_path / "emails"


@pytest.fixture
def patient_phone(phone):
    # Two shared cores under load: give each step more time than the 10 s default.
    phone.set_default_timeout(45_000)
    expect.set_options(timeout=45_000)
    yield phone
    expect.set_options(timeout=5_000)


def shot(page, name: str) -> None:
    journey_shot(page, f"recovery-{name}")


def link_in(message, path: str) -> str:
    return re.search(rf"https?://[^/\s]+({re.escape(path)}\S+)", body_of(message)).group(1)


def test_sign_up_verify_forget_reset_and_log_in_with_the_new_password(
    patient_phone, site, email_dir
):
    phone = patient_phone
    # 1. A new account, with an email address, through the sign-up page.
    phone.goto("/signup/")
    phone.get_by_label("Username").fill("rosa")
    phone.get_by_label("Email").fill("rosa@example.org")
    phone.get_by_label("Password").fill(PASSWORD)
    shot(phone, "01-signup")
    phone.get_by_role("button", name="Sign up").click()
    expect(phone).to_have_url(f"{site}/onboarding/")
    assert EmailAddress.objects.get(user__username="rosa").verified is False
    phone.goto("/account/")
    expect(phone.locator("#email-state")).to_have_text("Not confirmed")
    expect(phone.get_by_role("button", name="Send the link again")).to_be_visible()
    assert_accessible(phone)
    shot(phone, "01b-account-not-confirmed")

    # 2. The verification email: its link opens a page that asks to confirm.
    (verification,) = wait_for_emails(email_dir, 1)
    assert verification["To"] == "rosa@example.org"
    phone.goto(link_in(verification, "/accounts/confirm-email/"))
    expect(phone.locator("#confirm-address")).to_have_text("rosa@example.org")
    assert_accessible(phone)
    shot(phone, "02-confirm-email")
    phone.get_by_role("button", name="Confirm").click()
    expect(phone).to_have_url(f"{site}/account/")
    expect(phone.locator("#email-state")).to_have_text("Confirmed")
    assert EmailAddress.objects.get(user__username="rosa").verified is True
    shot(phone, "03-account-confirmed")

    # 3. Signed out, the password is forgotten: the log-in page links to a reset.
    phone.get_by_role("button", name="Log out").click()
    expect(phone).to_have_url(re.compile(r"/login/"))
    phone.get_by_role("link", name="Forgot your password?").click()
    expect(phone.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
    phone.get_by_label("Email").fill("rosa@example.org")
    shot(phone, "04-forgot-password")
    phone.get_by_role("button", name="Send me a link").click()
    expect(phone.locator("#reset-sent")).to_be_visible()
    shot(phone, "05-check-your-email")

    # 4. The reset email's link: a new password, then a log-in with it.
    reset = wait_for_emails(email_dir, 2)[1]
    assert reset["To"] == "rosa@example.org"
    link = link_in(reset, "/accounts/password/reset/key/")
    phone.goto(link)
    expect(phone.get_by_role("heading", name="Choose a new password")).to_be_visible()
    phone.get_by_label("New password").fill(NEW_PASSWORD)
    phone.get_by_label("The same again").fill(NEW_PASSWORD)
    assert_accessible(phone)
    shot(phone, "06-choose-new-password")
    phone.get_by_role("button", name="Save the new password").click()
    expect(phone.locator("#reset-done")).to_be_visible()
    shot(phone, "07-password-changed")
    phone.get_by_role("link", name="Log in").click()
    phone.get_by_label("Username").fill("rosa")
    phone.get_by_label("Password").fill(NEW_PASSWORD)
    phone.get_by_role("button", name="Log in").click()
    expect(phone).not_to_have_url(re.compile(r"/login/"))
    assert User.objects.get(username="rosa").check_password(NEW_PASSWORD)

    # 5. The same link a second time does not work.
    phone.goto(link)
    expect(phone.locator("#token-fail")).to_be_visible()
    shot(phone, "08-used-link")
    assert phone.errors == []


def test_changing_the_email_keeps_the_old_one_until_the_new_is_confirmed(
    patient_phone, site, email_dir, alice
):
    from tests.browser.conftest import log_in_as
    from tests.conftest import with_verified_email

    phone = patient_phone
    with_verified_email(alice, "alice@example.org")
    log_in_as(phone, alice)
    phone.goto("/account/")
    phone.get_by_role("link", name="Change email address").click()
    phone.get_by_label("New email address").fill("alice.new@example.org")
    phone.get_by_role("button", name="Send a confirmation link").click()
    expect(phone.locator("#pending-email")).to_have_text("alice.new@example.org")
    expect(phone.locator("#current-email")).to_have_text("alice@example.org")
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
    shot(phone, "09-email-change-pending")

    (confirmation,) = wait_for_emails(email_dir, 1)
    assert confirmation["To"] == "alice.new@example.org"
    phone.goto(link_in(confirmation, "/accounts/confirm-email/"))
    phone.get_by_role("button", name="Confirm").click()
    expect(phone.locator("#account-email")).to_have_text("alice.new@example.org")
    expect(phone.locator("#email-state")).to_have_text("Confirmed")
    assert User.objects.get(pk=alice.pk).email == "alice.new@example.org"
    shot(phone, "10-email-changed")
