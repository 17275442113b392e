"""The therapist's pages and the patient's accept page through Django's test client:
who may see what, bad input, other people's patients, plans and alerts."""

import json
import re
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from exercises.models import Plan
from tests.conftest import client_for, make_user
from tests.tracker.test_care_plans import STRETCH, assigned_plan
from tracker.care import services
from tracker.models import AlertAcknowledgement, CareInvite, CareLink, PainEntry, Role
from tracker.web.invites import group_code
from tracker.web.therapist import pain_trend, relative_time

pytestmark = pytest.mark.django_db


def link(therapist, patient, **fields) -> CareLink:
    return CareLink.objects.create(
        therapist=therapist, patient=patient, created_at=timezone.now(), **fields
    )


@pytest.fixture
def other_thera(db):
    return make_user("other", role=Role.THERAPIST, display_name="Other Therapist")


@pytest.fixture
def as_thera(client, thera):
    client.force_login(thera)
    return client


def high_pain(patient, rating: int = 9) -> PainEntry:
    return PainEntry.objects.create(
        user=patient, recorded_at=timezone.now() - timedelta(hours=1), rating=rating
    )


# Pure helpers


def test_relative_time_names_the_largest_unit_only():
    now = timezone.now()
    assert relative_time(now - timedelta(days=3, hours=5), now) == "3\xa0days ago"
    assert relative_time(now - timedelta(seconds=20), now) == "just now"


@pytest.mark.parametrize(
    ("change", "word"),
    [
        (None, ""),
        (2.0, "rising"),
        (1.9, "steady"),
        (0, "steady"),
        (-1.9, "steady"),
        (-2, "falling"),
    ],
)
def test_pain_trend_calls_less_than_two_points_steady(change, word):
    assert pain_trend(change).word == word


def test_the_code_is_shown_in_groups_of_five():
    assert group_code("ABCDEFGHJK") == "ABCDE-FGHJK"


# Who may see the pages


@pytest.mark.parametrize("path", ["/patients/", "/patients/invite/", "/care/accept/"])
def test_anonymous_visitors_are_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/login/?next={path}")


@pytest.mark.parametrize("path", ["/patients/", "/patients/invite/"])
def test_a_patient_is_sent_to_today(client, alice, thera, path):
    link(thera, alice)
    client.force_login(alice)
    assert client.get(path)["Location"] == "/today/"


def test_a_patient_visiting_a_patient_page_is_sent_to_today(client, alice, thera):
    link(thera, alice)
    client.force_login(alice)
    assert client.get(f"/patients/{alice.pk}/")["Location"] == "/today/"


def test_a_therapist_is_sent_from_the_accept_page_to_their_patients(as_thera):
    assert as_thera.get("/care/accept/")["Location"] == "/patients/"


# The patient list


def test_the_list_shows_only_actively_linked_patients(as_thera, thera, alice, bob, other_thera):
    link(thera, alice)
    link(thera, bob, ended_at=timezone.now())
    link(other_thera, bob)
    html = as_thera.get("/patients/").content.decode()
    assert re.findall(r'data-patient="(\d+)"', html) == [str(alice.pk)]


def test_with_no_patients_the_list_explains_how_to_invite_one(as_thera):
    html = as_thera.get("/patients/").content.decode()
    assert 'id="no-patients"' in html
    assert 'href="/patients/invite/"' in html


def test_patients_with_open_alerts_come_first(as_thera, thera, alice, bob, library):
    # By name alice ("Alice") comes before bob ("bob"); bob's alert moves him up.
    link(thera, alice)
    link(thera, bob)
    high_pain(bob)
    html = as_thera.get("/patients/").content.decode()
    assert re.findall(r'data-patient="(\d+)"', html) == [str(bob.pk), str(alice.pk)]
    assert "Pain rated 9/10." in html


def table_order(html: str) -> list[str]:
    return re.findall(r'data-patient-row="(\d+)"', html)


def test_the_table_sorts_by_a_column_either_way_with_missing_values_last(
    as_thera, thera, alice, bob, other_thera
):
    carol = make_user("carol", role=Role.PATIENT, display_name="Carol")
    for patient in (alice, bob, carol):
        link(thera, patient)
    high_pain(alice, rating=3)
    high_pain(carol, rating=9)  # bob never rated

    ascending = as_thera.get("/patients/?sort=pain&order=asc")
    descending = as_thera.get("/patients/?sort=pain&order=desc")

    assert ascending.status_code == descending.status_code == 200
    assert table_order(ascending.content.decode()) == [str(alice.pk), str(carol.pk), str(bob.pk)]
    assert table_order(descending.content.decode()) == [str(carol.pk), str(alice.pk), str(bob.pk)]
    # The sorted column says so, and its link now reverses the order.
    html = ascending.content.decode()
    assert 'aria-sort="ascending"><a href="?sort=pain&amp;order=desc"' in html


def test_the_table_sorts_by_name_shown_when_asked(as_thera, thera, alice, bob):
    link(thera, alice)
    link(thera, bob)
    high_pain(bob)  # would come first in the default order

    html = as_thera.get("/patients/?sort=name").content.decode()

    assert table_order(html) == [str(alice.pk), str(bob.pk)]


@pytest.mark.parametrize("query", ["sort=shoe_size", "sort=pain&order=sideways", "order=up"])
def test_an_unknown_sort_is_a_400(as_thera, thera, alice, query):
    link(thera, alice)

    response = as_thera.get(f"/patients/?{query}")

    assert response.status_code == 400
    assert "Unknown sort" in response.content.decode()


def test_each_row_shows_the_days_with_data_of_the_last_30(as_thera, thera, alice):
    link(thera, alice)
    high_pain(alice, rating=2)

    html = as_thera.get("/patients/").content.decode()

    assert re.search(r'<td class="data-days">1 of 30</td>', html)


def test_acknowledging_an_alert_stores_it_and_hides_it(as_thera, thera, alice):
    care_link = link(thera, alice)
    entry = high_pain(alice)

    response = as_thera.post(
        "/patients/",
        {"action": "acknowledge", "patient": alice.pk, "alert": f"pain_high:{entry.pk}"},
    )

    assert response.status_code == 302 and response["Location"] == "/patients/"
    ack = AlertAcknowledgement.objects.get()
    assert (ack.link, ack.kind, ack.occurrence) == (care_link, "pain_high", str(entry.pk))
    html = as_thera.get("/patients/").content.decode()
    assert "Pain rated 9/10." not in html
    assert "acknowledged" in html  # the notice


def test_acknowledging_twice_changes_nothing(as_thera, thera, alice):
    link(thera, alice)
    entry = high_pain(alice)
    body = {"action": "acknowledge", "patient": alice.pk, "alert": f"pain_high:{entry.pk}"}
    as_thera.post("/patients/", body)
    assert as_thera.post("/patients/", body).status_code == 302
    assert AlertAcknowledgement.objects.count() == 1


@pytest.mark.parametrize("alert", ["pain_high:999999", "nonsense:1", "pain_high:", "", "pain_high"])
def test_an_unknown_alert_is_a_404_and_stores_nothing(as_thera, thera, alice, alert):
    link(thera, alice)
    high_pain(alice)
    response = as_thera.post(
        "/patients/", {"action": "acknowledge", "patient": alice.pk, "alert": alert}
    )
    assert response.status_code == 404
    assert not AlertAcknowledgement.objects.exists()


@pytest.mark.parametrize("which", ["other", "ended", "unknown", "garbage"])
def test_acknowledging_for_a_patient_not_linked_is_a_404(
    as_thera, thera, alice, bob, other_thera, which
):
    other_link = link(other_thera, bob)
    entry = high_pain(bob)
    patient = {"other": bob.pk, "ended": bob.pk, "unknown": 999999, "garbage": "x"}[which]
    if which == "ended":
        link(thera, bob, ended_at=timezone.now())
    response = as_thera.post(
        "/patients/",
        {"action": "acknowledge", "patient": patient, "alert": f"pain_high:{entry.pk}"},
    )
    assert response.status_code == 404
    assert not AlertAcknowledgement.objects.exists()
    assert other_link.acknowledgements.count() == 0


def test_an_unknown_action_on_the_list_is_a_400(as_thera):
    assert as_thera.post("/patients/", {"action": "delete"}).status_code == 400


# Invites


def test_creating_an_invite_shows_the_code_the_link_and_the_expiry(as_thera, thera, settings):
    # The link is on the address the page was asked on, not SITE_URL.
    settings.SITE_URL = "https://elsewhere.example"
    response = as_thera.post("/patients/invite/", HTTP_HOST="localhost:8811")
    assert response.status_code == 200
    html = response.content.decode()
    code = re.search(r'id="invite-code">([A-Z0-9-]+)<', html).group(1)
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    raw = code.replace("-", "")
    assert f'href="http://localhost:8811/care/accept/?code={raw}"' in html
    invite = CareInvite.objects.get()
    assert invite.therapist == thera
    assert invite.code_hash == services.code_hash(raw)
    shown = re.search(r'id="invite-expiry" datetime="([^"]+)"', html).group(1)
    assert datetime.fromisoformat(shown) == invite.expires_at


def test_visiting_the_invite_page_creates_nothing(as_thera):
    assert as_thera.get("/patients/invite/").status_code == 200
    assert not CareInvite.objects.exists()


# One patient


def test_a_linked_patients_page_has_the_chart_data_with_the_noise_band(as_thera, thera, alice):
    link(thera, alice)
    high_pain(alice, 6)
    html = as_thera.get(f"/patients/{alice.pk}/", {"range": 7}).content.decode()
    assert 'data-noise-band="true"' in html
    assert 'id="patient-progress-data"' in html
    assert len(re.findall(r"<tr data-date=", html)) == 7
    assert f'href="/api/v1/care/patients/{alice.pk}/export/csv/"' in html
    assert f'href="/api/v1/care/patients/{alice.pk}/export/fhir/"' in html


def test_the_chart_data_is_the_care_apis_answer(as_thera, thera, thera_client, alice):
    link(thera, alice)
    high_pain(alice, 6)
    html = as_thera.get(f"/patients/{alice.pk}/", {"range": 30}).content.decode()
    data = re.search(
        r'<script id="patient-progress-data" type="application/json">(.*?)</script>', html
    ).group(1)
    api = thera_client.get(f"/api/v1/care/patients/{alice.pk}/progress/", {"days": 30})
    assert json.loads(data) == api.json()


@pytest.mark.parametrize("bad", ["14", "abc", ""])
def test_a_bad_range_is_a_400(as_thera, thera, alice, bad):
    link(thera, alice)
    response = as_thera.get(f"/patients/{alice.pk}/", {"range": bad})
    assert response.status_code == 400
    assert "Choose a range of 7, 30, 90 or 365 days." in response.content.decode()


@pytest.mark.parametrize("which", ["never", "ended", "others", "unknown", "therapist"])
def test_a_patient_not_actively_linked_is_a_404(as_thera, thera, alice, bob, other_thera, which):
    target = {"never": alice, "ended": alice, "others": bob, "unknown": None}.get(which)
    if which == "ended":
        link(thera, alice, ended_at=timezone.now())
    link(other_thera, bob)
    patient_id = {None: 999999}.get(target, getattr(target, "pk", other_thera.pk))
    if which == "therapist":
        patient_id = other_thera.pk
    assert as_thera.get(f"/patients/{patient_id}/").status_code == 404
    body = {"action": "assign-plan", "name": "Hips", "items-0-exercise": STRETCH}
    assert as_thera.post(f"/patients/{patient_id}/", body).status_code == 404
    assert not Plan.objects.exists()


def test_assigning_a_plan_stores_it_with_doses_and_progression(as_thera, thera, alice, library):
    link(thera, alice)
    response = as_thera.post(
        f"/patients/{alice.pk}/",
        {
            "action": "assign-plan",
            "name": "Hip flexors",
            "notes": "Slowly.",
            "items-0-exercise": STRETCH,
            "items-0-hold_seconds": "30",
            "items-0-sets": "2",
            "items-0-times_per_day": "2",
            "items-0-days_of_week": ["5", "1"],
            "items-0-progression-step_seconds": "5",
            "items-0-progression-every_days": "7",
            "items-0-progression-max_seconds": "60",
            "items-1-exercise": "",
            "items-1-times_per_day": "1",
            "items-2-exercise": "low-lunge-forward",
            "items-2-reps": "8",
            "items-2-times_per_day": "1",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert (plan.user, plan.assigned_by, plan.name, plan.notes) == (
        alice,
        thera,
        "Hip flexors",
        "Slowly.",
    )
    first, second = plan.items.order_by("order")
    assert (first.exercise.slug, first.hold_seconds, first.sets, first.reps) == (
        STRETCH,
        30,
        2,
        None,
    )
    assert (first.times_per_day, first.days_of_week) == (2, [1, 5])
    assert first.progression["step_seconds"] == 5 and first.progression["max_seconds"] == 60
    assert (second.exercise.slug, second.reps, second.days_of_week) == ("low-lunge-forward", 8, [])
    html = as_thera.get(f"/patients/{alice.pk}/").content.decode()
    assert "Hip flexors" in html and "Plan assigned" in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "This field may not be blank."),
        ({"items-0-exercise": ""}, "Choose at least one exercise."),
        ({"items-0-exercise": "clinician-supine-psoas-release"}, "No self-care exercise"),
        ({"items-0-exercise": "no-such-thing"}, "No self-care exercise"),
        ({"items-0-hold_seconds": "0"}, "Hold: "),
        ({"items-0-hold_seconds": "ten"}, "Hold: "),
        ({"items-0-times_per_day": "25"}, "Times a day: "),
        ({"items-0-days_of_week": "8"}, "Days: "),
        ({"items-0-progression-step_seconds": "5"}, "Progression: "),
        (
            {
                "items-0-hold_seconds": "",
                "items-0-progression-step_seconds": "5",
                "items-0-progression-every_days": "7",
                "items-0-progression-max_seconds": "60",
            },
            "A progression needs a starting hold_seconds.",
        ),
    ],
)
def test_bad_plan_input_is_a_400_with_the_message_and_stores_nothing(
    as_thera, thera, alice, library, fields, message
):
    link(thera, alice)
    body = {
        "action": "assign-plan",
        "name": "Hips",
        "items-0-exercise": STRETCH,
        "items-0-hold_seconds": "30",
        "items-0-times_per_day": "1",
        **fields,
    }
    response = as_thera.post(f"/patients/{alice.pk}/", body)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Plan.objects.exists()


def test_deleting_an_assigned_plan(as_thera, thera, alice, library):
    link(thera, alice)
    plan = assigned_plan(thera, alice)
    response = as_thera.post(f"/patients/{alice.pk}/", {"action": "delete-plan", "plan": plan.pk})
    assert response.status_code == 302
    # Out of every list, kept as history: the days before keep what it planned.
    assert not Plan.objects.filter(ended_on__isnull=True).exists()
    assert (
        "Hips"
        not in as_thera.get(f"/patients/{alice.pk}/").content.decode().split("plans-heading")[1]
    )


@pytest.mark.parametrize("which", ["own", "others", "unknown", "garbage"])
def test_deleting_a_plan_the_therapist_did_not_assign_is_a_404(
    as_thera, thera, alice, other_thera, library, which
):
    link(thera, alice)
    link(other_thera, alice)
    own = assigned_plan(None, alice, "Alice's own")
    others = assigned_plan(other_thera, alice, "Other's")
    plan_id = {"own": own.pk, "others": others.pk, "unknown": 999999, "garbage": "x"}[which]
    response = as_thera.post(f"/patients/{alice.pk}/", {"action": "delete-plan", "plan": plan_id})
    assert response.status_code == 404
    assert Plan.objects.count() == 2


def test_the_page_lists_only_the_plans_this_therapist_assigned(
    as_thera, thera, alice, other_thera, library
):
    link(thera, alice)
    link(other_thera, alice)
    assigned_plan(thera, alice, "Mine")
    assigned_plan(other_thera, alice, "Theirs")
    assigned_plan(None, alice, "Alice's own")
    html = as_thera.get(f"/patients/{alice.pk}/").content.decode()
    assert "Mine" in html and "Theirs" not in html and "Alice&#x27;s own" not in html


# Accepting an invite


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client


def invite(thera) -> str:
    _, code = services.invite_create(therapist=thera, now=timezone.now())
    return code


def test_the_code_from_the_link_is_filled_in_and_consent_is_unticked(as_alice):
    html = as_alice.get("/care/accept/", {"code": "ABCDE"}).content.decode()
    assert 'value="ABCDE"' in html
    assert re.search(
        r'<input type="checkbox" name="reminders_consent" id="reminders-consent">', html
    )


@pytest.mark.parametrize("consent", [True, False])
def test_accepting_links_the_patient_and_goes_to_today(as_alice, thera, alice, consent):
    cache.clear()
    code = invite(thera)
    body = {"code": group_code(code).lower()}
    if consent:
        body["reminders_consent"] = "on"
    response = as_alice.post("/care/accept/", body)
    assert response.status_code == 302 and response["Location"] == "/today/"
    care_link = CareLink.objects.get()
    assert (care_link.therapist, care_link.patient) == (thera, alice)
    assert care_link.reminders_consent is consent
    html = as_alice.get("/today/").content.decode()
    assert "You are now linked with Thera Pist" in html


@pytest.mark.parametrize("kind", ["unknown", "expired", "used"])
def test_a_bad_code_gets_one_message_and_links_nothing(as_alice, thera, bob, kind):
    cache.clear()
    code = invite(thera)
    if kind == "unknown":
        code = "ABCDEFGHJK"
    elif kind == "expired":
        CareInvite.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    else:
        services.invite_accept(patient=bob, code=code, reminders_consent=False, now=timezone.now())
    before = CareLink.objects.count()
    response = as_alice.post("/care/accept/", {"code": code})
    assert response.status_code == 400
    assert "This code is not valid. Ask your therapist for a new one." in response.content.decode()
    assert CareLink.objects.count() == before
    assert not CareLink.objects.filter(patient__username="alice").exists()


@pytest.mark.parametrize("code", ["", "x" * 65])
def test_a_blank_or_overlong_code_is_a_400(as_alice, code):
    cache.clear()
    assert as_alice.post("/care/accept/", {"code": code}).status_code == 400
    assert not CareLink.objects.exists()


def test_accepting_is_throttled_per_account_like_the_api(as_alice, alice, thera, settings):
    settings.THROTTLE_CARE_ACCEPT_USER = "2/hour"
    cache.clear()
    for _ in range(2):
        assert as_alice.post("/care/accept/", {"code": "WRONGCODE2"}).status_code == 400
    code = invite(thera)
    response = as_alice.post("/care/accept/", {"code": code})
    assert response.status_code == 429
    assert not CareLink.objects.exists()
    # The API shares the count: it refuses too.
    api = client_for(alice).post("/api/v1/care/accept/", {"code": code}, format="json")
    assert api.status_code == 429


def test_a_refused_plan_keeps_the_typed_dose_in_the_form(as_thera, thera, alice, library):
    link(thera, alice)
    body = {
        "action": "assign-plan",
        "name": "",
        "items-0-exercise": STRETCH,
        "items-0-hold_seconds": "45",
        "items-0-sets": "3",
        "items-0-times_per_day": "2",
        "items-0-side": "right",
    }

    html = as_thera.post(f"/patients/{alice.pk}/", body).content.decode()

    assert (
        'name="items-0-hold_seconds" type="number" inputmode="numeric" min="1" '
        'max="3600" value="45"' in html
    )
    assert (
        'name="items-0-sets" type="number" inputmode="numeric" min="1" max="20" value="3"' in html
    )
    assert (
        'name="items-0-times_per_day" type="number" inputmode="numeric" min="1" max="24" value="2"'
        in html
    )
    assert '<option value="right" selected>' in html
    assert (
        'name="items-1-times_per_day" type="number" inputmode="numeric" min="1" max="24" value="1"'
        in html
    )
