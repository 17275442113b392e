"""The care loop's programme, end to end in two browsers: the therapist (desktop)
assigns a plan from a template with notes; a new patient (phone) sees it on Today
and plays it; the sessions reach the dashboard; the therapist edits the plan and
yesterday's adherence stays what it was.

The patient is made and linked through the services: the invite journey is
tested on its own. Screenshots of each step go to SHOTS_DIR when it is set
(for looking at them), else nowhere.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exercises.models import Exercise, ExerciseLog, Plan
from exercises.services import template_create
from tests.browser.conftest import journey_shot, log_in_as
from tests.conftest import answered_safety_screen, make_user
from tests.tracker.test_care_links import link_between
from tracker.models import Profile, Role
from tracker.selectors import progress_by_day

pytestmark = pytest.mark.django_db(transaction=True)


def shot(page, name: str) -> None:
    journey_shot(page, f"programme-{name}")


def _wait_for_logs(page, user, count: int) -> list[ExerciseLog]:
    for _ in range(100):
        logs = list(ExerciseLog.objects.filter(user=user))
        if len(logs) >= count:
            return logs
        page.wait_for_timeout(100)
    raise AssertionError(f"expected {count} logs, found {len(logs)}")


def test_assign_from_a_template_play_it_see_it_on_the_dashboard_and_edit_it(desk, phone, thera):
    # New, and past the safety screen (all no), which otherwise holds the player back.
    patient = answered_safety_screen(
        make_user("newpatient", role=Role.PATIENT, profile=Profile.DESK, display_name="Nia New")
    )
    link_between(thera, patient)
    lunge, stance = (
        Exercise.objects.get(slug="standing-lunge-tuck"),
        Exercise.objects.get(slug="foot-up-forward-stance"),
    )
    template_create(
        owner=thera,
        name="Hip flexors, week 1",
        items=[
            {"exercise": lunge, "hold_seconds": 20, "sets": 2, "side": "each"},
            {"exercise": stance, "hold_seconds": 10, "times_per_day": 2},
        ],
    )
    log_in_as(desk, thera)
    log_in_as(phone, patient)

    # 1. The therapist picks the template (tap one), adds notes, assigns (tap two).
    desk.goto(f"/patients/{patient.pk}/")
    desk.get_by_role("link", name="Hip flexors, week 1").click()
    expect(desk.locator("#template-source")).to_contain_text("Hip flexors, week 1")
    desk.get_by_label("Notes for your patient").fill("Slowly; stop if the pain spreads.")
    desk.locator("#items-0-notes").fill("Tuck the tailbone.")
    shot(desk, "1-therapist-assigns-from-template")
    desk.get_by_role("button", name="Assign plan").click()
    expect(desk.locator(".assigned-plan h3")).to_have_text("Hip flexors, week 1")
    plan = Plan.objects.get(user=patient)

    # 2. The patient's Today lists it with the dose and notes; Start plays it.
    phone.goto("/today/")
    card = phone.locator(f"#programme-{plan.pk}")
    expect(card).to_contain_text("Your programme from Thera Pist")
    expect(card).to_contain_text("Slowly; stop if the pain spreads.")
    expect(card).to_contain_text("2 sets, hold 20 s, each side, 1 time a day")
    expect(card).to_contain_text("Tuck the tailbone.")
    shot(phone, "2-patient-today")
    card.get_by_role("link", name=re.compile("^Start Hip flexors")).click()
    expect(phone.locator("#player-progress")).to_have_text("Exercise 1 of 2")
    expect(phone.get_by_role("heading", name=lunge.name)).to_be_visible()
    expect(phone.locator("#step-1")).to_contain_text("Tuck the tailbone.")
    shot(phone, "3-patient-player")
    phone.get_by_role("button", name="Next").click()
    phone.get_by_role("button", name="Done").click()
    expect(phone.get_by_role("heading", name="Well done")).to_be_visible()
    logs = _wait_for_logs(phone, patient, 2)
    assert sorted(log.plan_item.exercise.slug for log in logs) == sorted([lunge.slug, stance.slug])
    shot(phone, "4-patient-finished")

    # 3. The sessions reach the therapist's dashboard.
    desk.goto("/patients/")
    # At desktop width the patients are the table's rows.
    row = desk.locator(f"#patient-row-{patient.pk}")
    expect(row.get_by_role("link", name="Nia New")).to_be_visible()
    expect(row.locator(".last-activity")).to_contain_text(re.compile("just now|minute"))
    # Counted on today's row of the day counts as the logs arrived (tracker.activity_days).
    expect(row.locator(".data-days")).to_have_text("1 of 30")
    shot(desk, "5-therapist-dashboard")

    # 4. Yesterday the plan already ran, with one of its three sessions done.
    # (Moved back through the ORM: a browser cannot live through a day.)
    today = timezone.localdate(timezone=patient.tzinfo)
    yesterday = today - timedelta(days=1)
    Plan.objects.filter(pk=plan.pk).update(created_at=timezone.now() - timedelta(days=1))
    patient.date_joined = timezone.now() - timedelta(days=3)
    patient.save(update_fields=["date_joined"])
    ExerciseLog.objects.create(
        user=patient,
        exercise=lunge,
        plan_item=plan.items.get(exercise=lunge),
        performed_at=timezone.now() - timedelta(days=1),
    )
    (before,) = progress_by_day(user=patient, start=yesterday, end=yesterday)

    # 5. The therapist edits the plan from today: three times a day now.
    desk.goto(f"/patients/{patient.pk}/")
    desk.get_by_role("link", name=re.compile("^Edit")).click()
    # The chart above the form draws once its script has loaded: let it settle.
    desk.wait_for_load_state("networkidle")
    expect(desk.get_by_role("heading", name=re.compile("Edit “Hip flexors"))).to_be_visible()
    desk.locator("#items-0-times_per_day").fill("3")
    shot(desk, "6-therapist-edits")
    desk.get_by_role("button", name="Save changes").focus()
    with desk.expect_navigation():
        desk.keyboard.press("Enter")
    expect(desk.locator(".assigned-plan")).to_contain_text("3 times a day")

    (after,) = progress_by_day(user=patient, start=yesterday, end=yesterday)
    (today_after,) = progress_by_day(user=patient, start=today, end=today)
    assert (before.sessions_planned, before.adherence) == (3, 0.333)
    assert (after.sessions_planned, after.adherence) == (3, 0.333)
    assert today_after.sessions_planned == 5

    # The patient sees what changed, when and by whom.
    phone.goto("/today/")
    expect(phone.locator("#plan-changes")).to_contain_text("edited by Thera Pist")
    shot(phone, "7-patient-sees-the-change")
    phone.goto("/progress/")
    row = phone.locator(f'#progress-table tr[data-date="{yesterday.isoformat()}"]')
    expect(row).to_contain_text("1")
    shot(phone, "8-patient-progress")
    assert desk.errors == [] and phone.errors == []
