import gc
import os
import warnings

from django.core.asgi import get_asgi_application

# WhiteNoise serves static files with a file iterator, which Django's ASGI
# handler reads whole on a thread and warns about on every file. Our files are
# small (the pages' 150 KB JavaScript budget), so that is fine and the warning
# is only noise in the log.
warnings.filterwarnings(
    "ignore", message="StreamingHttpResponse must consume synchronous iterators"
)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

django_application = get_asgi_application()

from django.conf import settings  # noqa: E402  (after Django is set up)
from django.urls import get_resolver  # noqa: E402

# Every object made so far (modules, settings, and the URL patterns with every
# view they import: about 170,000) lives as long as the worker. Left to the
# collector, each of its full passes walks them all again (about 100 ms
# measured on this project's 2-core machine), and the therapist's dashboard,
# with hundreds of rows in hand, sets one off every few requests: the slowest
# requests were those. Loaded now, then frozen, they stay out of every pass.
get_resolver().url_patterns  # noqa: B018 - imports the URLconf
gc.freeze()


async def _send_413(send, limit: int) -> None:
    body = f'{{"detail": "Request body too large: the limit is {limit} bytes."}}'.encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def application(scope, receive, send):
    """Django over ASGI, refusing bodies over MAX_REQUEST_BYTES before reading them.

    Django's ASGI handler reads the whole body (to a temporary file past 2.5 MB)
    before any middleware runs, so RequestSizeLimitMiddleware alone would still
    let a client fill the disk: a declared Content-Length over the limit is
    refused at once, and a chunked body is cut off where it passes it.
    """
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if scope["type"] != "http" or limit is None:
        return await django_application(scope, receive, send)
    for name, value in scope["headers"]:
        if name == b"content-length" and value.isdigit() and int(value) > limit:
            return await _send_413(send, limit)
    received = 0

    async def limited_receive():
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                # Django stops reading and answers nothing; the client is cut off.
                return {"type": "http.disconnect"}
        return message

    return await django_application(scope, limited_receive, send)
