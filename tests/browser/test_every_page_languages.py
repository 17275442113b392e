"""Every page of the app in every language, at 360x640, for each role: no English
left in the visible text, axe stays clean, and no text container overflows.

"English left" is found by difference, so no English dictionary is needed: each
page is read in English first, then in each other language; a word the English
page shows that the translated page shows too is English left over, unless the
language uses that word itself (it is in that language's catalogues or exercise
content: German says "Plan" and "Start" too), or it is a name, a unit or words a
person wrote (they stay as written). This catches a string nobody marked for
translation, which a check of the catalogues alone cannot see.
"""

import json
import re
import zoneinfo
from functools import cache
from pathlib import Path

import django
import polib
import pytest
from babel import Locale
from django.conf import settings

from exercises.content import EXERCISE_TEXT_FIELDS, ROUTINE_TEXT_FIELDS, content_of, other_languages
from tests.browser.conftest import log_in_as, overflowing_text, serious_accessibility_violations
from tests.browser.pages import page_path, page_routes

pytestmark = pytest.mark.django_db(transaction=True)

WORD = re.compile(r"[^\W\d_]{3,}")
ADDRESS = re.compile(r"https?://\S+")  # a web address is not words of any language
# Not words of any language: the product, the roles' display names and what the
# `cast` fixture's therapist wrote (a person's words stay as written).
AS_WRITTEN = {"stretchstop", "alice", "thera", "pist", "hips", "slowly", "stop", "hurts", "tall"}
# Browsers' and systems' own names, as the signed-in devices list shows them.
PRODUCT_NAMES = {"chrome", "chromium", "firefox", "safari", "edge", "linux", "android", "windows"}


# The text a person sees, less what the page itself marks as not in its language:
# a passage in another language (`lang`, such as a cited article's title, with
# the cited work's authors) or
# something not to translate (`translate="no"`, such as a file name).
SHOWN_TEXT = """() => {
  const language = document.documentElement.lang;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [document.title];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || element.closest('script, style, template, noscript, [translate=no]')) continue;
    if (element.closest('[lang]').lang !== language) continue;
    if (element.tagName !== 'OPTION' && !element.checkVisibility()) continue;
    parts.push(node.textContent);
  }
  return parts.join('\\n');
}"""


def _words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(ADDRESS.sub(" ", text))}


@cache
def place_names() -> frozenset[str]:
    """The words of places' names: the time zones' (cities and regions) and the
    countries' in each language (CLDR's, as the time-zone picker shows them)."""
    names = [name.replace("_", " ") for name in zoneinfo.available_timezones()]
    for code, _ in settings.LANGUAGES:
        names += Locale.parse(code).territories.values()
    return frozenset(word for name in names for word in _words(name))


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _texts(item)]
    return []


@cache
def own_words(language: str) -> frozenset[str]:
    """The words `language` itself uses: its catalogues (ours and Django's) and its
    exercise content."""
    texts = []
    catalogues = list(Path(settings.BASE_DIR, "locale", language, "LC_MESSAGES").glob("*.po"))
    django_catalogues = f"**/locale/{language}/LC_MESSAGES/django*.po"
    catalogues += list(Path(django.__file__).parent.glob(django_catalogues))
    for path in catalogues:
        for entry in polib.pofile(str(path)):
            texts += [entry.msgstr, *entry.msgstr_plural.values()]
    content = content_of(language)
    for fields in content.EXERCISES.values():
        texts += _texts({name: fields.get(name) for name in EXERCISE_TEXT_FIELDS})
    for fields in content.ROUTINES.values():
        texts += _texts({name: fields.get(name) for name in ROUTINE_TEXT_FIELDS})
    return frozenset(word for text in texts for word in _words(text))


def _read(page, path: str, language: str) -> dict | None:
    """Visit `path` in `language`; return its words and problems, or None when the
    page belongs to another role (it redirected)."""
    answer = page.goto(path)
    page.wait_for_load_state("networkidle")
    if page.url.split("#")[0].rstrip("/") != f"{page.site}{path}".rstrip("/"):
        return None
    shown = page.evaluate(SHOWN_TEXT)
    found = {"words": _words(shown), "problems": {}}
    if language != settings.LANGUAGE_CODE:
        problems = {
            "status": None if answer.ok else answer.status,
            "lang": None
            if page.locator("html").get_attribute("lang") == language
            else page.locator("html").get_attribute("lang"),
            "overflowing": overflowing_text(page),
            "axe": serious_accessibility_violations(page),
            "script errors": list(page.errors),
        }
        found["problems"] = {name: value for name, value in problems.items() if value}
    page.errors.clear()
    return found


def _speak(page, people, language: str) -> None:
    for person in people:
        person.language = language
        person.save(update_fields=["language"])
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": page.site}]
    )


@pytest.mark.parametrize("role", ["patient", "therapist", "anonymous"])
def test_every_page_reads_in_each_language_with_no_english_left(phone, cast, alice, thera, role):
    people = [] if role == "anonymous" else [alice if role == "patient" else thera]
    for person in people:
        log_in_as(phone, person)
    english_left, problems, checked = {}, {}, []
    for route in page_routes():
        path = page_path(route, cast)
        _speak(phone, people, settings.LANGUAGE_CODE)
        english = _read(phone, path, settings.LANGUAGE_CODE)
        if english is None:
            continue
        checked.append(path)
        for language in other_languages():
            _speak(phone, people, language)
            translated = _read(phone, path, language)
            left = (
                (english["words"] & translated["words"])
                - own_words(language)
                - place_names()
                - AS_WRITTEN
                - PRODUCT_NAMES
            )
            if left:
                english_left[f"{language} {path}"] = sorted(left)
            if translated["problems"]:
                problems[f"{language} {path}"] = translated["problems"]
    assert checked, f"no page is a {role}'s page"
    assert english_left == {}, json.dumps(english_left, indent=1)
    assert problems == {}, json.dumps(problems, indent=1)
