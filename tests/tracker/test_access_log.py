"""What the patient sees of the access audit (page, API, export), and that nobody can change
or delete a record: not the API, not the admin, not the app's own code; only the retention
prune, after AUDIT_RETENTION_DAYS. Records outlive the link and the therapist's account."""

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from tests.conftest import make_user
from tests.reminders.conftest import broker, celery_worker  # noqa: F401 (fixtures)
from tests.reminders.helpers import wait_until
from tests.tracker.test_care_links import link_between
from tests.tracker.test_settings_validation import load_settings
from tracker import services
from tracker.audit import access_records_prune
from tracker.celery import app
from tracker.models import AccessRecord, AccessRecordImmutable, CareLink, Role, User
from tracker.tasks import prune_access_records_task

ACCESS_LOG = "/api/v1/me/access-log/"
NOW = datetime(2026, 12, 7, 3, 47, tzinfo=UTC)


def record(patient: User, actor: User | None, *, at: datetime, what: str = "progress"):
    return AccessRecord.objects.create(
        patient=patient,
        actor=actor,
        actor_name=(actor.display_name or actor.username) if actor else "Gone",
        actor_username=actor.username if actor else "gone",
        at=at,
        kind="read",
        what=what,
        via="api",
        method="GET",
        path="/api/v1/care/patients/1/progress/",
        status=200,
        address="203.0.113.7",
    )


@pytest.fixture
def seen(thera, alice, thera_client) -> CareLink:
    """Thera reads alice's goals, then her progress, through the API."""
    link = link_between(thera, alice)
    assert thera_client.get(f"/api/v1/care/patients/{alice.pk}/goals/").status_code == 200
    assert thera_client.get(f"/api/v1/care/patients/{alice.pk}/progress/").status_code == 200
    return link


# The patient sees them


def test_the_patient_lists_who_saw_her_data_newest_first(seen, alice_client, thera):
    response = alice_client.get(ACCESS_LOG)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first, second = body["results"]
    assert first["what"] == "progress" and second["what"] == "goals"
    assert first["at"] >= second["at"]
    assert first["description"] == "Thera Pist saw your progress"
    assert (first["actor"], first["actor_name"], first["kind"], first["via"]) == (
        thera.pk,
        "Thera Pist",
        "read",
        "api",
    )
    assert (first["status"], first["address"], first["method"]) == (200, "127.0.0.1", "GET")


def test_the_list_is_paginated_with_limit_and_offset(seen, alice_client):
    body = alice_client.get(ACCESS_LOG, {"limit": 1, "offset": 1}).json()

    assert body["count"] == 2
    assert [row["what"] for row in body["results"]] == ["goals"]


def test_another_patient_never_sees_them(seen, bob_client, thera_client):
    assert bob_client.get(ACCESS_LOG).json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }
    # A therapist's own list is of access to their data: empty too.
    assert thera_client.get(ACCESS_LOG).json()["count"] == 0


def test_no_login_is_a_401(anon_client):
    assert anon_client.get(ACCESS_LOG).status_code == 401


@pytest.mark.parametrize("method", ["put", "patch", "delete", "post"])
def test_no_api_method_changes_or_deletes_a_record(seen, alice_client, thera_client, method):
    target = AccessRecord.objects.first()
    before = list(AccessRecord.objects.values())

    for client in (alice_client, thera_client):
        for path in (ACCESS_LOG, f"{ACCESS_LOG}{target.pk}/"):
            response = getattr(client, method)(path, {"status": 1}, format="json")
            assert response.status_code in (404, 405), path
        assert getattr(client, method)(ACCESS_LOG, {}).status_code == 405

    assert list(AccessRecord.objects.values()) == before


def test_the_page_shows_who_saw_what_from_where(seen, alice):
    page = Client()
    page.force_login(alice)

    html = page.get("/account/access/").content.decode()

    assert "Who saw my data" in html
    assert html.index("saw your progress") < html.index("saw your goals")  # newest first
    assert "<strong>Thera Pist</strong>" in html
    assert "from 127.0.0.1" in html


def test_the_page_is_reached_from_account(alice):
    page = Client()
    page.force_login(alice)

    assert 'href="/account/access/"' in page.get("/account/").content.decode()


def test_the_page_shows_only_ones_own_records(seen, bob):
    page = Client()
    page.force_login(bob)

    html = page.get("/account/access/").content.decode()

    assert "Thera Pist" not in html
    assert 'id="access-empty"' in html


def test_the_page_is_paginated_fifty_a_page(alice, thera):
    for minutes in range(55):
        record(alice, thera, at=NOW - timedelta(minutes=minutes))
    page = Client()
    page.force_login(alice)

    first = page.get("/account/access/").content.decode()
    second = page.get("/account/access/?page=2").content.decode()
    beyond = page.get("/account/access/?page=99")

    assert first.count('class="access-entry"') == 50
    assert second.count('class="access-entry"') == 5
    assert 'rel="next"' in first and 'rel="prev"' in second
    assert beyond.status_code == 200  # the last page, not an error


def test_a_refused_attempt_is_marked_as_such(alice, thera):
    AccessRecord.objects.create(
        patient=alice, actor=thera, actor_name="Thera Pist", actor_username="thera",
        at=NOW, kind="change", what="plans", via="page", method="POST",
        path=f"/patients/{alice.pk}/", status=400, address=None,
    )  # fmt: skip
    page = Client()
    page.force_login(alice)

    html = page.get("/account/access/").content.decode()

    assert "changed your plans" in html and ">refused<" in html


# In the patient's export


def test_the_json_and_csv_exports_hold_the_records(seen, alice_client):
    exported = json.loads(alice_client.get("/api/v1/me/export/").content)["access_log"]
    assert [row["what"] for row in exported] == ["goals", "progress"]  # oldest first
    assert exported[0]["actor_name"] == "Thera Pist"
    assert exported[0]["address"] == "127.0.0.1"

    archive = zipfile.ZipFile(io.BytesIO(alice_client.get("/api/v1/me/export/csv/").content))
    lines = archive.read("access_log.csv").decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,at,actor,actor_name,kind,what")
    assert len(lines) == 1 + 2


# Append-only


def test_the_app_cannot_change_or_delete_a_record(seen):
    target = AccessRecord.objects.first()

    target.status = 500
    with pytest.raises(AccessRecordImmutable):
        target.save()
    with pytest.raises(AccessRecordImmutable):
        target.delete()
    with pytest.raises(AccessRecordImmutable):
        AccessRecord.objects.filter(pk=target.pk).update(status=500)
    with pytest.raises(AccessRecordImmutable):
        AccessRecord.objects.all().delete()
    with pytest.raises(AccessRecordImmutable):
        AccessRecord.objects.bulk_update([target], ["status"])

    assert AccessRecord.objects.get(pk=target.pk).status == 200
    assert AccessRecord.objects.count() == 2


@pytest.fixture
def as_admin():
    admin = make_user("staffer", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    return client


def test_the_admin_reads_but_cannot_add_change_or_delete(seen, as_admin):
    target = AccessRecord.objects.first()
    base = "/admin/tracker/accessrecord/"
    before = list(AccessRecord.objects.values())

    listing = as_admin.get(base)
    detail = as_admin.get(f"{base}{target.pk}/change/")
    change = as_admin.post(f"{base}{target.pk}/change/", {"status": "500", "actor_name": "X"})
    delete = as_admin.post(f"{base}{target.pk}/delete/", {"post": "yes"})
    add = as_admin.get(f"{base}add/")
    bulk = as_admin.post(
        base, {"action": "delete_selected", "_selected_action": [target.pk], "post": "yes"}
    )

    assert listing.status_code == 200 and "Thera Pist" in listing.content.decode()
    assert detail.status_code == 200  # a read-only view
    assert change.status_code == 403
    assert delete.status_code == 403
    assert add.status_code == 403
    assert bulk.status_code in (200, 302, 403)
    assert list(AccessRecord.objects.values()) == before


# Kept after the link and the therapist


def test_records_survive_the_links_end(seen, thera, alice_client):
    services.link_end(link=seen, by=thera, now=timezone.now())

    assert alice_client.get(ACCESS_LOG).json()["count"] == 2


def test_records_survive_the_therapists_account_deletion_with_their_name(seen, thera, alice_client):
    services.account_delete(user=thera)

    rows = alice_client.get(ACCESS_LOG).json()["results"]
    assert [row["actor_name"] for row in rows] == ["Thera Pist", "Thera Pist"]


def test_records_survive_the_therapists_row_being_deleted(seen, thera, alice_client):
    # The admin could delete the row itself: the actor is then null, the name stays.
    User.objects.filter(pk=thera.pk).delete()

    rows = alice_client.get(ACCESS_LOG).json()["results"]
    assert [(row["actor"], row["actor_name"]) for row in rows] == [(None, "Thera Pist")] * 2


def test_the_patients_own_deletion_takes_her_records(seen, alice):
    services.account_delete(user=alice)

    assert not AccessRecord.objects.exists()


# Retention


def test_the_prune_deletes_only_records_past_the_retention(alice, thera):
    old = [record(alice, thera, at=NOW - timedelta(days=days)) for days in (2191, 3000)]
    kept = [record(alice, thera, at=NOW - timedelta(days=days)) for days in (2189, 1, 0)]

    deleted = access_records_prune(now=NOW, days=2190, batch_size=1)

    assert deleted == len(old)
    assert set(AccessRecord.objects.values_list("pk", flat=True)) == {r.pk for r in kept}


def test_the_prune_reads_the_setting(alice, thera, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    record(alice, thera, at=NOW - timedelta(days=31))
    kept = record(alice, thera, at=NOW - timedelta(days=29))

    assert access_records_prune(now=NOW) == 1
    assert list(AccessRecord.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_default_retention_is_six_years(settings):
    assert settings.AUDIT_RETENTION_DAYS == 6 * 365


@pytest.mark.parametrize("value", ["29", "0", "-1", "six years"])
def test_a_bad_retention_stops_start_up(monkeypatch, value):
    with pytest.raises(ImproperlyConfigured, match="AUDIT_RETENTION_DAYS"):
        load_settings(monkeypatch, AUDIT_RETENTION_DAYS=value)


def test_a_retention_of_30_days_or_more_is_accepted(monkeypatch):
    assert load_settings(monkeypatch, AUDIT_RETENTION_DAYS="30")["AUDIT_RETENTION_DAYS"] == 30


def test_beat_prunes_once_a_night():
    entry = app.conf.beat_schedule["prune-old-access-records"]

    assert entry["task"] == prune_access_records_task.name
    assert entry["schedule"] == crontab(hour=3, minute=47)


def test_the_task_prunes_old_records_on_a_real_worker(celery_worker):  # noqa: F811
    patient = make_user("kept-patient", role=Role.PATIENT)
    therapist = make_user("kept-therapist", role=Role.THERAPIST)
    now = timezone.now()
    record(patient, therapist, at=now - timedelta(days=3000))
    recent = record(patient, therapist, at=now - timedelta(days=1))

    prune_access_records_task.delay()

    wait_until(lambda: AccessRecord.objects.count() == 1, what="the old record pruned")
    assert list(AccessRecord.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_schema_documents_the_list_as_read_only_and_paginated():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = schema["paths"]["/api/v1/me/access-log/"]

    assert set(operations) == {"get"}
    parameters = {parameter["name"] for parameter in operations["get"]["parameters"]}
    assert {"limit", "offset"} <= parameters
    page = schema["components"]["schemas"]["PaginatedAccessRecordList"]
    assert "description" in schema["components"]["schemas"]["AccessRecord"]["properties"]
    assert {"count", "results"} <= set(page["properties"])


def test_a_download_reads_downloaded(alice, thera):
    export = record(alice, thera, at=NOW, what="export_fhir")

    assert export.action_text == "downloaded your data as a FHIR file"
    assert record(alice, thera, at=NOW).action_text == "saw your progress"


def test_postgresql_itself_refuses_an_update_sent_past_the_app(postgres, seen):
    target = AccessRecord.objects.first()

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE tracker_accessrecord SET status = 500 WHERE id = %s", [target.pk])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        # Nulling the actor is allowed only on its own (Django's SET_NULL).
        cursor.execute(
            "UPDATE tracker_accessrecord SET actor_id = NULL, actor_name = 'X' WHERE id = %s",
            [target.pk],
        )

    assert AccessRecord.objects.get(pk=target.pk).status == 200
