"""django-allauth's account adapter, told who is asking the way the rest of the app is."""

import ipaddress

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils import translation

from tracker.clients import client_address
from tracker.languages import LANGUAGE_CODES

# A request with no usable peer address at all (a test harness; a unix socket with no
# proxy configured): one shared bucket, rather than allauth's 403 to every log-in.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder address, nothing binds to it


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        """Return the client's address by tracker.clients.client_address.

        allauth keys its rate limits on this and records it on each session
        ("Signed-in devices"). Its own reading of X-Forwarded-For needs
        ALLAUTH_TRUSTED_PROXY_COUNT and answers 500 (ImproperlyConfigured) to a
        request with fewer hops than proxies; ours falls back instead. The
        session table stores an IP address, so anything else counts as unknown.
        """
        address = (client_address(request) or "").strip()
        try:
            return str(ipaddress.ip_address(address))
        except ValueError:
            return UNKNOWN_ADDRESS

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Send allauth's emails (verify an address, reset a password, unknown account)
        in the recipient's language: their own setting when the address is an
        account's, else the language the request is answered in (an unknown address).
        """
        with translation.override(recipient_language(context.get("user"))):
            super().send_mail(template_prefix, email, context)


def recipient_language(user) -> str:
    """Return the language an email to `user` goes out in: theirs, else the active one."""
    language = getattr(user, "language", "")
    return language if language in LANGUAGE_CODES else translation.get_language()
