"""Writes for the exercises app: plans and the log of sessions done."""

import uuid
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction

from exercises.models import ExerciseLog, Plan, PlanItem

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
    with transaction.atomic():
        existing = model.objects.select_for_update().filter(pk=record_id).first()
        if existing is None:
            try:
                # A savepoint, so that losing a race with a concurrent resend of
                # the same id leaves the outer transaction usable.
                with transaction.atomic():
                    return model.objects.create(pk=record_id, user=user, **values), True
            except IntegrityError:
                existing = model.objects.select_for_update().filter(pk=record_id).first()
                if existing is None:
                    raise
        if existing.user_id != user.pk:
            raise IdTakenError(str(record_id))
        if replace:
            for field, value in values.items():
                setattr(existing, field, value)
            existing.save()
        return existing, False


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


def _items_create(plan: Plan, items: Iterable[Mapping[str, Any]]) -> None:
    PlanItem.objects.bulk_create(
        PlanItem(plan=plan, **{"order": position, **item}) for position, item in enumerate(items)
    )


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
    """Return a new plan for `user` with its items in the order given."""
    plan = Plan.objects.create(
        user=user, name=name, notes=notes, is_paused=is_paused, assigned_by=assigned_by
    )
    _items_create(plan, items)
    return plan


@transaction.atomic
def plan_update(
    *, plan: Plan, fields: Mapping[str, Any], items: Iterable[Mapping[str, Any]] | None = None
) -> Plan:
    """Return the plan with `fields` changed; a given `items` list replaces all items.

    Logs keep pointing at nothing (plan_item becomes null) when their item is
    replaced, so history survives a plan edit.
    """
    for field, value in fields.items():
        setattr(plan, field, value)
    plan.save()
    if items is not None:
        plan.items.all().delete()
        _items_create(plan, items)
    return plan


def plan_delete(*, plan: Plan) -> None:
    """Delete the plan and its items; logs keep pointing at nothing (plan_item null)."""
    plan.delete()
