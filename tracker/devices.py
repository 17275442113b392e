"""Signed-in devices: an account's browser sessions and API tokens, listed and ended.

Browser sessions are tracked by allauth.usersessions (one UserSession row per
session key, with address, user agent and last use; USERSESSIONS_TRACK_ACTIVITY
refreshes them on every request). API tokens are knox's AuthToken rows, with
our ApiTokenClient beside each (tracker.api.authentication keeps it current).
Both kinds share one list and one id space: "session-<id>" and
"token-<first 16 hex digits of the token's stored hash>". The hash is what the
database keeps instead of the token; a prefix of it is no use for signing in.
"""

import datetime
import ipaddress
from dataclasses import dataclass

from allauth.usersessions.adapter import get_adapter as usersessions_adapter
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.checks import Error, register
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from knox.models import AuthToken

from tracker.models import ApiTokenClient, User
from tracker.user_agents import device_name

SESSION_ID_PREFIX = "session-"
TOKEN_ID_PREFIX = "token-"  # noqa: S105 - an id prefix, not a secret
TOKEN_ID_HEX_DIGITS = 16
# A token's last use is written at most this often: authenticating stays a read.
TOKEN_USE_WRITE_INTERVAL = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class Device:
    id: str
    kind: str  # "session" (a browser signed in) or "token" (an API token)
    name: str
    user_agent: str
    address: str | None
    created_at: datetime.datetime
    last_used_at: datetime.datetime
    current: bool


def _token_id(token: AuthToken) -> str:
    return TOKEN_ID_PREFIX + token.digest[:TOKEN_ID_HEX_DIGITS]


def _live_tokens(user: User):
    now = timezone.now()
    return AuthToken.objects.filter(user=user).filter(Q(expiry__isnull=True) | Q(expiry__gt=now))


def signed_in_devices(
    *,
    user: User,
    current_session_key: str | None = None,
    current_token_digest: str | None = None,
) -> list[Device]:
    """Return `user`'s live browser sessions and API tokens, the current one first,
    then by last use, newest first.

    `current_*` name the session or token of the request asking, to mark it.
    Sessions whose store entry is gone (expired, logged out) are dropped from
    allauth's table on the way, as its own list does.
    """
    devices = [
        Device(
            id=f"{SESSION_ID_PREFIX}{session.pk}",
            kind="session",
            name=device_name(session.user_agent),
            user_agent=session.user_agent,
            address=session.ip,
            created_at=session.created_at,
            last_used_at=session.last_seen_at,
            current=bool(current_session_key) and session.session_key == current_session_key,
        )
        for session in UserSession.objects.purge_and_list(user)
    ]
    for token in _live_tokens(user).select_related("client"):
        client = getattr(token, "client", None)
        devices.append(
            Device(
                id=_token_id(token),
                kind="token",
                name=device_name(client.user_agent if client else ""),
                user_agent=client.user_agent if client else "",
                address=client.address if client else None,
                created_at=token.created,
                last_used_at=client.last_used_at if client else token.created,
                current=token.digest == current_token_digest,
            )
        )
    devices.sort(key=lambda device: device.last_used_at, reverse=True)
    devices.sort(key=lambda device: not device.current)
    return devices


def sessions_end(
    *,
    user: User,
    keep_session_key: str | None = None,
    keep_token_digest: str | None = None,
) -> int:
    """End every browser session and API token of `user` but the ones named to keep;
    return how many ended.

    1. Each session is deleted from the session store (whatever SESSION_ENGINE
       is: database rows, cache entries, files) and from allauth's table, through
       allauth's adapter, so its list agrees.
    2. Each token is deleted; the next request carrying it answers 401.
    The signed-cookie engine keeps sessions in the browser, where they cannot be
    ended; session_engine_check below refuses it at start-up.
    """
    sessions = list(UserSession.objects.filter(user=user).exclude(session_key=keep_session_key))
    usersessions_adapter().end_sessions(sessions)
    tokens = AuthToken.objects.filter(user=user)
    if keep_token_digest:
        tokens = tokens.exclude(digest=keep_token_digest)
    # delete() counts the cascaded ApiTokenClient rows too: count the tokens alone.
    _, deleted = tokens.delete()
    return len(sessions) + deleted.get(AuthToken._meta.label, 0)


def device_end(*, user: User, device_id: str) -> bool:
    """End one of `user`'s sessions or tokens by its id from `signed_in_devices`.

    Return False, ending nothing, when the id is malformed or names no live
    session or token of `user`'s: another account's id is simply not found.
    """
    if device_id.startswith(SESSION_ID_PREFIX):
        number = device_id.removeprefix(SESSION_ID_PREFIX)
        if not number.isdecimal() or len(number) > 18:
            return False
        session = UserSession.objects.filter(user=user, pk=int(number)).first()
        if session is None:
            return False
        usersessions_adapter().end_sessions([session])
        return True
    if device_id.startswith(TOKEN_ID_PREFIX):
        prefix = device_id.removeprefix(TOKEN_ID_PREFIX)
        if len(prefix) != TOKEN_ID_HEX_DIGITS or not all(c in "0123456789abcdef" for c in prefix):
            return False
        _, deleted = _live_tokens(user).filter(digest__startswith=prefix).delete()
        return deleted.get(AuthToken._meta.label, 0) > 0
    return False


def _address_or_none(address: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((address or "").strip()))
    except ValueError:
        return None


def token_client_save(
    *, token: AuthToken, user_agent: str, address: str | None, now: datetime.datetime
) -> None:
    """Record that `token` was used now from this client, at most once a minute.

    An address that is not an IP address (a garbled X-Forwarded-For) is kept as
    unknown rather than refused: the request itself is legitimate.
    """
    client = ApiTokenClient.objects.filter(token=token).first()
    if client is not None and now - client.last_used_at < TOKEN_USE_WRITE_INTERVAL:
        return
    max_length = ApiTokenClient._meta.get_field("user_agent").max_length
    fields = {
        "user_agent": user_agent[:max_length],
        "address": _address_or_none(address),
        "last_used_at": now,
    }
    try:
        with transaction.atomic():
            ApiTokenClient.objects.update_or_create(token=token, defaults=fields)
    except IntegrityError:
        # The token was deleted (signed out) between authenticating and here.
        pass


def end_other_sessions_after_password_change(sender, request, user, **kwargs) -> None:
    """allauth's password_changed and password_set: keep only the browser that changed it.

    allauth has already moved this browser's session to a new key with the new
    password's hash (update_session_auth_hash); every other session and every
    API token ends.
    """
    sessions_end(user=user, keep_session_key=request.session.session_key)


def end_all_sessions_after_password_reset(sender, request, user, **kwargs) -> None:
    """allauth's password_reset: whoever had the old password is signed out everywhere."""
    sessions_end(user=user)


def connect_signals() -> None:
    from allauth.account.signals import password_changed, password_reset, password_set

    password_changed.connect(end_other_sessions_after_password_change)
    password_set.connect(end_other_sessions_after_password_change)
    password_reset.connect(end_all_sessions_after_password_reset)


@register()
def session_engine_check(app_configs, **kwargs) -> list[Error]:
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.signed_cookies":
        return [
            Error(
                "SESSION_ENGINE keeps sessions in signed cookies, which cannot be ended.",
                hint="Sign-out from other devices and password changes need sessions on the "
                "server: use the database, cache or cached_db engine.",
                id="tracker.E020",
            )
        ]
    return []
