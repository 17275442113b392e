"""The library's pages in each language in a real browser at 360 px: the text is the
language's, axe stays clean and no text container overflows (long German and
Polish words included)."""

import pytest
from playwright.sync_api import expect

from exercises.content import content_of, other_languages
from tests.browser.conftest import assert_accessible, journey_shot, log_in_as, overflowing_text
from tests.conftest import answered_safety_screen, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", other_languages())
@pytest.mark.parametrize("slug", ["edge-of-bed-stretch", "supine-knee-hug-leg-slide"])
def test_an_exercise_page_reads_in_the_persons_language_and_fits_a_phone(phone, language, slug):
    user = answered_safety_screen(
        make_user(f"reader-{language}", profile="desk", language=language)
    )
    words = content_of(language).EXERCISES[slug]
    log_in_as(phone, user)

    phone.goto(f"/library/{slug}/")

    expect(phone.locator("html")).to_have_attribute("lang", language)
    expect(phone.get_by_role("heading", level=1)).to_have_text(words["name"])
    expect(phone.locator(".exercise-cautions li")).to_have_text(words["cautions"])
    assert overflowing_text(phone) == []
    assert_accessible(phone)
    journey_shot(phone, f"library-{slug}-{language}")
    assert phone.errors == []


@pytest.mark.parametrize("language", other_languages())
def test_the_library_list_reads_in_the_persons_language_and_fits_a_phone(phone, language):
    user = answered_safety_screen(
        make_user(f"lister-{language}", profile="desk", language=language)
    )
    words = content_of(language)
    log_in_as(phone, user)

    phone.goto("/library/")

    expect(phone.get_by_role("link", name=words.EXERCISES["slow-sit-back"]["name"], exact=True))
    expect(phone.get_by_text(words.ROUTINES["daily-home"]["name"]).first).to_be_visible()
    assert overflowing_text(phone) == []
    assert_accessible(phone)
    journey_shot(phone, f"library-{language}")
