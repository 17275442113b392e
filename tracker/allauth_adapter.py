"""django-allauth's account adapter, told who is asking the way the rest of the app is."""

import ipaddress

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from tracker.clients import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        """Return the client's address by tracker.clients.client_address.

        allauth keys its rate limits on this and records it on each session
        ("Signed-in devices"). Its own reading of X-Forwarded-For needs
        ALLAUTH_TRUSTED_PROXY_COUNT and answers 500 (ImproperlyConfigured) to a
        request with fewer hops than proxies; ours falls back instead. The
        session table stores an IP address, so anything else in the header
        falls back to the socket's peer.
        """
        address = client_address(request)
        try:
            return str(ipaddress.ip_address(address.strip()))
        except ValueError:
            return super().get_client_ip(request)
