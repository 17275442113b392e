"""Writes for the exercises app: plans and the log of sessions done."""

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models.signals import post_save

from exercises.models import ExerciseLog, Plan, PlanChange, PlanItem, PlanTemplate, PlanVersion
from exercises.progression import item_hold_on
from exercises.selectors import plan_item_body, plan_template_body

Record = TypeVar("Record", bound=models.Model)


class IdTakenError(Exception):
    """The client-chosen id already names another user's record."""


def client_record_save(
    *,
    model: type[Record],
    user,
    record_id: uuid.UUID,
    values: Mapping[str, Any],
    replace: bool,
) -> tuple[Record, bool]:
    """Return (record, created) after storing `values` under a client-chosen id.

    Offline clients resend the same record until they hear back, so:
    1. An unknown id creates the record (created is True).
    2. An id the user already has is a resend: nothing changes, unless `replace`
       (PUT semantics), where the stored fields become `values`.
    3. An id that belongs to another user raises IdTakenError and writes nothing.
    """
    # A new id is by far the common case: insert straight away (one statement,
    # where looking first took a transaction of five round trips), and look at
    # what is stored only when the id is taken.
    try:
        return _record_create(model=model, record_id=record_id, user=user, values=values), True
    except IntegrityError:
        with transaction.atomic():
            existing = model.objects.select_for_update().filter(pk=record_id).first()
            if existing is None:
                raise  # not the id: another constraint refused the values
            if existing.user_id != user.pk:
                raise IdTakenError(str(record_id)) from None
            if replace:
                for field, value in values.items():
                    setattr(existing, field, value)
                existing.save()
            return existing, False


def _record_create(*, model: type[Record], record_id: uuid.UUID, user, values) -> Record:
    """Insert the record in a transaction (inside a caller's, behind a savepoint).

    The savepoint keeps the caller's transaction usable when the id is taken.
    The transaction holds what saving the record writes besides (a day's
    count, tracker.activity_days) together with the insert.
    """
    with transaction.atomic():
        return model.objects.create(pk=record_id, user=user, **values)


def log_save(
    *, user, log_id: uuid.UUID, values: Mapping[str, Any], replace: bool = False
) -> tuple[ExerciseLog, bool]:
    """Return (log, created) for a session the user reports; see client_record_save."""
    return client_record_save(
        model=ExerciseLog, user=user, record_id=log_id, values=values, replace=replace
    )


def log_delete(*, log: ExerciseLog) -> None:
    """Delete one of a user's logs; the caller found it among that user's own."""
    log.delete()


@transaction.atomic
def plan_session_log(
    *, user, items: Iterable[PlanItem], day: date, performed_at: datetime
) -> list[ExerciseLog]:
    """Return one new log per plan item: a session of a plan, each log naming its item.

    The dose logged is the item's on `day` (its progression grown).
    """
    logs = ExerciseLog.objects.bulk_create(
        ExerciseLog(
            user=user,
            performed_at=performed_at,
            exercise_id=item.exercise_id,
            plan_item=item,
            sets=item.sets,
            reps=item.reps,
            hold_seconds=item_hold_on(item, day),
        )
        for item in items
    )
    # bulk_create sends no signals: sent here as save() would, so that what
    # counts new logs (metrics, the dashboard's day counts) counts these too.
    for log in logs:
        post_save.send(
            sender=ExerciseLog, instance=log, created=True, update_fields=None, raw=False,
            using=log._state.db,
        )  # fmt: skip
    return logs


# How far ahead a plan change may be dated.
MAX_DAYS_AHEAD = 365

# The fields of a plan item a new version copies.
ITEM_FIELDS = (
    "exercise_id", "order", "hold_seconds", "reps", "sets", "side", "times_per_day",
    "days_of_week", "notes", "progression_step_seconds", "progression_every_days",
    "progression_max_seconds", "progression_start",
)  # fmt: skip


class PlanChangeDateError(ValueError):
    """The day a plan change would apply from is in the past, too far ahead, or
    before a change already planned."""


def _items_create(version: PlanVersion, items: Iterable[Mapping[str, Any]]) -> None:
    PlanItem.objects.bulk_create(
        PlanItem(plan_id=version.plan_id, version=version, **{"order": position, **item})
        for position, item in enumerate(items)
    )


def _items_copied(version: PlanVersion) -> list[dict[str, Any]]:
    return [
        {field: getattr(item, field) for field in ITEM_FIELDS if field != "order"}
        for item in version.items.order_by("order", "id")
    ]


@transaction.atomic
def plan_create(
    *,
    user,
    name: str,
    items: Iterable[Mapping[str, Any]],
    notes: str = "",
    is_paused: bool = False,
    assigned_by=None,
) -> Plan:
    """Return a new plan for `user` with its items in the order given.

    Its first version runs from the local day the plan is created; the creator
    is the therapist who assigns it, or else the user.
    """
    plan = Plan.objects.create(
        user=user, name=name, notes=notes, is_paused=is_paused, assigned_by=assigned_by
    )
    version = PlanVersion.objects.create(
        plan=plan,
        number=1,
        name=name,
        notes=notes,
        is_paused=is_paused,
        change=PlanChange.CREATED,
        changed_by=assigned_by or user,
    )
    _items_create(version, items)
    return plan


def _latest_version(plan: Plan) -> PlanVersion:
    """Return the plan's latest version; a plan written straight to the table gets its first.

    That first version holds the items as they are, from the plan's creation,
    so they stop counting once a change ends it.
    """
    latest = plan.versions.order_by("-number").first()
    if latest is None:
        latest = PlanVersion.objects.create(
            plan=plan,
            number=1,
            name=plan.name,
            notes=plan.notes,
            is_paused=plan.is_paused,
            change=PlanChange.CREATED,
            changed_by_id=plan.assigned_by_id or plan.user_id,
        )
        plan.items.filter(version__isnull=True).update(version=latest)
    return latest


def _change_day(latest: PlanVersion, *, today: date, effective_from: date | None) -> date:
    """Return the day a change applies from: `effective_from`, by default `today`.

    It may not be before today (earlier days keep what was planned then),
    more than MAX_DAYS_AHEAD ahead, or before a change already dated later.
    """
    day = effective_from or today
    if day < today:
        raise PlanChangeDateError("A change applies from today or a later day.")
    if day > today + timedelta(days=MAX_DAYS_AHEAD):
        raise PlanChangeDateError(f"A change can be dated at most {MAX_DAYS_AHEAD} days ahead.")
    if latest.effective_from and day < latest.effective_from:
        raise PlanChangeDateError(
            f"A change is already planned from {latest.effective_from.isoformat()}; "
            "date this one from then or later."
        )
    return day


def _version_start(plan: Plan, latest: PlanVersion, day: date, change: str, by) -> PlanVersion:
    """End `latest` on `day` and return a new version of `plan` (its fields as now) from `day`."""
    latest.effective_to = day
    latest.save(update_fields=["effective_to"])
    return PlanVersion.objects.create(
        plan=plan,
        number=latest.number + 1,
        effective_from=day,
        effective_to=day if change == PlanChange.DELETED else None,
        name=plan.name,
        notes=plan.notes,
        is_paused=plan.is_paused,
        change=change,
        changed_by=by,
    )


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    fields: Mapping[str, Any],
    items: Iterable[Mapping[str, Any]] | None = None,
    by,
    today: date,
    effective_from: date | None = None,
) -> Plan:
    """Return the plan with `fields` changed from a day on; a given `items` list replaces all items.

    1. The change applies from `effective_from` (by default `today`, the
       user's local today); see _change_day for the days allowed
       (PlanChangeDateError otherwise, nothing written).
    2. The version in force until then ends that day and a new one starts,
       with the new items (or copies of the current ones), recording `by`.
       Earlier days, and the logs that point at the old items, keep theirs.
    3. A change of `is_paused` alone is recorded as a pause or a resumption.
    Nothing changed: nothing written.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    latest = _latest_version(plan)
    day = _change_day(latest, today=today, effective_from=effective_from)
    changed = {field for field, value in fields.items() if getattr(plan, field) != value}
    if not changed and items is None:
        return plan
    for field, value in fields.items():
        setattr(plan, field, value)
    plan.save()
    if changed == {"is_paused"} and items is None:
        change = PlanChange.PAUSED if plan.is_paused else PlanChange.RESUMED
    else:
        change = PlanChange.EDITED
    copied = _items_copied(latest) if items is None else None
    version = _version_start(plan, latest, day, change, by)
    _items_create(version, items if items is not None else copied)
    return plan


@transaction.atomic
def plan_delete(*, plan: Plan, by, today: date, effective_from: date | None = None) -> None:
    """End the plan from a day on (by default `today`): it leaves every list and plans nothing.

    The rows stay, so the days before keep what the plan asked for and logs
    keep pointing at their items; the history records who deleted it and from when.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    latest = _latest_version(plan)
    day = _change_day(latest, today=today, effective_from=effective_from)
    plan.ended_on = day
    plan.save(update_fields=["ended_on", "updated_at"])
    _version_start(plan, latest, day, PlanChange.DELETED, by)


def template_items_json(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return plan items (as the plans API validates them) as a template stores them."""
    return [plan_item_body(PlanItem(**item)) for item in items]


def template_create(
    *, owner, name: str, items: Iterable[Mapping[str, Any]], notes: str = ""
) -> PlanTemplate:
    """Return a new template of `owner`'s with validated plan items (see template_items_json)."""
    return PlanTemplate.objects.create(
        owner=owner, name=name, notes=notes, items=template_items_json(items)
    )


def template_from_plan(
    *, owner, plan: Plan, name: str | None = None, notes: str | None = None
) -> PlanTemplate:
    """Return a new template of `owner`'s holding the plan's latest items, name and notes."""
    body = plan_template_body(plan)
    return PlanTemplate.objects.create(
        owner=owner,
        name=name or body["name"],
        notes=body["notes"] if notes is None else notes,
        items=body["items"],
    )


def template_update(
    *,
    template: PlanTemplate,
    fields: Mapping[str, Any],
    items: Iterable[Mapping[str, Any]] | None = None,
) -> PlanTemplate:
    """Return the template with `fields` changed; a given `items` list replaces its items.

    Plans assigned from it before keep what they were given.
    """
    for field, value in fields.items():
        setattr(template, field, value)
    if items is not None:
        template.items = template_items_json(items)
    template.save()
    return template


def template_delete(*, template: PlanTemplate) -> None:
    """Delete the template; plans assigned from it are copies and stay."""
    template.delete()
