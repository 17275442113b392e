"""Every page of the app, found from the routes themselves (tests/browser/pages.py),
for each role: no serious or critical axe-core violation, tap targets of 44 px or
more, no script error, and no more than 150 KB of JavaScript (compressed) per page.
"""

import gzip

import pytest

from tests.browser.conftest import (
    log_in_as,
    serious_accessibility_violations,
    tap_targets_too_small,
)
from tests.browser.pages import page_path, page_routes

pytestmark = pytest.mark.django_db(transaction=True)

JAVASCRIPT_BUDGET_BYTES = 150 * 1024


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
    for route in page_routes():
        path = page_path(route, cast)
        found = _problems(phone, path)
        if found is None:
            continue
        checked.append(path)
        if found:
            problems[path] = found
    assert checked, f"no page is a {role}'s page"
    assert problems == {}
