"""Drive mode: start a drive, say "I've stopped", then stretch and get back on the road.

With JavaScript the buttons call the drives API (static/tracker/js/drive.js);
without it they post here and the same reminders services run. Either way the
page is rendered from the drive's state on the server, and while driving it
shows one thing only: the "I've stopped" button.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reminders import drives
from reminders.api.serializers import DriveStartSerializer
from reminders.models import Drive, DriveRules, SegmentKind
from tracker.web.access import patient_required

DEFAULT_RULES = DriveRules.INTERVAL
DEFAULT_STOP_EVERY_MINUTES = 120
STOP_EVERY_CHOICES = (30, 45, 60, 90, 120, 150, 180, 240)
STOP_ROUTINE_URL = "/routines/truck-stop/play/"

TRANSITIONS = {
    "stop": drives.drive_stop,
    "resume": drives.drive_resume,
    "end": drives.drive_end,
}


def drive_state(drive: Drive | None) -> str:
    """Return "idle" (no drive running), "driving" or "stopped"."""
    if drive is None:
        return "idle"
    kind = drive.segments.filter(end__isnull=True).values_list("kind", flat=True).first()
    return "stopped" if kind == SegmentKind.STOPPED else "driving"


def last_choice(*, user) -> dict:
    """Return the rules and interval of the person's latest drive, or the defaults."""
    drive = Drive.objects.filter(user=user).only("rules", "stop_every_minutes").first()
    if drive is None:
        return {"rules": DEFAULT_RULES, "stop_every_minutes": DEFAULT_STOP_EVERY_MINUTES}
    return {"rules": drive.rules, "stop_every_minutes": drive.stop_every_minutes}


def _minutes_or_default(value) -> int:
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return DEFAULT_STOP_EVERY_MINUTES
    return minutes if 30 <= minutes <= 600 else DEFAULT_STOP_EVERY_MINUTES


def _minute_choices(chosen: int) -> list[int]:
    return sorted({*STOP_EVERY_CHOICES, chosen})


def _act(request: HttpRequest) -> tuple[dict, int, str | None]:
    """Run the posted action; return (errors, status, where to go next on success)."""
    action = request.POST.get("action", "")
    now = timezone.now()
    try:
        if action == "start":
            incoming = DriveStartSerializer(data=request.POST)
            if not incoming.is_valid():
                return incoming.errors, 400, None
            drives.drive_start(user=request.user, now=now, **incoming.validated_data)
            return {}, 200, "/drive/"
        if action in TRANSITIONS:
            TRANSITIONS[action](user=request.user, now=now)
            return {}, 200, STOP_ROUTINE_URL if action == "stop" else "/drive/"
    except drives.DriveStateError as error:
        return {"non_field_errors": [str(error)]}, 409, None
    return {"non_field_errors": [_("Choose start, stop, resume or end.")]}, 400, None


@patient_required
@require_http_methods(["GET", "POST"])
def drive_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    errors, status = {}, 200
    if request.method == "POST":
        errors, status, next_url = _act(request)
        if next_url:
            return redirect(next_url)
    drive = drives.current_drive(user=user)
    choice = last_choice(user=user)
    if request.method == "POST" and "rules" in request.POST:
        # Keep what the person picked when the form comes back with an error.
        choice = {
            "rules": request.POST.get("rules", ""),
            "stop_every_minutes": request.POST.get("stop_every_minutes", ""),
        }
    chosen_minutes = _minutes_or_default(choice["stop_every_minutes"])
    state = drive_state(drive)
    context = {
        "drive": drive,
        "state": state,
        "rules_choices": DriveRules.choices,
        "chosen_rules": choice["rules"],
        "minute_choices": _minute_choices(chosen_minutes),
        "chosen_minutes": chosen_minutes,
        "stop_routine_url": STOP_ROUTINE_URL,
        "errors": errors,
        "body_class": f"drive-mode is-{state}",
    }
    return render(request, "tracker/drive.html", context, status=status)
