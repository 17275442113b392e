"""The API's token authentication, which also answers in the person's language.

DRF authenticates inside the view, after every middleware has run, so the
page middleware (tracker.middleware.UserLanguageMiddleware) cannot see a token
user: their language is applied here, once the token has named them.
"""

from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication as KnoxTokenAuthentication

from tracker.languages import user_language_activate


class TokenAuthentication(KnoxTokenAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            user_language_activate(request._request, result[0])
        return result


class TokenScheme(KnoxTokenScheme):
    """The OpenAPI schema documents this class as what it is: knox's token."""

    target_class = "tracker.api.auth.TokenAuthentication"
