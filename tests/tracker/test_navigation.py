"""The bottom tab bar: which tab a page highlights."""

import re

import pytest
from django.test import Client

from exercises.models import Routine
from tracker.web.navigation import current_for


def _tabs(client: Client, path: str) -> dict[str, str | None]:
    """Each tab's label and its aria-current (None when it has none)."""
    response = client.get(path)
    assert response.status_code == 200
    nav = re.search(r'<nav class="tabbar".*?</nav>', response.content.decode(), re.S).group(0)
    return {
        label: current
        for current, label in re.findall(
            r'<a href="[^"]+"(?: aria-current="(\w+)")?>([^<]+)</a>', nav
        )
        for current in [current or None]
    }


@pytest.fixture
def alices_browser(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.mark.parametrize(
    ("path", "tab", "current"),
    [
        ("/today/", "Today", "page"),
        ("/progress/", "Progress", "page"),
        # Goals is reached from Progress, so Progress stays lit there.
        ("/goals/", "Progress", "true"),
        ("/account/", "Account", "page"),
        ("/settings/reminders/", "Reminders", "page"),
    ],
)
def test_a_page_lights_the_tab_that_covers_it_and_only_that_one(
    alices_browser, library, path, tab, current
):
    tabs = _tabs(alices_browser, path)

    assert tabs[tab] == current
    assert [label for label, value in tabs.items() if value] == [tab]


def test_a_routine_lights_today(alices_browser, library):
    routine = Routine.objects.order_by("order").first()

    tabs = _tabs(alices_browser, f"/routines/{routine.slug}/play/")

    assert tabs["Today"] == "true"
    assert [label for label, value in tabs.items() if value] == ["Today"]


def test_a_therapists_patient_page_lights_patients(thera, db):
    client = Client()
    client.force_login(thera)

    tabs = _tabs(client, "/patients/invite/")

    assert tabs == {"Patients": "true", "Library": None, "Account": None}


def test_the_current_tab_is_decided_by_the_path_prefixes_it_covers():
    progress = ("/progress/", ("/progress/", "/goals/"))

    assert current_for("/progress/", *progress) == "page"
    assert current_for("/goals/", *progress) == "true"
    assert current_for("/goals-elsewhere/", *progress) is None
    assert current_for("/today/", *progress) is None
