"""Web Push with VAPID (RFC 8030, 8291, 8292): encrypted messages POSTed to push services."""

import fnmatch
import functools
import http.client
import json
import re
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
# What the sender reads of an answer: its head, and a body it can skip to keep
# the connection (a push service answers with an empty one, or a short error).
_MAX_HEAD = 64 * 1024
_MAX_BODY = 64 * 1024
_READ_SIZE = 16 * 1024
# A request target is printable ASCII: a space or a line break would end the
# request line early (http.client refuses them too).
_UNSAFE_PATH = re.compile(r"[^\x21-\x7e]")


def _session(origin: str) -> "PushSession":
    """Return this thread's client for the push service at `origin`."""
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

    The standard library's http.client makes the connection (TLS, proxy
    tunnel); a request is written in one piece and its answer read by
    _response. Not requests or urllib3, nor http.client's own request and
    response objects: their per-request work (pools, URL parsing, header
    checks, an email parser for the answer's headers) was most of a push's
    CPU time in a burst. A connection is never used again after an error, so
    a POST is never repeated on it. The environment's proxy settings
    (HTTPS_PROXY, NO_PROXY) are read once; certificates are checked against
    Mozilla's CA bundle (certifi).
    """

    def __init__(self, origin: str, *, timeout: float):
        parts = urlsplit(origin)
        self.origin, self.https, self.timeout = origin, parts.scheme == "https", timeout
        self.host, self.port = parts.hostname, parts.port or (443 if self.https else 80)
        self.host_header = parts.netloc
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
        if _UNSAFE_PATH.search(path):
            raise http.client.InvalidURL(f"the path {path!r} has characters a URL cannot carry")
        if any("\r" in value or "\n" in value for value in headers.values()):
            raise ValueError("a header value holds a line break")
        target = path if self.https or not self.proxy else self.origin + path
        request = "".join(
            [
                f"POST {target} HTTP/1.1\r\nHost: {self.host_header}\r\n",
                f"Content-Length: {len(body)}\r\n",
                *(f"{name}: {value}\r\n" for name, value in headers.items()),
                "\r\n",
            ]
        ).encode("latin-1")
        connection, self.connection = self.connection, None
        if connection is not None and connection.sock is not None and _readable(connection.sock):
            # An idle connection has nothing to read unless the service closed it.
            connection.close()
        connection = connection or self._connect()
        try:
            if connection.sock is None:
                connection.connect()
            connection.sock.sendall(request + body)
            status, retry_after, reusable = _response(connection.sock)
        except BaseException:
            connection.close()
            raise
        if reusable:
            self.connection = connection
        else:
            connection.close()
        return status, retry_after


def _response(sock) -> tuple[int, str | None, bool]:
    """Read one HTTP/1.x answer; return its status, Retry-After and whether to keep the connection.

    The connection is kept only for an HTTP/1.1 answer with no `Connection:
    close` whose end is known (Content-Length, read whole here). Any other body
    (chunked, up to the close, too long) is left unread and the connection is
    dropped: the status is all a push needs, and a connection out of step with
    its responses must never carry the next POST.
    """
    data = b""
    while True:
        end = data.find(b"\r\n\r\n")
        while end < 0:
            if len(data) > _MAX_HEAD:
                raise http.client.LineTooLong("response head")
            chunk = sock.recv(_READ_SIZE)
            if not chunk:
                raise http.client.RemoteDisconnected("the push service closed without answering")
            data += chunk
            end = data.find(b"\r\n\r\n")
        status_line, *lines = data[:end].decode("iso-8859-1").split("\r\n")
        data = data[end + 4 :]
        version, _, rest = status_line.partition(" ")
        code = rest[:3]
        if not version.startswith("HTTP/1.") or len(code) != 3 or not code.isdigit():
            raise http.client.BadStatusLine(status_line)
        status = int(code)
        if not 100 <= status < 200:
            break
        # An interim answer (100 Continue): the final one follows it.
    fields = {}
    for line in lines:
        name, colon, value = line.partition(":")
        if colon and line[:1] not in " \t":  # folded continuation lines are ignored
            fields[name.strip().lower()] = value.strip()
    reusable = version == "HTTP/1.1" and "close" not in fields.get("connection", "").lower()
    length = fields.get("content-length", "")
    if status in (204, 304):
        length = "0"
    if "transfer-encoding" in fields or not length.isdigit() or int(length) > _MAX_BODY:
        return status, fields.get("retry-after"), False
    length = int(length)
    while reusable and len(data) < length:
        chunk = sock.recv(_READ_SIZE)
        if not chunk:
            reusable = False
        data += chunk
    # More than the response announced: the connection is out of step.
    return status, fields.get("retry-after"), reusable and len(data) == length


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
            PushSubscription.objects.filter(user__any=[u.pk for u in users])
            .order_by("id")
            .values_list("pk", "user_id", "endpoint", "p256dh", "auth")
        )
        for pk, user_id, endpoint, p256dh, auth in rows:
            by_user.setdefault(user_id, []).append(
                Target(key=str(pk), address=endpoint, secrets={"p256dh": p256dh, "auth": auth})
            )
        return self, by_user

    def send(self, message: Message, target: Target) -> None:
        parts = urlsplit(target.address)
        origin = f"{parts.scheme}://{parts.netloc}"
        try:
            authorization = vapid_headers(origin)
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
        path = parts.path + (f"?{parts.query}" if parts.query else "") or "/"
        try:
            status, retry_after = _session(origin).post(path, body, headers)
        except (OSError, http.client.HTTPException) as error:
            _count_response("unreachable")
            raise ChannelError(f"push service unreachable: {error}") from error
        _count_response(status)
        if status not in ACCEPTED:
            raise _classify(status, retry_after)

    def reached(self, targets: list[Target]) -> None:
        from reminders.models import PushSubscription

        PushSubscription.objects.filter(pk__any=[int(t.key) for t in targets]).update(
            last_success_at=timezone.now()
        )

    def forget(self, target: Target) -> None:
        from reminders.models import PushSubscription

        PushSubscription.objects.filter(pk=int(target.key)).delete()


def _count_response(status) -> None:
    metrics.buffer_add({_response_field(status): 1})


@functools.cache
def _response_field(status) -> str:
    return metrics.field("push_responses_total", {"status": str(status)})


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
