"""Function goals: the Patient-Specific Functional Scale (Stratford et al., 1995)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.conftest import client_for, make_user
from tests.tracker.test_care_links import link_between
from tracker import goals, services
from tracker import services as tracker_services
from tracker.goals import GoalHistory, Rating
from tracker.models import Goal, GoalRating, Role, User

GOALS = "/api/v1/goals/"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def history(*ratings: tuple[int, int], created_day: int = 0, archived_day: int | None = None):
    """A goal named on day `created_day` after T0, rated (day, score) for each rating."""
    return GoalHistory(
        created_at=T0 + timedelta(days=created_day),
        archived_at=None if archived_day is None else T0 + timedelta(days=archived_day),
        ratings=[Rating(rated_at=T0 + timedelta(days=d), score=s) for d, s in ratings],
    )


def goal_for(patient: User, activity: str = "Climbing stairs", **fields) -> Goal:
    fields.setdefault("created_at", timezone.now() - timedelta(days=30))
    return Goal.objects.create(patient=patient, activity=activity, created_by=patient, **fields)


# The pure score math


def test_the_score_is_the_mean_of_each_goals_latest_rating():
    stairs = history((0, 2), (14, 6))
    chair = history((0, 3))

    assert goals.score_at([stairs, chair], T0 + timedelta(days=20)) == 4.5
    assert goals.score_at([stairs, chair], T0 + timedelta(days=1)) == 2.5


def test_the_score_is_rounded_to_one_decimal_and_none_without_ratings():
    assert goals.score_at([history((0, 1)), history((0, 1)), history((0, 2))], T0) == 1.3
    assert goals.score_at([history()], T0) is None
    assert goals.score_at([], T0) is None


def test_the_score_leaves_out_archived_goals_and_goals_not_yet_named():
    archived = history((0, 0), archived_day=5)
    later = history((9, 10), created_day=9)
    kept = history((0, 4))

    assert goals.score_at([archived, later, kept], T0 + timedelta(days=3)) == 2.0
    assert goals.score_at([archived, later, kept], T0 + timedelta(days=10)) == 7.0


def test_the_summary_compares_with_the_score_before_the_latest_sitting():
    # Day 0: 2 and 4 (mean 3). Day 14: both re-rated within an hour, 5 and 6.
    stairs = history((0, 2), (14, 5))
    chair = GoalHistory(
        created_at=T0,
        archived_at=None,
        ratings=[Rating(T0, 4), Rating(T0 + timedelta(days=14, hours=1), 6)],
    )

    summary = goals.summary([stairs, chair], T0 + timedelta(days=15))

    # The stairs rating an hour before the chair's is part of the same sitting.
    assert summary == goals.Summary(psfs_score=5.5, previous_score=3.0, change=2.5, meaningful=True)


def test_a_first_sitting_has_no_previous_score():
    summary = goals.summary([history((0, 3))], T0 + timedelta(days=1))

    assert summary == goals.Summary(3.0, None, None, False)
    assert goals.summary([], T0) == goals.Summary(None, None, None, False)


@pytest.mark.parametrize(
    ("change", "meaningful"),
    [(2.0, True), (-2.0, True), (1.9, False), (-1.9, False), (0.0, False), (None, False)],
)
def test_a_change_of_two_points_is_the_smallest_that_counts(change, meaningful):
    assert goals.is_meaningful(change) is meaningful


def test_the_change_survives_float_noise():
    # 4.1 - 2.1 is 1.9999999999999996 in floats; the patient sees 2.0.
    assert goals.score_change(2.1, 4.1) == 2.0
    assert goals.is_meaningful(goals.score_change(2.1, 4.1))
    assert goals.score_change(None, 4.0) is None


def test_the_next_rating_is_due_two_weeks_after_the_last():
    assert goals.next_rating_due(T0) == T0 + timedelta(days=14)
    assert goals.next_rating_due(None) is None


def test_a_rating_is_due_when_never_given_or_14_days_old():
    assert goals.rating_is_due(None, T0)
    assert not goals.rating_is_due(T0, T0 + timedelta(days=13, hours=23))
    assert goals.rating_is_due(T0, T0 + timedelta(days=14))


def test_the_change_since_first_compares_the_same_goals_first_and_latest_ratings():
    # Stairs 2 -> 6 over four weeks; the chair, named on day 14, rated 4 once;
    # the archived goal no longer counts at all.
    stairs = history((0, 2), (14, 4), (28, 6))
    chair = history((14, 4), created_day=14)
    archived = history((0, 0), (14, 9), archived_day=20)

    since = goals.since_first([stairs, chair, archived], T0 + timedelta(days=29))

    # First ratings 2 and 4 (mean 3.0), latest 6 and 4 (mean 5.0).
    assert since == goals.SinceFirst(
        first_score=3.0, first_rated_at=T0, change=2.0, meaningful=True
    )


def test_the_change_since_first_is_zero_after_one_sitting_and_none_without_ratings():
    assert goals.since_first([history((0, 3))], T0) == goals.SinceFirst(3.0, T0, 0.0, False)
    assert goals.since_first([history()], T0) == goals.SinceFirst(None, None, None, False)
    # A rating later than `at` is not counted yet.
    assert goals.since_first([history((0, 3), (5, 9))], T0 + timedelta(days=1)).change == 0.0


@given(
    st.lists(
        st.lists(st.tuples(st.integers(0, 60), st.integers(0, 10)), min_size=0, max_size=6),
        min_size=0,
        max_size=5,
    )
)
def test_the_score_is_within_0_10_and_the_mean_of_latest_ratings(goal_ratings):
    histories = [history(*ratings) for ratings in goal_ratings]
    at = T0 + timedelta(days=61)

    score = goals.score_at(histories, at)

    latest = [max(r, key=lambda day_score: day_score[0])[1] for r in goal_ratings if r]
    if not latest:
        assert score is None
    else:
        assert 0 <= score <= 10
        assert score == round(sum(latest) / len(latest), 1)


# The patient's API


def test_a_patient_names_a_goal(alice_client, alice):
    response = alice_client.post(GOALS, {"activity": "Sitting through a meeting"})

    assert response.status_code == 201
    body = response.json()
    assert body["activity"] == "Sitting through a meeting"
    assert body["created_by"] == {"id": alice.pk, "display_name": "Alice"}
    assert (body["archived_at"], body["ratings"], body["latest_score"]) == (None, [], None)
    assert body["next_rating_due"] is None
    goal = Goal.objects.get()
    assert (goal.patient, goal.created_by) == (alice, alice)


def test_a_patient_rates_a_goal_and_sees_the_score(alice_client, alice):
    goal = goal_for(alice)
    chair = goal_for(alice, "Standing up from a chair")
    rated_at = timezone.now() - timedelta(days=20)
    GoalRating.objects.create(goal=goal, score=2, rated_at=rated_at, rated_by=alice)
    GoalRating.objects.create(goal=chair, score=4, rated_at=rated_at, rated_by=alice)

    response = alice_client.post(f"{GOALS}{goal.pk}/ratings/", {"score": 7})

    assert response.status_code == 201
    assert response.json()["score"] == 7
    assert response.json()["rated_by"]["id"] == alice.pk
    listing = alice_client.get(GOALS).json()
    assert listing["summary"] == {
        "psfs_score": 5.5,
        "previous_score": 3.0,
        "change": 2.5,
        "meaningful": True,
    }
    stairs = next(g for g in listing["goals"] if g["id"] == goal.pk)
    assert [r["score"] for r in stairs["ratings"]] == [2, 7]
    assert stairs["latest_score"] == 7
    latest = GoalRating.objects.filter(goal=goal).latest("rated_at")
    due = datetime.fromisoformat(stairs["next_rating_due"].replace("Z", "+00:00"))
    assert due == latest.rated_at + timedelta(days=14)


def test_a_rating_can_be_dated_in_the_past(alice_client, alice):
    goal = goal_for(alice)
    when = timezone.now() - timedelta(days=3)

    response = alice_client.post(
        f"{GOALS}{goal.pk}/ratings/", {"score": 0, "rated_at": when.isoformat()}
    )

    assert response.status_code == 201
    assert GoalRating.objects.get().rated_at == when


def test_a_patient_renames_archives_and_brings_back_a_goal(alice_client, alice):
    goal = goal_for(alice)

    response = alice_client.patch(f"{GOALS}{goal.pk}/", {"activity": "Climbing two flights"})
    assert response.status_code == 200
    assert response.json()["activity"] == "Climbing two flights"

    response = alice_client.patch(f"{GOALS}{goal.pk}/", {"archived": True})
    assert response.status_code == 200
    assert response.json()["archived_at"] is not None
    goal.refresh_from_db()
    assert goal.archived_at is not None

    response = alice_client.patch(f"{GOALS}{goal.pk}/", {"archived": False})
    assert response.json()["archived_at"] is None


def test_an_archived_goal_leaves_the_score_and_cannot_be_rated(alice_client, alice):
    kept, archived = goal_for(alice), goal_for(alice, "Driving four hours")
    now = timezone.now()
    GoalRating.objects.create(goal=kept, score=6, rated_at=now, rated_by=alice)
    GoalRating.objects.create(goal=archived, score=0, rated_at=now, rated_by=alice)
    alice_client.patch(f"{GOALS}{archived.pk}/", {"archived": True})

    response = alice_client.post(f"{GOALS}{archived.pk}/ratings/", {"score": 5})

    assert response.status_code == 400
    assert GoalRating.objects.filter(goal=archived).count() == 1
    body = alice_client.get(GOALS).json()
    assert body["summary"]["psfs_score"] == 6.0
    # Active goals first, the archived one after with its ratings kept.
    assert [(g["id"], len(g["ratings"])) for g in body["goals"]] == [(kept.pk, 1), (archived.pk, 1)]


def test_a_sixth_active_goal_is_refused(alice_client, alice):
    for n in range(5):
        goal_for(alice, f"Activity {n}")

    response = alice_client.post(GOALS, {"activity": "Climbing stairs"})

    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert Goal.objects.count() == 5


def test_archiving_makes_room_and_bringing_back_is_refused_when_full(alice_client, alice):
    first = goal_for(alice, "Activity 0")
    for n in range(1, 5):
        goal_for(alice, f"Activity {n}")
    alice_client.patch(f"{GOALS}{first.pk}/", {"archived": True})
    assert alice_client.post(GOALS, {"activity": "Climbing stairs"}).status_code == 201

    response = alice_client.patch(f"{GOALS}{first.pk}/", {"archived": False})

    assert response.status_code == 400
    first.refresh_from_db()
    assert first.archived_at is not None


@pytest.mark.parametrize(
    "body",
    [{}, {"activity": ""}, {"activity": "   "}, {"activity": "x" * 201}, {"activity": None}],
)
def test_bad_goal_input_is_a_field_error(alice_client, body):
    response = alice_client.post(GOALS, body, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"activity"}
    assert Goal.objects.count() == 0


def test_an_activity_of_200_characters_is_accepted(alice_client):
    assert alice_client.post(GOALS, {"activity": "x" * 200}).status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"score": 11},
        {"score": -1},
        {"score": "x"},
        {"score": 2.5},
        {},
        {"score": None},
        {"score": 5, "rated_at": "2999-01-01T00:00:00Z"},
        {"score": 5, "rated_at": "yesterday"},
    ],
)
def test_bad_rating_input_is_a_field_error(alice_client, alice, body):
    goal = goal_for(alice)

    response = alice_client.post(f"{GOALS}{goal.pk}/ratings/", body, format="json")

    assert response.status_code == 400
    assert set(response.json()) <= {"score", "rated_at"}
    assert GoalRating.objects.count() == 0


def test_a_rating_more_than_a_day_ahead_is_refused_and_within_a_day_accepted(alice_client, alice):
    goal = goal_for(alice)
    url = f"{GOALS}{goal.pk}/ratings/"
    ahead = timezone.now() + timedelta(days=1, minutes=5)

    assert alice_client.post(url, {"score": 5, "rated_at": ahead.isoformat()}).status_code == 400
    # Clocks drift and zones differ: a few hours ahead is fine.
    soon = timezone.now() + timedelta(hours=3)
    assert alice_client.post(url, {"score": 5, "rated_at": soon.isoformat()}).status_code == 201
    # ...and counts in the score at once, as it does in latest_score.
    listing = alice_client.get(GOALS).json()
    assert listing["summary"]["psfs_score"] == 5.0
    assert listing["goals"][0]["latest_score"] == 5


def test_a_rating_before_the_goal_existed_is_refused(alice_client, alice):
    goal = goal_for(alice, created_at=timezone.now() - timedelta(days=2))
    before = goal.created_at - timedelta(minutes=1)

    response = alice_client.post(
        f"{GOALS}{goal.pk}/ratings/", {"score": 5, "rated_at": before.isoformat()}
    )

    assert response.status_code == 400
    assert set(response.json()) == {"rated_at"}
    assert GoalRating.objects.count() == 0


def test_bad_patch_input_is_a_field_error(alice_client, alice):
    goal = goal_for(alice)

    for body in ({"activity": ""}, {"activity": "x" * 201}, {"archived": "perhaps"}):
        response = alice_client.patch(f"{GOALS}{goal.pk}/", body, format="json")
        assert response.status_code == 400
    goal.refresh_from_db()
    assert (goal.activity, goal.archived_at) == ("Climbing stairs", None)


def test_another_patients_goal_is_not_found(alice_client, bob):
    goal = goal_for(bob)

    assert alice_client.patch(f"{GOALS}{goal.pk}/", {"archived": True}).status_code == 404
    assert alice_client.post(f"{GOALS}{goal.pk}/ratings/", {"score": 3}).status_code == 404
    assert alice_client.get(GOALS).json()["goals"] == []
    goal.refresh_from_db()
    assert goal.archived_at is None
    assert GoalRating.objects.count() == 0


def test_goals_need_a_login_and_a_patient(db, thera_client):
    assert APIClient().get(GOALS).status_code == 401
    assert thera_client.post(GOALS, {"activity": "Climbing stairs"}).status_code == 403
    assert Goal.objects.count() == 0


def test_the_five_goal_limit_is_kept_by_the_service(alice):
    for n in range(5):
        services.goal_create(patient=alice, activity=f"A{n}", created_by=alice, now=T0)

    with pytest.raises(services.GoalRuleError):
        services.goal_create(patient=alice, activity="A5", created_by=alice, now=T0)


def test_the_export_holds_goals_and_ratings(alice_client, alice, bob):
    goal = goal_for(alice, "Driving four hours")
    GoalRating.objects.create(goal=goal, score=3, rated_at=T0, rated_by=alice)
    goal_for(bob)

    body = alice_client.get("/api/v1/me/export/").json()

    assert body["goals"] == [
        {
            "id": goal.pk,
            "activity": "Driving four hours",
            "created_by": alice.pk,
            "created_at": goal.created_at.isoformat(),
            "archived_at": None,
            "ratings": [{"score": 3, "rated_at": T0.isoformat(), "rated_by": alice.pk}],
        }
    ]


# The therapist's view: care/patients/{id}/goals/


def test_a_linked_therapist_reads_and_names_goals_with_the_patient(thera, thera_client, alice):
    link_between(thera, alice)
    goal = goal_for(alice)
    GoalRating.objects.create(goal=goal, score=4, rated_at=timezone.now(), rated_by=alice)
    url = f"/api/v1/care/patients/{alice.pk}/goals/"

    response = thera_client.get(url)

    assert response.status_code == 200
    assert response.json()["summary"]["psfs_score"] == 4.0
    assert [g["activity"] for g in response.json()["goals"]] == ["Climbing stairs"]

    response = thera_client.post(url, {"activity": "Standing up from a chair"})

    assert response.status_code == 201
    assert response.json()["created_by"] == {"id": thera.pk, "display_name": "Thera Pist"}
    named = Goal.objects.get(activity="Standing up from a chair")
    assert (named.patient, named.created_by) == (alice, thera)


CARE_ACTORS = [
    "linked_therapist",
    "other_therapist",
    "ended_therapist",
    "patient",
    "other_patient",
    "anonymous",
]
# (expected GET status, expected POST status) per caller.
CARE_EXPECTED = {
    "linked_therapist": (200, 201),
    "other_therapist": (404, 404),
    "ended_therapist": (404, 404),
    "patient": (404, 404),
    "other_patient": (404, 404),
    "anonymous": (401, 401),
}


@pytest.fixture
def care_cast(thera, alice, bob) -> dict:
    link_between(thera, alice)
    enid = make_user("enid", role=Role.THERAPIST)
    ended = link_between(enid, alice)
    tracker_services.link_end(link=ended, by=alice, now=timezone.now())
    users = {
        "linked_therapist": thera,
        "other_therapist": make_user("otto", role=Role.THERAPIST),
        "ended_therapist": enid,
        "patient": alice,
        "other_patient": bob,
    }
    clients = {name: client_for(user) for name, user in users.items()}
    clients["anonymous"] = APIClient()
    goal_for(alice, "Sitting through a meeting")
    return clients


@pytest.mark.parametrize("actor", CARE_ACTORS)
def test_care_goals_access_matrix(care_cast, alice, actor):
    client = care_cast[actor]
    url = f"/api/v1/care/patients/{alice.pk}/goals/"
    get_status, post_status = CARE_EXPECTED[actor]

    got = client.get(url)
    posted = client.post(url, {"activity": "Climbing stairs"})

    assert (got.status_code, posted.status_code) == (get_status, post_status)
    if get_status != 200:
        # A refusal shows nothing of the patient's goals and stores nothing.
        assert "meeting" not in got.content.decode()
        assert not Goal.objects.filter(activity="Climbing stairs").exists()
