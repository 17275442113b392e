"""A new patient's first minutes: the safety screen, desk/driver/other, first reminders.

Three steps, one page each, every one a plain form that works without script:

1. /onboarding/            the safety screen (exercises.library.SAFETY_SCREEN),
                           stored through tracker.safety.safety_check_save;
   /onboarding/advice/     shown first to anyone who answered yes: see a
                           health professional before starting (they may go on).
2. /onboarding/profile/    desk, driver or other (the validation of PATCH me/).
3. /onboarding/reminders/  the first reminders for that profile, validated by the
                           reminders API's serializer and saved by its service.

Coming back later shows the current answers; saving again updates them.
"""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from exercises.library import GENERAL_DISCLAIMER, SAFETY_ADVICE, SAFETY_SCREEN, SERIOUS_CONDITIONS
from reminders.api.serializers import ScheduleSerializer
from reminders.models import Channel, Schedule, ScheduleKind
from reminders.services import schedule_save
from tracker.api.safety import SafetyAnswersInputSerializer
from tracker.api.serializers import UserSerializer
from tracker.models import Profile
from tracker.safety import latest_safety_check, safety_check_save
from tracker.web.access import patient_required
from tracker.web.reminders import WEEKDAYS

ANSWERS = {"yes": True, "no": False}
# Shown first in step 3; a desk worker's sitting breaks start from these.
SITTING_DEFAULTS = {
    "interval_minutes": "45",
    "window_start": "09:00",
    "window_end": "17:30",
    "weekdays": ["1", "2", "3", "4", "5"],
}
ROUTINE_TIME_FIELDS = ("time_1", "time_2")


@dataclass(frozen=True)
class Question:
    slug: str
    text: str
    answer: str  # "yes", "no" or "" (not answered yet)
    errors: tuple[str, ...] = ()
    hint: str = ""


def _next_page(request: HttpRequest) -> str:
    """Return the page the person was on their way to (a path on this site), or ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and target.startswith("/") and not target.startswith("//") else ""


def _questions(answers: dict[str, str], errors: dict[str, list[str]]) -> list[Question]:
    return [
        Question(
            slug=q["slug"],
            text=q["question"],
            answer=answers.get(q["slug"], ""),
            errors=tuple(errors.get(q["slug"], ())),
            hint=q.get("hint", ""),
        )
        for q in SAFETY_SCREEN
    ]


def _stored_answers(user) -> dict[str, str]:
    check = latest_safety_check(user)
    if check is None:
        return {}
    return {q["slug"]: "yes" if q["slug"] in check.warning_signs else "no" for q in SAFETY_SCREEN}


def _safety_context(answers: dict[str, str], errors: dict, next_page: str = "") -> dict:
    return {
        "next": next_page,
        "questions": _questions(answers, errors),
        "serious_conditions": SERIOUS_CONDITIONS,
        "disclaimer": GENERAL_DISCLAIMER,
        "errors": errors,
        "step": 1,
    }


@patient_required
@require_http_methods(["GET", "POST"])
def safety_page(request: HttpRequest) -> HttpResponse:
    next_page = _next_page(request)
    if request.method == "GET":
        context = _safety_context(_stored_answers(request.user), {}, next_page)
        return render(request, "tracker/onboarding_safety.html", context)
    posted = {q["slug"]: request.POST.get(q["slug"], "") for q in SAFETY_SCREEN}
    # The API takes true/false; a missing or odd answer stays out and is reported.
    answers = {slug: ANSWERS[value] for slug, value in posted.items() if value in ANSWERS}
    incoming = SafetyAnswersInputSerializer(data={"answers": answers})
    if not incoming.is_valid():
        errors = incoming.errors.get("answers", {})
        context = _safety_context(
            posted, {slug: [_("Answer yes or no.")] for slug in errors}, next_page
        )
        return render(request, "tracker/onboarding_safety.html", context, status=400)
    check = safety_check_save(
        user=request.user, answers=incoming.validated_data["answers"], now=timezone.now()
    )
    if check.warning_signs:
        query = "?" + urlencode({"next": next_page}) if next_page else ""
        return redirect("/onboarding/advice/" + query)
    return redirect(next_page or "/onboarding/profile/")


@patient_required
@require_GET
def advice_page(request: HttpRequest) -> HttpResponse:
    check = latest_safety_check(request.user)
    if check is None or not check.warning_signs:
        return redirect("/onboarding/profile/")
    ticked = [q["question"] for q in SAFETY_SCREEN if q["slug"] in check.warning_signs]
    return render(
        request,
        "tracker/onboarding_advice.html",
        {"advice": SAFETY_ADVICE, "ticked": ticked, "step": 1, "next": _next_page(request)},
    )


@patient_required
@require_http_methods(["GET", "POST"])
def profile_page(request: HttpRequest) -> HttpResponse:
    context = {"profiles": Profile.choices, "chosen": request.user.profile, "errors": {}, "step": 2}
    if request.method == "GET":
        return render(request, "tracker/onboarding_profile.html", context)
    chosen = request.POST.get("profile", "")
    context["chosen"] = chosen
    incoming = UserSerializer(request.user, data={"profile": chosen}, partial=True)
    if not chosen:
        # PATCH me/ accepts a blank profile (to clear it); here a choice is the point.
        context["errors"] = {"profile": [_("Choose the one that fits you best.")]}
    elif not incoming.is_valid():
        context["errors"] = incoming.errors
    if context["errors"]:
        return render(request, "tracker/onboarding_profile.html", context, status=400)
    incoming.save()
    return redirect("/onboarding/reminders/")


def _own_schedule(user, kind: str) -> Schedule | None:
    """The person's own (not therapist-set) schedule of `kind` that onboarding set up."""
    return Schedule.objects.filter(user=user, kind=kind, set_by__isnull=True).first()


def _sitting_values(schedule: Schedule | None) -> dict:
    if schedule is None:
        return dict(SITTING_DEFAULTS)
    return {
        "interval_minutes": str(schedule.interval_minutes),
        "window_start": schedule.window_start.strftime("%H:%M"),
        "window_end": schedule.window_end.strftime("%H:%M"),
        "weekdays": [str(day) for day in schedule.weekdays],
    }


def _times_values(schedule: Schedule | None) -> dict:
    times = list(schedule.times) if schedule else []
    return {
        field: times[i] if i < len(times) else "" for i, field in enumerate(ROUTINE_TIME_FIELDS)
    }


def _reminder_data(request: HttpRequest) -> tuple[str, dict]:
    """Return (kind, serializer input) from the posted form of step 3."""
    channels = [Channel.PUSH]
    if request.POST.get("email") and request.user.email:
        channels.append(Channel.EMAIL)
    if request.user.profile == Profile.DESK:
        return ScheduleKind.SITTING, {
            "kind": ScheduleKind.SITTING,
            # Stored as the person's own name for it, in their language.
            "name": _("Sitting breaks"),
            "interval_minutes": request.POST.get("interval_minutes", ""),
            "window_start": request.POST.get("window_start", ""),
            "window_end": request.POST.get("window_end", ""),
            "weekdays": request.POST.getlist("weekdays"),
            "channels": channels,
            "is_active": True,
        }
    times = [request.POST[f] for f in ROUTINE_TIME_FIELDS if request.POST.get(f, "").strip()]
    return ScheduleKind.TIMES, {
        "kind": ScheduleKind.TIMES,
        "name": _("Routine"),
        "times": times,
        "weekdays": [1, 2, 3, 4, 5, 6, 7],
        "channels": channels,
        "is_active": True,
    }


def _reminders_context(request: HttpRequest, values: dict, errors: dict) -> dict:
    user = request.user
    has_any = Schedule.objects.filter(user=user, is_active=True).exists()
    return {
        "profile": user.profile,
        "values": values,
        "weekdays": WEEKDAYS,
        "errors": errors,
        "has_email": bool(user.email),
        # "Turn on notifications" appears once the person has asked for reminders.
        "offer_notifications": has_any,
        "saved": request.GET.get("saved") == "1",
        "step": 3,
    }


@patient_required
@require_http_methods(["GET", "POST"])
def reminders_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.profile:
        return redirect("/onboarding/profile/")
    is_desk = user.profile == Profile.DESK
    kind = ScheduleKind.SITTING if is_desk else ScheduleKind.TIMES
    existing = _own_schedule(user, kind)
    if request.method == "GET":
        values = _sitting_values(existing) if is_desk else _times_values(existing)
        return render(
            request, "tracker/onboarding_reminders.html", _reminders_context(request, values, {})
        )
    kind, data = _reminder_data(request)
    if kind == ScheduleKind.TIMES and not data["times"]:
        if existing is None:
            # Routine times are optional for drivers and others: nothing to store.
            return redirect("/today/")
        data["times"] = []  # clearing every time is refused below, with the reason
    incoming = ScheduleSerializer(existing, data=data, partial=existing is not None)
    if not incoming.is_valid():
        values = {**request.POST.dict(), "weekdays": request.POST.getlist("weekdays")}
        context = _reminders_context(request, values, incoming.errors)
        return render(request, "tracker/onboarding_reminders.html", context, status=400)
    schedule_save(user=user, values=incoming.validated_data, now=timezone.now(), schedule=existing)
    return redirect("/onboarding/reminders/?saved=1")
