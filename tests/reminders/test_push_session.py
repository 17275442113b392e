"""The push channel's HTTP client: one keep-alive connection, never a POST sent twice."""

import socket
import socketserver
import threading
import time

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
