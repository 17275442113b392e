"""Account and onboarding in Polish in a real browser at 360x640: the words are
Polish, no text container overflows (long Polish words included), tap targets stay
at least 44 px, and axe stays clean."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_accessible,
    journey_shot,
    log_in_as,
    tap_targets_too_small,
)
from tests.conftest import answered_safety_screen, make_user
from tracker.models import Profile, Role

pytestmark = pytest.mark.django_db(transaction=True)

# Text containers whose content is wider than their box: words that do not fit
# (screen-reader-only text is a 1 px box by design, so it is left out).
TEXT_CONTAINERS = ", ".join(
    f"main {tag}"
    for tag in [
        "h1",
        "h2",
        "h3",
        "p",
        "li",
        "a",
        "button",
        "summary",
        "dd",
        "dt",
        "label",
        "legend",
        "select",
    ]
)
OVERFLOWING = f"""() => [...document.querySelectorAll('{TEXT_CONTAINERS}')]
    .filter((el) => el.offsetParent !== null && !el.closest('.visually-hidden'))
    .filter((el) => el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.outerHTML.slice(0, 100))"""


def _fits_a_phone_in_polish(page, name: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scroll
    assert tap_targets_too_small(page) == []
    assert_accessible(page)
    journey_shot(page, name)


def test_account_in_polish_fits_a_phone_and_its_picker_changes_the_language(phone):
    user = answered_safety_screen(
        make_user("kierowca", role=Role.PATIENT, profile=Profile.DRIVER, language="pl")
    )
    log_in_as(phone, user)

    # A fresh live server's first page (imports, catalogues) can take a while on a busy machine.
    phone.goto("/account/", timeout=30_000)

    expect(phone.get_by_role("heading", name="Konto", exact=True)).to_be_visible()
    expect(phone.get_by_role("heading", name="Usuń moje konto")).to_be_visible()
    _fits_a_phone_in_polish(phone, "account-pl")

    for url, heading in [
        ("/account/devices/", "Zalogowane urządzenia"),
        ("/account/access/", "Kto widział moje dane"),
        ("/settings/reminders/", "Przypomnienia"),
        ("/accounts/2fa/", "Logowanie dwuetapowe"),
    ]:
        phone.goto(url)
        expect(phone.get_by_role("heading", level=1)).to_have_text(heading)
        _fits_a_phone_in_polish(phone, "account-pl" + url.replace("/", "-").rstrip("-"))

    # The picker: each language named in itself; choosing one reloads Account in it.
    phone.goto("/account/")
    phone.get_by_label("Język").select_option("de")
    phone.get_by_role("button", name="Zapisz", exact=True).click()
    expect(phone.locator("html")).to_have_attribute("lang", "de")
    expect(phone.locator("#saved")).to_have_text("Gespeichert.")
    user.refresh_from_db()
    assert user.language == "de"
    assert phone.errors == []


def test_onboarding_in_polish_fits_a_phone(phone):
    user = make_user("nowy", role=Role.PATIENT, profile=Profile.DESK, language="pl")
    log_in_as(phone, user)

    phone.goto("/onboarding/")
    expect(phone.get_by_role("heading", name="Zanim zaczniesz")).to_be_visible()
    phone.locator("#conditions summary").click()  # the list of conditions, opened
    _fits_a_phone_in_polish(phone, "onboarding-safety-pl")
    for group in phone.locator("fieldset.question").all():
        group.get_by_label("Nie", exact=True).check()
    group.get_by_label("Tak", exact=True).check()  # the last one: a warning sign
    phone.get_by_role("button", name="Dalej").click()

    expect(phone.get_by_role("heading", name="Najpierw zgłoś się do specjalisty")).to_be_visible()
    _fits_a_phone_in_polish(phone, "onboarding-advice-pl")
    phone.get_by_role("link", name="Kontynuuj konfigurację").click()

    expect(phone.get_by_role("heading", name="Jak wygląda twój dzień?")).to_be_visible()
    _fits_a_phone_in_polish(phone, "onboarding-profile-pl")
    phone.get_by_label("siedzę przy biurku").check()
    phone.get_by_role("button", name="Dalej").click()

    expect(phone.get_by_role("heading", name="Twoje pierwsze przypomnienia")).to_be_visible()
    _fits_a_phone_in_polish(phone, "onboarding-reminders-pl")
    phone.get_by_role("button", name="Ustaw przypomnienia o przerwach").click()
    expect(phone.locator("#saved-notice")).to_have_text("Twoje przypomnienia zostały zapisane.")
    _fits_a_phone_in_polish(phone, "onboarding-reminders-saved-pl")
    assert phone.errors == []
