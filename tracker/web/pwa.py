"""What makes StretchStop installable and findable: the web app manifest, the
service worker (served from the site root so that it controls every page), the
offline page, and what browsers and crawlers ask the root for (robots.txt,
favicon.ico), with the one-line description every page carries.
"""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_GET

from exercises.illustrations import every_static_name
from exercises.library import EXERCISES
from tracker.jsi18n import catalogue_url
from tracker.languages import LANGUAGE_CODES

THEME_COLOUR = "#0b5c8a"
BACKGROUND_COLOUR = "#ffffff"
# The manifest's description and every page's <meta name="description">.
SITE_DESCRIPTION = (
    "Daily stretch breaks for low back pain from a tight hip flexor: illustrated "
    "stretches, reminders, and a log your therapist can follow."
)
# Crawlers may read the sign-up and log-in pages; everything else is someone's
# own data or the API.
ROBOTS_TXT = """User-agent: *
Allow: /login/
Allow: /signup/
Disallow: /
"""
FAVICON = "tracker/icons/icon-192.png"

# The app shell: cached when the service worker installs, so that the pages'
# look and scripts are there offline. The pages themselves are cached as visited.
SHELL_STATIC = (
    "tracker/app.css",
    "tracker/js/app.js",
    "tracker/js/outbox.js",
    "tracker/js/api.js",
    # The pages' words and formats in their language (every script imports it).
    "tracker/js/i18n.js",
    # The Undo after each log and the repeat question (imported by app.js), and
    # History's offline changes and deletions.
    "tracker/js/undo.js",
    "tracker/js/history.js",
    # The routine player logs through the outbox, so it must run offline too.
    "tracker/js/player.js",
    "tracker/js/holds.js",
    # Today's advice to get strong or spreading pain checked, shown offline too.
    "tracker/js/safety.js",
    "tracker/js/drive.js",
    # A page opened offline from the cache still draws its charts (Progress,
    # a therapist's patient) and loads its controls; tests/tracker/
    # test_pwa_precache.py checks that every page's scripts are listed here.
    "tracker/js/progress.js",
    "tracker/js/patient.js",
    "tracker/js/charts.js",
    "vendor/uplot/uPlot.iife.min.js",
    "vendor/uplot/uPlot.min.css",
    "tracker/js/push.js",
    "tracker/js/reminders.js",
    "tracker/icons/icon-192.png",
    "tracker/icons/favicon.svg",
    # Every exercise's pictures (about 2 KB each): the library, the player and
    # Today show them, offline too.
    *every_static_name(EXERCISES),
)
SHELL_PAGES = ("/offline/",)
# A push the worker cannot read still shows something, in the person's language.
PUSH_FALLBACK = gettext_noop("You have a stretch reminder.")
SERVICE_WORKER_SOURCE = "tracker/sw.js"


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    body = {
        "id": "/",
        "name": "StretchStop",
        "short_name": "StretchStop",
        "description": SITE_DESCRIPTION,
        "start_url": "/?source=pwa",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static("tracker/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("tracker/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("tracker/icons/maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(body, content_type="application/manifest+json")


@cache
def _worker_source() -> str:
    path = finders.find(SERVICE_WORKER_SOURCE)
    with open(path, encoding="utf-8") as source:
        return source.read()


def worker_script(
    *, precache: list[str], outbox_script: str, source: str, extra: dict | None = None
) -> str:
    """Return the service worker: its settings, then its code.

    The cache version is a digest of both, so a deploy that changes any shell
    file (hashed static names), a catalogue (versioned URLs) or the worker
    itself installs a fresh cache.
    """
    settings_js = {"PRECACHE": precache, "OUTBOX_SCRIPT": outbox_script, **(extra or {})}
    version = hashlib.sha256((json.dumps(settings_js) + source).encode()).hexdigest()[:12]
    settings_js["CACHE_VERSION"] = version
    header = "".join(
        f"const {name} = {json.dumps(value)};\n" for name, value in settings_js.items()
    )
    return header + source


def offline_page_url(language: str) -> str:
    return f"/offline/?lang={language}"


def language_settings() -> dict:
    """Return the worker's per-language settings: each language's JavaScript
    catalogue, offline page and unreadable-push text.

    The worker serves the offline page and the push text in the language of the
    last page it fetched (its Content-Language), so all of them are precached.
    """
    push_fallback = {}
    for language in LANGUAGE_CODES:
        with translation.override(language):
            push_fallback[language] = gettext(PUSH_FALLBACK)
    return {
        "CATALOGUES": {language: catalogue_url(language) for language in LANGUAGE_CODES},
        "OFFLINE_PAGES": {language: offline_page_url(language) for language in LANGUAGE_CODES},
        "PUSH_FALLBACK": push_fallback,
    }


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    languages = language_settings()
    precache = (
        [static(name) for name in SHELL_STATIC]
        + list(SHELL_PAGES)
        + list(languages["CATALOGUES"].values())
        + list(languages["OFFLINE_PAGES"].values())
    )
    source = _worker_source() if not settings.DEBUG else _worker_source.__wrapped__()
    script = worker_script(
        precache=precache,
        outbox_script=static("tracker/js/outbox.js"),
        source=source,
        extra=languages,
    )
    response = HttpResponse(script, content_type="text/javascript")
    # Browsers check for a new worker at least daily; no-cache makes it every visit.
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline_page(request: HttpRequest) -> HttpResponse:
    """Render the offline page; `?lang=` picks its language (the worker precaches each)."""
    language = request.GET.get("lang", "")
    if language not in LANGUAGE_CODES:
        return render(request, "tracker/offline.html")
    with translation.override(language):
        response = render(request, "tracker/offline.html")
        response["Content-Language"] = language
    return response


def site(request: HttpRequest) -> dict[str, str]:
    """Template context processor: what every page's <head> says about the site."""
    return {"site_description": SITE_DESCRIPTION}


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    return HttpResponse(ROBOTS_TXT, content_type="text/plain; charset=utf-8")


@cache
def _favicon_bytes() -> bytes:
    with open(finders.find(FAVICON), "rb") as icon:
        return icon.read()


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Answer /favicon.ico, which browsers and bookmarks ask for by name, with the PNG icon."""
    response = HttpResponse(_favicon_bytes(), content_type="image/png")
    response["Cache-Control"] = "max-age=86400"
    return response
