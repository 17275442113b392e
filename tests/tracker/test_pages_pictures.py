"""Where the exercise pictures show outside the library: Today's checklist and the player."""

import pytest
from django.utils.html import escape

from exercises.models import Exercise, Plan, PlanItem

pytestmark = pytest.mark.django_db

PICTURES = "/static/exercises/illustrations/"


def test_todays_checklist_shows_a_small_picture_beside_each_exercise(client, alice, library):
    plan = Plan.objects.create(user=alice, name="Home")
    for order, slug in enumerate(["kneeling-lunge-pelvic-tilt", "slow-sit-back"]):
        PlanItem.objects.create(plan=plan, exercise=Exercise.objects.get(slug=slug), order=order)
    client.force_login(alice)

    body = client.get("/today/").content.decode()

    for slug in ("kneeling-lunge-pelvic-tilt", "slow-sit-back"):
        # Decorative beside the name (alt=""), so screen readers read the name once.
        assert f'src="{PICTURES}{slug}.svg" alt=""' in body


def test_the_player_shows_each_exercise_and_its_steps_pictures(client, alice, library):
    client.force_login(alice)

    body = client.get("/routines/flare-up-gentle/play/").content.decode()

    stance = Exercise.objects.get(slug="foot-up-forward-stance")
    alt = escape(stance.illustration_alt)
    assert f'src="{PICTURES}foot-up-forward-stance.svg" alt="{alt}"' in body
    for picture in stance.step_illustrations:
        assert f"{PICTURES}foot-up-forward-stance-step-{picture['step']}.svg" in body


def test_an_exercise_the_library_draws_no_picture_for_shows_none(client, alice, library):
    # An entry left in the database after leaving the library: no broken image.
    gone = Exercise.objects.create(
        slug="old-stretch", name="Old stretch", kind="stretch", audience="self_care",
        summary="x", steps=["Stretch."], cautions=["Gently."], sources=["004.txt"],
    )  # fmt: skip
    plan = Plan.objects.create(user=alice, name="Home")
    PlanItem.objects.create(plan=plan, exercise=gone)
    client.force_login(alice)

    body = client.get("/today/").content.decode()

    assert "Old stretch" in body
    assert "old-stretch.svg" not in body
    assert 'src=""' not in body
