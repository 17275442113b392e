"""Our translation catalogues (locale/<language>/LC_MESSAGES/django.po, and
djangojs.po for the pages' scripts): complete, nothing fuzzy, the placeholders
the English has, and compiled by compile_catalogs."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation.trans_real import DjangoTranslation

from tracker.management.commands.compile_catalogs import catalogues, catalogues_compile

LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# django: Python and templates; djangojs: the pages' scripts (tracker/jsi18n.py).
DOMAINS = ["django", "djangojs"]
# %(name)s, %s, %d and {count}, {0}: what Python fills in (%% is a literal percent).
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}")


def catalogue(language: str, domain: str = "django") -> polib.POFile:
    return polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / language / f"LC_MESSAGES/{domain}.po"))


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_every_language_but_english_has_a_catalogue():
    found = {po.parent.parent.name for po in catalogues()}

    assert found == set(LANGUAGES)


def test_every_language_has_both_catalogues():
    found = {(po.parent.parent.name, po.stem) for po in catalogues()}

    assert found == {(language, domain) for language in LANGUAGES for domain in DOMAINS}


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language, domain):
    po = catalogue(language, domain)

    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy
    assert len(po.translated_entries()) > 0


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_the_english_placeholders(language, domain):
    wrong = []
    for entry in catalogue(language, domain).translated_entries():
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        english = placeholders(entry.msgid_plural or entry.msgid)
        wrong += [(entry.msgid, form) for form in forms if placeholders(form) != english]

    assert wrong == []


def test_the_placeholder_check_catches_a_dropped_or_renamed_placeholder():
    assert placeholders("New message from %(name)s") == ["%(name)s"]
    assert placeholders("Nowa wiadomość") != placeholders("New message from %(name)s")
    assert placeholders("{count} Dehnungen") != placeholders("{n} stretches")
    assert placeholders("100%% sicher") == []


def test_compiled_catalogues_answer_in_each_language():
    catalogues_compile()

    with translation.override("pl"):
        assert gettext("Done") == "Zrobione"
    with translation.override("es"):
        assert gettext("Time for a stretch break") == "Hora de una pausa para estirar"
    with translation.override("en"):
        assert gettext("Done") == "Done"


def test_compiled_script_catalogues_answer_in_each_language():
    catalogues_compile()

    def script_words(language):
        return DjangoTranslation(language, domain="djangojs", localedirs=settings.LOCALE_PATHS)

    assert script_words("de").gettext("Undo") == "Rückgängig"
    reps = script_words("pl").ngettext("%(count)s rep", "%(count)s reps", 5)
    assert reps == "%(count)s powtórzeń"
    assert script_words("fr").gettext("Undo") == "Annuler"
    assert script_words("es").gettext("Undo") == "Deshacer"


def test_compiling_writes_a_mo_beside_each_po_and_leaves_fresh_ones_alone():
    catalogues_compile(force=True)

    assert all(po.with_suffix(".mo").exists() for po in catalogues())
    assert catalogues_compile() == []
