"""Plans a therapist assigns to a linked patient; the matrix is in test_care_links.py."""

import pytest
from django.utils import timezone

from exercises.models import Exercise, Plan
from exercises.services import plan_create
from tests.conftest import client_for, make_user
from tests.tracker.test_care_links import link_between
from tracker import services as tracker_services
from tracker.models import Role, User

STRETCH = "standing-lunge-tuck"
CLINICIAN = "clinician-supine-psoas-release"


def plans_url(patient: User) -> str:
    return f"/api/v1/care/patients/{patient.pk}/plans/"


def assigned_plan(therapist: User, patient: User, name: str = "Hips") -> Plan:
    item = {"exercise": Exercise.objects.get(slug=STRETCH), "hold_seconds": 30, "sets": 2}
    return plan_create(user=patient, name=name, items=[item], assigned_by=therapist)


@pytest.fixture
def linked(library, thera, alice):
    return link_between(thera, alice)


def test_a_linked_therapist_assigns_a_plan_with_doses_and_progression(
    thera, thera_client, alice, linked
):
    body = {
        "name": "Hip flexors",
        "notes": "Slowly.",
        "items": [
            {
                "exercise": STRETCH,
                "hold_seconds": 30,
                "sets": 2,
                "times_per_day": 2,
                "days_of_week": [5, 1, 3],
                "progression": {"step_seconds": 5, "every_days": 7, "max_seconds": 60},
            },
            {"exercise": "low-lunge-forward", "reps": 8},
        ],
    }

    response = thera_client.post(plans_url(alice), body, format="json")

    assert response.status_code == 201
    data = response.json()
    assert data["assigned_by"] == {"id": thera.pk, "display_name": "Thera Pist"}
    assert [item["exercise"] for item in data["items"]] == [STRETCH, "low-lunge-forward"]
    assert data["items"][0]["current_hold_seconds"] == 30
    plan = Plan.objects.get()
    assert (plan.user, plan.assigned_by, plan.name, plan.is_paused) == (
        alice,
        thera,
        "Hip flexors",
        False,
    )
    first = plan.items.order_by("order").first()
    assert (first.hold_seconds, first.sets, first.times_per_day) == (30, 2, 2)
    assert first.days_of_week == [1, 3, 5]
    assert (first.progression_step_seconds, first.progression_max_seconds) == (5, 60)
    # The progression starts on the patient's local day, not the server's.
    assert first.progression_start == timezone.localdate(timezone=alice.tzinfo)


def test_a_therapist_lists_only_the_plans_they_assigned(thera, thera_client, alice, linked):
    otto = make_user("otto", role=Role.THERAPIST)
    link_between(otto, alice)
    mine = assigned_plan(thera, alice, "Mine")
    assigned_plan(otto, alice, "Otto's")
    plan_create(user=alice, name="Her own", items=[])

    response = thera_client.get(plans_url(alice))

    assert response.status_code == 200
    assert [plan["id"] for plan in response.json()] == [mine.pk]


@pytest.mark.parametrize("method", ["patch", "delete"])
@pytest.mark.parametrize("owner", ["another_therapist", "the_patient"])
def test_a_therapist_cannot_touch_plans_they_did_not_assign(
    thera_client, alice, linked, method, owner
):
    if owner == "the_patient":
        plan = plan_create(user=alice, name="Her own", items=[])
    else:
        otto = make_user("otto", role=Role.THERAPIST)
        link_between(otto, alice)
        plan = assigned_plan(otto, alice, "Otto's")
    before = Plan.objects.filter(pk=plan.pk).values().get()

    response = getattr(thera_client, method)(
        f"{plans_url(alice)}{plan.pk}/", {"name": "Taken"}, format="json"
    )

    assert response.status_code == 404
    assert Plan.objects.filter(pk=plan.pk).values().get() == before


def test_a_therapist_changes_the_doses_of_an_assigned_plan(thera_client, thera, alice, linked):
    plan = assigned_plan(thera, alice)
    old_item = plan.items.get()
    body = {"is_paused": True, "items": [{"exercise": STRETCH, "hold_seconds": 45, "sets": 3}]}

    response = thera_client.patch(f"{plans_url(alice)}{plan.pk}/", body, format="json")

    assert response.status_code == 200
    assert response.json()["items"][0]["hold_seconds"] == 45
    plan.refresh_from_db()
    assert plan.is_paused is True
    assert plan.assigned_by == thera
    item = plan.items.get(version__effective_to__isnull=True)
    assert (item.hold_seconds, item.sets) == (45, 3)
    # The old item stays with the version that ended today: earlier days keep it.
    old_item.refresh_from_db()
    assert old_item.version.effective_to == timezone.localdate(timezone=alice.tzinfo)


def test_a_therapist_deletes_an_assigned_plan(thera_client, thera, alice, linked):
    plan = assigned_plan(thera, alice)
    kept = plan_create(user=alice, name="Her own", items=[])

    response = thera_client.delete(f"{plans_url(alice)}{plan.pk}/")

    assert response.status_code == 204
    assert list(Plan.objects.filter(ended_on__isnull=True)) == [kept]
    # Kept as history: it planned sessions until today.
    plan.refresh_from_db()
    assert plan.ended_on == timezone.localdate(timezone=alice.tzinfo)
    assert thera_client.get(plans_url(alice)).json() == []


def test_a_clinician_technique_never_goes_into_a_patients_plan(thera_client, alice, linked):
    body = {"name": "Release", "items": [{"exercise": CLINICIAN, "hold_seconds": 60}]}

    response = thera_client.post(plans_url(alice), body, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "items": {"0": {"exercise": [f"No self-care exercise is called {CLINICIAN}."]}}
    }
    assert Plan.objects.count() == 0


def test_a_clinician_technique_cannot_be_patched_in_either(thera_client, thera, alice, linked):
    plan = assigned_plan(thera, alice)
    body = {"items": [{"exercise": CLINICIAN, "hold_seconds": 60}]}

    response = thera_client.patch(f"{plans_url(alice)}{plan.pk}/", body, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"items"}
    assert plan.items.get().exercise.slug == STRETCH


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"name", "items"}),
        ({"name": "", "items": []}, {"name", "items"}),
        ({"name": "x" * 121, "items": []}, {"name", "items"}),
        ({"name": "P", "items": []}, {"items"}),
        ({"name": "P"}, {"items"}),
        ({"name": "P", "items": [{"exercise": "no-such-stretch"}]}, {"items"}),
        ({"name": "P", "items": [{"exercise": STRETCH, "hold_seconds": 0}]}, {"items"}),
        ({"name": "P", "items": [{"exercise": STRETCH, "days_of_week": [1, 1]}]}, {"items"}),
        (
            {
                "name": "P",
                "items": [
                    {
                        "exercise": STRETCH,
                        "progression": {"step_seconds": 5, "every_days": 7, "max_seconds": 60},
                    }
                ],
            },
            {"items"},
        ),
        ({"name": "P", "items": "stretch"}, {"items"}),
    ],
)
def test_bad_plan_input_is_a_field_error_and_changes_nothing(
    thera_client, alice, linked, body, fields
):
    response = thera_client.post(plans_url(alice), body, format="json")

    assert response.status_code == 400
    assert set(response.json()) == fields
    assert Plan.objects.count() == 0


def test_a_plan_without_exercises_is_refused_with_a_clear_message(thera_client, alice, linked):
    response = thera_client.post(plans_url(alice), {"name": "P", "items": []}, format="json")

    assert response.status_code == 400
    assert response.json() == {"items": ["A plan needs at least one exercise."]}
    assert Plan.objects.count() == 0


def test_an_assigned_plan_cannot_be_emptied(thera, thera_client, alice, linked):
    plan = assigned_plan(thera, alice)

    response = thera_client.patch(f"{plans_url(alice)}{plan.pk}/", {"items": []}, format="json")

    assert response.status_code == 400
    assert response.json() == {"items": ["A plan needs at least one exercise."]}
    assert plan.items.count() == 1


def test_the_patient_sees_who_assigned_a_plan_and_can_pause_it(thera, alice, alice_client, linked):
    plan = assigned_plan(thera, alice)

    listed = alice_client.get("/api/v1/plans/").json()
    response = alice_client.patch(f"/api/v1/plans/{plan.pk}/", {"is_paused": True}, format="json")

    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["assigned_by"] for row in rows] == [{"id": thera.pk, "display_name": "Thera Pist"}]
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.is_paused is True


def test_the_patient_cannot_change_an_assigned_plans_doses(thera, alice, alice_client, linked):
    plan = assigned_plan(thera, alice)
    body = {"items": [{"exercise": STRETCH, "hold_seconds": 5}]}

    response = alice_client.patch(f"/api/v1/plans/{plan.pk}/", body, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"items"}
    assert plan.items.get().hold_seconds == 30


def test_after_the_link_ends_the_patient_keeps_the_plan_and_the_therapist_loses_it(
    thera, thera_client, alice, linked
):
    plan = assigned_plan(thera, alice)
    tracker_services.link_end(link=linked, by=alice, now=timezone.now())

    assert thera_client.get(plans_url(alice)).status_code == 404
    assert thera_client.delete(f"{plans_url(alice)}{plan.pk}/").status_code == 404
    # The plan is the patient's: it stays, still showing who assigned it.
    plan.refresh_from_db()
    assert plan.assigned_by == thera
    listed = client_for(alice).get("/api/v1/plans/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["id"] for row in rows] == [plan.pk]
