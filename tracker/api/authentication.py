"""API token authentication: knox's, recording which device uses each token."""

from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication as KnoxTokenAuthentication

from tracker.clients import client_address
from tracker.devices import token_client_save


class TokenAuthentication(KnoxTokenAuthentication):
    """Knox's token check, then a note of the token's device, address and last use.

    Knox has no hook of its own for "a token was used" (only token_expired), and
    its AUTO_REFRESH writes just the expiry; subclassing the authentication class
    is the extension point it documents. The note costs one primary-key read per
    request and a write at most once a minute per token (see token_client_save).
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
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
