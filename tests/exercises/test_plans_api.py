import pytest
from django.utils import timezone

from exercises.models import Audience, Exercise, ExerciseLog, Kind, Plan, PlanItem
from exercises.services import plan_create, plan_delete


def make_exercise(slug, **fields):
    fields.setdefault("kind", Kind.STRETCH)
    fields.setdefault("audience", Audience.SELF_CARE)
    return Exercise.objects.create(
        slug=slug, name=slug.replace("-", " ").title(), summary="x", sources=["000.txt"], **fields
    )


@pytest.fixture
def lunge(db):
    return make_exercise("low-lunge")


@pytest.fixture
def stool(db):
    return make_exercise("stool-stance")


@pytest.fixture
def release(db):
    return make_exercise(
        "psoas-release", kind=Kind.CLINICIAN_TECHNIQUE, audience=Audience.CLINICIAN
    )


def plan_body(**overrides):
    body = {
        "name": "Morning",
        "items": [
            {"exercise": "low-lunge", "hold_seconds": 30, "sets": 2, "days_of_week": [5, 1, 3]},
            {
                "exercise": "stool-stance",
                "hold_seconds": 10,
                "times_per_day": 3,
                "progression": {"step_seconds": 5, "every_days": 7, "max_seconds": 60},
            },
        ],
    }
    body.update(overrides)
    return body


def test_create_stores_the_plan_with_ordered_items(alice_client, alice, lunge, stool):
    response = alice_client.post("/api/v1/plans/", plan_body(), format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert [i["exercise"] for i in body["items"]] == ["low-lunge", "stool-stance"]
    assert body["items"][0]["days_of_week"] == [1, 3, 5]
    assert body["items"][1]["progression"]["max_seconds"] == 60
    # The progression starts today, so today's hold is the starting hold.
    assert body["items"][1]["current_hold_seconds"] == 10
    plan = Plan.objects.get(user=alice)
    assert plan.items.count() == 2


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"exercise": "no-such"}, "exercise"),
        ({"exercise": "low-lunge", "hold_seconds": 0}, "hold_seconds"),
        ({"exercise": "low-lunge", "times_per_day": 25}, "times_per_day"),
        ({"exercise": "low-lunge", "days_of_week": [0]}, "days_of_week"),
        ({"exercise": "low-lunge", "days_of_week": [1, 1]}, "days_of_week"),
        (
            {
                "exercise": "low-lunge",
                "progression": {"step_seconds": 5, "every_days": 7, "max_seconds": 60},
            },
            "progression",
        ),
        (
            {
                "exercise": "low-lunge",
                "hold_seconds": 90,
                "progression": {"step_seconds": 5, "every_days": 7, "max_seconds": 60},
            },
            "progression",
        ),
    ],
)
def test_create_refuses_bad_items_and_stores_nothing(alice_client, lunge, stool, item, field):
    response = alice_client.post("/api/v1/plans/", plan_body(items=[item]), format="json")

    assert response.status_code == 400
    assert field in response.json()["items"]["0"]
    assert not Plan.objects.exists()


def test_a_clinician_technique_never_goes_into_a_plan(alice_client, release):
    response = alice_client.post(
        "/api/v1/plans/", plan_body(items=[{"exercise": "psoas-release"}]), format="json"
    )

    assert response.status_code == 400
    assert not Plan.objects.exists()


def test_patch_renames_and_replaces_items(alice_client, lunge, stool):
    plan_id = alice_client.post("/api/v1/plans/", plan_body(), format="json").json()["id"]

    response = alice_client.patch(
        f"/api/v1/plans/{plan_id}/",
        {"name": "Evening", "items": [{"exercise": "stool-stance", "hold_seconds": 20}]},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["name"] == "Evening"
    assert [i["exercise"] for i in response.json()["items"]] == ["stool-stance"]
    # The old items stay with the version that ended: earlier days keep them.
    assert PlanItem.objects.filter(version__effective_to__isnull=True).count() == 1
    assert PlanItem.objects.count() == 3


def test_patch_without_items_keeps_them(alice_client, lunge, stool):
    plan_id = alice_client.post("/api/v1/plans/", plan_body(), format="json").json()["id"]

    response = alice_client.patch(f"/api/v1/plans/{plan_id}/", {"is_paused": True}, format="json")

    assert response.status_code == 200
    assert response.json()["is_paused"] is True
    current = PlanItem.objects.filter(version__effective_to__isnull=True)
    assert [item.version.change for item in current] == ["paused", "paused"]


def test_a_bad_patch_changes_nothing(alice_client, lunge, stool):
    plan_id = alice_client.post("/api/v1/plans/", plan_body(), format="json").json()["id"]

    response = alice_client.patch(
        f"/api/v1/plans/{plan_id}/",
        {"name": "Changed", "items": [{"exercise": "nope"}]},
        format="json",
    )

    assert response.status_code == 400
    assert Plan.objects.get().name == "Morning"
    assert PlanItem.objects.count() == 2


def test_a_plan_a_therapist_assigned_can_be_paused_but_not_edited(
    alice_client, alice, thera, lunge
):
    plan = Plan.objects.create(user=alice, name="From Thera", assigned_by=thera)
    PlanItem.objects.create(plan=plan, exercise=lunge, hold_seconds=30)

    edit = alice_client.patch(f"/api/v1/plans/{plan.pk}/", {"name": "Mine now"}, format="json")
    pause = alice_client.patch(f"/api/v1/plans/{plan.pk}/", {"is_paused": True}, format="json")

    assert edit.status_code == 400
    assert pause.status_code == 200
    assert pause.json()["assigned_by"]["display_name"] == "Thera Pist"
    plan.refresh_from_db()
    assert (plan.name, plan.is_paused) == ("From Thera", True)


def test_it_returns_404_for_another_users_plan(alice_client, bob_client, lunge, stool):
    plan_id = alice_client.post("/api/v1/plans/", plan_body(), format="json").json()["id"]
    url = f"/api/v1/plans/{plan_id}/"

    assert bob_client.get(url).status_code == 404
    assert bob_client.patch(url, {"name": "Bob's"}, format="json").status_code == 404
    assert bob_client.delete(url).status_code == 404
    assert bob_client.get("/api/v1/plans/").json()["count"] == 0
    assert Plan.objects.get().name == "Morning"


def test_delete_takes_the_plan_out_of_the_lists_and_keeps_its_history(
    alice_client, alice, lunge, stool
):
    plan_id = alice_client.post("/api/v1/plans/", plan_body(), format="json").json()["id"]

    assert alice_client.delete(f"/api/v1/plans/{plan_id}/").status_code == 204
    assert alice_client.get("/api/v1/plans/").json()["count"] == 0
    assert alice_client.get(f"/api/v1/plans/{plan_id}/").status_code == 404
    # The rows stay: the days before today keep what the plan asked for.
    assert PlanItem.objects.filter(plan_id=plan_id).count() == 2
    assert Plan.objects.get().ended_on == timezone.localdate(timezone=alice.tzinfo)


def test_plans_need_a_login(db, anon_client):
    assert anon_client.get("/api/v1/plans/").status_code == 401


def test_deleting_a_plan_keeps_its_logs_and_other_plans(alice, lunge):
    item = {"exercise": lunge, "hold_seconds": 30}
    plan = plan_create(user=alice, name="Gone", items=[item])
    kept = plan_create(user=alice, name="Kept", items=[item])
    log = ExerciseLog.objects.create(
        user=alice, exercise=lunge, plan_item=plan.items.get(), performed_at=timezone.now()
    )

    plan_delete(plan=plan, by=alice, today=timezone.localdate(timezone=alice.tzinfo))

    names = Plan.objects.filter(ended_on__isnull=True).values_list("name", flat=True)
    assert list(names) == ["Kept"]
    assert PlanItem.objects.filter(plan=kept).count() == 1
    log.refresh_from_db()
    assert log.plan_item == plan.items.get()  # the session done still names its item
