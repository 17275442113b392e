"""Plan templates: a therapist's own (GET|POST care/templates/, GET|PATCH|DELETE
care/templates/{id}/), the built-in routines as starting templates, and assigning
one with POST care/patients/{id}/plans/ {"template": id}. The access matrix is in
test_care_links.py."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from exercises.models import Exercise, Plan, PlanTemplate
from exercises.services import template_create
from tests.conftest import client_for, make_user
from tests.tracker.test_care_links import link_between
from tests.tracker.test_care_plans import STRETCH, assigned_plan, plans_url
from tracker.models import Role

pytestmark = pytest.mark.django_db

TEMPLATES = "/api/v1/care/templates/"


@pytest.fixture
def linked(library, thera, alice):
    return link_between(thera, alice)


@pytest.fixture
def hips(thera, library) -> PlanTemplate:
    stretch = Exercise.objects.get(slug=STRETCH)
    return template_create(
        owner=thera,
        name="Hips, week 1",
        notes="Gently.",
        items=[{"exercise": stretch, "hold_seconds": 30, "sets": 2, "side": "each"}],
    )


def test_a_therapist_saves_a_template_and_lists_it_before_the_built_in_ones(thera_client, library):
    body = {
        "name": "Desk workers",
        "notes": "Every break.",
        "items": [
            {"exercise": STRETCH, "hold_seconds": 20, "times_per_day": 3,
             "progression": {"step_seconds": 5, "every_days": 7, "max_seconds": 40}},
        ],
    }  # fmt: skip

    created = thera_client.post(TEMPLATES, body, format="json")
    listed = thera_client.get(TEMPLATES).json()

    assert created.status_code == 201
    assert created.json()["items"][0]["progression"]["step_seconds"] == 5
    assert listed[0]["id"] == created.json()["id"]
    assert listed[0]["builtin"] is False
    built_in = [entry for entry in listed if entry["builtin"]]
    assert {entry["routine"] for entry in built_in} >= {"desk-break", "truck-stop"}
    assert all(entry["id"] is None and entry["items"] for entry in built_in)
    stored = PlanTemplate.objects.get()
    assert stored.items[0]["exercise"] == STRETCH
    assert "start" not in stored.items[0]["progression"]  # it starts when assigned


def test_assigning_a_template_with_notes_copies_its_items(thera_client, alice, linked, hips):
    response = thera_client.post(
        plans_url(alice), {"template": hips.pk, "notes": "Twice a day, slowly."}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["notes"]) == ("Hips, week 1", "Twice a day, slowly.")
    assert [(i["exercise"], i["hold_seconds"], i["side"]) for i in body["items"]] == [
        (STRETCH, 30, "each")
    ]
    # A copy: changing the template later leaves the plan as it was.
    thera_client.patch(f"{TEMPLATES}{hips.pk}/", {"name": "Hips, week 2"}, format="json")
    assert Plan.objects.get().name == "Hips, week 1"


def test_a_built_in_routine_is_assigned_as_a_starting_template(thera_client, alice, linked):
    response = thera_client.post(plans_url(alice), {"routine": "desk-break"}, format="json")

    assert response.status_code == 201
    assert response.json()["items"][0]["exercise"] == "standing-lunge-tuck"


def test_saving_an_assigned_plan_as_a_template(thera_client, thera, alice, linked):
    plan = assigned_plan(thera, alice)

    response = thera_client.post(
        TEMPLATES, {"name": "From Alice's", "plan": plan.pk}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["name"] == "From Alice's"
    assert [i["hold_seconds"] for i in response.json()["items"]] == [30]


def test_another_therapists_plan_cannot_become_a_template(thera, alice, linked):
    plan = assigned_plan(thera, alice)
    otto = client_for(make_user("otto", role=Role.THERAPIST))

    response = otto.post(TEMPLATES, {"name": "Mine now", "plan": plan.pk}, format="json")

    assert response.status_code == 400
    assert not PlanTemplate.objects.exists()


def test_another_therapists_template_is_not_found_and_cannot_be_assigned(
    thera, alice, linked, hips, library
):
    otto = make_user("otto", role=Role.THERAPIST)
    link_between(otto, alice)
    otto_client = client_for(otto)

    assert otto_client.get(f"{TEMPLATES}{hips.pk}/").status_code == 404
    response = otto_client.post(plans_url(alice), {"template": hips.pk}, format="json")

    assert response.status_code == 400
    assert response.json()["template"] == ["No such template."]
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"template": "one"}, "template"),
        ({"template": None}, "template"),
        ({"template": 999999}, "template"),
        ({"routine": "no-such-routine"}, "routine"),
        ({"template": "HIPS", "items": []}, "template"),
        ({"routine": "desk-break", "template": 1}, "template"),
        ({"routine": ["desk-break"]}, "routine"),
    ],
)
def test_bad_template_references_are_a_400_and_store_nothing(
    thera_client, alice, linked, hips, body, field
):
    response = thera_client.post(plans_url(alice), body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Empty", "items": []},
        {"name": "No items"},
        {"name": "", "items": [{"exercise": STRETCH}]},
        {"name": "Clinician", "items": [{"exercise": "clinician-supine-psoas-release"}]},
        {"name": "Both", "items": [{"exercise": STRETCH}], "plan": 1},
        {"name": "Bad dose", "items": [{"exercise": STRETCH, "reps": 0}]},
        ["not", "an", "object"],
    ],
)
def test_bad_template_input_is_a_400_and_stores_nothing(thera_client, library, body):
    response = thera_client.post(TEMPLATES, body, format="json")

    assert response.status_code == 400
    assert not PlanTemplate.objects.exists()


def test_a_template_is_changed_and_deleted(thera_client, hips):
    changed = thera_client.patch(
        f"{TEMPLATES}{hips.pk}/",
        {"notes": "Slowly.", "items": [{"exercise": STRETCH, "reps": 8}]},
        format="json",
    )
    assert changed.status_code == 200
    assert [i["reps"] for i in changed.json()["items"]] == [8]
    assert (
        thera_client.patch(f"{TEMPLATES}{hips.pk}/", {"items": []}, format="json").status_code
        == 400
    )

    assert thera_client.delete(f"{TEMPLATES}{hips.pk}/").status_code == 204
    assert not PlanTemplate.objects.exists()


def test_a_patient_is_refused_templates(alice_client, hips):
    assert alice_client.get(TEMPLATES).status_code == 403
    assert alice_client.get(f"{TEMPLATES}{hips.pk}/").status_code == 403


# The pages: two taps to assign a template, adjusting the dose on the way.


def page_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_picking_a_template_fills_the_form_and_assigning_stores_the_adjusted_dose(
    thera, alice, linked, hips
):
    page = page_for(thera)
    filled = page.get(f"/patients/{alice.pk}/?template={hips.pk}")
    text = filled.content.decode()
    assert 'value="Hips, week 1"' in text
    assert (
        'name="items-0-hold_seconds" type="number" inputmode="numeric" min="1" max="3600"'
        ' value="30"' in text
    )

    post = filled.context["form_values"].copy()
    post["items-0-hold_seconds"] = "40"
    post["action"] = "assign-plan"
    response = page.post(f"/patients/{alice.pk}/", post)

    assert response.status_code == 302
    plan = Plan.objects.get()
    item = plan.items.get()
    assert (plan.name, plan.notes, item.hold_seconds, item.side) == (
        "Hips, week 1",
        "Gently.",
        40,
        "each",
    )


def test_saving_a_plan_as_a_template_from_the_page(thera, alice, linked):
    plan = assigned_plan(thera, alice)

    response = page_for(thera).post(
        f"/patients/{alice.pk}/", {"action": "save-template", "plan": plan.pk}
    )

    assert response.status_code == 302
    assert PlanTemplate.objects.get(owner=thera).name == "Hips"


def test_editing_a_plan_from_the_page_applies_from_the_chosen_day(thera, alice, linked):
    plan = assigned_plan(thera, alice)
    page = page_for(thera)
    post = page.get(f"/patients/{alice.pk}/?edit={plan.pk}").context["form_values"].copy()
    post.update({"action": "edit-plan", "plan": str(plan.pk), "items-0-sets": "4"})
    later = timezone.localdate(timezone=alice.tzinfo) + timedelta(days=10)
    post["effective_from"] = later.isoformat()

    response = page.post(f"/patients/{alice.pk}/", post)

    assert response.status_code == 302
    latest = plan.versions.order_by("number").last()
    assert (latest.effective_from, latest.changed_by) == (later, thera)
    assert latest.items.get().sets == 4


def test_editing_from_a_past_day_is_explained_and_changes_nothing(thera, alice, linked):
    plan = assigned_plan(thera, alice)
    page = page_for(thera)
    post = page.get(f"/patients/{alice.pk}/?edit={plan.pk}").context["form_values"].copy()
    post.update({"action": "edit-plan", "plan": str(plan.pk), "effective_from": "2020-01-01"})

    response = page.post(f"/patients/{alice.pk}/", post)

    assert response.status_code == 400
    assert "A change applies from today or a later day." in response.content.decode()
    assert plan.versions.count() == 1


@pytest.mark.parametrize("query", ["template=999999", "template=x", "edit=999999", "routine=nope"])
def test_an_unknown_template_or_plan_to_fill_in_is_a_404(thera, alice, linked, query):
    assert page_for(thera).get(f"/patients/{alice.pk}/?{query}").status_code == 404
