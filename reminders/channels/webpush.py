"""Web Push with VAPID (RFC 8030, 8291, 8292) through pywebpush."""

import fnmatch
import json
import threading
import time
from urllib.parse import urlsplit

import requests
import urllib3
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from pywebpush import WebPushException, webpush

from reminders import metrics, vapid
from reminders.channels.base import Channel, ChannelError, Message, Target

# One HTTP client per worker thread and push service: keeps connections open.
_local = threading.local()
# A VAPID JWT may be reused until it expires (RFC 8292): one signature per push
# service every few hours, not one per push. Lifetime and when to renew it.
VAPID_LIFETIME_SECONDS = 12 * 3600
VAPID_RENEW_SECONDS = 3600
_vapid_headers: dict[tuple, tuple[float, dict]] = {}


def _origin(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


def _session(endpoint: str) -> "PushSession":
    """Return this thread's client for the push service `endpoint` is on."""
    origin = _origin(endpoint)
    sessions = _local.__dict__.setdefault("sessions", {})
    if origin not in sessions:
        sessions[origin] = PushSession(origin)
    return sessions[origin]


class PushResponse:
    """What pywebpush and _classify read of a response: status, reason, headers, text."""

    def __init__(self, response: urllib3.BaseHTTPResponse):
        self.status_code = response.status
        self.reason = response.reason
        self.headers = response.headers  # case-insensitive
        self.text = response.data.decode("utf-8", "replace")


class PushSession:
    """A keep-alive HTTP client for one push service, with the `post` pywebpush calls.

    It is urllib3, which requests is built on, without requests' per-call work
    (merging session settings, preparing and hooking the request): that was
    over a third of a push's CPU time in a burst. The environment's proxy
    settings (HTTPS_PROXY, NO_PROXY) are read once, when the client is made.
    Certificates are checked against the same CA bundle requests uses.
    """

    def __init__(self, origin: str):
        proxy = requests.utils.get_environ_proxies(origin).get(urlsplit(origin).scheme)
        options = {"ca_certs": requests.certs.where(), "maxsize": 1}
        self.pool = (
            urllib3.ProxyManager(proxy, **options) if proxy else urllib3.PoolManager(**options)
        )

    def post(self, url: str, *, data=None, headers=None, timeout=None) -> PushResponse:
        response = self.pool.request(
            "POST",
            url,
            body=data,
            headers=dict(headers or {}),
            timeout=timeout,
            # As requests does: no retries (a POST is not repeated), no redirects.
            retries=urllib3.Retry(0, read=False, redirect=False),
            redirect=False,
        )
        return PushResponse(response)


def vapid_headers(origin: str) -> dict[str, str]:
    """Return the VAPID Authorization header for a push service, signed once per lifetime."""
    key, subject = vapid.server_key(), settings.VAPID_SUBJECT
    cache_key = (origin, id(key), subject)
    cached = _vapid_headers.get(cache_key)
    now = time.time()
    if cached is None or cached[0] - now < VAPID_RENEW_SECONDS:
        expires = int(now) + VAPID_LIFETIME_SECONDS
        headers = key.sign({"sub": subject, "aud": origin, "exp": expires})
        cached = _vapid_headers[cache_key] = (expires, dict(headers))
    return cached[1]


def endpoint_problem(url: str) -> str | None:
    """Return why the server must not POST to `url`, or None if it may.

    A subscription endpoint is an address the server will send requests to, so
    only the browsers' push services (WEBPUSH_ALLOWED_HOSTS) are accepted, over
    https; with WEBPUSH_ALLOW_HTTP (on with DEBUG) an allowed host may use http,
    so a local receiver can stand in for a push service.
    """
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return "Not a valid URL."
    if parts.scheme not in ("https", "http") or not host:
        return "Must be an https URL."
    if parts.scheme == "http" and not settings.WEBPUSH_ALLOW_HTTP:
        return "Must be an https URL."
    if parts.username or parts.password:
        return "Must not carry credentials."
    if not any(fnmatch.fnmatchcase(host, pattern) for pattern in settings.WEBPUSH_ALLOWED_HOSTS):
        return "Not a known push service."
    return None


def payload(message: Message) -> str:
    """Return the JSON the service worker receives (at most ~3 KB after encryption)."""
    return json.dumps(
        {
            "delivery": message.delivery_id,
            "title": message.title,
            "body": message.body,
            "url": message.url,
            "tag": message.tag,
            "interactive": message.interactive,
            "actions": message.actions,
            "token": message.action_token,
        },
        separators=(",", ":"),
    )


class WebPushChannel(Channel):
    name = "push"

    def targets_for(self, users) -> tuple[Channel, dict[int, list[Target]]]:
        from reminders.models import PushSubscription

        by_user: dict[int, list[Target]] = {}
        subscriptions = PushSubscription.objects.filter(user__in=[u.pk for u in users])
        for subscription in subscriptions.order_by("id"):
            by_user.setdefault(subscription.user_id, []).append(
                Target(
                    key=str(subscription.pk),
                    address=subscription.endpoint,
                    secrets={"p256dh": subscription.p256dh, "auth": subscription.auth},
                )
            )
        return self, by_user

    def send(self, message: Message, target: Target) -> None:
        try:
            authorization = vapid_headers(_origin(target.address))
        except ImproperlyConfigured as error:
            raise ChannelError(str(error), permanent=True) from error
        try:
            response = webpush(
                subscription_info={"endpoint": target.address, "keys": target.secrets},
                data=payload(message),
                ttl=message.ttl_seconds,
                headers={
                    **authorization,
                    "Urgency": message.urgency,
                    # Same topic: a resend replaces a copy still waiting at the push
                    # service instead of showing the reminder twice.
                    "Topic": message.tag,
                },
                timeout=settings.WEBPUSH_TIMEOUT_SECONDS,
                requests_session=_session(target.address),
            )
        except WebPushException as error:
            status = error.response.status_code if error.response is not None else "none"
            _count_response(status)
            raise _classify(error) from error
        except (urllib3.exceptions.HTTPError, requests.RequestException) as error:
            _count_response("unreachable")
            raise ChannelError(f"push service unreachable: {error}") from error
        _count_response(getattr(response, "status_code", "none"))

    def reached(self, targets: list[Target]) -> None:
        from reminders.models import PushSubscription

        PushSubscription.objects.filter(pk__in=[int(t.key) for t in targets]).update(
            last_success_at=timezone.now()
        )

    def forget(self, target: Target) -> None:
        from reminders.models import PushSubscription

        PushSubscription.objects.filter(pk=int(target.key)).delete()


def _count_response(status) -> None:
    metrics.buffer_add({metrics.field("push_responses_total", {"status": str(status)}): 1})


def _classify(error: WebPushException) -> ChannelError:
    response = error.response
    status = response.status_code if response is not None else None
    if status in (404, 410):
        return ChannelError(f"subscription expired ({status})", target_gone=True)
    if status == 429 or (status is not None and status >= 500):
        retry_after = _retry_after(response.headers.get("Retry-After"))
        return ChannelError(f"push service busy ({status})", retry_after=retry_after)
    # 400, 401, 403, 413: this message can never succeed; retrying would not help.
    return ChannelError(f"push refused ({status})", permanent=True)


def _retry_after(value: str | None) -> int | None:
    try:
        return max(0, int(value)) if value is not None else None
    except ValueError:
        return None
