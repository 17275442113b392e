"""Demo accounts for local use (`make run`), created only in an empty database."""

import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from exercises.models import Routine
from exercises.services import plan_create
from tracker.care.services import invite_accept, invite_create
from tracker.models import Profile, Role, User


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    profile: str
    display_name: str
    timezone: str
    routine: str | None


DEMO_ACCOUNTS = [
    DemoAccount(
        "office", Role.PATIENT, Profile.DESK, "Olive (office)", "Europe/London", "desk-break"
    ),
    DemoAccount(
        "driver", Role.PATIENT, Profile.DRIVER, "Dan (driver)", "America/Chicago", "truck-stop"
    ),
    DemoAccount("therapist", Role.THERAPIST, "", "Theo (therapist)", "America/New_York", None),
]


@transaction.atomic
def demo_accounts_create() -> dict[str, str] | None:
    """Return {username: password} for new demo accounts, or None if any user exists.

    Each patient gets a plan built from the routine that suits their day, and
    accepts an invite from the demo therapist, consenting to reminders.
    """
    if User.objects.exists():
        return None
    logins = {}
    users = {}
    for account in DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(
            username=account.username,
            password=password,
            role=account.role,
            profile=account.profile,
            display_name=account.display_name,
            timezone=account.timezone,
        )
        logins[account.username] = password
        if account.routine:
            _plan_from_routine(user, account.routine)
        users[account.username] = user
    _link_to_therapist(users)
    return logins


def _link_to_therapist(users: dict[str, User]) -> None:
    therapists = [u for u in users.values() if u.role == Role.THERAPIST]
    patients = [u for u in users.values() if u.role == Role.PATIENT]
    now = timezone.now()
    for therapist in therapists:
        for patient in patients:
            _, code = invite_create(therapist=therapist, now=now)
            invite_accept(patient=patient, code=code, reminders_consent=True, now=now)


def _plan_from_routine(user: User, slug: str) -> None:
    routine = Routine.objects.prefetch_related("steps").filter(slug=slug).first()
    if routine is None:
        return
    plan_create(
        user=user,
        name=routine.name,
        items=[
            {
                "exercise_id": step.exercise_id,
                "hold_seconds": step.hold_seconds,
                "reps": step.reps,
                "sets": step.sets,
                "days_of_week": [1, 2, 3, 4, 5],
            }
            for step in routine.steps.all()
        ],
    )
