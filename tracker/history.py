"""Reads for the history of what a person recorded: logs and pain entries together.

Today's "Logged today" list and the History page (/history/) both read here, so
both show the same records the API has.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from django.utils.translation import gettext, ngettext

from exercises.models import ExerciseLog
from exercises.selectors import logs_for_user
from tracker.days import day_bounds, local_date
from tracker.models import PainEntry, PainLocation, User
from tracker.selectors import pain_entries_for_user

HISTORY_DAYS = 30
_LOCATION_LABELS = dict(PainLocation.choices)


@dataclass(frozen=True)
class HistoryEntry:
    """One record in a person's history: a log (kind "log") or a pain entry ("pain")."""

    kind: str
    at: datetime
    record: ExerciseLog | PainEntry

    @property
    def id(self) -> str:
        return str(self.record.pk)

    @property
    def label(self) -> str:
        if isinstance(self.record, PainEntry):
            return gettext("Pain %(rating)s/10") % {"rating": self.record.rating}
        if self.record.routine_id and self.record.exercise_id:
            # One exercise of a routine finished early (the player's partial session).
            return gettext("%(exercise)s, part of %(routine)s") % {
                "exercise": self.record.exercise.name,
                "routine": self.record.routine.name,
            }
        if self.record.routine_id:
            return self.record.routine.name
        if self.record.exercise_id:
            return self.record.exercise.name
        return gettext("Stretch")

    @property
    def detail(self) -> str:
        """Return the recorded extras in words ("3 sets, 10 reps"; "Lower back"), or ""."""
        record = self.record
        if isinstance(record, PainEntry):
            parts = [str(_LOCATION_LABELS.get(place, place)) for place in record.locations]
        else:
            parts = []
            if record.sets is not None:
                parts.append(
                    ngettext("%(sets)s set", "%(sets)s sets", record.sets) % {"sets": record.sets}
                )
            if record.reps is not None:
                parts.append(
                    ngettext("%(reps)s rep", "%(reps)s reps", record.reps) % {"reps": record.reps}
                )
            if record.hold_seconds is not None:
                parts.append(gettext("hold %(seconds)s s") % {"seconds": record.hold_seconds})
        return ", ".join(parts)


@dataclass(frozen=True)
class HistoryDay:
    date: date
    entries: list[HistoryEntry]


def history_entries(*, user: User, since: datetime, until: datetime) -> list[HistoryEntry]:
    """Return the user's logs and pain entries in [since, until), newest first."""
    logs = [
        HistoryEntry(kind="log", at=log.performed_at, record=log)
        for log in logs_for_user(user=user, since=since, until=until)
    ]
    pain = [
        HistoryEntry(kind="pain", at=entry.recorded_at, record=entry)
        for entry in pain_entries_for_user(user=user, since=since, until=until)
    ]
    return sorted(logs + pain, key=lambda entry: (entry.at, entry.id), reverse=True)


def entries_on(*, user: User, day: date) -> list[HistoryEntry]:
    """Return the user's logs and pain entries of local `day`, newest first."""
    start, end = day_bounds(day, user.tzinfo)
    return history_entries(user=user, since=start, until=end)


def history_by_day(*, user: User, today: date, tz: tzinfo) -> list[HistoryDay]:
    """Return the last HISTORY_DAYS local days (today included) that have records, newest first.

    Days are the user's local days in `tz`; a day with nothing recorded is left out.
    """
    since, _ = day_bounds(today - timedelta(days=HISTORY_DAYS - 1), tz)
    _, until = day_bounds(today, tz)
    days: list[HistoryDay] = []
    for entry in history_entries(user=user, since=since, until=until):
        day = local_date(entry.at, tz)
        if not days or days[-1].date != day:
            days.append(HistoryDay(date=day, entries=[]))
        days[-1].entries.append(entry)
    return days
