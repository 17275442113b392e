"""The exercise library's content and its loader, `load_exercises`."""

import copy
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils.functional import Promise

from exercises import library as content
from exercises.library import EXERCISES, ROUTINES, SEED_FILES
from exercises.loading import exercise_errors, library_errors, routine_errors
from exercises.models import Audience, Exercise, Kind, Routine, RoutineStep, Tag

SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
EXERCISES_BY_SLUG = {e["slug"]: e for e in EXERCISES}
# The rule is "no 10-word run from a seed"; 8 words is stricter.
SHINGLE = 8
# Text about the articles instead of guidance for the person: authoring notes.
AUTHORING_PHRASES = (
    "the article",
    "the articles",
    "the source",
    "the seed",
    "this entry",
    "none is set",
    "no hold time",
    "no hold times",
    "doesn't describe",
    "does not describe",
    "names no",
    "gives no",
    "give no",
)

needs_seeds = pytest.mark.skipif(
    not SEEDS_DIR.is_dir(), reason=f"seed articles not found at {SEEDS_DIR}"
)


def _words(text: str) -> list[str]:
    # Lower-case, with punctuation (including curly quotes and dashes) as spaces.
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _strings(value: object):
    """Yield every string inside nested lists and dicts."""
    if isinstance(value, str | Promise):  # a Promise: gettext_lazy text, read in English
        yield str(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _library_text() -> list[str]:
    parts = [
        content.EXERCISES,
        content.ROUTINES,
        content.PAIN_AREAS,
        content.AGGRAVATING_ACTIVITIES,
        content.SERIOUS_CONDITIONS,
        content.SAFETY_SCREEN,
        content.SAFETY_ADVICE,
        content.GENERAL_DISCLAIMER,
    ]
    return list(_strings(parts))


def _template_text() -> list[str]:
    # Our pages' own words, tags and template syntax taken out ({% translate "…" %}
    # keeps its words; a blocktranslate's words are between its tags already).
    return [
        re.sub(
            r"{[%{#].*?[%}#]}|<[^>]+>",
            " ",
            re.sub(r'{%\s*translate\s+"([^"]*)".*?%}', r" \1 ", path.read_text(encoding="utf-8")),
        )
        for path in TEMPLATES_DIR.rglob("*.html")
    ]


def _patient_text() -> list[str]:
    """Return every string a person reads: the self-care entries and the rest."""
    self_care = [e for e in content.EXERCISES if e["audience"] == Audience.SELF_CARE]
    parts = [
        [{k: v for k, v in e.items() if k != "sources"} for e in self_care],
        content.ROUTINES,
        content.PAIN_AREAS,
        content.AGGRAVATING_ACTIVITIES,
        content.SERIOUS_CONDITIONS,
        content.SAFETY_SCREEN,
        content.SAFETY_ADVICE,
        content.GENERAL_DISCLAIMER,
    ]
    return list(_strings(parts))


def _all_sourced_entries() -> list[dict]:
    return [
        *content.EXERCISES,
        *content.PAIN_AREAS,
        *content.AGGRAVATING_ACTIVITIES,
        *content.SERIOUS_CONDITIONS,
        *content.SAFETY_SCREEN,
    ]


def _valid_exercise() -> dict:
    return copy.deepcopy(EXERCISES_BY_SLUG["foot-up-forward-stance"])


# --- Content ---------------------------------------------------------------


def test_the_library_as_a_whole_passes_validation():
    assert library_errors(EXERCISES, ROUTINES, known_sources=SEED_FILES) == []


@pytest.mark.parametrize("entry", EXERCISES, ids=lambda e: e["slug"])
def test_every_exercise_has_steps_a_caution_and_a_seed_source(entry):
    assert entry["steps"]
    assert entry["cautions"]
    assert set(entry["sources"]) & set(SEED_FILES)


def test_every_sourced_entry_names_only_seed_files():
    for entry in _all_sourced_entries():
        assert entry["sources"], entry["slug"]
        assert set(entry["sources"]) <= set(SEED_FILES), entry["slug"]


@needs_seeds
def test_every_named_source_file_exists_in_the_seeds_folder():
    named = {source for entry in _all_sourced_entries() for source in entry["sources"]}
    missing = sorted(name for name in named if not (SEEDS_DIR / name).is_file())
    assert missing == []


def test_kinds_audiences_and_tags_are_known_values():
    for entry in EXERCISES:
        assert entry["kind"] in Kind.values, entry["slug"]
        assert entry["audience"] in Audience.values, entry["slug"]
        assert set(entry["tags"]) <= set(Tag.values), entry["slug"]
    for routine in ROUTINES:
        assert set(routine["tags"]) <= set(Tag.values), routine["slug"]


def test_clinician_techniques_are_for_clinicians_and_self_care_holds_none():
    for entry in EXERCISES:
        if entry["kind"] == Kind.CLINICIAN_TECHNIQUE:
            assert entry["audience"] == Audience.CLINICIAN, entry["slug"]
        if entry["audience"] == Audience.SELF_CARE:
            assert entry["kind"] != Kind.CLINICIAN_TECHNIQUE, entry["slug"]


def test_the_required_routines_exist():
    assert {r["slug"] for r in ROUTINES} >= {
        "desk-break",
        "truck-stop",
        "daily-home",
        "flare-up-gentle",
    }


def test_routines_use_only_self_care_exercises_and_no_habits():
    for routine in ROUTINES:
        for step in routine["steps"]:
            exercise = EXERCISES_BY_SLUG[step["exercise"]]
            assert exercise["audience"] == Audience.SELF_CARE, step["exercise"]
            assert exercise["kind"] not in (Kind.HABIT, Kind.CLINICIAN_TECHNIQUE)


def test_the_flare_up_routine_holds_only_flare_up_safe_exercises():
    flare_up = next(r for r in ROUTINES if r["slug"] == "flare-up-gentle")
    assert flare_up["steps"]
    for step in flare_up["steps"]:
        assert Tag.FLARE_UP_SAFE in EXERCISES_BY_SLUG[step["exercise"]]["tags"]


def test_the_doses_the_seeds_give_are_carried_over():
    # 004: a count of 10 on the stool; three slow sit-backs a day.
    assert EXERCISES_BY_SLUG["foot-up-forward-stance"]["default_hold_seconds"] == 10
    sit_back = EXERCISES_BY_SLUG["slow-sit-back"]
    assert (sit_back["default_reps"], sit_back["default_times_per_day"]) == (3, 1)


def test_the_self_release_points_to_a_professional_and_warns_it_hurts():
    release = EXERCISES_BY_SLUG["supine-finger-release"]
    assert "professional" in release["professional_note"]
    assert any("painful" in caution for caution in release["cautions"])


def test_pressure_techniques_say_to_move_away_from_a_pulse():
    for slug in ("ball-self-massage", "supine-finger-release", "clinician-supine-psoas-release"):
        cautions = " ".join(EXERCISES_BY_SLUG[slug]["cautions"]).lower()
        assert "pulse" in cautions or "pulsing" in cautions, slug


def test_the_safety_screen_has_advice_and_a_disclaimer():
    assert content.SAFETY_SCREEN
    assert all(q["question"].endswith("?") for q in content.SAFETY_SCREEN)
    assert "professional" in content.SAFETY_ADVICE
    assert "education" in content.GENERAL_DISCLAIMER


@needs_seeds
def test_no_eight_word_run_is_copied_from_a_seed_article():
    # Anywhere: the library and the pages. The articles' titles in
    # SEED_ARTICLES are citations, quoted on purpose, and left out.
    seed_shingles: set[tuple[str, ...]] = set()
    for path in SEEDS_DIR.glob("*.txt"):
        seed_shingles |= _shingles(path.read_text(encoding="utf-8"))
    copied = {
        " ".join(shingle)
        for text in [*_library_text(), *_template_text()]
        for shingle in _shingles(text) & seed_shingles
    }
    assert copied == set()


@needs_seeds
def test_the_shingle_check_finds_a_copied_run():
    # Guards the check above: a sentence lifted from 004 is caught.
    seed = (SEEDS_DIR / content.S004).read_text(encoding="utf-8")
    lifted = "You can place a pillow or body pillow under the knees when lying on the back."
    assert _shingles(lifted) & _shingles(seed)


def test_patient_text_holds_no_authoring_notes():
    found = {
        (phrase, text)
        for text in [*_patient_text(), *_template_text()]
        for phrase in AUTHORING_PHRASES
        if re.search(rf"\b{re.escape(phrase)}\b", text, re.IGNORECASE)
    }
    assert found == set()


def test_patient_text_is_checked_for_authoring_notes():
    # Guards the test above: the old wording would fail it.
    note = "The article doesn't describe a particular stretch or a hold time."
    assert any(re.search(rf"\b{re.escape(p)}\b", note, re.I) for p in AUTHORING_PHRASES)
    assert any("slow sit-back" in text.lower() for text in _patient_text())


def test_every_seed_file_has_a_title_and_a_site():
    assert set(content.SEED_ARTICLES) == set(SEED_FILES)
    for article in content.SEED_ARTICLES.values():
        assert article["title"].strip() and article["site"].strip()


@needs_seeds
def test_each_seed_title_heads_its_article():
    for name, article in content.SEED_ARTICLES.items():
        head = (SEEDS_DIR / name).read_text(encoding="utf-8")[:300]
        assert article["title"] in head, name


@pytest.mark.parametrize("entry", EXERCISES, ids=lambda e: e["slug"])
def test_where_no_hold_time_is_given_the_text_says_what_to_do(entry):
    if entry["kind"] != Kind.STRETCH or entry["default_hold_seconds"]:
        return
    text = " ".join([entry["summary"], *entry["steps"], *entry["cues"]]).lower()
    assert "comfortable" in text, entry["slug"]


# --- Validation ------------------------------------------------------------


def test_a_valid_exercise_has_no_errors():
    assert exercise_errors(_valid_exercise(), known_sources=SEED_FILES) == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kind", "yoga", "unknown kind"),
        ("audience", "everyone", "unknown audience"),
        ("tags", ["gentle", "underwater"], "unknown tags"),
        ("cautions", [], "at least one caution"),
        ("steps", [], "at least one step"),
        ("sources", ["somewhere.txt"], "unknown sources"),
        ("default_reps", -1, "default_reps"),
    ],
)
def test_an_invalid_exercise_is_rejected(field, value, message):
    entry = _valid_exercise()
    entry[field] = value

    errors = exercise_errors(entry, known_sources=SEED_FILES)

    assert any(message in error for error in errors), errors


def test_a_self_care_clinician_technique_is_rejected():
    entry = _valid_exercise()
    entry["kind"] = Kind.CLINICIAN_TECHNIQUE

    errors = exercise_errors(entry, known_sources=SEED_FILES)

    assert any("clinician" in error for error in errors), errors


def test_an_exercise_with_a_missing_key_is_rejected():
    entry = _valid_exercise()
    del entry["cautions"]

    errors = exercise_errors(entry, known_sources=SEED_FILES)

    assert errors == ["exercise 'foot-up-forward-stance': missing keys ['cautions']"]


def _routine_with(exercise_slug: str, tags: list[str] | None = None) -> dict:
    return {
        "slug": "test-routine",
        "name": "Test routine",
        "summary": "For tests.",
        "minutes_min": 1,
        "minutes_max": 2,
        "tags": tags or [],
        "order": 1,
        "steps": [
            {
                "exercise": exercise_slug,
                "hold_seconds": None,
                "reps": None,
                "sets": None,
                "note": "",
            }
        ],
    }


@pytest.mark.parametrize(
    ("exercise_slug", "message"),
    [
        ("no-such-stretch", "unknown exercise"),
        ("clinician-supine-psoas-release", "not a self-care exercise"),
        ("firm-mattress", "not a self-care exercise"),
    ],
)
def test_a_routine_naming_an_unknown_or_non_self_care_exercise_is_rejected(exercise_slug, message):
    errors = routine_errors(_routine_with(exercise_slug), exercises_by_slug=EXERCISES_BY_SLUG)

    assert any(message in error for error in errors), errors


def test_a_flare_up_routine_with_an_ordinary_stretch_is_rejected():
    routine = _routine_with("kneeling-lunge-pelvic-tilt", tags=["flare_up_safe"])

    errors = routine_errors(routine, exercises_by_slug=EXERCISES_BY_SLUG)

    assert any("flare_up_safe" in error for error in errors), errors


def test_duplicate_slugs_are_rejected():
    entry = _valid_exercise()

    errors = library_errors([entry, entry], [], known_sources=SEED_FILES)

    assert errors == ["duplicate exercise slugs: ['foot-up-forward-stance']"]


# --- Loading ---------------------------------------------------------------


def _row_counts() -> tuple[int, int, int]:
    return Exercise.objects.count(), Routine.objects.count(), RoutineStep.objects.count()


def test_loading_stores_every_exercise_and_routine_with_its_steps(library):
    assert _row_counts() == (
        len(EXERCISES),
        len(ROUTINES),
        sum(len(r["steps"]) for r in ROUTINES),
    )
    stance = Exercise.objects.get(slug="foot-up-forward-stance")
    assert stance.default_hold_seconds == 10
    assert stance.tags == EXERCISES_BY_SLUG["foot-up-forward-stance"]["tags"]
    daily = Routine.objects.get(slug="daily-home")
    assert [s.exercise.slug for s in daily.steps.order_by("order")] == [
        s["exercise"] for s in next(r for r in ROUTINES if r["slug"] == "daily-home")["steps"]
    ]


def test_loading_twice_changes_nothing(library):
    before = _row_counts()
    step_ids = sorted(RoutineStep.objects.values_list("id", flat=True))

    call_command("load_exercises", verbosity=0)

    assert _row_counts() == before
    # Unchanged steps are kept, not deleted and re-created.
    assert sorted(RoutineStep.objects.values_list("id", flat=True)) == step_ids
    assert Exercise.objects.values("slug").distinct().count() == len(EXERCISES)


def test_loading_restores_an_edited_exercise_and_routine(library):
    Exercise.objects.filter(slug="slow-sit-back").update(default_reps=99, cautions=[])
    RoutineStep.objects.filter(routine__slug="truck-stop").delete()

    call_command("load_exercises", verbosity=0)

    sit_back = Exercise.objects.get(slug="slow-sit-back")
    assert sit_back.default_reps == 3
    assert sit_back.cautions == EXERCISES_BY_SLUG["slow-sit-back"]["cautions"]
    assert RoutineStep.objects.filter(routine__slug="truck-stop").count() == 2


def test_loading_reports_a_one_line_count(db):
    out = StringIO()

    call_command("load_exercises", stdout=out)

    assert out.getvalue() == f"Loaded {len(EXERCISES)} exercises ({len(EXERCISES)} new) " + (
        f"and {len(ROUTINES)} routines ({len(ROUTINES)} new), in English and es, de, pl, fr.\n"
    )


def test_loading_is_silent_at_verbosity_zero(db):
    out = StringIO()

    call_command("load_exercises", verbosity=0, stdout=out)

    assert out.getvalue() == ""


def test_loading_an_invalid_library_raises_and_writes_nothing(db, monkeypatch):
    bad = {**_valid_exercise(), "slug": "bad-one", "kind": "yoga"}
    monkeypatch.setattr(content, "EXERCISES", [*EXERCISES, bad])

    with pytest.raises(CommandError, match="unknown kind 'yoga'"):
        call_command("load_exercises", verbosity=0)

    assert Exercise.objects.count() == 0
