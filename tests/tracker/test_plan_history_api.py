"""Editing plans through the API with history: PATCH from a day, GET …/history/."""

import pytest
from django.utils import timezone

from exercises.models import Plan, PlanItem
from tests.tracker.test_care_links import link_between
from tests.tracker.test_care_plans import STRETCH, assigned_plan, plans_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(library, thera, alice):
    return link_between(thera, alice)


def alice_today(alice):
    return timezone.localdate(timezone=alice.tzinfo)


def test_a_therapists_edit_is_a_new_version_with_who_when_and_from_which_day(
    thera_client, thera, alice, alice_client, linked
):
    plan = assigned_plan(thera, alice)
    body = {
        "notes": "Twice now.",
        "items": [{"exercise": STRETCH, "hold_seconds": 45, "side": "each"}],
    }

    response = thera_client.patch(f"{plans_url(alice)}{plan.pk}/", body, format="json")

    assert response.status_code == 200
    assert response.json()["version"] == {"number": 2, "effective_from": str(alice_today(alice))}
    history = thera_client.get(f"{plans_url(alice)}{plan.pk}/history/").json()
    # The patient reads the same history under their own plans.
    assert alice_client.get(f"/api/v1/plans/{plan.pk}/history/").json() == history
    assert [
        (v["number"], v["change"], v["changed_by"]["display_name"], v["effective_to"])
        for v in history
    ] == [
        (1, "created", "Thera Pist", str(alice_today(alice))),
        (2, "edited", "Thera Pist", None),
    ]
    assert history[1]["effective_from"] == str(alice_today(alice))
    assert [i["hold_seconds"] for i in history[0]["items"]] == [30]
    assert [(i["hold_seconds"], i["side"]) for i in history[1]["items"]] == [(45, "each")]
    assert history[1]["notes"] == "Twice now."


def test_a_change_dated_in_the_past_is_a_400_and_changes_nothing(
    thera_client, thera, alice, linked
):
    plan = assigned_plan(thera, alice)
    body = {"name": "Back", "effective_from": "2020-01-01"}

    response = thera_client.patch(f"{plans_url(alice)}{plan.pk}/", body, format="json")

    assert response.status_code == 400
    assert "effective_from" in response.json()
    plan.refresh_from_db()
    assert (plan.name, plan.versions.count()) == ("Hips", 1)


@pytest.mark.parametrize("value", ["tomorrow", 5, "2026-02-30", None])
def test_a_bad_effective_from_is_a_400(thera_client, thera, alice, linked, value):
    plan = assigned_plan(thera, alice)

    response = thera_client.patch(
        f"{plans_url(alice)}{plan.pk}/", {"effective_from": value}, format="json"
    )

    assert response.status_code == 400
    assert plan.versions.count() == 1


def test_the_patient_edits_their_own_plan_with_history(alice_client, alice, library):
    created = alice_client.post(
        "/api/v1/plans/",
        {"name": "Mine", "items": [{"exercise": STRETCH, "hold_seconds": 20}]},
        format="json",
    ).json()

    response = alice_client.patch(
        f"/api/v1/plans/{created['id']}/",
        {"items": [{"exercise": STRETCH, "hold_seconds": 25, "notes": "Breathe."}]},
        format="json",
    )

    assert response.status_code == 200
    history = alice_client.get(f"/api/v1/plans/{created['id']}/history/").json()
    assert [(v["change"], v["changed_by"]["display_name"]) for v in history] == [
        ("created", "Alice"),
        ("edited", "Alice"),
    ]


def test_pausing_an_assigned_plan_is_recorded_as_the_patients(alice_client, alice, thera, linked):
    plan = assigned_plan(thera, alice)

    response = alice_client.patch(f"/api/v1/plans/{plan.pk}/", {"is_paused": True}, format="json")

    assert response.status_code == 200
    history = alice_client.get(f"/api/v1/plans/{plan.pk}/history/").json()
    assert [(v["change"], v["changed_by"]["display_name"]) for v in history][-1] == (
        "paused",
        "Alice",
    )
    # Paused copies of the same items: resuming brings them back.
    assert [i["hold_seconds"] for i in history[-1]["items"]] == [30]


def test_a_deleted_plans_history_is_not_found_and_its_rows_stay(
    thera_client, thera, alice, alice_client, linked
):
    plan = assigned_plan(thera, alice)
    assert thera_client.delete(f"{plans_url(alice)}{plan.pk}/").status_code == 204

    assert thera_client.get(f"{plans_url(alice)}{plan.pk}/history/").status_code == 404
    assert alice_client.get(f"/api/v1/plans/{plan.pk}/history/").status_code == 404
    assert Plan.objects.filter(pk=plan.pk).exists()
    assert PlanItem.objects.filter(plan=plan).count() == 1


def test_another_users_plan_history_is_a_404(bob_client, alice, thera, linked):
    plan = assigned_plan(thera, alice)

    assert bob_client.get(f"/api/v1/plans/{plan.pk}/history/").status_code == 404
