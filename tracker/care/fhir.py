"""A patient's pain ratings and exercise sessions as a FHIR R4 Bundle: pure, plain dicts.

No database, no clock, no FHIR library: values in, a JSON-ready dict out
(`fhir.resources` validates the result in the tests only).

- Patient: `id` an opaque UUID derived from the user's id (stable across
  exports, meaningless outside StretchStop); `name` the display name, if any.
  Nothing else: the app holds no birth date, sex or address.
- Pain rating: Observation, LOINC 72514-3, category survey, status final,
  `valueQuantity` in UCUM "{score}" (LOINC's unit for this [Score] code).
- Session: Procedure, status completed, `code.text` the exercise or routine
  name, performed by the patient themself.
- Message between the patient and their therapist: Communication, status
  completed, `sent`, `sender` and `recipient` (the Patient and a Practitioner
  that stands for the therapist, with only their display name), the text as
  `payload[0].contentString`. The Practitioner is there only with messages.

Every entry's fullUrl is `urn:uuid:` + the record's client-generated UUID, so
the same record has the same fullUrl in every export; references point at
those URNs, which resolve inside the Bundle.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from tracker.care.records import MessageRecord, PainRecord, SessionRecord

LOINC = "http://loinc.org"
PAIN_SEVERITY_CODE = "72514-3"
PAIN_SEVERITY_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
UCUM = "http://unitsofmeasure.org"

# Fixed for good: changing it would give every patient a new id in later exports.
PATIENT_NAMESPACE = uuid.UUID("0e492093-aabd-4bac-8bc1-f7a6c7fc466b")
# Used only when a client gave two of its records the same UUID (see _unique_urn).
PAIN_NAMESPACE = uuid.UUID("5f0c0a52-3c5e-4a8e-9a51-0f2c7d9b2a61")
SESSION_NAMESPACE = uuid.UUID("b8f7d1e4-6a2c-4f0e-8d3b-2e9c1a7f5b40")
# Fixed for good too: a therapist's and a message's ids must not change between exports.
PRACTITIONER_NAMESPACE = uuid.UUID("3d6f1c2a-9b4e-4f7a-a0c5-6e2b8d1f9a37")
MESSAGE_NAMESPACE = uuid.UUID("c4a9e7b2-1f3d-4c6e-8a5b-9d0e2f7a1b64")


def patient_resource_id(user_id: int) -> uuid.UUID:
    """Return the patient's FHIR id: a UUID that is the same in every export."""
    return uuid.uuid5(PATIENT_NAMESPACE, f"user:{user_id}")


def utc_iso(instant: datetime) -> str:
    """Return an aware instant in UTC as ISO 8601 with "Z" (a FHIR dateTime): 2026-01-31T08:15:00Z.

    A naive datetime is refused rather than guessed at.
    """
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("utc_iso needs an aware datetime")
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


def practitioner_resource_id(user_id: int) -> uuid.UUID:
    """Return the therapist's FHIR id: a UUID that is the same in every export."""
    return uuid.uuid5(PRACTITIONER_NAMESPACE, f"user:{user_id}")


def patient_bundle(
    *,
    patient_id: uuid.UUID,
    display_name: str,
    pain: Iterable[PainRecord],
    sessions: Iterable[SessionRecord],
    generated_at: datetime,
    messages: Iterable[MessageRecord] = (),
    practitioner_id: uuid.UUID | None = None,
    practitioner_name: str = "",
) -> dict[str, Any]:
    """Return a FHIR R4 Bundle (type collection): the Patient, sessions, pain, then messages.

    Entries keep the order given. `generated_at` (aware) is the Bundle's
    timestamp. Messages need `practitioner_id` (the therapist on the other side).
    """
    patient_urn = f"urn:uuid:{patient_id}"
    used = {patient_urn}
    patient: dict[str, Any] = {"resourceType": "Patient", "id": str(patient_id)}
    if display_name.strip():
        # FHIR forbids empty strings, so no display name means no name at all.
        patient["name"] = [{"text": display_name.strip()}]
    entries = [{"fullUrl": patient_urn, "resource": patient}]
    for session in sessions:
        urn = _unique_urn(session.id, SESSION_NAMESPACE, used)
        entries.append({"fullUrl": urn, "resource": _procedure(urn, session, patient_urn)})
    for rating in pain:
        urn = _unique_urn(rating.id, PAIN_NAMESPACE, used)
        entries.append({"fullUrl": urn, "resource": _observation(urn, rating, patient_urn)})
    messages = list(messages)
    if messages:
        if practitioner_id is None:
            raise ValueError("messages need the practitioner they were exchanged with")
        practitioner_urn = f"urn:uuid:{practitioner_id}"
        practitioner: dict[str, Any] = {"resourceType": "Practitioner", "id": str(practitioner_id)}
        if practitioner_name.strip():
            practitioner["name"] = [{"text": practitioner_name.strip()}]
        entries.append({"fullUrl": practitioner_urn, "resource": practitioner})
        for message in messages:
            urn = f"urn:uuid:{uuid.uuid5(MESSAGE_NAMESPACE, f'message:{message.id}')}"
            resource = _communication(urn, message, patient_urn, practitioner_urn)
            entries.append({"fullUrl": urn, "resource": resource})
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": utc_iso(generated_at),
        "entry": entries,
    }


def _unique_urn(record_id: uuid.UUID, namespace: uuid.UUID, used: set[str]) -> str:
    """Return urn:uuid:<record_id>, or a UUID derived from it if that URN is taken.

    Record ids come from the client and are unique per table only, so a log
    and a pain entry may share one; a Bundle's fullUrls must be unique. The
    derived UUID depends only on the id and the kind, so it is stable too.
    """
    urn = f"urn:uuid:{record_id}"
    if urn in used:
        urn = f"urn:uuid:{uuid.uuid5(namespace, str(record_id))}"
    used.add(urn)
    return urn


def _resource_id(urn: str) -> str:
    return urn.removeprefix("urn:uuid:")


def _procedure(urn: str, session: SessionRecord, patient_urn: str) -> dict[str, Any]:
    return {
        "resourceType": "Procedure",
        "id": _resource_id(urn),
        "status": "completed",
        "code": {"text": session.name},
        "subject": {"reference": patient_urn},
        "performedDateTime": utc_iso(session.performed_at),
        # Home exercise: the patient did it themself.
        "performer": [{"actor": {"reference": patient_urn}}],
    }


def _observation(urn: str, rating: PainRecord, patient_urn: str) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": _resource_id(urn),
        "status": "final",
        "category": [
            {"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}
        ],
        "code": {
            "coding": [
                {"system": LOINC, "code": PAIN_SEVERITY_CODE, "display": PAIN_SEVERITY_DISPLAY}
            ],
            "text": "Pain severity (0-10)",
        },
        "subject": {"reference": patient_urn},
        "effectiveDateTime": utc_iso(rating.recorded_at),
        "valueQuantity": {
            "value": rating.rating,
            "unit": "{score}",
            "system": UCUM,
            "code": "{score}",
        },
    }


def _communication(
    urn: str, message: MessageRecord, patient_urn: str, practitioner_urn: str
) -> dict[str, Any]:
    sender, recipient = (
        (patient_urn, practitioner_urn) if message.from_patient else (practitioner_urn, patient_urn)
    )
    return {
        "resourceType": "Communication",
        "id": _resource_id(urn),
        "status": "completed",
        "subject": {"reference": patient_urn},
        "sent": utc_iso(message.sent_at),
        "sender": {"reference": sender},
        "recipient": [{"reference": recipient}],
        "payload": [{"contentString": message.body}],
    }
