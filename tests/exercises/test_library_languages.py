"""The library in every language: each exercise, step, caution and routine note has
its words in exercises/content/<language>.py, and what people read is the active
language's, never a silent English stand-in."""

import copy

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import translation

from exercises import library
from exercises.content import content_of, other_languages
from exercises.loading import translation_errors
from exercises.models import Exercise, Routine
from tests.conftest import client_for, make_user

LANGUAGES = other_languages()


def errors_of(language: str, exercise_words=None, routine_words=None) -> list[str]:
    content = content_of(language)
    return translation_errors(
        library.EXERCISES,
        library.ROUTINES,
        language=language,
        exercise_words=content.EXERCISES if exercise_words is None else exercise_words,
        routine_words=content.ROUTINES if routine_words is None else routine_words,
    )


def test_the_library_is_in_every_language_of_the_site():
    assert LANGUAGES == ["es", "de", "pl", "fr"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_exercise_step_caution_and_routine_note_has_the_language(language):
    assert errors_of(language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_translation_names_no_exercise_or_routine_the_library_lacks(language):
    content = content_of(language)

    assert set(content.EXERCISES) == {e["slug"] for e in library.EXERCISES}
    assert set(content.ROUTINES) == {r["slug"] for r in library.ROUTINES}


def test_an_exercise_without_the_language_fails():
    words = copy.deepcopy(content_of("pl").EXERCISES)
    del words["slow-sit-back"]

    assert errors_of("pl", exercise_words=words) == ["exercise 'slow-sit-back' in 'pl': missing"]


def test_a_step_without_the_language_fails():
    words = copy.deepcopy(content_of("de").EXERCISES)
    words["edge-of-bed-stretch"]["steps"].pop()

    [error] = errors_of("de", exercise_words=words)
    assert error.startswith("exercise 'edge-of-bed-stretch' in 'de': steps must be 6")


def test_a_dropped_caution_or_an_empty_one_fails():
    words = copy.deepcopy(content_of("fr").EXERCISES)
    words["ball-self-massage"]["cautions"] = words["ball-self-massage"]["cautions"][:1]
    words["moist-heat"]["cautions"][1] = " "

    errors = errors_of("fr", exercise_words=words)

    assert [e.split(":")[0] for e in errors] == [
        "exercise 'ball-self-massage' in 'fr'",
        "exercise 'moist-heat' in 'fr'",
    ]


def test_a_missing_step_picture_description_or_routine_note_fails():
    exercises = copy.deepcopy(content_of("es").EXERCISES)
    exercises["slow-sit-back"]["step_alts"].pop()
    routines = copy.deepcopy(content_of("es").ROUTINES)
    routines["daily-home"]["notes"].pop()

    errors = errors_of("es", exercise_words=exercises, routine_words=routines)

    assert any("slow-sit-back" in e and "step_alts" in e for e in errors)
    assert any("daily-home" in e and "notes" in e for e in errors)


def test_loading_refuses_a_language_with_a_gap_and_writes_nothing(db, monkeypatch):
    words = copy.deepcopy(content_of("pl").EXERCISES)
    del words["moist-heat"]["cautions"]
    monkeypatch.setattr(content_of("pl"), "EXERCISES", words)

    with pytest.raises(CommandError, match="exercise 'moist-heat' in 'pl': missing keys"):
        call_command("load_exercises", verbosity=0)

    assert Exercise.objects.count() == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_exercise_read_in_a_language_speaks_it_with_the_same_facts(library, language):
    english = Exercise.objects.get(slug="foot-up-forward-stance")
    words = content_of(language).EXERCISES["foot-up-forward-stance"]

    with translation.override(language):
        exercise = Exercise.objects.get(slug="foot-up-forward-stance")

    assert exercise.name == words["name"]
    assert exercise.steps == words["steps"]
    assert exercise.cautions == words["cautions"]
    assert [p["alt"] for p in exercise.step_illustrations] == words["step_alts"]
    # Everything that is not words stays the library's.
    assert [p["step"] for p in exercise.step_illustrations] == [
        p["step"] for p in english.step_illustrations
    ]
    assert exercise.sources == english.sources
    assert exercise.default_hold_seconds == english.default_hold_seconds
    assert exercise.tags == english.tags


def test_a_row_read_in_another_language_cannot_be_saved_over_the_english(library):
    with translation.override("de"):
        exercise = Exercise.objects.get(slug="slow-sit-back")

    with pytest.raises(ValueError, match="read in another language"):
        exercise.save()

    assert Exercise.objects.get(slug="slow-sit-back").name == "Slow sit-back"


def test_the_exercises_api_answers_in_the_persons_language(library):
    client = client_for(make_user("marta", profile="driver", language="es"))
    words = content_of("es").EXERCISES["standing-lunge-tuck"]

    response = client.get("/api/v1/exercises/standing-lunge-tuck/")

    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["steps"], body["cautions"]) == (
        words["name"],
        words["steps"],
        words["cautions"],
    )
    assert [p["illustration_alt"] for p in body["step_illustrations"]] == words["step_alts"]
    assert [s["file"] for s in body["sources"]] == library_entry("standing-lunge-tuck")["sources"]


def library_entry(slug: str) -> dict:
    return next(e for e in library.EXERCISES if e["slug"] == slug)


def test_the_routines_api_answers_in_the_persons_language(library):
    client = client_for(make_user("lukas", profile="driver", language="de"))
    words = content_of("de")

    response = client.get("/api/v1/routines/truck-stop/")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == words.ROUTINES["truck-stop"]["name"]
    assert [s["note"] for s in body["steps"]] == words.ROUTINES["truck-stop"]["notes"]
    assert [s["exercise_name"] for s in body["steps"]] == [
        words.EXERCISES[s["exercise"]]["name"] for s in body["steps"]
    ]
    assert Routine.objects.get(slug="truck-stop").name == "Truck stop, 3-5 minutes"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_exercise_page_is_in_the_persons_language(library, language):
    user = make_user("reader", profile="desk", language=language)
    browser = Client()
    browser.force_login(user)
    words = content_of(language).EXERCISES["edge-of-bed-stretch"]

    response = browser.get("/library/edge-of-bed-stretch/")

    assert response.status_code == 200
    page = response.content.decode()
    for text in [words["name"], *words["steps"], *words["cautions"]]:
        assert text.replace("'", "&#x27;") in page
    assert "Edge-of-bed hip stretch" not in page


def test_a_missing_translation_shows_the_english_and_says_so(library, caplog):
    Exercise.objects.filter(slug="moist-heat").update(translations={})

    with translation.override("pl"):
        exercise = Exercise.objects.get(slug="moist-heat")

    assert exercise.name == "Moist heat in the shower or tub"
    assert "has no 'pl' name" in caplog.text


def test_an_admin_in_german_is_shown_the_english_columns_to_edit(library):
    admin_user = make_user("chef", language="de", is_staff=True, is_superuser=True)
    browser = Client()
    browser.force_login(admin_user)
    exercise = Exercise.objects.get(slug="moist-heat")

    response = browser.get(f"/admin/exercises/exercise/{exercise.pk}/change/")

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form["name"].value() == "Moist heat in the shower or tub"
    assert form.instance.steps == library_entry("moist-heat")["steps"]


def test_an_admin_can_save_an_exercise_whose_lists_are_empty(library):
    admin_user = make_user("editor", is_staff=True, is_superuser=True)
    browser = Client()
    browser.force_login(admin_user)
    exercise = Exercise.objects.get(slug="moist-heat")
    Exercise.objects.filter(pk=exercise.pk).update(equipment=[], cues=[], step_illustrations=[])
    url = f"/admin/exercises/exercise/{exercise.pk}/change/"
    form = browser.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data["summary"] = "Edited by the library's editor."

    response = browser.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    exercise.refresh_from_db()
    assert exercise.summary == "Edited by the library's editor."
    assert (exercise.equipment, exercise.cues) == ([], [])
