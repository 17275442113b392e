"""Writes for the tracker app: accounts, pain entries, pause days."""

import datetime
import uuid
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from knox.models import AuthToken

from exercises.services import client_record_save
from tracker.models import PainEntry, PauseDay, Role, User


@transaction.atomic
def account_register(
    *,
    username: str,
    password: str,
    role: str,
    timezone: str,
    email: str = "",
    display_name: str = "",
    profile: str = "",
) -> tuple[User, str]:
    """Return the new user and a fresh API token for them.

    The password must already have passed Django's validators (see
    password_problems); it is stored hashed with Argon2.
    """
    user = User.objects.create_user(
        username=username,
        password=password,
        email=email,
        role=role,
        timezone=timezone,
        display_name=display_name,
        profile=profile if role == Role.PATIENT else "",
    )
    return user, token_create(user=user)


def password_problems(*, password: str, username: str, email: str = "") -> list[str]:
    """Return Django's password validators' complaints about `password`, if any."""
    try:
        validate_password(password, user=User(username=username, email=email))
    except ValidationError as error:
        return list(error.messages)
    return []


def token_create(*, user: User) -> str:
    """Return a new API token for `user`; only its hash is stored."""
    _, key = AuthToken.objects.create(user)
    return key


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the user and, through cascades, every row they own."""
    user.delete()


def pain_entry_save(
    *, user: User, entry_id: uuid.UUID, values: Mapping[str, Any], replace: bool = False
) -> tuple[PainEntry, bool]:
    """Return (entry, created) for a pain rating; resends store one row."""
    return client_record_save(
        model=PainEntry, user=user, record_id=entry_id, values=values, replace=replace
    )


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
