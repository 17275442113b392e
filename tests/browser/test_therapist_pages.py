"""The therapist's side in a real browser at 360x640: the patient list with alerts,
acknowledging one, a patient's chart with the noise band, assigning a plan,
inviting a patient who accepts in another browser, and someone else's patient."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exercises.library import SAFETY_SCREEN
from exercises.models import Audience, Exercise, Plan
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    assert_accessible,
    log_in_as,
    tap_targets_too_small,
)
from tests.conftest import make_user
from tests.tracker.test_care_plans import STRETCH
from tests.tracker.test_pages_progress import seed_days
from tracker.models import AlertAcknowledgement, CareLink, PainEntry, Profile, Role
from tracker.safety import safety_check_save

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("SCREENSHOT_DIR")


def link(therapist, patient) -> CareLink:
    return CareLink.objects.create(therapist=therapist, patient=patient, created_at=timezone.now())


@pytest.fixture
def three_patients(thera, alice, bob):
    """Alice, bob and carol linked to thera; carol (last by name) rated her pain 9."""
    carol = make_user("carol", role=Role.PATIENT, profile=Profile.DESK, display_name="Carol")
    for patient in (alice, bob, carol):
        link(thera, patient)
    seed_days(alice, days=14)
    PainEntry.objects.create(user=carol, recorded_at=timezone.now() - timedelta(hours=2), rating=9)
    return alice, bob, carol


def test_the_patient_with_an_alert_comes_first_and_acknowledging_removes_it(
    phone, thera, three_patients
):
    carol = three_patients[2]
    log_in_as(phone, thera)
    phone.goto("/patients/")

    patients = phone.locator("#patient-list > li")
    expect(patients).to_have_count(3)
    expect(patients.first.locator("h2")).to_have_text("Carol")
    alert = patients.first.locator(".alert")
    expect(alert).to_contain_text("Pain rated 9/10.")
    expect(patients.nth(1).locator("h2")).to_have_text("Alice")
    # Alice's pain eased by about a point a week: under the 2 points that tell a
    # change from noise. The trend is a word, not a colour only.
    expect(patients.nth(1).locator(".pain-trend")).to_contain_text(
        "steady (changed less than 2 points): 7-day mean 4.7, the 7 days before 5.8."
    )
    expect(patients.nth(1).locator(".last-activity time")).to_have_count(1)

    alert.get_by_role("button", name=re.compile("^Acknowledge")).click()

    expect(phone.locator(".messages")).to_contain_text("Alert about Carol acknowledged.")
    expect(phone.locator("#patient-list .alert")).to_have_count(0)
    ack = AlertAcknowledgement.objects.get()
    assert (ack.link.patient, ack.link.therapist, ack.kind) == (carol, thera, "pain_high")
    # Without open alerts the list is by name again.
    expect(patients.first.locator("h2")).to_have_text("Alice")
    assert phone.errors == []


def test_a_patients_page_draws_the_chart_with_the_noise_band(phone, thera, alice):
    link(thera, alice)
    seed_days(alice)
    log_in_as(phone, thera)
    phone.goto("/patients/")
    phone.get_by_role("link", name="Alice").click()

    expect(phone).to_have_url(f"{phone.site}/patients/{alice.pk}/")
    canvas = phone.locator("#patient-chart canvas")
    expect(canvas).to_have_count(2)  # pain above, sessions below
    for panel in canvas.all():
        box = panel.bounding_box()
        assert box["width"] > 200 and box["x"] + box["width"] <= 360
    # The noise band's legend entry is what the therapist's chart adds to the patient's.
    expect(phone.locator("#patient-chart .chart-key.noise")).to_have_count(1)
    expect(phone.locator("#patient-chart .chart-legend li")).to_have_count(5)
    label = phone.locator("#patient-chart .chart-pain").get_attribute("aria-label")
    assert label.startswith("Pain fell from a mean of 5.7 to 2.4 over 30 days")

    phone.get_by_role("link", name="7 days").click()
    expect(phone).to_have_url(f"{phone.site}/patients/{alice.pk}/?range=7")
    phone.get_by_text("Show as table").click()
    expect(phone.locator("#progress-table tbody tr")).to_have_count(7)
    assert phone.errors == []


def test_a_patients_page_shows_the_safety_answers_at_phone_and_desk_sizes(phone, thera, alice):
    link(thera, alice)
    safety_check_save(
        user=alice,
        answers={q["slug"]: q["slug"] == "not-improving" for q in SAFETY_SCREEN},
        now=timezone.now(),
    )
    log_in_as(phone, thera)
    phone.goto(f"/patients/{alice.pk}/")

    section = phone.locator("#safety-answers")
    expect(section).to_contain_text("answered yes to a warning question")
    expect(section.locator("li")).to_have_count(len(SAFETY_SCREEN))
    expect(section.locator("li", has_text=str(SAFETY_SCREEN[-1]["question"]))).to_contain_text(
        "Yes"
    )
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/patient-phone.png", full_page=True)
    phone.set_viewport_size({"width": 1280, "height": 800})
    expect(section).to_be_visible()
    assert_accessible(phone)
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/patient-desk.png", full_page=True)
    assert phone.errors == []


def test_assigning_a_plan_from_the_form_stores_it_as_the_therapists(phone, thera, alice):
    link(thera, alice)
    log_in_as(phone, thera)
    phone.goto(f"/patients/{alice.pk}/")

    phone.get_by_label("Plan name").fill("Hip flexors")
    row = phone.locator("#plan-row-0")
    row.get_by_label("Exercise", exact=True).select_option(STRETCH)
    row.get_by_label("Hold (seconds)").fill("30")
    row.get_by_label("Sets").fill("2")
    row.get_by_label("Times a day").fill("2")
    row.get_by_label("Mon").check()
    row.get_by_label("Thu").check()
    phone.get_by_role("button", name="Assign plan").click()

    expect(phone.locator(".messages")).to_contain_text("Plan assigned to Alice.")
    plan = Plan.objects.get()
    assert (plan.user, plan.assigned_by, plan.name) == (alice, thera, "Hip flexors")
    item = plan.items.get()
    assert (item.exercise.slug, item.hold_seconds, item.sets, item.times_per_day) == (
        STRETCH,
        30,
        2,
        2,
    )
    assert item.days_of_week == [1, 4]
    listed = phone.locator(".assigned-plan")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("2 times a day, Mon, Thu")

    listed.get_by_role("button", name=re.compile("^Delete")).click()
    expect(phone.locator("#no-plans")).to_be_visible()
    # Ended, not erased: the days before keep what it planned.
    assert not Plan.objects.filter(ended_on__isnull=True).exists()


def test_choosing_an_exercise_fills_in_its_default_dose_unless_typed(phone, thera, alice):
    link(thera, alice)
    exercise = Exercise.objects.filter(
        audience=Audience.SELF_CARE, default_hold_seconds__isnull=False
    ).first()
    log_in_as(phone, thera)
    phone.goto(f"/patients/{alice.pk}/")
    row = phone.locator("#plan-row-0")
    row.get_by_label("Sets").fill("4")
    row.get_by_label("Exercise", exact=True).select_option(exercise.slug)

    expect(row.get_by_label("Hold (seconds)")).to_have_value(str(exercise.default_hold_seconds))
    expect(row.get_by_label("Sets")).to_have_value("4")  # typed: kept
    assert phone.errors == []


def test_a_bad_dose_is_explained_next_to_the_exercise_and_nothing_is_stored(phone, thera, alice):
    link(thera, alice)
    log_in_as(phone, thera)
    phone.goto(f"/patients/{alice.pk}/")
    phone.get_by_label("Plan name").fill("Hips")
    row = phone.locator("#plan-row-0")
    row.get_by_label("Exercise", exact=True).select_option(STRETCH)
    row.get_by_label("Times a day").fill("30")
    phone.get_by_role("button", name="Assign plan").click()

    expect(phone.locator("#plan-row-0-errors")).to_contain_text("Times a day:")
    expect(phone.get_by_label("Plan name")).to_have_value("Hips")
    assert not Plan.objects.exists()


def test_an_invite_accepted_in_another_browser_links_the_patient(
    phone, browser, site, thera, alice
):
    log_in_as(phone, thera)
    phone.goto("/patients/")
    expect(phone.locator("#no-patients")).to_be_visible()
    phone.get_by_role("link", name="Invite a patient").click()
    phone.get_by_role("button", name="Create an invite").click()

    code = phone.locator("#invite-code").text_content()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    expect(phone.locator("#invite-expiry")).to_have_attribute("datetime", re.compile(r"^\d{4}-"))
    link_text = phone.locator("#invite-url").text_content()
    path = link_text[link_text.index("/care/accept/") :]
    assert path == f"/care/accept/?code={code.replace('-', '')}"
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []

    context = browser.new_context(viewport=PHONE, base_url=site)
    try:
        patient = context.new_page()
        patient.site = site
        log_in_as(patient, alice)
        patient.goto(path)
        expect(patient.get_by_label("Code from your therapist")).to_have_value(
            code.replace("-", "")
        )
        consent = patient.get_by_label("Let my therapist set my stretch-break reminders")
        expect(consent).not_to_be_checked()
        consent.check()
        patient.get_by_role("button", name="Link with my therapist").click()

        expect(patient).to_have_url(f"{site}/today/")
        expect(patient.locator(".messages")).to_contain_text("You are now linked with Thera Pist")
    finally:
        context.close()
    care_link = CareLink.objects.get()
    assert (care_link.therapist, care_link.patient, care_link.reminders_consent) == (
        thera,
        alice,
        True,
    )

    phone.goto("/patients/")
    expect(phone.locator("#patient-list > li h2")).to_have_text("Alice")


def test_a_wrong_code_is_refused_with_one_message(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/care/accept/?code=ABCDE-FGHJK")
    phone.get_by_role("button", name="Link with my therapist").click()
    expect(phone.locator("#code-errors")).to_have_text(
        "This code is not valid. Ask your therapist for a new one."
    )
    assert not CareLink.objects.exists()


def test_a_patient_not_linked_to_this_therapist_is_not_found(phone, thera, alice, bob):
    other = make_user("other", role=Role.THERAPIST)
    link(other, bob)
    log_in_as(phone, thera)
    for patient in (alice, bob):
        response = phone.goto(f"/patients/{patient.pk}/")
        assert response.status == 404


@pytest.mark.parametrize("path", ["/patients/", "/patients/invite/", "patient"])
def test_the_therapists_pages_are_accessible_with_big_enough_tap_targets(
    phone, thera, three_patients, path
):
    alice = three_patients[0]
    log_in_as(phone, thera)
    if path == "patient":
        path = f"/patients/{alice.pk}/"
    phone.goto(path)
    phone.wait_for_load_state("networkidle")
    if path.startswith(f"/patients/{alice.pk}"):
        # The optional rows and the progression open, so their fields are checked too.
        for summary in phone.locator("details > summary").all():
            summary.click()
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
    assert phone.errors == []


def test_the_accept_page_is_accessible_with_big_enough_tap_targets(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/care/accept/?code=ABC")
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
    phone.get_by_role("button", name="Link with my therapist").click()
    expect(phone.locator("#code-errors")).to_be_visible()
    assert_accessible(phone)


# Screenshots to look at after a run (var/ is not committed).
SHOTS = Path(__file__).resolve().parents[2] / "var" / "test" / "shots"


def test_a_wide_screen_gets_a_table_sorted_by_any_column_and_a_phone_the_cards(
    phone, thera, three_patients
):
    log_in_as(phone, thera)
    phone.set_viewport_size(DESKTOP)
    phone.goto("/patients/")

    table = phone.locator("#patient-table")
    expect(table).to_be_visible()
    expect(phone.locator("#patient-list")).to_be_hidden()
    rows = table.locator("tbody tr")
    # The default order: the patient with an alert first, then by name.
    expect(rows.locator("th")).to_have_text(["Carol", "Alice", "bob"])
    expect(rows.first.locator(".alert")).to_contain_text("Pain rated 9/10.")
    # Alice's 14 seeded days have data but one (day 9: no rating, no session).
    expect(rows.nth(1).locator(".data-days")).to_have_text("13 of 30")
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
    phone.screenshot(path=SHOTS / "dashboard-table-1280.png")

    table.get_by_role("link", name="Latest pain").click()
    expect(phone.locator("#patient-table thead th[aria-sort=ascending]")).to_have_text(
        re.compile("Latest pain")
    )
    # Alice's latest rating is lower than Carol's 9; bob never rated: last.
    expect(rows.locator("th")).to_have_text(["Alice", "Carol", "bob"])
    table.get_by_role("link", name=re.compile("Latest pain")).click()
    expect(rows.locator("th")).to_have_text(["Carol", "Alice", "bob"])

    phone.set_viewport_size(PHONE)
    expect(table).to_be_hidden()
    expect(phone.locator("#patient-list > li")).to_have_count(3)
    phone.screenshot(path=SHOTS / "dashboard-cards-360.png", full_page=True)
