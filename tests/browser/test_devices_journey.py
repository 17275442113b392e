"""Two devices of one new account, in two browser contexts at 360x640: device B
sees both sessions and signs device A out; A's next page load lands on the log-in
page. Then B changes the password: an API token made earlier answers 401, A
(signed in again) is signed out, and B stays in. With SHOTS_DIR set, each step
is screenshotted there."""

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, assert_accessible, journey_shot, tap_targets_too_small

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-Passw0rd-x"
NEW_PASSWORD = "another-l0ng-Passw0rd"
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
)
IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def device(browser, site):
    """Open a fresh browser context (no cookies) with a phone's user agent."""
    contexts = []

    def open_page(user_agent: str):
        # Service workers blocked: Chromium sends their fetches with its own
        # user agent, not the context's, and the list would show that one.
        context = browser.new_context(
            viewport=PHONE, base_url=site, user_agent=user_agent, service_workers="block"
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()


def api(site: str, method: str, path: str, body: dict | None = None, token: str = "") -> tuple:
    request = urllib.request.Request(
        site + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={
            "Content-Type": "application/json",
            "User-Agent": "python-requests/2.32",
            **({"Authorization": f"Token {token}"} if token else {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


def log_in(page, username: str, password: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_one_device_signs_out_the_other_and_a_password_change_ends_the_rest(device, site):
    # 1. Device A makes the account through the sign-up page.
    phone_a = device(ANDROID_CHROME)
    phone_a.goto("/signup/")
    phone_a.get_by_label("Username").fill("two-phones")
    phone_a.get_by_label("Password").fill(PASSWORD)
    phone_a.get_by_role("button", name="Sign up").click()
    expect(phone_a).to_have_url(f"{site}/onboarding/")

    # 2. Device B signs in; an app gets an API token.
    phone_b = device(IPHONE_SAFARI)
    log_in(phone_b, "two-phones", PASSWORD)
    status, body = api(
        site, "POST", "/api/v1/auth/token/", {"username": "two-phones", "password": PASSWORD}
    )
    assert status == 200
    token = body["token"]

    # 3. B opens Account, then Signed-in devices: both phones and the token.
    phone_b.goto("/account/")
    phone_b.get_by_role("link", name="Signed-in devices").click()
    expect(phone_b).to_have_url(f"{site}/account/devices/")
    items = phone_b.locator("#devices > li")
    expect(items).to_have_count(3)
    this_one = items.filter(has_text="This device")
    expect(this_one).to_have_count(1)
    expect(this_one).to_contain_text("Safari on iPhone")
    expect(items.filter(has_text="Chrome on Android")).to_contain_text("Browser")
    expect(items.filter(has_text="python-requests")).to_contain_text("App or API token")
    assert_accessible(phone_b)
    assert tap_targets_too_small(phone_b) == []
    journey_shot(phone_b, "devices-01-list")

    # 4. B signs A out; A's next page load goes to the log-in page.
    items.filter(has_text="Chrome on Android").get_by_role("button", name="Sign out").click()
    expect(phone_b.get_by_role("status")).to_contain_text("Signed out that device.")
    expect(items).to_have_count(2)
    journey_shot(phone_b, "devices-02-signed-out-a")
    phone_a.goto("/today/")
    expect(phone_a).to_have_url(f"{site}/login/?next=/today/")

    # 5. A signs in again; B changes the password from Account.
    log_in(phone_a, "two-phones", PASSWORD)
    expect(phone_a).not_to_have_url(f"{site}/login/")
    phone_b.goto("/account/")
    phone_b.get_by_role("link", name="Change password").click()
    expect(phone_b.get_by_role("heading", level=1)).to_have_text("Change password")
    assert_accessible(phone_b)
    journey_shot(phone_b, "devices-03-change-password")
    phone_b.get_by_label("Current Password").fill(PASSWORD)
    phone_b.get_by_label("New Password:", exact=True).fill(NEW_PASSWORD)
    phone_b.get_by_label("New Password (again)").fill(NEW_PASSWORD)
    phone_b.get_by_role("button", name="Change password").click()
    expect(phone_b).to_have_url(f"{site}/account/")
    journey_shot(phone_b, "devices-04-password-changed")

    # 6. The token answers 401, A is signed out, B stays in and is alone in the list.
    assert api(site, "GET", "/api/v1/me/", token=token)[0] == 401
    phone_a.goto("/today/")
    expect(phone_a).to_have_url(f"{site}/login/?next=/today/")
    phone_b.goto("/account/devices/")
    expect(phone_b).to_have_url(f"{site}/account/devices/")
    expect(phone_b.locator("#devices > li")).to_have_count(1)
    expect(phone_b.locator("#no-others")).to_be_visible()
    journey_shot(phone_b, "devices-05-alone")
    assert phone_a.errors == [] and phone_b.errors == []
