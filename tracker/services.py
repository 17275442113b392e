"""Writes for the tracker app: accounts, pain entries, pause days, function goals."""

import datetime
import uuid
from collections.abc import Mapping
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from knox.models import AuthToken

from exercises.services import client_record_save
from reminders.services import schedules_set_by_stop
from tracker.devices import sessions_end, token_client_save
from tracker.goals import GOALS_ACTIVE_MAX
from tracker.models import (
    CareInvite,
    CareLink,
    Goal,
    GoalRating,
    PainEntry,
    PauseDay,
    Role,
    User,
)


class UsernameTaken(Exception):
    """Someone has that username (or one that differs only in case or NFKC form)."""

    message = "This username is taken."


@transaction.atomic
def account_create(
    *,
    username: str,
    password: str,
    role: str,
    timezone: str,
    email: str = "",
    display_name: str = "",
    profile: str = "",
    language: str = settings.LANGUAGE_CODE,
) -> User:
    """Create and return a user; raise UsernameTaken if the name is someone's.

    The password must already have passed Django's validators (see
    password_problems); it is stored hashed with Argon2. An e-mail address is
    also recorded as allauth's EmailAddress, primary and not yet verified. The username is stored
    in its NFKC form (Django's normalize_username), as the serializer checked
    it. Two sign-ups of one name at once both pass that check: the unique index
    decides, and the loser gets UsernameTaken, not an IntegrityError.
    """
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=username,
                password=password,
                email=email,
                role=role,
                timezone=timezone,
                display_name=display_name,
                profile=profile if role == Role.PATIENT else "",
                language=language,
            )
            if email:
                # Unverified until the link in the sign-up e-mail is opened (see
                # tracker.recovery); until then no reminder or notice is e-mailed to it.
                # Lower-cased, as allauth stores and looks addresses up (password reset).
                EmailAddress.objects.create(
                    user=user, email=email.lower(), primary=True, verified=False
                )
            return user
    except IntegrityError:
        raise UsernameTaken() from None


def account_register(**fields: str) -> tuple[User, str]:
    """Return a new user (see account_create) and a fresh API token for them."""
    user = account_create(**fields)
    return user, token_create(user=user)


def password_problems(*, password: str, username: str, email: str = "") -> list[str]:
    """Return Django's password validators' complaints about `password`, if any."""
    try:
        validate_password(password, user=User(username=username, email=email))
    except ValidationError as error:
        return list(error.messages)
    return []


def token_create(*, user: User, user_agent: str = "", address: str | None = None) -> str:
    """Return a new API token for `user`; only its hash is stored.

    The device asking (`user_agent`, `address`) is noted beside the token for
    "Signed-in devices"; tracker.api.authentication keeps that note current.
    """
    token, key = AuthToken.objects.create(user)
    if user_agent or address:
        token_client_save(token=token, user_agent=user_agent, address=address, now=timezone.now())
    return key


@transaction.atomic
def password_change(
    *,
    user: User,
    password: str,
    keep_session_key: str | None = None,
    keep_token_digest: str | None = None,
) -> int:
    """Set `user`'s password and end every other session and API token; return how many ended.

    The caller has checked the old password and the validators. Whoever knew
    the old password is signed out everywhere but where the change was made
    (the session or token named to keep).
    """
    user.set_password(password)
    user.save(update_fields=["password"])
    return sessions_end(
        user=user, keep_session_key=keep_session_key, keep_token_digest=keep_token_digest
    )


DELETED_THERAPIST_NAME = "Deleted therapist"


@transaction.atomic
def link_end(*, link: CareLink, by: User, now: datetime.datetime) -> CareLink:
    """End the link at once (either side may). Ending an ended link changes nothing.

    From this instant the therapist sees nothing of the patient: every read
    goes through `tracker.care.selectors.patients_of`, which only follows active links.
    The reminders the therapist set for the patient stop too.
    """
    ended = CareLink.objects.filter(pk=link.pk, ended_at__isnull=True).update(
        ended_at=now, ended_by=by
    )
    if ended:
        schedules_set_by_stop(user=link.patient, set_by=link.therapist)
    link.refresh_from_db()
    return link


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the user and every row they own.

    A patient's account row goes, and with it, through cascades, everything.

    A therapist's account row stays as an empty, inactive record, because their
    patients' history points at it: the link stays in the patient's list as
    ended, the reminder they set stays switched off and shows who set it, and
    plans they assigned stay assigned (the patient may pause or delete them,
    not change their doses). So:
    1. end every active link (which switches their reminders off);
    2. delete their invites and every row they own as a person (each table's
       `user` column: tokens, push subscriptions, logs, pain...);
    3. erase the account: username `deleted:<id>` (no sign-up can take it: ':'
       is not allowed), name "Deleted therapist", no email, no usable password,
       inactive (no session or token can use it).
    """
    if user.role != Role.THERAPIST:
        user.delete()
        return
    with transaction.atomic():
        now = timezone.now()
        for link in CareLink.objects.filter(therapist=user, ended_at__isnull=True):
            link_end(link=link, by=user, now=now)
        CareInvite.objects.filter(therapist=user).delete()
        for relation in User._meta.related_objects:
            if relation.field.name == "user" and relation.on_delete is models.CASCADE:
                relation.related_model._base_manager.filter(user=user).delete()
        user.username = f"deleted:{user.pk}"
        user.display_name = DELETED_THERAPIST_NAME
        user.email = user.first_name = user.last_name = ""
        user.set_unusable_password()
        user.is_active = user.is_staff = user.is_superuser = False
        user.save()


def pain_entry_save(
    *, user: User, entry_id: uuid.UUID, values: Mapping[str, Any], replace: bool = False
) -> tuple[PainEntry, bool]:
    """Return (entry, created) for a pain rating; resends store one row."""
    return client_record_save(
        model=PainEntry, user=user, record_id=entry_id, values=values, replace=replace
    )


def pain_entry_delete(*, entry: PainEntry) -> None:
    """Delete one of a user's pain entries; the caller found it among that user's own."""
    entry.delete()


def pause_day_save(*, user: User, date: datetime.date, reason: str) -> tuple[PauseDay, bool]:
    """Return (pause, created) after marking local `date` as paused for `reason`.

    Idempotent: pausing a date that is already paused updates its reason and
    returns created=False. The caller has checked the date and the reason.
    """
    # update_or_create locks the row and retries the read when a concurrent
    # insert wins the (user, date) unique constraint, so two sends keep one row.
    return PauseDay.objects.update_or_create(user=user, date=date, defaults={"reason": reason})


def pause_day_delete(*, user: User, date: datetime.date) -> bool:
    """Return True after removing the user's pause on `date`, False if there was none."""
    deleted, _ = PauseDay.objects.filter(user=user, date=date).delete()
    return deleted > 0


class GoalRuleError(Exception):
    """A goal write that breaks a rule of the scale; `field` names the input at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _lock_patient_goals(patient: User) -> None:
    # Two concurrent creates would both count 4 active goals and both insert;
    # locking the patient's row makes them take turns (a no-op on SQLite,
    # which serializes writes anyway).
    User.objects.select_for_update().filter(pk=patient.pk).first()
    if Goal.objects.filter(patient=patient, archived_at__isnull=True).count() >= GOALS_ACTIVE_MAX:
        raise GoalRuleError(
            "non_field_errors",
            f"At most {GOALS_ACTIVE_MAX} active goals: archive one before adding another.",
        )


@transaction.atomic
def goal_create(*, patient: User, activity: str, created_by: User, now: datetime.datetime) -> Goal:
    """Return a new active goal for the patient, named by them or their linked therapist.

    The caller has checked that `created_by` may act for the patient. Raises
    GoalRuleError when the patient already has five active goals.
    """
    _lock_patient_goals(patient)
    return Goal.objects.create(
        patient=patient, activity=activity, created_by=created_by, created_at=now
    )


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    now: datetime.datetime,
    activity: str | None = None,
    archived: bool | None = None,
) -> Goal:
    """Return the goal renamed and/or archived (or brought back); None leaves a part as it is.

    Bringing back an archived goal counts against the five active ones
    (GoalRuleError when they are all taken).
    """
    if activity is not None:
        goal.activity = activity
    if archived is True and goal.archived_at is None:
        goal.archived_at = now
    elif archived is False and goal.archived_at is not None:
        _lock_patient_goals(goal.patient)
        goal.archived_at = None
    goal.save(update_fields=["activity", "archived_at"])
    return goal


def goal_rating_add(
    *, goal: Goal, score: int, rated_at: datetime.datetime, rated_by: User
) -> GoalRating:
    """Return a new 0-10 rating of an active goal at `rated_at` (not before the goal existed).

    The caller has checked the score's range and that `rated_at` is not in
    the future; raises GoalRuleError for an archived goal or an earlier instant.
    """
    if goal.archived_at is not None:
        raise GoalRuleError("non_field_errors", "This goal is archived; bring it back to rate it.")
    if rated_at < goal.created_at:
        raise GoalRuleError("rated_at", "Must not be before the goal was named.")
    return GoalRating.objects.create(goal=goal, score=score, rated_at=rated_at, rated_by=rated_by)
