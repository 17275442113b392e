"""The dispatcher, the sweeper and the sender, each called with `now` passed in.

The dispatcher turns what fell due into Delivery rows and enqueues their ids
after the commit; `enqueue` is a plain list here (the real broker is covered in
test_sending.py and test_faults.py).
"""

import gc
from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from exercises.models import ExerciseLog, LogOrigin, Routine
from reminders import dispatch as dispatch_module
from reminders import metrics
from reminders.bulk import NewDelivery
from reminders.channels import ChannelError, webpush
from reminders.dispatch import _due_figures, dispatch_due, stuck_deliveries
from reminders.drives import drive_end, drive_resume, drive_start, drive_stop
from reminders.models import (
    ChannelSend,
    Delivery,
    DeliveryKind,
    DeliveryState,
    PushSubscription,
    Schedule,
)
from reminders.sending import delivery_send, message_for, still_driving
from reminders.services import delivery_snooze

# A Wednesday, 11:00 in Berlin: inside every every-day, all-day window.
T = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
INTERVAL = timedelta(minutes=45)


def sitting_due_at(user, due: datetime, **fields) -> Schedule:
    values = {
        "kind": "sitting",
        "next_fire_at": due,
        "weekdays": [1, 2, 3, 4, 5, 6, 7],
        "window_start": "00:00",
        "window_end": "00:00",
        **fields,
    }
    return Schedule.objects.create(user=user, **values)


@pytest.fixture
def dispatch(django_capture_on_commit_callbacks):
    """Run the dispatcher at `now`; return (result, ids enqueued after the commit)."""

    def run(now: datetime):
        enqueued: list[int] = []
        with django_capture_on_commit_callbacks(execute=True):
            result = dispatch_due(now=now, enqueue=enqueued.extend)
        return result, enqueued

    return run


def log_by_hand(user, at: datetime) -> ExerciseLog:
    return ExerciseLog.objects.create(
        user=user,
        performed_at=at,
        routine=Routine.objects.get(slug="desk-break"),
        origin=LogOrigin.MANUAL,
    )


# -- schedules ------------------------------------------------------------------------


def test_a_due_sitting_reminder_makes_one_pending_delivery_and_moves_on(alice, dispatch):
    due = T - timedelta(minutes=1)
    schedule = sitting_due_at(alice, due)

    result, enqueued = dispatch(T)

    assert (result.claimed, result.pending, result.missed, result.suppressed) == (1, 1, 0, 0)
    delivery = Delivery.objects.get()
    assert delivery.user == alice
    assert delivery.schedule == schedule
    assert delivery.kind == DeliveryKind.SITTING
    assert delivery.due_at == due
    assert delivery.state == DeliveryState.PENDING
    assert delivery.enqueued_at == T
    assert delivery.channels == ["push"]
    assert enqueued == [delivery.pk]
    schedule.refresh_from_db()
    assert schedule.last_fired_at == due
    assert schedule.next_fire_at == due + INTERVAL
    assert schedule.next_fire_at > T


def test_a_second_run_at_the_same_instant_makes_nothing_more(alice, dispatch):
    sitting_due_at(alice, T - timedelta(minutes=1))
    dispatch(T)

    result, enqueued = dispatch(T)

    assert result.claimed == 0
    assert enqueued == []
    assert Delivery.objects.count() == 1


def test_a_fixed_time_reminder_carries_its_routine_and_channels(alice, library, dispatch):
    due = T - timedelta(minutes=1)
    schedule = sitting_due_at(
        alice,
        due,
        kind="times",
        times=["10:59"],
        routine=Routine.objects.get(slug="daily-home"),
        channels=["push", "email"],
    )

    _, enqueued = dispatch(T)

    delivery = Delivery.objects.get()
    assert delivery.kind == DeliveryKind.TIMES
    assert delivery.routine.slug == "daily-home"
    assert delivery.channels == ["push", "email"]
    assert enqueued == [delivery.pk]
    schedule.refresh_from_db()
    # 10:59 in Berlin, the next day.
    assert schedule.next_fire_at == datetime(2026, 11, 26, 9, 59, tzinfo=UTC)


def test_a_reminder_not_yet_due_is_left_alone(alice, dispatch):
    schedule = sitting_due_at(alice, T + timedelta(seconds=1))

    result, _ = dispatch(T)

    assert result.claimed == 0
    assert not Delivery.objects.exists()
    schedule.refresh_from_db()
    assert schedule.next_fire_at == T + timedelta(seconds=1)


def test_an_inactive_schedule_is_never_claimed(alice, dispatch):
    due = T - timedelta(minutes=1)
    schedule = sitting_due_at(alice, due, is_active=False)

    result, enqueued = dispatch(T)

    assert result.claimed == 0
    assert enqueued == []
    assert not Delivery.objects.exists()
    schedule.refresh_from_db()
    assert (schedule.next_fire_at, schedule.last_fired_at) == (due, None)


def test_a_delivery_already_made_for_that_due_instant_is_not_made_again(alice, dispatch):
    # As after a dispatcher that died between its insert and a later step, or a
    # schedule set back to an instant that already fired: the row stays unique.
    due = T - timedelta(minutes=1)
    schedule = sitting_due_at(alice, due)
    earlier = Delivery.objects.create(
        user=alice, schedule=schedule, kind=DeliveryKind.SITTING, due_at=due,
        state=DeliveryState.SENT,
    )  # fmt: skip

    result, enqueued = dispatch(T)

    assert (result.claimed, result.pending, result.missed) == (1, 0, 0)
    assert enqueued == []
    assert list(Delivery.objects.all()) == [earlier]
    schedule.refresh_from_db()
    assert schedule.next_fire_at == due + INTERVAL


def test_schedules_with_one_rule_and_due_instant_still_fire_in_their_own_zone(alice, bob, dispatch):
    # The dispatcher reuses one next-fire answer for equal inputs; the zone is one of them.
    berlin = sitting_due_at(alice, T - timedelta(minutes=1), kind="times", times=["07:30"])
    chicago = sitting_due_at(bob, T - timedelta(minutes=1), kind="times", times=["07:30"])

    result, enqueued = dispatch(T)

    assert (result.claimed, result.pending) == (2, 2)
    assert sorted(enqueued) == sorted(Delivery.objects.values_list("pk", flat=True))
    berlin.refresh_from_db()
    chicago.refresh_from_db()
    assert berlin.next_fire_at == datetime(2026, 11, 26, 6, 30, tzinfo=UTC)
    assert chicago.next_fire_at == datetime(2026, 11, 25, 13, 30, tzinfo=UTC)


def test_what_the_dispatcher_writes_matches_the_orms_own_lookups(alice, dispatch):
    # The bulk statements bypass the ORM; equality lookups must still find their values.
    due = T - timedelta(minutes=1)
    schedule = sitting_due_at(alice, due)

    dispatch(T)

    assert Delivery.objects.filter(schedule=schedule, due_at=due).exists()
    assert Schedule.objects.filter(pk=schedule.pk, next_fire_at=due + INTERVAL).exists()
    assert Schedule.objects.filter(pk=schedule.pk, last_fired_at=due).exists()
    assert dispatch(due + INTERVAL)[0].pending == 1


def test_a_pass_with_nothing_due_is_one_query(alice, dispatch, django_assert_num_queries):
    sitting_due_at(alice, T + timedelta(minutes=5))

    with django_assert_num_queries(1):
        result, enqueued = dispatch(T)

    assert (result.claimed, enqueued) == (0, [])
    result, enqueued = dispatch(T + timedelta(minutes=5))
    assert result.claimed == 1
    assert len(enqueued) == 1


def test_a_batch_larger_than_the_batch_size_is_claimed_in_several_batches(
    alice, bob, thera, dispatch, settings
):
    settings.REMINDERS_BATCH_SIZE = 2
    schedules = [sitting_due_at(user, T - timedelta(minutes=1)) for user in (alice, bob, thera)]

    result, enqueued = dispatch(T)

    assert (result.claimed, result.pending) == (3, 3)
    assert sorted(enqueued) == sorted(Delivery.objects.values_list("pk", flat=True))
    assert {d.schedule_id for d in Delivery.objects.all()} == {s.pk for s in schedules}


def test_a_batch_written_in_several_chunks_records_and_advances_each_schedule_once(
    alice, bob, thera, dispatch, settings, monkeypatch
):
    # One schedule per insert/advance pair: on PostgreSQL each pair is sent while
    # the next schedule is worked out, and their results are read at the end.
    monkeypatch.setattr(dispatch_module, "WRITE_CHUNK", 1)
    settings.REMINDERS_BATCH_SIZE = 2
    schedules = [sitting_due_at(user, T - timedelta(minutes=1)) for user in (alice, bob, thera)]

    result, enqueued = dispatch(T)

    assert (result.claimed, result.pending) == (3, 3)
    assert sorted(enqueued) == sorted(Delivery.objects.values_list("pk", flat=True))
    assert sorted(Delivery.objects.values_list("schedule_id", flat=True)) == sorted(
        s.pk for s in schedules
    )
    for schedule in schedules:
        schedule.refresh_from_db()
        assert schedule.next_fire_at > T
        assert schedule.last_fired_at == T - timedelta(minutes=1)


@pytest.mark.django_db(transaction=True)
def test_a_committed_batch_is_enqueued_even_when_the_next_batch_fails(
    alice, bob, settings, monkeypatch
):
    # The first batch's enqueue is held to run while the second one writes; the
    # second failing must not lose it (its deliveries are committed). One
    # connection, so that the batches come one after the other (two connections:
    # test_dispatch_connections.py).
    settings.REMINDERS_BATCH_SIZE = 1
    settings.REMINDERS_DISPATCH_CONNECTIONS = 1
    for user in (alice, bob):
        sitting_due_at(user, T - timedelta(minutes=1))
    fire = dispatch_module._Firing.fire
    calls = []

    def fire_then_fail(self, row):
        calls.append(row.pk)
        if len(calls) == 2:
            raise RuntimeError("the second batch fails")
        fire(self, row)

    monkeypatch.setattr(dispatch_module._Firing, "fire", fire_then_fail)
    enqueued: list[int] = []

    with pytest.raises(RuntimeError):
        dispatch_due(now=T, enqueue=enqueued.extend)

    delivery = Delivery.objects.get()
    assert delivery.schedule_id == calls[0]
    assert enqueued == [delivery.pk]
    # The failed batch left its schedule due, for the next pass.
    assert Schedule.objects.get(pk=calls[1]).next_fire_at == T - timedelta(minutes=1)


def test_the_cycle_collector_is_held_off_during_a_pass_and_back_on_after_it_even_when_it_fails(
    alice, monkeypatch
):
    sitting_due_at(alice, T - timedelta(minutes=1))
    fire = dispatch_module._Firing.fire
    collector_on_while_firing = []

    def fire_then_fail(self, row):
        collector_on_while_firing.append(gc.isenabled())
        fire(self, row)
        raise RuntimeError("the batch fails")

    monkeypatch.setattr(dispatch_module._Firing, "fire", fire_then_fail)
    assert gc.isenabled()

    with pytest.raises(RuntimeError):
        dispatch_due(now=T, enqueue=lambda ids: None)

    assert collector_on_while_firing == [False]
    assert gc.isenabled()


# -- a stretch logged by hand -------------------------------------------------------------


def test_a_stretch_logged_within_the_interval_suppresses_the_reminder(alice, library, dispatch):
    due = T - timedelta(minutes=1)
    schedule = sitting_due_at(alice, due)
    logged = due - timedelta(minutes=10)
    log_by_hand(alice, logged)

    result, enqueued = dispatch(T)

    assert (result.claimed, result.suppressed, result.pending) == (1, 1, 0)
    assert not Delivery.objects.exists()
    assert enqueued == []
    schedule.refresh_from_db()
    # That stretch was the break: the next one is an interval after it.
    assert schedule.next_fire_at == logged + INTERVAL
    assert schedule.last_fired_at is None


def test_a_stretch_logged_before_the_interval_does_not_suppress_it(alice, library, dispatch):
    due = T - timedelta(minutes=1)
    sitting_due_at(alice, due)
    log_by_hand(alice, due - INTERVAL - timedelta(minutes=1))

    result, enqueued = dispatch(T)

    assert result.pending == 1
    assert enqueued == [Delivery.objects.get().pk]


def test_another_users_stretch_does_not_suppress_the_reminder(alice, bob, library, dispatch):
    due = T - timedelta(minutes=1)
    sitting_due_at(alice, due)
    log_by_hand(bob, due - timedelta(minutes=10))

    result, _ = dispatch(T)

    assert (result.pending, result.suppressed) == (1, 0)
    assert Delivery.objects.get().user == alice


# -- after an outage -----------------------------------------------------------------------


def test_a_reminder_due_within_the_grace_window_is_still_sent(alice, dispatch, settings):
    due = T - timedelta(minutes=settings.REMINDERS_GRACE_MINUTES)
    sitting_due_at(alice, due)

    _, enqueued = dispatch(T)

    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.PENDING
    assert enqueued == [delivery.pk]


def test_a_reminder_due_before_the_grace_window_is_recorded_missed_not_sent(
    alice, dispatch, settings
):
    due = T - timedelta(minutes=settings.REMINDERS_GRACE_MINUTES, seconds=1)
    schedule = sitting_due_at(alice, due)

    result, enqueued = dispatch(T)

    assert (result.pending, result.missed) == (0, 1)
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.MISSED
    assert delivery.due_at == due
    assert delivery.enqueued_at is None
    assert enqueued == []
    schedule.refresh_from_db()
    assert schedule.next_fire_at > T


def test_hours_of_outage_record_each_missed_reminder_and_send_the_latest_once(alice, dispatch):
    due = T - timedelta(hours=3)
    schedule = sitting_due_at(alice, due)

    result, enqueued = dispatch(T + timedelta(seconds=30))

    # Every 45 minutes from T-3h: four instants missed, the fifth (T) still sent.
    deliveries = list(Delivery.objects.order_by("due_at"))
    assert [d.due_at for d in deliveries] == [due + n * INTERVAL for n in range(5)]
    assert [d.state for d in deliveries] == [DeliveryState.MISSED] * 4 + [DeliveryState.PENDING]
    assert enqueued == [deliveries[-1].pk]
    assert (result.claimed, result.pending, result.missed) == (1, 1, 4)
    schedule.refresh_from_db()
    assert schedule.next_fire_at == T + INTERVAL
    assert schedule.last_fired_at == T
    result, enqueued = dispatch(T + timedelta(minutes=1))
    assert result.claimed == 0


def test_the_issues_outage_across_three_times_sends_the_one_due_within_grace(
    alice, dispatch, settings
):
    # Times 22:30, 22:31, 22:32 in Berlin (21:30-21:32 UTC); the dispatcher is
    # frozen 21:29:42-21:32:36 UTC with a one-minute grace window.
    settings.REMINDERS_GRACE_MINUTES = 1
    first = datetime(2026, 11, 25, 21, 30, tzinfo=UTC)
    schedule = sitting_due_at(alice, first, kind="times", times=["22:30", "22:31", "22:32"])

    _, enqueued = dispatch(datetime(2026, 11, 25, 21, 32, 36, tzinfo=UTC))

    states = dict(Delivery.objects.values_list("due_at__minute", "state"))
    assert states == {30: DeliveryState.MISSED, 31: DeliveryState.MISSED, 32: DeliveryState.PENDING}
    assert enqueued == [Delivery.objects.get(state=DeliveryState.PENDING).pk]
    schedule.refresh_from_db()
    assert schedule.next_fire_at == first + timedelta(days=1)


def test_an_outage_past_the_grace_window_records_every_instant_missed(alice, dispatch, settings):
    settings.REMINDERS_GRACE_MINUTES = 1
    first = datetime(2026, 11, 25, 21, 30, tzinfo=UTC)
    sitting_due_at(alice, first, kind="times", times=["22:30", "22:31", "22:32"])

    result, enqueued = dispatch(datetime(2026, 11, 25, 21, 33, 1, tzinfo=UTC))

    assert (result.pending, result.missed) == (0, 3)
    assert enqueued == []


def test_a_batchs_due_and_missed_figures_count_every_delivery_on_each_of_its_channels():
    def delivery(channels: list[str], state: str) -> NewDelivery:
        return NewDelivery(1, 1, None, DeliveryKind.SITTING, T, None, channels, state, None)

    rows = [
        delivery(["push"], DeliveryState.PENDING),
        delivery(["push", "email"], DeliveryState.PENDING),
        delivery(["push", "email"], DeliveryState.MISSED),
        delivery(["push"], DeliveryState.PENDING),
    ]

    figures = _due_figures([(pk, row.state) for pk, row in enumerate(rows)], rows)

    assert figures == {
        metrics.field("reminders_due_total", {"channel": "push"}): 4,
        metrics.field("reminders_due_total", {"channel": "email"}): 2,
        metrics.field("reminders_missed_total", {"channel": "push"}): 1,
        metrics.field("reminders_missed_total", {"channel": "email"}): 1,
    }


# -- snooze -----------------------------------------------------------------------------------


def test_a_snoozed_routine_fires_at_the_snooze_then_at_its_next_fixed_time(
    alice, library, dispatch
):
    schedule = sitting_due_at(alice, T - timedelta(minutes=1), kind="times", times=["10:59"])
    dispatch(T)
    answered = Delivery.objects.get()

    delivery_snooze(delivery=answered, minutes=10, now=T)

    schedule.refresh_from_db()
    assert schedule.next_fire_at == T + timedelta(minutes=10)
    _, enqueued = dispatch(T + timedelta(minutes=10))
    again = Delivery.objects.exclude(pk=answered.pk).get()
    assert (again.kind, again.due_at) == (DeliveryKind.TIMES, T + timedelta(minutes=10))
    assert enqueued == [again.pk]
    schedule.refresh_from_db()
    assert schedule.snoozed_until is None
    assert schedule.next_fire_at == datetime(2026, 11, 26, 9, 59, tzinfo=UTC)


def test_a_routine_snoozed_into_quiet_hours_comes_back_when_they_end(alice, library, dispatch):
    # 21:50 in Berlin; quiet from 22:00 to 07:00. Snoozed for 20 minutes it would
    # ring at 22:10: it waits for 07:00, before the next fixed time (21:50).
    evening = datetime(2026, 11, 25, 20, 50, tzinfo=UTC)
    schedule = sitting_due_at(
        alice, evening, kind="times", times=["21:50"], quiet_start="22:00", quiet_end="07:00"
    )
    dispatch(evening)

    delivery_snooze(delivery=Delivery.objects.get(), minutes=20, now=evening)

    schedule.refresh_from_db()
    assert schedule.next_fire_at == datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
    assert dispatch(evening + timedelta(minutes=20))[0].claimed == 0
    result, enqueued = dispatch(datetime(2026, 11, 26, 6, 0, tzinfo=UTC))
    assert (result.pending, len(enqueued)) == (1, 1)
    schedule.refresh_from_db()
    assert schedule.snoozed_until is None
    assert schedule.next_fire_at == datetime(2026, 11, 26, 20, 50, tzinfo=UTC)


def test_a_snoozed_sitting_reminder_fires_once_at_the_snooze(alice, library, dispatch):
    schedule = sitting_due_at(alice, T - timedelta(minutes=1))
    dispatch(T)

    delivery_snooze(delivery=Delivery.objects.get(), minutes=20, now=T)

    schedule.refresh_from_db()
    assert schedule.next_fire_at == T + timedelta(minutes=20)
    result, _ = dispatch(T + timedelta(minutes=20))
    assert result.pending == 1
    schedule.refresh_from_db()
    assert schedule.snoozed_until is None
    assert schedule.next_fire_at == T + timedelta(minutes=20) + INTERVAL


# -- drives -------------------------------------------------------------------------------------


def test_a_due_drive_makes_one_drive_delivery_per_driving_count(alice, library, dispatch):
    started = T - timedelta(minutes=106)
    drive = drive_start(user=alice, rules="interval", stop_every_minutes=120, now=started)
    assert drive.next_fire_at == started + timedelta(minutes=105)

    _, enqueued = dispatch(T)

    delivery = Delivery.objects.get()
    assert (delivery.drive, delivery.kind) == (drive, DeliveryKind.DRIVE)
    assert delivery.due_at == started + timedelta(minutes=105)
    assert delivery.state == DeliveryState.PENDING
    # Hands on the wheel: a push the phone shows, never an email to read.
    assert delivery.channels == ["push"]
    assert delivery.routine.slug == "truck-stop"
    assert enqueued == [delivery.pk]
    drive.refresh_from_db()
    assert drive.reminded_for == started
    assert drive.next_fire_at is None
    # Minutes later, and after a stop too short to reset the count: nothing more.
    assert dispatch(T + timedelta(minutes=5))[0].claimed == 0
    drive_stop(user=alice, now=T + timedelta(minutes=6))
    drive_resume(user=alice, now=T + timedelta(minutes=10))
    drive.refresh_from_db()
    assert drive.next_fire_at is None
    assert dispatch(T + timedelta(minutes=60))[0].claimed == 0
    assert Delivery.objects.count() == 1


def test_after_a_break_that_resets_the_count_the_next_count_is_reminded(alice, library, dispatch):
    started = T - timedelta(minutes=106)
    drive = drive_start(user=alice, rules="interval", stop_every_minutes=120, now=started)
    dispatch(T)
    drive_stop(user=alice, now=T + timedelta(minutes=5))
    back = T + timedelta(minutes=25)  # 20 minutes stopped: the count starts over

    drive_resume(user=alice, now=back)

    drive.refresh_from_db()
    assert drive.next_fire_at == back + timedelta(minutes=105)
    result, _ = dispatch(back + timedelta(minutes=105))
    assert result.pending == 1
    assert Delivery.objects.filter(drive=drive).count() == 2


def test_an_ended_drive_is_not_dispatched(alice, dispatch):
    started = T - timedelta(minutes=106)
    drive_start(user=alice, rules="interval", stop_every_minutes=120, now=started)
    drive_end(user=alice, now=T - timedelta(minutes=2))

    result, _ = dispatch(T)

    assert result.claimed == 0
    assert not Delivery.objects.exists()


# -- the sweeper ----------------------------------------------------------------------------------


def test_the_sweeper_hands_out_again_only_pending_deliveries_nobody_works_on(alice, settings):
    long_ago = T - timedelta(seconds=settings.REMINDERS_SWEEP_AFTER_SECONDS + 1)

    def delivery(**fields) -> Delivery:
        values = {"state": DeliveryState.PENDING, "enqueued_at": long_ago, **fields}
        return Delivery.objects.create(
            user=alice, kind=DeliveryKind.TEST, due_at=T - timedelta(minutes=5), **values
        )

    lost = delivery()
    lease_ran_out = delivery(lease_until=T - timedelta(seconds=1))
    delivery(lease_until=T + timedelta(seconds=30))  # a live send task holds it
    delivery(enqueued_at=T - timedelta(seconds=10))  # its task may still be queued
    delivery(state=DeliveryState.SENT)
    delivery(state=DeliveryState.MISSED, enqueued_at=None)

    ids = stuck_deliveries(now=T)

    assert sorted(ids) == sorted([lost.pk, lease_ran_out.pk])
    lost.refresh_from_db()
    # Re-enqueued now: the next sweep waits another full period before trying again.
    assert lost.enqueued_at == T
    assert stuck_deliveries(now=T + timedelta(seconds=1)) == []


# -- sending --------------------------------------------------------------------------------------


@pytest.fixture
def browser(push_receiver, alice):
    """alice's browser, subscribed at the local push service."""
    browser = push_receiver.subscribe("alice")
    PushSubscription.objects.create(
        user=alice,
        endpoint=push_receiver.endpoint(browser),
        p256dh=browser.p256dh,
        auth=browser.auth,
    )
    return browser


def pending(user, due: datetime, **fields) -> Delivery:
    values = {"kind": DeliveryKind.SITTING, "state": DeliveryState.PENDING, **fields}
    return Delivery.objects.create(user=user, due_at=due, enqueued_at=due, **values)


def test_a_stale_delivery_is_marked_missed_and_not_sent(alice, browser, push_receiver, settings):
    now = timezone.now()
    delivery = pending(alice, now - timedelta(minutes=settings.REMINDERS_STALE_MINUTES, seconds=1))

    outcome = delivery_send(delivery_id=delivery.pk, now=now)

    assert outcome.state == DeliveryState.MISSED
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.MISSED
    assert delivery.sent_at is None
    assert delivery.lease_until is None
    assert push_receiver.received == []
    assert not ChannelSend.objects.exists()


def test_a_sent_delivery_is_not_sent_again(alice, browser, push_receiver, library):
    now = timezone.now()
    delivery = pending(alice, now - timedelta(minutes=1))
    first = delivery_send(delivery_id=delivery.pk, now=now)

    again = delivery_send(delivery_id=delivery.pk, now=now + timedelta(seconds=5))

    assert (first.state, first.sent) == (DeliveryState.SENT, 1)
    assert (again.state, again.sent) == (DeliveryState.SENT, 0)
    assert len(push_receiver.accepted()) == 1
    assert push_receiver.problems() == []
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENT
    assert delivery.sent_at == now
    assert delivery.attempts == 1
    assert ChannelSend.objects.filter(delivery=delivery, ok=True).count() == 1


def test_a_delivery_another_task_holds_is_left_to_it(alice, browser, push_receiver):
    now = timezone.now()
    delivery = pending(alice, now - timedelta(minutes=1), lease_until=now + timedelta(seconds=30))

    outcome = delivery_send(delivery_id=delivery.pk, now=now)

    assert outcome.state == DeliveryState.PENDING
    assert push_receiver.received == []
    delivery.refresh_from_db()
    assert delivery.attempts == 0


def test_while_driving_the_push_needs_no_touch_and_after_the_stop_it_is_interactive(
    alice, browser, push_receiver, library
):
    now = timezone.now()
    drive = drive_start(
        user=alice, rules="interval", stop_every_minutes=120, now=now - timedelta(minutes=106)
    )
    on_the_road = pending(alice, now - timedelta(minutes=1), kind=DeliveryKind.DRIVE, drive=drive)

    delivery_send(delivery_id=on_the_road.pk, now=now)

    [received] = push_receiver.wait_for(1)
    assert received.payload["interactive"] is False
    assert received.payload["actions"] == []
    assert received.payload["url"] == "/drive/"
    assert received.headers["urgency"] == "high"
    drive_stop(user=alice, now=now + timedelta(minutes=1))
    at_the_stop = message_for(Delivery.objects.select_related("drive").get(pk=on_the_road.pk))
    assert at_the_stop.interactive is True
    assert at_the_stop.url == f"/reminders/{on_the_road.pk}/?token={at_the_stop.action_token}"


def test_which_drives_are_on_the_road_is_read_for_a_whole_chunk_in_one_query(
    alice, bob, thera, django_assert_num_queries
):
    now = timezone.now()
    started = now - timedelta(minutes=30)
    drives = {u: drive_start(user=u, rules="interval", stop_every_minutes=120, now=started)
              for u in (alice, bob, thera)}  # fmt: skip
    drive_stop(user=bob, now=now - timedelta(minutes=5))
    drive_end(user=thera, now=now - timedelta(minutes=1))
    made = [pending(u, now - timedelta(minutes=1), kind=DeliveryKind.DRIVE, drive=d)
            for u, d in drives.items()]  # fmt: skip
    made.append(pending(alice, now - timedelta(minutes=1)))
    chunk = list(Delivery.objects.select_related("drive").filter(pk__in=[d.pk for d in made]))

    with django_assert_num_queries(1):
        driving = still_driving(chunk)

    # alice drives; bob is stopped; thera's drive ended; a sitting reminder has no drive.
    assert driving == {made[0].pk}


def test_pushes_to_one_push_service_share_one_vapid_signature(alice, browser, push_receiver):
    now = timezone.now()
    first, second = (pending(alice, now - timedelta(minutes=m)) for m in (1, 2))

    for delivery in (first, second):
        assert delivery_send(delivery_id=delivery.pk, now=now).state == DeliveryState.SENT

    received = push_receiver.wait_for(2)
    assert push_receiver.problems() == []
    assert received[0].headers["authorization"] == received[1].headers["authorization"]


def test_a_vapid_signature_near_its_expiry_is_renewed(alice, browser, push_receiver, monkeypatch):
    # Every signature is made already within the renewal margin: each push signs anew.
    monkeypatch.setattr(webpush, "VAPID_LIFETIME_SECONDS", webpush.VAPID_RENEW_SECONDS)
    now = timezone.now()
    first, second = (pending(alice, now - timedelta(minutes=m)) for m in (1, 2))

    for delivery in (first, second):
        assert delivery_send(delivery_id=delivery.pk, now=now).state == DeliveryState.SENT

    received = push_receiver.wait_for(2)
    assert push_receiver.problems() == []
    assert received[0].headers["authorization"] != received[1].headers["authorization"]


def test_a_push_goes_through_the_environments_proxy(alice, browser, push_receiver, monkeypatch):
    # Sessions read the proxy settings once per push service; they still apply.
    # This proxy refuses connections, so the push cannot go through.
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    now = timezone.now()
    delivery = pending(alice, now - timedelta(minutes=1))

    with pytest.raises(ChannelError, match="unreachable"):
        delivery_send(delivery_id=delivery.pk, now=now)

    assert push_receiver.received == []
    assert Delivery.objects.get(pk=delivery.pk).state == DeliveryState.PENDING


def test_a_push_service_in_no_proxy_is_reached_directly(
    alice, browser, push_receiver, library, monkeypatch
):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    now = timezone.now()
    delivery = pending(alice, now - timedelta(minutes=1))

    outcome = delivery_send(delivery_id=delivery.pk, now=now)

    assert outcome.state == DeliveryState.SENT
    assert len(push_receiver.wait_for(1)) == 1


def test_a_sitting_push_offers_done_and_snooze(alice, browser, push_receiver, library):
    now = timezone.now()
    delivery = pending(alice, now - timedelta(minutes=1))

    delivery_send(delivery_id=delivery.pk, now=now)

    [received] = push_receiver.wait_for(1)
    assert received.payload["interactive"] is True
    assert [a["action"] for a in received.payload["actions"]] == ["done", "snooze"]
    assert received.payload["delivery"] == delivery.pk
    assert received.payload["token"]
    assert "Desk break" in received.payload["body"]


def test_a_fixed_local_time_is_read_in_the_users_zone(bob, dispatch):
    # bob lives in Chicago: 07:30 there is 13:30 UTC in November (CST).
    schedule = sitting_due_at(bob, T - timedelta(minutes=1), kind="times", times=["07:30"])

    dispatch(T)

    schedule.refresh_from_db()
    local = schedule.next_fire_at.astimezone(bob.tzinfo)
    assert local.time() == time(7, 30)
    assert schedule.next_fire_at == datetime(2026, 11, 25, 13, 30, tzinfo=UTC)
