"""What makes StretchStop installable: the web app manifest, the service worker
(served from the site root so that it controls every page) and the offline page.
"""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

THEME_COLOUR = "#0b5c8a"
BACKGROUND_COLOUR = "#ffffff"

# The app shell: cached when the service worker installs, so that the pages'
# look and scripts are there offline. The pages themselves are cached as visited.
SHELL_STATIC = (
    "tracker/app.css",
    "tracker/js/app.js",
    "tracker/js/outbox.js",
    "tracker/js/api.js",
    # The routine player logs through the outbox, so it must run offline too.
    "tracker/js/player.js",
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
)
SHELL_PAGES = ("/offline/",)
SERVICE_WORKER_SOURCE = "tracker/sw.js"


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    body = {
        "id": "/",
        "name": "StretchStop",
        "short_name": "StretchStop",
        "description": (
            "Stretch breaks and a habit tracker for a tight hip flexor and low back pain."
        ),
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


def worker_script(*, precache: list[str], outbox_script: str, source: str) -> str:
    """Return the service worker: its settings, then its code.

    The cache version is a digest of both, so a deploy that changes any shell
    file (hashed static names) or the worker itself installs a fresh cache.
    """
    settings_js = {"PRECACHE": precache, "OUTBOX_SCRIPT": outbox_script}
    version = hashlib.sha256((json.dumps(settings_js) + source).encode()).hexdigest()[:12]
    settings_js["CACHE_VERSION"] = version
    header = "".join(
        f"const {name} = {json.dumps(value)};\n" for name, value in settings_js.items()
    )
    return header + source


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    precache = [static(name) for name in SHELL_STATIC] + list(SHELL_PAGES)
    source = _worker_source() if not settings.DEBUG else _worker_source.__wrapped__()
    script = worker_script(
        precache=precache, outbox_script=static("tracker/js/outbox.js"), source=source
    )
    response = HttpResponse(script, content_type="text/javascript")
    # Browsers check for a new worker at least daily; no-cache makes it every visit.
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline_page(request: HttpRequest) -> HttpResponse:
    return render(request, "tracker/offline.html")
