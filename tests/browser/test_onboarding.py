"""Onboarding in a real browser: sign up, safety screen, desk, sitting reminders, and
notifications asked for only after the person taps the button."""

import base64
import os
import re

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from playwright.sync_api import expect

from exercises.library import SAFETY_ADVICE, SAFETY_SCREEN
from reminders.models import PushSubscription, Schedule
from tests.browser.conftest import assert_accessible, log_in_as, tap_targets_too_small
from tracker.models import Profile, SafetyCheck, User

pytestmark = pytest.mark.django_db(transaction=True)

# Counts the permission prompts the page asks for, and answers "denied" (a headless
# browser has no one to ask).
COUNT_PERMISSION_REQUESTS = """
  window.__permissionRequests = 0;
  if (window.Notification) {
    Notification.requestPermission = () => {
      window.__permissionRequests += 1;
      return Promise.resolve("denied");
    };
  }
"""


def _requests(page) -> int:
    return page.evaluate("() => window.__permissionRequests")


def _page_is_fit_for_phones(page) -> None:
    assert_accessible(page)
    assert tap_targets_too_small(page) == []


def _answer_safety(page, yes: set[str]) -> None:
    for number, question in enumerate(SAFETY_SCREEN):
        group = page.locator("fieldset.question").nth(number)
        expect(group.locator("legend")).to_have_text(str(question["question"]))
        group.get_by_label("Yes" if question["slug"] in yes else "No", exact=True).check()


def test_a_new_patient_goes_from_sign_up_to_sitting_reminders(phone):
    phone.add_init_script(COUNT_PERMISSION_REQUESTS)
    phone.goto("/signup/")
    phone.get_by_label("Username").fill("newbie")
    phone.get_by_label("Password").fill("a-long-Passw0rd-x")
    phone.get_by_role("button", name="Sign up").click()

    # Step 1: the safety screen, with the conditions to rule out.
    expect(phone.get_by_role("heading", name="Before you start")).to_be_visible()
    expect(phone.locator("#serious-conditions li")).not_to_have_count(0)
    _page_is_fit_for_phones(phone)
    _answer_safety(phone, yes={"not-improving"})
    phone.get_by_role("button", name="Continue").click()

    # A warning sign: the advice comes first, plainly, and they may go on.
    alert = phone.get_by_role("alert")
    expect(alert).to_have_text(str(SAFETY_ADVICE))
    user = User.objects.get(username="newbie")
    assert SafetyCheck.objects.get(user=user).warning_signs == ["not-improving"]
    _page_is_fit_for_phones(phone)
    phone.get_by_role("link", name="Continue setting up").click()

    # Step 2: desk.
    expect(phone).to_have_url(re.compile("/onboarding/profile/$"))
    _page_is_fit_for_phones(phone)
    phone.get_by_label("sit at a desk").check()
    phone.get_by_role("button", name="Continue").click()

    # Step 3: sitting breaks, defaults 45 minutes, 09:00-17:30, weekdays.
    interval = phone.get_by_label("Remind me to take a break every (minutes)")
    expect(interval).to_have_value("45")
    expect(phone.get_by_role("button", name="Turn on notifications")).to_have_count(0)
    _page_is_fit_for_phones(phone)
    interval.fill("60")
    phone.get_by_role("button", name="Set sitting reminders").click()

    expect(phone.get_by_role("status").filter(has_text="saved")).to_be_visible()
    user.refresh_from_db()
    assert user.profile == Profile.DESK
    schedule = Schedule.objects.get(user=user)
    assert (schedule.kind, schedule.interval_minutes, schedule.weekdays) == (
        "sitting",
        60,
        [1, 2, 3, 4, 5],
    )

    # Asked for reminders: now the button; the prompt still only on a tap.
    button = phone.get_by_role("button", name="Turn on notifications")
    expect(button).to_be_visible()
    _page_is_fit_for_phones(phone)
    assert _requests(phone) == 0
    button.click()
    expect(phone.locator("[data-push-status]")).to_contain_text("blocked")
    assert _requests(phone) == 1
    phone.get_by_role("link", name="Go to Today").click()
    expect(phone.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    assert phone.errors == []


def test_no_warning_sign_goes_straight_to_the_profile_step(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/onboarding/")
    _answer_safety(phone, yes=set())
    phone.get_by_role("button", name="Continue").click()

    expect(phone).to_have_url(re.compile("/onboarding/profile/$"))
    expect(phone.get_by_role("alert")).to_have_count(0)
    # Coming back later shows the current answers.
    phone.goto("/onboarding/")
    expect(phone.get_by_role("radio", name="No").first).to_be_checked()
    expect(phone.get_by_label("sit at a desk")).to_have_count(0)


def _push_keys() -> tuple[str, str]:
    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return b64(point), b64(os.urandom(16))


# Headless Chromium cannot reach a real push service, so PushManager hands out a
# subscription with an endpoint on a known push service; the rest is real: the
# permission, the VAPID key from the server and the POST to push/subscriptions/.
FAKE_PUSH_MANAGER = """
  ([p256dh, auth]) => {
    window.__subscribeKeys = [];
    const subscription = {
      endpoint: "https://fcm.googleapis.com/fcm/send/browser-test",
      toJSON() { return { endpoint: this.endpoint, keys: { p256dh, auth } }; },
    };
    PushManager.prototype.getSubscription = async () => null;
    PushManager.prototype.subscribe = async (options) => {
      window.__subscribeKeys.push(options.applicationServerKey.length);
      return subscription;
    };
  }
"""


def test_turning_on_notifications_registers_this_device_for_push(phone, alice, vapid_keys):
    Schedule.objects.create(user=alice, kind="sitting")
    phone.context.grant_permissions(["notifications"])
    log_in_as(phone, alice)
    phone.goto("/onboarding/reminders/")
    phone.evaluate(FAKE_PUSH_MANAGER, list(_push_keys()))

    phone.get_by_role("button", name="Turn on notifications").click()

    expect(phone.locator("[data-push-status]")).to_have_text(
        "Notifications are on for this device."
    )
    subscription = PushSubscription.objects.get(user=alice)
    assert subscription.endpoint == "https://fcm.googleapis.com/fcm/send/browser-test"
    # The VAPID public key went to PushManager as its 65 raw bytes.
    assert phone.evaluate("() => window.__subscribeKeys") == [65]
