"""The records a patient's export is made of, as plain values: the CSV files
(tracker.care.exports) and the FHIR Bundle (tracker.care.fhir) both read them."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True)
class SessionRecord:
    """One logged session: `performed_at` aware, `local_date` in the patient's zone."""

    id: UUID
    performed_at: datetime
    local_date: date
    exercise: str | None  # slug
    routine: str | None  # slug
    name: str  # the exercise's name, else the routine's
    sets: int | None
    reps: int | None
    hold_seconds: int | None
    duration_seconds: int | None
    pain_before: int | None
    pain_after: int | None
    origin: str
    note: str
    delivery: int | None = None  # the reminder delivery whose Done made the log


@dataclass(frozen=True)
class PainRecord:
    """One 0-10 pain rating: `recorded_at` aware, `local_date` in the patient's zone."""

    id: UUID
    recorded_at: datetime
    local_date: date
    rating: int
    locations: list[str]
    context: str
    note: str


@dataclass(frozen=True)
class MessageRecord:
    """One message between the patient and a therapist: `sent_at` aware."""

    id: int
    sent_at: datetime
    from_patient: bool
    body: str
