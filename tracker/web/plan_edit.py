"""The therapist's plan form filled in ahead: from a template (one of theirs or a
built-in routine) or from a plan they assigned, to edit from a day on.

The form then posts like any plan: tracker.web.therapist checks it with the
care API's serializer and stores it with the same services.
"""

from dataclasses import dataclass

from django.http import Http404, QueryDict

from exercises.models import Plan
from exercises.selectors import (
    TemplateEntry,
    builtin_template_entries,
    plan_template_body,
    template_entries,
    templates_for,
)
from tracker.care import selectors
from tracker.models import User

# Rows the form offers beyond a filled-in plan's items, and at most in all.
SPARE_ROWS = 1
MAX_ROWS = 12
DOSE_KEYS = ("hold_seconds", "reps", "sets", "times_per_day", "side", "notes")


@dataclass(frozen=True)
class Prefill:
    """What the form starts with: the fields as posted, and the plan being edited, if any."""

    post: QueryDict | None
    editing: Plan | None = None
    source: str = ""


def form_post_from_body(body: dict) -> QueryDict:
    """Return the plans API body (name, notes, items) as the plan form would post it."""
    post = QueryDict(mutable=True)
    post["name"] = body["name"]
    post["notes"] = body["notes"]
    post["rows"] = str(min(len(body["items"]) + SPARE_ROWS, MAX_ROWS))
    for row, item in enumerate(body["items"][:MAX_ROWS]):
        prefix = f"items-{row}-"
        post[prefix + "exercise"] = item["exercise"]
        for key in DOSE_KEYS:
            if item.get(key) not in (None, ""):
                post[prefix + key] = str(item[key])
        post.setlist(prefix + "days_of_week", [str(day) for day in item["days_of_week"]])
        for key, value in (item.get("progression") or {}).items():
            post[f"{prefix}progression-{key}"] = str(value)
    return post


def template_choices(therapist: User) -> list[TemplateEntry]:
    """Return the therapist's templates, then the built-in routines as starting templates."""
    return template_entries(templates_for(owner=therapist)) + builtin_template_entries()


def _int(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise Http404("No such plan or template.") from None


def prefill(*, query: QueryDict, therapist: User, patient: User) -> Prefill:
    """Return the form's starting values for ?template=<id>, ?routine=<slug> or ?edit=<plan id>.

    Another therapist's template, or a plan this therapist did not assign to
    this patient, is a 404.
    """
    if "edit" in query:
        plan = (
            selectors.plans_assigned(therapist=therapist, patient=patient)
            .filter(pk=_int(query["edit"]))
            .first()
        )
        if plan is None:
            raise Http404("No such plan.")
        return Prefill(form_post_from_body(plan_template_body(plan)), editing=plan)
    if "template" in query:
        entries = template_entries(
            templates_for(owner=therapist).filter(pk=_int(query["template"]))
        )
    elif "routine" in query:
        entries = [e for e in builtin_template_entries() if e.routine == query["routine"]]
    else:
        return Prefill(None)
    if not entries:
        raise Http404("No such template.")
    return Prefill(form_post_from_body(entries[0].body), source=entries[0].name)
