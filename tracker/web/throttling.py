"""The API's throttles, applied to the pages that do the same thing (sign-up,
log-in, the admin's log-in, accepting an invite), so a form is no way around
the API's limits."""

from collections.abc import Iterable

from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from tracker.api.throttles import ThrottleUnavailable


class _FormRequest(Request):
    """A DRF request whose data is the form Django already parsed.

    Django reads urlencoded and multipart bodies into request.POST (and leaves
    it empty for any other type), so a throttle reading `data` never meets a
    parse error or an unsupported media type, which would be a 500 on a page.
    """

    def _parse(self):
        return self._request.POST, self._request.FILES


def page_throttled(request: HttpRequest, throttles: Iterable[BaseThrottle]) -> bool:
    """Return whether any throttle refuses this form post.

    Every throttle counts the attempt, as DRF does for the API (a list, not a
    short-circuit), and they share their counts with the API's.
    """
    api_request = _FormRequest(request)
    api_request.user = request.user
    try:
        return not all([throttle.allow_request(api_request, None) for throttle in throttles])
    except ThrottleUnavailable:
        # A throttle that fails closed: the page refuses as if over the limit.
        return True
