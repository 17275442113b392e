"""Web Push with VAPID (RFC 8030, 8291, 8292): encrypted messages POSTed to push services."""

import fnmatch
import http.client
import json
import select
import ssl
import threading
import time
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

import certifi
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from reminders import metrics, vapid
from reminders.channels import ece
from reminders.channels.base import Channel, ChannelError, Message, Target

# One HTTP client per worker thread and push service: keeps connections open.
_local = threading.local()
# A VAPID JWT may be reused until it expires (RFC 8292): one signature per push
# service every few hours, not one per push. Lifetime and when to renew it.
VAPID_LIFETIME_SECONDS = 12 * 3600
VAPID_RENEW_SECONDS = 3600
_vapid_headers: dict[tuple, tuple[float, dict]] = {}
# What a push service answers when it has taken a message (RFC 8030 says 201).
ACCEPTED = (200, 201, 202)


def _origin(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


def _session(endpoint: str) -> "PushSession":
    """Return this thread's client for the push service `endpoint` is on."""
    origin = _origin(endpoint)
    sessions = _local.__dict__.setdefault("sessions", {})
    if origin not in sessions:
        sessions[origin] = PushSession(origin, timeout=settings.WEBPUSH_TIMEOUT_SECONDS)
    return sessions[origin]


def _readable(sock) -> bool:
    # poll, not select: a worker may hold file descriptors past select's 1024.
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))


class PushSession:
    """One keep-alive HTTP/1.1 connection to one push service, made when first needed.

    It is the standard library's http.client, not requests or urllib3: their
    per-request work (pools, URL parsing, header checks, response wrappers) was
    most of a push's CPU time in a burst. A request is sent in one write, and a
    connection is never used again after an error, so a POST is never repeated
    on it. The environment's proxy settings (HTTPS_PROXY, NO_PROXY) are read
    once; certificates are checked against Mozilla's CA bundle (certifi).
    """

    def __init__(self, origin: str, *, timeout: float):
        parts = urlsplit(origin)
        self.origin, self.https, self.timeout = origin, parts.scheme == "https", timeout
        self.host, self.port = parts.hostname, parts.port or (443 if self.https else 80)
        self.proxy = None if proxy_bypass(parts.netloc) else getproxies().get(parts.scheme)
        self.connection: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        host, port = self.host, self.port
        if self.proxy:
            proxy = urlsplit(self.proxy)
            host, port = proxy.hostname, proxy.port or 80
        if not self.https:
            return http.client.HTTPConnection(host, port, timeout=self.timeout)
        context = ssl.create_default_context(cafile=certifi.where())
        connection = http.client.HTTPSConnection(host, port, timeout=self.timeout, context=context)
        if self.proxy:
            connection.set_tunnel(self.host, self.port)
        return connection

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, str | None]:
        """POST and return the status and the Retry-After header; raise OSError or HTTPException."""
        connection, self.connection = self.connection, None
        if connection is not None and connection.sock is not None and _readable(connection.sock):
            # An idle connection has nothing to read unless the service closed it.
            connection.close()
        target = path if self.https or not self.proxy else self.origin + path
        try:
            connection = connection or self._connect()
            connection.request("POST", target, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
        except BaseException:
            connection.close()
            raise
        if not response.will_close:
            self.connection = connection
        return response.status, response.getheader("Retry-After")


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
        # Plain rows, not model instances: a burst reads thousands of them.
        rows = (
            PushSubscription.objects.filter(user__in=[u.pk for u in users])
            .order_by("id")
            .values_list("pk", "user_id", "endpoint", "p256dh", "auth")
        )
        for pk, user_id, endpoint, p256dh, auth in rows:
            by_user.setdefault(user_id, []).append(
                Target(key=str(pk), address=endpoint, secrets={"p256dh": p256dh, "auth": auth})
            )
        return self, by_user

    def send(self, message: Message, target: Target) -> None:
        try:
            authorization = vapid_headers(_origin(target.address))
        except ImproperlyConfigured as error:
            raise ChannelError(str(error), permanent=True) from error
        try:
            body = ece.encrypt(
                payload(message).encode(),
                p256dh=target.secrets["p256dh"],
                auth=target.secrets["auth"],
            )
        except ValueError as error:  # a stored key that is not a P-256 point, or too long a text
            raise ChannelError(f"cannot encrypt: {error}", permanent=True) from error
        headers = {
            **authorization,
            "TTL": str(message.ttl_seconds),
            "Content-Encoding": "aes128gcm",
            "Urgency": message.urgency,
            # Same topic: a resend replaces a copy still waiting at the push
            # service instead of showing the reminder twice.
            "Topic": message.tag,
        }
        parts = urlsplit(target.address)
        path = parts.path + (f"?{parts.query}" if parts.query else "") or "/"
        try:
            status, retry_after = _session(target.address).post(path, body, headers)
        except (OSError, http.client.HTTPException) as error:
            _count_response("unreachable")
            raise ChannelError(f"push service unreachable: {error}") from error
        _count_response(status)
        if status not in ACCEPTED:
            raise _classify(status, retry_after)

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


def _classify(status: int, retry_after: str | None) -> ChannelError:
    if status in (404, 410):
        return ChannelError(f"subscription expired ({status})", target_gone=True)
    if status == 429 or status >= 500:
        return ChannelError(f"push service busy ({status})", retry_after=_retry_after(retry_after))
    # 400, 401, 403, 413: this message can never succeed; retrying would not help.
    return ChannelError(f"push refused ({status})", permanent=True)


def _retry_after(value: str | None) -> int | None:
    try:
        return max(0, int(value)) if value is not None else None
    except ValueError:
        return None
