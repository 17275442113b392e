"""A local stand-in for a browser push service, checking what a real one checks.

For each POST it:
1. verifies the VAPID header (RFC 8292): `vapid t=<JWT>, k=<public key>`, an
   ES256 JWT signed by the key the server publishes, with `aud` equal to this
   service's origin, `exp` in the future and at most 24 hours ahead, and a `sub`;
   as real push services do, a token whose signature and audience checked out
   is not verified again, but its expiry is checked on every request;
2. checks `TTL` is present and `Content-Encoding: aes128gcm`;
3. decrypts the body (RFC 8291) with the private key and auth secret of the
   subscription it was sent to, as the browser would, and keeps the JSON;
4. answers with the next scripted status for that subscription (default 201).

It also plays the service's Topic rule: a message with the same Topic as one not
yet shown replaces it, so `shown()` lists what a person would see.
"""

import asyncio
import base64
import json
import os
import socket
import threading
import time
from dataclasses import dataclass, field

import http_ece
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class BrowserSubscription:
    """A subscription made the way a browser makes one: a P-256 key pair and 16 random bytes."""

    path: str
    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth_secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        return b64url(
            self.private_key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)


@dataclass
class Received:
    """One POST as the service saw it; header names are lower-case."""

    path: str
    payload: dict | None
    status: int
    headers: dict
    problem: str = ""
    at: float = field(default_factory=time.monotonic)
    wall_at: float = field(default_factory=time.time)


class PushReceiver:
    def __init__(self, server_public_key: str):
        self.server_public_key = server_public_key
        self.subscriptions: dict[str, BrowserSubscription] = {}
        self.scripts: dict[str, list[int]] = {}
        self.received: list[Received] = []
        self.stall_seconds = 0.0
        self.lock = threading.Lock()
        # JWTs whose signature and audience were verified: {token: claims}.
        self.verified_tokens: dict[str, dict] = {}
        # One thread with an asyncio loop serves every connection (keep-alive). The
        # socket is bound here and the loop only runs in that thread: the caller's
        # thread may already run a loop of its own (Playwright's sync API does).
        self.socket = socket.create_server(("127.0.0.1", 0), family=socket.AF_INET, backlog=1024)
        self.loop = asyncio.new_event_loop()
        self.connections: set[asyncio.Transport] = set()
        self.thread = threading.Thread(target=self._serve_forever, daemon=True)
        self.serving = threading.Event()

    @property
    def origin(self) -> str:
        host, port = self.socket.getsockname()[:2]
        return f"http://{host}:{port}"

    def start(self) -> "PushReceiver":
        self.thread.start()
        # A stop() before the loop runs would end it while it sets up the server.
        if not self.serving.wait(timeout=10):
            raise RuntimeError("the push receiver did not start")
        return self

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)

    def _serve_forever(self) -> None:
        loop = self.loop
        asyncio.set_event_loop(loop)
        server = loop.run_until_complete(
            loop.create_server(lambda: _PushConnection(self), sock=self.socket)
        )
        loop.call_soon(self.serving.set)
        loop.run_forever()
        server.close()
        for transport in list(self.connections):
            transport.abort()
        loop.run_until_complete(asyncio.sleep(0))
        loop.close()

    def subscribe(self, name: str) -> BrowserSubscription:
        subscription = BrowserSubscription(path=f"/push/{name}")
        self.subscriptions[subscription.path] = subscription
        return subscription

    def endpoint(self, subscription: BrowserSubscription) -> str:
        return f"{self.origin}{subscription.path}"

    def script(self, subscription: BrowserSubscription, *statuses: int) -> None:
        """Answer the next POSTs to this subscription with these statuses, then 201."""
        self.scripts[subscription.path] = list(statuses)

    def accepted(self) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.status == 201 and not r.problem]

    def problems(self) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.problem]

    def shown(self) -> list[dict]:
        """Return the notifications a person would see: one per Topic (tag)."""
        by_topic = {}
        for received in self.accepted():
            by_topic[received.headers.get("topic") or id(received)] = received.payload
        return list(by_topic.values())

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.accepted()) >= count:
                return self.accepted()
            time.sleep(0.05)
        return self.accepted()

    # -- checks ---------------------------------------------------------------

    def _check(self, path: str, headers: dict, body: bytes) -> tuple[dict | None, str]:
        subscription = self.subscriptions.get(path)
        if subscription is None:
            return None, "unknown subscription"
        authorization = headers.get("authorization", "")
        if not authorization.startswith("vapid "):
            return None, "no VAPID authorization"
        parts = dict(
            part.strip().split("=", 1) for part in authorization[len("vapid ") :].split(",")
        )
        if parts.get("k") != self.server_public_key:
            return None, "VAPID key is not the server's published key"
        token = parts.get("t", "")
        claims = self.verified_tokens.get(token)
        if claims is None:
            point = unb64url(parts["k"])
            public_key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
            try:
                claims = jwt.decode(token, public_key, algorithms=["ES256"], audience=self.origin)
            except jwt.PyJWTError as error:
                return None, f"VAPID JWT rejected: {error}"
            if len(self.verified_tokens) >= 1000:
                self.verified_tokens.clear()
            self.verified_tokens[token] = claims
        now = time.time()
        if not claims.get("sub") or not now < claims["exp"] <= now + 24 * 3600:
            return None, "VAPID claims invalid"
        if "ttl" not in headers:
            return None, "no TTL header"
        if headers.get("content-encoding") != "aes128gcm":
            return None, "not aes128gcm"
        try:
            plain = http_ece.decrypt(
                body,
                private_key=subscription.private_key,
                auth_secret=subscription.auth_secret,
                version="aes128gcm",
            )
        except Exception as error:  # any decryption failure is the sender's fault
            return None, f"cannot decrypt: {error!r}"
        return json.loads(plain), ""

    def _answer(self, path: str, headers: dict, body: bytes | None) -> int:
        """Check one POST (body None: the sender left mid-body), record it, return its status."""
        if body is None:
            payload, problem = None, "incomplete request: the sender went away"
        else:
            payload, problem = self._check(path, headers, body)
        with self.lock:
            script = self.scripts.get(path, [])
            status = 400 if problem else (script.pop(0) if script else 201)
            self.received.append(Received(path, payload, status, headers, problem))
        return status


_REASONS = {201: b"Created", 400: b"Bad Request", 404: b"Not Found", 410: b"Gone"}
_MAX_HEAD = 64 * 1024


class _PushConnection(asyncio.Protocol):
    """One HTTP/1.1 keep-alive connection: a request is read whole, checked, answered.

    A lean parser rather than http.server: the receiver stands in for a push
    service on another machine, so its own CPU should weigh little in the
    bench. It reads what a sender writes (a request line, headers, a body of
    Content-Length bytes) and answers 400 to anything it cannot read.
    """

    def __init__(self, receiver: PushReceiver):
        self.receiver = receiver
        self.buffer = bytearray()
        self.request: tuple[str, dict, int] | None = None  # path, headers, body length
        self.waiting = False  # an answer is held back (stall_seconds)
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport
        self.receiver.connections.add(transport)

    def connection_lost(self, exc) -> None:
        self.receiver.connections.discard(self.transport)
        if self.request is not None and not self.waiting:
            path, headers, _ = self.request
            self.request = None
            self.receiver._answer(path, headers, None)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        self._serve()

    def _serve(self) -> None:
        while not self.waiting and not self.transport.is_closing():
            if self.request is None:
                end = self.buffer.find(b"\r\n\r\n")
                if end < 0:
                    if len(self.buffer) > _MAX_HEAD:
                        self._refuse(b"431 Request Header Fields Too Large")
                    return
                head = bytes(self.buffer[:end]).decode("iso-8859-1")
                del self.buffer[: end + 4]
                lines = head.split("\r\n")
                request_line = lines[0].split(" ")
                if len(request_line) != 3 or not request_line[2].startswith("HTTP/1."):
                    return self._refuse(b"400 Bad Request")
                headers = {}
                for line in lines[1:]:
                    name, colon, value = line.partition(":")
                    if not colon:
                        return self._refuse(b"400 Bad Request")
                    headers[name.strip().lower()] = value.strip()
                if request_line[0] != "POST":
                    return self._refuse(b"405 Method Not Allowed")
                length = headers.get("content-length", "0")
                if not length.isdigit() or "transfer-encoding" in headers:
                    return self._refuse(b"400 Bad Request")
                self.request = (request_line[1], headers, int(length))
            path, headers, length = self.request
            if len(self.buffer) < length:
                return
            body = bytes(self.buffer[:length])
            del self.buffer[:length]
            status = self.receiver._answer(path, headers, body)
            self.request = None
            close = headers.get("connection", "").lower() == "close"
            stall = self.receiver.stall_seconds
            if stall:
                # The service has the message but is slow to answer: a sender
                # killed meanwhile never learns it got through.
                self.waiting = True
                self.transport.pause_reading()
                asyncio.get_running_loop().call_later(stall, self._respond, status, close)
                return
            self._respond(status, close)

    def _respond(self, status: int, close: bool) -> None:
        transport = self.transport
        if transport is None or transport.is_closing():
            return  # the sender is gone (killed while waiting)
        extra = b"Retry-After: 1\r\n" if status == 429 else b""
        reason = _REASONS.get(status, b"Status")
        transport.write(b"HTTP/1.1 %d %s\r\n%sContent-Length: 0\r\n\r\n" % (status, reason, extra))
        if close:
            transport.close()
            return
        if self.waiting:
            self.waiting = False
            transport.resume_reading()
            self._serve()

    def _refuse(self, status_line: bytes) -> None:
        self.transport.write(
            b"HTTP/1.1 " + status_line + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        self.transport.close()
