"""The therapist's dashboard: numbers, local days, alerts and acknowledgements, query count."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from exercises.library import SAFETY_SCREEN
from exercises.models import Audience, Exercise, ExerciseLog, Kind, Plan
from exercises.services import plan_create
from reminders.models import Delivery, DeliveryAction, DeliveryKind, DeliveryState
from tests.conftest import client_for, make_user
from tracker.care.dashboard import (
    AlertFacts,
    PainTally,
    PlannedDay,
    alerts_raised,
    days_with_data,
    open_alerts,
    pain_rise_start,
    window_adherence,
)
from tracker.care.selectors import dashboard_rows
from tracker.days import day_start, local_date
from tracker.models import (
    ActivityDay,
    AlertAcknowledgement,
    AlertKind,
    CareLink,
    PainEntry,
    PauseDay,
    Role,
    User,
)
from tracker.safety import safety_check_save
from tracker.selectors import progress_by_day

DASHBOARD = "/api/v1/care/patients/"
SLUGS = [question["slug"] for question in SAFETY_SCREEN]
QUESTIONS = {question["slug"]: question["question"] for question in SAFETY_SCREEN}
NOW = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)  # a Wednesday
TODAY = date(2026, 3, 18)


def ack_url(patient, alert_id: str) -> str:
    return f"{DASHBOARD}{patient.pk}/alerts/{alert_id}/acknowledge/"


# Pure: adherence


def test_adherence_caps_each_day_at_what_was_planned():
    days = [
        PlannedDay(date(2026, 3, 16), logged=5, planned=2),  # 3 extra do not count
        PlannedDay(date(2026, 3, 17), logged=0, planned=2),
    ]

    assert window_adherence(days, today=TODAY) == 0.5


def test_adherence_leaves_out_paused_and_rest_days_and_pending_today():
    days = [
        PlannedDay(date(2026, 3, 15), logged=0, planned=2, paused=True),
        PlannedDay(date(2026, 3, 16), logged=3, planned=0),  # a rest day
        PlannedDay(date(2026, 3, 17), logged=1, planned=2),
        PlannedDay(TODAY, logged=1, planned=2),  # not over, not complete: pending
    ]

    assert window_adherence(days, today=TODAY) == 0.5


def test_a_complete_today_counts():
    days = [PlannedDay(date(2026, 3, 17), logged=0, planned=1), PlannedDay(TODAY, 1, 1)]

    assert window_adherence(days, today=TODAY) == 0.5


def test_adherence_is_none_without_any_planned_day():
    assert window_adherence([PlannedDay(date(2026, 3, 17), 4, 0)], today=TODAY) is None


@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 24), st.booleans()), min_size=1, max_size=28
    )
)
def test_adherence_stays_between_0_and_1(values):
    days = [
        PlannedDay(TODAY - timedelta(days=28 - i), logged, planned, paused)
        for i, (logged, planned, paused) in enumerate(values)
    ]

    result = window_adherence(days, today=TODAY)

    assert result is None or 0 <= result <= 1


# Pure: pain and alert rules


def tallies_from(ratings_by_offset: dict[int, list[int]]) -> dict[date, PainTally]:
    return {
        TODAY - timedelta(days=offset): PainTally(count=len(ratings), total=sum(ratings))
        for offset, ratings in ratings_by_offset.items()
    }


def test_a_rise_of_exactly_two_points_is_a_rise_and_just_under_is_not():
    # Previous week: mean 3; this week: 5 exactly, then 4.999….
    assert pain_rise_start(tallies_from({0: [5], 10: [3]}), TODAY) == TODAY
    assert pain_rise_start(tallies_from({0: [5, 5, 5, 5, 5, 5, 4], 10: [3]}), TODAY) is None


def test_a_rise_starts_on_the_first_day_of_its_run():
    # 9 on the last three days, 1 before. Today's week: (27 + 4) / 7 = 4.4 against 1;
    # yesterday's: (18 + 5) / 7 = 3.3 against 1; the day before: 15 / 7 = 2.1, not 2 up.
    ratings = {offset: [9] for offset in range(3)} | {offset: [1] for offset in range(3, 30)}

    assert pain_rise_start(tallies_from(ratings), TODAY) == TODAY - timedelta(days=1)


def test_without_entries_in_both_weeks_there_is_no_rise():
    assert pain_rise_start(tallies_from({0: [9]}), TODAY) is None


def test_inactivity_needs_an_active_plan_and_five_quiet_days():
    last = NOW - timedelta(days=5)
    plan_start = NOW - timedelta(days=30)

    def kinds(**facts):
        return [alert.kind for alert in alerts_raised(AlertFacts(now=NOW, **facts))]

    assert kinds(last_activity_at=last, plan_active_since=plan_start) == [AlertKind.INACTIVE]
    assert kinds(last_activity_at=last + timedelta(seconds=1), plan_active_since=plan_start) == []
    assert kinds(last_activity_at=last - timedelta(days=9)) == []  # no plan, no alert
    # A plan made 2 days ago: quiet only since then.
    assert kinds(last_activity_at=last, plan_active_since=NOW - timedelta(days=2)) == []


def test_acknowledged_occurrences_are_not_open():
    facts = AlertFacts(
        now=NOW, high_rating_id="abc", high_rating=9, high_rating_at=NOW - timedelta(hours=1)
    )

    assert [alert.id for alert in open_alerts(facts, set())] == ["pain_high:abc"]
    assert open_alerts(facts, {("pain_high", "abc")}) == []
    assert len(open_alerts(facts, {("pain_high", "older")})) == 1


# The endpoint


@pytest.fixture
def stretch(db) -> Exercise:
    return Exercise.objects.create(
        slug="dash-stretch", name="Stretch", kind=Kind.STRETCH, audience=Audience.SELF_CARE
    )


def link(therapist, patient, *, at=None) -> CareLink:
    return CareLink.objects.create(
        therapist=therapist, patient=patient, created_at=at or timezone.now()
    )


def plan_for(patient, stretch, *, times_per_day=2, since: datetime) -> Plan:
    plan = plan_create(
        user=patient,
        name="Daily",
        items=[{"exercise": stretch, "hold_seconds": 30, "times_per_day": times_per_day}],
    )
    Plan.objects.filter(pk=plan.pk).update(created_at=since)
    return plan


def log(patient, stretch, at: datetime) -> ExerciseLog:
    return ExerciseLog.objects.create(user=patient, exercise=stretch, performed_at=at)


def pain(patient, rating: int, at: datetime) -> PainEntry:
    return PainEntry.objects.create(user=patient, rating=rating, recorded_at=at)


def local(patient, day: date, hour: int, minute: int = 0) -> datetime:
    return day_start(day, patient.tzinfo) + timedelta(hours=hour, minutes=minute)


def the_row(client, patient) -> dict:
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    (row,) = [row for row in response.json() if row["id"] == patient.pk]
    return row


def test_the_dashboard_lists_only_the_therapists_active_links(thera, thera_client, alice, bob):
    link(thera, alice)
    ended = link(thera, bob)
    CareLink.objects.filter(pk=ended.pk).update(ended_at=timezone.now())
    link(make_user("otto", role=Role.THERAPIST), bob)

    response = thera_client.get(DASHBOARD)

    assert response.status_code == 200
    assert [row["id"] for row in response.json()] == [alice.pk]
    assert response.json()[0]["display_name"] == "Alice"
    assert response.json()[0]["timezone"] == "Europe/Berlin"


def test_patients_are_refused_and_anonymous_callers_asked_to_log_in(alice_client, anon_client):
    assert alice_client.get(DASHBOARD).status_code == 403
    assert anon_client.get(DASHBOARD).status_code == 401


def test_adherence_counts_the_patients_local_days(thera, thera_client, alice, stretch):
    link(thera, alice)
    today = local_date(timezone.now(), alice.tzinfo)
    plan_for(alice, stretch, times_per_day=2, since=timezone.now() - timedelta(days=60))
    yesterday, before = today - timedelta(days=1), today - timedelta(days=2)
    # 23:30 and 00:30 Berlin: one session on each side of local midnight, both
    # on the same UTC date in winter and summer alike.
    log(alice, stretch, local(alice, before, 23, 30))
    log(alice, stretch, local(alice, yesterday, 0, 30))
    for _ in range(3):  # capped at the 2 planned
        log(alice, stretch, local(alice, yesterday, 9))

    row = the_row(thera_client, alice)

    # Over the last 7 days: 6 days are over (today is pending): 1 + 2 of 12.
    assert row["adherence"]["last_7_days"] == round(3 / 12, 3)
    assert row["adherence"]["last_28_days"] == round(3 / 54, 3)


def test_adherence_agrees_with_the_patients_own_progress(thera, thera_client, stretch, db):
    # Kathmandu is UTC+5:45: its days start on a quarter hour.
    patient = make_user("kiran", role=Role.PATIENT, timezone="Asia/Kathmandu")
    link(thera, patient)
    now = timezone.now()
    plan_for(patient, stretch, times_per_day=2, since=now - timedelta(days=40))
    today = local_date(now, patient.tzinfo)
    for offset in range(1, 28):
        day = today - timedelta(days=offset)
        for minute in range(offset % 4):
            log(patient, stretch, local(patient, day, 23, 44 + minute % 2))
    PauseDay.objects.create(user=patient, date=today - timedelta(days=3), reason="travel")

    row = the_row(thera_client, patient)

    days = progress_by_day(user=patient, start=today - timedelta(days=27), end=today)
    planned_days = [
        PlannedDay(d.date, d.sessions_logged, d.sessions_planned, d.paused is not None)
        for d in days
    ]
    assert row["adherence"]["last_28_days"] == window_adherence(planned_days, today)
    assert row["adherence"]["last_7_days"] == window_adherence(planned_days[-7:], today)
    assert 0 < row["adherence"]["last_28_days"] < 1


def test_patients_sharing_a_weekly_plan_each_get_their_own_adherence(
    thera, thera_client, stretch, db
):
    now = timezone.now()
    ana = make_user("ana", role=Role.PATIENT, timezone="Europe/Berlin")
    ben = make_user("ben", role=Role.PATIENT, timezone="America/Chicago")
    for patient, since_days in ((ana, 40), (ben, 90)):
        link(thera, patient)
        item = {
            "exercise": stretch,
            "hold_seconds": 30,
            "times_per_day": 2,
            "days_of_week": [1, 3, 5],
        }
        plan = plan_create(user=patient, name="Mon Wed Fri", items=[item])
        Plan.objects.filter(pk=plan.pk).update(created_at=now - timedelta(days=since_days))
    today = local_date(now, ana.tzinfo)
    for offset in range(1, 28):
        day = today - timedelta(days=offset)
        if day.isoweekday() in (1, 3, 5):
            log(ana, stretch, local(ana, day, 9))
            log(ana, stretch, local(ana, day, 18))

    for patient in (ana, ben):
        row = the_row(thera_client, patient)
        today = local_date(now, patient.tzinfo)
        days = progress_by_day(user=patient, start=today - timedelta(days=27), end=today)
        planned_days = [
            PlannedDay(d.date, d.sessions_logged, d.sessions_planned, d.paused is not None)
            for d in days
        ]
        assert row["adherence"]["last_28_days"] == window_adherence(planned_days, today)
        assert row["adherence"]["last_7_days"] == window_adherence(planned_days[-7:], today)
    # Both sessions on each planned day (and none on the others), and none at all.
    assert the_row(thera_client, ana)["adherence"]["last_28_days"] == 1.0
    assert the_row(thera_client, ben)["adherence"]["last_28_days"] == 0.0


def test_a_session_a_minute_before_local_midnight_in_a_quarter_hour_zone(thera, stretch, db):
    patient = make_user("kiran", role=Role.PATIENT, timezone="Asia/Kathmandu")
    link(thera, patient)
    plan_for(patient, stretch, times_per_day=1, since=NOW - timedelta(days=40))
    yesterday = TODAY - timedelta(days=1)
    log(patient, stretch, local(patient, yesterday, 23, 59))  # 18:14 UTC

    (row,) = dashboard_rows(therapist=thera, now=NOW)

    # Only yesterday done, of the 6 finished days in the 7.
    assert row.adherence_7 == round(1 / 6, 3)
    # A minute later it would have been today's (pending until done, then complete).
    moved = ExerciseLog.objects.get(user=patient)
    moved.performed_at = local(patient, TODAY, 0, 0)
    moved.save()
    (row,) = dashboard_rows(therapist=thera, now=NOW)
    assert row.adherence_7 == round(1 / 7, 3)


def test_reminders_acted_on_counts_done_within_30_minutes_of_sending(thera, thera_client, alice):
    link(thera, alice)
    now = timezone.now()

    def delivery(
        sent_ago, *, acted_after=None, action="", state=DeliveryState.SENT, kind="sitting"
    ):
        sent = now - sent_ago
        return Delivery.objects.create(
            user=alice,
            kind=kind,
            due_at=sent,
            state=state,
            sent_at=sent if state == DeliveryState.SENT else None,
            action=action,
            acted_at=sent + acted_after if acted_after is not None else None,
        )

    delivery(timedelta(days=1), acted_after=timedelta(minutes=30), action=DeliveryAction.DONE)
    delivery(timedelta(days=2), acted_after=timedelta(minutes=31), action=DeliveryAction.DONE)
    delivery(timedelta(days=3), acted_after=timedelta(minutes=1), action=DeliveryAction.SKIPPED)
    delivery(timedelta(days=4))
    # Not delivered, a test notification, or too long ago: not counted at all.
    delivery(timedelta(days=1), state=DeliveryState.MISSED)
    delivery(timedelta(days=1), state=DeliveryState.FAILED)
    delivery(timedelta(days=1), kind=DeliveryKind.TEST, action="done", acted_after=timedelta(0))
    delivery(timedelta(days=29), acted_after=timedelta(minutes=1), action=DeliveryAction.DONE)

    row = the_row(thera_client, alice)

    assert row["reminders"] == {"delivered": 4, "done_within_30_min": 1, "acted_on": 0.25}


def test_pain_numbers_and_last_activity(thera, thera_client, alice, stretch):
    link(thera, alice)
    now = timezone.now()
    today = local_date(now, alice.tzinfo)
    pain(alice, 4, local(alice, today - timedelta(days=10), 9))
    pain(alice, 3, local(alice, today - timedelta(days=8), 9))
    pain(alice, 5, local(alice, today - timedelta(days=2), 9))
    latest = pain(alice, 6, now - timedelta(minutes=5))
    session = log(alice, stretch, now - timedelta(minutes=1))
    log(alice, stretch, now + timedelta(hours=3))  # ahead of now: not yet activity

    row = the_row(thera_client, alice)

    assert row["pain"] == {
        "latest": {
            "rating": 6,
            "recorded_at": latest.recorded_at.isoformat().replace("+00:00", "Z"),
        },
        "mean_7_days": 5.5,
        "mean_previous_7_days": 3.5,
        "change": 2.0,
    }
    assert row["last_activity_at"] == session.performed_at.isoformat().replace("+00:00", "Z")
    # 5.5 against 3.5: a rise of 2.
    assert [alert["kind"] for alert in row["alerts"]] == ["pain_rise"]


def test_a_patient_with_nothing_has_empty_numbers(thera, thera_client, alice):
    link(thera, alice)

    row = the_row(thera_client, alice)

    assert row["adherence"] == {"last_7_days": None, "last_28_days": None}
    assert row["reminders"] == {"delivered": 0, "done_within_30_min": 0, "acted_on": None}
    assert row["pain"]["latest"] is None
    assert row["last_activity_at"] is None
    assert row["alerts"] == []


def test_days_with_data_counts_each_day_with_a_session_or_a_rating_once():
    logged = {
        TODAY: 2,
        TODAY - timedelta(days=3): 1,
        TODAY - timedelta(days=30): 4,
        TODAY - timedelta(days=7): 0,  # no session that day
        TODAY + timedelta(days=1): 1,  # an earlier zone's tomorrow, read but not in the window
    }
    tallies = {TODAY: (1, 5), TODAY - timedelta(days=5): (2, 9), TODAY - timedelta(days=29): (1, 2)}

    # Today (both kinds, once), 3 days ago, 5 days ago and the 30th day back;
    # 30 days ago and tomorrow are outside the window.
    assert days_with_data(logged, tallies, TODAY, 30) == 4


def test_the_row_counts_the_days_with_data_in_the_patients_last_30_local_days(
    thera, thera_client, alice, stretch
):
    link(thera, alice)
    now = timezone.now()
    today = local_date(now, alice.tzinfo)
    log(alice, stretch, local(alice, today, 0))  # local midnight: today, and never ahead of now
    log(alice, stretch, local(alice, today - timedelta(days=1), 8))
    pain(alice, 3, local(alice, today - timedelta(days=1), 20))  # same day as a session
    pain(alice, 4, local(alice, today - timedelta(days=29), 23, 59))  # the 30th day back
    log(alice, stretch, local(alice, today - timedelta(days=30), 23, 59))  # one day too old

    row = the_row(thera_client, alice)

    assert row["data_days_30"] == 3


def test_a_patient_with_nothing_has_no_days_with_data(thera, thera_client, alice):
    link(thera, alice)

    assert the_row(thera_client, alice)["data_days_30"] == 0


def test_patients_without_a_display_name_sort_by_username(thera, thera_client, db):
    for username, shown in (("zed", ""), ("adam", ""), ("mia", "Bea")):
        link(thera, make_user(username, role=Role.PATIENT, display_name=shown))

    response = thera_client.get(DASHBOARD)

    # adam, Bea (mia), zed: by the name shown, not with the nameless first.
    names = [
        row["display_name"] or User.objects.get(pk=row["id"]).username for row in response.json()
    ]
    assert names == ["adam", "Bea", "zed"]


# Alerts and acknowledging them


def test_a_high_rating_alert_is_acknowledged_and_a_newer_one_raises_a_new_alert(
    thera, thera_client, alice
):
    link(thera, alice)
    now = timezone.now()
    first = pain(alice, 8, now - timedelta(hours=2))
    alerts = the_row(thera_client, alice)["alerts"]
    assert [alert["id"] for alert in alerts] == [f"pain_high:{first.pk}"]

    response = thera_client.post(ack_url(alice, alerts[0]["id"]))

    assert response.status_code == 204
    assert the_row(thera_client, alice)["alerts"] == []
    # Acknowledging again changes nothing.
    assert thera_client.post(ack_url(alice, alerts[0]["id"])).status_code == 204
    assert AlertAcknowledgement.objects.count() == 1
    # A lower rating is no new occurrence; a new rating of 8 or more is.
    pain(alice, 5, now - timedelta(hours=1))
    assert the_row(thera_client, alice)["alerts"] == []
    newer = pain(alice, 9, now - timedelta(minutes=1))
    assert [alert["id"] for alert in the_row(thera_client, alice)["alerts"]] == [
        f"pain_high:{newer.pk}"
    ]


def test_a_high_rating_alert_says_where_and_after_what_and_keeps_the_exact_instant(thera, alice):
    link(thera, alice)
    at = timezone.now() - timedelta(hours=3, microseconds=123457)
    entry = PainEntry.objects.create(
        user=alice,
        rating=9,
        recorded_at=at,
        locations=["groin", "lower_back"],
        context="after_sitting_long",
    )

    (row,) = dashboard_rows(therapist=thera, now=timezone.now())

    (alert,) = row.alerts
    assert alert.id == f"pain_high:{entry.pk}"
    assert alert.since == at
    assert alert.message == (
        "Pain rated 9/10; where: groin, lower back; context: after sitting a long time."
    )
    assert (row.latest_pain_rating, row.latest_pain_at) == (9, at)
    assert row.last_activity_at == at


def test_a_high_rating_older_than_7_days_raises_nothing(thera, thera_client, alice):
    link(thera, alice)
    pain(alice, 10, timezone.now() - timedelta(days=7, minutes=1))

    assert the_row(thera_client, alice)["alerts"] == []


@pytest.mark.parametrize(
    "alert_id",
    [
        "pain_high:nope",
        "nonsense",
        "pain_high:",
        ":x",
        "warning_sign:1",
        "inactive:0",
        "pain_high:\u00e9",
    ],
)
def test_acknowledging_an_alert_that_is_not_open_is_a_404(thera, thera_client, alice, alert_id):
    link(thera, alice)
    pain(alice, 9, timezone.now() - timedelta(hours=1))

    response = thera_client.post(ack_url(alice, alert_id))

    assert response.status_code == 404
    assert AlertAcknowledgement.objects.count() == 0


def test_another_therapists_acknowledgement_does_not_silence_mine(thera, thera_client, alice):
    otto = make_user("otto", role=Role.THERAPIST)
    link(thera, alice)
    link(otto, alice)
    entry = pain(alice, 9, timezone.now() - timedelta(hours=1))

    assert client_for(otto).post(ack_url(alice, f"pain_high:{entry.pk}")).status_code == 204

    assert len(the_row(thera_client, alice)["alerts"]) == 1


def test_a_new_link_starts_with_nothing_acknowledged(thera, thera_client, alice):
    old = link(thera, alice)
    entry = pain(alice, 9, timezone.now() - timedelta(hours=1))
    assert thera_client.post(ack_url(alice, f"pain_high:{entry.pk}")).status_code == 204
    CareLink.objects.filter(pk=old.pk).update(ended_at=timezone.now())

    # Once ended, the alert's patient is not found at all.
    assert thera_client.post(ack_url(alice, f"pain_high:{entry.pk}")).status_code == 404
    link(thera, alice)
    assert len(the_row(thera_client, alice)["alerts"]) == 1


def test_inactivity_raises_an_alert_until_acknowledged_then_new_activity_resets_it(
    thera, alice, stretch
):
    link(thera, alice)
    plan_for(alice, stretch, since=NOW - timedelta(days=30))
    last = log(alice, stretch, NOW - timedelta(days=6))

    (row,) = dashboard_rows(therapist=thera, now=NOW)
    (alert,) = row.alerts
    assert alert.kind == AlertKind.INACTIVE
    assert alert.since == last.performed_at
    AlertAcknowledgement.objects.create(
        link=row.link, kind=alert.kind, occurrence=alert.occurrence, acknowledged_at=NOW
    )
    assert dashboard_rows(therapist=thera, now=NOW)[0].alerts == []

    # Active again two days later, then quiet for five more days: a new alert.
    log(alice, stretch, NOW - timedelta(days=4))
    assert dashboard_rows(therapist=thera, now=NOW)[0].alerts == []
    later = NOW + timedelta(days=1)
    assert [a.kind for a in dashboard_rows(therapist=thera, now=later)[0].alerts] == ["inactive"]


def test_pain_rise_is_one_alert_per_episode(thera, alice):
    link(thera, alice)
    tz = alice.tzinfo
    for offset in range(8, 14):
        pain(alice, 2, local(alice, TODAY - timedelta(days=offset), 9))
    for offset in range(0, 3):
        pain(alice, 6, local(alice, TODAY - timedelta(days=offset), 9))

    (alert,) = dashboard_rows(therapist=thera, now=NOW)[0].alerts
    assert alert.kind == AlertKind.PAIN_RISE
    assert alert.occurrence == (TODAY - timedelta(days=2)).isoformat()
    assert alert.since == day_start(TODAY - timedelta(days=2), tz)
    # The next day the same episode goes on: the same occurrence.
    tomorrow = dashboard_rows(therapist=thera, now=NOW + timedelta(days=1))[0].alerts
    assert [a.id for a in tomorrow] == [alert.id]


def test_a_rise_that_began_weeks_ago_keeps_its_first_day(thera, alice):
    # Every day 2 points a week above the same weekday a week before: each day
    # up to 25 days back shows a rise, and telling so for the 25th day back
    # takes ratings from 38 days back, older than the 30 days read for every
    # patient (the rising patient's are read again, further back).
    link(thera, alice)
    for offset in range(40):
        rating = max(0, 10 - 2 * offset // 7)
        pain(alice, rating, local(alice, TODAY - timedelta(days=offset), 9))

    (alert,) = [
        a for a in dashboard_rows(therapist=thera, now=NOW)[0].alerts if a.kind == "pain_rise"
    ]
    assert alert.occurrence == (TODAY - timedelta(days=25)).isoformat()


def test_a_new_warning_sign_raises_an_alert_and_the_same_signs_again_do_not(
    thera, thera_client, alice, alice_client
):
    link(thera, alice)
    answers = dict.fromkeys(SLUGS, False) | {SLUGS[0]: True}
    assert (
        alice_client.post("/api/v1/me/safety/", {"answers": answers}, format="json").status_code
        == 201
    )

    (alert,) = the_row(thera_client, alice)["alerts"]
    assert alert["kind"] == "warning_sign"
    assert str(QUESTIONS[SLUGS[0]]) in alert["message"]
    assert thera_client.post(ack_url(alice, alert["id"])).status_code == 204

    # The same sign again is not new; a second sign is.
    safety_check_save(user=alice, answers=answers, now=timezone.now())
    assert the_row(thera_client, alice)["alerts"] == []
    safety_check_save(user=alice, answers=answers | {SLUGS[1]: True}, now=timezone.now())
    (alert,) = the_row(thera_client, alice)["alerts"]
    assert str(QUESTIONS[SLUGS[1]]) in alert["message"]
    assert str(QUESTIONS[SLUGS[0]]) not in alert["message"]


def test_a_warning_sign_alert_quotes_the_question_in_the_therapists_language(
    thera, thera_client, alice
):
    link(thera, alice)
    thera.language = "de"
    thera.save(update_fields=["language"])
    safety_check_save(user=alice, answers={SLUGS[0]: True}, now=timezone.now())

    (alert,) = the_row(thera_client, alice)["alerts"]

    with translation.override("de"):
        assert str(QUESTIONS[SLUGS[0]]) in alert["message"]
    assert str(QUESTIONS[SLUGS[0]]) not in alert["message"]  # the English question


# Progress, as the patient sees it


def test_a_linked_therapist_sees_the_patients_own_progress(
    thera, thera_client, alice, alice_client, stretch
):
    link(thera, alice)
    plan_for(alice, stretch, since=timezone.now() - timedelta(days=10))
    log(alice, stretch, timezone.now() - timedelta(days=1))
    pain(alice, 4, timezone.now() - timedelta(days=2))

    for query in ("?days=14", "", f"?from={TODAY - timedelta(days=3)}&to={TODAY}"):
        theirs = thera_client.get(f"{DASHBOARD}{alice.pk}/progress/{query}")
        own = alice_client.get(f"/api/v1/progress/{query}")
        assert theirs.status_code == own.status_code == 200
        assert theirs.json() == own.json()
    assert thera_client.get(f"{DASHBOARD}{alice.pk}/progress/?days=0").status_code == 400


def test_progress_of_an_unlinked_or_ended_patient_is_a_404(thera, thera_client, alice, bob):
    ended = link(thera, bob)
    CareLink.objects.filter(pk=ended.pk).update(ended_at=timezone.now())

    assert thera_client.get(f"{DASHBOARD}{alice.pk}/progress/").status_code == 404
    assert thera_client.get(f"{DASHBOARD}{bob.pk}/progress/").status_code == 404


# A fixed number of queries


def seed_patients(therapist, stretch, count: int, start: int) -> None:
    zones = ["Europe/Berlin", "America/Chicago", "Asia/Kolkata", "Asia/Kathmandu", "UTC"]
    now = timezone.now()
    for n in range(start, start + count):
        # Without a password: hashing fifty is slow and the dashboard never reads it.
        patient = User.objects.create(
            username=f"p{n}", role=Role.PATIENT, timezone=zones[n % len(zones)]
        )
        link(therapist, patient)
        plan_for(patient, stretch, since=now - timedelta(days=40))
        for days_ago in range(0, 30, 3):
            log(patient, stretch, now - timedelta(days=days_ago, hours=n % 24))
            pain(patient, (n + days_ago) % 11, now - timedelta(days=days_ago, hours=1))
        Delivery.objects.create(
            user=patient, kind="sitting", due_at=now, state="sent", sent_at=now - timedelta(hours=1)
        )
        PauseDay.objects.create(
            user=patient, date=local_date(now, ZoneInfo(patient.timezone)), reason="travel"
        )
        safety_check_save(user=patient, answers={SLUGS[0]: True}, now=now)


def test_the_dashboard_takes_the_same_number_of_queries_for_5_and_50_patients(
    thera, thera_client, stretch
):
    seed_patients(thera, stretch, 5, start=0)
    # A token's first use notes its device (once a minute at most): not the dashboard's.
    thera_client.get("/api/v1/me/")
    with CaptureQueriesContext(connection) as five:
        response = thera_client.get(DASHBOARD)
    assert len(response.json()) == 5

    seed_patients(thera, stretch, 45, start=5)
    with CaptureQueriesContext(connection) as fifty:
        response = thera_client.get(DASHBOARD)
    assert len(response.json()) == 50

    assert len(five.captured_queries) == len(fifty.captured_queries)
    # The nine of the selector (the pain a rise's start needs is read even when
    # no pain is rising), plus knox's two (the token, its owner's expired
    # tokens), the token's device note, the second-factor check and the access
    # audit's one INSERT.
    assert len(fifty.captured_queries) <= 9 + 5
    assert all(row["alerts"] for row in response.json())  # the data was really there


# Local days: the database groups sessions and pain by each patient's own local
# date (PostgreSQL: AT TIME ZONE; SQLite: Django's zoneinfo function). These run
# on both backends and pin them to tracker.days.local_date.

# Europe/Berlin springs forward on 2026-03-29 (01:00 UTC: 02:00 CET becomes 03:00
# CEST) and falls back on 2026-10-25; America/Chicago on 2026-03-08 and
# 2026-11-01 (at 2:00 local); Asia/Kathmandu is UTC+5:45, Asia/Kolkata +5:30;
# Australia/Lord_Howe moves by half an hour (+10:30/+11).
LOCAL_DAY_ZONES = [
    "Europe/Berlin",
    "America/Chicago",
    "Asia/Kathmandu",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
]
LOCAL_DAY_DATES = [
    date(2026, 3, 7),
    date(2026, 3, 8),
    date(2026, 3, 28),
    date(2026, 3, 29),
    date(2026, 4, 5),
    date(2026, 10, 4),
    date(2026, 10, 24),
    date(2026, 10, 25),
    date(2026, 11, 1),
]


def test_kept_day_counts_agree_with_local_date_at_dst_changes_and_odd_offsets(stretch):
    from tracker.activity_days import activity_days_rebuild

    expected, logs = Counter(), []
    for name in LOCAL_DAY_ZONES:
        patient = make_user(f"p-{name.replace('/', '-').lower()}", timezone=name)
        tz = ZoneInfo(name)
        for day in LOCAL_DAY_DATES:
            # Either side of both midnights of the day, and of each hour of it,
            # which takes in the instants the clocks change.
            start, end = day_start(day, tz), day_start(day + timedelta(days=1), tz)
            hours = {start + timedelta(hours=n) for n in range(26)} | {end}
            for hour in hours:
                for at in (hour - timedelta(minutes=1), hour, hour + timedelta(seconds=59)):
                    logs.append(ExerciseLog(user=patient, exercise=stretch, performed_at=at))
                    expected[(patient.pk, local_date(at, tz))] += 1
    ExerciseLog.objects.bulk_create(logs)
    for patient in {log.user for log in logs}:
        activity_days_rebuild(user=patient)

    kept = ActivityDay.objects.values_list("user_id", "date", "sessions")
    assert {(pid, day): n for pid, day, n in kept} == dict(expected)


def test_adherence_and_pain_follow_local_days_across_the_spring_forward(thera, stretch, db):
    patient = make_user("berta", role=Role.PATIENT, timezone="Europe/Berlin")
    link(thera, patient)
    now = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)  # Tuesday 14:00 CEST
    plan_for(patient, stretch, times_per_day=1, since=now - timedelta(days=60))
    # 23:30 CEST on the 29th (21:30 UTC) and 00:30 CEST on the 30th (22:30 UTC):
    # one on each day. UTC, or the +1 the 29th began with, would put both on
    # the 29th, where the cap leaves one.
    log(patient, stretch, datetime(2026, 3, 29, 21, 30, tzinfo=UTC))
    log(patient, stretch, datetime(2026, 3, 29, 22, 30, tzinfo=UTC))
    # 23:30 and 00:30 CET either side of the 25th's midnight (22:30 and 23:30
    # UTC): one in the 7 days before this week, one in it. In UTC both would
    # be the 24th's; at the +2 of today, both the 25th's.
    pain(patient, 2, datetime(2026, 3, 24, 22, 30, tzinfo=UTC))
    pain(patient, 6, datetime(2026, 3, 24, 23, 30, tzinfo=UTC))

    (row,) = dashboard_rows(therapist=thera, now=now)

    # The 25th to the 30th are over (today is pending): the 29th and 30th done.
    assert row.adherence_7 == round(2 / 6, 3)
    assert (row.pain_mean_7, row.pain_mean_previous_7) == (6.0, 2.0)


def test_a_kathmandu_day_starts_at_18_15_utc(thera, stretch, db):
    patient = make_user("kiran", role=Role.PATIENT, timezone="Asia/Kathmandu")
    link(thera, patient)
    plan_for(patient, stretch, times_per_day=1, since=NOW - timedelta(days=40))
    # TODAY is 2026-03-18 (NOW is 17:45 there); the 16th ends at 18:15 UTC on the 16th.
    log(patient, stretch, datetime(2026, 3, 16, 18, 14, 59, tzinfo=UTC))  # the 16th, 23:59:59
    log(patient, stretch, datetime(2026, 3, 16, 18, 15, tzinfo=UTC))  # the 17th, 00:00
    pain(patient, 9, datetime(2026, 3, 11, 18, 14, tzinfo=UTC))  # the 11th: the week before
    pain(patient, 3, datetime(2026, 3, 11, 18, 15, tzinfo=UTC))  # the 12th: this week

    (row,) = dashboard_rows(therapist=thera, now=NOW)

    # Of the 6 finished days (12th-17th), the 16th and the 17th.
    assert row.adherence_7 == round(2 / 6, 3)
    assert (row.pain_mean_7, row.pain_mean_previous_7) == (3.0, 9.0)
