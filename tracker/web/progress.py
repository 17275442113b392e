"""Progress: pain and sessions over 7, 30, 90 or 365 days, a calendar of sessions,
the habit strength, streaks and the function goals.

The numbers come from tracker.selectors.progress_summary, the same as GET
/api/v1/progress/; the chart script gets them in the API's own JSON shape
(ProgressSerializer), so a therapist's page can feed it the care API's answer.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import dateformat, timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views.decorators.http import require_GET

from exercises.api.fields import MAX_AHEAD
from tracker import goals, selectors
from tracker.api.progress import ProgressSerializer
from tracker.days import local_date, window_for
from tracker.jsi18n import first_day_of_week
from tracker.models import GoalRating, PauseReason
from tracker.progress import DayState, day_state
from tracker.selectors import DayProgress
from tracker.web.access import patient_required

RANGES = (7, 30, 90, 365)
DEFAULT_RANGE = 30
RANGE_LABELS = {7: _("7 days"), 30: _("30 days"), 90: _("90 days"), 365: _("1 year")}

# The calendar's geometry, in CSS pixels: bigger cells when there are few weeks.
HEATMAP_GAP = 3
HEATMAP_LEFT = 34  # room for the weekday names
HEATMAP_TOP = 20  # room for the month names

# Lower case: they are read inside a cell's sentence; the legend capitalises them.
CELL_STATES = {
    "complete": _("all planned sessions done"),
    "partial": _("some sessions done"),
    "missed": _("no session on a planned day"),
    "off": _("rest day, pause or nothing planned"),
    "pending": _("today, not over yet"),
}
# A pause's reason inside a cell's sentence, where English writes it in lower case.
PAUSE_REASONS = {
    PauseReason.FLARE_UP: pgettext_lazy("pause reason inside a sentence", "flare-up"),
    PauseReason.TRAVEL: pgettext_lazy("pause reason inside a sentence", "travel"),
}


@dataclass(frozen=True)
class HeatCell:
    date: date
    state: str
    label: str
    x: int
    y: int


@dataclass(frozen=True)
class Heatmap:
    cells: list[HeatCell]
    size: int
    width: int
    height: int
    months: list[tuple[int, str]]
    weekdays: list[tuple[int, str]]


@dataclass(frozen=True)
class GoalRow:
    activity: str
    ratings: list[GoalRating]
    latest: int | None


def cell_state(day: DayProgress, today: date) -> str:
    """Return the calendar class of a day, from tracker.progress's day states."""
    state = day_state(day.value, today)
    if state is DayState.COMPLETE:
        return "complete"
    if state is DayState.NEUTRAL:
        return "off"
    if state is DayState.PENDING:
        return "pending"
    return "partial" if day.sessions_logged else "missed"


def cell_label(day: DayProgress, state: str) -> str:
    """Return a cell's text, such as "Mon 2 Mar 2026: 1 of 2 sessions (some sessions done)"."""
    when = dateformat.format(day.date, "D j M Y")
    logged = day.sessions_logged
    if day.paused:
        done = ngettext(
            "%(logged)s session, paused (%(reason)s)",
            "%(logged)s sessions, paused (%(reason)s)",
            logged,
        ) % {"logged": logged, "reason": PAUSE_REASONS.get(day.paused, day.paused)}
    elif day.sessions_planned:
        done = ngettext(
            "%(logged)s of %(planned)s session",
            "%(logged)s of %(planned)s sessions",
            day.sessions_planned,
        ) % {"logged": logged, "planned": day.sessions_planned}
    else:
        done = ngettext("%(logged)s session", "%(logged)s sessions", logged) % {"logged": logged}
    return _("%(when)s: %(done)s (%(state)s)") % {
        "when": when,
        "done": done,
        "state": CELL_STATES[state],
    }


def heatmap(days: list[DayProgress], today: date, first_weekday: int = 0) -> Heatmap:
    """Return the calendar of `days`: weeks as columns, one cell per day.

    A week starts on `first_weekday` (Python's numbering: 0 is Monday, 6 Sunday),
    as the locale has it; every other row is labelled with Django's abbreviation
    of its day, in the active language.
    """

    def row(day: date) -> int:
        return (day.weekday() - first_weekday) % 7

    first_week = days[0].date - timedelta(days=row(days[0].date))
    columns = (days[-1].date - first_week).days // 7 + 1
    size = 28 if columns <= 6 else 20 if columns <= 14 else 14
    step = size + HEATMAP_GAP
    cells, months = [], []
    for day in days:
        column = (day.date - first_week).days // 7
        state = cell_state(day, today)
        x = HEATMAP_LEFT + column * step
        y = HEATMAP_TOP + row(day.date) * step
        cells.append(HeatCell(day.date, state, cell_label(day, state), x, y))
        # A month's name over the column where it starts, unless that would
        # overlap the previous name (three letters need about 30 px).
        starts_month = day is days[0] or day.date.day == 1
        if starts_month and (not months or x - months[-1][0] >= 30):
            months.append((x, dateformat.format(day.date, "M")))
    weekdays = [
        (HEATMAP_TOP + number * step + size // 2 + 4, WEEKDAYS_ABBR[(first_weekday + number) % 7])
        for number in range(0, 7, 2)
    ]
    return Heatmap(
        cells=cells,
        size=size,
        width=HEATMAP_LEFT + columns * step,
        height=HEATMAP_TOP + 7 * step,
        months=months,
        weekdays=weekdays,
    )


def goal_rows(user) -> tuple[goals.Summary, list[GoalRow]]:
    """Return the PSFS summary and the active goals, as GET /api/v1/goals/ computes them."""
    rows = list(selectors.goals_for(user))
    histories = [selectors.goal_history(goal) for goal in rows]
    # As in the goals API: a rating dated up to a day ahead counts at once.
    summary = goals.summary(histories, timezone.now() + MAX_AHEAD)
    active = []
    for goal, history in zip(rows, histories, strict=True):
        if goal.is_active:
            latest = history.latest_rating()
            active.append(
                GoalRow(goal.activity, list(goal.ratings.all()), latest.score if latest else None)
            )
    return summary, active


def _range_links(chosen: int | None) -> list[dict]:
    return [
        {"days": days, "label": RANGE_LABELS[days], "current": days == chosen} for days in RANGES
    ]


@patient_required
@require_GET
def progress_page(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("range", str(DEFAULT_RANGE))
    if raw not in {str(days) for days in RANGES}:
        context = {
            "error": _("Choose a range of 7, 30, 90 or 365 days."),
            "ranges": _range_links(None),
        }
        return render(request, "tracker/progress.html", context, status=400)
    chosen = int(raw)
    user = request.user
    today = local_date(timezone.now(), user.tzinfo)
    start, end = window_for(days=chosen, today=today)
    summary = selectors.progress_summary(user=user, start=start, end=end, today=today)
    goal_summary, goal_list = goal_rows(user)
    context = {
        "chosen": chosen,
        "ranges": _range_links(chosen),
        "summary": summary,
        "habit_percent": round(summary.habit_strength * 100),
        "rows": list(reversed(summary.days)),
        "chart_data": ProgressSerializer(summary).data,
        "heatmap": heatmap(summary.days, today, first_weekday=(first_day_of_week() - 1) % 7),
        "cell_states": CELL_STATES.items(),
        "goal_summary": goal_summary,
        "goal_change": None if goal_summary.change is None else abs(goal_summary.change),
        "goals": goal_list,
    }
    return render(request, "tracker/progress.html", context)
