"""The pages' JavaScript catalogue (tracker/jsi18n.py): one versioned script per
language, loaded by every page before its scripts without inline script, kept a
year, and precached by the service worker with each language's offline page."""

import json
import re

import pytest
from django.conf import settings
from django.test import Client

from tracker.jsi18n import IMMUTABLE, catalogue_digest, catalogue_url
from tracker.languages import LANGUAGE_CODES

SCRIPT = re.compile(r'<script defer src="(/jsi18n/(\w+)/\?v=(\w+))"></script>')


def page_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def loaded_catalogue(html: str) -> tuple[str, str]:
    match = SCRIPT.search(html)
    assert match, "the page loads no catalogue"
    return match[1], match[2]


@pytest.mark.parametrize("language", ["de", "es", "fr", "pl"])
def test_the_catalogue_is_a_script_in_its_language_kept_for_a_year(client, language):
    response = client.get(catalogue_url(language))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == IMMUTABLE
    assert response["Content-Language"] == language
    body = response.content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", body, re.S)[1])
    undo = {"de": "Rückgängig", "es": "Deshacer", "fr": "Annuler", "pl": "Cofnij"}
    assert catalogue["Undo"] == undo[language]
    # Our messages only: not the admin's or allauth's scripts' catalogues.
    assert "Show all" not in catalogue


def test_the_english_catalogue_is_empty_and_the_scripts_keep_their_english(client):
    response = client.get(catalogue_url("en"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "newcatalog" not in body and "Undo" not in body
    assert "django.gettext = function" in body


def test_an_old_version_gets_todays_words_but_is_not_kept(client):
    response = client.get("/jsi18n/de/?v=0123456789ab")

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-cache"
    assert "R\\u00fcckg\\u00e4ngig" in response.content.decode() or "Rückgängig" in (
        response.content.decode()
    )


def test_a_language_we_do_not_have_is_not_found(client):
    assert client.get("/jsi18n/it/").status_code == 404
    assert client.post(catalogue_url("de")).status_code == 405


def test_a_signed_in_persons_catalogue_is_still_cacheable(alice):
    # Pages for a signed-in person are no-store (health data); the catalogue holds none.
    response = page_client(alice).get(catalogue_url("de"))

    assert response["Cache-Control"] == IMMUTABLE


def test_each_language_has_its_own_version():
    digests = {language: catalogue_digest(language) for language in LANGUAGE_CODES}

    assert len(set(digests.values())) == len(LANGUAGE_CODES)
    assert catalogue_url("de") == f"/jsi18n/de/?v={digests['de']}"
    assert catalogue_url("it") == f"/jsi18n/en/?v={digests['en']}"


def test_today_loads_the_catalogue_of_a_german_user_before_its_scripts(alice):
    alice.language = "de"
    alice.save(update_fields=["language"])

    html = page_client(alice).get("/today/").content.decode()

    url, language = loaded_catalogue(html)
    assert language == "de" and url == catalogue_url("de")
    assert '<html lang="de">' in html and 'data-first-day-of-week="1"' in html
    assert html.index(url) < html.index("tracker/js/app.js")


def test_an_english_users_week_starts_on_sunday_and_gets_the_english_catalogue(alice):
    html = page_client(alice).get("/today/").content.decode()

    assert loaded_catalogue(html)[1] == "en"
    assert '<html lang="en">' in html and 'data-first-day-of-week="0"' in html


def test_a_signed_out_page_loads_the_catalogue_the_browser_asks_for(client):
    html = client.get("/login/", HTTP_ACCEPT_LANGUAGE="pl-PL,pl;q=0.9").content.decode()

    assert loaded_catalogue(html) == (catalogue_url("pl"), "pl")
    assert '<html lang="pl">' in html and 'data-first-day-of-week="1"' in html


def test_the_catalogue_needs_no_inline_script(client):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="de")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    inline = r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>"
    scripts = re.findall(inline, response.content.decode())
    assert scripts == []


def worker_settings(source: str) -> dict:
    return {
        name: json.loads(value)
        for name, value in re.findall(r"^const ([A-Z_]+) = (.*);$", source, re.M)
        if name in {"PRECACHE", "CATALOGUES", "OFFLINE_PAGES", "PUSH_FALLBACK"}
    }


def test_the_service_worker_precaches_every_languages_catalogue_and_offline_page(client):
    found = worker_settings(client.get("/sw.js").content.decode())

    for language in LANGUAGE_CODES:
        assert found["CATALOGUES"][language] == catalogue_url(language)
        assert catalogue_url(language) in found["PRECACHE"]
        assert f"/offline/?lang={language}" in found["PRECACHE"]
        assert found["OFFLINE_PAGES"][language] == f"/offline/?lang={language}"
    assert found["PUSH_FALLBACK"]["en"] == "You have a stretch reminder."
    assert found["PUSH_FALLBACK"]["de"] == "Du hast eine Dehnerinnerung."
    assert found["PUSH_FALLBACK"]["pl"] == "Masz przypomnienie o rozciąganiu."


def test_the_offline_page_is_in_the_language_asked_for(client):
    response = client.get("/offline/?lang=de", HTTP_ACCEPT_LANGUAGE="fr")

    html = response.content.decode()
    assert '<html lang="de"' in html
    assert loaded_catalogue(html)[1] == "de"
    assert response["Content-Language"] == "de"


def test_the_offline_page_ignores_a_language_we_do_not_have(client):
    html = client.get("/offline/?lang=xx").content.decode()

    assert f'<html lang="{settings.LANGUAGE_CODE}"' in html
