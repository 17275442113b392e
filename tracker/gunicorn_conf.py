"""gunicorn's settings, for production and for `make run` alike.

    gunicorn -c tracker/gunicorn_conf.py tracker.asgi:application

Workers are uvicorn's event loops (uvicorn-worker) serving Django over ASGI.
A sync worker reads a request's body on the thread that will run the view, so
a client that sends its headers and then trickles the body holds that worker
for as long as it likes: two such clients took the whole site down. Here the
event loop reads headers and the whole body while holding no thread; Django's
ASGI handler only hands the request to a thread (a view, the ORM) once the body
is in. A slow client costs a coroutine and its buffered bytes, capped by
MAX_REQUEST_BYTES (tracker/asgi.py refuses more).

The environment sets what a deployment varies: HOST, PORT (or GUNICORN_BIND)
and WEB_CONCURRENCY.
"""

import os

from uvicorn_worker import UvicornWorker


def _bind() -> str:
    host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class Worker(UvicornWorker):
    """uvicorn with its h11 parser and no proxy-header rewriting of its own.

    proxy_headers off: uvicorn would otherwise take the client address from
    X-Forwarded-For for any peer on localhost; which hops count is decided in
    one place, tracker/clients.py (TRUSTED_PROXY_COUNT).
    """

    CONFIG_KWARGS = {
        "loop": "asyncio",
        "http": "h11",
        "proxy_headers": False,
        # Headers bigger than this are refused (431), so a header trickle is bounded too.
        "h11_max_incomplete_event_size": 16 * 1024,
    }


bind = [os.environ.get("GUNICORN_BIND", _bind())]
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "tracker.gunicorn_conf.Worker"
# A worker that stops answering its heartbeat this long is restarted.
timeout = 30
graceful_timeout = 20
# An idle kept-alive connection is closed after this many seconds.
keepalive = 5
# No access log of gunicorn's own: tracker.logs logs every request, as JSON with its id.
accesslog = None
# gunicorn 25+ opens a control socket at one path per user ($HOME/.gunicorn):
# a second server on the machine would take it over. Signals manage ours.
control_socket_disable = True
# Under ASGI each request runs its database work on a thread of its own, so a
# connection kept for the next request would be left behind with the thread.
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "0")
