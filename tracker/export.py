"""Everything a user owns, as plain data: the basis of "export my data"."""

from typing import Any

from exercises.models import ExerciseLog, Plan
from tracker.models import Goal, PainEntry, PauseDay, SafetyCheck, User


def account_export(*, user: User) -> dict[str, Any]:
    """Return every row the user owns as JSON-ready dicts (instants in UTC, ISO 8601)."""
    plans = Plan.objects.filter(user=user).prefetch_related("items__exercise")
    logs = ExerciseLog.objects.filter(user=user).select_related("exercise", "routine")
    return {
        "account": {
            "username": user.username,
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role,
            "profile": user.profile,
            "timezone": user.timezone,
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
    }


def _progression(progression: dict | None) -> dict | None:
    if progression and progression["start"]:
        return {**progression, "start": progression["start"].isoformat()}
    return progression
