"""The library's words in each language besides English, one module per language.

exercises/library.py holds the English and everything that is not words (kinds,
doses, tags, sources, which steps have pictures). Each <language>.py holds:

    EXERCISES = {slug: {field: words}}  the fields of EXERCISE_TEXT_FIELDS; list
                                         fields item for item with the English,
                                         "step_alts" one per step picture, in order
    ROUTINES = {slug: {"name", "summary", "notes": [one per step]}}

The meaning must stay the English one exactly: no claim added or softened,
every caution whole, the same sources. exercises.loading.translation_errors
checks that nothing is missing; `load_exercises` refuses a library with gaps.
"""

import importlib
from types import ModuleType

from django.conf import settings

EXERCISE_TEXT_FIELDS = (
    "name", "summary", "steps", "cues", "cautions", "skip_when", "professional_note",
    "progressions", "equipment", "illustration_alt", "step_alts",
)  # fmt: skip
ROUTINE_TEXT_FIELDS = ("name", "summary", "notes")


def other_languages() -> list[str]:
    """Return the codes of settings.LANGUAGES besides the library's own (English)."""
    return [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def content_of(language: str) -> ModuleType:
    """Return exercises/content/<language>.py (ModuleNotFoundError when there is none)."""
    return importlib.import_module(f"exercises.content.{language}")
