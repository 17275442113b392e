"""Checks on the library's plain data, run by `load_exercises` before it writes.

Pure: no queries. translation_errors checks the words of content/<language>.py.
Each function returns a list of human-readable problems,
empty when the data is fine.
"""

import re
from collections.abc import Iterable, Mapping

from exercises.content import EXERCISE_TEXT_FIELDS, ROUTINE_TEXT_FIELDS
from exercises.models import Audience, Exercise, Kind, Tag

EXERCISE_KEYS = frozenset({*Exercise.CONTENT_FIELDS, "order"})
ROUTINE_KEYS = frozenset(
    {"slug", "name", "summary", "minutes_min", "minutes_max", "tags", "order", "steps"}
)
ROUTINE_STEP_KEYS = frozenset({"exercise", "hold_seconds", "reps", "sets", "note"})

STRING_LISTS = ("steps", "cues", "cautions", "skip_when", "progressions", "equipment")
DOSES = ("default_hold_seconds", "default_reps", "default_sets", "default_times_per_day")
# Habits and clinician techniques are in the library but are not things to do
# in a timed routine, and clinician techniques are not for patients at all.
NOT_IN_ROUTINES = frozenset({Kind.HABIT, Kind.CLINICIAN_TECHNIQUE})
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Column sizes from exercises.models.
SLUG_MAX, NAME_MAX, NOTE_MAX = 80, 120, 300


def can_be_in_routine(entry: Mapping) -> bool:
    return entry.get("audience") == Audience.SELF_CARE and entry.get("kind") not in NOT_IN_ROUTINES


def _is_count(value: object) -> bool:
    """Return True for a non-negative int (bool excluded) or None."""
    return value is None or (type(value) is int and value >= 0)


def _is_string_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(s, str) and s.strip() for s in value)


def _name_errors(entry: Mapping, label: str) -> list[str]:
    """Return problems with the fields exercises and routines share."""
    errors = []
    if entry["order"] is None or not _is_count(entry["order"]):
        errors.append(f"{label}: order must be a non-negative int")
    slug = entry["slug"]
    if not (isinstance(slug, str) and SLUG.fullmatch(slug) and len(slug) <= SLUG_MAX):
        errors.append(f"{label}: slug must be lower-case words joined by hyphens")
    if not (isinstance(entry["name"], str) and 0 < len(entry["name"]) <= NAME_MAX):
        errors.append(f"{label}: name must be 1 to {NAME_MAX} characters")
    if not (isinstance(entry["summary"], str) and entry["summary"].strip()):
        errors.append(f"{label}: summary must not be empty")
    return errors


def _key_errors(entry: Mapping, expected: frozenset, label: str) -> list[str]:
    errors = []
    if missing := expected - entry.keys():
        errors.append(f"{label}: missing keys {sorted(missing)}")
    if extra := entry.keys() - expected:
        errors.append(f"{label}: unknown keys {sorted(extra)}")
    return errors


def exercise_errors(entry: Mapping, *, known_sources: Iterable[str]) -> list[str]:
    """Return the problems with one EXERCISES entry."""
    label = f"exercise {entry.get('slug')!r}"
    errors = _key_errors(entry, EXERCISE_KEYS, label)
    if errors:
        return errors
    errors += _name_errors(entry, label)
    if entry["kind"] not in Kind.values:
        errors.append(f"{label}: unknown kind {entry['kind']!r}")
    if entry["audience"] not in Audience.values:
        errors.append(f"{label}: unknown audience {entry['audience']!r}")
    is_technique = entry["kind"] == Kind.CLINICIAN_TECHNIQUE
    if is_technique != (entry["audience"] == Audience.CLINICIAN):
        errors.append(f"{label}: clinician techniques, and only they, are for clinicians")
    for key in STRING_LISTS:
        if not _is_string_list(entry[key]):
            errors.append(f"{label}: {key} must be a list of non-empty strings")
    if not entry["steps"]:
        errors.append(f"{label}: needs at least one step")
    if not entry["cautions"]:
        errors.append(f"{label}: needs at least one caution")
    for key in DOSES:
        if not _is_count(entry[key]):
            errors.append(f"{label}: {key} must be a non-negative int or None")
    if not isinstance(entry["professional_note"], str):
        errors.append(f"{label}: professional_note must be a string")
    errors += _illustration_errors(entry, label)
    errors += _tag_errors(entry["tags"], label)
    errors += _source_errors(entry["sources"], set(known_sources), label)
    return errors


def _illustration_errors(entry: Mapping, label: str) -> list[str]:
    """Return problems with the picture's words: every entry has them, and each
    step picture names an existing step once, in order."""
    errors = []
    alt = entry["illustration_alt"]
    if not (isinstance(alt, str) and alt.strip()):
        errors.append(f"{label}: illustration_alt must describe the picture")
    pictures = entry["step_illustrations"]
    if not isinstance(pictures, list) or not all(
        isinstance(p, dict) and p.keys() == {"step", "alt"} for p in pictures
    ):
        return [*errors, f"{label}: step_illustrations must be a list of {{step, alt}}"]
    numbers = [p["step"] for p in pictures]
    step_count = len(entry["steps"]) if isinstance(entry["steps"], list) else 0
    if not all(type(n) is int and 1 <= n <= step_count for n in numbers):
        errors.append(f"{label}: step_illustrations must name steps 1 to {step_count}")
    elif numbers != sorted(set(numbers)):
        errors.append(f"{label}: step_illustrations must name each step once, in order")
    if not all(isinstance(p["alt"], str) and p["alt"].strip() for p in pictures):
        errors.append(f"{label}: each step picture needs its alt text")
    return errors


def _tag_errors(tags: object, label: str) -> list[str]:
    if not isinstance(tags, list):
        return [f"{label}: tags must be a list"]
    unknown = [t for t in tags if t not in Tag.values]
    return [f"{label}: unknown tags {unknown}"] if unknown else []


def _source_errors(sources: object, known: set[str], label: str) -> list[str]:
    if not isinstance(sources, list) or not sources:
        return [f"{label}: needs at least one source"]
    unknown = [s for s in sources if s not in known]
    return [f"{label}: unknown sources {unknown}"] if unknown else []


def routine_errors(entry: Mapping, *, exercises_by_slug: Mapping[str, Mapping]) -> list[str]:
    """Return the problems with one ROUTINES entry, given the library's exercises."""
    label = f"routine {entry.get('slug')!r}"
    errors = _key_errors(entry, ROUTINE_KEYS, label)
    if errors:
        return errors
    errors += _name_errors(entry, label)
    errors += _tag_errors(entry["tags"], label)
    if not (_is_count(entry["minutes_min"]) and _is_count(entry["minutes_max"])):
        errors.append(f"{label}: minutes must be non-negative ints")
    elif entry["minutes_min"] > entry["minutes_max"]:
        errors.append(f"{label}: minutes_min is above minutes_max")
    if not entry["steps"]:
        errors.append(f"{label}: needs at least one step")
    flare_up = Tag.FLARE_UP_SAFE in entry["tags"]
    for position, step in enumerate(entry["steps"], start=1):
        errors += _step_errors(step, exercises_by_slug, f"{label} step {position}", flare_up)
    return errors


def _step_errors(
    step: Mapping, exercises_by_slug: Mapping[str, Mapping], label: str, flare_up: bool
) -> list[str]:
    errors = _key_errors(step, ROUTINE_STEP_KEYS, label)
    if errors:
        return errors
    exercise = exercises_by_slug.get(step["exercise"])
    if exercise is None:
        return [f"{label}: unknown exercise {step['exercise']!r}"]
    if not can_be_in_routine(exercise):
        errors.append(f"{label}: {step['exercise']!r} is not a self-care exercise")
    if flare_up and Tag.FLARE_UP_SAFE not in exercise["tags"]:
        errors.append(f"{label}: {step['exercise']!r} is not marked flare_up_safe")
    if not all(_is_count(step[key]) for key in ("hold_seconds", "reps", "sets")):
        errors.append(f"{label}: hold_seconds, reps and sets must be non-negative ints or None")
    if not (isinstance(step["note"], str) and len(step["note"]) <= NOTE_MAX):
        errors.append(f"{label}: note must be a string of at most {NOTE_MAX} characters")
    return errors


def _duplicates(slugs: list[str]) -> list[str]:
    return sorted({s for s in slugs if slugs.count(s) > 1})


def library_errors(
    exercises: list[Mapping], routines: list[Mapping], *, known_sources: Iterable[str]
) -> list[str]:
    """Return every problem in the library: each entry's, plus duplicate slugs."""
    known_sources = set(known_sources)
    errors = []
    for entry in exercises:
        errors += exercise_errors(entry, known_sources=known_sources)
    exercise_slugs = [e.get("slug") for e in exercises]
    if dupes := _duplicates(exercise_slugs):
        errors.append(f"duplicate exercise slugs: {dupes}")
    by_slug = {e.get("slug"): e for e in exercises}
    for entry in routines:
        errors += routine_errors(entry, exercises_by_slug=by_slug)
    if dupes := _duplicates([r.get("slug") for r in routines]):
        errors.append(f"duplicate routine slugs: {dupes}")
    return errors


def _text_errors(english: object, translated: object, label: str) -> list[str]:
    """Return problems with one field's words: the same shape as the English, none empty."""
    if isinstance(english, str):
        if not isinstance(translated, str):
            return [f"{label} must be text"]
        if bool(english.strip()) != bool(translated.strip()):
            return [f"{label} must be empty exactly when the English is"]
        return []
    if not _is_string_list(translated) or len(translated) != len(english):
        return [f"{label} must be {len(english)} non-empty texts, one per English item"]
    return []


def exercise_translation_errors(entry: Mapping, words: Mapping | None, language: str) -> list[str]:
    """Return what one exercise lacks in `language` (words: its entry in content/<language>)."""
    label = f"exercise {entry['slug']!r} in {language!r}"
    if words is None:
        return [f"{label}: missing"]
    expected = frozenset(EXERCISE_TEXT_FIELDS)
    errors = _key_errors(words, expected, label)
    if errors:
        return errors
    english = {**entry, "step_alts": [p["alt"] for p in entry["step_illustrations"]]}
    for field in EXERCISE_TEXT_FIELDS:
        errors += _text_errors(english[field], words[field], f"{label}: {field}")
    if isinstance(words["name"], str) and len(words["name"]) > NAME_MAX:
        errors.append(f"{label}: name must be at most {NAME_MAX} characters")
    return errors


def routine_translation_errors(entry: Mapping, words: Mapping | None, language: str) -> list[str]:
    """Return what one routine lacks in `language` (words: its entry in content/<language>)."""
    label = f"routine {entry['slug']!r} in {language!r}"
    if words is None:
        return [f"{label}: missing"]
    errors = _key_errors(words, frozenset(ROUTINE_TEXT_FIELDS), label)
    if errors:
        return errors
    errors += _text_errors(entry["name"], words["name"], f"{label}: name")
    errors += _text_errors(entry["summary"], words["summary"], f"{label}: summary")
    notes = words["notes"]
    if not (isinstance(notes, list) and len(notes) == len(entry["steps"])):
        return [*errors, f"{label}: notes must be {len(entry['steps'])} texts, one per step"]
    for position, (step, note) in enumerate(zip(entry["steps"], notes, strict=True), start=1):
        errors += _text_errors(step["note"], note, f"{label}: step {position} note")
        if isinstance(note, str) and len(note) > NOTE_MAX:
            errors.append(f"{label}: step {position} note is over {NOTE_MAX} characters")
    if isinstance(words["name"], str) and len(words["name"]) > NAME_MAX:
        errors.append(f"{label}: name must be at most {NAME_MAX} characters")
    return errors


def translation_errors(
    exercises: list[Mapping],
    routines: list[Mapping],
    *,
    language: str,
    exercise_words: Mapping[str, Mapping],
    routine_words: Mapping[str, Mapping],
) -> list[str]:
    """Return every gap in one language's words for the library: a missing exercise,
    routine, field, step or caution, and any entry the library does not have."""
    errors = []
    for entry in exercises:
        errors += exercise_translation_errors(entry, exercise_words.get(entry["slug"]), language)
    for entry in routines:
        errors += routine_translation_errors(entry, routine_words.get(entry["slug"]), language)
    if extra := exercise_words.keys() - {e["slug"] for e in exercises}:
        errors.append(f"{language!r}: exercises not in the library: {sorted(extra)}")
    if extra := routine_words.keys() - {r["slug"] for r in routines}:
        errors.append(f"{language!r}: routines not in the library: {sorted(extra)}")
    return errors
