"""Demo accounts for local use (`make run`), created only in an empty database."""

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.db import transaction
from django.utils import timezone

from exercises.models import ExerciseLog, Plan, Routine
from exercises.services import plan_create
from tracker.activity_days import activity_days_rebuild
from tracker.care.services import invite_accept, invite_create
from tracker.models import PainEntry, Profile, Role, User
from tracker.safety import SCREEN_SLUGS, safety_check_save
from tracker.services import goal_create, goal_rating_add

HISTORY_DAYS = 42


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
            email=f"{account.username}@example.org",
        )
        # Verified, as if they had opened the sign-up link: e-mail reminders reach them.
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        logins[account.username] = password
        if account.routine:
            # Past onboarding: the safety screen answered with no warning sign,
            # so the routines open for them.
            safety_check_save(
                user=user, answers=dict.fromkeys(SCREEN_SLUGS, False), now=timezone.now()
            )
            _plan_from_routine(user, account.routine)
            demo_history_create(user=user, routine_slug=account.routine, now=timezone.now())
        if account.role == Role.THERAPIST:
            # Therapists need a second factor before any patient data: the demo
            # one has an authenticator app whose key seed_demo prints (local use only).
            TOTP.activate(user, generate_totp_secret())
            RecoveryCodes.activate(user)
        users[account.username] = user
    _link_to_therapist(users)
    return logins


def demo_totp_keys() -> dict[str, str]:
    """{username: authenticator key} of the demo accounts that have one, for seed_demo to print."""
    names = [account.username for account in DEMO_ACCOUNTS]
    return {
        totp.user.username: decrypt(totp.data["secret"])
        for totp in Authenticator.objects.filter(
            type=Authenticator.Type.TOTP, user__username__in=names
        ).select_related("user")
    }


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


def demo_history_create(*, user: User, routine_slug: str, now: datetime) -> None:
    """Give a demo patient six weeks of made-up sessions and pain ratings.

    The made-up story: sessions on most weekdays, becoming more regular, while
    the evening pain rating drifts from about 6 down to about 3. Seeded by the
    username, so every `make run` tells the same story.
    """
    chance = random.Random(user.username)  # noqa: S311 - demo data, not security
    routine = Routine.objects.filter(slug=routine_slug).first()
    if routine is None:  # the library is not loaded (as in some tests)
        return
    tz = user.tzinfo
    today = now.astimezone(tz).date()
    logs, ratings = [], []
    for days_ago in range(HISTORY_DAYS, 0, -1):
        day = today - timedelta(days=days_ago)
        progress = 1 - days_ago / HISTORY_DAYS
        if day.isoweekday() <= 5 and chance.random() < 0.55 + 0.4 * progress:
            at = datetime.combine(day, time(10 + chance.randrange(6), chance.randrange(60)), tz)
            logs.append(ExerciseLog(user=user, routine=routine, performed_at=at))
        rating = round(6 - 3 * progress + chance.uniform(-1.2, 1.2))
        at = datetime.combine(day, time(20, chance.randrange(60)), tz)
        ratings.append(
            PainEntry(
                user=user, recorded_at=at, rating=max(0, min(10, rating)), locations=["lower_back"]
            )
        )
    ExerciseLog.objects.bulk_create(logs)
    PainEntry.objects.bulk_create(ratings)
    activity_days_rebuild(user=user)  # bulk_create keeps no counts
    # The story starts when the account and its plan did: no day counts as
    # planned before the plan existed, so both move back to its first day.
    began = datetime.combine(today - timedelta(days=HISTORY_DAYS), time(9), tz)
    User.objects.filter(pk=user.pk).update(date_joined=began)
    Plan.objects.filter(user=user).update(created_at=began)
    _demo_goals(user=user, began=began)


# Activities the seed articles name as hard with a tight iliopsoas, each rated at
# the start and every two weeks since, a little better each time.
DEMO_GOALS = (
    ("Sitting through a one-hour meeting", (3, 4, 5, 6)),
    ("Standing up straight after getting out of the car", (4, 5, 5, 7)),
)


def _demo_goals(*, user: User, began: datetime) -> None:
    for activity, scores in DEMO_GOALS:
        goal = goal_create(patient=user, activity=activity, created_by=user, now=began)
        for fortnight, score in enumerate(scores):
            # The last re-rating was yesterday: never a rating from the future.
            rated_at = began + timedelta(days=min(14 * fortnight, HISTORY_DAYS - 1), hours=1)
            goal_rating_add(goal=goal, score=score, rated_at=rated_at, rated_by=user)
