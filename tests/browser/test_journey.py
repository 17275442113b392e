"""The first day, end to end: sign up, onboarding, a stretch logged from Today with
the keyboard alone, and the session in Progress."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exercises.library import SAFETY_SCREEN
from exercises.models import ExerciseLog
from tracker.days import local_date
from tracker.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_onboard_log_from_today_and_see_it_in_progress(phone):
    phone.goto("/signup/")
    phone.get_by_label("Username").fill("first-day")
    phone.get_by_label("Password").fill("a-long-Passw0rd-x")
    phone.get_by_role("button", name="Sign up").click()

    for number in range(len(SAFETY_SCREEN)):
        phone.locator("fieldset.question").nth(number).get_by_label("No", exact=True).check()
    phone.get_by_role("button", name="Continue").click()
    expect(phone).to_have_url(re.compile("/onboarding/profile/$"))
    phone.get_by_label("sit at a desk").check()
    phone.get_by_role("button", name="Continue").click()
    phone.get_by_role("link", name=re.compile("go to Today")).click()

    # Today, with the keyboard only: focus the log button and press Enter.
    log_button = phone.get_by_role("button", name=re.compile("^I did "))
    log_button.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("#logged-today li").filter(has_text="Desk break")).to_have_count(1)
    expect(phone.locator("#sync-status")).to_be_hidden()

    user = User.objects.get(username="first-day")
    assert ExerciseLog.objects.filter(user=user, routine__slug="desk-break").count() == 1
    today = local_date(timezone.now(), user.tzinfo).isoformat()
    phone.get_by_role("link", name="Progress").click()
    row = phone.locator(f'#progress-table tr[data-date="{today}"]')
    expect(row.locator(".done")).to_have_text("1")
    assert phone.errors == []
