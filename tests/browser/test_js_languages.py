"""The pages' scripts in the person's language, in a real browser at 360x640: a
German and a Polish patient get the toast after logging on Today and the chart's
words, dates and numbers on Progress in their language, the catalogue script
answers with a year's cache, and offline the cached catalogue still speaks German."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in_as, tap_targets_too_small
from tests.tracker.test_pages_progress import seed_days

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "de": {
        "logged": "Eingetragen:",
        "undo": "Rückgängig",
        "pain": "Der Schmerz sank im Mittel von 5,7 auf 2,4 in 30 Tagen",
        "legend": "Schmerz, Tagesmittel (0-10)",
        "axis": "3. März",
    },
    "pl": {
        "logged": "Zapisano:",
        "undo": "Cofnij",
        "pain": "Ból spadł ze średniej 5,7 do 2,4 w ciągu 30 dni",
        "legend": "Ból, średnia dzienna (0-10)",
        "axis": "3 mar",
    },
}


def speaking(user, language: str):
    user.language = language
    user.save(update_fields=["language"])
    return user


def console_errors(page) -> list[str]:
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def overflowing(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")


@pytest.mark.parametrize("language", ["de", "pl"])
def test_the_toast_after_logging_on_today_is_in_the_persons_language(phone, alice, language):
    errors = console_errors(phone)
    log_in_as(phone, speaking(alice, language))
    phone.goto("/today/")
    phone.locator("#log-routine").click()

    toast = phone.locator("#undo-toast")
    expect(toast).to_contain_text(WORDS[language]["logged"])
    expect(toast.locator("#undo-button")).to_have_text(WORDS[language]["undo"])
    assert "Logged:" not in toast.inner_text()
    assert not overflowing(phone)
    assert tap_targets_too_small(phone) == []
    assert phone.errors == [] and errors == []


@pytest.mark.parametrize("language", ["de", "pl"])
def test_the_progress_chart_speaks_the_persons_language(phone, alice, language):
    errors = console_errors(phone)
    seed_days(speaking(alice, language))
    log_in_as(phone, alice)
    phone.goto("/progress/")

    expect(phone.locator("#progress-chart canvas")).to_have_count(2)
    label = phone.locator("#progress-chart .chart-pain").get_attribute("aria-label")
    assert label.startswith(WORDS[language]["pain"])
    expect(phone.locator(".chart-legend li").first).to_have_text(WORDS[language]["legend"])
    # The axis labels are drawn on the canvas; the page's own formatter writes them.
    axis = phone.evaluate(
        """async () => {
             const charts = await import('/static/tracker/js/charts.js');
             return charts.axisDateFormat()(Date.UTC(2026, 2, 3) / 1000);
           }"""
    )
    assert axis == WORDS[language]["axis"]
    assert not overflowing(phone)
    assert phone.errors == [] and errors == []


def test_the_catalogue_script_answers_with_a_years_cache(phone, alice):
    log_in_as(phone, speaking(alice, "de"))
    phone.goto("/today/")
    src = phone.locator('script[src^="/jsi18n/"]').get_attribute("src")

    assert src.startswith("/jsi18n/de/?v=")
    answer = phone.request.get(src)
    assert answer.ok
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert answer.headers["content-type"].startswith("text/javascript")
    assert phone.evaluate("() => django.gettext('Undo')") == "Rückgängig"


def test_offline_a_german_person_still_reads_german_from_the_scripts(phone, alice):
    errors = console_errors(phone)
    log_in_as(phone, speaking(alice, "de"))
    phone.goto("/today/")
    phone.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller")
    phone.reload()  # now controlled, so the page itself comes from the cache offline

    phone.context.set_offline(True)
    phone.reload()
    phone.locator("#log-routine").click()

    expect(phone.locator("#sync-status")).to_have_text("1 wartet auf Senden")
    expect(phone.locator("#undo-toast")).to_contain_text("Eingetragen:")
    expect(phone.locator("#undo-button")).to_have_text("Rückgängig")
    # A page never visited: the offline page, in German too.
    phone.goto("/never-visited/")
    assert phone.locator("html").get_attribute("lang") == "de"
    assert phone.evaluate("() => django.gettext('Undo')") == "Rückgängig"
    phone.context.set_offline(False)
    assert phone.errors == []
    assert [error for error in errors if "net::ERR_INTERNET_DISCONNECTED" not in error] == []
