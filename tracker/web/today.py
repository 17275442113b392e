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
from django.views.decorators.http import require_http_methods

from exercises.api.serializers import ExerciseLogSerializer
from exercises.models import ExerciseLog, PlanItem, Routine
from exercises.services import log_save
from reminders.models import Schedule
from tracker.api.serializers import PainEntrySerializer
from tracker.days import day_bounds, local_date
from tracker.history import entries_on
from tracker.models import PainLocation, Profile
from tracker.services import pain_entry_save
from tracker.web.access import patient_required

ROUTINE_FOR_PROFILE = {Profile.DRIVER: "truck-stop", Profile.DESK: "desk-break"}
DEFAULT_ROUTINE = "daily-home"


@dataclass(frozen=True)
class ChecklistItem:
    plan_item_id: int
    exercise_slug: str
    exercise_name: str
    dose: str
    planned: int
    logged: int

    @property
    def done(self) -> bool:
        return self.logged >= self.planned


def dose_text(*, hold_seconds: int | None, reps: int | None, sets: int | None) -> str:
    """Return a short human dose such as "3 x 10 reps" or "hold 30 s"."""
    parts = []
    if sets and reps:
        parts.append(f"{sets} x {reps} reps")
    elif reps:
        parts.append(f"{reps} reps")
    elif sets:
        parts.append(f"{sets} sets")
    if hold_seconds:
        parts.append(f"hold {hold_seconds} s")
    return ", ".join(parts)


def checklist(*, user, today: date) -> list[ChecklistItem]:
    """Return the user's plan items due today, each with today's logged count."""
    items = (
        PlanItem.objects.filter(plan__user=user, plan__is_paused=False)
        .select_related("exercise")
        .order_by("plan_id", "order")
    )
    start, end = day_bounds(today, user.tzinfo)
    logged = dict(
        ExerciseLog.objects.filter(
            user=user, plan_item__isnull=False, performed_at__gte=start, performed_at__lt=end
        )
        .values("plan_item_id")
        .annotate(count=Count("pk"))
        .values_list("plan_item_id", "count")
    )
    return [
        ChecklistItem(
            plan_item_id=item.pk,
            exercise_slug=item.exercise.slug,
            exercise_name=item.exercise.name,
            dose=dose_text(hold_seconds=item.hold_seconds, reps=item.reps, sets=item.sets),
            planned=item.times_per_day,
            logged=logged.get(item.pk, 0),
        )
        for item in items
        if not item.days_of_week or today.isoweekday() in item.days_of_week
    ]


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


def _store_from_form(request: HttpRequest) -> dict:
    """Store a log or a pain rating posted without JavaScript; return the errors."""
    context = {"request": request}
    now = timezone.now().isoformat()
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
    due_today = checklist(user=user, today=today)
    context = {
        "today": today,
        "next_reminder_at": next_reminder_at(user),
        "checklist": due_today,
        # Only asked on a day with nothing due: a rest day, or no plan at all?
        "has_plan": bool(due_today)
        or PlanItem.objects.filter(plan__user=user, plan__is_paused=False).exists(),
        "routine": suggested_routine(user),
        # Logs and pain ratings alike, so a rating saved today is still listed after a reload.
        "logged_today": entries_on(user=user, day=today),
        "pain_scale": range(11),
        "pain_locations": PainLocation.choices,
        "errors": errors,
        "user_timezone": user.timezone,
    }
    return render(request, "tracker/today.html", context, status=400 if errors else 200)
