"""Compile our .po catalogues to .mo: `manage.py compile_catalogs`.

Every domain under LOCALE_PATHS: `django` (Python and templates) and
`djangojs` (the pages' scripts, served by tracker/jsi18n.py, whose versioned
URLs change with the compiled .mo).

Django's own `compilemessages` needs GNU gettext's msgfmt, which a fresh
machine (python:3.11-slim, a laptop without gettext) does not have; polib
writes the same .mo in pure Python, so `make run`, `make test`, CI and the
image build compile the same way everywhere. As msgfmt does, untranslated and
fuzzy entries are left out of the .mo (the catalogue tests forbid them anyway).
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues() -> list[Path]:
    """Return every .po file under LOCALE_PATHS."""
    return sorted(po for base in settings.LOCALE_PATHS for po in Path(base).rglob("*.po"))


def catalogues_compile(*, force: bool = False) -> list[Path]:
    """Write each catalogue's .mo when it is missing or older than its .po; return those written."""
    written = []
    for po in catalogues():
        mo = po.with_suffix(".mo")
        if force or not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            polib.pofile(str(po)).save_as_mofile(str(mo))
            written.append(mo)
    return written


class Command(BaseCommand):
    help = (
        "Compile locale/*/LC_MESSAGES/*.po (django and djangojs) to .mo "
        "(pure Python: no gettext needed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Rewrite every .mo.")

    def handle(self, *args, **options) -> None:
        written = catalogues_compile(force=options["force"])
        if options["verbosity"] > 0:
            self.stdout.write(f"Compiled {len(written)} of {len(catalogues())} catalogues.")
