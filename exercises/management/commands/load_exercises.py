"""Load exercises/library.py into the database: `manage.py load_exercises`."""

from collections.abc import Iterable

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from exercises import library
from exercises.loading import library_errors
from exercises.models import Exercise, Routine, RoutineStep

STEP_FIELDS = ("hold_seconds", "reps", "sets", "note")


class Command(BaseCommand):
    help = (
        "Create or update the library's exercises and routines by slug. Safe to run "
        "again: unchanged entries stay as they are."
    )

    def handle(self, *args, **options) -> None:
        errors = library_errors(
            library.EXERCISES, library.ROUTINES, known_sources=library.SEED_FILES
        )
        if errors:
            raise CommandError("The exercise library is invalid:\n  " + "\n  ".join(errors))

        with transaction.atomic():
            new_exercises = sum(_exercise_upsert(entry) for entry in library.EXERCISES)
            new_routines = sum(_routine_upsert(entry) for entry in library.ROUTINES)

        if options["verbosity"] > 0:
            self.stdout.write(
                f"Loaded {len(library.EXERCISES)} exercises ({new_exercises} new) "
                f"and {len(library.ROUTINES)} routines ({new_routines} new)."
            )


def _exercise_upsert(entry: dict) -> bool:
    """Return True when the exercise was created rather than updated."""
    defaults = {key: value for key, value in entry.items() if key != "slug"}
    _, created = Exercise.objects.update_or_create(slug=entry["slug"], defaults=defaults)
    return created


def _routine_upsert(entry: dict) -> bool:
    """Return True when the routine was created rather than updated.

    The routine's steps are replaced only when they differ from the library, so
    a second run keeps the same RoutineStep rows.
    """
    defaults = {key: value for key, value in entry.items() if key not in ("slug", "steps")}
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
            **{key: step[key] for key in STEP_FIELDS},
        )
        for order, step in enumerate(entry["steps"], start=1)
    ]
    if _step_values(routine.steps.all()) != _step_values(wanted):
        routine.steps.all().delete()
        RoutineStep.objects.bulk_create(wanted)
    return created


def _step_values(steps: Iterable[RoutineStep]) -> list[tuple]:
    return [(s.order, s.exercise_id, *(getattr(s, key) for key in STEP_FIELDS)) for s in steps]
