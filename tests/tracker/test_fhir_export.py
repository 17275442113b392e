"""A linked patient's pain ratings and sessions as FHIR R4 (care/patients/{id}/export/fhir/).

The Bundle is validated with fhir.resources (R4B models: FHIR R4's structure);
the library checks structure, types and cardinality, not which codes are used,
so the codes, values, references and times are checked here against the rows.
"""

import json
import uuid
from datetime import UTC, datetime, timedelta
from datetime import timezone as dt_timezone

import jsonschema
import pytest
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from fhir.resources.R4B.bundle import Bundle

from exercises.models import Audience, Exercise, ExerciseLog, Kind, Routine
from tests.conftest import client_for
from tests.tracker.test_care_links import link_between
from tracker import services as tracker_services
from tracker.care import fhir
from tracker.care.records import PainRecord, SessionRecord
from tracker.models import PainEntry

LOINC_PAIN = {
    "system": "http://loinc.org",
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
SURVEY = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
    "code": "survey",
    "display": "Survey",
}


def fhir_url(patient) -> str:
    return f"/api/v1/care/patients/{patient.pk}/export/fhir/"


@pytest.fixture
def records(alice, bob, thera):
    """Alice, linked to thera, with two sessions and two pain ratings; bob's rows stay out."""
    link_between(thera, alice)
    stretch = Exercise.objects.create(
        slug="kneeling-lunge",
        name="Kneeling lunge",
        kind=Kind.STRETCH,
        audience=Audience.SELF_CARE,
        summary="A hip flexor stretch.",
    )
    routine = Routine.objects.create(
        slug="truck-stop",
        name="Truck-stop routine",
        summary="Five minutes.",
        minutes_min=5,
        minutes_max=8,
    )
    berlin = dt_timezone(timedelta(hours=1))
    return {
        # Given in Berlin time: the export says it in UTC.
        "lunge": ExerciseLog.objects.create(
            user=alice, performed_at=datetime(2026, 1, 11, 0, 15, tzinfo=berlin), exercise=stretch
        ),
        "routine": ExerciseLog.objects.create(
            user=alice, performed_at="2026-01-12T17:00:00Z", routine=routine
        ),
        "pain_low": PainEntry.objects.create(
            user=alice, recorded_at="2026-01-10T23:30:00Z", rating=2
        ),
        "pain_high": PainEntry.objects.create(
            user=alice, recorded_at="2026-01-12T07:45:30Z", rating=8
        ),
        "bobs": PainEntry.objects.create(user=bob, recorded_at="2026-01-12T07:00Z", rating=5),
    }


def resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_the_bundle_is_valid_fhir_r4_with_the_patients_rows(thera_client, alice, records):
    response = thera_client.get(fhir_url(alice))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="stretchstop-patient-{alice.pk}-'
    )
    bundle = json.loads(response.content)
    Bundle.model_validate(bundle)  # raises on any structural error
    assert (bundle["resourceType"], bundle["type"]) == ("Bundle", "collection")

    [patient] = resources(bundle, "Patient")
    patient_urn = f"urn:uuid:{patient['id']}"
    assert bundle["entry"][0] == {"fullUrl": patient_urn, "resource": patient}
    assert patient["name"] == [{"text": "Alice"}]
    # Nothing identifying beyond the display name: no login, zone or user id.
    assert set(patient) == {"resourceType", "id", "name"}
    assert str(alice.pk) != patient["id"] and "alice" not in response.content.decode()

    observations = resources(bundle, "Observation")
    assert [(o["id"], o["effectiveDateTime"], o["valueQuantity"]) for o in observations] == [
        (
            str(records["pain_low"].pk),
            "2026-01-10T23:30:00Z",
            {
                "value": 2,
                "unit": "{score}",
                "system": "http://unitsofmeasure.org",
                "code": "{score}",
            },
        ),
        (
            str(records["pain_high"].pk),
            "2026-01-12T07:45:30Z",
            {
                "value": 8,
                "unit": "{score}",
                "system": "http://unitsofmeasure.org",
                "code": "{score}",
            },
        ),
    ]
    for observation in observations:
        assert observation["status"] == "final"
        assert observation["code"]["coding"] == [LOINC_PAIN]
        assert observation["category"] == [{"coding": [SURVEY]}]
        assert observation["subject"] == {"reference": patient_urn}

    procedures = resources(bundle, "Procedure")
    assert [(p["id"], p["code"], p["performedDateTime"]) for p in procedures] == [
        (str(records["lunge"].pk), {"text": "Kneeling lunge"}, "2026-01-10T23:15:00Z"),
        (str(records["routine"].pk), {"text": "Truck-stop routine"}, "2026-01-12T17:00:00Z"),
    ]
    for procedure in procedures:
        assert procedure["status"] == "completed"
        assert procedure["subject"] == {"reference": patient_urn}
        assert procedure["performer"] == [{"actor": {"reference": patient_urn}}]

    # Every fullUrl is the record's own client UUID; bob's rating is not there.
    assert [entry["fullUrl"] for entry in bundle["entry"][1:]] == [
        f"urn:uuid:{records[key].pk}" for key in ("lunge", "routine", "pain_low", "pain_high")
    ]
    assert f"urn:uuid:{records['bobs'].pk}" not in response.content.decode()


def test_the_same_rows_give_the_same_ids_in_every_export(thera_client, alice, records):
    first = json.loads(thera_client.get(fhir_url(alice)).content)
    second = json.loads(thera_client.get(fhir_url(alice)).content)

    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    assert first["entry"][0]["resource"]["id"] == str(fhir.patient_resource_id(alice.pk))


def test_a_patient_with_nothing_logged_gets_a_bundle_with_the_patient_only(
    thera, thera_client, bob
):
    link_between(thera, bob)

    bundle = json.loads(thera_client.get(fhir_url(bob)).content)

    Bundle.model_validate(bundle)
    # Bob has no display name: a FHIR name may not be empty, so there is none.
    assert [e["resource"] for e in bundle["entry"]] == [
        {"resourceType": "Patient", "id": str(fhir.patient_resource_id(bob.pk))}
    ]


def test_the_export_ends_with_the_link(thera, alice, records):
    link = alice.care_links_as_patient.get()
    tracker_services.link_end(link=link, by=alice, now=timezone.now())

    response = client_for(thera).get(fhir_url(alice))

    assert response.status_code == 404
    assert "Kneeling" not in response.content.decode()


# The pure function


def session(record_id: uuid.UUID, at: datetime, name: str = "Lunge") -> SessionRecord:
    return SessionRecord(
        id=record_id, performed_at=at, local_date=at.date(), exercise="lunge", routine=None,
        name=name, sets=None, reps=None, hold_seconds=None, duration_seconds=None,
        pain_before=None, pain_after=None, origin="manual", note="",
    )  # fmt: skip


def rating(record_id: uuid.UUID, at: datetime, value: int) -> PainRecord:
    return PainRecord(
        id=record_id, recorded_at=at, local_date=at.date(), rating=value, locations=[],
        context="", note="",
    )  # fmt: skip


AT = datetime(2026, 1, 10, 8, 0, tzinfo=UTC)


def test_a_pain_entry_sharing_a_logs_uuid_gets_a_stable_derived_full_url():
    # Client ids are unique per table: a (buggy or hostile) client may reuse one.
    shared = uuid.uuid4()

    bundles = [
        fhir.patient_bundle(
            patient_id=fhir.patient_resource_id(1),
            display_name="A",
            pain=[rating(shared, AT, 3)],
            sessions=[session(shared, AT)],
            generated_at=AT,
        )
        for _ in range(2)
    ]

    urls = [entry["fullUrl"] for entry in bundles[0]["entry"]]
    assert len(set(urls)) == 3
    assert urls[1] == f"urn:uuid:{shared}"
    assert urls[2] == f"urn:uuid:{uuid.uuid5(fhir.PAIN_NAMESPACE, str(shared))}"
    assert bundles[0] == bundles[1]
    assert bundles[0]["entry"][2]["resource"]["id"] == urls[2].removeprefix("urn:uuid:")
    Bundle.model_validate(bundles[0])


def test_a_record_reusing_the_patients_uuid_does_not_take_the_patients_full_url():
    patient_id = fhir.patient_resource_id(7)

    bundle = fhir.patient_bundle(
        patient_id=patient_id,
        display_name="",
        pain=[],
        sessions=[session(patient_id, AT)],
        generated_at=AT,
    )

    assert bundle["entry"][0]["fullUrl"] == f"urn:uuid:{patient_id}"
    assert bundle["entry"][1]["fullUrl"] != f"urn:uuid:{patient_id}"
    assert bundle["entry"][1]["resource"]["subject"] == {"reference": f"urn:uuid:{patient_id}"}


@pytest.mark.parametrize(
    ("instant", "text"),
    [
        (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "2026-03-29T01:30:00Z"),
        (
            datetime(2026, 7, 1, 9, 0, tzinfo=dt_timezone(timedelta(hours=2))),
            "2026-07-01T07:00:00Z",
        ),
        (datetime(2026, 1, 1, 0, 0, 0, 250000, tzinfo=UTC), "2026-01-01T00:00:00.250000Z"),
    ],
)
def test_utc_iso_says_the_instant_in_utc_with_a_z(instant, text):
    assert fhir.utc_iso(instant) == text


def test_utc_iso_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="aware"):
        fhir.utc_iso(datetime(2026, 1, 1, 12, 0))


def test_patient_ids_are_stable_and_differ_between_patients():
    assert fhir.patient_resource_id(1) == fhir.patient_resource_id(1)
    assert fhir.patient_resource_id(1) != fhir.patient_resource_id(2)


def test_the_bundle_is_plain_json():
    bundle = fhir.patient_bundle(
        patient_id=fhir.patient_resource_id(1),
        display_name="  Al  ",
        pain=[rating(uuid.uuid4(), AT, 0)],
        sessions=[],
        generated_at=AT,
    )

    assert json.loads(json.dumps(bundle)) == bundle
    assert bundle["timestamp"] == "2026-01-10T08:00:00Z"
    assert bundle["entry"][0]["resource"]["name"] == [{"text": "Al"}]
    # A rating of 0 is a value, not a missing one.
    assert bundle["entry"][1]["resource"]["valueQuantity"]["value"] == 0


def test_the_schema_documents_the_file_media_types_and_the_bundle(thera_client, alice, records):
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]

    def media_types(path: str) -> set[str]:
        return set(paths[path]["get"]["responses"]["200"]["content"])

    assert media_types("/api/v1/me/export/csv/") == {"application/zip"}
    assert media_types("/api/v1/care/patients/{patient_id}/export/csv/") == {"application/zip"}
    assert media_types("/api/v1/care/patients/{patient_id}/export/fhir/") == {
        "application/fhir+json"
    }
    # The fuzz run's user is a patient and never sees a Bundle: check a real one here.
    documented = paths["/api/v1/care/patients/{patient_id}/export/fhir/"]["get"]["responses"]
    bundle_schema = documented["200"]["content"]["application/fhir+json"]["schema"]
    jsonschema.validate(json.loads(thera_client.get(fhir_url(alice)).content), bundle_schema)
