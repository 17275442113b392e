"""The routine player page: doses, unknown routines, who may open it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from exercises.models import Exercise, ExerciseLog, Plan, PlanItem
from reminders import drives


@pytest.fixture
def browser_for():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


def _doses(response) -> list[tuple[str, int | None, int | None, int | None]]:
    return [
        (s.exercise.slug, s.dose.hold_seconds, s.dose.reps, s.dose.sets)
        for s in response.context["steps"]
    ]


def test_the_player_plays_the_routines_steps_in_order_with_their_doses(browser_for, alice, library):
    response = browser_for(alice).get("/routines/daily-home/play/")

    assert response.status_code == 200
    # Doses from the routine steps; slow-sit-back's 3 reps are the routine's own.
    assert _doses(response) == [
        ("supine-knee-hug-leg-slide", None, None, None),
        ("kneeling-lunge-pelvic-tilt", None, None, None),
        ("gentle-hamstring-stretch", None, None, None),
        ("slow-sit-back", None, 3, None),
    ]
    body = response.content.decode()
    assert 'name="routine" value="daily-home"' in body
    assert 'action="/today/"' in body


def test_a_missing_step_dose_falls_back_to_the_exercises_default(browser_for, alice, library):
    stance = Exercise.objects.get(slug="foot-up-forward-stance")
    stance.default_reps = 2
    stance.save()

    response = browser_for(alice).get("/routines/flare-up-gentle/play/")

    # The step sets the hold (10 s); the reps come from the exercise.
    assert _doses(response)[0] == ("foot-up-forward-stance", 10, 2, None)
    assert 'data-holds="2"' in response.content.decode()


def test_the_users_own_plan_dose_wins_with_its_progression(browser_for, alice, library):
    plan = Plan.objects.create(user=alice, name="Home")
    PlanItem.objects.create(
        plan=plan,
        exercise=Exercise.objects.get(slug="foot-up-forward-stance"),
        hold_seconds=20,
        sets=2,
        progression_step_seconds=5,
        progression_every_days=7,
        progression_max_seconds=40,
        progression_start=timezone.localdate() - timedelta(days=15),
    )

    response = browser_for(alice).get("/routines/flare-up-gentle/play/")

    # Two full weeks since the start: 20 + 2 x 5.
    assert _doses(response)[0] == ("foot-up-forward-stance", 30, None, 2)
    assert "(your plan's dose)" in response.content.decode()


def test_a_paused_plan_or_another_persons_plan_does_not_change_the_dose(
    browser_for, alice, bob, library
):
    stance = Exercise.objects.get(slug="foot-up-forward-stance")
    paused = Plan.objects.create(user=alice, name="Paused", is_paused=True)
    PlanItem.objects.create(plan=paused, exercise=stance, hold_seconds=99)
    bobs = Plan.objects.create(user=bob, name="Bob's")
    PlanItem.objects.create(plan=bobs, exercise=stance, hold_seconds=77)

    response = browser_for(alice).get("/routines/flare-up-gentle/play/")

    assert _doses(response)[0] == ("foot-up-forward-stance", 10, None, None)


@pytest.mark.parametrize("slug", ["no-such-routine", "a" * 300])
def test_an_unknown_routine_is_404_and_logs_nothing(browser_for, alice, library, slug):
    assert browser_for(alice).get(f"/routines/{slug}/play/").status_code == 404
    assert not ExerciseLog.objects.exists()


def test_the_player_ignores_a_reminders_delivery_parameter(browser_for, alice, library):
    response = browser_for(alice).get("/routines/desk-break/play/?delivery=not-a-number")
    assert response.status_code == 200


def test_the_player_offers_back_on_the_road_only_while_stopped_on_a_drive(
    browser_for, bob, library
):
    client = browser_for(bob)
    assert "Back on the road" not in client.get("/routines/truck-stop/play/").content.decode()
    drives.drive_start(user=bob, rules="interval", stop_every_minutes=120, now=timezone.now())
    assert "Back on the road" not in client.get("/routines/truck-stop/play/").content.decode()
    drives.drive_stop(user=bob, now=timezone.now())
    assert "Back on the road" in client.get("/routines/truck-stop/play/").content.decode()


def test_the_player_is_for_patients(browser_for, client, thera, library):
    response = client.get("/routines/desk-break/play/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert browser_for(thera).get("/routines/desk-break/play/")["Location"] == "/patients/"


def test_posting_to_the_player_is_405(browser_for, alice, library):
    response = browser_for(alice).post("/routines/desk-break/play/", {"routine": "desk-break"})
    assert response.status_code == 405
    assert not ExerciseLog.objects.exists()


def test_an_exercise_whose_steps_switch_sides_is_played_left_then_right(
    browser_for, alice, library
):
    response = browser_for(alice).get("/routines/daily-home/play/")

    sides = {s.exercise.slug: s.sides for s in response.context["steps"]}
    # "Come out slowly and switch legs" against a stretch done on both sides at once.
    assert sides["kneeling-lunge-pelvic-tilt"] == ("Left side", "Right side")
    assert sides["slow-sit-back"] == ()
    assert 'data-sides="Left side|Right side"' in response.content.decode()


def test_a_plan_item_for_each_side_has_two_holds_and_one_for_a_side_has_one(
    browser_for, alice, library
):
    plan = Plan.objects.create(user=alice, name="Mine")
    for order, side in enumerate(("each", "left", "")):
        PlanItem.objects.create(
            plan=plan,
            exercise=Exercise.objects.get(slug="foot-up-forward-stance"),
            side=side,
            order=order,
        )

    response = browser_for(alice).get(f"/plans/{plan.pk}/play/")

    both = ("Left side", "Right side")
    assert [s.sides for s in response.context["steps"]] == [both, (), both]


def test_a_step_without_a_hold_time_offers_15_to_60_seconds_30_first(browser_for, alice, library):
    body = browser_for(alice).get("/routines/daily-home/play/").content.decode()

    assert 'name="hold-1" value="30" checked' in body
    for seconds in (15, 45, 60):
        assert f'name="hold-1" value="{seconds}">' in body
    assert "Hold while it feels comfortable" in body
