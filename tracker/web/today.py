"""Today: the next reminder, today's routine as a checklist, one-tap logging and a
quick pain rating.

With JavaScript the forms go through the offline outbox (static/tracker/js/outbox.js)
straight to the API; without it they post here and the same serializers and
services store them, so the page works either way.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from exercises.api.serializers import ExerciseLogSerializer
from exercises.doses import dose_text, side_text
from exercises.models import ExerciseLog, Plan, Routine
from exercises.progression import item_hold_on
from exercises.selectors import plan_listed, plans_for_user
from exercises.services import log_save, plan_session_log
from reminders.models import Schedule
from tracker.api.serializers import PainEntrySerializer
from tracker.days import day_bounds, local_date
from tracker.history import entries_on
from tracker.models import PainLocation, Profile
from tracker.selectors import has_plan_on, plan_changes, plan_items_due, plan_session_items
from tracker.services import pain_entry_save
from tracker.web.access import patient_required

ROUTINE_FOR_PROFILE = {Profile.DRIVER: "truck-stop", Profile.DESK: "desk-break"}
DEFAULT_ROUTINE = "daily-home"


@dataclass(frozen=True)
class ChecklistItem:
    plan_item_id: int
    plan_id: int
    exercise_slug: str
    exercise_name: str
    dose: str
    side: str
    planned: int
    logged: int
    notes: str

    @property
    def done(self) -> bool:
        return self.logged >= self.planned


@dataclass(frozen=True)
class Programme:
    """One plan's part of Today: its items due, who set it, its notes."""

    plan: Plan
    items: list[ChecklistItem]

    @property
    def done(self) -> bool:
        return all(item.done for item in self.items)


def checklist(*, user, today: date) -> list[ChecklistItem]:
    """Return the user's plan items due today (tracker.selectors.plan_items_due), with counts."""
    return _checklist_of(user=user, today=today, items=plan_items_due(user=user, day=today))


def _checklist_of(*, user, today: date, items: list) -> list[ChecklistItem]:
    """Return `items` (due today) as checklist rows, each with the sessions logged for it.

    A log counts for the item it names, or for the item that replaced it
    today (same plan, exercise and side), so a session done before a
    therapist's edit this morning still shows as done. One query for the counts.
    """
    start, end = day_bounds(today, user.tzinfo)
    logged = {
        (plan_id, exercise_id, side): count
        for plan_id, exercise_id, side, count in ExerciseLog.objects.filter(
            user=user, plan_item__isnull=False, performed_at__gte=start, performed_at__lt=end
        )
        .values("plan_item__plan_id", "plan_item__exercise_id", "plan_item__side")
        .annotate(count=Count("pk"))
        .values_list("plan_item__plan_id", "plan_item__exercise_id", "plan_item__side", "count")
    }
    return [
        ChecklistItem(
            plan_item_id=item.pk,
            plan_id=item.plan_id,
            exercise_slug=item.exercise.slug,
            exercise_name=item.exercise.name,
            dose=dose_text(hold_seconds=item_hold_on(item, today), reps=item.reps, sets=item.sets),
            side=side_text(item.side),
            planned=item.times_per_day,
            logged=logged.get((item.plan_id, item.exercise_id, item.side), 0),
            notes=item.notes,
        )
        for item in items
    ]


def programmes(*, user, today: date) -> list[Programme]:
    """Return today's checklist plan by plan: assigned plans first, then the user's own.

    The plans come with their items (and who assigned them), so listing them
    costs no query of its own; a plan deleted from a later day is left out, as
    from the user's lists (exercises.selectors.plan_listed).
    """
    items = plan_items_due(user=user, day=today)
    rows = _checklist_of(user=user, today=today, items=items)
    plans = {item.plan_id: item.plan for item in items if plan_listed(item.plan)}
    # Newest first (the plans' own order), then assigned before own and by name.
    newest_first = sorted(plans.values(), key=lambda plan: (plan.created_at, plan.pk), reverse=True)
    grouped = [
        Programme(plan=plan, items=[row for row in rows if row.plan_id == plan.pk])
        for plan in newest_first
    ]
    return sorted(grouped, key=lambda entry: (entry.plan.assigned_by_id is None, entry.plan.name))


def suggested_routine(user) -> Routine | None:
    slug = ROUTINE_FOR_PROFILE.get(user.profile, DEFAULT_ROUTINE)
    return Routine.objects.filter(slug=slug).first()


def next_reminder_at(user):
    schedule = (
        Schedule.objects.filter(user=user, is_active=True, next_fire_at__isnull=False)
        .order_by("next_fire_at")
        .only("next_fire_at")
        .first()
    )
    return schedule.next_fire_at if schedule else None


def _store_plan_session(request: HttpRequest) -> dict:
    """Log one session of each exercise of the posted plan due today; return the errors."""
    user = request.user
    plan = plans_for_user(user=user).filter(pk=_int_or_none(request.POST.get("plan"))).first()
    if plan is None:
        return {"non_field_errors": [_("No such plan.")]}
    today = local_date(timezone.now(), user.tzinfo)
    items = plan_session_items(user=user, plan_id=plan.pk, day=today)
    plan_session_log(user=user, items=items, day=today, performed_at=timezone.now())
    return {}


def _int_or_none(raw: str | None) -> int | None:
    try:
        return int(raw or "")
    except ValueError:
        return None


def _store_from_form(request: HttpRequest) -> dict:
    """Store a log or a pain rating posted without JavaScript; return the errors."""
    context = {"request": request}
    now = timezone.now().isoformat()
    if request.POST.get("kind") == "plan":
        return _store_plan_session(request)
    if request.POST.get("kind") == "pain":
        data = {
            "recorded_at": now,
            "rating": request.POST.get("rating", ""),
            "locations": request.POST.getlist("locations"),
        }
        incoming = PainEntrySerializer(data=data, context=context)
        if not incoming.is_valid():
            return incoming.errors
        pain_entry_save(user=request.user, entry_id=uuid.uuid4(), values=incoming.validated_data)
        return {}
    data = {"performed_at": now}
    for field in ("exercise", "routine", "plan_item"):
        if request.POST.get(field):
            data[field] = request.POST[field]
    incoming = ExerciseLogSerializer(data=data, context=context)
    if not incoming.is_valid():
        return incoming.errors
    log_save(user=request.user, log_id=uuid.uuid4(), values=incoming.validated_data)
    return {}


@patient_required
@require_http_methods(["GET", "POST"])
def today_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    errors = {}
    if request.method == "POST":
        errors = _store_from_form(request)
        if not errors:
            return redirect("/today/")
    today = local_date(timezone.now(), user.tzinfo)
    due_today = programmes(user=user, today=today)
    context = {
        "today": today,
        "next_reminder_at": next_reminder_at(user),
        "programmes": due_today,
        # Only asked on a day with nothing due: a rest day, or no plan at all?
        "has_plan": bool(due_today) or has_plan_on(user=user, day=today),
        "plan_changes": plan_changes(user=user),
        "routine": suggested_routine(user),
        # Logs and pain ratings alike, so a rating saved today is still listed after a reload.
        "logged_today": entries_on(user=user, day=today),
        "pain_scale": range(11),
        "pain_locations": PainLocation.choices,
        "errors": errors,
        "user_timezone": user.timezone,
    }
    return render(request, "tracker/today.html", context, status=400 if errors else 200)
