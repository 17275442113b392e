"""Function goals in a real browser at 360x640: add a goal, rate it, see the score."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in_as, tap_targets_too_small
from tracker import services
from tracker.models import Goal

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_patient_adds_a_goal_rates_it_and_sees_the_score_change(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/progress/")
    phone.get_by_role("link", name="Name and rate your goals").click()
    expect(phone).to_have_url(f"{phone.site}/goals/")

    phone.get_by_label("An activity your back pain makes hard").fill("Climbing stairs")
    add_form = phone.locator("form.add-goal-form")
    add_form.get_by_label("3", exact=True).check()
    add_form.get_by_role("button", name="Add goal").click()

    expect(phone.locator(".messages")).to_contain_text("Goal added: Climbing stairs, rated 3/10.")
    expect(phone.locator("#psfs-score")).to_contain_text("Score: 3.0 out of 10")
    goal = Goal.objects.get(patient=alice)
    assert goal.activity == "Climbing stairs"
    assert list(goal.ratings.values_list("score", flat=True)) == [3]

    card = phone.locator(f"#goal-{goal.pk}")
    expect(card.locator(".goal-score")).to_have_text("3/10")
    card.get_by_text("Rate it now").click()
    card.get_by_label("6", exact=True).check()
    card.get_by_role("button", name="Save rating").click()

    expect(phone.locator("#psfs-score")).to_contain_text("Score: 6.0 out of 10")
    expect(phone.locator("#psfs-change")).to_contain_text("up 3 points")
    expect(phone.locator("#psfs-change")).to_contain_text("a clear change")
    assert sorted(goal.ratings.values_list("score", flat=True)) == [3, 6]
    assert phone.errors == []


def test_a_goal_rated_two_weeks_ago_says_re_rate_due_with_its_form_open(phone, alice):
    now = timezone.now()
    goal = services.goal_create(
        patient=alice, activity="Driving four hours", created_by=alice, now=now - timedelta(days=20)
    )
    services.goal_rating_add(goal=goal, score=4, rated_at=now - timedelta(days=15), rated_by=alice)
    log_in_as(phone, alice)
    phone.goto("/goals/")

    card = phone.locator(f"#goal-{goal.pk}")
    expect(card.locator(".rerate-due")).to_have_text("Re-rate due")
    # The form is open without a tap (no script needed).
    expect(card.get_by_role("button", name="Save rating")).to_be_visible()

    card.get_by_role("button", name="Archive").click()
    expect(phone.locator(".archived-goals")).to_contain_text("Driving four hours")
    goal.refresh_from_db()
    assert goal.archived_at is not None


def test_the_goals_page_is_accessible_with_large_enough_tap_targets(phone, alice):
    now = timezone.now()
    # A goal rated today, one due again and one archived: every kind of row shows.
    for activity, days_ago, archived in [
        ("Sitting through a meeting", 0, False),
        ("Climbing stairs", 20, False),
        ("Standing up from a chair", 20, True),
    ]:
        goal = services.goal_create(
            patient=alice, activity=activity, created_by=alice, now=now - timedelta(days=30)
        )
        services.goal_rating_add(
            goal=goal, score=5, rated_at=now - timedelta(days=days_ago), rated_by=alice
        )
        if archived:
            services.goal_update(goal=goal, now=now, archived=True)
    goal = Goal.objects.get(activity="Sitting through a meeting")
    log_in_as(phone, alice)
    phone.goto("/goals/")
    phone.locator(f"#goal-{goal.pk}").get_by_text("Rate it now").click()

    expect(phone.locator(".rerate-due")).to_have_count(1)
    expect(phone.get_by_role("button", name="Bring back Standing up from a chair")).to_be_visible()
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
