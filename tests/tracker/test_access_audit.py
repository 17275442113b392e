"""The access audit: every therapist request that reaches a patient's data leaves exactly one
record per patient, through the API and the pages alike; refusals before access leave none.

Decided: a request refused before the patient was reached (someone else's
patient: 404; no login: 401) records nothing; one refused after it (bad input:
400) is recorded as an attempt, with its status.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from exercises.models import Plan
from tests.conftest import client_for, make_user
from tests.tracker.test_care_links import link_between
from tests.tracker.test_care_plans import STRETCH, assigned_plan
from tracker.audit import ROUTES
from tracker.models import AccessRecord, CareLink, CareMessage, PainEntry, Role, User


@dataclass
class Scene:
    thera: User
    alice: User
    link: CareLink
    plan: Plan
    pain: PainEntry

    @property
    def care(self) -> str:
        return f"/api/v1/care/patients/{self.alice.pk}/"


@pytest.fixture
def scene(library, thera, alice, thera_client) -> Scene:
    link = link_between(thera, alice, consent=True)
    plan = assigned_plan(thera, alice)
    pain = PainEntry.objects.create(
        user=alice, rating=9, recorded_at=timezone.now() - timedelta(hours=1)
    )
    CareMessage.objects.create(link=link, sender=alice, body="Hello", sent_at=timezone.now())
    # So that reading the reminder finds one (this PUT is recorded too; counts are deltas).
    reminder = thera_client.put(f"{scene_care(alice)}reminder/", {"interval_minutes": 30})
    assert reminder.status_code == 201
    return Scene(thera=thera, alice=alice, link=link, plan=plan, pain=pain)


def scene_care(patient: User) -> str:
    return f"/api/v1/care/patients/{patient.pk}/"


NEW_PLAN = {"name": "New", "items": [{"exercise": STRETCH, "hold_seconds": 30}]}
PAGE_PLAN = {
    "action": "assign-plan",
    "name": "Hips",
    "items-0-exercise": STRETCH,
    "items-0-hold_seconds": "30",
    "items-0-times_per_day": "1",
}

# Writes that change only the therapist's own things: recorded as reads.
READING_ROUTES = {"care-templates"}

# (url name, via, method, path, body, expected status, what, kind)
API_CASES = [
    ("care-dashboard", "GET", lambda s: "/api/v1/care/patients/", None, 200, "dashboard"),
    ("care-patient-detail", "GET", lambda s: s.care, None, 200, "profile"),
    ("care-patient-progress", "GET", lambda s: f"{s.care}progress/", None, 200, "progress"),
    (
        "care-patient-alert-acknowledge",
        "POST",
        lambda s: f"{s.care}alerts/pain_high:{s.pain.pk}/acknowledge/",
        None,
        204,
        "alerts",
    ),
    ("care-patient-plans", "GET", lambda s: f"{s.care}plans/", None, 200, "plans"),
    ("care-patient-plans", "POST", lambda s: f"{s.care}plans/", NEW_PLAN, 201, "plans"),
    (
        "care-patient-plan-detail",
        "PATCH",
        lambda s: f"{s.care}plans/{s.plan.pk}/",
        {"is_paused": True},
        200,
        "plans",
    ),
    (
        "care-patient-plan-detail",
        "DELETE",
        lambda s: f"{s.care}plans/{s.plan.pk}/",
        None,
        204,
        "plans",
    ),
    (
        "care-patient-plan-history",
        "GET",
        lambda s: f"{s.care}plans/{s.plan.pk}/history/",
        None,
        200,
        "plans",
    ),
    ("care-patient-goals", "GET", lambda s: f"{s.care}goals/", None, 200, "goals"),
    (
        "care-patient-goals",
        "POST",
        lambda s: f"{s.care}goals/",
        {"activity": "Stairs"},
        201,
        "goals",
    ),
    ("care-patient-reminder", "GET", lambda s: f"{s.care}reminder/", None, 200, "reminder"),
    (
        "care-patient-reminder",
        "PUT",
        lambda s: f"{s.care}reminder/",
        {"interval_minutes": 45},
        200,
        "reminder",
    ),
    ("care-patient-export-csv", "GET", lambda s: f"{s.care}export/csv/", None, 200, "export_csv"),
    (
        "care-patient-export-fhir",
        "GET",
        lambda s: f"{s.care}export/fhir/",
        None,
        200,
        "export_fhir",
    ),
    (
        "care-patient-programme-pdf",
        "GET",
        lambda s: f"{s.care}programme.pdf",
        None,
        200,
        "programme_pdf",
    ),
    (
        "care-link-messages",
        "GET",
        lambda s: f"/api/v1/care/links/{s.link.pk}/messages/",
        None,
        200,
        "messages",
    ),
    (
        "care-link-messages",
        "POST",
        lambda s: f"/api/v1/care/links/{s.link.pk}/messages/",
        {"body": "How is it going?"},
        201,
        "messages",
    ),
    (
        "care-link-messages-read",
        "POST",
        lambda s: f"/api/v1/care/links/{s.link.pk}/messages/read/",
        None,
        200,
        "messages",
    ),
    ("care-link-detail", "DELETE", lambda s: f"/api/v1/care/links/{s.link.pk}/", None, 204, "link"),
    (
        "care-templates",
        "POST",
        lambda s: "/api/v1/care/templates/",
        lambda s: {"name": "From Alice's plan", "plan": s.plan.pk},
        201,
        "plans",
    ),
]

PAGE_CASES = [
    ("patients", "GET", lambda s: "/patients/", None, 200, "dashboard"),
    (
        "patients",
        "POST",
        lambda s: "/patients/",
        lambda s: {
            "action": "acknowledge",
            "patient": s.alice.pk,
            "alert": f"pain_high:{s.pain.pk}",
        },
        302,
        "alerts",
    ),
    ("patient", "GET", lambda s: f"/patients/{s.alice.pk}/", None, 200, "patient_page"),
    ("patient", "POST", lambda s: f"/patients/{s.alice.pk}/", PAGE_PLAN, 302, "plans"),
    (
        "patient-message-post",
        "POST",
        lambda s: f"/patients/{s.alice.pk}/messages/post/",
        {"body": "Keep going"},
        302,
        "messages",
    ),
    (
        "patient-programme",
        "GET",
        lambda s: f"/patients/{s.alice.pk}/programme/",
        None,
        200,
        "programme",
    ),
]


def _case_id(case) -> str:
    return f"{case[0]}-{case[1]}"


def _send(client, method: str, path: str, body, *, api: bool):
    call = getattr(client, method.lower())
    if body is None:
        return call(path)
    return call(path, body, format="json") if api else call(path, body)


@pytest.mark.parametrize(
    ("via", "case"),
    [("api", case) for case in API_CASES] + [("page", case) for case in PAGE_CASES],
    ids=[f"api-{_case_id(c)}" for c in API_CASES] + [f"page-{_case_id(c)}" for c in PAGE_CASES],
)
def test_each_care_endpoint_and_page_records_one_access_per_request(
    scene, thera, alice, thera_client, via, case
):
    url_name, method, path, body, status, what = case
    if via == "api":
        client = thera_client
    else:
        client = Client()
        client.force_login(thera)
    body = body(scene) if callable(body) else body
    before = set(AccessRecord.objects.values_list("pk", flat=True))

    response = _send(client, method, path(scene), body, api=via == "api")

    assert response.status_code == status, response.content[:300]
    (record,) = AccessRecord.objects.exclude(pk__in=before)
    assert (record.patient, record.actor, record.actor_name, record.actor_username) == (
        alice,
        thera,
        "Thera Pist",
        "thera",
    )
    assert (record.what, record.via, record.method, record.status) == (what, via, method, status)
    assert record.kind == ("read" if method == "GET" or url_name in READING_ROUTES else "change")
    assert record.path == path(scene)
    assert record.address == "127.0.0.1"
    assert timezone.now() - record.at < timedelta(minutes=1)
    assert ROUTES[url_name]  # the route is in the table the middleware reads


def test_the_matrix_covers_every_route_in_the_table():
    assert {case[0] for case in API_CASES + PAGE_CASES} == set(ROUTES)


def _all_patterns(resolver: URLResolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _all_patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.name


def test_every_route_that_names_a_patient_or_a_care_link_is_audited():
    # A route added under a patient's id or a link's id must be added to ROUTES
    # (and to the matrix above) or this fails: nothing reaches a patient unrecorded.
    for route, name in _all_patterns(get_resolver()):
        if "<int:patient_id>" in route or route.startswith("api/v1/care/links/<int:id>"):
            assert name in ROUTES, route


def test_the_address_comes_through_the_trusted_proxies(scene, settings, thera_client):
    settings.TRUSTED_PROXY_COUNT = 1
    before = set(AccessRecord.objects.values_list("pk", flat=True))

    thera_client.get(f"{scene.care}goals/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")

    (record,) = AccessRecord.objects.exclude(pk__in=before)
    assert record.address == "203.0.113.9"


# Failing requests


def test_another_therapists_patient_is_a_404_and_records_nothing(scene, thera_client, bob):
    other = make_user("other", role=Role.THERAPIST)
    link_between(other, bob)
    before = AccessRecord.objects.count()

    assert thera_client.get(f"{scene_care(bob)}progress/").status_code == 404
    assert thera_client.get(f"{scene_care(bob)}export/csv/").status_code == 404
    page = Client()
    page.force_login(scene.thera)
    assert page.get(f"/patients/{bob.pk}/").status_code == 404

    assert AccessRecord.objects.count() == before


def test_an_ended_link_is_a_404_and_records_nothing(scene, thera_client):
    scene.link.ended_at = timezone.now()
    scene.link.save()
    before = AccessRecord.objects.count()

    assert thera_client.get(f"{scene.care}goals/").status_code == 404

    assert AccessRecord.objects.count() == before


def test_no_login_records_nothing(scene, anon_client):
    before = AccessRecord.objects.count()

    assert anon_client.get(f"{scene.care}progress/").status_code == 401

    assert AccessRecord.objects.count() == before


def test_bad_input_is_recorded_as_a_refused_attempt(scene, thera_client):
    before = set(AccessRecord.objects.values_list("pk", flat=True))

    response = thera_client.post(f"{scene.care}plans/", {"items": []}, format="json")

    assert response.status_code == 400
    (record,) = AccessRecord.objects.exclude(pk__in=before)
    assert (record.kind, record.what, record.status) == ("change", "plans", 400)
    assert Plan.objects.count() == 1  # nothing was stored


def test_a_patients_own_reads_are_not_recorded(scene, alice_client):
    before = AccessRecord.objects.count()

    assert alice_client.get(f"/api/v1/care/links/{scene.link.pk}/messages/").status_code == 200
    assert alice_client.get("/api/v1/progress/").status_code == 200

    assert AccessRecord.objects.count() == before


# The dashboard's cost: one INSERT per request, whatever the number of patients


def _patients(therapist: User, start: int, count: int) -> None:
    for n in range(start, start + count):
        patient = User.objects.create(username=f"p{n}", role=Role.PATIENT)
        CareLink.objects.create(therapist=therapist, patient=patient, created_at=timezone.now())


def _inserts(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "tracker_accessrecord"')]


@pytest.mark.parametrize("via", ["api", "page"])
def test_the_dashboard_writes_its_records_in_one_insert_for_2_and_for_12_patients(
    thera, thera_client, via
):
    if via == "api":
        client, path = thera_client, "/api/v1/care/patients/"
    else:
        client, path = Client(), "/patients/"
        client.force_login(thera)
    client.get(path)  # warm up: the session, content types

    _patients(thera, 0, 2)
    with CaptureQueriesContext(connection) as two:
        assert client.get(path).status_code == 200
    _patients(thera, 2, 10)
    with CaptureQueriesContext(connection) as twelve:
        assert client.get(path).status_code == 200

    assert len(_inserts(two.captured_queries)) == len(_inserts(twelve.captured_queries)) == 1
    assert len(two.captured_queries) == len(twelve.captured_queries)
    assert AccessRecord.objects.filter(what="dashboard").count() == 2 + 12
    assert set(AccessRecord.objects.values_list("actor", flat=True)) == {thera.pk}


def test_each_of_the_dashboards_records_names_its_patient_and_the_request(thera, thera_client):
    _patients(thera, 0, 3)
    patients = set(
        User.objects.filter(username__in=["p0", "p1", "p2"]).values_list("pk", flat=True)
    )

    assert thera_client.get("/api/v1/care/patients/").status_code == 200

    records = AccessRecord.objects.filter(what="dashboard")
    assert set(records.values_list("patient", flat=True)) == patients
    assert set(
        records.values_list(
            "actor", "actor_username", "kind", "via", "method", "path", "status", "address"
        )
    ) == {
        (thera.pk, thera.username, "read", "api", "GET", "/api/v1/care/patients/", 200, "127.0.0.1")
    }
    assert len({record.at for record in records}) == 1


def test_the_patient_page_records_one_access_although_it_reads_the_dashboards_row(scene, thera):
    # The page reads the patient's dashboard row for its glance: still one record.
    page = Client()
    page.force_login(thera)
    before = AccessRecord.objects.count()

    page.get(f"/patients/{scene.alice.pk}/")

    assert AccessRecord.objects.count() == before + 1


def test_a_failed_write_of_the_audit_answers_500_and_shows_no_data(
    scene, thera, monkeypatch, client_for_errors
):
    # No patient data goes out unrecorded: the answer is replaced by the error.
    def refuse(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(AccessRecord.objects, "record_each", refuse)
    client = client_for_errors(thera)

    response = client.get(f"{scene.care}progress/")

    assert response.status_code == 500
    assert b"days" not in response.content


@pytest.fixture
def client_for_errors():
    def make(user: User):
        client = client_for(user)
        client.raise_request_exception = False
        return client

    return make


def test_saving_a_patients_plan_as_a_template_on_the_page_is_recorded_as_a_read(scene, thera):
    client = Client()
    client.force_login(thera)
    before = set(AccessRecord.objects.values_list("pk", flat=True))

    response = client.post(
        f"/patients/{scene.alice.pk}/", {"action": "save-template", "plan": scene.plan.pk}
    )

    assert response.status_code == 302
    (record,) = AccessRecord.objects.exclude(pk__in=before)
    assert (record.patient, record.kind, record.what) == (scene.alice, "read", "plans")
