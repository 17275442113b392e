"""Drive mode: start, stop, resume and end a drive, keeping its next reminder in step."""

from datetime import datetime

from django.db import IntegrityError, transaction

from reminders.drive_rules import count_started_at, next_drive_reminder
from reminders.models import Drive, DriveSegment, SegmentKind
from reminders.rules import drive_rule, drive_segments


class DriveStateError(Exception):
    """The drive is not in a state that allows this (no drive, already stopped...)."""


def _refresh(drive: Drive, now: datetime) -> None:
    rule, segments = drive_rule(drive), drive_segments(drive)
    if (
        drive.reminded_for is not None
        and count_started_at(rule, segments, now) != drive.reminded_for
    ):
        # A long enough stop reset the count: the next count gets its own reminder.
        drive.reminded_for = None
    drive.next_fire_at = (
        None
        if drive.ended_at is not None
        else next_drive_reminder(rule, segments, now, already_fired_for=drive.reminded_for)
    )
    drive.save(update_fields=["next_fire_at", "reminded_for", "ended_at"])


def current_drive(*, user) -> Drive | None:
    return Drive.objects.filter(user=user, ended_at__isnull=True).first()


@transaction.atomic
def drive_start(*, user, rules: str, stop_every_minutes: int, now: datetime) -> Drive:
    """Return a new drive, driving from `now`. One open drive per person."""
    try:
        with transaction.atomic():
            drive = Drive.objects.create(
                user=user, rules=rules, stop_every_minutes=stop_every_minutes, started_at=now
            )
    except IntegrityError:
        raise DriveStateError("A drive is already running; end it first.") from None
    DriveSegment.objects.create(drive=drive, kind=SegmentKind.DRIVING, start=now)
    _refresh(drive, now)
    return drive


def _switch(user, *, to: str, now: datetime) -> Drive:
    drive = Drive.objects.select_for_update().filter(user=user, ended_at__isnull=True).first()
    if drive is None:
        raise DriveStateError("No drive is running.")
    segment = drive.segments.filter(end__isnull=True).first()
    if segment is not None and segment.kind == to:
        raise DriveStateError(
            "You are already stopped." if to == SegmentKind.STOPPED else "You are already driving."
        )
    if segment is not None:
        segment.end = max(now, segment.start)
        segment.save(update_fields=["end"])
    DriveSegment.objects.create(drive=drive, kind=to, start=now)
    _refresh(drive, now)
    return drive


@transaction.atomic
def drive_stop(*, user, now: datetime) -> Drive:
    """Mark a stop: the moment to stretch. Reminders from now on may be interactive."""
    return _switch(user, to=SegmentKind.STOPPED, now=now)


@transaction.atomic
def drive_resume(*, user, now: datetime) -> Drive:
    return _switch(user, to=SegmentKind.DRIVING, now=now)


@transaction.atomic
def drive_end(*, user, now: datetime) -> Drive:
    drive = Drive.objects.select_for_update().filter(user=user, ended_at__isnull=True).first()
    if drive is None:
        raise DriveStateError("No drive is running.")
    drive.segments.filter(end__isnull=True).update(end=now)
    drive.ended_at = now
    _refresh(drive, now)
    return drive
