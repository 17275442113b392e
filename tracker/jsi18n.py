"""The pages' JavaScript catalogue: the djangojs messages of one language, served
as a script file (no inline script: the CSP allows only 'self' files).

`/jsi18n/<language>/?v=<digest>` answers Django's JavaScriptCatalog for that
language, from our LOCALE_PATHS only (not the admin's or allauth's scripts'
messages). The digest is of the compiled catalogue, so its URL changes when its
words do: an answer for the current digest may be kept for a year, like a hashed
static file; any other `v` gets the current words and must be asked again. The
service worker precaches every language's URL (tracker/web/pwa.py).
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.formats import get_format
from django.utils.translation.trans_real import DjangoTranslation
from django.views.decorators.http import require_GET
from django.views.i18n import JavaScriptCatalog

from tracker.languages import LANGUAGE_CODES

DOMAIN = "djangojs"
# A year: the URL changes whenever the catalogue does.
IMMUTABLE = "public, max-age=31536000, immutable"


def _compiled(language: str) -> list[Path]:
    return [
        Path(base) / language / "LC_MESSAGES" / f"{DOMAIN}.mo" for base in settings.LOCALE_PATHS
    ]


@cache
def _digest(language: str, stamps: tuple) -> str:
    digest = hashlib.sha256(language.encode())
    for mo in _compiled(language):
        if mo.exists():
            digest.update(mo.read_bytes())
    return digest.hexdigest()[:12]


def catalogue_digest(language: str) -> str:
    """Return a digest of `language`'s compiled djangojs catalogue.

    Without a catalogue (English), a digest of the language code alone.
    """
    stamps = tuple(mo.stat().st_mtime_ns if mo.exists() else 0 for mo in _compiled(language))
    return _digest(language, stamps)


def catalogue_url(language: str) -> str:
    """Return the versioned URL of `language`'s catalogue script."""
    code = language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE
    return f"{reverse('js-catalogue', args=[code])}?v={catalogue_digest(code)}"


def first_day_of_week() -> int:
    """Return the active language's first day of the week, 0 for Sunday.

    Django's FIRST_DAY_OF_WEEK format: Sunday in English, Monday in es, de, pl, fr.
    """
    return int(get_format("FIRST_DAY_OF_WEEK"))


class _Catalogue(JavaScriptCatalog):
    def get(self, request, *args, **kwargs):
        self.translation = DjangoTranslation(
            translation.get_language(), domain=DOMAIN, localedirs=settings.LOCALE_PATHS
        )
        return self.render_to_response(self.get_context_data(**kwargs))


_catalogue_view = _Catalogue.as_view()


@require_GET
def js_catalogue(request: HttpRequest, language: str) -> HttpResponse:
    if language not in LANGUAGE_CODES:
        raise Http404
    with translation.override(language):
        response = _catalogue_view(request)
    current = request.GET.get("v") == catalogue_digest(language)
    # No personal data here (see PrivateResponseHeadersMiddleware's PUBLIC_PATHS).
    response["Cache-Control"] = IMMUTABLE if current else "no-cache"
    response["Content-Language"] = language
    return response
