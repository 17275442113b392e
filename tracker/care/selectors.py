"""Reads for care links. Every care endpoint reaches a patient through `patients_of`."""

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connections
from django.db.models import BigIntegerField, Count, F, Func, OuterRef, Q, QuerySet, Subquery, Sum

from exercises.models import ExerciseLog, Plan, PlanItem
from exercises.selectors import plans_for_user
from reminders.models import (
    Delivery,
    DeliveryAction,
    DeliveryKind,
    DeliveryState,
    Schedule,
    ScheduleKind,
)
from tracker.care.dashboard import (
    PAIN_DAYS_NEEDED,
    PAIN_HIGH_RATING,
    PAIN_WINDOW_DAYS,
    Alert,
    AlertFacts,
    PlannedDay,
    acted_on_rate,
    open_alerts,
    pain_mean,
    pain_rise_start,
    window_adherence,
)
from tracker.days import date_range, day_bounds, day_start, local_date
from tracker.models import AlertAcknowledgement, CareLink, PainEntry, PauseDay, SafetyCheck, User
from tracker.selectors import plan_item_row, planned_on


def links_for(user: User) -> QuerySet[CareLink]:
    """Return the links the user may see, newest first.

    A patient sees all of theirs, ended ones too: the record of who could see
    their data and until when. A therapist sees only active ones; an ended
    link is, for them, like a patient they never had.
    """
    return CareLink.objects.filter(
        Q(patient=user) | Q(therapist=user, ended_at__isnull=True)
    ).select_related("therapist", "patient")


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
# of queries (seven), whatever the number of patients. The math is in
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
    alerts: list[Alert]

    @property
    def pain_change(self) -> float | None:
        if self.pain_mean_7 is None or self.pain_mean_previous_7 is None:
            return None
        return round(self.pain_mean_7 - self.pain_mean_previous_7, 1)


def _latest(queryset: QuerySet, field: str, value: str | None = None) -> Subquery:
    """Return a subquery of the patient's newest row's `value` (by `field`), for annotate()."""
    newest = queryset.filter(user=OuterRef("patient_id")).order_by(f"-{field}", "-pk")
    return Subquery(newest.values(value or field)[:1])


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
    return list(
        links.select_related("patient")
        .annotate(
            last_log_at=_latest(logs, "performed_at"),
            last_pain_at=_latest(pain, "recorded_at"),
            last_pain_rating=_latest(pain, "recorded_at", "rating"),
            high_id=_latest(high, "recorded_at", "id"),
            high_at=_latest(high, "recorded_at"),
            high_rating=_latest(high, "recorded_at", "rating"),
            warning_id=_latest(warnings, "answered_at", "id"),
            warning_at=_latest(warnings, "answered_at"),
            warning_signs=_latest(warnings, "answered_at", "new_warning_signs"),
        )
        .order_by("patient__display_name", "patient_id")
    )


QUARTER_HOUR_SECONDS = 900


class QuarterHour(Func):
    """The number of whole quarter hours from the Unix epoch to an instant (an integer).

    Each patient's local days start at a different UTC instant, so the database
    groups by quarter hour and Python assigns each quarter to the patient's
    local day. Quarter hours, not hours: zones such as Asia/Kolkata (+5:30) and
    Asia/Kathmandu (+5:45) start their days on the half and quarter hour, and
    every offset in use is a whole number of quarter hours. A plain integer,
    not a truncated datetime, because reading tens of thousands of datetimes
    back through Django's converters costs more than the query itself.
    """

    output_field = BigIntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        template = f"FLOOR(EXTRACT(EPOCH FROM %(expressions)s) / {QUARTER_HOUR_SECONDS})::bigint"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite stores instants as UTC text; '%%%%s' reaches SQLite as '%s' (epoch seconds).
        template = f"CAST(strftime('%%%%s', %(expressions)s) AS INTEGER) / {QUARTER_HOUR_SECONDS}"
        return self.as_sql(compiler, connection, template=template, **extra)


def _quarter_hours(queryset: QuerySet, field: str, since: datetime, until: datetime) -> QuerySet:
    """Return the rows between `since` and `until` grouped by (user, quarter hour)."""
    return (
        queryset.filter(**{f"{field}__gte": since, f"{field}__lt": until})
        .annotate(quarter=QuarterHour(field))
        .values("user_id", "quarter")
        .order_by()
    )


def _integer_rows(queryset: QuerySet) -> list[tuple[int, ...]]:
    """Return the rows of a values_list() queryset whose columns are all integers.

    Straight from the cursor: tens of thousands of rows through the queryset
    iterator cost more than the query, and integers need no conversion.
    """
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class _LocalDays:
    """Maps quarter hours to local dates between `first` and `last`, in any zone.

    Per zone, the quarter hour each local day starts on is computed once; a
    quarter then finds its day by bisection (a day is 92, 96 or 100 quarters).
    """

    def __init__(self, first: date, last: date):
        self.dates = list(date_range(first, last + timedelta(days=1)))
        self.starts: dict[str, list[int]] = {}

    def __call__(self, tz, quarter: int) -> date | None:
        starts = self.starts.get(tz.key)
        if starts is None:
            starts = self.starts[tz.key] = [
                int(day_start(day, tz).timestamp()) // QUARTER_HOUR_SECONDS for day in self.dates
            ]
        index = bisect_right(starts, quarter) - 1
        # Outside the days asked for (the last start only closes the last day).
        if index < 0 or index >= len(self.dates) - 1:
            return None
        return self.dates[index]


def dashboard_rows(
    *, therapist: User, now: datetime, patient_id: int | None = None
) -> list[PatientDashboard]:
    """Return the dashboard of each actively linked patient (or only `patient_id`'s).

    Seven queries whatever the number of patients:
    1. the links, patients and latest events (subqueries per patient row);
    2. sessions and 3. pain per patient and UTC quarter hour, over the local
       days the numbers need (28 for adherence; 41 for pain, see dashboard);
    4. pause days; 5. plan items; 6. reminder deliveries per patient;
    7. the therapist's acknowledgements.
    """
    active = _active_links(therapist, patient_id)
    links = _links_with_latest(active, now)
    if not links:
        return []
    patients = active.values("patient_id")
    today = {link.patient_id: local_date(now, link.patient.tzinfo) for link in links}
    tz_of = {link.patient_id: link.patient.tzinfo for link in links}
    adherence_from = {pid: day - timedelta(days=27) for pid, day in today.items()}
    pain_from = {pid: day - timedelta(days=PAIN_DAYS_NEEDED - 1) for pid, day in today.items()}
    local_day = _LocalDays(min(pain_from.values()), max(today.values()))
    until = max(day_bounds(today[link.patient_id], link.patient.tzinfo)[1] for link in links)

    def earliest(first_days: dict[int, date]) -> datetime:
        return min(day_start(first_days[link.patient_id], link.patient.tzinfo) for link in links)

    logged: dict[int, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    sessions = _quarter_hours(
        ExerciseLog.objects.filter(user__in=patients),
        "performed_at",
        earliest(adherence_from),
        until,
    ).annotate(n=Count("*"))
    for pid, quarter, n in _integer_rows(sessions.values_list("user_id", "quarter", "n")):
        day = local_day(tz_of[pid], quarter)
        if day and adherence_from[pid] <= day <= today[pid]:
            logged[pid][day] += n

    pain: dict[int, dict[date, list[int]]] = defaultdict(dict)
    entries = _quarter_hours(
        PainEntry.objects.filter(user__in=patients), "recorded_at", earliest(pain_from), until
    ).annotate(n=Count("pk"), total=Sum("rating"))
    rows = _integer_rows(entries.values_list("user_id", "quarter", "n", "total"))
    for pid, quarter, n, total in rows:
        day = local_day(tz_of[pid], quarter)
        if day and pain_from[pid] <= day <= today[pid]:
            tally = pain[pid].setdefault(day, [0, 0])
            tally[0] += n
            tally[1] += total

    paused: dict[int, set[date]] = defaultdict(set)
    for pid, day in PauseDay.objects.filter(
        user__in=patients, date__gte=min(adherence_from.values()), date__lte=max(today.values())
    ).values_list("user_id", "date"):
        paused[pid].add(day)

    items: dict[int, list] = defaultdict(list)
    plan_since: dict[int, datetime] = {}
    for pid, created, dow, times in PlanItem.objects.filter(
        plan__user__in=patients, plan__is_paused=False, plan__created_at__lte=now
    ).values_list("plan__user_id", "plan__created_at", "days_of_week", "times_per_day"):
        items[pid].append(plan_item_row(created, dow, times, tz_of[pid]))
        plan_since[pid] = min(created, plan_since.get(pid, created))

    delivered = {
        row["user_id"]: row
        for row in Delivery.objects.filter(
            user__in=patients,
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

    rows = []
    for link in links:
        pid = link.patient_id
        rows.append(
            _patient_dashboard(
                link=link,
                now=now,
                today=today[pid],
                logged=logged[pid],
                paused=paused[pid],
                items=items[pid],
                plan_since=plan_since.get(pid),
                tallies=pain[pid],
                delivered=delivered.get(pid, {"n": 0, "done": 0}),
                acknowledged=acknowledged[link.pk],
            )
        )
    return rows


def _patient_dashboard(
    *, link, now, today, logged, paused, items, plan_since, tallies, delivered, acknowledged
) -> PatientDashboard:
    """Return one patient's numbers and open alerts from their aggregated rows (no queries)."""
    days = []
    for offset in range(27, -1, -1):
        day = today - timedelta(days=offset)
        planned, _ = planned_on(day, items)
        days.append(
            PlannedDay(date=day, logged=logged.get(day, 0), planned=planned, paused=day in paused)
        )
    recent = pain_mean(tallies, today, PAIN_WINDOW_DAYS)
    previous = pain_mean(tallies, today - timedelta(days=PAIN_WINDOW_DAYS), PAIN_WINDOW_DAYS)
    rise_day = pain_rise_start(tallies, today)
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
        last_activity_at=max(activity) if activity else None,
        plan_active_since=plan_since,
        warning_check_id=link.warning_id,
        warning_check_at=link.warning_at,
        warning_signs=tuple(link.warning_signs or ()),
    )
    return PatientDashboard(
        link=link,
        patient=link.patient,
        adherence_7=window_adherence(days[-7:], today),
        adherence_28=window_adherence(days, today),
        reminders_delivered=delivered["n"],
        reminders_done_in_time=delivered["done"],
        reminders_acted_on=acted_on_rate(delivered=delivered["n"], done_in_time=delivered["done"]),
        last_activity_at=facts.last_activity_at,
        latest_pain_rating=link.last_pain_rating,
        latest_pain_at=link.last_pain_at,
        pain_mean_7=recent.value,
        pain_mean_previous_7=previous.value,
        alerts=open_alerts(facts, acknowledged),
    )


def alert_acknowledged(*, link: CareLink, kind: str, occurrence: str) -> bool:
    """Return whether the therapist of `link` has acknowledged this alert occurrence."""
    return AlertAcknowledgement.objects.filter(link=link, kind=kind, occurrence=occurrence).exists()
