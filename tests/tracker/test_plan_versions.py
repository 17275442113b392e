"""Plan versions: a change applies from a day on, and every day keeps what was planned then.

Progress, streaks and the dashboard read the version in force on each local
day (tracker.selectors.planned_on over plan_item_row); edits, pauses and
deletions end a version instead of rewriting the past.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.models import Audience, Exercise, Kind, Plan, PlanItem, PlanVersion
from exercises.services import PlanChangeDateError, plan_create, plan_delete, plan_update
from tracker.selectors import PlanItemRow, planned_on, progress_by_day

pytestmark = pytest.mark.django_db

CREATED = datetime(2026, 6, 1, 8, tzinfo=UTC)  # a Monday; 10:00 in Berlin
FIRST_DAY = date(2026, 6, 1)


@pytest.fixture
def stretch(db) -> Exercise:
    return Exercise.objects.create(
        slug="v-stretch", name="V stretch", kind=Kind.STRETCH, audience=Audience.SELF_CARE,
        summary="A stretch.",
    )  # fmt: skip


def a_plan(user, stretch, times: int = 2, **fields) -> Plan:
    # Days before joining ask for nothing: the user joined before the plan.
    user.date_joined = CREATED - timedelta(days=30)
    user.save(update_fields=["date_joined"])
    plan = plan_create(
        user=user, name="Hips", items=[{"exercise": stretch, "times_per_day": times}], **fields
    )
    Plan.objects.filter(pk=plan.pk).update(created_at=CREATED)
    return plan


def planned(user, start: date, end: date) -> list[int]:
    return [day.sessions_planned for day in progress_by_day(user=user, start=start, end=end)]


def test_an_edit_applies_from_its_day_and_earlier_days_keep_the_old_dose(alice, stretch):
    plan = a_plan(alice, stretch, times=2)
    change_day = FIRST_DAY + timedelta(days=3)

    plan_update(
        plan=plan,
        fields={},
        items=[{"exercise": stretch, "times_per_day": 3}],
        by=alice,
        today=change_day,
    )

    assert planned(alice, FIRST_DAY, FIRST_DAY + timedelta(days=5)) == [2, 2, 2, 3, 3, 3]


def test_pausing_stops_planning_from_its_day_only(alice, stretch):
    plan = a_plan(alice, stretch, times=2)

    plan_update(plan=plan, fields={"is_paused": True}, by=alice, today=date(2026, 6, 3))

    days = progress_by_day(user=alice, start=FIRST_DAY, end=date(2026, 6, 4))
    assert [(d.sessions_planned, d.target) for d in days] == [(2, 2), (2, 2), (0, 1), (0, 1)]
    assert plan.versions.order_by("number").last().change == "paused"


def test_resuming_plans_the_same_items_again(alice, stretch):
    plan = a_plan(alice, stretch, times=2)
    plan_update(plan=plan, fields={"is_paused": True}, by=alice, today=date(2026, 6, 3))

    plan_update(plan=plan, fields={"is_paused": False}, by=alice, today=date(2026, 6, 5))

    assert planned(alice, date(2026, 6, 2), date(2026, 6, 6)) == [2, 0, 0, 2, 2]


def test_deleting_ends_the_plan_and_keeps_what_it_planned_before(alice, stretch):
    plan = a_plan(alice, stretch, times=2)

    plan_delete(plan=plan, by=alice, today=date(2026, 6, 3))

    assert planned(alice, FIRST_DAY, date(2026, 6, 4)) == [2, 2, 0, 0]
    plan.refresh_from_db()
    assert plan.ended_on == date(2026, 6, 3)


def test_a_change_cannot_reach_into_the_past_and_writes_nothing(alice, stretch):
    plan = a_plan(alice, stretch)

    with pytest.raises(PlanChangeDateError):
        plan_update(
            plan=plan,
            fields={"name": "Back"},
            by=alice,
            today=date(2026, 6, 3),
            effective_from=date(2026, 6, 2),
        )

    plan.refresh_from_db()
    assert (plan.name, plan.versions.count()) == ("Hips", 1)


def test_a_change_may_be_dated_ahead_and_another_not_before_it(alice, stretch):
    plan = a_plan(alice, stretch, times=1)
    today = date(2026, 6, 3)
    plan_update(
        plan=plan,
        fields={},
        items=[{"exercise": stretch, "times_per_day": 4}],
        by=alice,
        today=today,
        effective_from=date(2026, 6, 6),
    )

    with pytest.raises(PlanChangeDateError, match="already planned from 2026-06-06"):
        plan_update(plan=plan, fields={"name": "Sooner"}, by=alice, today=today)

    assert planned(alice, date(2026, 6, 4), date(2026, 6, 7)) == [1, 1, 4, 4]


def test_two_changes_on_one_day_leave_the_first_as_history_that_planned_nothing(alice, stretch):
    plan = a_plan(alice, stretch, times=1)
    day = date(2026, 6, 3)
    for times in (2, 5):
        plan_update(
            plan=plan,
            fields={},
            items=[{"exercise": stretch, "times_per_day": times}],
            by=alice,
            today=day,
        )

    versions = list(plan.versions.order_by("number").values_list("effective_from", "effective_to"))
    assert versions == [(None, day), (day, day), (day, None)]
    assert planned(alice, date(2026, 6, 2), day) == [1, 5]


def test_nothing_changed_writes_no_version(alice, stretch):
    plan = a_plan(alice, stretch)

    plan_update(plan=plan, fields={"name": "Hips"}, by=alice, today=date(2026, 6, 3))

    assert PlanVersion.objects.filter(plan=plan).count() == 1


# planned_on across versions, as a property: a plan edited on increasing days
# plans, on every day, the times of the version that started last on or before it.


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    changes=st.lists(
        st.tuples(st.integers(min_value=0, max_value=4), st.integers(min_value=1, max_value=5)),
        max_size=4,
    ),
    first_times=st.integers(min_value=1, max_value=5),
)
def test_each_day_plans_the_version_in_force_that_day(alice, stretch, changes, first_times):
    Plan.objects.all().delete()
    plan = a_plan(alice, stretch, times=first_times)
    expected = {}
    day, times = FIRST_DAY, first_times
    for gap, new_times in changes:
        next_day = day + timedelta(days=gap)
        for offset in range((next_day - day).days):
            expected[day + timedelta(days=offset)] = times
        plan_update(
            plan=plan,
            fields={},
            items=[{"exercise": stretch, "times_per_day": new_times}],
            by=alice,
            today=next_day,
        )
        day, times = next_day, new_times
    last = FIRST_DAY + timedelta(days=20)
    for offset in range((last - day).days + 1):
        expected[day + timedelta(days=offset)] = times

    assert planned(alice, FIRST_DAY, last) == [expected[d] for d in sorted(expected)]


def test_planned_on_counts_an_item_from_its_first_day_until_before_its_last():
    row = PlanItemRow(
        since=date(2026, 6, 2), weekdays=frozenset(range(1, 8)), times_per_day=2,
        until=date(2026, 6, 4),
    )  # fmt: skip

    assert [planned_on(date(2026, 6, d), [row]) for d in range(1, 6)] == [
        (0, False),
        (2, True),
        (2, True),
        (0, False),
        (0, False),
    ]


def test_a_plan_written_straight_to_the_table_gets_a_first_version_when_edited(alice, stretch):
    # Rows made without the services (older data, the benchmark) have no version.
    alice.date_joined = CREATED - timedelta(days=30)
    alice.save(update_fields=["date_joined"])
    plan = Plan.objects.create(user=alice, name="Raw")
    Plan.objects.filter(pk=plan.pk).update(created_at=CREATED)
    PlanItem.objects.create(plan=plan, exercise=stretch, times_per_day=2)

    plan_update(
        plan=plan,
        fields={},
        items=[{"exercise": stretch, "times_per_day": 1}],
        by=alice,
        today=date(2026, 6, 3),
    )

    assert planned(alice, FIRST_DAY, date(2026, 6, 4)) == [2, 2, 1, 1]
    assert list(plan.versions.values_list("number", "change")) == [(1, "created"), (2, "edited")]
