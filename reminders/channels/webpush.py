"""Web Push with VAPID (RFC 8030, 8291, 8292) through pywebpush."""

import fnmatch
import json
import threading
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from pywebpush import WebPushException, webpush

from reminders import metrics, vapid
from reminders.channels.base import Channel, ChannelError, Message, Target

# One HTTP session per worker thread and push service: keeps connections open.
_local = threading.local()


def _session(endpoint: str) -> requests.Session:
    """Return this thread's session for the push service `endpoint` is on.

    The environment's proxy settings (HTTPS_PROXY, NO_PROXY) are read once per
    push service, not on every request: with trust_env on, requests walks
    os.environ and looks for ~/.netrc for each POST, which was an eighth of a
    send's CPU time in a burst.
    """
    parts = urlsplit(endpoint)
    origin = f"{parts.scheme}://{parts.netloc}"
    sessions = _local.__dict__.setdefault("sessions", {})
    if origin not in sessions:
        session = requests.Session()
        session.trust_env = False
        session.proxies = requests.utils.get_environ_proxies(origin)
        sessions[origin] = session
    return sessions[origin]


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
            key = vapid.server_key()
        except ImproperlyConfigured as error:
            raise ChannelError(str(error), permanent=True) from error
        try:
            response = webpush(
                subscription_info={"endpoint": target.address, "keys": target.secrets},
                data=payload(message),
                vapid_private_key=key,
                # A fresh dict each time: pywebpush writes the audience into it.
                vapid_claims={"sub": settings.VAPID_SUBJECT},
                ttl=message.ttl_seconds,
                headers={
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
        except requests.RequestException as error:
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
