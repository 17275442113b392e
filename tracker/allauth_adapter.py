"""django-allauth's account adapter, with StretchStop's answer to "who is asking"."""

from allauth.account.adapter import DefaultAccountAdapter

from tracker.clients import client_address

# A request with no peer address at all (a test harness; a unix socket with no proxy
# configured): one shared bucket, rather than allauth's 403 to every log-in.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder address, nothing binds to it


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        # The one rule (tracker.clients, TRUSTED_PROXY_COUNT) for allauth's per-address
        # rate limits and its session records too, not allauth's own reading of
        # X-Forwarded-For.
        return client_address(request) or UNKNOWN_ADDRESS
