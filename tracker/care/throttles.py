"""Rates for care actions, each a plain setting (see README's configuration table)."""

from tracker.api.throttles import SettingsRateThrottle


class CareAcceptUserThrottle(SettingsRateThrottle):
    """Limit one account's attempts at invite codes (rate: THROTTLE_CARE_ACCEPT_USER)."""

    scope = "care_accept_user"
    setting_name = "THROTTLE_CARE_ACCEPT_USER"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class CareAcceptIPThrottle(SettingsRateThrottle):
    """Limit one address's attempts, whatever the accounts (rate: THROTTLE_CARE_ACCEPT_IP)."""

    scope = "care_accept_ip"
    setting_name = "THROTTLE_CARE_ACCEPT_IP"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class CareInviteThrottle(SettingsRateThrottle):
    """Limit the invites one therapist creates (rate: THROTTLE_CARE_INVITE).

    Each may send an email to any address: unthrottled, the invite form would
    be a way to send mail in StretchStop's name.
    """

    scope = "care_invite"
    setting_name = "THROTTLE_CARE_INVITE"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
