from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from exercises.illustrations import static_name
from exercises.library import SEED_ARTICLES
from exercises.models import (
    Audience,
    Exercise,
    ExerciseLog,
    Plan,
    PlanItem,
    PlanTemplate,
    PlanVersion,
    Routine,
    RoutineStep,
)


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


# The items a plan shows: its latest version's (which may start on a later
# day), or, for a plan written straight to the table, its unversioned ones.
LATEST_ITEMS = Q(version__isnull=True) | Q(version__effective_to__isnull=True)


# A plan the user's lists show: not deleted, not even from a later day. The
# queryset form (plans_with_latest_items) and the one for a plan already read.
LISTED_PLANS = Q(ended_on__isnull=True)


def plan_listed(plan: Plan) -> bool:
    """Return whether the user's lists show `plan` (LISTED_PLANS, for a plan already read)."""
    return plan.ended_on is None


def plans_with_latest_items(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """Return the plans that are not deleted, each with its latest items in order."""
    items = (
        PlanItem.objects.filter(LATEST_ITEMS)
        .select_related("exercise", "version")
        .order_by("order", "id")
    )
    return (
        plans.filter(LISTED_PLANS)
        .select_related("assigned_by")
        .prefetch_related(Prefetch("items", queryset=items))
    )


def plans_for_user(*, user) -> QuerySet[Plan]:
    """Return the user's plans (not deleted), each with its latest items in order."""
    return plans_with_latest_items(Plan.objects.filter(user=user))


def items_in_force_q(day: date, prefix: str = "") -> Q:
    """Return a filter for the plan items that count on local `day`, as PlanItem lookups.

    An item counts while its version is in force that day and not paused; an
    item without a version (written straight to the table) while its plan is
    neither paused nor ended. `prefix` reaches PlanItem through a relation.
    """

    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{name}": value for name, value in lookups.items()})

    unversioned = q(version__isnull=True, plan__is_paused=False) & (
        q(plan__ended_on__isnull=True) | q(plan__ended_on__gt=day)
    )
    versioned = (
        q(version__is_paused=False)
        & (q(version__effective_from__isnull=True) | q(version__effective_from__lte=day))
        & (q(version__effective_to__isnull=True) | q(version__effective_to__gt=day))
    )
    return unversioned | versioned


def plan_items_in_force(*, user, day: date) -> QuerySet[PlanItem]:
    """Return the user's plan items that count on local `day`, plan by plan, in order.

    Weekdays are not looked at here: tracker.selectors decides what is due.
    """
    return (
        PlanItem.objects.filter(items_in_force_q(day), plan__user=user)
        .select_related("exercise", "plan", "plan__assigned_by")
        .order_by("plan__created_at", "plan_id", "order", "id")
    )


def plan_versions(*, plan: Plan) -> QuerySet[PlanVersion]:
    """Return the plan's versions, oldest first, each with its items and who made it."""
    items = PlanItem.objects.select_related("exercise").order_by("order", "id")
    return (
        plan.versions.select_related("changed_by", "plan__user")
        .prefetch_related(Prefetch("items", queryset=items))
        .order_by("number")
    )


def templates_for(*, owner) -> QuerySet[PlanTemplate]:
    return PlanTemplate.objects.filter(owner=owner)


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


def template_plan_body(template: PlanTemplate) -> dict:
    """Return a template as the plans API's body (name, notes, items), to validate and assign."""
    return {"name": template.name, "notes": template.notes, "items": template.items}


def plan_item_body(item: PlanItem) -> dict:
    """Return a plan item (saved or not) as the plans API takes it: the exercise by slug.

    The progression leaves out its start: a copy starts its own when assigned.
    """
    return {
        "exercise": item.exercise.slug,
        "hold_seconds": item.hold_seconds,
        "reps": item.reps,
        "sets": item.sets,
        "side": item.side,
        "times_per_day": item.times_per_day,
        "days_of_week": list(item.days_of_week or []),
        "notes": item.notes,
        "progression": {
            "step_seconds": item.progression_step_seconds,
            "every_days": item.progression_every_days,
            "max_seconds": item.progression_max_seconds,
        }
        if item.progression_step_seconds
        else None,
    }


def plan_template_body(plan: Plan) -> dict:
    """Return a plan's latest items as the plans API's body, to save as a template or edit."""
    items = [plan_item_body(item) for item in plan.items.all()]
    return {"name": plan.name, "notes": plan.notes, "items": items}


def routine_plan_body(routine: Routine) -> dict:
    """Return a built-in routine as the plans API's body: a starting template.

    Each step's dose, or the exercise's default where the step has none.
    Uses prefetched steps (routines_with_steps).
    """
    items = []
    for step in routine.steps.all():
        exercise = step.exercise
        if exercise.audience != Audience.SELF_CARE:
            continue
        items.append(
            {
                "exercise": exercise.slug,
                "hold_seconds": step.hold_seconds or exercise.default_hold_seconds,
                "reps": step.reps or exercise.default_reps,
                "sets": step.sets or exercise.default_sets,
                "side": "",
                "times_per_day": 1,
                "days_of_week": [],
                "notes": step.note,
                "progression": None,
            }
        )
    return {"name": routine.name, "notes": "", "items": items}


@dataclass(frozen=True)
class TemplateEntry:
    """A template as a therapist picks it: one of theirs, or a built-in routine (id None)."""

    id: int | None
    name: str
    notes: str
    items: list[PlanItem]
    routine: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def builtin(self) -> bool:
        return self.routine is not None

    @property
    def body(self) -> dict:
        """The plans API's body for a plan made from it."""
        return {
            "name": self.name,
            "notes": self.notes,
            "items": [plan_item_body(item) for item in self.items],
        }


def _unsaved_items(bodies: list[dict], exercises: dict[str, Exercise]) -> list[PlanItem]:
    """Return stored item bodies as unsaved PlanItems (exercises gone from the library left out)."""
    items = []
    for position, body in enumerate(bodies):
        exercise = exercises.get(body.get("exercise"))
        if exercise is None:
            continue
        progression = body.get("progression") or {}
        items.append(
            PlanItem(
                exercise=exercise,
                order=position,
                hold_seconds=body.get("hold_seconds"),
                reps=body.get("reps"),
                sets=body.get("sets"),
                side=body.get("side") or "",
                times_per_day=body.get("times_per_day") or 1,
                days_of_week=body.get("days_of_week") or [],
                notes=body.get("notes") or "",
                progression_step_seconds=progression.get("step_seconds"),
                progression_every_days=progression.get("every_days"),
                progression_max_seconds=progression.get("max_seconds"),
            )
        )
    return items


def template_entries(templates: Iterable[PlanTemplate]) -> list[TemplateEntry]:
    """Return templates with their items as unsaved PlanItems; one query for the exercises."""
    templates = list(templates)
    slugs = {body.get("exercise") for template in templates for body in template.items}
    exercises = {exercise.slug: exercise for exercise in Exercise.objects.filter(slug__in=slugs)}
    return [
        TemplateEntry(
            id=template.pk,
            name=template.name,
            notes=template.notes,
            items=_unsaved_items(template.items, exercises),
            created_at=template.created_at,
            updated_at=template.updated_at,
        )
        for template in templates
    ]


def builtin_template_entries() -> list[TemplateEntry]:
    """Return the built-in routines as starting templates (self-care steps, their doses)."""
    entries = []
    for routine in routines_with_steps():
        body = routine_plan_body(routine)
        exercises = {step.exercise.slug: step.exercise for step in routine.steps.all()}
        entries.append(
            TemplateEntry(
                id=None,
                name=body["name"],
                notes=body["notes"],
                items=_unsaved_items(body["items"], exercises),
                routine=routine.slug,
            )
        )
    return entries
