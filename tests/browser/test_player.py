"""The routine player in a real browser: one exercise at a time, a hold
countdown, and exactly one log once the routine is done."""

import pytest
from playwright.sync_api import expect

from exercises.models import Exercise, ExerciseLog, Plan, PlanItem
from tests.browser.conftest import assert_accessible, log_in_as, tap_targets_too_small

pytestmark = pytest.mark.django_db(transaction=True)


def _fast_seconds(page) -> None:
    # A "second" of the countdown lasts data-second-ms; 20 ms keeps the test short.
    page.locator("#player").evaluate("(player) => { player.dataset.secondMs = '20'; }")


def _wait_for_logs(page, user, count: int = 1) -> list[ExerciseLog]:
    """Return the user's logs once `count` have arrived (the outbox sends in the background)."""
    for _ in range(100):
        logs = list(ExerciseLog.objects.filter(user=user))
        if len(logs) >= count:
            return logs
        page.wait_for_timeout(100)
    raise AssertionError(f"expected {count} log(s), found {len(logs)}")


def test_playing_a_routine_to_the_end_logs_it_once(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/routines/desk-break/play/")
    _fast_seconds(phone)

    expect(phone.locator("#player-progress")).to_have_text("Exercise 1 of 2")
    expect(phone.get_by_role("heading", name="Standing lunge with pelvic tuck")).to_be_visible()
    expect(phone.get_by_role("heading", name="Foot-up forward stance")).to_be_hidden()
    expect(phone.get_by_role("button", name="I did this routine")).to_be_hidden()
    phone.get_by_role("button", name="Next").click()

    expect(phone.locator("#player-progress")).to_have_text("Exercise 2 of 2")
    step = phone.locator("#step-2")
    expect(step.locator("[data-count]")).to_have_text("10")
    expect(phone.get_by_role("button", name="Next")).to_be_hidden()
    step.get_by_role("button", name="Start hold").click()
    expect(step.locator("[data-status]")).to_have_text("Hold done.")
    expect(step.locator("[data-count]")).to_have_text("0")
    phone.get_by_role("button", name="Done").click()

    expect(phone.get_by_role("heading", name="Well done")).to_be_visible()
    expect(phone.get_by_role("link", name="Back to Today")).to_be_visible()
    [log] = _wait_for_logs(phone, alice)
    assert (log.routine.slug, log.exercise) == ("desk-break", None)
    assert log.duration_seconds is not None and log.duration_seconds < 120
    # The outbox is empty again, and a reload sends nothing more.
    expect(phone.locator("#sync-status")).to_be_hidden()
    phone.reload()
    expect(phone.locator("#player-progress")).to_have_text("Exercise 1 of 2")
    assert ExerciseLog.objects.filter(user=alice).count() == 1
    assert phone.errors == []


def test_a_routine_played_offline_is_logged_once_back_online(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/routines/truck-stop/play/")
    phone.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller")
    phone.reload()  # now controlled, so the page comes from the cache offline

    phone.context.set_offline(True)
    phone.reload()
    phone.get_by_role("button", name="Next").click()
    phone.get_by_role("button", name="Done").click()
    expect(phone.get_by_role("heading", name="Well done")).to_be_visible()
    expect(phone.locator("#sync-status")).to_have_text("1 waiting to send")
    assert ExerciseLog.objects.count() == 0

    phone.context.set_offline(False)
    expect(phone.locator("#sync-status")).to_be_hidden(timeout=15_000)
    [log] = _wait_for_logs(phone, alice)
    assert log.routine.slug == "truck-stop"


def test_the_countdown_counts_each_hold_of_the_users_plan_dose(phone, alice):
    plan = Plan.objects.create(user=alice, name="Mine")
    PlanItem.objects.create(
        plan=plan,
        exercise=Exercise.objects.get(slug="foot-up-forward-stance"),
        hold_seconds=3,
        reps=2,
    )
    log_in_as(phone, alice)
    phone.goto("/routines/flare-up-gentle/play/")
    _fast_seconds(phone)
    step = phone.locator("#step-1")
    expect(step.locator(".player-dose")).to_contain_text("2 reps, hold 3 s")

    step.get_by_role("button", name="Start hold 1").click()
    expect(step.locator("[data-status]")).to_have_text(
        "Hold 1 of 2 done. Relax, then start the next."
    )
    step.get_by_role("button", name="Start hold 2").click()
    expect(step.locator("[data-status]")).to_have_text("All 2 holds done.")
    expect(step.get_by_role("button", name="Start hold")).to_be_hidden()


FAKE_WAKE_LOCK = """
window.wakeLocks = { requested: 0, released: 0 };
Object.defineProperty(Navigator.prototype, "wakeLock", { configurable: true, get: () => ({
  request: async (type) => {
    if (type !== "screen") throw new Error("unexpected wake lock type " + type);
    window.wakeLocks.requested += 1;
    const lock = { released: false, release: async () => {
      lock.released = true;
      window.wakeLocks.released += 1;
    } };
    window.wakeLocks.current = lock;
    return lock;
  },
}) });
"""


def test_the_player_keeps_the_screen_awake_until_done_and_retakes_the_lock(phone, alice):
    phone.add_init_script(FAKE_WAKE_LOCK)
    log_in_as(phone, alice)
    phone.goto("/routines/desk-break/play/")
    phone.wait_for_function("() => window.wakeLocks.requested === 1")

    # A lock still held is not asked for twice.
    phone.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    assert phone.evaluate("() => window.wakeLocks.requested") == 1
    # Browsers drop the lock while the page is hidden; coming back takes it again.
    phone.evaluate(
        """() => { window.wakeLocks.current.released = true;
                   document.dispatchEvent(new Event('visibilitychange')); }"""
    )
    phone.wait_for_function("() => window.wakeLocks.requested === 2")
    phone.get_by_role("button", name="Done").click()
    phone.wait_for_function("() => window.wakeLocks.released === 1")
    # Once finished, the screen may sleep again.
    phone.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    assert phone.evaluate("() => window.wakeLocks.requested") == 2


def test_the_player_works_where_there_is_no_wake_lock(phone, alice):
    phone.add_init_script("delete Navigator.prototype.wakeLock;")
    log_in_as(phone, alice)
    phone.goto("/routines/desk-break/play/")
    assert phone.evaluate("() => 'wakeLock' in navigator") is False
    phone.get_by_role("button", name="Next").click()
    phone.get_by_role("button", name="Done").click()
    expect(phone.get_by_role("heading", name="Well done")).to_be_visible()
    assert phone.errors == []


def test_without_javascript_the_player_lists_every_step_and_logs_through_today(
    browser, site, alice
):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, base_url=site, java_script_enabled=False
    )
    page = context.new_page()
    page.site = site
    log_in_as(page, alice)
    page.goto("/routines/daily-home/play/")
    expect(page.locator(".player-step")).to_have_count(4)
    expect(page.locator(".player-step").nth(3)).to_be_visible()
    page.get_by_role("button", name="I did this routine").click()

    expect(page).to_have_url(f"{site}/today/")
    assert ExerciseLog.objects.filter(user=alice, routine__slug="daily-home").count() == 1
    context.close()


def test_the_player_is_accessible_with_big_enough_tap_targets(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/routines/truck-stop/play/")
    expect(phone.locator("#player-controls")).to_be_visible()
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
    phone.get_by_role("button", name="Done").click()
    expect(phone.get_by_role("heading", name="Well done")).to_be_visible()
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
