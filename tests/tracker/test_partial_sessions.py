"""A routine finished early in the player: its logs (one per exercise done,
sharing the routine and the moment) count as one session, not one each."""

import uuid
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from tracker.selectors import progress_by_day

pytestmark = pytest.mark.django_db


def _log(client, **body) -> None:
    response = client.put(f"/api/v1/logs/{uuid.uuid4()}/", body, format="json")
    assert response.status_code in (200, 201), response.content


def _yesterday_at(user, hour: int, minute: int = 0) -> datetime:
    """Return a moment of the user's yesterday (clear of midnight, whatever the time now)."""
    yesterday = timezone.localdate(timezone.now(), user.tzinfo) - timedelta(days=1)
    return datetime.combine(yesterday, time(hour, minute), tzinfo=user.tzinfo)


def _sessions_yesterday(user) -> int:
    yesterday = timezone.localdate(timezone.now(), user.tzinfo) - timedelta(days=1)
    [day] = progress_by_day(user=user, start=yesterday, end=yesterday)
    return day.sessions_logged


def test_the_exercises_of_a_routine_finished_early_are_one_session(alice, alice_client, library):
    at = _yesterday_at(alice, 12).isoformat()
    for exercise in ("supine-knee-hug-leg-slide", "kneeling-lunge-pelvic-tilt"):
        _log(alice_client, performed_at=at, routine="daily-home", exercise=exercise)

    assert _sessions_yesterday(alice) == 1


def test_separate_sessions_still_count_one_each(alice, alice_client, library):
    early = _yesterday_at(alice, 9).isoformat()
    later = _yesterday_at(alice, 17, 30).isoformat()
    # Two partial sessions of the same routine at different times, a whole
    # routine and a single exercise logged on its own.
    _log(alice_client, performed_at=early, routine="daily-home", exercise="slow-sit-back")
    _log(alice_client, performed_at=later, routine="daily-home", exercise="slow-sit-back")
    _log(alice_client, performed_at=later, routine="daily-home")
    _log(alice_client, performed_at=later, exercise="slow-sit-back")

    assert _sessions_yesterday(alice) == 4


def test_the_therapists_dashboard_counts_a_partial_routine_as_one_session_too(
    alice, alice_client, thera, library
):
    from exercises.models import Exercise, Plan
    from exercises.services import plan_create
    from tracker.care.selectors import dashboard_rows
    from tracker.models import CareLink

    CareLink.objects.create(therapist=thera, patient=alice, created_at=timezone.now())
    # Planned twice a day from yesterday on (today is still pending, so not counted).
    stretch = Exercise.objects.filter(audience="self_care").first()
    plan = plan_create(user=alice, name="Twice", items=[{"exercise": stretch, "times_per_day": 2}])
    Plan.objects.filter(pk=plan.pk).update(created_at=_yesterday_at(alice, 0, 30))
    at = _yesterday_at(alice, 12).isoformat()
    for exercise in ("supine-knee-hug-leg-slide", "kneeling-lunge-pelvic-tilt"):
        _log(alice_client, performed_at=at, routine="daily-home", exercise=exercise)

    (row,) = dashboard_rows(therapist=thera, now=timezone.now())
    (yesterday,) = [
        day
        for day in progress_by_day(
            user=alice,
            start=timezone.localdate(timezone.now(), alice.tzinfo) - timedelta(days=1),
            end=timezone.localdate(timezone.now(), alice.tzinfo) - timedelta(days=1),
        )
    ]
    # One session of two planned, on both sides: the two logs are one partial routine.
    assert yesterday.sessions_logged == 1
    assert row.adherence_28 == 0.5  # counting each log would make it 2 of 2


def test_the_dashboard_adds_a_partial_routine_and_a_single_session_of_the_same_day(
    alice, alice_client, thera, library
):
    from exercises.models import Exercise, Plan
    from exercises.services import plan_create
    from tracker.care.selectors import dashboard_rows
    from tracker.models import CareLink

    CareLink.objects.create(therapist=thera, patient=alice, created_at=timezone.now())
    stretch = Exercise.objects.filter(audience="self_care").first()
    plan = plan_create(user=alice, name="Thrice", items=[{"exercise": stretch, "times_per_day": 3}])
    Plan.objects.filter(pk=plan.pk).update(created_at=_yesterday_at(alice, 0, 30))
    at = _yesterday_at(alice, 12).isoformat()
    for exercise in ("supine-knee-hug-leg-slide", "kneeling-lunge-pelvic-tilt"):
        _log(alice_client, performed_at=at, routine="daily-home", exercise=exercise)
    _log(alice_client, performed_at=_yesterday_at(alice, 18).isoformat(), exercise="slow-sit-back")

    (row,) = dashboard_rows(therapist=thera, now=timezone.now())

    # The routine's two logs are one session, the single exercise another: 2 of 3.
    assert _sessions_yesterday(alice) == 2
    assert row.adherence_28 == round(2 / 3, 3)
