"""Everything a user owns, as plain data: the basis of "export my data"."""

from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlsplit

from django.db.models import Q

from exercises.models import ExerciseLog, Plan
from reminders.models import Delivery, Drive, PushSubscription, Schedule
from tracker.models import (
    AccessRecord,
    CareLink,
    CareMessage,
    Goal,
    PainEntry,
    PauseDay,
    SafetyCheck,
    User,
)
from tracker.selectors import links_for


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def account_export(*, user: User) -> dict[str, Any]:
    """Return every row the user owns as JSON-ready dicts (instants in UTC, ISO 8601)."""
    # Deleted plans and every version's items too: the history of what was planned.
    plans = Plan.objects.filter(user=user).prefetch_related("items__exercise", "items__version")
    logs = ExerciseLog.objects.filter(user=user).select_related("exercise", "routine")
    return {
        "account": {
            "username": user.username,
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role,
            "profile": user.profile,
            "timezone": user.timezone,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
        },
        "plans": [
            {
                "id": plan.pk,
                "name": plan.name,
                "notes": plan.notes,
                "is_paused": plan.is_paused,
                "assigned_by": plan.assigned_by_id,
                "created_at": plan.created_at.isoformat(),
                "ended_on": plan.ended_on.isoformat() if plan.ended_on else None,
                "items": [
                    {
                        "id": item.pk,
                        "exercise": item.exercise.slug,
                        "hold_seconds": item.hold_seconds,
                        "reps": item.reps,
                        "sets": item.sets,
                        "times_per_day": item.times_per_day,
                        "days_of_week": item.days_of_week,
                        "notes": item.notes,
                        "progression": _progression(item.progression),
                        "side": item.side,
                        "version": item.version.number if item.version else None,
                        "version_from": _day(item.version.effective_from if item.version else None),
                        "version_to": _day(item.version.effective_to if item.version else None),
                    }
                    for item in plan.items.all()
                ],
            }
            for plan in plans
        ],
        "logs": [
            {
                "id": str(log.pk),
                "performed_at": log.performed_at.isoformat(),
                "exercise": log.exercise.slug if log.exercise else None,
                "routine": log.routine.slug if log.routine else None,
                "plan_item": log.plan_item_id,
                "sets": log.sets,
                "reps": log.reps,
                "hold_seconds": log.hold_seconds,
                "duration_seconds": log.duration_seconds,
                "pain_before": log.pain_before,
                "pain_after": log.pain_after,
                "note": log.note,
                "origin": log.origin,
                "delivery": log.origin_delivery_id,
            }
            for log in logs
        ],
        "pain_entries": [
            {
                "id": str(entry.pk),
                "recorded_at": entry.recorded_at.isoformat(),
                "rating": entry.rating,
                "locations": entry.locations,
                "context": entry.context,
                "note": entry.note,
            }
            for entry in PainEntry.objects.filter(user=user)
        ],
        "pause_days": [
            {"date": pause.date.isoformat(), "reason": pause.reason}
            for pause in PauseDay.objects.filter(user=user)
        ],
        # Function goals (Patient-Specific Functional Scale) with every rating.
        "goals": [
            {
                "id": goal.pk,
                "activity": goal.activity,
                "created_by": goal.created_by_id,
                "created_at": goal.created_at.isoformat(),
                "archived_at": goal.archived_at.isoformat() if goal.archived_at else None,
                "ratings": [
                    {
                        "score": rating.score,
                        "rated_at": rating.rated_at.isoformat(),
                        "rated_by": rating.rated_by_id,
                    }
                    for rating in goal.ratings.all()
                ],
            }
            for goal in Goal.objects.filter(patient=user).prefetch_related("ratings")
        ],
        # Answers to the safety screen: the questions answered yes, oldest check first.
        "safety_checks": [
            {
                "answered_at": check.answered_at.isoformat(),
                "warning_signs": check.warning_signs,
                "new_warning_signs": check.new_warning_signs,
            }
            for check in SafetyCheck.objects.filter(user=user).order_by("answered_at", "id")
        ],
        # Who could see this user's data (or whose they see) and until when.
        "care_links": [_care_link(link, user) for link in links_for(user)],
        # Every message on the user's links, ended ones too, on either side.
        "messages": [
            {
                "id": message.pk,
                "link": message.link_id,
                "sender": message.sender_id,
                "from_me": message.sender_id == user.pk,
                "sent_at": _iso(message.sent_at),
                "read_at": _iso(message.read_at),
                "body": message.body,
            }
            for message in CareMessage.objects.filter(
                Q(link__patient=user) | Q(link__therapist=user)
            ).order_by("sent_at", "id")
        ],
        **_reminders_export(user),
        # Who read or changed this user's data (tracker.audit), oldest first.
        "access_log": [
            {
                "id": record.pk,
                "at": _iso(record.at),
                "actor": record.actor_id,
                "actor_name": record.actor_name,
                "kind": record.kind,
                "what": record.what,
                "via": record.via,
                "method": record.method,
                "path": record.path,
                "status": record.status,
                "address": record.address,
            }
            for record in AccessRecord.objects.filter(patient=user).order_by("at", "id")
        ],
    }


def _iso(value: date | datetime | time | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def _care_link(link: CareLink, user: User) -> dict[str, Any]:
    other = link.therapist if link.patient_id == user.pk else link.patient
    return {
        "id": link.pk,
        "my_role": "patient" if link.patient_id == user.pk else "therapist",
        # The other party as the links API shows them: id and display name, no login name.
        "other_party_id": other.pk,
        "other_party_display_name": other.display_name,
        "started_at": _iso(link.created_at),
        "ended_at": _iso(link.ended_at),
        "ended_by": link.ended_by_id,
        "reminders_consent": link.reminders_consent,
    }


def _reminders_export(user: User) -> dict[str, list]:
    schedules = Schedule.objects.filter(user=user).select_related("routine")
    drives = Drive.objects.filter(user=user).prefetch_related("segments")
    deliveries = Delivery.objects.filter(user=user).select_related("routine")
    return {
        "reminders": [
            {
                "id": schedule.pk,
                "kind": schedule.kind,
                "name": schedule.name,
                "is_active": schedule.is_active,
                "interval_minutes": schedule.interval_minutes,
                "window_start": _iso(schedule.window_start),
                "window_end": _iso(schedule.window_end),
                "weekdays": schedule.weekdays,
                "times": schedule.times,
                "quiet_start": _iso(schedule.quiet_start),
                "quiet_end": _iso(schedule.quiet_end),
                "paused_until": _iso(schedule.paused_until),
                "snoozed_until": _iso(schedule.snoozed_until),
                "channels": schedule.channels,
                "routine": schedule.routine.slug if schedule.routine else None,
                "set_by": schedule.set_by_id,
                "next_fire_at": _iso(schedule.next_fire_at),
                "last_fired_at": _iso(schedule.last_fired_at),
                "created_at": _iso(schedule.created_at),
            }
            for schedule in schedules
        ],
        "drives": [
            {
                "id": drive.pk,
                "rules": drive.rules,
                "stop_every_minutes": drive.stop_every_minutes,
                "started_at": _iso(drive.started_at),
                "ended_at": _iso(drive.ended_at),
                "segments": [
                    {"kind": segment.kind, "start": _iso(segment.start), "end": _iso(segment.end)}
                    for segment in drive.segments.all()
                ],
            }
            for drive in drives
        ],
        # What the user saw and answered; send attempts, leases and errors are plumbing.
        "deliveries": [
            {
                "id": delivery.pk,
                "kind": delivery.kind,
                "due_at": _iso(delivery.due_at),
                "reminder": delivery.schedule_id,
                "drive": delivery.drive_id,
                "routine": delivery.routine.slug if delivery.routine else None,
                "channels": delivery.channels,
                "state": delivery.state,
                "sent_at": _iso(delivery.sent_at),
                "action": delivery.action,
                "acted_at": _iso(delivery.acted_at),
            }
            for delivery in deliveries
        ],
        # Without the endpoint URL and its keys: together they let anyone push to
        # the browser. The push service's host says which browser it is.
        "push_subscriptions": [
            {
                "id": sub.pk,
                "push_service": urlsplit(sub.endpoint).hostname or "",
                "user_agent": sub.user_agent,
                "created_at": _iso(sub.created_at),
                "last_success_at": _iso(sub.last_success_at),
            }
            for sub in PushSubscription.objects.filter(user=user)
        ],
    }


def _progression(progression: dict | None) -> dict | None:
    if progression and progression["start"]:
        return {**progression, "start": progression["start"].isoformat()}
    return progression
