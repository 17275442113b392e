"""The library in a real browser: exercises with their cautions and sources."""

import pytest
from playwright.sync_api import expect

from exercises.library import EXERCISES, GENERAL_DISCLAIMER
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
    # Each source reads as the article's title and site; the file name stays as
    # the reference.
    expect(phone.locator("#exercise-sources li")).to_have_text(
        [
            "Iliopsoas Muscle Problems Can Mimic Low Back Pain, Hip Pain, And Leg Pain, "
            "A health information website (004_b2a80b1f207f83f8.txt)"
        ]
    )
    expect(phone.locator("#disclaimer")).to_have_text(str(GENERAL_DISCLAIMER))
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


def _loaded(image) -> bool:
    """Return True once the picture has loaded and has a size (waits up to the timeout)."""
    image.scroll_into_view_if_needed()
    image.page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    return True


def test_each_exercise_page_shows_its_picture_with_words_for_it(phone, alice, thera):
    # One session per role; the clinician technique is a therapist's page.
    for user, entries in (
        (alice, [e for e in EXERCISES if e["audience"] == "self_care"]),
        (thera, [e for e in EXERCISES if e["audience"] == "clinician"]),
    ):
        phone.context.clear_cookies()
        log_in_as(phone, user)
        for entry in entries:
            phone.goto(f"/library/{entry['slug']}/")
            picture = phone.locator("img.illustration-large")
            expect(picture).to_have_count(1)
            expect(picture).to_have_attribute("alt", entry["illustration_alt"])
            expect(picture).to_be_visible()
            assert _loaded(picture), entry["slug"]
            box = picture.bounding_box()
            assert box["width"] <= 360 and box["height"] > 100, entry["slug"]
            steps = phone.locator(".exercise-steps img.illustration-step")
            expect(steps).to_have_count(len(entry["step_illustrations"]))
            for index, step in enumerate(entry["step_illustrations"]):
                image = steps.nth(index)
                expect(image).to_have_attribute("alt", step["alt"])
                # Beside the step it shows: inside that step's list item.
                number = image.evaluate(
                    "img => [...img.closest('ol').children].indexOf(img.closest('li')) + 1"
                )
                assert number == step["step"], entry["slug"]
                assert _loaded(image), (entry["slug"], step["step"])
    assert phone.errors == []


def test_the_library_lists_each_exercise_with_a_small_picture(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/library/")

    thumbs = phone.locator("#exercise-list > li img.illustration-thumb")
    expect(thumbs).to_have_count(Exercise.objects.filter(audience="self_care").count())
    # Beside the exercise's name, the small picture adds nothing for a screen reader.
    assert {thumbs.nth(i).get_attribute("alt") for i in range(thumbs.count())} == {""}
    assert _loaded(thumbs.first)
    assert_accessible(phone)


def test_the_player_shows_each_exercises_picture_as_it_comes(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/routines/desk-break/play/")

    first = phone.locator("#step-1 img.illustration-large")
    expect(first).to_be_visible()
    expect(first).to_have_attribute(
        "alt", Exercise.objects.get(slug="standing-lunge-tuck").illustration_alt
    )
    assert _loaded(first)
    phone.get_by_role("button", name="Next").click()
    second = phone.locator("#step-2 img.illustration-large")
    expect(second).to_be_visible()
    assert _loaded(second)
    assert phone.errors == []
