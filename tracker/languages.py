"""Which language a person reads: one rule for pages, the API and sign-up.

A signed-in person's own setting (User.language) wins; otherwise the browser's
(the language cookie, then Accept-Language, as Django's LocaleMiddleware reads
them). The worker has no request: it uses the recipient's setting per delivery
(translation.override(user.language)).
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

LANGUAGE_CODES = tuple(code for code, _ in settings.LANGUAGES)


def language_from_request(request: HttpRequest) -> str:
    """Return the supported language the browser asks for, else LANGUAGE_CODE."""
    return translation.get_language_from_request(request)


def signup_language(request: HttpRequest, chosen: str = "") -> str:
    """Return the language of a new account: the one chosen, else the browser's.

    Both sign-ups (the API's and the page's) call this, so they agree.
    """
    return chosen if chosen in LANGUAGE_CODES else language_from_request(request)


def user_language_activate(request: HttpRequest, user) -> None:
    """Answer this request in the signed-in `user`'s own language."""
    language = getattr(user, "language", "")
    if language in LANGUAGE_CODES:
        translation.activate(language)
        request.LANGUAGE_CODE = language
