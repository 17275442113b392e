"""A patient's own plan, changed from a day on; an assigned plan, paused or resumed.

The same serializer (PlanSerializer, which keeps a therapist's doses from
the patient) and the same service (exercises.services.plan_update) as
PATCH /api/v1/plans/{id}/, so the change keeps history exactly as there.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from exercises.api.serializers import PlanSerializer
from exercises.models import Side
from exercises.selectors import plan_item_body, plans_for_user
from exercises.services import PlanChangeDateError, plan_update
from tracker.days import local_date
from tracker.web.access import patient_required
from tracker.web.therapist import FIELD_LABELS

DOSE_FIELDS = ("hold_seconds", "reps", "sets", "times_per_day", "side", "notes")


def _body_from_form(plan, post) -> dict:
    """Return the PATCH body the form describes: the plan's items with the doses as typed."""
    items = []
    for row, item in enumerate(plan.items.all()):
        body = plan_item_body(item)
        for field in DOSE_FIELDS:
            raw = post.get(f"items-{row}-{field}", "").strip()
            body[field] = raw if raw or field in ("side", "notes") else None
        if body["progression"] is None:
            body.pop("progression")
        else:
            # The hold keeps growing from where it started, not from the change.
            body["progression"]["start"] = item.progression_start
        items.append(body)
    body = {"name": post.get("name", "").strip(), "notes": post.get("notes", "").strip()}
    body["items"] = items
    if post.get("effective_from"):
        body["effective_from"] = post["effective_from"]
    return body


def _messages(found) -> list[str]:
    """Return every message in a DRF error value (nested per item for `items`)."""
    if isinstance(found, dict):
        return [
            message
            if isinstance(name, int)
            else f"{FIELD_LABELS.get(name, name.replace('_', ' ').capitalize())}: {message}"
            for name, inner in found.items()
            for message in _messages(inner)
        ]
    if isinstance(found, list):
        return [message for inner in found for message in _messages(inner)]
    return [str(found)]


@patient_required
@require_http_methods(["GET", "POST"])
def plan_edit_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = request.user
    plan = plans_for_user(user=user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("No such plan.")
    today = local_date(timezone.now(), user.tzinfo)
    errors: dict = {}
    if request.method == "POST":
        if request.POST.get("action") == "pause":
            body = {"is_paused": request.POST.get("is_paused") == "true"}
        else:
            body = _body_from_form(plan, request.POST)
        incoming = PlanSerializer(plan, data=body, partial=True, context={"today": today})
        if incoming.is_valid():
            values = dict(incoming.validated_data)
            try:
                plan_update(
                    plan=plan,
                    items=values.pop("items", None),
                    effective_from=values.pop("effective_from", None),
                    fields=values,
                    by=user,
                    today=today,
                )
            except PlanChangeDateError as error:
                errors = {"effective_from": [str(error)]}
            else:
                messages.success(request, _("“%(name)s” changed.") % {"name": plan.name})
                return redirect("/today/")
        else:
            errors = {name: _messages(found) for name, found in incoming.errors.items()}
    context = {
        "plan": plan,
        "items": list(plan.items.all()),
        "sides": Side.choices,
        "today": today,
        "values": request.POST if request.method == "POST" else None,
        "errors": errors,
    }
    return render(request, "tracker/plan_edit.html", context, status=400 if errors else 200)
