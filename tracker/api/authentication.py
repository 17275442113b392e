"""API token authentication: knox's, noting each token's device and answering in
the person's language.

DRF authenticates inside the view, after every middleware has run, so neither
the page middleware (tracker.middleware.UserLanguageMiddleware) nor any other
can see a token user: both notes are made here, once the token has named them.
"""

from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication as KnoxTokenAuthentication

from tracker.clients import client_address
from tracker.devices import token_client_save
from tracker.languages import user_language_activate


class TokenAuthentication(KnoxTokenAuthentication):
    """Knox's token check, then the person's language, and a note of the token's
    device, address and last use.

    Knox has no hook of its own for "a token was used" (only token_expired), and
    its AUTO_REFRESH writes just the expiry; subclassing the authentication class
    is the extension point it documents. The note costs one primary-key read per
    request and a write at most once a minute per token (see token_client_save).
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            user_language_activate(request._request, result[0])
            token_client_save(
                token=result[1],
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
                address=client_address(request),
                now=timezone.now(),
            )
        return result


class TokenScheme(KnoxTokenScheme):
    """The schema's security scheme for it: knox's own ("knoxApiToken"), unchanged."""

    target_class = "tracker.api.authentication.TokenAuthentication"
