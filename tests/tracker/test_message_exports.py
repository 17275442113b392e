"""Messages stay in both people's exports (JSON, CSV, and the therapist's FHIR Bundle)."""

import csv
import io
import json
import zipfile

from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from tests.conftest import make_user
from tests.tracker.test_care_links import link_between
from tracker import services as tracker_services
from tracker.care import fhir
from tracker.models import CareMessage, Role


def say(link, sender, body: str, at: str) -> CareMessage:
    return CareMessage.objects.create(link=link, sender=sender, body=body, sent_at=at)


def test_an_ended_links_messages_stay_in_both_json_exports(
    thera, alice, thera_client, alice_client
):
    link = link_between(thera, alice)
    first = say(link, thera, "How is it?", "2026-01-10T08:00:00Z")
    say(link, alice, "=SUM(A1) better", "2026-01-10T09:00:00Z")
    tracker_services.link_end(link=link, by=alice, now=timezone.now())

    for client, me in ((thera_client, thera), (alice_client, alice)):
        exported = client.get("/api/v1/me/export/").json()["messages"]
        assert [(m["sender"], m["from_me"], m["body"]) for m in exported] == [
            (thera.pk, me == thera, "How is it?"),
            (alice.pk, me == alice, "=SUM(A1) better"),
        ]
        assert exported[0] == {
            "id": first.pk,
            "link": link.pk,
            "sender": thera.pk,
            "from_me": me == thera,
            "sent_at": "2026-01-10T08:00:00+00:00",
            "read_at": None,
            "body": "How is it?",
        }


def test_messages_csv_holds_the_thread_with_formulas_defused(thera, alice, alice_client, bob):
    link = link_between(thera, alice)
    say(link, alice, "=SUM(A1) better", "2026-01-10T09:00:00Z")
    say(link_between(thera, bob), bob, "Bob's own", "2026-01-10T09:00:00Z")

    archive = zipfile.ZipFile(io.BytesIO(alice_client.get("/api/v1/me/export/csv/").content))
    rows = list(csv.DictReader(io.StringIO(archive.read("messages.csv").decode("utf-8-sig"))))

    assert [(row["sender"], row["from_me"], row["body"]) for row in rows] == [
        (str(alice.pk), "true", "'=SUM(A1) better")
    ]


def test_the_fhir_bundle_holds_the_thread_as_valid_communications(thera, alice, thera_client):
    link = link_between(thera, alice)
    question = say(link, thera, "How is it?", "2026-01-10T08:00:00Z")
    say(link, alice, "<b>Better</b>", "2026-01-10T09:00:00Z")

    response = thera_client.get(f"/api/v1/care/patients/{alice.pk}/export/fhir/")

    bundle = json.loads(response.content)
    Bundle.model_validate(bundle)  # raises on any structural error
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert kinds == ["Patient", "Practitioner", "Communication", "Communication"]
    patient_urn, practitioner_urn = (entry["fullUrl"] for entry in bundle["entry"][:2])
    assert bundle["entry"][1]["resource"]["name"] == [{"text": "Thera Pist"}]
    asked, answered = (entry["resource"] for entry in bundle["entry"][2:])
    assert asked["status"] == "completed"
    assert asked["sent"] == "2026-01-10T08:00:00Z"
    assert asked["subject"] == {"reference": patient_urn}
    assert asked["sender"] == {"reference": practitioner_urn}
    assert asked["recipient"] == [{"reference": patient_urn}]
    assert asked["payload"] == [{"contentString": "How is it?"}]
    assert answered["sender"] == {"reference": patient_urn}
    assert answered["payload"] == [{"contentString": "<b>Better</b>"}]
    # Stable: the same message has the same id in the next export.
    again = json.loads(thera_client.get(f"/api/v1/care/patients/{alice.pk}/export/fhir/").content)
    assert again["entry"][2]["resource"]["id"] == asked["id"]
    assert str(question.pk) != asked["id"]
    assert fhir.practitioner_resource_id(thera.pk) != fhir.patient_resource_id(thera.pk)


def test_another_therapists_thread_stays_out_of_the_fhir_bundle(thera, alice, thera_client):
    enid = make_user("enid", role=Role.THERAPIST)
    link_between(thera, alice)
    say(link_between(enid, alice), alice, "For Enid only", "2026-01-10T09:00:00Z")

    response = thera_client.get(f"/api/v1/care/patients/{alice.pk}/export/fhir/")

    assert "For Enid only" not in response.content.decode()
    assert "Practitioner" not in response.content.decode()
