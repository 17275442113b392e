"""Reads for care links. Every care endpoint reaches a patient through `patients_of`."""

from django.db.models import Q, QuerySet

from exercises.models import Plan
from exercises.selectors import plans_for_user
from reminders.models import Schedule, ScheduleKind
from tracker.models import CareLink, User


def links_for(user: User) -> QuerySet[CareLink]:
    """Return the links the user may see, newest first.

    A patient sees all of theirs, ended ones too: the record of who could see
    their data and until when. A therapist sees only active ones; an ended
    link is, for them, like a patient they never had.
    """
    return CareLink.objects.filter(
        Q(patient=user) | Q(therapist=user, ended_at__isnull=True)
    ).select_related("therapist", "patient")


def active_links_for(user: User) -> QuerySet[CareLink]:
    """Return the user's active links, on whichever side of them the user is."""
    return links_for(user).filter(ended_at__isnull=True)


def patients_of(therapist: User) -> QuerySet[User]:
    """Return the patients who have an active link with this therapist.

    The one access rule of the care endpoints: a therapist reaches a patient's
    data only through this queryset, so once the link ends the patient is not
    found (404), exactly like an id that never existed. For anyone who is not a
    linked therapist (a patient, another therapist) it is empty.
    """
    return User.objects.filter(
        care_links_as_patient__therapist=therapist,
        care_links_as_patient__ended_at__isnull=True,
    )


def linked_patient_or_none(*, therapist: User, patient_id: int) -> User | None:
    """Return the patient if the therapist has an active link to them, else None."""
    return patients_of(therapist).filter(pk=patient_id).first()


def plans_assigned(*, therapist: User, patient: User) -> QuerySet[Plan]:
    """Return the plans this therapist assigned to this patient, with their items.

    Another therapist's plans and the patient's own are not among them: a
    therapist reaches only what they assigned (others are not found, 404).
    The caller has already found the patient through `linked_patient_or_none`.
    """
    return plans_for_user(user=patient).filter(assigned_by=therapist)


def reminder_set_by(*, therapist: User, patient: User) -> Schedule | None:
    """Return the sitting reminder this therapist set for this patient, or None."""
    return (
        Schedule.objects.filter(user=patient, set_by=therapist, kind=ScheduleKind.SITTING)
        .select_related("routine")
        .first()
    )


def reminders_consented(*, therapist: User, patient: User) -> bool:
    """Return whether the pair's active link carries the patient's consent to reminders."""
    return CareLink.objects.filter(
        therapist=therapist, patient=patient, ended_at__isnull=True, reminders_consent=True
    ).exists()
