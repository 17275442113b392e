"""The patient's answers to the onboarding safety screen, and which warning signs are new."""

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.db import transaction

from exercises.library import SAFETY_SCREEN
from tracker.models import SafetyCheck, User

SCREEN_SLUGS: tuple[str, ...] = tuple(question["slug"] for question in SAFETY_SCREEN)


def warning_signs_from(answers: Mapping[str, bool]) -> list[str]:
    """Return the slugs answered "yes", in the screen's order (stable for comparisons)."""
    return [slug for slug in SCREEN_SLUGS if answers.get(slug) is True]


def new_warning_signs(*, ticked: Sequence[str], previous: Sequence[str] | None) -> list[str]:
    """Return the ticked slugs that were not ticked last time; all of them on a first check."""
    if previous is None:
        return list(ticked)
    return [slug for slug in ticked if slug not in previous]


@transaction.atomic
def safety_check_save(*, user: User, answers: Mapping[str, bool], now: datetime) -> SafetyCheck:
    """Store a new check and return it, with the signs that are new since the previous one.

    The patient's row is locked first, so two checks sent at once are compared
    one after the other rather than both against the same previous check.
    """
    User.objects.select_for_update().filter(pk=user.pk).first()
    previous = SafetyCheck.objects.filter(user=user).order_by("-answered_at", "-id").first()
    ticked = warning_signs_from(answers)
    return SafetyCheck.objects.create(
        user=user,
        answered_at=now,
        warning_signs=ticked,
        new_warning_signs=new_warning_signs(
            ticked=ticked, previous=previous.warning_signs if previous else None
        ),
    )


def latest_safety_check(user: User) -> SafetyCheck | None:
    """Return the user's most recent check, or None if they never answered the screen."""
    return SafetyCheck.objects.filter(user=user).order_by("-answered_at", "-id").first()
