"""The function goals page without JavaScript: its forms run the goals services
with the API's serializers; another person's goal is a 404, other bad input a
400, and neither changes anything."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from exercises import library
from tracker import services
from tracker.models import Goal, GoalRating, User
from tracker.web.goals import SUGGESTED_ACTIVITIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_browser(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


def goal_rated(patient: User, activity: str, *scores_days_ago: tuple[int, int]) -> Goal:
    """A goal named 60 days ago, rated `score` `days` ago for each pair."""
    now = timezone.now()
    goal = services.goal_create(
        patient=patient, activity=activity, created_by=patient, now=now - timedelta(days=60)
    )
    for score, days_ago in scores_days_ago:
        services.goal_rating_add(
            goal=goal, score=score, rated_at=now - timedelta(days=days_ago), rated_by=patient
        )
    return goal


def _counts() -> tuple[int, int, int]:
    return (
        Goal.objects.count(),
        Goal.objects.filter(archived_at__isnull=False).count(),
        GoalRating.objects.count(),
    )


def test_adding_a_goal_stores_it_with_its_first_rating(alices_browser, alice):
    response = alices_browser.post(
        "/goals/", {"action": "add", "activity": "  Climbing stairs ", "score": "3"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/goals/"
    goal = Goal.objects.get(patient=alice)
    assert (goal.activity, goal.created_by, goal.archived_at) == ("Climbing stairs", alice, None)
    assert list(goal.ratings.values_list("score", "rated_by")) == [(3, alice.pk)]
    page = alices_browser.get("/goals/")
    body = page.content.decode()
    assert "Goal added: Climbing stairs, rated 3/10." in body
    assert page.context["score"] == 3.0
    assert "This is your first rating" in body


def test_rating_a_goal_shows_the_score_and_the_change_since_the_first_rating(alices_browser, alice):
    stairs = goal_rated(alice, "Climbing stairs", (2, 28))
    goal_rated(alice, "Sitting through a meeting", (4, 28))

    response = alices_browser.post(
        "/goals/", {"action": "rate", "goal": str(stairs.pk), "score": "7"}
    )

    assert response.status_code == 302
    assert list(stairs.ratings.order_by("rated_at").values_list("score", flat=True)) == [2, 7]
    page = alices_browser.get("/goals/")
    # Latest 7 and 4 (mean 5.5) against first 2 and 4 (mean 3.0).
    assert page.context["score"] == 5.5
    assert page.context["since"].change == 2.5
    text = page.content.decode()
    assert "up 2.5 points." in text
    assert "more than the day-to-day noise of rating: a clear change" in text


def test_a_change_under_two_points_is_called_noise(alices_browser, alice):
    goal_rated(alice, "Climbing stairs", (4, 28), (5, 1))

    text = alices_browser.get("/goals/").content.decode()

    assert "up 1 point." in text
    assert "not yet a clear change" in text


def test_a_goal_last_rated_14_days_ago_is_due_and_one_rated_13_days_ago_is_not(
    alices_browser, alice
):
    due = goal_rated(alice, "Climbing stairs", (3, 14))
    fresh = goal_rated(alice, "Standing up from a chair", (3, 13))

    page = alices_browser.get("/goals/")

    cards = {card.goal.pk: card for card in page.context["active"]}
    assert cards[due.pk].rating_due and not cards[fresh.pk].rating_due
    assert page.content.decode().count("Re-rate due") == 1


def test_archiving_keeps_the_ratings_and_leaves_the_score_and_bringing_back_restores(
    alices_browser, alice
):
    stairs = goal_rated(alice, "Climbing stairs", (2, 3))
    goal_rated(alice, "Driving four hours", (8, 3))

    alices_browser.post("/goals/", {"action": "archive", "goal": str(stairs.pk)})

    stairs.refresh_from_db()
    assert stairs.archived_at is not None
    assert stairs.ratings.count() == 1
    page = alices_browser.get("/goals/")
    assert page.context["score"] == 8.0
    assert [card.goal.pk for card in page.context["archived"]] == [stairs.pk]

    alices_browser.post("/goals/", {"action": "restore", "goal": str(stairs.pk)})
    stairs.refresh_from_db()
    assert stairs.archived_at is None
    assert alices_browser.get("/goals/").context["score"] == 5.0


def test_the_suggestions_are_the_librarys_activities(alices_browser):
    labels = {item["slug"]: item["label"] for item in library.AGGRAVATING_ACTIVITIES}

    page = alices_browser.get("/goals/")

    assert page.context["suggestions"] == [labels[slug] for slug in SUGGESTED_ACTIVITIES]
    assert f'<option value="{labels["climbing-stairs"]}">' in page.content.decode()


def test_the_page_credits_the_scales_authors(alices_browser):
    text = alices_browser.get("/goals/").content.decode()

    assert "Stratford P, Gill C, Westaway M, Binkley J." in text
    assert "1995;47:258" in text


def test_the_progress_page_links_to_the_goals_page(alices_browser):
    assert 'href="/goals/"' in alices_browser.get("/progress/").content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"action": "add", "activity": "", "score": "3"},
        {"action": "add", "activity": "   ", "score": "3"},
        {"action": "add", "activity": "x" * 201, "score": "3"},
        {"action": "add", "activity": "Stairs\x00", "score": "3"},
        {"action": "add", "activity": "Climbing stairs", "score": "11"},
        {"action": "add", "activity": "Climbing stairs", "score": "-1"},
        {"action": "add", "activity": "Climbing stairs", "score": "seven"},
        {"action": "add", "activity": "Climbing stairs"},
        {"action": "fly"},
        {},
    ],
)
def test_bad_input_is_400_and_changes_nothing(alices_browser, alice, fields):
    goal_rated(alice, "Sitting through a meeting", (4, 3))
    before = _counts()

    response = alices_browser.post("/goals/", fields)

    assert response.status_code == 400
    assert _counts() == before
    assert '<ul class="errors"' in response.content.decode()


def test_a_refused_add_keeps_what_was_typed(alices_browser):
    response = alices_browser.post(
        "/goals/", {"action": "add", "activity": "Climbing stairs", "score": "12"}
    )

    assert response.status_code == 400
    assert 'value="Climbing stairs"' in response.content.decode()
    assert "Rate it now: choose a number from 0 to 10." in response.content.decode()


@pytest.mark.parametrize("score", ["11", "", "2.5"])
def test_a_bad_rating_is_400_and_changes_nothing(alices_browser, alice, score):
    stairs = goal_rated(alice, "Climbing stairs", (4, 3))

    response = alices_browser.post(
        "/goals/", {"action": "rate", "goal": str(stairs.pk), "score": score}
    )

    assert response.status_code == 400
    assert response.context["error_goal_id"] == stairs.pk
    assert stairs.ratings.count() == 1


def test_a_sixth_goal_is_400_and_not_stored(alices_browser, alice):
    for n in range(5):
        goal_rated(alice, f"Activity {n}", (5, 1))

    response = alices_browser.post(
        "/goals/", {"action": "add", "activity": "Climbing stairs", "score": "3"}
    )

    assert response.status_code == 400
    assert "At most 5 active goals" in response.content.decode()
    assert Goal.objects.filter(patient=alice).count() == 5
    assert GoalRating.objects.count() == 5
    assert not response.context["room_for_more"]


def test_an_archived_goal_cannot_be_rated(alices_browser, alice):
    stairs = goal_rated(alice, "Climbing stairs", (4, 3))
    services.goal_update(goal=stairs, now=timezone.now(), archived=True)

    response = alices_browser.post(
        "/goals/", {"action": "rate", "goal": str(stairs.pk), "score": "5"}
    )

    assert response.status_code == 400
    assert stairs.ratings.count() == 1


def test_bringing_back_a_goal_when_five_are_active_is_400(alices_browser, alice):
    old = goal_rated(alice, "Climbing stairs", (4, 3))
    services.goal_update(goal=old, now=timezone.now(), archived=True)
    for n in range(5):
        goal_rated(alice, f"Activity {n}", (5, 1))

    response = alices_browser.post("/goals/", {"action": "restore", "goal": str(old.pk)})

    assert response.status_code == 400
    old.refresh_from_db()
    assert old.archived_at is not None


@pytest.mark.parametrize("action", ["rate", "archive", "restore"])
def test_another_persons_goal_is_404_and_unchanged(alices_browser, bob, action):
    bobs = goal_rated(bob, "Driving four hours", (3, 3))
    if action == "restore":
        services.goal_update(goal=bobs, now=timezone.now(), archived=True)
    before = _counts()

    response = alices_browser.post(
        "/goals/", {"action": action, "goal": str(bobs.pk), "score": "9"}
    )

    assert response.status_code == 404
    assert _counts() == before


@pytest.mark.parametrize("goal", ["", "abc", "999999", "-1"])
def test_an_unknown_goal_id_is_404(alices_browser, alice, goal):
    response = alices_browser.post("/goals/", {"action": "rate", "goal": goal, "score": "5"})

    assert response.status_code == 404


def test_the_page_is_for_patients(thera):
    client = Client()
    assert client.get("/goals/")["Location"].startswith("/login/")
    client.force_login(thera)
    response = client.post("/goals/", {"action": "add", "activity": "Stairs", "score": "3"})
    assert response.status_code == 302
    assert response["Location"] == "/patients/"
    assert Goal.objects.count() == 0
