"""The therapist's dashboard: pure math over one patient's aggregated numbers.

No ORM and no clock: `tracker.care.selectors.dashboard_rows` reads the
numbers of every linked patient in a fixed number of queries and hands each
patient's to these functions with the current instant.

Adherence uses the definitions of tracker.progress, so the dashboard agrees
with the patient's own progress: a day counts when something was planned on
it, it is not paused (a pause waives the plan), and it is over or already
complete (today, until complete, is pending). Over those days, adherence is
Σ min(logged, planned) / Σ planned: each day capped at what was planned, so
extra sessions one day cannot make up for a missed one.

Alerts are computed on read from the same numbers; only a therapist's
acknowledgement is stored, keyed by (link, kind, occurrence). The occurrence
names the event that raised the alert, so a newer event is a new alert:

- pain_rise: the 7-day mean pain is 2 or more points above the previous 7
  days'; occurrence: the first local day of the current run of such days.
- pain_high: a rating of 8 or more in the last 7 days; occurrence: the
  latest such rating's id. The message says where it was felt and what it
  followed, when the patient said.
- inactive: nothing logged (no session, no pain entry) for 5 days while a
  plan is active; occurrence: the instant the quiet began (the last
  activity, or the plan's start when it is later).
- warning_sign: the patient's latest safety check that ticked a sign not
  ticked before; occurrence: that check's id.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from exercises.library import SAFETY_SCREEN
from tracker.models import AlertKind, PainContext, PainLocation
from tracker.progress import DayState, DayValue, day_state

PAIN_WINDOW_DAYS = 7
PAIN_RISE_POINTS = 2
PAIN_HIGH_RATING = 8
INACTIVE_DAYS = 5
ADHERENCE_WINDOWS = (7, 28)
# "Days with data": the local days, today included, on which the patient logged
# a session or rated their pain.
DATA_DAYS_WINDOW = 30
# How far back the start of a pain rise is looked for. A rise of 2 points a
# week cannot go on longer than 5 weeks on a 0-10 scale, so in practice the
# run always starts inside it; were it not to, the occurrence would move (and
# the alert come back) once every day past this.
PAIN_RISE_LOOKBACK_DAYS = 28
# Local days of pain the dashboard needs for every patient: the two weeks the
# means compare, and the days with data.
PAIN_DAYS_READ = max(2 * PAIN_WINDOW_DAYS, DATA_DAYS_WINDOW)
# Local days of pain it needs for a patient whose pain is rising today: the
# lookback plus the two weeks the earliest day compares.
PAIN_DAYS_NEEDED = PAIN_RISE_LOOKBACK_DAYS + 2 * PAIN_WINDOW_DAYS - 1


class PlannedDay(NamedTuple):
    """One local day: sessions logged and planned, and whether the patient paused it."""

    date: date
    logged: int
    planned: int
    paused: bool = False


class PainTally(NamedTuple):
    """The pain entries of one local day: their number and the sum of their ratings.

    A named tuple, not a dataclass: the dashboard makes tens of thousands.
    """

    count: int
    total: int


@dataclass(frozen=True)
class PainMean:
    """All the pain entries of a run of days, as an exact fraction total / count."""

    count: int
    total: int

    @property
    def value(self) -> float | None:
        return round(self.total / self.count, 1) if self.count else None


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    occurrence: str
    since: datetime
    message: str

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.occurrence}"


@dataclass(frozen=True)
class AlertFacts:
    """What the alert rules look at for one patient, all read before `now`."""

    now: datetime
    # The first local day of the current pain rise and that day's first instant.
    pain_rise_day: date | None = None
    pain_rise_since: datetime | None = None
    pain_mean_7: float | None = None
    pain_mean_previous_7: float | None = None
    # The latest rating of PAIN_HIGH_RATING or more in the last 7 days.
    high_rating_id: str | None = None
    high_rating: int | None = None
    high_rating_at: datetime | None = None
    # Where that rating was felt and what it followed, as stored (values, not labels).
    high_rating_locations: tuple[str, ...] = ()
    high_rating_context: str = ""
    last_activity_at: datetime | None = None
    # When the patient's earliest active (not paused) plan with items was made; None: no plan.
    plan_active_since: datetime | None = None
    # The latest safety check that reported a new warning sign.
    warning_check_id: int | None = None
    warning_check_at: datetime | None = None
    warning_signs: tuple[str, ...] = ()


# The screen's questions by slug (lazy texts, translated when shown), and the
# stored values a pain rating's location and context may take: made once, not
# for every alert of every patient.
_WARNING_QUESTIONS = {question["slug"]: question["question"] for question in SAFETY_SCREEN}
_PAIN_LOCATIONS = frozenset(PainLocation.values)
_PAIN_CONTEXTS = frozenset(PainContext.values)


def _warning_sign_words(slug: str) -> str:
    """The safety screen's question for a ticked sign, in the active language (the
    stored value is the question's slug; one the screen no longer asks stays as is)."""
    return str(_WARNING_QUESTIONS.get(slug, slug))


def window_adherence(days: Iterable[tuple[date, int, int, bool]], today: date) -> float | None:
    """Return Σ min(logged, planned) / Σ planned over the days that count, to 3 places.

    `days` are PlannedDays or plain (date, logged, planned, paused) tuples: the
    dashboard zips 14,000 a request, where making PlannedDays is measurable.
    See the module docstring for which days count; None when none does.
    """
    done = planned = 0
    for day, logged, target, paused in days:
        if target <= 0 or paused:
            continue
        # Only today (or a later day) can be pending; asking day_state about
        # those alone keeps this cheap over 500 patients' months.
        if day >= today:
            value = DayValue(date=day, logged=logged, target=target)
            if day_state(value, today) is DayState.PENDING:
                continue
        done += logged if logged < target else target
        planned += target
    return round(done / planned, 3) if planned else None


@lru_cache(maxsize=256)
def days_ending(last: date, days: int) -> tuple[date, ...]:
    """Return the `days` dates ending on `last`, newest first.

    Cached: a dashboard asks for the same few windows (each patient's today is
    one of one or two dates) thousands of times, and making the dates is most
    of what summing a window costs.
    """
    return tuple(last - timedelta(days=offset) for offset in range(days))


def pain_mean(
    tallies: Mapping[date, PainTally | tuple[int, int]], last: date, days: int
) -> PainMean:
    """Return the mean of every entry in the `days` local days ending on `last`."""
    count = total = 0
    for tally in map(tallies.get, days_ending(last, days)):
        if tally:
            # By position: the selector passes plain (count, total) pairs, as
            # making 20,000 PainTally objects for 500 patients is measurable.
            count += tally[0]
            total += tally[1]
    return PainMean(count=count, total=total)


def is_pain_rise(recent: PainMean, previous: PainMean) -> bool:
    """Return whether recent's mean is PAIN_RISE_POINTS or more above previous's.

    Exact, in integers: recent.total/recent.count - previous.total/previous.count >= N.
    Without entries in both windows there is nothing to compare.
    """
    if not recent.count or not previous.count:
        return False
    return (
        recent.total * previous.count - previous.total * recent.count
        >= PAIN_RISE_POINTS * recent.count * previous.count
    )


def pain_rise_start(
    tallies: Mapping[date, PainTally | tuple[int, int]], today: date
) -> date | None:
    """Return the first day of the run of days up to today that each show a pain rise.

    None when today shows none. A day shows a rise when the mean of its 7
    days (it and the 6 before) is a rise over the mean of the 7 before those.
    """
    start = None
    for offset in range(PAIN_RISE_LOOKBACK_DAYS):
        day = today - timedelta(days=offset)
        recent = pain_mean(tallies, day, PAIN_WINDOW_DAYS)
        previous = pain_mean(tallies, day - timedelta(days=PAIN_WINDOW_DAYS), PAIN_WINDOW_DAYS)
        if not is_pain_rise(recent, previous):
            break
        start = day
    return start


def days_with_data(
    logged: Mapping[date, int], tallies: Mapping[date, object], today: date, days: int
) -> int:
    """Return how many of the `days` local days ending on `today` have a session or a rating.

    A day with both counts once; a day with only a pain rating counts, since
    rating is taking part too.
    """
    # Set operations on the days that have rows (a few dozen), not a loop over
    # them: the rows almost never hold a zero, so their keys are the days.
    logged_days = logged.keys() if all(logged.values()) else {d for d, n in logged.items() if n}
    rated_days = tallies.keys() if all(tallies.values()) else {d for d, t in tallies.items() if t}
    return len(_window_set(today, days) & (logged_days | rated_days))


@lru_cache(maxsize=256)
def _window_set(last: date, days: int) -> frozenset[date]:
    return frozenset(days_ending(last, days))


def acted_on_rate(*, delivered: int, done_in_time: int) -> float | None:
    """Return the share of delivered reminders marked Done in time, to 3 places; None if none."""
    return round(done_in_time / delivered, 3) if delivered else None


def _quiet_since(facts: AlertFacts) -> datetime | None:
    """Return when the current quiet began, if a plan is active; None without one."""
    if facts.plan_active_since is None:
        return None
    if facts.last_activity_at is None:
        return facts.plan_active_since
    return max(facts.last_activity_at, facts.plan_active_since)


def high_pain_message(rating: int | None, locations: Iterable[str], context: str) -> str:
    """Return a pain_high alert's text: the rating, where it was felt and what it followed.

    "Pain rated 9/10; where: down the leg, groin; context: after sitting a long time."
    Unknown stored values are left out rather than shown raw.
    """
    return _high_pain_message(get_language(), rating, tuple(locations), context)


@lru_cache(maxsize=1024)
def _high_pain_message(language: str | None, rating: int | None, locations, context) -> str:
    # Cached by the active language too (its texts are what gettext answers):
    # a dashboard writes hundreds of these, mostly alike, at several
    # translation lookups each.
    parts = [_("Pain rated %(rating)s/10") % {"rating": rating}]
    places = [
        str(PainLocation(value).label).lower() for value in locations if value in _PAIN_LOCATIONS
    ]
    if places:
        parts.append(_("where: %(places)s") % {"places": ", ".join(places)})
    if context in _PAIN_CONTEXTS:
        parts.append(
            _("context: %(context)s") % {"context": str(PainContext(context).label).lower()}
        )
    return "; ".join(parts) + "."


_INACTIVE_AFTER = timedelta(days=INACTIVE_DAYS)


def alerts_raised(facts: AlertFacts) -> list[Alert]:
    """Return every alert the facts raise, acknowledged or not, in a stable order."""
    alerts = []
    if facts.pain_rise_day is not None:
        alerts.append(
            Alert(
                kind=AlertKind.PAIN_RISE,
                occurrence=facts.pain_rise_day.isoformat(),
                since=facts.pain_rise_since,
                message=_("7-day mean pain %(mean)s, up from %(previous)s the 7 days before.")
                % {"mean": facts.pain_mean_7, "previous": facts.pain_mean_previous_7},
            )
        )
    if facts.high_rating_id is not None:
        alerts.append(
            Alert(
                kind=AlertKind.PAIN_HIGH,
                occurrence=facts.high_rating_id,
                since=facts.high_rating_at,
                message=high_pain_message(
                    facts.high_rating, facts.high_rating_locations, facts.high_rating_context
                ),
            )
        )
    quiet_since = _quiet_since(facts)
    if quiet_since is not None and facts.now - quiet_since >= _INACTIVE_AFTER:
        days = (facts.now - quiet_since).days
        alerts.append(
            Alert(
                kind=AlertKind.INACTIVE,
                occurrence=str(int(quiet_since.timestamp())),
                since=quiet_since,
                message=ngettext(
                    "Nothing logged for %(days)d day with an active plan.",
                    "Nothing logged for %(days)d days with an active plan.",
                    days,
                )
                % {"days": days},
            )
        )
    if facts.warning_check_id is not None and facts.warning_signs:
        alerts.append(
            Alert(
                kind=AlertKind.WARNING_SIGN,
                occurrence=str(facts.warning_check_id),
                since=facts.warning_check_at,
                message=_("New warning sign on the safety screen: %(signs)s.")
                % {"signs": " ".join(_warning_sign_words(sign) for sign in facts.warning_signs)},
            )
        )
    return alerts


def open_alerts(facts: AlertFacts, acknowledged: Collection[tuple[str, str]]) -> list[Alert]:
    """Return the raised alerts whose (kind, occurrence) the therapist has not acknowledged."""
    alerts = alerts_raised(facts)
    if not acknowledged:  # the usual case; an enum member hashes in Python
        return alerts
    return [alert for alert in alerts if (alert.kind, alert.occurrence) not in acknowledged]
