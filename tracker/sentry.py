"""Error reporting to Sentry (SENTRY_DSN), with nothing about a person's health or credentials.

An error report must tell an engineer where the code failed, not what a
patient wrote. So the client is set up to collect as little as it can, and
`scrub` removes, from every event before it leaves the process:
1. the request's body, cookies, query string (a reminder link's action token)
   and every header but a short list of harmless ones;
2. every frame's local variables (a serializer's data holds the pain note);
3. breadcrumbs' data (SQL parameters, HTTP bodies) and `extra`/`contexts`
   values other than runtime facts;
4. the user to its id alone;
5. anything left that looks like a credential (a token in a header's format,
   a `token=` parameter, a 40+ character hex or base64url run) in any string.
"""

import re
from typing import Any

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration

REDACTED = "[redacted]"
SAFE_HEADERS = {"content-type", "content-length", "user-agent", "x-request-id", "host", "accept"}
SAFE_CONTEXTS = {"runtime", "os", "trace", "celery", "browser", "device"}
_SECRET_TEXT = re.compile(
    r"(?i)(token|key|secret|password|passwd|auth|session|csrf)([\"']?\s*[=:]\s*[\"']?)[^\s&\"',;]+"
    r"|\b(?:Token|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+"
    r"|\b[A-Za-z0-9_-]{40,}\b"
)


def _scrub_text(value: str) -> str:
    def replace(match: re.Match) -> str:
        if match.group(1):
            return f"{match.group(1)}{match.group(2)}{REDACTED}"
        return REDACTED

    return _SECRET_TEXT.sub(replace, value)


def _scrub_strings(value: Any) -> Any:
    if isinstance(value, str):
        return _scrub_text(value)
    if isinstance(value, list | tuple):
        return [_scrub_strings(item) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_strings(item) for key, item in value.items()}
    return value


def _frames(event: dict):
    for section in ("exception", "threads"):
        for value in (event.get(section) or {}).get("values", []) or []:
            yield from ((value.get("stacktrace") or {}).get("frames") or [])


def scrub(event: dict, hint: dict | None = None) -> dict:
    """Return the event with every field that could carry health data or a credential removed."""
    request = event.get("request")
    if request:
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        headers = request.get("headers") or {}
        request["headers"] = {k: v for k, v in headers.items() if k.lower() in SAFE_HEADERS}
        if "url" in request:
            request["url"] = request["url"].split("?", 1)[0]
    for frame in _frames(event):
        frame.pop("vars", None)
    crumbs = event.get("breadcrumbs") or {}
    for crumb in crumbs.get("values", []) if isinstance(crumbs, dict) else crumbs:
        crumb.pop("data", None)
    event.pop("extra", None)
    contexts = event.get("contexts") or {}
    event["contexts"] = {k: v for k, v in contexts.items() if k in SAFE_CONTEXTS}
    user = event.get("user")
    if user:
        event["user"] = {"id": user["id"]} if "id" in user else {}
    return _scrub_strings(event)


def sentry_init(*, dsn: str, environment: str, release: str = "", transport=None) -> None:
    """Start error reporting for this process (web, worker or beat)."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[
            DjangoIntegration(),
            CeleryIntegration(),
            LoggingIntegration(),  # an ERROR line becomes an event too, scrubbed alike
        ],
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=0,
        before_send=scrub,
        before_send_transaction=scrub,
        transport=transport,
    )
