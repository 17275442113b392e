"""Slow clients cannot take the site down (tracker/gunicorn_conf.py).

Against the real gunicorn with the production settings: clients that send
their headers and then trickle the body, more of them than there are workers,
while a normal client still gets its answer at once.
"""

import socket
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.live_gunicorn import LiveGunicorn


@pytest.fixture
def server(transactional_db, tmp_path):
    live = LiveGunicorn(tmp_path / "gunicorn.log", WEB_CONCURRENCY="2").start()
    yield live
    live.stop()


def trickle(port: int, stop: threading.Event, opened: threading.Barrier) -> None:
    """Send a request's headers, then one byte of its body every half second."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(
            b"POST /api/v1/auth/token/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
        )
        opened.wait()
        while not stop.wait(0.5):
            try:
                sock.sendall(b" ")
            except OSError:
                return


def timed_get(url: str) -> tuple[int, float]:
    """GET an API page without credentials (401, no password hashing), timed."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"{url}/api/v1/me/", timeout=15) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except TimeoutError:
        status = None
    return status, time.monotonic() - started


def test_a_normal_request_answers_while_slow_clients_trickle_bodies(server):
    for _ in range(4):
        timed_get(server.url)  # both workers warm: imports and URLconf loaded
    slow_clients = 6  # three times the workers
    stop, opened = threading.Event(), threading.Barrier(slow_clients + 1)
    threads = [
        threading.Thread(target=trickle, args=(server.port, stop, opened), daemon=True)
        for _ in range(slow_clients)
    ]
    for thread in threads:
        thread.start()
    try:
        opened.wait(timeout=10)
        time.sleep(1)  # let the workers pick the slow requests up

        answers = [timed_get(server.url) for _ in range(3)]
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=10)

    assert [status for status, _ in answers] == [401, 401, 401]
    assert max(seconds for _, seconds in answers) < 2, answers


def test_a_declared_body_over_the_limit_is_refused_before_it_is_sent(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(
            b"POST /api/v1/auth/token/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 999999999\r\n\r\n{"
        )
        reply = sock.recv(4096)

    assert reply.startswith(b"HTTP/1.1 413")
