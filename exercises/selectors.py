from datetime import datetime

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from exercises.illustrations import static_name
from exercises.library import SEED_ARTICLES
from exercises.models import Audience, Exercise, ExerciseLog, Plan, PlanItem, Routine, RoutineStep


def exercises_visible(*, include_clinician: bool) -> QuerySet[Exercise]:
    """Return the library a user may see: self-care only, unless a clinician asks."""
    exercises = Exercise.objects.all()
    if not include_clinician:
        exercises = exercises.filter(audience=Audience.SELF_CARE)
    return exercises


def sources_described(files: list[str]) -> list[dict[str, str]]:
    """Return each seed file with its article's title and site, for people to read.

    A file the library does not know (only ever in tests) keeps its name as title.
    """
    return [
        {"file": name, **SEED_ARTICLES.get(name, {"title": name, "site": ""})} for name in files
    ]


def illustrations_of(exercise: Exercise) -> list[dict]:
    """Return the exercise's pictures: its own (step None), then each step's.

    Each is {"step", "static_name", "alt"}; none when the entry has no picture.
    """
    if not exercise.illustration_alt:
        return []
    pictures = [
        {"step": None, "static_name": static_name(exercise.slug), "alt": exercise.illustration_alt}
    ]
    for picture in exercise.step_illustrations:
        pictures.append(
            {
                "step": picture["step"],
                "static_name": static_name(exercise.slug, picture["step"]),
                "alt": picture["alt"],
            }
        )
    return pictures


def exercises_filtered(
    *, include_clinician: bool, kind: str | None = None, tag: str | None = None
) -> QuerySet[Exercise]:
    exercises = exercises_visible(include_clinician=include_clinician)
    if kind:
        exercises = exercises.filter(kind=kind)
    if tag:
        # Tags are a JSON list of slugs. SQLite has no JSON containment lookup, so
        # match the quoted slug in the stored text; slugs never contain quotes.
        exercises = exercises.filter(tags__icontains=f'"{tag}"')
    return exercises


def routines_with_steps() -> QuerySet[Routine]:
    steps = RoutineStep.objects.select_related("exercise").order_by("order")
    return Routine.objects.prefetch_related(Prefetch("steps", queryset=steps))


def plans_for_user(*, user) -> QuerySet[Plan]:
    items = PlanItem.objects.select_related("exercise").order_by("order", "id")
    return (
        Plan.objects.filter(user=user)
        .select_related("assigned_by")
        .prefetch_related(Prefetch("items", queryset=items))
    )


def logs_for_user(
    *, user, since: datetime | None = None, until: datetime | None = None
) -> QuerySet[ExerciseLog]:
    logs = ExerciseLog.objects.filter(user=user).select_related("exercise", "routine")
    if since:
        logs = logs.filter(performed_at__gte=since)
    if until:
        logs = logs.filter(performed_at__lt=until)
    return logs.order_by("-performed_at", "id")


def last_log_at(*, user) -> datetime | None:
    """Return when the user last logged a session, or None if never."""
    return (
        ExerciseLog.objects.filter(user=user)
        .order_by("-performed_at")
        .values_list("performed_at", flat=True)
        .first()
    )


def last_log_expression(*, user_field: str) -> Subquery:
    """Return, as an expression for another query, when the user in `user_field` last logged.

    For annotating many rows at once (the reminders dispatcher's batch) without
    a list of user ids; each row is one step down log_user_performed_idx.
    """
    logs = ExerciseLog.objects.filter(user_id=OuterRef(user_field)).order_by("-performed_at")
    return Subquery(logs.values("performed_at")[:1])
