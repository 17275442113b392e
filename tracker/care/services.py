"""Writes for care: invites (create, email, cancel, accept), ending links, consent,
therapist-set reminders."""

import re
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reminders.models import Schedule, ScheduleKind
from reminders.services import schedule_save, schedules_set_by_stop
from tracker.care.selectors import alert_acknowledged, dashboard_rows, reminder_set_by
from tracker.care.serializers import AcceptSerializer
from tracker.languages import LANGUAGE_CODES
from tracker.models import AlertAcknowledgement, AlertKind, CareInvite, CareLink, Role, User

# No 0/O, 1/I/L: a code read aloud or copied from paper cannot be mistyped into another.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # 31**10 ≈ 8·10^14 codes, against a throttled guesser.
INVITE_LIFETIME = timedelta(days=7)


# The one answer to every code that does not link: unknown, expired, used or cancelled.
INVALID_CODE = gettext_lazy("This code is not valid. Ask your therapist for a new one.")


class InvalidInviteCode(Exception):
    """The code is unknown, expired, used or cancelled: one error, so an answer tells a
    guesser nothing."""


class InviteRefused(Exception):
    """A submitted code was not accepted; `errors` maps fields to messages, as a form shows them."""

    def __init__(self, errors: Mapping[str, list[str]]):
        super().__init__(errors)
        self.errors = dict(errors)


class NoRemindersConsent(Exception):
    """The patient has not consented (or no longer consents) to this therapist's reminders."""


class AlertNotFound(Exception):
    """No open or acknowledged alert of that patient has this id."""


class CareRoleError(Exception):
    """The user's role does not allow this (a patient inviting, a therapist accepting)."""


def code_normalize(code: str) -> str:
    """Return the code as stored: upper case, without the spaces and dashes people type."""
    return "".join(code.split()).replace("-", "").upper()


def code_hash(code: str) -> str:
    """Return the hex HMAC-SHA256 of a normalized code, keyed by SECRET_KEY.

    Keyed rather than a plain hash: the codes are short enough that a stolen
    table of plain SHA-256 hashes could be searched offline in hours.
    """
    return salted_hmac("tracker.care.invite", code_normalize(code), algorithm="sha256").hexdigest()


def invite_create(*, therapist: User, now: datetime, email: str = "") -> tuple[CareInvite, str]:
    """Return a new invite and its code; the code is not stored and cannot be shown again.

    `email` only records where the invite goes (see `invite_email_send`).
    """
    if therapist.role != Role.THERAPIST:
        raise CareRoleError("Only therapists can create invites.")
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    invite = CareInvite.objects.create(
        therapist=therapist,
        code_hash=code_hash(code),
        email=email,
        created_at=now,
        expires_at=now + INVITE_LIFETIME,
    )
    return invite, code


def invite_email_send(*, invite_id: int, code: str, link: str, now: datetime) -> bool:
    """Send the invite's email (link and code) to its address; return False if not sent.

    An invite cancelled, used or expired by the time this runs (the email is
    sent from a Celery task) is not sent: the code would fail anyway.
    """
    invite = (
        CareInvite.objects.filter(
            pk=invite_id, cancelled_at__isnull=True, used_at__isnull=True, expires_at__gt=now
        )
        .exclude(email="")
        .select_related("therapist")
        .first()
    )
    if invite is None:
        return False
    with translation.override(invite_email_language(invite)):
        _invite_email(invite, code=code, link=link)
    return True


def invite_email_language(invite: CareInvite) -> str:
    """Return the language an invite's email is written in.

    The invited person's own setting when the address belongs to an account
    (they chose it); otherwise the therapist's, the one language known to be
    read at the practice (README, "Languages").
    """
    invited = User.objects.filter(email__iexact=invite.email).exclude(email="").first()
    for person in (invited, invite.therapist):
        if person is not None and person.language in LANGUAGE_CODES:
            return person.language
    return settings.LANGUAGE_CODE


def _invite_email(invite: CareInvite, *, code: str, link: str) -> None:
    context = {
        "therapist": invite.therapist.display_name or invite.therapist.username,
        "code": code,
        "link": link,
        "expires_at": invite.expires_at,
    }
    send_mail(
        # One line whatever the display name holds: a header cannot take a newline.
        subject=_("%(name)s invites you to StretchStop")
        % {"name": " ".join(context["therapist"].split())},
        message=render_to_string("tracker/email/care_invite.txt", context),
        from_email=None,
        recipient_list=[invite.email],
    )


def invite_cancel(*, invite: CareInvite, now: datetime) -> bool:
    """Cancel a pending invite: its code then fails like any invalid one.

    Return False, changing nothing, if it was already used, cancelled or expired.
    """
    return bool(
        CareInvite.objects.filter(
            pk=invite.pk, cancelled_at__isnull=True, used_at__isnull=True, expires_at__gt=now
        ).update(cancelled_at=now)
    )


@transaction.atomic
def invite_accept(
    *, patient: User, code: str, reminders_consent: bool, now: datetime
) -> tuple[CareLink, bool]:
    """Return the care link the code grants and whether it is new.

    1. Find the invite by the code's hash; unknown, expired, used and cancelled
       codes all raise the same InvalidInviteCode.
    2. Claim it with a conditional update, so two racing accepts of one code
       cannot both succeed.
    3. Create the link, or, if this pair is already linked, keep that link and
       record the consent just given.
    """
    if patient.role != Role.PATIENT:
        raise CareRoleError("Only patients can accept invites.")
    invite = CareInvite.objects.filter(code_hash=code_hash(code)).first()
    if invite is None:
        raise InvalidInviteCode()
    claimed = CareInvite.objects.filter(
        pk=invite.pk, used_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=now
    ).update(used_at=now, used_by=patient)
    if not claimed:
        raise InvalidInviteCode()

    existing = CareLink.objects.filter(
        therapist_id=invite.therapist_id, patient=patient, ended_at__isnull=True
    ).first()
    if existing is None:
        try:
            with transaction.atomic():
                link = CareLink.objects.create(
                    therapist_id=invite.therapist_id,
                    patient=patient,
                    created_at=now,
                    reminders_consent=reminders_consent,
                )
            return link, True
        except IntegrityError:
            # Another invite from the same therapist was accepted at the same moment.
            existing = CareLink.objects.get(
                therapist_id=invite.therapist_id, patient=patient, ended_at__isnull=True
            )
    reminders_consent_set(link=existing, consent=reminders_consent)
    return existing, False


def invite_accept_submitted(
    *, patient: User, data: Mapping[str, Any], now: datetime
) -> tuple[CareLink, bool]:
    """Return (link, created) for a submitted `{code, reminders_consent}`, from the API or a page.

    Raise InviteRefused with the fields' messages for malformed input, and with
    the one INVALID_CODE message for any code that does not link, whatever the reason.
    """
    incoming = AcceptSerializer(data=data)
    if not incoming.is_valid():
        raise InviteRefused(
            {field: [str(m) for m in msgs] for field, msgs in incoming.errors.items()}
        )
    try:
        return invite_accept(
            patient=patient,
            code=incoming.validated_data["code"],
            reminders_consent=incoming.validated_data["reminders_consent"],
            now=now,
        )
    except InvalidInviteCode:
        raise InviteRefused({"code": [str(INVALID_CODE)]}) from None


@transaction.atomic
def reminders_consent_set(*, link: CareLink, consent: bool) -> CareLink:
    """Record the patient's consent (or its withdrawal) to reminders set by the therapist.

    Withdrawing it stops the reminders this therapist set for the patient at once.
    """
    if link.reminders_consent != consent:
        link.reminders_consent = consent
        link.save(update_fields=["reminders_consent"])
    if not consent:
        schedules_set_by_stop(user=link.patient, set_by=link.therapist)
    return link


@transaction.atomic
def care_reminder_save(
    *, therapist: User, patient: User, values: Mapping[str, Any], now: datetime
) -> tuple[Schedule, bool]:
    """Return (schedule, created): the one sitting reminder this therapist sets for the patient.

    1. Lock the pair's active link, so consent cannot be withdrawn (nor a second
       reminder created) while this runs; no active link or no consent raises
       NoRemindersConsent.
    2. Update the therapist's sitting schedule for this patient, or create it,
       with set_by = therapist. Saving turns it on again if a withdrawal or an
       ended link had turned it off; a pause the patient set (paused_until) stays.
    """
    link = (
        CareLink.objects.select_for_update()
        .filter(therapist=therapist, patient=patient, ended_at__isnull=True)
        .first()
    )
    if link is None or not link.reminders_consent:
        raise NoRemindersConsent()
    schedule = reminder_set_by(therapist=therapist, patient=patient)
    created = schedule is None
    if created:
        schedule = Schedule(set_by=therapist, kind=ScheduleKind.SITTING)
    schedule = schedule_save(
        user=patient, values={**values, "is_active": True}, now=now, schedule=schedule
    )
    return schedule, created


def alert_acknowledge(*, link: CareLink, kind: str, occurrence: str, now: datetime) -> bool:
    """Record that the therapist has seen this occurrence; return False if already recorded.

    The unique constraint on (link, kind, occurrence) settles two acknowledgements
    sent at once: the second finds the first's row.
    """
    _, created = AlertAcknowledgement.objects.get_or_create(
        link=link, kind=kind, occurrence=occurrence, defaults={"acknowledged_at": now}
    )
    return created


# What tracker.care.dashboard makes occurrences of: ids, dates, epoch seconds.
ALERT_OCCURRENCE = re.compile(r"[0-9A-Za-z-]{1,64}")


def alert_acknowledge_open(*, therapist: User, patient: User, alert_id: str, now: datetime) -> bool:
    """Acknowledge the alert `alert_id` ("kind:occurrence") about a linked patient.

    Only an alert the dashboard shows open for this patient now is recorded (True);
    one the therapist already acknowledged changes nothing (False); anything else
    (malformed, unknown, another patient's, no longer raised) raises AlertNotFound.
    The caller has found `patient` through `linked_patient_or_none`.
    """
    kind, _, occurrence = alert_id.partition(":")
    if kind not in AlertKind.values or not ALERT_OCCURRENCE.fullmatch(occurrence):
        raise AlertNotFound(alert_id)
    (row,) = dashboard_rows(therapist=therapist, now=now, patient_id=patient.pk)
    if any(alert.id == alert_id for alert in row.alerts):
        return alert_acknowledge(link=row.link, kind=kind, occurrence=occurrence, now=now)
    if alert_acknowledged(link=row.link, kind=kind, occurrence=occurrence):
        return False
    raise AlertNotFound(alert_id)
