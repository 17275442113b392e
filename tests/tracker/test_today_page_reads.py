"""What Today reads: a fixed number of queries, and only the plans the user's lists show."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exercises.models import Exercise, ExerciseLog
from exercises.services import plan_create, plan_delete, plan_update
from tests.conftest import answered_safety_screen
from tracker.models import PainEntry
from tracker.web.today import programmes

pytestmark = pytest.mark.django_db


def _plan(user, exercises, *, name, assigned_by=None):
    return plan_create(
        user=user,
        name=name,
        assigned_by=assigned_by,
        items=[{"exercise_id": exercise.pk, "times_per_day": 2} for exercise in exercises],
    )


def _today_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/today/")
    assert response.status_code == 200
    return len(queries)


def test_today_reads_as_many_queries_with_three_plans_changed_and_logged_as_with_one(
    alice, thera, library
):
    answered_safety_screen(alice)
    exercises = list(Exercise.objects.filter(audience="self_care").order_by("order")[:4])
    today = timezone.localdate(timezone=alice.tzinfo)
    mine = _plan(alice, exercises[:1], name="Mine")
    # Changed once: listing changes reads their items, one query more than none.
    plan_update(plan=mine, fields={"notes": "Mornings"}, by=alice, today=today)
    client = Client()
    client.force_login(alice)
    client.get("/today/")  # the session and the templates, once
    few = _today_queries(client)

    assigned = _plan(alice, exercises[1:3], name="From Thera", assigned_by=thera)
    evening = _plan(alice, exercises[2:4], name="Evening")
    plan_update(
        plan=evening,
        items=[{"exercise_id": exercises[3].pk, "times_per_day": 1, "notes": "Slowly"}],
        effective_from=None,
        fields={},
        by=alice,
        today=today,
    )
    now = timezone.now()
    for item in assigned.items.all():
        ExerciseLog.objects.create(
            user=alice, exercise=item.exercise, plan_item=item, performed_at=now
        )
    PainEntry.objects.create(user=alice, rating=8, recorded_at=now, locations=["groin"])
    PainEntry.objects.create(user=alice, rating=3, recorded_at=now - timedelta(minutes=5))
    body = client.get("/today/").content.decode()
    many = _today_queries(client)

    assert "From Thera" in body and "Evening" in body and "Mine" in body
    assert 'id="plan-changes"' in body
    assert "Pain 8/10" in body
    assert many == few


def test_a_plan_deleted_from_tomorrow_has_already_left_today(alice, library):
    exercise = Exercise.objects.filter(audience="self_care").first()
    kept = _plan(alice, [exercise], name="Kept")
    leaving = _plan(alice, [exercise], name="Leaving")
    today = timezone.localdate(timezone=alice.tzinfo)
    plan_delete(plan=leaving, by=alice, today=today, effective_from=today + timedelta(days=1))

    listed = programmes(user=alice, today=today)

    assert [entry.plan.pk for entry in listed] == [kept.pk]
