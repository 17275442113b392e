"""The library pages: who sees what, and unknown entries."""

import pytest
from django.test import Client

from exercises.library import GENERAL_DISCLAIMER
from exercises.models import Exercise

CLINICIAN_ONLY = "clinician-supine-psoas-release"


@pytest.fixture
def browser_for():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


def test_the_library_lists_every_self_care_exercise_and_no_clinician_technique(
    browser_for, alice, library
):
    response = browser_for(alice).get("/library/")

    assert response.status_code == 200
    listed = {exercise.slug for exercise in response.context["exercises"]}
    self_care = Exercise.objects.filter(audience="self_care").values_list("slug", flat=True)
    assert listed == set(self_care)
    assert f"/library/{CLINICIAN_ONLY}/" not in response.content.decode()
    assert "/routines/truck-stop/play/" in response.content.decode()


def test_a_patient_gets_404_for_a_clinician_technique(browser_for, alice, library):
    assert browser_for(alice).get(f"/library/{CLINICIAN_ONLY}/").status_code == 404


def test_a_therapist_sees_a_clinician_technique_marked_for_clinicians(browser_for, thera, library):
    response = browser_for(thera).get(f"/library/{CLINICIAN_ONLY}/")

    assert response.status_code == 200
    assert "For clinicians" in response.content.decode()


def test_a_therapists_library_has_no_start_links(browser_for, thera, library):
    # Only patients log sessions, and the player is a patient's page.
    body = browser_for(thera).get("/library/").content.decode()
    assert "For clinicians" in body
    assert "/play/" not in body


def test_an_exercise_page_shows_its_safety_text_and_sources(browser_for, alice, library):
    exercise = Exercise.objects.get(slug="foot-up-forward-stance")
    body = browser_for(alice).get("/library/foot-up-forward-stance/").content.decode()

    for text in [*exercise.cautions, *exercise.skip_when, *exercise.sources]:
        assert text.replace("'", "&#x27;") in body
    assert exercise.professional_note.replace("'", "&#x27;") in body
    assert str(GENERAL_DISCLAIMER) in body
    # It links to the routines it is part of.
    assert "/routines/truck-stop/play/" in body


@pytest.mark.parametrize("slug", ["no-such-exercise", "%00", "a" * 300])
def test_an_unknown_exercise_is_404(browser_for, alice, library, slug):
    assert browser_for(alice).get(f"/library/{slug}/").status_code == 404


@pytest.mark.parametrize("url", ["/library/", "/library/foot-up-forward-stance/"])
def test_the_library_asks_anonymous_visitors_to_log_in(client, library, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_posting_to_the_library_is_405(browser_for, alice, library):
    assert browser_for(alice).post("/library/").status_code == 405
