"""Load the library into the database: `manage.py load_exercises`.

English and everything that is not words come from exercises/library.py; each
other language's words from exercises/content/<language>.py, stored in the
rows' `translations` (see exercises.models.Translated).
"""

from collections.abc import Iterable

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from exercises import library
from exercises.content import content_of, other_languages
from exercises.loading import library_errors, translation_errors
from exercises.models import Exercise, Routine, RoutineStep

STEP_FIELDS = ("hold_seconds", "reps", "sets", "note", "translations")


class Command(BaseCommand):
    help = (
        "Create or update the library's exercises and routines by slug, in every "
        "language. Safe to run again: unchanged entries stay as they are."
    )

    def handle(self, *args, **options) -> None:
        errors = library_errors(
            library.EXERCISES, library.ROUTINES, known_sources=library.SEED_FILES
        )
        words = {language: content_of(language) for language in other_languages()}
        for language, content in words.items():
            errors += translation_errors(
                library.EXERCISES,
                library.ROUTINES,
                language=language,
                exercise_words=content.EXERCISES,
                routine_words=content.ROUTINES,
            )
        if errors:
            raise CommandError("The exercise library is invalid:\n  " + "\n  ".join(errors))

        # No language active: the rows are read and written with their English columns.
        with translation.override(None), transaction.atomic():
            new_exercises = sum(_exercise_upsert(entry, words) for entry in library.EXERCISES)
            new_routines = sum(_routine_upsert(entry, words) for entry in library.ROUTINES)

        if options["verbosity"] > 0:
            self.stdout.write(
                f"Loaded {len(library.EXERCISES)} exercises ({new_exercises} new) "
                f"and {len(library.ROUTINES)} routines ({new_routines} new), in English "
                f"and {', '.join(words) or 'no other language'}."
            )


def _exercise_translations(entry: dict, words: dict) -> dict:
    translations = {}
    for language, content in words.items():
        mine = dict(content.EXERCISES[entry["slug"]])
        alts = mine.pop("step_alts")
        mine["step_illustrations"] = [
            {"step": picture["step"], "alt": alt}
            for picture, alt in zip(entry["step_illustrations"], alts, strict=True)
        ]
        translations[language] = mine
    return translations


def _exercise_upsert(entry: dict, words: dict) -> bool:
    """Return True when the exercise was created rather than updated."""
    defaults = {key: value for key, value in entry.items() if key != "slug"}
    defaults["translations"] = _exercise_translations(entry, words)
    _, created = Exercise.objects.update_or_create(slug=entry["slug"], defaults=defaults)
    return created


def _routine_upsert(entry: dict, words: dict) -> bool:
    """Return True when the routine was created rather than updated.

    The routine's steps are replaced only when they differ from the library, so
    a second run keeps the same RoutineStep rows.
    """
    defaults = {key: value for key, value in entry.items() if key not in ("slug", "steps")}
    routine_words = {
        language: content.ROUTINES[entry["slug"]] for language, content in words.items()
    }
    defaults["translations"] = {
        language: {"name": mine["name"], "summary": mine["summary"]}
        for language, mine in routine_words.items()
    }
    routine, created = Routine.objects.update_or_create(slug=entry["slug"], defaults=defaults)

    ids = dict(
        Exercise.objects.filter(slug__in={s["exercise"] for s in entry["steps"]}).values_list(
            "slug", "id"
        )
    )
    wanted = [
        RoutineStep(
            routine=routine,
            exercise_id=ids[step["exercise"]],
            order=order,
            hold_seconds=step["hold_seconds"],
            reps=step["reps"],
            sets=step["sets"],
            note=step["note"],
            translations={
                language: {"note": mine["notes"][order - 1]}
                for language, mine in routine_words.items()
            },
        )
        for order, step in enumerate(entry["steps"], start=1)
    ]
    if _step_values(routine.steps.all()) != _step_values(wanted):
        routine.steps.all().delete()
        RoutineStep.objects.bulk_create(wanted)
    return created


def _step_values(steps: Iterable[RoutineStep]) -> list[tuple]:
    return [(s.order, s.exercise_id, *(getattr(s, key) for key in STEP_FIELDS)) for s in steps]
