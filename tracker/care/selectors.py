"""Reads for care links. Every care endpoint reaches a patient through `patients_of`."""

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from itertools import repeat

from django.db import connections
from django.db.models import (
    BooleanField,
    Count,
    F,
    Func,
    IntegerField,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Lower, NullIf

from exercises.models import ExerciseLog, Plan, PlanItem
from exercises.selectors import plans_for_user, plans_with_latest_items
from reminders.models import (
    Delivery,
    DeliveryAction,
    DeliveryKind,
    DeliveryState,
    Schedule,
    ScheduleKind,
)
from tracker.care.dashboard import (
    ADHERENCE_WINDOWS,
    DATA_DAYS_WINDOW,
    PAIN_DAYS_NEEDED,
    PAIN_HIGH_RATING,
    PAIN_WINDOW_DAYS,
    Alert,
    AlertFacts,
    acted_on_rate,
    days_with_data,
    is_pain_rise,
    open_alerts,
    pain_mean,
    pain_rise_start,
    window_adherence,
)
from tracker.days import day_start, local_date
from tracker.models import (
    ActivityDay,
    AlertAcknowledgement,
    CareInvite,
    CareLink,
    PainEntry,
    PauseDay,
    SafetyCheck,
    User,
)
from tracker.selectors import (
    PLAN_ITEM_ROW_FIELDS,
    PlanItemRow,
    links_for,
    plan_item_row,
    plan_items_counted,
    planned_on,
)


def invites_pending(*, therapist: User, now: datetime) -> QuerySet[CareInvite]:
    """Return the therapist's invites that can still be accepted, newest first.

    Used, cancelled and expired invites are left out: for the therapist they
    are done with (a used one shows as a patient).
    """
    return CareInvite.objects.filter(
        therapist=therapist, used_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=now
    ).order_by("-created_at", "-id")


def active_links_for(user: User) -> QuerySet[CareLink]:
    """Return the user's active links, on whichever side of them the user is."""
    return links_for(user).filter(ended_at__isnull=True)


def patients_of(therapist: User) -> QuerySet[User]:
    """Return the patients who have an active link with this therapist.

    The one access rule of the care endpoints: a therapist reaches a patient's
    data only through this queryset, so once the link ends the patient is not
    found (404), exactly like an id that never existed. For anyone who is not a
    linked therapist (a patient, another therapist) it is empty.
    """
    return User.objects.filter(
        care_links_as_patient__therapist=therapist,
        care_links_as_patient__ended_at__isnull=True,
    )


def linked_patient_or_none(*, therapist: User, patient_id: int) -> User | None:
    """Return the patient if the therapist has an active link to them, else None."""
    return patients_of(therapist).filter(pk=patient_id).first()


def plans_assigned(*, therapist: User, patient: User) -> QuerySet[Plan]:
    """Return the plans this therapist assigned to this patient, with their items.

    Another therapist's plans and the patient's own are not among them: a
    therapist reaches only what they assigned (others are not found, 404).
    The caller has already found the patient through `linked_patient_or_none`.
    """
    return plans_for_user(user=patient).filter(assigned_by=therapist)


def plan_assigned_by(*, therapist: User, plan_id: int) -> Plan | None:
    """Return a plan this therapist assigned to a patient still linked to them, or None."""
    plans = Plan.objects.filter(user__in=patients_of(therapist), assigned_by=therapist)
    return plans_with_latest_items(plans).filter(pk=plan_id).first()


def reminder_set_by(*, therapist: User, patient: User) -> Schedule | None:
    """Return the sitting reminder this therapist set for this patient, or None."""
    return (
        Schedule.objects.filter(user=patient, set_by=therapist, kind=ScheduleKind.SITTING)
        .select_related("routine")
        .first()
    )


def reminders_consented(*, therapist: User, patient: User) -> bool:
    """Return whether the pair's active link carries the patient's consent to reminders."""
    return CareLink.objects.filter(
        therapist=therapist, patient=patient, ended_at__isnull=True, reminders_consent=True
    ).exists()


# The therapist's dashboard: every linked patient's numbers in a fixed number
# of queries (eight), whatever the number of patients. The math is in
# tracker.care.dashboard; here are only the reads and the grouping by local day.

REMINDER_ACTED_WITHIN = timedelta(minutes=30)
REMINDER_WINDOW = timedelta(days=28)


@dataclass(frozen=True)
class PatientDashboard:
    link: CareLink
    patient: User
    adherence_7: float | None
    adherence_28: float | None
    reminders_delivered: int
    reminders_done_in_time: int
    reminders_acted_on: float | None
    last_activity_at: datetime | None
    latest_pain_rating: int | None
    latest_pain_at: datetime | None
    pain_mean_7: float | None
    pain_mean_previous_7: float | None
    data_days_30: int
    alerts: list[Alert]

    @property
    def pain_change(self) -> float | None:
        if self.pain_mean_7 is None or self.pain_mean_previous_7 is None:
            return None
        return round(self.pain_mean_7 - self.pain_mean_previous_7, 1)


def _latest(queryset: QuerySet, field: str) -> Subquery:
    """Return a subquery of the patient's newest `field` (an instant), for annotate().

    Rows tied on it give the same answer, so no tie-break on pk, and PostgreSQL
    reads it from the (user, field) index alone instead of visiting the row.
    """
    newest = queryset.filter(user=OuterRef("patient_id")).order_by(f"-{field}")
    return Subquery(newest.values(field)[:1])


class _JSONRow(Func):
    """Some columns of one row as a JSON array: several values from one subquery.

    One index probe a patient and table instead of one a value (eleven before).
    """

    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        # As text: psycopg's json loader goes through json.loads on bytes (an
        # encoding guess, a decode) in Python, for some 900 values a dashboard.
        template = "%(function)s(%(expressions)s)::text"
        return self.as_sql(
            compiler, connection, function="json_build_array", template=template, **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite keeps JSON as text: json() embeds it as JSON, not as a string.
        copy = self.copy()
        copy.set_source_expressions(
            [
                Func(column, function="json")
                if isinstance(column.output_field, JSONField)
                else column
                for column in copy.get_source_expressions()
            ]
        )
        return copy.as_sql(compiler, connection, function="json_array", **extra)


def _newest_row(queryset: QuerySet, field: str, *columns: str) -> Subquery:
    """Return a subquery of the patient's newest row's `columns` (by `field`, then pk)."""
    newest = queryset.filter(user=OuterRef("patient_id")).order_by(f"-{field}", "-pk")
    return Subquery(newest.values(row=_JSONRow(*map(F, columns)))[:1])


_decode = json.JSONDecoder().raw_decode


def _values(row: str | None, count: int) -> list:
    """Return a _JSONRow's values, or `count` Nones."""
    if row is None:
        return [None] * count
    return _decode(row)[0]


def _instant(text: str | None) -> datetime | None:
    """Return an instant read from JSON: ISO text with an offset, or naive UTC (SQLite)."""
    if text is None:
        return None
    instant = datetime.fromisoformat(text)
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


def _active_links(therapist: User, patient_id: int | None) -> QuerySet[CareLink]:
    links = CareLink.objects.filter(therapist=therapist, ended_at__isnull=True)
    return links if patient_id is None else links.filter(patient_id=patient_id)


def _links_with_latest(links: QuerySet[CareLink], now: datetime) -> list[CareLink]:
    """Query 1: the links and their patients, with each patient's latest events."""
    logs = ExerciseLog.objects.filter(performed_at__lte=now)
    pain = PainEntry.objects.filter(recorded_at__lte=now)
    high = pain.filter(
        rating__gte=PAIN_HIGH_RATING, recorded_at__gt=now - timedelta(days=PAIN_WINDOW_DAYS)
    )
    warnings = SafetyCheck.objects.filter(answered_at__lte=now).exclude(new_warning_signs=[])
    rows = list(
        links.select_related("patient")
        .annotate(
            last_log_at=_latest(logs, "performed_at"),
            last_pain=_newest_row(pain, "recorded_at", "recorded_at", "rating"),
            high=_newest_row(
                high, "recorded_at", "id", "recorded_at", "rating", "locations", "context"
            ),
            warning=_newest_row(warnings, "answered_at", "id", "answered_at", "new_warning_signs"),
        )
        # By the name people see: the display name, else the username (a
        # patient without a display name sorts by username, not first).
        .order_by(
            Lower(Coalesce(NullIf("patient__display_name", Value("")), "patient__username")),
            "patient_id",
        )
    )
    for link in rows:
        at, link.last_pain_rating = _values(link.last_pain, 2)
        link.last_pain_at = _instant(at)
        high_id, at, link.high_rating, link.high_locations, link.high_context = _values(
            link.high, 5
        )
        link.high_id = uuid.UUID(high_id) if high_id else None
        link.high_at = _instant(at)
        link.warning_id, at, link.warning_signs = _values(link.warning, 3)
        link.warning_at = _instant(at)
    return rows


# Local dates travel as day numbers (days since this date): plain integers on
# both backends, where SQLite would hand back a date as text.
DAY_ZERO = date(1970, 1, 1)


class DayNumber(Func):
    """A date as its day number (days since DAY_ZERO), an integer on both backends."""

    output_field = IntegerField()
    arity = 1

    def as_postgresql(self, compiler, connection, **extra):
        template = f"(%(expressions)s - DATE '{DAY_ZERO.isoformat()}')"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # julianday() of a date is N.5; 2440587.5 is DAY_ZERO's.
        template = "CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)


class _AnyOf(Func):
    """`field = ANY(ids)` on PostgreSQL: the patients' ids as one array parameter.

    `field__in=ids` prepares and sends each of 500 ids on its own, in each of
    five queries; PostgreSQL reads `= ANY(array)` from the same index as the
    IN list (which it turns into one). Elsewhere it is that IN list.
    """

    output_field = BooleanField()

    def __init__(self, field: str, ids: list[int]):
        super().__init__(F(field))
        self.ids = ids

    def as_sql(self, compiler, connection, **extra):
        # As one array literal's text: psycopg would otherwise look up how to
        # send each of the 500 ids, in each query.
        sql, params = compiler.compile(self.source_expressions[0])
        ids = "{" + ",".join(map(str, map(int, self.ids))) + "}"
        return f"{sql} = ANY(%s::bigint[])", (*params, ids)

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        placeholders = ", ".join(["%s"] * len(self.ids))
        return f"{sql} IN ({placeholders})", (*params, *self.ids)


class _Dates(dict):
    """Day numbers to dates, each date made once (a request sees about 42 of them)."""

    def __missing__(self, number: int) -> date:
        day = self[number] = DAY_ZERO + timedelta(days=number)
        return day


def _integer_rows(queryset: QuerySet) -> list[tuple[int, ...]]:
    """Return the rows of a values_list() queryset whose columns are all integers.

    Straight from the cursor: rows through the queryset iterator cost more
    than the query, and integers need no conversion.
    """
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _per_patient(queryset: QuerySet) -> list[tuple[int, list[int], ...]]:
    """Return a per-day values_list() (user id, day, then integers) as one row per patient.

    Each row is (user id, [day, ...], [value, ...] for each further column),
    the lists in step. PostgreSQL gathers the days into arrays, so it hands
    over one row a patient (500) instead of one a patient and day (about
    20,000 at 500 patients). Elsewhere the per-day rows are gathered here.
    """
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    connection = connections[queryset.db]
    if connection.vendor == "postgresql":
        names = ["user_id", *(f"c{n}" for n in range(1, len(compiler.select)))]
        arrays = ", ".join(f"array_agg({name})" for name in names[1:])
        aliases = ", ".join(names)
        sql = f"SELECT user_id, {arrays} FROM ({sql}) AS per_day({aliases}) GROUP BY user_id"  # noqa: S608 - our query
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    gathered: dict[int, tuple[list[int], ...]] = {}
    for pid, *values in _integer_rows(queryset):
        columns = gathered.get(pid)
        if columns is None:
            columns = gathered[pid] = tuple([] for _ in values)
        for column, value in zip(columns, values, strict=True):
            column.append(value)
    return [(pid, *columns) for pid, columns in gathered.items()]


def _activity_by_day(
    patients: list[int], since: date
) -> tuple[dict[int, dict[date, int]], dict[int, dict[date, tuple[int, int]]]]:
    """Return {patient id: {local date: sessions}} and {patient id: {local date:
    (pain entries, sum of ratings)}} from local date `since` on, from the kept
    counts (tracker.activity_days); only days with some are there."""
    dates = _Dates()
    logged: dict[int, dict[date, int]] = defaultdict(dict)
    pain: dict[int, dict[date, tuple[int, int]]] = defaultdict(dict)
    rows = (
        ActivityDay.objects.filter(_AnyOf("user_id", patients), date__gte=since)
        .annotate(day=DayNumber("date"))
        .order_by()
        .values_list("user_id", "day", "sessions", "pain_entries", "pain_total")
    )
    for pid, days, sessions, entries, totals in _per_patient(rows):
        logged[pid] = {dates[day]: n for day, n in zip(days, sessions, strict=True) if n}
        pain[pid] = {
            dates[day]: (n, total) for day, n, total in zip(days, entries, totals, strict=True) if n
        }
    return logged, pain


def dashboard_rows(
    *, therapist: User, now: datetime, patient_id: int | None = None
) -> list[PatientDashboard]:
    """Return the dashboard of each actively linked patient (or only `patient_id`'s).

    Six queries whatever the number of patients:
    1. the links, patients and latest events (subqueries per patient row);
    2. sessions and pain ratings per patient and local day, from the counts
       kept as they are written (tracker.activity_days), over the 41 days a
       pain rise's start needs (the other numbers need 30 or fewer), one row
       a patient;
    3. pause days; 4. plan items; 5. reminder deliveries per patient;
    6. the therapist's acknowledgements.
    """
    active = _active_links(therapist, patient_id)
    links = _links_with_latest(active, now)
    if not links:
        return []
    # The patients' ids as a list rather than a subquery of the links: with
    # the ids in hand, PostgreSQL reads each patient's recent rows from the
    # (user, instant) indexes instead of scanning every row of the year.
    patients = [link.patient_id for link in links]
    tz_of = {link.patient_id: link.patient.tzinfo for link in links}
    # Each zone's today, worked out once per zone (a request sees a handful)
    # rather than once per patient.
    zone_today = {tz: local_date(now, tz) for tz in set(tz_of.values())}
    today = {pid: zone_today[tz] for pid, tz in tz_of.items()}
    adherence_from = {pid: day - timedelta(days=27) for pid, day in today.items()}
    # Every day the numbers need: the rise's start looks furthest back.
    logged, pain = _activity_by_day(
        patients, min(zone_today.values()) - timedelta(days=PAIN_DAYS_NEEDED - 1)
    )
    pain_means = {
        pid: (
            pain_mean(pain[pid], day, PAIN_WINDOW_DAYS),
            pain_mean(pain[pid], day - timedelta(days=PAIN_WINDOW_DAYS), PAIN_WINDOW_DAYS),
        )
        for pid, day in today.items()
    }

    paused: dict[int, set[date]] = defaultdict(set)
    for pid, day in PauseDay.objects.filter(
        _AnyOf("user_id", patients),
        date__gte=min(adherence_from.values()),
        date__lte=max(today.values()),
    ).values_list("user_id", "date"):
        paused[pid].add(day)

    # Every version's items that may count in the window (the same rows and
    # rule as progress/); the plans still in force say since when a plan is active.
    items: dict[int, list] = defaultdict(list)
    plan_since: dict[int, datetime] = {}
    window_start = min(adherence_from.values())
    for pid, *row in (
        PlanItem.objects.filter(
            plan_items_counted(),
            _AnyOf("plan__user_id", patients),
            plan__created_at__lte=now,
        )
        .exclude(version__effective_to__lte=window_start)
        .exclude(plan__ended_on__lte=window_start)
        .values_list("plan__user_id", *PLAN_ITEM_ROW_FIELDS)
    ):
        item = plan_item_row(tuple(row), tz_of[pid])
        items[pid].append(item)
        if item.until is None or item.until > today[pid]:
            created = row[0]
            plan_since[pid] = min(created, plan_since.get(pid, created))

    delivered = {
        row["user_id"]: row
        for row in Delivery.objects.filter(
            _AnyOf("user_id", patients),
            state=DeliveryState.SENT,
            sent_at__gt=now - REMINDER_WINDOW,
            sent_at__lte=now,
        )
        .exclude(kind=DeliveryKind.TEST)
        .values("user_id")
        .annotate(
            n=Count("pk"),
            done=Count(
                "pk",
                filter=Q(
                    action=DeliveryAction.DONE,
                    acted_at__lte=F("sent_at") + REMINDER_ACTED_WITHIN,
                ),
            ),
        )
        .order_by()
    }

    acknowledged: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for link_id, kind, occurrence in AlertAcknowledgement.objects.filter(
        link__in=active
    ).values_list("link_id", "kind", "occurrence"):
        acknowledged[link_id].add((kind, occurrence))

    windows: dict[date, list[date]] = {}
    rows = []
    for link in links:
        pid = link.patient_id
        # The 28 dates ending on each patient's today, made once per today (a
        # request sees one or two todays across all the zones).
        window = windows.get(today[pid])
        if window is None:
            window = windows[today[pid]] = [
                today[pid] - timedelta(days=n) for n in range(27, -1, -1)
            ]
        rows.append(
            _patient_dashboard(
                link=link,
                now=now,
                window=window,
                logged=logged[pid],
                paused=paused[pid],
                items=items[pid],
                plan_since=plan_since.get(pid),
                tallies=pain[pid],
                pain_means=pain_means[pid],
                rise_tallies=pain[pid] if is_pain_rise(*pain_means[pid]) else None,
                delivered=delivered.get(pid, {"n": 0, "done": 0}),
                acknowledged=acknowledged[link.pk],
            )
        )
    return rows


def _planned_in(window: list[date], items: list) -> list[int] | tuple[int, ...]:
    """Return the sessions planned on each day of `window` (28 consecutive days), as planned_on.

    Once every item is older than the window and still in force, what is planned depends on the
    items' weekdays and times a day alone: the answer is that of any patient with the same
    weekly pattern (a therapist's patients often share a plan), worked out once.
    """
    if all(item.since <= window[0] and item.until is None for item in items):
        pattern = tuple((item.weekdays, item.times_per_day) for item in items)
        return _planned_weekly(window[0], len(window), pattern)
    return [planned_on(day, items)[0] for day in window]


@lru_cache(maxsize=512)
def _planned_weekly(
    first: date, days: int, pattern: tuple[tuple[frozenset[int], int], ...]
) -> tuple[int, ...]:
    """Return planned_on's sessions for `days` days from `first`, of items in force all along.

    The first week's answer repeats.
    """
    items = [
        PlanItemRow(since=first, weekdays=weekdays, times_per_day=times)
        for weekdays, times in pattern
    ]
    week = tuple(planned_on(first + timedelta(days=offset), items)[0] for offset in range(7))
    return week * (days // 7) + week[: days % 7]


def _patient_dashboard(
    *,
    link,
    now,
    window,
    logged,
    paused,
    items,
    plan_since,
    tallies,
    pain_means,
    rise_tallies,
    delivered,
    acknowledged,
) -> PatientDashboard:
    """Return one patient's numbers and open alerts from their aggregated rows (no queries).

    `tallies` covers PAIN_DAYS_READ days; `rise_tallies`, PAIN_DAYS_NEEDED, is
    there only when the pain is rising today (`pain_means`: this week's and the
    week before's).
    """
    today = window[-1]
    # (date, logged, planned, paused) as plain tuples, zipped without a
    # Python-level step per day: 14,000 days a request at 500 patients.
    days = list(
        zip(
            window,
            map(logged.get, window, repeat(0)),
            _planned_in(window, items),
            map(paused.__contains__, window),
            strict=True,
        )
    )
    recent, previous = pain_means
    rise_day = pain_rise_start(rise_tallies, today) if rise_tallies else None
    activity = [at for at in (link.last_log_at, link.last_pain_at) if at is not None]
    facts = AlertFacts(
        now=now,
        pain_rise_day=rise_day,
        pain_rise_since=day_start(rise_day, link.patient.tzinfo) if rise_day else None,
        pain_mean_7=recent.value,
        pain_mean_previous_7=previous.value,
        high_rating_id=str(link.high_id) if link.high_id else None,
        high_rating=link.high_rating,
        high_rating_at=link.high_at,
        high_rating_locations=tuple(link.high_locations or ()),
        high_rating_context=link.high_context or "",
        last_activity_at=max(activity) if activity else None,
        plan_active_since=plan_since,
        warning_check_id=link.warning_id,
        warning_check_at=link.warning_at,
        warning_signs=tuple(link.warning_signs or ()),
    )
    return PatientDashboard(
        link=link,
        patient=link.patient,
        adherence_7=window_adherence(days[-ADHERENCE_WINDOWS[0] :], today),
        adherence_28=window_adherence(days, today),
        reminders_delivered=delivered["n"],
        reminders_done_in_time=delivered["done"],
        reminders_acted_on=acted_on_rate(delivered=delivered["n"], done_in_time=delivered["done"]),
        last_activity_at=facts.last_activity_at,
        latest_pain_rating=link.last_pain_rating,
        latest_pain_at=link.last_pain_at,
        pain_mean_7=recent.value,
        pain_mean_previous_7=previous.value,
        data_days_30=days_with_data(logged, tallies, today, DATA_DAYS_WINDOW),
        alerts=open_alerts(facts, acknowledged),
    )


def alert_acknowledged(*, link: CareLink, kind: str, occurrence: str) -> bool:
    """Return whether the therapist of `link` has acknowledged this alert occurrence."""
    return AlertAcknowledgement.objects.filter(link=link, kind=kind, occurrence=occurrence).exists()
