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

import base64
import json
import os
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "PushReceiver":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

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

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            # Keep-alive, as push services speak it: one connection for many pushes.
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                if len(body) < length:
                    payload, problem = None, "incomplete request: the sender went away"
                else:
                    payload, problem = receiver._check(self.path, headers, body)
                with receiver.lock:
                    script = receiver.scripts.get(self.path, [])
                    status = 400 if problem else (script.pop(0) if script else 201)
                    receiver.received.append(Received(self.path, payload, status, headers, problem))
                if receiver.stall_seconds:
                    # The service has the message but is slow to answer: a
                    # sender killed meanwhile never learns it got through.
                    time.sleep(receiver.stall_seconds)
                try:
                    self.send_response(status)
                    if status == 429:
                        self.send_header("Retry-After", "1")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the sender is gone (killed while waiting)

        return Handler
