"""Every page of the app, found from the routes themselves, for each role:
no serious or critical axe-core violation, tap targets of 44 px or more, no
script error, and no more than 150 KB of JavaScript (compressed) per page.

A new page is checked as soon as its route exists; a route with a parameter
this file cannot fill fails the collection rather than going unchecked.
"""

import gzip
import re

import pytest
from django.urls import URLPattern
from django.utils import timezone

from exercises.models import Exercise, Routine
from exercises.services import plan_create
from tests.browser.conftest import (
    log_in_as,
    serious_accessibility_violations,
    tap_targets_too_small,
)
from tracker.models import CareLink
from tracker.web.urls import urlpatterns

pytestmark = pytest.mark.django_db(transaction=True)

JAVASCRIPT_BUDGET_BYTES = 150 * 1024
# Routes that are not pages a person reads: what browsers fetch by name, and POST-only actions.
NOT_PAGES = {
    "manifest.webmanifest",
    "sw.js",
    "robots.txt",
    "favicon.ico",
    "logout/",
    "account/devices/sign-out/",
    "account/devices/sign-out-all/",
}


def _page_routes() -> list[str]:
    routes = []
    for pattern in urlpatterns:
        assert isinstance(pattern, URLPattern), "tracker.web.urls should stay flat"
        route = str(pattern.pattern)
        if route not in NOT_PAGES and not route.endswith("/post/"):
            routes.append(route)
    return routes


def _fill(route: str, values: dict[str, object]) -> str:
    def value_for(match: re.Match) -> str:
        name = match.group(2)
        if name not in values:
            raise KeyError(f"tests/browser/test_every_page.py cannot fill <{name}> in {route!r}")
        return str(values[name])

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value_for, route)


@pytest.fixture
def cast(alice, thera, site):
    link = CareLink.objects.create(therapist=thera, patient=alice, created_at=timezone.now())
    stretch = Exercise.objects.filter(audience="self_care").order_by("order").first()
    plan = plan_create(
        user=alice,
        name="Hips",
        notes="Slowly, and stop if it hurts.",
        assigned_by=thera,
        items=[
            {"exercise": stretch, "hold_seconds": 30, "sets": 2, "side": "each", "notes": "Tall"}
        ],
    )
    return {
        "link_id": link.pk,
        "plan_id": plan.pk,
        "slug": Exercise.objects.filter(audience="self_care").order_by("order").first().slug,
        "routine_slug": Routine.objects.order_by("order").first().slug,
        "patient_id": alice.pk,
    }


def _javascript_bytes(responses) -> int:
    return sum(
        len(gzip.compress(response.body()))
        for response in responses
        if response.request.resource_type == "script" and response.ok
    )


def _problems(page, path: str) -> dict | None:
    """Visit `path`; return what is wrong with it, or None if it is not this person's page."""
    responses = []

    def collect(response):
        responses.append(response)

    page.on("response", collect)
    try:
        answer = page.goto(path)
        page.wait_for_load_state("networkidle")
    finally:
        page.remove_listener("response", collect)
    if page.url.split("#")[0].rstrip("/") != f"{page.site}{path}".rstrip("/"):
        return None  # redirected: the page belongs to another role (checked there)
    problems = {
        "status": answer.status if not answer.ok else None,
        "axe": serious_accessibility_violations(page),
        "small tap targets": tap_targets_too_small(page),
        "script errors": list(page.errors),
        "javascript over budget": max(0, _javascript_bytes(responses) - JAVASCRIPT_BUDGET_BYTES),
    }
    page.errors.clear()
    return {name: found for name, found in problems.items() if found}


@pytest.mark.parametrize("role", ["patient", "therapist", "anonymous"])
def test_every_page_is_accessible_light_and_error_free(phone, cast, alice, thera, role):
    if role != "anonymous":
        log_in_as(phone, alice if role == "patient" else thera)
    checked, problems = [], {}
    for route in _page_routes():
        values = {**cast, "routine": cast["routine_slug"]}
        if route.startswith("routines/"):
            values["slug"] = cast["routine_slug"]
        path = _fill(route, values)
        found = _problems(phone, path)
        if found is None:
            continue
        checked.append(path)
        if found:
            problems[path] = found
    assert checked, f"no page is a {role}'s page"
    assert problems == {}
