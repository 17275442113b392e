"""Pages in a real browser: Playwright driving Debian's Chromium at phone size
against pytest-django's live server (which also serves the static files).

Chromium is never downloaded: the tests use the one at CHROMIUM_PATH, or
`chromium` on the PATH. Without one they skip, except under REQUIRE_SERVICES=1
(CI), where a missing browser fails the run.
"""

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone, translation
from django.utils.translation import gettext

from exercises.models import Exercise, Routine
from exercises.services import plan_create
from tests.conftest import REQUIRE_SERVICES, with_totp
from tracker.mfa import has_second_factor
from tracker.models import CareLink, Role

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
# Journeys screenshot each step here when it is set (`make screenshots` sets it);
# otherwise they take none.
SHOTS_DIR = os.environ.get("SHOTS_DIR", "")
# Chromium's background services would try the internet, which this machine
# does not reach (and tests should not).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SOURCE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        reason = "no Chromium: install Debian's `chromium` or set CHROMIUM_PATH"
        if REQUIRE_SERVICES:
            pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between browser steps are still plain synchronous calls. Only
    # while the browser runs: the variable must not reach other tests.
    patch = pytest.MonkeyPatch()
    patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    patch.undo()


@pytest.fixture
def site(live_server, library) -> str:
    """The live server's address, with the exercise library loaded."""
    return live_server.url


def _open_page(browser, site, viewport, **options):
    """A page in a fresh context, with the requests it has in flight counted.

    The count is the context's, not the page's: Chromium reports the service
    worker's own fetches (its precache, after a page registered it) on the context.
    """
    context = browser.new_context(viewport=viewport, base_url=site, **options)
    context.set_default_timeout(10_000)
    # A live server's first page (templates, catalogues and the library read
    # for the first time) can take over 10 s on a loaded 2-core machine.
    context.set_default_navigation_timeout(30_000)
    page = context.new_page()
    page.site = site
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.in_flight = set()
    context.on("request", lambda request: page.in_flight.add(request))
    context.on("requestfinished", lambda request: page.in_flight.discard(request))
    context.on("requestfailed", lambda request: page.in_flight.discard(request))
    return page


def _close_page(page) -> None:
    # A test may end while the page or its service worker still talks to the
    # server (the outbox sends a log after the screen already shows it; the worker
    # precaches); let the server answer before the test database goes away under
    # it, or the answer is a 500 from a blocked database in the server's thread
    # (or, for a write that spans two tables, a deadlock with the flush that
    # empties them). Offline first, so that nothing new starts meanwhile (a test
    # that ends by going back online sets the outbox sending).
    page.context.set_offline(True)
    deadline = time.monotonic() + 10
    while page.in_flight and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    page.context.close()


@pytest.fixture
def phone(browser, site):
    """A fresh browser profile at 360x640; each test starts with no cookies or caches."""
    page = _open_page(browser, site, PHONE, service_workers="allow")
    yield page
    _close_page(page)


@pytest.fixture
def desk(browser, site):
    """The therapist's browser beside the phone: its own context at 1280x800."""
    page = _open_page(browser, site, DESKTOP)
    yield page
    _close_page(page)


def log_in_as(page, user) -> None:
    """Give the browser a session for `user` without going through the form.

    A therapist gets what the log-in form gives one: a second factor (an
    authenticator app, if they have none yet) and a session that passed the
    code step, recorded as allauth records it.
    """
    now = time.time()
    methods = [{"method": "password", "at": now, "username": user.username}]
    if user.role == Role.THERAPIST:
        if not has_second_factor(user):
            with_totp(user)
        methods.append({"method": "mfa", "at": now, "type": "totp"})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = methods
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": page.site,
            }
        ]
    )


def serious_accessibility_violations(page) -> list[dict]:
    """Run axe-core in the page; return its serious and critical violations."""
    if not AXE_SOURCE.exists():
        pytest.fail(f"{AXE_SOURCE} is missing: run `make test` (it installs node_modules)")
    page.evaluate(AXE_SOURCE.read_text())
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def assert_accessible(page) -> None:
    violations = serious_accessibility_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


# Text containers whose content is wider than their box: words that do not fit
# (long German and Polish words, mostly).
OVERFLOWING = """() => [...document.querySelectorAll(
      'h1, h2, h3, p, li, a, button, summary, dd, dt, label, legend, th, td')]
    .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
    .filter((el) => getComputedStyle(el).display !== 'inline')
    .filter((el) => !el.closest('.visually-hidden'))  // 1 px wide on purpose: for screen readers
    .map((el) => el.outerHTML.slice(0, 100))"""


def overflowing_text(page) -> list[str]:
    """Return the visible text containers whose words do not fit their box."""
    return page.evaluate(OVERFLOWING)


def tap_targets_too_small(page, minimum: int = 44) -> list[str]:
    """Return the visible buttons, links and form controls smaller than `minimum` px.

    Links inside running text are exempt (WCAG 2.5.8's inline exception).
    """
    return page.evaluate(
        """(minimum) => [...document.querySelectorAll(
              'button, a.button, nav a, input[type=submit], select, label.chip, label.choice')]
            .filter((el) => el.offsetParent !== null)
            .filter((el) => { const r = el.getBoundingClientRect();
                              return r.height < minimum || r.width < minimum; })
            .map((el) => el.outerHTML.slice(0, 80))""",
        minimum,
    )


def journey_shot(page, name: str, element=None) -> None:
    """Save a screenshot of the whole page (or of `element`) as SHOTS_DIR/name.png, if set."""
    if not SHOTS_DIR:
        return
    Path(SHOTS_DIR).mkdir(parents=True, exist_ok=True)
    path = str(Path(SHOTS_DIR) / f"{name}.png")
    if element is not None:
        element.screenshot(path=path)
    else:
        page.screenshot(path=path, full_page=True)


def set_up_totp(page, password: str, language: str = "en") -> str:
    """From the set-up redirect: confirm the password if allauth asks, read the key,
    type a pyotp code, pass the recovery codes; return the key (for later log-ins).
    The labels are looked up in `language`, the page's."""
    import pyotp

    def words(message: str) -> str:
        with translation.override(language):
            return gettext(message)

    if "/accounts/reauthenticate/" in page.url:
        page.get_by_label(words("Password")).fill(password)
        page.get_by_role("button", name=words("Confirm")).click()
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label(words("Code from the app")).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name=words("Turn on")).click()
    page.locator("#recovery-codes").wait_for()
    page.get_by_role("link", name=words("I have saved them: continue")).click()
    return secret


@pytest.fixture
def cast(alice, thera, site) -> dict[str, object]:
    """Alice in Thera's care with a plan Thera wrote: what the pages' routes need."""
    link = CareLink.objects.create(therapist=thera, patient=alice, created_at=timezone.now())
    stretch = Exercise.objects.filter(audience="self_care").order_by("order").first()
    plan = plan_create(
        user=alice,
        name="Hips",
        notes="Slowly; stop if it hurts.",
        assigned_by=thera,
        items=[
            {"exercise": stretch, "hold_seconds": 30, "sets": 2, "side": "each", "notes": "Tall"}
        ],
    )
    return {
        "link_id": link.pk,
        "plan_id": plan.pk,
        "slug": stretch.slug,
        "routine_slug": Routine.objects.order_by("order").first().slug,
        "patient_id": alice.pk,
    }
