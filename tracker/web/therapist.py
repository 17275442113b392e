"""The therapist's pages: the patient list (dashboard) and one
linked patient's charts, function goals, assigned plans and exports.

Every read of a patient goes through tracker.care.selectors (patients_of and
what is built on it), so a patient who is not actively linked to the caller
is a 404, exactly as in the care API. Plans are checked by the care API's own
serializer (tracker.care.serializers.AssignedPlanSerializer).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_http_methods

from exercises.doses import dose_text
from exercises.models import Audience, Exercise, Side
from exercises.services import (
    PlanChangeDateError,
    plan_create,
    plan_delete,
    plan_update,
    template_from_plan,
)
from tracker.api.progress import ProgressSerializer
from tracker.audit import access_note
from tracker.care import selectors, services
from tracker.care.dashboard import PAIN_RISE_POINTS
from tracker.care.messages import unread_by_patient
from tracker.care.selectors import PatientDashboard
from tracker.care.serializers import AssignedPlanSerializer
from tracker.days import local_date, window_for
from tracker.models import AccessWhat, User
from tracker.safety import answers_as_asked, latest_safety_check
from tracker.selectors import progress_summary
from tracker.web.access import therapist_required
from tracker.web.messages import patient_thread_context
from tracker.web.plan_edit import MAX_ROWS, prefill, template_choices
from tracker.web.progress import DEFAULT_RANGE, RANGE_LABELS, RANGES, goal_rows

# How many exercises the plan form offers at once (it works without JavaScript).
PLAN_FORM_ROWS = 3
WEEKDAYS = (
    (1, gettext_lazy("Mon")),
    (2, gettext_lazy("Tue")),
    (3, gettext_lazy("Wed")),
    (4, gettext_lazy("Thu")),
    (5, gettext_lazy("Fri")),
    (6, gettext_lazy("Sat")),
    (7, gettext_lazy("Sun")),
)
DOSE_FIELDS = ("hold_seconds", "reps", "sets", "times_per_day", "side")
PROGRESSION_FIELDS = ("step_seconds", "every_days", "max_seconds")
FIELD_LABELS = {
    "exercise": gettext_lazy("Exercise"),
    "hold_seconds": gettext_lazy("Hold"),
    "reps": gettext_lazy("Reps"),
    "sets": gettext_lazy("Sets"),
    "times_per_day": gettext_lazy("Times a day"),
    "side": gettext_lazy("Side"),
    "days_of_week": gettext_lazy("Days"),
    "notes": gettext_lazy("Note"),
    "progression": gettext_lazy("Progression"),
    "non_field_errors": gettext_lazy("Exercise"),
}


def patient_name(user: User) -> str:
    return user.display_name or user.username


def relative_time(then: datetime, now: datetime) -> str:
    """Return "3 days ago", "5 hours ago" or "just now": the largest unit only."""
    if now - then < timedelta(minutes=1):
        return _("just now")
    # timesince speaks the active language ("3 Tagen"); the sentence around it is ours.
    return _("%(time)s ago") % {"time": timesince(then, now, depth=1)}


def percent(share: float | None) -> str | None:
    return None if share is None else f"{round(share * 100)}%"


@dataclass(frozen=True)
class PainTrend:
    word: str  # rising, falling, steady; "" when there is nothing to compare (a CSS class too)
    arrow: str
    label: str = ""  # the word in the reader's language


def pain_trend(change: float | None) -> PainTrend:
    """Return how the 7-day mean pain moved against the 7 days before.

    A change of less than PAIN_RISE_POINTS (2) is "steady": the same line the
    pain-rise alert and the chart's noise band draw between change and noise.
    """
    if change is None:
        return PainTrend("", "")
    if change >= PAIN_RISE_POINTS:
        return PainTrend("rising", "↑", pgettext("pain trend", "rising"))
    if change <= -PAIN_RISE_POINTS:
        return PainTrend("falling", "↓", pgettext("pain trend", "falling"))
    return PainTrend("steady", "→", pgettext("pain trend", "steady"))


@dataclass(frozen=True)
class PatientRow:
    row: PatientDashboard
    name: str
    adherence_7: str | None
    adherence_28: str | None
    acted_on: str | None
    last_activity: str | None
    trend: PainTrend
    unread: int = 0  # messages from the patient the therapist has not read


# The columns of the patient table a therapist may sort by, each with the row's
# value to sort on. A missing value (no plan, never rated) sorts last either way.
PATIENT_SORTS: dict[str, Callable[[PatientDashboard], object]] = {
    "name": lambda row: patient_name(row.patient).casefold(),
    "alerts": lambda row: len(row.alerts),
    "adherence_7": lambda row: row.adherence_7,
    "adherence_28": lambda row: row.adherence_28,
    "data_days": lambda row: row.data_days_30,
    "last_activity": lambda row: row.last_activity_at,
    "pain": lambda row: row.latest_pain_rating,
    "pain_change": lambda row: row.pain_change,
}


@dataclass(frozen=True)
class PatientSort:
    column: str  # a PATIENT_SORTS key; "" for the default order
    descending: bool


def patient_sort_from(query) -> PatientSort | None:
    """Return the sort a query string asks for (?sort=COLUMN&order=asc|desc), None if malformed."""
    column = query.get("sort", "")
    order = query.get("order", "asc")
    if (column and column not in PATIENT_SORTS) or order not in ("asc", "desc"):
        return None
    return PatientSort(column, order == "desc")


def sorted_dashboard(rows: list[PatientDashboard], sort: PatientSort) -> list[PatientDashboard]:
    """Return the rows in the chosen order; by default open alerts first, then by name.

    Ties keep the name order, and rows without a value for the column come
    last whichever way the column is sorted.
    """
    by_name = sorted(rows, key=PATIENT_SORTS["name"])
    if not sort.column:
        return sorted(by_name, key=lambda row: not row.alerts)
    value_of = PATIENT_SORTS[sort.column]
    present = [row for row in by_name if value_of(row) is not None]
    missing = [row for row in by_name if value_of(row) is None]
    return sorted(present, key=value_of, reverse=sort.descending) + missing


def _patient_rows(
    rows: list[PatientDashboard], now: datetime, unread: dict[int, int] | None = None
) -> list[PatientRow]:
    """Return the rows for the template, in the order given."""
    return [
        PatientRow(
            row=row,
            name=patient_name(row.patient),
            adherence_7=percent(row.adherence_7),
            adherence_28=percent(row.adherence_28),
            acted_on=percent(row.reminders_acted_on),
            last_activity=relative_time(row.last_activity_at, now)
            if row.last_activity_at
            else None,
            trend=pain_trend(row.pain_change),
            unread=(unread or {}).get(row.patient.pk, 0),
        )
        for row in rows
    ]


# The table's headers: (column key, label). Each is a link that sorts by it.
PATIENT_COLUMNS = (
    ("name", gettext_lazy("Patient")),
    ("alerts", gettext_lazy("Alerts")),
    ("adherence_7", gettext_lazy("Adherence, 7 days")),
    ("adherence_28", gettext_lazy("Adherence, 28 days")),
    ("data_days", gettext_lazy("Days with data, last 30")),
    ("last_activity", gettext_lazy("Last activity")),
    ("pain", gettext_lazy("Latest pain")),
    ("pain_change", gettext_lazy("Pain, 7-day mean")),
)


def _column_headers(sort: PatientSort) -> list[dict]:
    """Return each header's label, link and aria-sort; a sorted column's link reverses it."""
    headers = []
    for column, label in PATIENT_COLUMNS:
        current = sort.column == column
        reverse = current and not sort.descending
        headers.append(
            {
                "column": column,
                "label": label,
                "href": f"?sort={column}&order={'desc' if reverse else 'asc'}",
                "aria_sort": ("descending" if sort.descending else "ascending")
                if current
                else None,
            }
        )
    return headers


def _linked_patient(request: HttpRequest, raw_id) -> User:
    """Return the caller's actively linked patient, or raise 404 (never, ended, not theirs)."""
    try:
        patient_id = int(raw_id)
    except (TypeError, ValueError):
        raise Http404("No such patient.") from None
    patient = selectors.linked_patient_or_none(therapist=request.user, patient_id=patient_id)
    if patient is None:
        raise Http404("No such patient.")
    access_note(request, patients=[patient])
    return patient


def _acknowledge(request: HttpRequest) -> None:
    """Acknowledge the posted alert, as POST care/patients/{id}/alerts/{id}/acknowledge/ does.

    An open alert is recorded as seen; one already acknowledged changes nothing;
    anything else (not this patient's, unknown, malformed) is a 404.
    """
    patient = _linked_patient(request, request.POST.get("patient"))
    try:
        services.alert_acknowledge_open(
            therapist=request.user,
            patient=patient,
            alert_id=request.POST.get("alert", ""),
            now=timezone.now(),
        )
    except services.AlertNotFound:
        raise Http404("No such alert.") from None
    messages.success(
        request, _("Alert about %(name)s acknowledged.") % {"name": patient_name(patient)}
    )


@therapist_required
@require_http_methods(["GET", "POST"])
def patients_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if request.POST.get("action") != "acknowledge":
            return render(
                request,
                "tracker/patients.html",
                {"error": _("Unknown action."), "patients": []},
                status=400,
            )
        _acknowledge(request)
        return redirect("/patients/")
    sort = patient_sort_from(request.GET)
    if sort is None:
        return render(
            request,
            "tracker/patients.html",
            {"error": _("Unknown sort: choose one of the table's columns."), "patients": []},
            status=400,
        )
    now = timezone.now()
    rows = sorted_dashboard(selectors.dashboard_rows(therapist=request.user, now=now), sort)
    access_note(request, patients=[row.patient for row in rows])
    unread = unread_by_patient(therapist=request.user)
    context = {"patients": _patient_rows(rows, now, unread), "columns": _column_headers(sort)}
    return render(request, "tracker/patients.html", context)


# The patient page: charts, goals, plans, exports.


def _int_or_none(raw: str | None) -> int | str | None:
    """Return a blank field as None, anything else as typed (the serializer checks it)."""
    raw = (raw or "").strip()
    return raw or None


def plan_data_from_form(post) -> tuple[dict, list[int]]:
    """Return the care plans API body the plan form describes, and the form rows used.

    A row without an exercise is left out; the serializer then checks the rest
    exactly as for POST care/patients/{id}/plans/.
    """
    items, used = [], []
    for row in range(_row_count(post)):
        prefix = f"items-{row}-"
        exercise = post.get(prefix + "exercise", "").strip()
        if not exercise:
            continue
        item = {"exercise": exercise}
        for field in DOSE_FIELDS:
            value = _int_or_none(post.get(prefix + field))
            if value is not None:
                item[field] = value
        item["days_of_week"] = post.getlist(prefix + "days_of_week")
        item["notes"] = post.get(prefix + "notes", "").strip()
        progression = {
            field: _int_or_none(post.get(f"{prefix}progression-{field}"))
            for field in PROGRESSION_FIELDS
        }
        if any(value is not None for value in progression.values()):
            item["progression"] = {k: v for k, v in progression.items() if v is not None}
        items.append(item)
        used.append(row)
    body = {
        "name": post.get("name", "").strip(),
        "notes": post.get("notes", "").strip(),
        "items": items,
    }
    return body, used


def _flatten(value) -> list[str]:
    """Return every message in a DRF error value (a list, a dict, or nested)."""
    if isinstance(value, dict):
        return [message for inner in value.values() for message in _flatten(inner)]
    if isinstance(value, list):
        return [message for inner in value for message in _flatten(inner)]
    return [str(value)]


def plan_form_errors(errors: dict, used: list[int]) -> dict:
    """Return the serializer's errors keyed for the form: name, notes, form, and rows by number."""
    form_errors = {"rows": {}}
    for field in ("name", "notes", "non_field_errors"):
        if field in errors:
            form_errors[field] = _flatten(errors[field])
    items = errors.get("items")
    if isinstance(items, list):
        # Older DRF: one entry per item, empty for the valid ones.
        items = dict(enumerate(items))
    if isinstance(items, dict):
        for index, item_errors in items.items():
            if not isinstance(index, int):
                form_errors.setdefault("items", []).extend(_flatten(item_errors))
            elif item_errors:
                form_errors["rows"][used[int(index)]] = [
                    f"{FIELD_LABELS.get(field, field)}: {message}"
                    for field, found in item_errors.items()
                    for message in _flatten(found)
                ]
    elif items:
        form_errors["items"] = _flatten(items)  # about the list itself: too long
    return form_errors


@dataclass(frozen=True)
class PlanFormRow:
    number: int
    values: dict
    weekdays: list[str]
    errors: list[str]


def _row_count(post) -> int:
    """Return how many exercise rows the form has: a filled-in plan may need more."""
    try:
        count = int((post or {}).get("rows", PLAN_FORM_ROWS))
    except ValueError:
        count = PLAN_FORM_ROWS
    return min(max(count, PLAN_FORM_ROWS), MAX_ROWS)


def _form_rows(post, errors: dict) -> list[PlanFormRow]:
    rows = []
    for row in range(_row_count(post)):
        prefix = f"items-{row}-"
        values = {
            key[len(prefix) :].replace("-", "_"): value
            for key, value in (post.items() if post else [])
            if key.startswith(prefix)
        }
        weekdays = post.getlist(prefix + "days_of_week") if post else []
        rows.append(PlanFormRow(row, values, weekdays, errors.get("rows", {}).get(row, [])))
    return rows


def _plan_rows(plans, today) -> list[dict]:
    """Return the assigned plans with each item's dose in words."""
    # The API's own rule for today's hold under a progression.
    item_serializer = AssignedPlanSerializer(context={"today": today}).fields["items"].child
    shown = []
    for plan in plans:
        items = []
        for item in plan.items.all():
            hold = item_serializer.get_current_hold_seconds(item)
            days = ", ".join(str(name) for number, name in WEEKDAYS if number in item.days_of_week)
            items.append(
                {
                    "exercise": item.exercise,
                    "dose": dose_text(hold_seconds=hold, reps=item.reps, sets=item.sets),
                    "times_per_day": item.times_per_day,
                    "days": days or _("every day"),
                    "progression": item.progression,
                    "notes": item.notes,
                }
            )
        shown.append({"plan": plan, "items": items})
    return shown


def _range_links(chosen: int | None) -> list[dict]:
    return [
        {"days": days, "label": RANGE_LABELS[days], "current": days == chosen} for days in RANGES
    ]


def _patient_context(request: HttpRequest, patient: User, chosen: int | None) -> dict:
    today = local_date(timezone.now(), patient.tzinfo)
    context = {
        "patient": patient,
        "name": patient_name(patient),
        "ranges": _range_links(chosen),
        "chosen": chosen,
        "exercises": Exercise.objects.filter(audience=Audience.SELF_CARE).order_by("order", "slug"),
        "weekdays": WEEKDAYS,
        "plans": _plan_rows(
            selectors.plans_assigned(therapist=request.user, patient=patient), today
        ),
        "form_rows": _form_rows(None, {}),
        "form_values": {},
        "form_errors": {},
        "templates": template_choices(request.user),
        "sides": Side.choices,
        "today": today,
    }
    if chosen is not None:
        start, end = window_for(days=chosen, today=today)
        summary = progress_summary(user=patient, start=start, end=end, today=today)
        context.update(
            chart_data=ProgressSerializer(summary).data,
            rows=list(reversed(summary.days)),
        )
    goal_summary, goals = goal_rows(patient)
    check = latest_safety_check(patient)
    context.update(
        safety_check=check,
        safety_answers=answers_as_asked(check) if check else [],
        goal_summary=goal_summary,
        goal_change=None if goal_summary.change is None else abs(goal_summary.change),
        goals=goals,
    )
    context.update(patient_thread_context(request, patient))
    return context


def _chosen_range(request: HttpRequest) -> int | None:
    raw = request.GET.get("range", str(DEFAULT_RANGE))
    return int(raw) if raw in {str(days) for days in RANGES} else None


def _assign_plan(request: HttpRequest, patient: User) -> dict:
    """Assign the posted plan to the patient; return the form's errors (empty: stored)."""
    today = local_date(timezone.now(), patient.tzinfo)
    body, used = plan_data_from_form(request.POST)
    if not used:
        # The serializer refuses a plan without items too; this message names the choice.
        return {"items": [_("Choose at least one exercise.")], "rows": {}}
    incoming = AssignedPlanSerializer(data=body, context={"today": today})
    if not incoming.is_valid():
        return plan_form_errors(incoming.errors, used)
    values = dict(incoming.validated_data)
    # The same service and arguments as the API's AssignedPlanViewSet.create.
    plan_create(user=patient, assigned_by=request.user, items=values.pop("items"), **values)
    return {}


def _edit_plan(request: HttpRequest, patient: User, plan) -> dict:
    """Change the posted plan from the posted day on; return the form's errors (empty: stored)."""
    today = local_date(timezone.now(), patient.tzinfo)
    body, used = plan_data_from_form(request.POST)
    if not used:
        return {"items": [_("Choose at least one exercise.")], "rows": {}}
    if request.POST.get("effective_from"):
        body["effective_from"] = request.POST["effective_from"]
    incoming = AssignedPlanSerializer(plan, data=body, context={"today": today})
    if not incoming.is_valid():
        return plan_form_errors(incoming.errors, used)
    values = dict(incoming.validated_data)
    try:
        # The same service and arguments as the API's PATCH.
        plan_update(
            plan=plan,
            items=values.pop("items"),
            effective_from=values.pop("effective_from", None),
            fields=values,
            by=request.user,
            today=today,
        )
    except PlanChangeDateError as error:
        return {"effective_from": [str(error)], "rows": {}}
    return {}


def _assigned_plan_or_404(request: HttpRequest, patient: User):
    plan = (
        selectors.plans_assigned(therapist=request.user, patient=patient)
        .filter(pk=_int_or_404(request.POST.get("plan")))
        .first()
    )
    if plan is None:
        raise Http404("No such plan.")
    return plan


def _form_again(request, patient, chosen, errors, editing=None) -> HttpResponse:
    context = _patient_context(request, patient, chosen or DEFAULT_RANGE)
    context.update(
        form_rows=_form_rows(request.POST, errors),
        form_values=request.POST,
        form_errors=errors,
        editing=editing,
    )
    return render(request, "tracker/patient.html", context, status=400)


def _plan_action(request: HttpRequest, patient: User, chosen) -> HttpResponse:
    """Answer the patient page's POST actions on plans and templates."""
    action = request.POST.get("action")
    back = redirect(f"/patients/{patient.pk}/#plans-heading")
    if action == "delete-plan":
        plan = _assigned_plan_or_404(request, patient)
        plan_delete(plan=plan, by=request.user, today=local_date(timezone.now(), patient.tzinfo))
        messages.success(request, _("Plan “%(name)s” deleted.") % {"name": plan.name})
        return back
    if action == "save-template":
        plan = _assigned_plan_or_404(request, patient)
        access_note(request, patients=[patient], only_reads=AccessWhat.PLANS)
        template_from_plan(owner=request.user, plan=plan)
        messages.success(request, _("“%(name)s” saved as a template.") % {"name": plan.name})
        return back
    if action == "assign-plan":
        errors = _assign_plan(request, patient)
        if errors:
            return _form_again(request, patient, chosen, errors)
        messages.success(request, _("Plan assigned to %(name)s.") % {"name": patient_name(patient)})
        return back
    if action == "edit-plan":
        plan = _assigned_plan_or_404(request, patient)
        errors = _edit_plan(request, patient, plan)
        if errors:
            return _form_again(request, patient, chosen, errors, editing=plan)
        messages.success(request, _("Plan “%(name)s” changed.") % {"name": plan.name})
        return back
    context = _patient_context(request, patient, chosen or DEFAULT_RANGE)
    context["form_errors"] = {"non_field_errors": [_("Unknown action.")]}
    return render(request, "tracker/patient.html", context, status=400)


@therapist_required
@require_http_methods(["GET", "POST"])
def patient_page(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = _linked_patient(request, patient_id)
    chosen = _chosen_range(request)
    if request.method == "POST":
        return _plan_action(request, patient, chosen)
    context = _patient_context(request, patient, chosen)
    start = prefill(query=request.GET, therapist=request.user, patient=patient)
    if start.post is not None:
        context.update(
            form_rows=_form_rows(start.post, {}),
            form_values=start.post,
            editing=start.editing,
            template_source=start.source,
        )
    if chosen is None:
        context["range_error"] = _("Choose a range of 7, 30, 90 or 365 days.")
        return render(request, "tracker/patient.html", context, status=400)
    return render(request, "tracker/patient.html", context)


def _int_or_404(raw: str | None) -> int:
    try:
        return int(raw or "")
    except ValueError:
        raise Http404("No such plan.") from None
