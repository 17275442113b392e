"""Today's checklist: which plan items are due on a local day, and how many are done."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from exercises.doses import dose_text
from exercises.models import Exercise, ExerciseLog, Plan, PlanItem
from tracker.web.today import checklist

pytestmark = pytest.mark.django_db

SATURDAY = date(2026, 11, 21)
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def items(alice, library):
    exercises = list(Exercise.objects.filter(audience="self_care").order_by("order")[:3])
    plan = Plan.objects.create(user=alice, name="Home")
    every_day = PlanItem.objects.create(plan=plan, exercise=exercises[0], times_per_day=2, order=1)
    weekdays = PlanItem.objects.create(
        plan=plan, exercise=exercises[1], days_of_week=[1, 2, 3, 4, 5], order=2
    )
    paused = Plan.objects.create(user=alice, name="Paused", is_paused=True)
    PlanItem.objects.create(plan=paused, exercise=exercises[2])
    return every_day, weekdays


def test_weekday_items_are_left_out_at_the_weekend_and_paused_plans_always(alice, items):
    every_day, weekdays = items
    assert [item.plan_item_id for item in checklist(user=alice, today=SATURDAY)] == [every_day.pk]
    monday = SATURDAY + timedelta(days=2)
    assert [item.plan_item_id for item in checklist(user=alice, today=monday)] == [
        every_day.pk,
        weekdays.pk,
    ]


def test_an_item_counts_its_logs_of_the_local_day_only(alice, items):
    every_day, _ = items

    def local(hour, day=SATURDAY):
        return datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)

    for at in (local(0), local(23), local(23, SATURDAY - timedelta(days=1))):
        ExerciseLog.objects.create(
            user=alice, exercise=every_day.exercise, plan_item=every_day, performed_at=at
        )

    (item,) = checklist(user=alice, today=SATURDAY)
    assert (item.logged, item.planned, item.done) == (2, 2, True)


@pytest.mark.parametrize(
    ("dose", "text"),
    [
        ({"hold_seconds": 30, "reps": None, "sets": None}, "hold 30 s"),
        ({"hold_seconds": None, "reps": 10, "sets": 3}, "3 x 10 reps"),
        ({"hold_seconds": 5, "reps": 10, "sets": None}, "10 reps, hold 5 s"),
        ({"hold_seconds": None, "reps": None, "sets": None}, ""),
    ],
)
def test_doses_read_as_people_say_them(dose, text):
    assert dose_text(**dose) == text
