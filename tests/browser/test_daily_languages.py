"""The daily pages in German and Polish in a real browser at 360x640: <html lang>,
the language's words, and nothing overflowing its box: long German and Polish
words in the six-tab bar of a driver, in headings and buttons, and the drive
screen's big button while driving."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exercises.models import Exercise, ExerciseLog
from reminders import drives
from tests.browser.conftest import assert_accessible, journey_shot, log_in_as
from tests.conftest import answered_safety_screen, make_user
from tracker.models import PainEntry

pytestmark = pytest.mark.django_db(transaction=True)

# Text containers (the tab bar included) whose content is wider than their box; text
# kept for screen readers only (.visually-hidden, 1 px wide on purpose) aside.
OVERFLOWING = """() => [...document.querySelectorAll([
      'main h1', 'main h2', 'main h3', 'main p', 'main li', 'main a', 'main button',
      'main summary', 'main dd', 'main dt', 'main label', 'main legend', '.tabbar a',
      '.app-header a'].join(', '))]
    .filter((el) => el.offsetParent !== null && !el.closest('.visually-hidden'))
    .filter((el) => el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.outerHTML.slice(0, 100))"""

# The page itself wider than the phone: something pushed it sideways.
PAGE_WIDER_THAN_PHONE = "() => document.documentElement.scrollWidth > window.innerWidth"

# Tabs smaller than a thumb once their words wrap.
SMALL_TABS = """() => [...document.querySelectorAll('.tabbar a')]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.height < 44 || r.width < 44; })
    .map((el) => el.textContent)"""

# language: {path: words that page shows}, and the driving screen's button.
WORDS = {
    "de": {
        "/today/": ["Wie stark sind deine Schmerzen gerade?", "Heute eingetragen"],
        "/library/": ["Übungen und Gewohnheiten", "Routinen"],
        "/library/edge-of-bed-stretch/": ["Zurück zur Bibliothek", "So geht's", "Quellen"],
        "/routines/truck-stop/play/": ["Routine erledigt", "Ton und Vibration"],
        "/history/": ["Was du in den letzten 30 Tagen eingetragen hast", "Löschen"],
        "/drive/": ["Fahrt starten", "Pausenregeln"],
        "/progress/": ["Längste Serie", "Einheiten pro Tag"],
        "tabs": ["Heute", "Fahrt", "Fortschritt", "Bibliothek", "Erinnerungen", "Konto"],
        "stop": "Ich habe angehalten",
    },
    "pl": {
        "/today/": ["Jak silny jest teraz twój ból?", "Zapisane dziś"],
        "/library/": ["Ćwiczenia i nawyki", "Rutyny"],
        "/library/edge-of-bed-stretch/": ["Wróć do biblioteki", "Jak to zrobić", "Źródła"],
        "/routines/truck-stop/play/": ["Rutyna wykonana", "Dźwięk i wibracje"],
        "/history/": ["Co zapisano w ciągu ostatnich 30 dni", "Usuń"],
        "/drive/": ["Rozpocznij jazdę", "Zasady przerw"],
        "/progress/": ["Siła nawyku", "Sesje według dni"],
        "tabs": ["Dziś", "Jazda", "Postępy", "Biblioteka", "Przypomnienia", "Konto"],
        "stop": "Jestem na postoju",
    },
}


def _driver(language: str):
    """A driver (six tabs, the most crowded bar) with a log and a pain rating today."""
    user = answered_safety_screen(
        make_user(f"driver-{language}", profile="driver", language=language)
    )
    exercise = Exercise.objects.get(slug="edge-of-bed-stretch")
    ExerciseLog.objects.create(
        user=user, exercise=exercise, performed_at=timezone.now(), sets=2, reps=10
    )
    PainEntry.objects.create(
        user=user, recorded_at=timezone.now(), rating=4, locations=["lower_back", "hip"]
    )
    return user


PAGES = [path for path in WORDS["de"] if path.startswith("/")]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("language", ["de", "pl"])
def test_a_daily_page_reads_in_the_persons_language_and_fits_a_phone(phone, language, path):
    words = WORDS[language]
    log_in_as(phone, _driver(language))
    # A server's first page in a language (its catalogue loading) can be slow on a busy machine.
    phone.set_default_navigation_timeout(30_000)

    phone.goto(path, wait_until="domcontentloaded")

    expect(phone.locator("html")).to_have_attribute("lang", language)
    for text in words[path]:
        expect(phone.get_by_text(text, exact=False).first).to_be_attached()
    # The tab labels, read without their soft hyphens.
    tabs = phone.locator(".tabbar a").all_inner_texts()
    assert [tab.replace("\u00ad", "") for tab in tabs] == words["tabs"]
    assert phone.evaluate(OVERFLOWING) == []
    assert phone.evaluate(PAGE_WIDER_THAN_PHONE) is False
    assert phone.evaluate(SMALL_TABS) == []
    assert_accessible(phone)
    journey_shot(phone, f"daily{path.replace('/', '-')}{language}")
    assert phone.errors == []


@pytest.mark.parametrize("language", ["de", "pl", "es", "fr"])
def test_the_drive_buttons_words_fit_the_phone_while_driving(phone, language):
    user = answered_safety_screen(
        make_user(f"trucker-{language}", profile="driver", language=language)
    )
    drives.drive_start(user=user, rules="eu", stop_every_minutes=120, now=timezone.now())
    log_in_as(phone, user)
    phone.set_default_navigation_timeout(30_000)

    phone.goto("/drive/", wait_until="domcontentloaded")

    button = phone.locator("#drive-stop")
    expect(button).to_be_visible()
    expect(phone.locator("html")).to_have_attribute("lang", language)
    if language in WORDS:
        expect(button).to_have_text(WORDS[language]["stop"])
    assert phone.evaluate(OVERFLOWING) == []
    assert phone.evaluate(PAGE_WIDER_THAN_PHONE) is False
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    journey_shot(phone, f"drive-stop-{language}")
