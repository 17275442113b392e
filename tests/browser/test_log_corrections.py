"""Logs that can be corrected, in a real browser: the Undo after a log (online and
offline), History's changes and deletions through the outbox (offline, then back
online), the question before a repeated "I did", and pain ratings still listed
on Today after a reload. Each test reads the database for what the person meant."""

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exercises.models import Exercise, ExerciseLog
from tests.browser.conftest import assert_accessible, log_in_as, tap_targets_too_small
from tracker.models import PainEntry

pytestmark = pytest.mark.django_db(transaction=True)


def shot(page, name: str) -> None:
    """Save a full-page picture under $SCREENSHOT_DIR, when it is set, to look at."""
    if os.environ.get("SCREENSHOT_DIR"):
        folder = Path(os.environ["SCREENSHOT_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def eventually(check, seconds: float = 10) -> None:
    """Wait until `check()` is true: the outbox sends in the background."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the database never reached the state wanted"
        time.sleep(0.1)


def controlled(page, path: str) -> None:
    """Open `path` under the service worker, so it comes from the cache offline."""
    page.goto(path)
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller")
    page.reload()


def test_undo_after_a_log_deletes_it_on_the_server(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/today/")
    phone.get_by_role("button", name="I did Desk break").click()

    toast = phone.locator("#undo-toast")
    expect(toast).to_have_attribute("aria-live", "polite")
    expect(toast).to_contain_text("Logged: Desk break")
    eventually(lambda: ExerciseLog.objects.filter(user=alice).count() == 1)
    shot(phone, "today-undo-toast")
    # Keyboard: Tab from the button just used reaches Undo without a pointer.
    undo = phone.get_by_role("button", name="Undo")
    undo.focus()
    phone.keyboard.press("Enter")

    expect(toast).to_contain_text("Undone")
    expect(phone.locator("#logged-today")).to_have_text("Nothing yet today.")
    eventually(lambda: not ExerciseLog.objects.filter(user=alice).exists())
    expect(phone.locator("#sync-status")).to_be_hidden()
    assert phone.errors == []


def test_undo_goes_away_after_ten_seconds(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/today/")
    phone.get_by_role("button", name="I did Desk break").click()
    expect(phone.get_by_role("button", name="Undo")).to_be_visible()

    expect(phone.get_by_role("button", name="Undo")).to_have_count(0, timeout=12_000)
    assert ExerciseLog.objects.filter(user=alice).count() == 1


def test_offline_undo_and_history_changes_reach_the_server_as_meant(phone, alice):
    exercise = Exercise.objects.filter(audience="self_care").order_by("order").first()
    yesterday = timezone.now() - timedelta(days=1)
    mistaken = ExerciseLog.objects.create(user=alice, exercise=exercise, performed_at=yesterday)
    kept = ExerciseLog.objects.create(
        user=alice, exercise=exercise, performed_at=yesterday - timedelta(hours=1), sets=1
    )
    pain = PainEntry.objects.create(user=alice, rating=8, recorded_at=yesterday)
    log_in_as(phone, alice)
    controlled(phone, "/history/")
    phone.goto("/today/")

    phone.context.set_offline(True)
    # A log undone offline is cancelled: it never reaches the server.
    phone.get_by_role("button", name="I did Desk break").click()
    phone.get_by_role("button", name="Undo").click()
    expect(phone.locator("#logged-today")).to_have_text("Nothing yet today.")
    expect(phone.locator("#sync-status")).to_be_hidden()
    # One meant to stay, and a pain rating.
    phone.get_by_role("button", name="I did Desk break").click()
    phone.get_by_label("3", exact=True).check()
    phone.get_by_role("button", name="Save pain rating").click()
    expect(phone.locator("#sync-status")).to_have_text("2 waiting to send")

    phone.goto("/history/")  # from the cache
    phone.locator(f"#entry-{mistaken.pk}").get_by_role("button", name="Delete").click()
    expect(phone.locator(f"#entry-{mistaken.pk}")).to_have_count(0)
    entry = phone.locator(f"#entry-{kept.pk}")
    entry.locator("summary").click()
    entry.get_by_label("Sets").fill("3")
    entry.get_by_label("Note").fill("felt easier")
    entry.get_by_role("button", name="Save changes").click()
    expect(entry.locator(".history-what")).to_contain_text("3 sets")
    rating = phone.locator(f"#entry-{pain.pk}")
    rating.locator("summary").click()
    rating.get_by_label("5", exact=True).check()
    rating.get_by_role("button", name="Save changes").click()
    expect(rating.locator("strong")).to_have_text("Pain 5/10")
    expect(phone.locator("#sync-status")).to_have_text("5 waiting to send")
    shot(phone, "history-offline")
    assert ExerciseLog.objects.filter(user=alice).count() == 2  # nothing sent yet

    phone.context.set_offline(False)
    expect(phone.locator("#sync-status")).to_be_hidden(timeout=15_000)
    logs = ExerciseLog.objects.filter(user=alice)
    assert not logs.filter(pk=mistaken.pk).exists()
    kept.refresh_from_db()
    assert (kept.sets, kept.note, kept.exercise) == (3, "felt easier", exercise)
    assert logs.filter(routine__slug="desk-break").count() == 1
    assert logs.count() == 2
    ratings = sorted(PainEntry.objects.filter(user=alice).values_list("rating", flat=True))
    assert ratings == [3, 5]
    assert phone.errors == []


def test_a_second_i_did_within_a_minute_asks_first(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/today/")
    button = phone.get_by_role("button", name="I did Desk break")
    button.click()
    eventually(lambda: ExerciseLog.objects.filter(user=alice).count() == 1)

    button.click()
    dialog = phone.get_by_role("dialog")
    expect(dialog).to_contain_text("You logged this a moment ago. Log it again?")
    shot(phone, "today-repeat-question")
    assert_accessible(phone)
    phone.get_by_role("button", name="No, keep one").click()
    expect(dialog).to_have_count(0)
    time.sleep(0.5)
    assert ExerciseLog.objects.filter(user=alice).count() == 1

    button.click()
    phone.get_by_role("button", name="Log it again").click()
    eventually(lambda: ExerciseLog.objects.filter(user=alice).count() == 2)
    expect(phone.locator("#logged-today li").filter(has_text="Desk break")).to_have_count(2)


def test_a_pain_rating_is_still_on_today_after_a_reload(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/today/")
    phone.get_by_label("6", exact=True).check()
    phone.get_by_role("button", name="Save pain rating").click()
    eventually(lambda: PainEntry.objects.filter(user=alice, rating=6).exists())
    expect(phone.locator("#sync-status")).to_be_hidden()

    phone.reload()

    expect(phone.locator("#logged-today li").filter(has_text="Pain 6/10")).to_have_count(1)
    shot(phone, "today-after-reload")


def test_history_page_looks_right_and_is_accessible(phone, alice):
    exercise = Exercise.objects.filter(audience="self_care").order_by("order").first()
    now = timezone.now()
    ExerciseLog.objects.create(user=alice, exercise=exercise, performed_at=now, sets=2, reps=10)
    PainEntry.objects.create(user=alice, rating=4, recorded_at=now, locations=["lower_back"])
    ExerciseLog.objects.create(
        user=alice, exercise=exercise, performed_at=now - timedelta(days=2), note="at work"
    )
    log_in_as(phone, alice)
    phone.goto("/history/")
    shot(phone, "history")
    phone.locator(".history-entry summary").first.click()
    shot(phone, "history-edit-open")
    assert_accessible(phone)
    assert tap_targets_too_small(phone) == []
    assert phone.errors == []


def test_the_players_done_offers_undo_too(phone, alice):
    log_in_as(phone, alice)
    phone.goto("/routines/truck-stop/play/")
    phone.get_by_role("button", name="Next").click()
    phone.get_by_role("button", name="Done").click()
    eventually(lambda: ExerciseLog.objects.filter(user=alice).count() == 1)
    shot(phone, "player-undo-toast")

    phone.get_by_role("button", name="Undo").click()

    expect(phone.locator("#undo-toast")).to_contain_text("Undone")
    eventually(lambda: not ExerciseLog.objects.filter(user=alice).exists())
    assert phone.errors == []


def test_without_javascript_history_changes_and_deletes_through_the_page(browser, site, alice):
    exercise = Exercise.objects.filter(audience="self_care").order_by("order").first()
    now = timezone.now()
    log = ExerciseLog.objects.create(user=alice, exercise=exercise, performed_at=now)
    pain = PainEntry.objects.create(user=alice, rating=7, recorded_at=now)
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, base_url=site, java_script_enabled=False
    )
    page = context.new_page()
    page.site = site
    log_in_as(page, alice)
    page.goto("/history/")

    entry = page.locator(f"#entry-{pain.pk}")
    entry.locator("summary").click()
    entry.get_by_label("2", exact=True).check()
    entry.get_by_role("button", name="Save changes").click()
    expect(page.locator(f"#entry-{pain.pk} strong")).to_have_text("Pain 2/10")
    page.locator(f"#entry-{log.pk}").get_by_role("button", name="Delete").click()
    expect(page.locator(f"#entry-{log.pk}")).to_have_count(0)

    pain.refresh_from_db()
    assert pain.rating == 2
    assert not ExerciseLog.objects.filter(pk=log.pk).exists()
    context.close()
