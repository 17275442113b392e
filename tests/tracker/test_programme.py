"""The assigned plan is the patient's programme: Today lists it with the therapist's
dose and notes, the player plays it, its logs name their items, and adherence
counts against it alike for the patient and on the therapist's dashboard."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from exercises.models import Exercise, ExerciseLog
from exercises.services import plan_create, plan_update
from tests.tracker.test_care_links import link_between
from tracker.care.selectors import dashboard_rows
from tracker.selectors import progress_by_day

pytestmark = pytest.mark.django_db

LUNGE = "standing-lunge-tuck"


@pytest.fixture
def programme(library, thera, alice):
    link_between(thera, alice)
    exercises = list(Exercise.objects.filter(audience="self_care").order_by("order")[:2])
    return plan_create(
        user=alice,
        name="Hip programme",
        notes="Go gently; stop if the pain spreads.",
        assigned_by=thera,
        items=[
            {"exercise": exercises[1], "sets": 2, "reps": 5, "hold_seconds": 20,
             "side": "each", "times_per_day": 2, "notes": "Keep the back tall."},
            {"exercise": exercises[0], "hold_seconds": 30, "notes": "Breathe out."},
        ],
    )  # fmt: skip


def page_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_today_lists_the_assigned_plan_with_dose_side_times_and_notes(alice, programme):
    text = page_for(alice).get("/today/").content.decode()

    first, second = (item.exercise.name for item in programme.items.order_by("order"))
    assert "Your programme from Thera Pist" in text
    assert "Go gently; stop if the pain spreads." in text
    assert "2 x 5 reps, hold 20 s, each side, 2 times a day" in text
    assert "Keep the back tall." in text and "Breathe out." in text
    assert text.index(first) < text.index(second)
    # Start plays the plan, not the generic routine for the profile.
    assert f'href="/plans/{programme.pk}/play/"' in text
    assert re.search(r'class="button primary" href="/plans/\d+/play/"', text)
    # The built-in routine stays available beside it.
    assert "Other routines" in text and "/routines/desk-break/play/" in text


def test_the_player_plays_the_plan_in_its_order_with_its_dose_and_notes(alice, programme):
    response = page_for(alice).get(f"/plans/{programme.pk}/play/")

    text = response.content.decode()
    assert response.status_code == 200
    names = [item.exercise.name for item in programme.items.order_by("order")]
    assert text.index(names[0]) < text.index(names[1])
    assert 'data-hold-seconds="20" data-holds="10"' in text
    assert "Keep the back tall." in text and "Go gently" in text
    data = response.context["player_data"]
    assert [item["plan_item"] for item in data["items"]] == [
        item.pk for item in programme.items.order_by("order")
    ]


def test_another_persons_or_a_deleted_plan_is_not_played(bob, alice, programme, thera):
    assert page_for(bob).get(f"/plans/{programme.pk}/play/").status_code == 404
    assert page_for(alice).get("/plans/999999/play/").status_code == 404


def test_done_without_javascript_logs_each_exercise_against_its_plan_item(alice, programme):
    response = page_for(alice).post("/today/", {"kind": "plan", "plan": programme.pk})

    assert response.status_code == 302
    logs = ExerciseLog.objects.filter(user=alice).order_by("plan_item__order")
    assert [log.plan_item for log in logs] == list(programme.items.order_by("order"))
    assert [(log.sets, log.reps, log.hold_seconds) for log in logs] == [
        (2, 5, 20),
        (None, None, 30),
    ]


def test_a_plan_that_is_not_yours_logs_nothing(bob, programme):
    response = page_for(bob).post("/today/", {"kind": "plan", "plan": programme.pk})

    assert response.status_code == 400
    assert not ExerciseLog.objects.exists()


def test_adherence_counts_against_the_plan_alike_for_patient_and_therapist(alice, thera, programme):
    page_for(alice).post("/today/", {"kind": "plan", "plan": programme.pk})
    today = timezone.localdate(timezone=alice.tzinfo)

    (day,) = progress_by_day(user=alice, start=today, end=today)
    (row,) = dashboard_rows(therapist=thera, now=timezone.now())

    # Three sessions planned (2 + 1), two logged by one play-through.
    assert (day.sessions_planned, day.sessions_logged) == (3, 2)
    assert row.last_activity_at is not None
    assert row.adherence_7 is None  # today is pending until complete, as in the streaks
    page_for(alice).post("/today/", {"kind": "plan", "plan": programme.pk})
    (row,) = dashboard_rows(therapist=thera, now=timezone.now())
    assert row.adherence_7 == 1.0


def test_a_session_before_an_edit_today_still_shows_as_done(alice, thera, programme):
    first = programme.items.order_by("order").first()
    page_for(alice).post(
        "/today/", {"kind": "log", "exercise": first.exercise.slug, "plan_item": first.pk}
    )
    plan_update(
        plan=programme,
        fields={"notes": "New notes."},
        by=thera,
        today=timezone.localdate(timezone=alice.tzinfo),
    )

    text = page_for(alice).get("/today/").content.decode()

    assert 'aria-label="1 of 2 done"' in text
    assert "New notes." in text


def test_the_patient_sees_what_changed_when_and_by_whom(alice, thera, programme):
    first = programme.items.order_by("order").first()
    plan_update(
        plan=programme,
        fields={},
        items=[{"exercise": first.exercise, "sets": 3, "reps": 5, "hold_seconds": 20}],
        by=thera,
        today=timezone.localdate(timezone=alice.tzinfo),
    )

    text = page_for(alice).get("/today/").content.decode()

    assert "Changes to your plans" in text
    assert "edited by Thera Pist" in text
    assert (
        f"{first.exercise.name}: 2 x 5 reps, hold 20 s, each side, 2 a day"
        " → 3 x 5 reps, hold 20 s, 1 a day."
    ) in text
    assert "Removed " in text  # the second exercise


def test_a_german_patient_reads_what_changed_in_german(alice, thera, programme):
    alice.language = "de"
    alice.save(update_fields=["language"])
    first = programme.items.order_by("order").first()
    plan_update(
        plan=programme,
        fields={"name": "Neuer Name"},
        items=[{"exercise": first.exercise, "sets": 3, "reps": 5, "hold_seconds": 20}],
        by=thera,
        today=timezone.localdate(timezone=alice.tzinfo),
    )

    text = page_for(alice).get("/today/").content.decode()

    assert "Umbenannt in „Neuer Name“." in text
    assert "3 x 5 Wiederholungen, 20 s halten, 1 pro Tag." in text
    assert "Entfernt: " in text
    assert "Removed " not in text and "a day" not in text


def test_the_patient_changes_their_own_plan_from_a_page_with_history(alice, library):
    stretch = Exercise.objects.get(slug=LUNGE)
    plan = plan_create(user=alice, name="Mine", items=[{"exercise": stretch, "hold_seconds": 20}])
    page = page_for(alice)
    assert page.get(f"/plans/{plan.pk}/edit/").status_code == 200

    response = page.post(
        f"/plans/{plan.pk}/edit/",
        {"name": "Mine", "items-0-hold_seconds": "25", "items-0-times_per_day": "2"},
    )

    assert response.status_code == 302
    latest = plan.versions.order_by("number").last()
    assert (latest.change, latest.changed_by) == ("edited", alice)
    assert [(i.hold_seconds, i.times_per_day) for i in latest.items.all()] == [(25, 2)]


def test_a_bad_dose_or_a_past_day_on_the_page_is_a_400_and_changes_nothing(alice, library):
    stretch = Exercise.objects.get(slug=LUNGE)
    plan = plan_create(user=alice, name="Mine", items=[{"exercise": stretch, "hold_seconds": 20}])
    page = page_for(alice)

    bad_dose = page.post(f"/plans/{plan.pk}/edit/", {"name": "Mine", "items-0-reps": "0"})
    past = page.post(
        f"/plans/{plan.pk}/edit/",
        {
            "name": "Mine",
            "items-0-hold_seconds": "30",
            "items-0-times_per_day": "1",
            "effective_from": "2020-01-01",
        },
    )

    assert (bad_dose.status_code, past.status_code) == (400, 400)
    assert "A change applies from today or a later day." in past.content.decode()
    assert "Reps: Ensure this value is greater than or equal to 1." in bad_dose.content.decode()
    assert plan.versions.count() == 1


def test_the_patient_pauses_an_assigned_plan_but_cannot_change_its_doses(alice, programme):
    page = page_for(alice)

    text = page.get(f"/plans/{programme.pk}/edit/").content.decode()
    response = page.post(f"/plans/{programme.pk}/edit/", {"action": "pause", "is_paused": "true"})

    assert "items-0-hold_seconds" not in text
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.is_paused is True
    assert programme.versions.order_by("number").last().change == "paused"
    assert page.get(f"/plans/{programme.pk}/edit/").status_code == 200


def test_another_persons_plan_page_is_a_404(bob, programme):
    assert page_for(bob).get(f"/plans/{programme.pk}/edit/").status_code == 404


def test_the_plan_change_page_shows_each_item_s_dose_and_side(alice, library):
    stretch = Exercise.objects.get(slug=LUNGE)
    plan = plan_create(
        user=alice,
        name="Mine",
        items=[{"exercise": stretch, "hold_seconds": 20, "sets": 2, "times_per_day": 3}],
    )
    plan.items.update(side="left")

    html = page_for(alice).get(f"/plans/{plan.pk}/edit/").content.decode()

    assert (
        'name="items-0-hold_seconds" type="number" inputmode="numeric" min="1" '
        'max="3600" value="20"' in html
    )
    assert (
        'name="items-0-reps" type="number" inputmode="numeric" min="1" max="200" value=""' in html
    )
    assert (
        'name="items-0-sets" type="number" inputmode="numeric" min="1" max="20" value="2"' in html
    )
    assert 'max="24" value="3"' in html
    assert '<option value="left" selected>' in html
