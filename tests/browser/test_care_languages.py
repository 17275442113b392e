"""A German therapist's patient list and patient page in a real browser, at a desk
(1280x800) and on a phone (360x640): the pages are German, the patient's words stay
as written, no text container overflows, tap targets stay 44 px and axe stays clean."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exercises.models import Exercise
from exercises.services import plan_create
from tests.browser.conftest import (
    assert_accessible,
    journey_shot,
    log_in_as,
    tap_targets_too_small,
)
from tests.conftest import make_user
from tests.tracker.test_pages_progress import seed_days
from tracker.models import CareLink, CareMessage, PainEntry, Role

pytestmark = pytest.mark.django_db(transaction=True)

# Text containers whose content is wider than their box: words that do not fit.
OVERFLOWING = """() => [...document.querySelectorAll(['main h1', 'main h2', 'main h3',
      'main p', 'main li', 'main a', 'main button', 'main summary', 'main dt', 'main dd',
      'main label', 'main legend', 'main th', 'main td'].join(', '))]
    .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.outerHTML.slice(0, 100))"""


@pytest.fixture
def german_care(alice):
    """A German therapist linked to alice, who has sessions, a pain alert, a message and a plan."""
    thera = make_user("weber", role=Role.THERAPIST, display_name="Dr. Weber", language="de")
    link = CareLink.objects.create(therapist=thera, patient=alice, created_at=timezone.now())
    seed_days(alice, days=14)
    PainEntry.objects.create(user=alice, recorded_at=timezone.now() - timedelta(hours=2), rating=9)
    CareMessage.objects.create(
        link=link, sender=alice, body="My hip feels tight after driving.", sent_at=timezone.now()
    )
    plan_create(
        user=alice,
        name="Hip flexors",
        notes="Every morning, before work.",
        items=[
            {
                "exercise": Exercise.objects.filter(audience="self_care").first(),
                "hold_seconds": 30,
                "sets": 2,
                "times_per_day": 2,
                "days_of_week": [1, 3, 5],
            }
        ],
        assigned_by=thera,
    )
    return thera


def fits(page, name: str) -> None:
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert tap_targets_too_small(page) == []
    assert_accessible(page)
    journey_shot(page, name)
    assert page.errors == []


@pytest.mark.parametrize("device", ["phone", "desk"])
def test_a_german_therapists_patient_list_is_german_and_fits(request, device, german_care):
    page = request.getfixturevalue(device)
    log_in_as(page, german_care)

    page.goto("/patients/")

    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("h1")).to_have_text("Patienten")
    expect(page.locator("#invite-link")).to_have_text("Patient/in einladen")
    expect(page.locator(".alert:visible").first).to_contain_text("Schmerz mit 9/10 bewertet.")
    expect(page.locator(".alert:visible button").first).to_contain_text("Bestätigen")
    fits(page, f"care-patients-de-{device}")


@pytest.mark.parametrize("device", ["phone", "desk"])
def test_a_german_therapists_patient_page_is_german_and_fits(request, device, german_care, alice):
    page = request.getfixturevalue(device)
    log_in_as(page, german_care)

    page.goto(f"/patients/{alice.pk}/")

    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("#safety-heading")).to_have_text("Sicherheitscheck")
    expect(page.locator("#plans-heading")).to_have_text("Von dir zugewiesene Pläne")
    expect(page.locator("#assign-plan")).to_have_text("Plan zuweisen")
    # The patient's words stay as they wrote them.
    expect(page.locator(".thread-body")).to_have_text("My hip feels tight after driving.")
    expect(page.locator(".assigned-plan h3")).to_contain_text("Hip flexors")
    fits(page, f"care-patient-de-{device}")
