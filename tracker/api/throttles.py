import hashlib
import logging

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from redis.exceptions import RedisError
from rest_framework.exceptions import APIException
from rest_framework.throttling import SimpleRateThrottle

from tracker.clients import client_address

logger = logging.getLogger(__name__)


class ThrottleUnavailable(APIException):
    """The counters cannot be read, and what this throttle guards must not go unguarded."""

    status_code = 503
    default_detail = _("This is unavailable for a moment. Please try again in a minute.")
    default_code = "throttle_unavailable"
    wait = 60  # DRF's exception handler turns it into Retry-After


class SettingsRateThrottle(SimpleRateThrottle):
    """A throttle whose rate is a plain Django setting, read on every request.

    Per-address throttles key on tracker.clients.client_address, the one rule
    for who is asking (X-Forwarded-For only through TRUSTED_PROXY_COUNT proxies).

    When the cache (Redis) fails or times out (REDIS_TIMEOUT_MS), a throttle
    with `fail_open` lets the request through: it guards load, and a person
    should still get their own data. Without it (log-in, sign-up, invite codes)
    the request is refused with 503, since unthrottled guessing is what those
    throttles exist to stop.
    """

    setting_name = ""
    fail_open = False

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except RedisError:
            logger.warning(
                "throttle %s: cache unavailable, failing %s",
                self.scope,
                "open" if self.fail_open else "closed",
                exc_info=True,
            )
            if self.fail_open:
                return True
            raise ThrottleUnavailable() from None

    def get_rate(self):
        return getattr(settings, self.setting_name)

    def get_ident(self, request):
        return client_address(request)


class AuthIPThrottle(SettingsRateThrottle):
    """Limit sign-up and log-in attempts from one address (rate: THROTTLE_AUTH_IP)."""

    scope = "auth_ip"
    setting_name = "THROTTLE_AUTH_IP"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AuthUsernameThrottle(SettingsRateThrottle):
    """Limit attempts against one username from anywhere (rate: THROTTLE_AUTH_USERNAME).

    Spreading a password guess over many addresses does not get around it.
    """

    scope = "auth_username"
    setting_name = "THROTTLE_AUTH_USERNAME"

    def get_cache_key(self, request, view):
        data = request.data
        username = data.get("username") if hasattr(data, "get") else None
        if not isinstance(username, str) or not username:
            return None
        # Hashed: cache keys must be short and free of arbitrary characters.
        ident = hashlib.sha256(username.strip().lower().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ExportThrottle(SettingsRateThrottle):
    """Limit one account's exports, all kinds together (rate: THROTTLE_EXPORT).

    Each export reads and builds a whole file of someone's history; a person or
    therapist needs a few, a script looping on them would load the database.
    """

    scope = "export"
    setting_name = "THROTTLE_EXPORT"
    fail_open = True

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class MessageSendThrottle(SettingsRateThrottle):
    """Limit the care messages one account sends, all threads together (THROTTLE_MESSAGE_SEND).

    Each message may notify someone on their phone; a loop must not flood them.
    """

    scope = "message_send"
    setting_name = "THROTTLE_MESSAGE_SEND"

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
