"""The push channel's HTTP client: one keep-alive connection, never a POST sent twice."""

import http.client
import socket
import socketserver
import threading
import time

import pytest

from reminders.channels.webpush import PushSession


class _OneRequestPerConnection(socketserver.StreamRequestHandler):
    """Answers one POST with 201 and keep-alive headers, then closes (an idle timeout)."""

    def handle(self):
        length = 0
        while (line := self.rfile.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        self.server.bodies.append(self.rfile.read(length))
        self.wfile.write(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
        self.wfile.flush()
        self.server.connections += 1


def test_a_connection_the_service_closed_while_idle_is_replaced_not_written_to():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _OneRequestPerConnection)
    server.bodies, server.connections = [], 0
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address
    session = PushSession(f"http://{host}:{port}", timeout=5)
    try:
        first = session.post("/push/a", b"one", {"TTL": "60"})
        deadline = time.monotonic() + 5
        while server.connections < 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.1)  # the service's close reaches the client
        second = session.post("/push/a", b"two", {"TTL": "60"})
    finally:
        server.shutdown()
        server.server_close()

    assert (first, second) == ((201, None), (201, None))
    assert server.bodies == [b"one", b"two"]


def test_an_unreachable_service_raises_an_os_error():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    session = PushSession(f"http://127.0.0.1:{port}", timeout=2)

    try:
        session.post("/push/a", b"x", {})
    except OSError:
        pass
    else:
        raise AssertionError("a refused connection must raise")


class _Scripted(socketserver.StreamRequestHandler):
    """Answers each POST on a connection with the next scripted raw response."""

    def handle(self):
        self.server.connections += 1
        while True:
            length = 0
            while (line := self.rfile.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self.rfile.read(length)
            self.wfile.write(self.server.answers.pop(0))
            self.wfile.flush()


def _post_twice(first_answer: bytes):
    """POST twice, the first answered with `first_answer`; return it and the connections made."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Scripted)
    server.daemon_threads = True
    server.answers = [first_answer, b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"]
    server.connections = 0
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address
    session = PushSession(f"http://{host}:{port}", timeout=5)
    try:
        first = session.post("/push/a", b"one", {"TTL": "60"})
        second = session.post("/push/a", b"two", {"TTL": "60"})
    finally:
        server.shutdown()
        server.server_close()
    assert second == (201, None)
    return first, server.connections


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", (201, None)),
        (
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
            (201, None),
        ),
        (b"HTTP/1.1 429 Slow Down\r\nRetry-After: 7\r\nContent-Length: 5\r\n\r\nslow!", (429, "7")),
    ],
    ids=["empty body", "interim answer first", "a body read whole"],
)
def test_an_answer_of_known_length_keeps_the_connection(answer, expected):
    first, connections = _post_twice(answer)

    assert first == expected
    assert connections == 1


@pytest.mark.parametrize(
    "answer",
    [
        b"HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.0 201 Created\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\nextra",
    ],
    ids=["connection close", "HTTP/1.0", "chunked body", "more than announced"],
)
def test_an_answer_that_may_leave_the_connection_out_of_step_gets_a_new_one(answer):
    first, connections = _post_twice(answer)

    assert first == (201, None)
    assert connections == 2


def test_an_answer_that_is_not_http_raises_an_http_exception():
    with pytest.raises(http.client.HTTPException):
        _post_twice(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")


def test_a_path_with_a_line_break_is_never_written():
    session = PushSession("http://127.0.0.1:9", timeout=1)

    with pytest.raises(http.client.InvalidURL):
        session.post("/push/a HTTP/1.1\r\nX: y", b"x", {})
