"""The library in a real browser: exercises with their cautions and sources."""

import pytest
from playwright.sync_api import expect

from exercises.library import GENERAL_DISCLAIMER
from exercises.models import Exercise
from tests.browser.conftest import assert_accessible, log_in_as, tap_targets_too_small

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_exercise_opened_from_the_library_shows_its_cautions_and_sources(phone, alice):
    exercise = Exercise.objects.get(slug="foot-up-forward-stance")
    log_in_as(phone, alice)
    phone.goto("/library/")
    phone.get_by_role("link", name=exercise.name, exact=True).click()

    expect(phone).to_have_url(f"{phone.site}/library/foot-up-forward-stance/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(exercise.name)
    cautions = phone.locator(".exercise-cautions li")
    expect(cautions).to_have_count(len(exercise.cautions))
    expect(cautions.first).to_have_text(exercise.cautions[0])
    expect(phone.locator("#exercise-sources li")).to_have_text(exercise.sources)
    expect(phone.locator("#disclaimer")).to_have_text(GENERAL_DISCLAIMER)
    assert phone.errors == []


def test_a_patient_does_not_see_clinician_techniques_in_the_library(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/library/")
    expect(phone.locator("#exercise-list > li")).to_have_count(
        Exercise.objects.filter(audience="self_care").count()
    )
    expect(phone.get_by_text("For clinicians")).to_have_count(0)


def test_starting_a_routine_from_the_library_opens_its_player(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/library/")
    phone.get_by_role("link", name="Start Desk break, 2 minutes").click()
    expect(phone).to_have_url(f"{phone.site}/routines/desk-break/play/")


@pytest.mark.parametrize("path", ["/library/", "/library/standing-lunge-tuck/"])
def test_library_pages_are_accessible_with_big_enough_tap_targets(phone, alice, path):
    log_in_as(phone, alice)
    phone.goto(path)
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []


def test_a_therapists_library_marks_clinician_techniques(phone, thera):
    log_in_as(phone, thera)
    phone.goto("/library/")
    technique = phone.locator("#exercise-list > li.is-clinician")
    expect(technique).to_have_count(1)
    expect(technique.get_by_text("For clinicians")).to_be_visible()
    assert_accessible(phone)


def test_a_therapist_can_open_a_clinician_technique_marked_as_such(phone, thera):
    log_in_as(phone, thera)
    phone.goto("/library/")
    phone.locator("#exercise-list > li.is-clinician a").click()
    expect(phone).to_have_url(f"{phone.site}/library/clinician-supine-psoas-release/")
    expect(phone.locator("p.warning")).to_contain_text("not a self-care exercise")
    expect(phone.get_by_role("link", name="Start", exact=False)).to_have_count(0)
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
