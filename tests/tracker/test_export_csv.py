"""The patient's export as CSV files in a zip (me/export/csv/); care links in the JSON export."""

import csv
import io
import zipfile
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.utils import timezone

from exercises.models import Audience, Exercise, ExerciseLog, Kind, Routine
from exercises.services import plan_create
from reminders.models import (
    Delivery,
    DeliveryKind,
    Drive,
    DriveSegment,
    PushSubscription,
    Schedule,
    ScheduleKind,
    SegmentKind,
)
from tests.conftest import client_for, make_user
from tests.tracker.test_care_links import link_between
from tracker import services as tracker_services
from tracker.care.exports import LOG_COLUMNS, PAIN_COLUMNS
from tracker.export import account_export
from tracker.export_csv import COLUMNS, account_csv_file, account_tables, csv_bytes, csv_cell
from tracker.models import Goal, GoalRating, PainEntry, PauseDay, Role, SafetyCheck

EXPORT_CSV = "/api/v1/me/export/csv/"
PUSH_ENDPOINT = "https://fcm.googleapis.com/fcm/send/secret-endpoint-token"
PUSH_P256DH = (
    "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
)
PUSH_AUTH = "tBHItJI5svbpez7KI4CCXg"


def read_zip(content: bytes) -> dict[str, list[list[str]]]:
    """Return each CSV file in the zip as its rows (the header first)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in archive.namelist()
            if name.endswith(".csv")  # a patient's programme.pdf is checked in test_programme_pdf
        }


def as_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


@pytest.fixture
def stretch(db) -> Exercise:
    return Exercise.objects.create(
        slug="kneeling-lunge",
        name="Kneeling lunge",
        kind=Kind.STRETCH,
        audience=Audience.SELF_CARE,
        summary="A hip flexor stretch.",
    )


@pytest.fixture
def everything(alice, bob, thera, stretch) -> None:
    """One record of every kind alice owns, and a few of bob's that must stay out."""
    routine = Routine.objects.create(
        slug="desk-break", name="Desk break", summary="Two minutes.", minutes_min=2, minutes_max=4
    )
    item = {
        "exercise": stretch,
        "hold_seconds": 30,
        "days_of_week": [1, 3, 5],
        "progression_step_seconds": 5,
        "progression_every_days": 7,
        "progression_max_seconds": 60,
        "progression_start": date(2026, 1, 5),
    }
    plan_create(user=alice, name="Hips", items=[item], assigned_by=thera)
    ExerciseLog.objects.create(
        user=alice, performed_at="2026-01-10T08:00Z", exercise=stretch, hold_seconds=30
    )
    ExerciseLog.objects.create(
        user=alice, performed_at="2026-01-10T12:00Z", routine=routine, duration_seconds=180
    )
    ExerciseLog.objects.create(user=bob, performed_at="2026-01-10T08:00Z", exercise=stretch)
    PainEntry.objects.create(
        user=alice, recorded_at="2026-01-10T09:00Z", rating=6, locations=["lower_back", "hip"]
    )
    PainEntry.objects.create(user=bob, recorded_at="2026-01-10T09:00Z", rating=9)
    PauseDay.objects.create(user=alice, date="2026-01-11", reason="travel")
    SafetyCheck.objects.create(
        user=alice, answered_at="2026-01-09T08:00Z", warning_signs=["numbness"]
    )
    goal = Goal.objects.create(patient=alice, activity="Sitting", created_at=timezone.now())
    GoalRating.objects.create(goal=goal, score=4, rated_at=timezone.now(), rated_by=alice)
    link_between(thera, alice, consent=True)
    schedule = Schedule.objects.create(
        user=alice, kind=ScheduleKind.TIMES, times=["07:30", "18:00"], routine=routine
    )
    drive = Drive.objects.create(user=alice, started_at="2026-01-12T06:00Z")
    DriveSegment.objects.create(drive=drive, kind=SegmentKind.DRIVING, start="2026-01-12T06:00Z")
    Delivery.objects.create(
        user=alice, schedule=schedule, kind=DeliveryKind.TIMES, due_at="2026-01-12T06:30Z"
    )
    PushSubscription.objects.create(
        user=alice, endpoint=PUSH_ENDPOINT, p256dh=PUSH_P256DH, auth=PUSH_AUTH, user_agent="Fx"
    )


def test_the_zip_holds_one_csv_per_kind_with_the_json_exports_records(
    alice, alice_client, everything
):
    response = alice_client.get(EXPORT_CSV)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    today = timezone.localdate(timezone=alice.tzinfo).isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="stretchstop-export-{today}.zip"'
    )
    files = read_zip(response.content)
    assert set(files) == set(COLUMNS)
    # Every header is exactly the declared columns: a key the JSON export has
    # and COLUMNS lacks would show up here as an extra column.
    assert {name: rows[0] for name, rows in files.items()} == {
        name: list(columns) for name, columns in COLUMNS.items()
    }
    export = account_export(user=alice)
    expected_counts = {
        "account.csv": 1,
        "plans.csv": len(export["plans"]),
        "plan_items.csv": 1,
        "logs.csv": 2,
        "pain_entries.csv": 1,
        "pause_days.csv": 1,
        "goals.csv": 1,
        "goal_ratings.csv": 1,
        "safety_checks.csv": 2,  # the fixture's onboarding check and this one
        "care_links.csv": 1,
        "messages.csv": 0,
        "reminders.csv": 1,
        "drives.csv": 1,
        "drive_segments.csv": 1,
        "deliveries.csv": 1,
        "push_subscriptions.csv": 1,
        "access_log.csv": 0,  # no therapist has seen alice's data here
    }
    assert {name: len(rows) - 1 for name, rows in files.items()} == expected_counts
    # Bob's rows are not among alice's.
    assert {row["id"] for row in as_dicts(files["logs.csv"])} == {
        log["id"] for log in export["logs"]
    }


def test_csv_cells_carry_the_same_values_as_the_json_export(alice, alice_client, everything):
    files = read_zip(alice_client.get(EXPORT_CSV).content)
    export = account_export(user=alice)

    pain = as_dicts(files["pain_entries.csv"])
    assert pain == [
        {
            "id": export["pain_entries"][0]["id"],
            "recorded_at": "2026-01-10T09:00:00+00:00",
            "rating": "6",
            "locations": "lower_back;hip",
            "context": "",
            "note": "",
        }
    ]
    item = as_dicts(files["plan_items.csv"])[0]
    plan = export["plans"][0]
    assert item["plan_id"] == str(plan["id"])
    assert item["days_of_week"] == "1;3;5"
    assert (item["progression_step_seconds"], item["progression_start"]) == ("5", "2026-01-05")
    logs = {row["id"]: row for row in as_dicts(files["logs.csv"])}
    for log in export["logs"]:
        assert logs[log["id"]] == {key: csv_cell(value) for key, value in log.items()}
    reminder = as_dicts(files["reminders.csv"])[0]
    assert (reminder["kind"], reminder["times"], reminder["routine"]) == (
        "times",
        "07:30;18:00",
        "desk-break",
    )
    assert as_dicts(files["drive_segments.csv"])[0]["drive_id"] == str(export["drives"][0]["id"])


def test_push_subscriptions_are_exported_without_their_secrets(alice, alice_client, everything):
    response = alice_client.get(EXPORT_CSV)
    files = read_zip(response.content)

    assert as_dicts(files["push_subscriptions.csv"])[0]["push_service"] == "fcm.googleapis.com"
    everything_exported = str(files) + alice_client.get("/api/v1/me/export/").content.decode()
    for secret in (PUSH_ENDPOINT, "secret-endpoint-token", PUSH_P256DH, PUSH_AUTH):
        assert secret not in everything_exported


@pytest.mark.parametrize(
    ("typed", "cell"),
    [
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        ("+41 79 000 00 00", "'+41 79 000 00 00"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        # Full-width and small forms, which spreadsheets read as = + - @.
        ('\uff1dHYPERLINK("https://evil.example")', '\'\uff1dHYPERLINK("https://evil.example")'),
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d1", "'\uff0d1"),
        ("\uff20SUM(A1)", "'\uff20SUM(A1)"),
        ("\ufe661+1", "'\ufe661+1"),
        ("Felt better = less pain", "Felt better = less pain"),
        ("", ""),
    ],
)
def test_free_text_that_a_spreadsheet_would_run_is_quoted(
    alice, alice_client, stretch, typed, cell
):
    ExerciseLog.objects.create(
        user=alice, performed_at="2026-01-10T08:00Z", exercise=stretch, note=typed
    )
    PainEntry.objects.create(user=alice, recorded_at="2026-01-10T09:00Z", rating=3, note=typed)
    alice.display_name = typed
    alice.save(update_fields=["display_name"])

    files = read_zip(alice_client.get(EXPORT_CSV).content)

    assert as_dicts(files["logs.csv"])[0]["note"] == cell
    assert as_dicts(files["pain_entries.csv"])[0]["note"] == cell
    assert as_dicts(files["account.csv"])[0]["display_name"] == cell
    # The JSON export keeps what was typed: only spreadsheets need the guard.
    assert account_export(user=alice)["logs"][0]["note"] == typed


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (["a", "b"], "a;b"),
        (["=a", "b"], "'=a;b"),
        ([], ""),
        ({"b": 1, "a": None}, '{"a": null, "b": 1}'),
        ("2026-01-10T09:00:00+00:00", "2026-01-10T09:00:00+00:00"),
    ],
)
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell


def test_a_kind_of_record_the_json_export_gains_becomes_a_file_at_once():
    export = {"account": {"username": "a"}, "novelties": [{"id": 1, "seen": ["x", "y"]}]}

    tables = account_tables(export)

    assert tables == {
        "account.csv": [{"username": "a"}],
        "novelties.csv": [{"id": 1, "seen": ["x", "y"]}],
    }


def test_a_column_the_declaration_lacks_is_appended_not_dropped():
    content = csv_bytes(("id",), [{"id": 1, "new": "x"}, {"id": 2}])

    assert content.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    assert list(csv.reader(io.StringIO(content.decode("utf-8-sig")))) == [
        ["id", "new"],
        ["1", "x"],
        ["2", ""],
    ]


def test_an_empty_account_gets_every_file_with_its_header(db):
    loner = make_user("loner", role=Role.PATIENT)

    files = read_zip(client_for(loner).get(EXPORT_CSV).content)

    assert {name: len(rows) for name, rows in files.items()} == {
        name: 2 if name == "account.csv" else 1 for name in COLUMNS
    }


def test_the_file_is_named_with_the_users_local_date(alice):
    # 23:30 UTC on 1 March is already 2 March in Berlin.
    export = account_csv_file(user=alice, now=datetime(2026, 3, 1, 23, 30, tzinfo=UTC))

    assert export.name == "stretchstop-export-2026-03-02.zip"
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        assert archive.getinfo("account.csv").date_time == (2026, 3, 2, 0, 30, 0)


def test_an_accept_header_asking_for_a_zip_gets_the_zip(alice_client):
    response = alice_client.get(EXPORT_CSV, HTTP_ACCEPT="application/zip")

    assert response.status_code == 200
    assert zipfile.is_zipfile(io.BytesIO(response.content))


def test_the_csv_export_needs_a_login_and_answers_it_in_json(anon_client):
    response = anon_client.get(EXPORT_CSV, HTTP_ACCEPT="application/zip")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


def test_a_therapist_exports_their_own_account_and_links(thera, alice, bob):
    link_between(thera, alice)
    ended = link_between(thera, bob)
    tracker_services.link_end(link=ended, by=bob, now=timezone.now())

    files = read_zip(client_for(thera).get(EXPORT_CSV).content)

    # Like the links API: an ended link is gone from the therapist's side.
    links = as_dicts(files["care_links.csv"])
    assert [(row["my_role"], row["other_party_id"]) for row in links] == [
        ("therapist", str(alice.pk))
    ]
    assert "bob" not in str(files) and str(bob.pk) not in {row["other_party_id"] for row in links}


# Care links in the JSON export


def test_the_json_export_holds_the_patients_care_links_ended_ones_too(alice, alice_client, thera):
    enid = make_user("enid", role=Role.THERAPIST, display_name="Enid")
    ended = tracker_services.link_end(
        link=link_between(enid, alice), by=alice, now=timezone.now() - timedelta(days=1)
    )
    active = link_between(thera, alice, consent=True)

    links = alice_client.get("/api/v1/me/export/").json()["care_links"]

    assert links == [
        {
            "id": active.pk,
            "my_role": "patient",
            "other_party_id": thera.pk,
            "other_party_display_name": "Thera Pist",
            "started_at": active.created_at.isoformat(),
            "ended_at": None,
            "ended_by": None,
            "reminders_consent": True,
        },
        {
            "id": ended.pk,
            "my_role": "patient",
            "other_party_id": enid.pk,
            "other_party_display_name": "Enid",
            "started_at": ended.created_at.isoformat(),
            "ended_at": ended.ended_at.isoformat(),
            "ended_by": alice.pk,
            "reminders_consent": False,
        },
    ]
    # The therapist's login name is not part of what the patient gets.
    assert "enid" not in str(links)


def test_the_json_export_holds_reminders_drives_and_deliveries(alice, alice_client, everything):
    body = alice_client.get("/api/v1/me/export/").json()

    assert [r["times"] for r in body["reminders"]] == [["07:30", "18:00"]]
    assert body["reminders"][0]["window_start"] == time(9, 0).isoformat(timespec="minutes")
    assert [len(d["segments"]) for d in body["drives"]] == [1]
    assert body["deliveries"][0]["reminder"] == body["reminders"][0]["id"]
    assert body["deliveries"][0]["due_at"] == "2026-01-12T06:30:00+00:00"
    assert body["push_subscriptions"][0]["user_agent"] == "Fx"


# The therapist's CSV of a linked patient


def test_a_linked_therapist_gets_logs_and_pain_in_utc_with_the_patients_local_dates(
    thera, thera_client, alice, bob, stretch
):
    link_between(thera, alice)
    # 23:30 UTC is already the next day in Berlin (alice's zone).
    log = ExerciseLog.objects.create(
        user=alice,
        performed_at="2026-01-10T23:30:00Z",
        exercise=stretch,
        hold_seconds=30,
        sets=2,
        pain_before=5,
        pain_after=3,
        note="=1+1",
    )
    entry = PainEntry.objects.create(
        user=alice, recorded_at="2026-01-10T12:00:00Z", rating=0, locations=["groin"]
    )
    PainEntry.objects.create(user=bob, recorded_at="2026-01-10T12:00:00Z", rating=9)

    response = thera_client.get(f"/api/v1/care/patients/{alice.pk}/export/csv/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    today = timezone.localdate(timezone=alice.tzinfo).isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="stretchstop-patient-{alice.pk}-{today}.zip"'
    )
    files = read_zip(response.content)
    assert as_dicts(files["logs.csv"]) == [
        {
            "id": str(log.pk),
            "performed_at_utc": "2026-01-10T23:30:00Z",
            "local_date": "2026-01-11",
            "exercise": "kneeling-lunge",
            "routine": "",
            "name": "Kneeling lunge",
            "sets": "2",
            "reps": "",
            "hold_seconds": "30",
            "duration_seconds": "",
            "pain_before": "5",
            "pain_after": "3",
            "origin": "manual",
            "delivery": "",
            "note": "'=1+1",
        }
    ]
    assert as_dicts(files["pain.csv"]) == [
        {
            "id": str(entry.pk),
            "recorded_at_utc": "2026-01-10T12:00:00Z",
            "local_date": "2026-01-10",
            "rating": "0",
            "locations": "groin",
            "context": "",
            "note": "",
        }
    ]


def test_the_therapists_csv_of_a_patient_with_nothing_logged_has_the_headers(
    thera, thera_client, bob
):
    link_between(thera, bob)

    files = read_zip(thera_client.get(f"/api/v1/care/patients/{bob.pk}/export/csv/").content)

    assert files == {
        "logs.csv": [list(LOG_COLUMNS)],
        "pain.csv": [list(PAIN_COLUMNS)],
    }


def test_the_therapists_csv_of_an_unknown_patient_is_not_found(thera_client):
    response = thera_client.get("/api/v1/care/patients/999999/export/csv/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


# -- throttle: every export endpoint shares one budget per account ---------------------


def test_exports_past_the_rate_answer_429_with_retry_after_and_count_per_account(
    settings, thera, alice, bob, alice_client, bob_client
):
    settings.THROTTLE_EXPORT = "3/hour"
    link_between(thera, alice)
    therapist = client_for(thera)

    answers = [
        alice_client.get("/api/v1/me/export/").status_code,
        alice_client.get("/api/v1/me/export/csv/").status_code,
        alice_client.get("/api/v1/me/export/").status_code,
    ]
    refused = alice_client.get("/api/v1/me/export/csv/")

    assert answers == [200, 200, 200]
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    # Another account has its own budget.
    assert bob_client.get("/api/v1/me/export/").status_code == 200
    # A therapist's patient exports count too, CSV and FHIR together.
    care = f"/api/v1/care/patients/{alice.pk}/export/"
    statuses = [therapist.get(f"{care}{kind}/").status_code for kind in ("csv", "fhir", "csv")]
    assert statuses == [200, 200, 200]
    assert therapist.get(f"{care}fhir/").status_code == 429
