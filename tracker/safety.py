"""The patient's answers to the onboarding safety screen, and which warning signs are new."""

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from exercises.library import PAIN_CHECK_LOCATIONS, PAIN_CHECK_RATING, SAFETY_SCREEN
from tracker.days import day_bounds, local_date
from tracker.models import PainEntry, SafetyCheck, User

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


def safety_screen_answered(user: User) -> bool:
    """Return True once the user has answered the safety screen at least once."""
    return SafetyCheck.objects.filter(user=user).exists()


def sees_professional_first(check: SafetyCheck | None) -> bool:
    """Return True when the latest answers hold a yes: see a professional before starting."""
    return check is not None and bool(check.warning_signs)


def pain_needs_checking(*, rating: int, locations: Sequence[str]) -> bool:
    """Return True when a pain rating calls for the advice to get it checked.

    A rating of PAIN_CHECK_RATING (8) or more, or pain in one of
    PAIN_CHECK_LOCATIONS ("down the leg"), whatever the rating: see
    exercises.library.PAIN_CHECK_ADVICE for the sources.
    """
    return rating >= PAIN_CHECK_RATING or any(place in PAIN_CHECK_LOCATIONS for place in locations)


def pain_today(user: User) -> list[tuple[int, list[str]]]:
    """Return (rating, locations) of each of the user's pain ratings on their local today."""
    start, end = day_bounds(local_date(timezone.now(), user.tzinfo), user.tzinfo)
    return [
        (rating, list(locations or ()))
        for rating, locations in PainEntry.objects.filter(
            user=user, recorded_at__gte=start, recorded_at__lt=end
        ).values_list("rating", "locations")
    ]


def answers_as_asked(check: SafetyCheck) -> list[tuple[str, bool]]:
    """Return (question, answered yes) for each question of the screen, in its order.

    A check stores only the slugs answered yes: every other question was a no.
    """
    return [(q["question"], q["slug"] in check.warning_signs) for q in SAFETY_SCREEN]
