"""The routine player in a real browser: one exercise at a time, a hold
countdown, and exactly one log once the routine is done."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from exercises.models import Exercise, ExerciseLog, Plan, PlanItem
from tests.browser.conftest import assert_accessible, log_in_as, tap_targets_too_small

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/player-shots")  # noqa: S108 (screenshots to look at, not a secret)


def _shot(name: str) -> str:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return str(SHOTS / name)


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
    # "Switch feet and repeat": the left side, then the right, each its own hold.
    step.get_by_role("button", name="Start left side").click()
    expect(step.locator("[data-status]")).to_have_text(
        "Left side done. Relax, then start the next: Right side."
    )
    step.get_by_role("button", name="Start right side").click()
    expect(step.locator("[data-status]")).to_have_text("Both sides done.")
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

    for label in ("Left side, hold 1 of 2", "Left side, hold 2 of 2", "Right side, hold 1 of 2"):
        step.get_by_role("button", name=f"Start {label[0].lower()}{label[1:]}").click()
        expect(step.locator("[data-status]")).to_contain_text(f"{label} done.")
    step.get_by_role("button", name="Start right side, hold 2 of 2").click()
    expect(step.locator("[data-status]")).to_have_text("All 4 holds done, both sides.")
    expect(step.locator("[data-start]")).to_be_hidden()


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
    phone.get_by_role("button", name="Finish early").click()
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
    phone.get_by_role("button", name="Next").click()
    phone.get_by_role("button", name="Done").click()
    expect(phone.get_by_role("heading", name="Well done")).to_be_visible()
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []


def test_previous_pause_and_resume_while_the_button_says_what_it_will_do(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/routines/desk-break/play/")
    phone.locator("#player").evaluate("(player) => { player.dataset.secondMs = '200'; }")
    expect(phone.get_by_role("button", name="Previous")).to_be_hidden()
    phone.screenshot(path=_shot("player-start.png"))
    phone.get_by_role("button", name="Next").click()
    step = phone.locator("#step-2")
    count = step.locator("[data-count]")

    step.get_by_role("button", name="Start left side").click()
    pause = step.get_by_role("button", name="Pause")
    expect(pause).to_be_visible()
    expect(count).not_to_have_text("10")
    pause.click()
    expect(step.locator("[data-status]")).to_contain_text("Left side: paused")
    paused_at = count.text_content()
    phone.wait_for_timeout(700)
    expect(count).to_have_text(paused_at)  # a paused hold does not count down
    step.get_by_role("button", name="Resume").click()
    expect(step.get_by_role("button", name="Pause")).to_be_visible()
    expect(count).not_to_have_text(paused_at)
    phone.screenshot(path=_shot("player-counting.png"))

    # Previous goes back one exercise and stops the count.
    phone.get_by_role("button", name="Previous").click()
    expect(phone.locator("#player-progress")).to_have_text("Exercise 1 of 2")
    expect(phone.get_by_role("heading", name="Standing lunge with pelvic tuck")).to_be_visible()
    expect(phone.get_by_role("button", name="Previous")).to_be_hidden()
    phone.get_by_role("button", name="Next").click()
    expect(count).to_have_text("10")
    expect(step.get_by_role("button", name="Start left side")).to_be_visible()
    assert phone.errors == []


def test_a_hold_without_a_set_time_is_picked_from_15_to_60_seconds(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/routines/desk-break/play/")
    _fast_seconds(phone)
    step = phone.locator("#step-1")
    choice = step.get_by_role("group", name="Hold for")
    expect(choice.get_by_role("radio")).to_have_count(4)
    expect(choice.get_by_role("radio", name="30 s")).to_be_checked()
    expect(step.locator("[data-count]")).to_have_text("30")
    choice.get_by_text("15 s").click()
    expect(step.locator("[data-count]")).to_have_text("15")
    expect(step.locator("[data-status]")).to_have_text("Left side: 15 seconds")
    phone.screenshot(path=_shot("player-hold-choice.png"))
    step.get_by_role("button", name="Start left side").click()
    expect(choice.get_by_role("radio", name="45 s")).to_be_disabled()
    step.get_by_role("button", name="Start right side").click()
    expect(step.locator("[data-status]")).to_have_text("Both sides done.")


def test_finishing_early_logs_only_the_exercises_done_as_a_partial_session(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/routines/daily-home/play/")
    _fast_seconds(phone)
    expect(phone.locator("#player-progress")).to_have_text("Exercise 1 of 4")
    first = phone.locator("#step-1 h2").text_content()
    phone.get_by_role("button", name="Next").click()
    second = phone.locator("#step-2 h2").text_content()
    phone.get_by_role("button", name="Next").click()
    expect(phone.locator("#player-progress")).to_have_text("Exercise 3 of 4")
    phone.get_by_role("button", name="Finish early").click()

    expect(phone.locator("#player-progress")).to_have_text("2 of 4 done")
    expect(phone.locator("#finished-text")).to_have_text(
        f"Logged as a partial session: {first}, {second}."
    )
    phone.screenshot(path=_shot("player-partial.png"))
    logs = _wait_for_logs(phone, alice, count=2)
    phone.wait_for_timeout(300)
    logs = ExerciseLog.objects.filter(user=alice).select_related("exercise", "routine")
    assert sorted((log.routine.slug, log.exercise.name) for log in logs) == sorted(
        [("daily-home", first), ("daily-home", second)]
    )
    # Today names each as part of the routine.
    phone.goto("/today/")
    expect(phone.get_by_text(f"{first}, part of Daily home routine")).to_be_visible()


def test_undo_after_a_partial_session_takes_back_every_log_of_it(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/routines/daily-home/play/")
    phone.get_by_role("button", name="Next").click()
    phone.get_by_role("button", name="Next").click()
    phone.get_by_role("button", name="Finish early").click()
    expect(phone.locator(".toast, [role=status]").filter(has_text="part of")).to_have_count(1)
    phone.get_by_role("button", name="Undo").click()
    for _ in range(100):
        if (
            phone.locator("#sync-status").is_hidden()
            and not ExerciseLog.objects.filter(user=alice).exists()
        ):
            break
        phone.wait_for_timeout(100)
    phone.wait_for_timeout(500)
    assert ExerciseLog.objects.filter(user=alice).count() == 0


def test_a_plan_finished_early_logs_only_its_items_done(phone, alice):
    plan = Plan.objects.create(user=alice, name="Mine")
    done_item = PlanItem.objects.create(
        plan=plan, exercise=Exercise.objects.get(slug="foot-up-forward-stance"), side="each"
    )
    PlanItem.objects.create(
        plan=plan, exercise=Exercise.objects.get(slug="standing-lunge-tuck"), side="left", order=1
    )
    log_in_as(phone, alice)
    phone.goto(f"/plans/{plan.pk}/play/")
    _fast_seconds(phone)
    step = phone.locator("#step-1")
    step.get_by_role("button", name="Start left side").click()
    step.get_by_role("button", name="Start right side").click()
    expect(step.locator("[data-status]")).to_have_text("Both sides done.")
    # One side only: a single hold, no sides.
    phone.get_by_role("button", name="Next").click()
    expect(phone.locator("#step-2").get_by_role("button", name="Start hold")).to_be_visible()
    phone.get_by_role("button", name="Previous").click()
    phone.get_by_role("button", name="Finish early").click()
    expect(phone.locator("#player-progress")).to_have_text("1 of 2 done")
    [log] = _wait_for_logs(phone, alice)
    phone.wait_for_timeout(300)
    assert ExerciseLog.objects.filter(user=alice).count() == 1
    assert log.plan_item_id == done_item.pk


def test_sound_and_voice_choices_are_remembered_and_a_hold_end_buzzes(phone, alice):
    phone.add_init_script(
        "window.buzzes = []; window.spoken = [];"
        "navigator.vibrate = (pattern) => { window.buzzes.push(pattern); return true; };"
        "Object.defineProperty(window, 'speechSynthesis', { value: {"
        " speak: (said) => window.spoken.push(said.text), cancel: () => {} } });"
    )
    log_in_as(phone, alice)
    phone.goto("/routines/desk-break/play/")
    _fast_seconds(phone)
    sound = phone.get_by_role("checkbox", name="Sound and vibration")
    voice = phone.get_by_role("checkbox", name="Spoken guidance")
    expect(sound).to_be_checked()
    expect(voice).not_to_be_checked()
    phone.get_by_role("button", name="Start left side").click()
    expect(phone.get_by_role("button", name="Start right side")).to_be_visible()
    assert phone.evaluate("() => window.buzzes.length") == 1
    assert phone.evaluate("() => window.spoken") == []  # spoken guidance is off by default

    sound.uncheck()
    voice.check()
    phone.reload()
    _fast_seconds(phone)
    expect(sound).not_to_be_checked()
    expect(voice).to_be_checked()
    phone.get_by_role("button", name="Start left side").click()
    expect(phone.get_by_role("button", name="Start right side")).to_be_visible()
    assert phone.evaluate("() => window.buzzes.length") == 0  # muted
    spoken = phone.evaluate("() => window.spoken")
    assert spoken[0] == "Exercise 1 of 2: Standing lunge with pelvic tuck."
    assert "Left side. 30 seconds." in spoken
    assert "Done. Next: Right side." in spoken
    assert {"3", "2", "1"} <= set(spoken)
    assert phone.errors == []
