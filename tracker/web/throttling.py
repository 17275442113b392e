"""The API's throttles, applied to the pages that do the same thing (sign-up,
log-in, accepting an invite), so a form is no way around the API's limits."""

from collections.abc import Iterable

from django.http import HttpRequest
from rest_framework.parsers import FormParser
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle


def page_throttled(request: HttpRequest, throttles: Iterable[BaseThrottle]) -> bool:
    """Return whether any throttle refuses this form post.

    Every throttle counts the attempt, as DRF does for the API (a list, not a
    short-circuit), and they share their counts with the API's.
    """
    api_request = Request(request, parsers=[FormParser()])
    api_request.user = request.user
    return not all([throttle.allow_request(api_request, None) for throttle in throttles])
