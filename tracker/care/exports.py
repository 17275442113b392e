"""A linked patient's sessions and pain ratings for their therapist: CSV files and FHIR.

The callers have already found the patient through
`tracker.care.selectors.linked_patient_or_none`; nothing here checks access.
"""

import json
from datetime import datetime

from exercises.models import ExerciseLog
from tracker.care import fhir
from tracker.care.fhir import utc_iso
from tracker.care.records import MessageRecord, PainRecord, SessionRecord
from tracker.days import local_date
from tracker.export_csv import ZIP_MEDIA_TYPE, ExportFile, csv_bytes, zip_bytes
from tracker.models import CareMessage, PainEntry, User

FHIR_MEDIA_TYPE = "application/fhir+json"


def message_records(patient: User, therapist: User) -> list[MessageRecord]:
    """Return the messages between them on every link they had, ended ones too, oldest first."""
    messages = CareMessage.objects.filter(
        link__patient=patient, link__therapist=therapist
    ).order_by("sent_at", "id")
    return [
        MessageRecord(
            id=message.pk,
            sent_at=message.sent_at,
            from_patient=message.sender_id == patient.pk,
            body=message.body,
        )
        for message in messages
    ]


def session_records(patient: User) -> list[SessionRecord]:
    """Return the patient's logged sessions, oldest first."""
    logs = (
        ExerciseLog.objects.filter(user=patient)
        .select_related("exercise", "routine")
        .order_by("performed_at", "id")
    )
    return [
        SessionRecord(
            id=log.pk,
            performed_at=log.performed_at,
            local_date=local_date(log.performed_at, patient.tzinfo),
            exercise=log.exercise.slug if log.exercise else None,
            routine=log.routine.slug if log.routine else None,
            name=(log.exercise or log.routine).name,
            sets=log.sets,
            reps=log.reps,
            hold_seconds=log.hold_seconds,
            duration_seconds=log.duration_seconds,
            pain_before=log.pain_before,
            pain_after=log.pain_after,
            origin=log.origin,
            delivery=log.origin_delivery_id,
            note=log.note,
        )
        for log in logs
    ]


def pain_records(patient: User) -> list[PainRecord]:
    """Return the patient's pain ratings, oldest first."""
    entries = PainEntry.objects.filter(user=patient).order_by("recorded_at", "id")
    return [
        PainRecord(
            id=entry.pk,
            recorded_at=entry.recorded_at,
            local_date=local_date(entry.recorded_at, patient.tzinfo),
            rating=entry.rating,
            locations=list(entry.locations),
            context=entry.context,
            note=entry.note,
        )
        for entry in entries
    ]


LOG_COLUMNS = (
    "id", "performed_at_utc", "local_date", "exercise", "routine", "name", "sets", "reps",
    "hold_seconds", "duration_seconds", "pain_before", "pain_after", "origin", "delivery",
    "note",
)  # fmt: skip
PAIN_COLUMNS = (
    "id", "recorded_at_utc", "local_date", "rating", "locations", "context", "note",
)  # fmt: skip


def _file_stem(patient: User, now: datetime) -> str:
    # The therapist's "today" would do as well; the patient's keeps it one date per export.
    return f"stretchstop-patient-{patient.pk}-{local_date(now, patient.tzinfo).isoformat()}"


def patient_csv_file(*, patient: User, now: datetime) -> ExportFile:
    """Return logs.csv and pain.csv of the patient in a zip, times in UTC plus local dates."""
    logs = [
        {
            **vars(session),
            "performed_at_utc": utc_iso(session.performed_at),
            "local_date": session.local_date.isoformat(),
        }
        for session in session_records(patient)
    ]
    pain = [
        {
            **vars(entry),
            "recorded_at_utc": utc_iso(entry.recorded_at),
            "local_date": entry.local_date.isoformat(),
        }
        for entry in pain_records(patient)
    ]
    # Only the named columns: the raw aware datetimes in the records stay out.
    files = {
        "logs.csv": csv_bytes(LOG_COLUMNS, [_only(row, LOG_COLUMNS) for row in logs]),
        "pain.csv": csv_bytes(PAIN_COLUMNS, [_only(row, PAIN_COLUMNS) for row in pain]),
    }
    return ExportFile(
        name=f"{_file_stem(patient, now)}.zip",
        content=zip_bytes(files, at=now.astimezone(patient.tzinfo)),
        media_type=ZIP_MEDIA_TYPE,
    )


def patient_fhir_file(*, patient: User, therapist: User, now: datetime) -> ExportFile:
    """Return the patient's pain ratings, sessions and messages with `therapist` as FHIR R4."""
    bundle = fhir.patient_bundle(
        patient_id=fhir.patient_resource_id(patient.pk),
        display_name=patient.display_name,
        pain=pain_records(patient),
        sessions=session_records(patient),
        generated_at=now,
        messages=message_records(patient, therapist),
        practitioner_id=fhir.practitioner_resource_id(therapist.pk),
        practitioner_name=therapist.display_name,
    )
    return ExportFile(
        name=f"{_file_stem(patient, now)}.fhir.json",
        content=json.dumps(bundle).encode(),
        media_type=FHIR_MEDIA_TYPE,
    )


def _only(row: dict, columns: tuple[str, ...]) -> dict:
    return {column: row[column] for column in columns}
