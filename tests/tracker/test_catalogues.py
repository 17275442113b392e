"""Our translation catalogues (locale/<language>/LC_MESSAGES/django.po): complete,
nothing fuzzy, the placeholders the English has, and compiled by compile_catalogs."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from tracker.management.commands.compile_catalogs import catalogues, catalogues_compile

LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# %(name)s, %s, %d and {count}, {0}: what Python fills in (%% is a literal percent).
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES/django.po"))


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_every_language_but_english_has_a_catalogue():
    found = {po.parent.parent.name for po in catalogues()}

    assert found == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)

    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy
    assert len(po.translated_entries()) > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_the_english_placeholders(language):
    wrong = []
    for entry in catalogue(language).translated_entries():
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


def test_compiling_writes_a_mo_beside_each_po_and_leaves_fresh_ones_alone():
    catalogues_compile(force=True)

    assert all(po.with_suffix(".mo").exists() for po in catalogues())
    assert catalogues_compile() == []
