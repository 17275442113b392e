from django.conf import settings
from django.http import JsonResponse
from django.utils import translation

from tracker.languages import user_language_activate


class RequestSizeLimitMiddleware:
    """Refuse request bodies over DATA_UPLOAD_MAX_MEMORY_SIZE with 413.

    Django enforces that limit only when code reads `request.body`; DRF's parsers
    read the stream directly, so without this a client could post any size.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return JsonResponse({"detail": "Content-Length must be a number."}, status=400)
        if limit is not None and length > limit:
            return JsonResponse(
                {"detail": f"Request body too large: the limit is {limit} bytes."}, status=413
            )
        return self.get_response(request)


# Powerful features the app never uses are off, for it and anything it embeds;
# the routine player keeps the screen on (screen-wake-lock) for this origin only.
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "browsing-topics=()",
        "camera=()",
        "display-capture=()",
        "geolocation=()",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "payment=()",
        "usb=()",
        "screen-wake-lock=(self)",
    ]
)


class PrivateResponseHeadersMiddleware:
    """Keep health data out of shared and disk caches; set Permissions-Policy.

    Every API answer and every page shown to a signed-in person may carry health
    data, so it gets `Cache-Control: no-store` (a browser's disk cache, a proxy or
    the back button after log-out must not keep it). The service worker's own
    offline copies are its explicit choice and are not affected. Static files
    never reach this middleware (WhiteNoise answers them earlier), and neither
    do the pages' JavaScript catalogues' answers keep theirs (PUBLIC_PATHS): the
    same words for everyone, cached like static files (tracker/jsi18n.py).
    """

    PUBLIC_PATHS = ("/jsi18n/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if request.path.startswith(self.PUBLIC_PATHS):
            return response
        if request.path.startswith("/api/") or (user is not None and user.is_authenticated):
            response["Cache-Control"] = "no-store"
        return response


class LanguageResetMiddleware:
    """Deactivate the request's language once its answer is made.

    Django activates a language per thread and never puts it back, so without
    this whatever runs next on the thread (a test, a task run in a server
    thread) would go on in the last person's language. It sits outside
    LocaleMiddleware, which still sets Content-Language from the active language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            translation.deactivate()


class UserLanguageMiddleware:
    """Answer a signed-in person in their own language (User.language).

    Runs after LocaleMiddleware (which picked the browser's language) and
    AuthenticationMiddleware (which found the session's user).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            user_language_activate(request, user)
        return self.get_response(request)
