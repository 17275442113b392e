"""The app's pages, found from the routes themselves (tracker/web/urls.py), and the
paths to visit for them: a new page is checked as soon as its route exists; a
route with a parameter these cannot fill fails the collection rather than going
unchecked."""

import re

from django.urls import URLPattern

from tracker.web.urls import urlpatterns

# Routes that are not pages a person reads: what browsers fetch by name, and POST-only actions.
NOT_PAGES = {
    "manifest.webmanifest",
    "sw.js",
    "robots.txt",
    "favicon.ico",
    "logout/",
    "account/devices/sign-out/",
    "account/devices/sign-out-all/",
}


def page_routes() -> list[str]:
    routes = []
    for pattern in urlpatterns:
        assert isinstance(pattern, URLPattern), "tracker.web.urls should stay flat"
        route = str(pattern.pattern)
        if route not in NOT_PAGES and not route.endswith("/post/"):
            routes.append(route)
    return routes


def page_path(route: str, cast: dict[str, object]) -> str:
    """The path to visit for `route`, its parameters filled from the `cast` fixture."""
    values = {**cast, "routine": cast["routine_slug"]}
    if route.startswith("routines/"):
        values["slug"] = cast["routine_slug"]

    def value_for(match: re.Match) -> str:
        name = match.group(2)
        if name not in values:
            raise KeyError(f"tests/browser/pages.py cannot fill <{name}> in {route!r}")
        return str(values[name])

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value_for, route)
