"""History: the last 30 days of a person's logs and pain ratings, by local day, each
one correctable or deletable.

With JavaScript the forms go through the offline outbox (js/history.js) as the
API's PUT and DELETE; without it they post here, and the same serializers and
services run. An edit is the API's PUT: the record's stored fields with the
form's changes on top, checked by the API's serializer. Another person's record
(or one already deleted) is a 404; bad input is a 400 that changes nothing.
"""

import json
import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from exercises.api.serializers import ExerciseLogSerializer
from exercises.selectors import logs_for_user
from exercises.services import log_delete, log_save
from tracker.api.serializers import PainEntrySerializer
from tracker.days import local_date
from tracker.history import HISTORY_DAYS, history_by_day
from tracker.models import PainLocation
from tracker.selectors import pain_entries_for_user
from tracker.services import pain_entry_delete, pain_entry_save
from tracker.web.access import patient_required

LOG_FIELDS = ("sets", "reps", "hold_seconds")


def _record(request: HttpRequest, kind: str):
    """Return the user's own record named in the form, or raise Http404."""
    try:
        record_id = uuid.UUID(request.POST.get("id", ""))
    except ValueError:
        raise Http404 from None
    if kind == "log":
        records = logs_for_user(user=request.user)
    elif kind == "pain":
        records = pain_entries_for_user(user=request.user)
    else:
        raise Http404
    record = records.filter(pk=record_id).first()
    if record is None:
        raise Http404
    return record


def _edited(request: HttpRequest, kind: str, record) -> dict:
    """Return the record as the API shows it, with the form's changes on top."""
    post = request.POST
    if kind == "log":
        data = dict(ExerciseLogSerializer(record).data)
        for field in LOG_FIELDS:
            if field in post:
                data[field] = post[field].strip() or None
    else:
        data = dict(PainEntrySerializer(record).data)
        if "rating" in post:
            data["rating"] = post["rating"]
        data["locations"] = post.getlist("locations")
    if "note" in post:
        data["note"] = post["note"]
    return data


def _apply(request: HttpRequest) -> dict:
    """Edit or delete the record named in the form; return the errors (empty when done)."""
    kind = request.POST.get("kind", "")
    record = _record(request, kind)
    if request.POST.get("action") == "delete":
        if kind == "log":
            log_delete(log=record)
        else:
            pain_entry_delete(entry=record)
        return {}
    if request.POST.get("action") != "edit":
        return {"non_field_errors": [_("Choose to change or to delete the entry.")]}
    serializer_class = ExerciseLogSerializer if kind == "log" else PainEntrySerializer
    incoming = serializer_class(data=_edited(request, kind, record), context={"request": request})
    if not incoming.is_valid():
        return incoming.errors
    values = dict(incoming.validated_data)
    values.pop("id", None)
    if kind == "log":
        log_save(user=request.user, log_id=record.pk, values=values, replace=True)
    else:
        pain_entry_save(user=request.user, entry_id=record.pk, values=values, replace=True)
    return {}


def _outbox_body(entry) -> str:
    """Return the record as the API's PUT body, for js/history.js to edit offline."""
    if entry.kind == "log":
        data = dict(ExerciseLogSerializer(entry.record).data)
        for read_only in ("id", "origin", "created_at", "delivery"):
            data.pop(read_only, None)
    else:
        data = dict(PainEntrySerializer(entry.record).data)
        data.pop("id", None)
        data.pop("created_at", None)
    return json.dumps(data)


# The form's own words for the fields an error can name (the API's names otherwise).
FIELD_NAMES = {
    "rating": gettext_lazy("Pain"),
    "locations": gettext_lazy("Where?"),
    "sets": gettext_lazy("Sets"),
    "reps": gettext_lazy("Reps"),
    "hold_seconds": gettext_lazy("Hold (s)"),
    "note": gettext_lazy("Note"),
}


def _flat(errors: dict) -> list[str]:
    """Return the serializer's errors as sentences naming the field they concern."""
    flat = []
    for field, messages in errors.items():
        label = FIELD_NAMES.get(field) or field.replace("_", " ").capitalize()
        name = "" if field == "non_field_errors" else f"{label}: "
        for message in messages if isinstance(messages, list) else [messages]:
            flat.append(f"{name}{message}")
    return flat


@patient_required
@require_http_methods(["GET", "POST"])
def history_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    errors: dict = {}
    error_id = ""
    if request.method == "POST":
        errors = _apply(request)
        if not errors:
            return redirect("/history/")
        error_id = request.POST.get("id", "")
    today = local_date(timezone.now(), user.tzinfo)
    days = history_by_day(user=user, today=today, tz=user.tzinfo)
    for day in days:
        for entry in day.entries:
            entry.record.outbox_body = _outbox_body(entry)
    context = {
        "days": days,
        "history_days": HISTORY_DAYS,
        "today": today,
        "pain_scale": range(11),
        "pain_locations": PainLocation.choices,
        "error_messages": _flat(errors),
        "error_id": error_id,
        "user_timezone": user.timezone,
    }
    return render(request, "tracker/history.html", context, status=400 if errors else 200)
