"""The service worker's precache holds every script and stylesheet a page loads,
so that a page opened offline (from the cache of pages visited) also works:
Progress draws its charts, the player runs, the reminder settings load.

The list is derived from the templates and the modules' own imports, so a new
page's script fails this test until it is added to SHELL_STATIC.
"""

import json
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

from exercises.illustrations import every_static_name
from exercises.library import EXERCISES
from tracker.web.pwa import SHELL_STATIC

# {% static 'tracker/js/x.js' %} and {% static "vendor/uplot/uPlot.min.css" %}
STATIC_TAG = re.compile(r"""{%\s*static\s+['"]([^'"]+\.(?:js|css))['"]\s*%}""")
# import { x } from "./y.js";  and  import "./y.js";
MODULE_IMPORT = re.compile(r"""^\s*import\s+(?:[^"';]+\s+from\s+)?["'](\.{1,2}/[^"']+)["']""", re.M)


def _templates() -> list[Path]:
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    return [path for folder in folders for path in folder.rglob("*.html")]


def _with_imports(names: set[str]) -> set[str]:
    found, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        if name.endswith(".js"):
            source = Path(finders.find(name)).read_text(encoding="utf-8")
            base = name.rsplit("/", 1)[0]
            for relative in MODULE_IMPORT.findall(source):
                parts = base.split("/")
                for step in relative.split("/"):
                    if step == "..":
                        parts.pop()
                    elif step != ".":
                        parts.append(step)
                todo.append("/".join(parts))
    return found


def page_assets() -> set[str]:
    named = {name for path in _templates() for name in STATIC_TAG.findall(path.read_text())}
    return {name for name in _with_imports(named) if name.startswith(("tracker/", "vendor/"))}


def test_the_templates_and_their_imports_are_found():
    # Guards the finder itself: an empty or partial list would pass the test below.
    assets = page_assets()
    assert {
        "tracker/js/progress.js",
        "tracker/js/charts.js",  # imported by progress.js, named in no template
        "vendor/uplot/uPlot.iife.min.js",
        "vendor/uplot/uPlot.min.css",
    } <= assets
    assert all(finders.find(name) for name in assets)


def test_every_script_and_stylesheet_a_page_loads_is_precached():
    missing = page_assets() - set(SHELL_STATIC)

    assert missing == set(), f"add these to tracker/web/pwa.py SHELL_STATIC: {sorted(missing)}"


def test_the_served_worker_precaches_the_shell(client):
    response = client.get("/sw.js")

    first_line = response.content.decode().splitlines()[0]
    precache = json.loads(first_line.removeprefix("const PRECACHE = ").removesuffix(";"))
    assert {f"/static/{name}" for name in page_assets()} <= set(precache)


def test_every_exercise_picture_is_precached(client):
    pictures = every_static_name(EXERCISES)
    assert len(pictures) > len(EXERCISES)  # the steps' pictures too
    assert all(finders.find(name) for name in pictures)

    first_line = client.get("/sw.js").content.decode().splitlines()[0]
    precache = json.loads(first_line.removeprefix("const PRECACHE = ").removesuffix(";"))

    assert {f"/static/{name}" for name in pictures} <= set(precache)
