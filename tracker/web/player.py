"""The routine player: one exercise at a time with a hold countdown, then the
session is logged through the offline outbox (static/tracker/js/player.js).

Without JavaScript the page lists every exercise of the routine in order and a
plain form posts "I did this routine" to Today, which stores the log.
"""

from dataclasses import dataclass
from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from exercises.doses import BOTH_SIDES, dose_text, one_sided, side_text
from exercises.library import GENERAL_DISCLAIMER
from exercises.models import Exercise, Plan, PlanItem, Routine, Side
from exercises.progression import item_hold_on
from exercises.selectors import plan_items_in_force, plans_for_user, routines_with_steps
from reminders.drives import current_drive
from reminders.models import SegmentKind
from tracker.days import local_date
from tracker.selectors import plan_session_items
from tracker.web.access import patient_required, safety_screen_required

# Where a dose has no hold time the person picks one; holds.js applies the
# same choices (its node test pins them).
HOLD_CHOICES = (15, 30, 45, 60)
DEFAULT_HOLD = 30


@dataclass(frozen=True)
class Dose:
    hold_seconds: int | None
    reps: int | None
    sets: int | None

    @property
    def text(self) -> str:
        return dose_text(hold_seconds=self.hold_seconds, reps=self.reps, sets=self.sets)

    @property
    def holds(self) -> int:
        """Return how many holds (or reps) the countdown counts: reps x sets, at least 1."""
        return max(self.reps or 1, 1) * max(self.sets or 1, 1)


@dataclass(frozen=True)
class PlayerStep:
    number: int
    exercise: Exercise
    note: str
    dose: Dose
    from_plan: bool
    plan_item_id: int | None = None
    side: str = ""
    times_per_day: int | None = None
    plan_side: str = ""

    @property
    def sides(self) -> tuple[str, ...]:
        """Return the sides the player times as separate holds: both, or none.

        A plan item set to one side is played once (its dose names the side);
        "each side", or an exercise whose steps switch sides, is played left
        then right.
        """
        both = tuple(gettext(side) for side in BOTH_SIDES)
        if self.plan_side == Side.EACH:
            return both
        if self.plan_side:
            return ()
        return both if one_sided(self.exercise.steps) else ()


def _plan_dose(item: PlanItem, today: date) -> Dose:
    return Dose(hold_seconds=item_hold_on(item, today), reps=item.reps, sets=item.sets)


def player_steps(*, routine: Routine, user, today: date) -> list[PlayerStep]:
    """Return the routine's exercises in order, each with the dose to play.

    The dose is the user's own where the exercise is in one of their active
    plans (a therapist may have set it, with its progression on `today`);
    otherwise the routine step's, each missing value falling back to the
    exercise's default.
    """
    plan_items: dict[int, PlanItem] = {}
    for item in plan_items_in_force(user=user, day=today).order_by(
        "-plan__created_at", "order", "id"
    ):
        plan_items.setdefault(item.exercise_id, item)
    steps = []
    for number, step in enumerate(routine.steps.all(), start=1):
        exercise = step.exercise
        item = plan_items.get(exercise.pk)
        if item is not None:
            dose = _plan_dose(item, today)
            plan_side = item.side
        else:
            plan_side = ""
            dose = Dose(
                hold_seconds=step.hold_seconds or exercise.default_hold_seconds,
                reps=step.reps or exercise.default_reps,
                sets=step.sets or exercise.default_sets,
            )
        steps.append(
            PlayerStep(
                number=number,
                exercise=exercise,
                note=step.note,
                dose=dose,
                from_plan=bool(item),
                plan_side=plan_side,
            )
        )
    return steps


def plan_player_steps(*, plan: Plan, user, today: date) -> list[PlayerStep]:
    """Return the plan's items due `today` in the plan's order, each with the plan's dose.

    What a session is: tracker.selectors.plan_session_items. Notes are the plan item's own.
    """
    due = plan_session_items(user=user, plan_id=plan.pk, day=today)
    return [
        PlayerStep(
            number=number,
            exercise=item.exercise,
            note=item.notes,
            dose=_plan_dose(item, today),
            from_plan=True,
            plan_item_id=item.pk,
            side=side_text(item.side),
            times_per_day=item.times_per_day,
            plan_side=item.side,
        )
        for number, item in enumerate(due, start=1)
    ]


def _stopped_on_a_drive(user) -> bool:
    drive = current_drive(user=user)
    if drive is None:
        return False
    return drive.segments.filter(end__isnull=True, kind=SegmentKind.STOPPED).exists()


@patient_required
@safety_screen_required
@require_GET
def player_page(request: HttpRequest, slug: str) -> HttpResponse:
    # A reminder's link may carry ?delivery=<id>; the log is the same either way.
    routine = routines_with_steps().filter(slug=slug).first()
    if routine is None:
        raise Http404("No such routine.")
    user = request.user
    steps = player_steps(routine=routine, user=user, today=local_date(timezone.now(), user.tzinfo))
    context = {
        "title": routine.name,
        "summary": routine.summary,
        "routine": routine,
        "steps": steps,
        "player_data": {
            "routine": routine.slug,
            "name": routine.name,
            "steps": len(steps),
            "exercises": [step.exercise.slug for step in steps],
        },
        "stopped_on_drive": _stopped_on_a_drive(user),
        "hold_choices": HOLD_CHOICES,
        "default_hold": DEFAULT_HOLD,
        "disclaimer": GENERAL_DISCLAIMER,
    }
    return render(request, "tracker/player.html", context)


@patient_required
@safety_screen_required
@require_GET
def plan_player_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Play one of the patient's plans (an assigned one: their programme) with its doses.

    Finishing logs one session per exercise, each pointing at its plan item,
    so adherence counts them against the plan. Another person's plan, or a
    deleted one, is not found.
    """
    user = request.user
    plan = plans_for_user(user=user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such plan.")
    steps = plan_player_steps(plan=plan, user=user, today=local_date(timezone.now(), user.tzinfo))
    context = {
        "title": plan.name,
        "plan": plan,
        "steps": steps,
        "player_data": {
            "plan": plan.pk,
            "name": plan.name,
            "steps": len(steps),
            "items": [
                {
                    "exercise": step.exercise.slug,
                    "plan_item": step.plan_item_id,
                    "hold_seconds": step.dose.hold_seconds,
                    "reps": step.dose.reps,
                    "sets": step.dose.sets,
                }
                for step in steps
            ],
        },
        "stopped_on_drive": _stopped_on_a_drive(user),
        "hold_choices": HOLD_CHOICES,
        "default_hold": DEFAULT_HOLD,
        "disclaimer": GENERAL_DISCLAIMER,
    }
    return render(request, "tracker/player.html", context)
