"""Reminders settings (/settings/reminders/): the person's schedules, each its own form.

Every form posts here with an `op` (create, save or delete). The input goes
through the reminders API's ScheduleSerializer and is saved by
reminders.services.schedule_save, as PATCH /api/v1/reminders/{id}/ does, so the
page and the API accept exactly the same values. Bad input answers 400 with the
page and its errors and changes nothing; someone else's schedule is a 404.

A reminder a therapist set (set_by) can only be paused here.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from exercises.models import Routine
from reminders.api.serializers import ScheduleSerializer
from reminders.models import Channel, Schedule, ScheduleKind
from reminders.services import schedule_save
from tracker.web.access import patient_required

# ISO weekday numbers with Django's own abbreviations ("Mon"; lazy, so in the
# language of the request that shows them).
WEEKDAYS = tuple((day, WEEKDAYS_ABBR[day - 1]) for day in range(1, 8))
TIME_SLOTS = 3  # time inputs shown for a routine-times reminder (at least)
LOCKED_FIELDS = ("paused_until",)
PAGE = "tracker/reminders_settings.html"


@dataclass
class ScheduleForm:
    """One schedule's form: what its fields show, and what was wrong with them."""

    schedule: Schedule | None
    kind: str
    values: dict
    errors: dict = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        return f"s{self.schedule.pk}" if self.schedule else f"new-{self.kind}"

    @property
    def locked(self) -> bool:
        return self.schedule is not None and self.schedule.set_by_id is not None

    @property
    def set_by_name(self) -> str:
        if not self.locked:
            return ""
        therapist = self.schedule.set_by
        return therapist.display_name or therapist.username

    @property
    def title(self) -> str:
        if self.schedule is None:
            if self.kind == ScheduleKind.SITTING:
                return _("New sitting breaks")
            return _("New routine time")
        if self.schedule.name:
            return self.schedule.name  # the person's own words: never translated
        if self.schedule.kind == ScheduleKind.SITTING:
            return _("Sitting breaks")
        return _("Routine at fixed times")

    @property
    def summary(self) -> str:
        return describe(self.schedule) if self.schedule else ""

    @property
    def paused(self) -> bool:
        until = self.schedule.paused_until if self.schedule else None
        return until is not None and until > timezone.now()

    @property
    def time_slots(self) -> list[str]:
        times = list(self.values.get("times", []))
        return times + [""] * max(TIME_SLOTS - len(times), 1)


def days_text(days: list[int]) -> str:
    if sorted(days) == [1, 2, 3, 4, 5, 6, 7]:
        return _("every day")
    if sorted(days) == [1, 2, 3, 4, 5]:
        return _("Monday to Friday")
    names = dict(WEEKDAYS)
    return ", ".join(str(names[day]) for day in sorted(days) if day in names)


def describe(schedule: Schedule) -> str:
    """Return one line saying when the schedule reminds, e.g. "Every 45 min, 09:00 to 17:30, …"."""
    days = days_text(schedule.weekdays)
    if schedule.kind == ScheduleKind.SITTING:
        return _("Every %(minutes)s min, %(start)s to %(end)s, %(days)s") % {
            "minutes": schedule.interval_minutes,
            "start": _hhmm(schedule.window_start),
            "end": _hhmm(schedule.window_end),
            "days": days,
        }
    return _("At %(times)s, %(days)s") % {"times": ", ".join(schedule.times), "days": days}


def _local(moment: datetime | None, user) -> str:
    return timezone.localtime(moment, user.tzinfo).strftime("%Y-%m-%dT%H:%M") if moment else ""


def _hhmm(value) -> str:
    return value.strftime("%H:%M") if value else ""


def values_of(schedule: Schedule, user) -> dict:
    """Return the form values (strings and lists of strings) a schedule shows."""
    return {
        "name": schedule.name,
        "is_active": schedule.is_active,
        "interval_minutes": str(schedule.interval_minutes),
        "window_start": _hhmm(schedule.window_start),
        "window_end": _hhmm(schedule.window_end),
        "weekdays": [str(day) for day in schedule.weekdays],
        "times": list(schedule.times),
        "quiet_start": _hhmm(schedule.quiet_start),
        "quiet_end": _hhmm(schedule.quiet_end),
        "paused_until": _local(schedule.paused_until, user),
        "channels": list(schedule.channels),
        "routine": schedule.routine.slug if schedule.routine else "",
    }


def new_values(kind: str) -> dict:
    values = {
        "name": "",
        "is_active": True,
        "interval_minutes": "45",
        "window_start": "09:00",
        "window_end": "17:30",
        "weekdays": ["1", "2", "3", "4", "5"],
        "times": [],
        "quiet_start": "",
        "quiet_end": "",
        "paused_until": "",
        "channels": [Channel.PUSH],
        "routine": "",
    }
    if kind == ScheduleKind.TIMES:
        values["weekdays"] = [str(day) for day, _label in WEEKDAYS]
    return values


def posted_values(request: HttpRequest) -> dict:
    """Return the posted form as the same shape values_of gives, to show it again."""
    post = request.POST
    values = {name: post.get(name, "").strip() for name in new_values(ScheduleKind.SITTING)}
    values["is_active"] = "is_active" in post
    for name in ("weekdays", "channels"):
        values[name] = post.getlist(name)
    values["times"] = [t.strip() for t in post.getlist("times") if t.strip()]
    return values


def serializer_input(values: dict, kind: str, *, locked: bool) -> dict:
    """Return what the API would be sent for these form values ("" means none)."""
    if locked:
        return {"paused_until": values["paused_until"] or None}
    data = {
        "name": values["name"],
        "is_active": values["is_active"],
        "weekdays": values["weekdays"],
        "quiet_start": values["quiet_start"] or None,
        "quiet_end": values["quiet_end"] or None,
        "paused_until": values["paused_until"] or None,
        "channels": values["channels"],
        "routine": values["routine"] or None,
    }
    if kind == ScheduleKind.SITTING:
        for name in ("interval_minutes", "window_start", "window_end"):
            data[name] = values[name]
    else:
        data["times"] = values["times"]
    return data


def _messages(errors) -> list[str]:
    """Flatten a field's errors (list items give {index: [...]}) to plain strings."""
    if isinstance(errors, dict):
        return [message for value in errors.values() for message in _messages(value)]
    if isinstance(errors, list):
        return [message for value in errors for message in _messages(value)]
    return [str(errors)]


def flat_errors(errors: dict) -> dict[str, list[str]]:
    return {name: _messages(value) for name, value in errors.items()}


def _own_schedules(user):
    return Schedule.objects.filter(user=user).select_related("routine", "set_by")


def _own_schedule(user, raw_id: str) -> Schedule:
    """Return the user's schedule with id `raw_id`; any other id is not found."""
    if not raw_id.isdigit():
        raise Http404(_("No such reminder."))
    schedule = _own_schedules(user).filter(pk=int(raw_id)).first()
    if schedule is None:
        raise Http404(_("No such reminder."))
    return schedule


def _page(request: HttpRequest, failed: ScheduleForm | None = None, status: int = 200):
    user = request.user
    forms = []
    for schedule in _own_schedules(user):
        if failed is not None and failed.schedule is not None and failed.schedule.pk == schedule.pk:
            forms.append(failed)
        else:
            forms.append(ScheduleForm(schedule, schedule.kind, values_of(schedule, user)))
    new_forms = {
        kind: failed
        if failed is not None and failed.schedule is None and failed.kind == kind
        else ScheduleForm(None, kind, new_values(kind))
        for kind in (ScheduleKind.SITTING, ScheduleKind.TIMES)
    }
    context = {
        "forms": forms,
        "new_forms": list(new_forms.values()),
        "weekdays": WEEKDAYS,
        "channels": Channel.choices,
        "routines": Routine.objects.only("slug", "name", "translations"),
        "has_email": bool(user.email),
        "saved": request.GET.get("saved", ""),
        "failed": failed,
    }
    return render(request, PAGE, context, status=status)


def _store(request: HttpRequest, schedule: Schedule | None, kind: str) -> HttpResponse:
    user = request.user
    values = posted_values(request)
    form = ScheduleForm(schedule, kind, values)
    data = serializer_input(values, kind, locked=form.locked)
    if schedule is None:
        data["kind"] = kind
    incoming = ScheduleSerializer(schedule, data=data, partial=schedule is not None)
    # A pause-until typed in the page is the person's local time.
    with timezone.override(user.tzinfo):
        valid = incoming.is_valid()
    if not valid:
        form.errors = flat_errors(incoming.errors)
        if form.locked:
            form.values = {**values_of(schedule, user), "paused_until": values["paused_until"]}
        return _page(request, failed=form, status=400)
    saved = schedule_save(
        user=user, values=incoming.validated_data, now=timezone.now(), schedule=schedule
    )
    return redirect(f"/settings/reminders/?saved={saved.pk}#s{saved.pk}")


@patient_required
@require_http_methods(["GET", "POST"])
def reminders_settings_page(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request)
    op = request.POST.get("op", "")
    if op == "create":
        kind = request.POST.get("kind", "")
        if kind not in ScheduleKind.values:
            form = ScheduleForm(None, ScheduleKind.SITTING, posted_values(request))
            form.errors = {"kind": [_("Choose sitting breaks or routine times.")]}
            return _page(request, failed=form, status=400)
        return _store(request, None, kind)
    if op in ("save", "delete"):
        schedule = _own_schedule(request.user, request.POST.get("schedule", ""))
        if op == "save":
            return _store(request, schedule, schedule.kind)
        if schedule.set_by_id is not None:
            form = ScheduleForm(schedule, schedule.kind, values_of(schedule, request.user))
            form.errors = {"form": [_("Your therapist set this reminder: you can pause it here.")]}
            return _page(request, failed=form, status=400)
        schedule.delete()
        return redirect("/settings/reminders/?saved=deleted")
    return HttpResponse(_("Unknown action."), status=400, content_type="text/plain")
