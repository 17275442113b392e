"""Sentry gets where the code failed, never a pain note or a credential.

The events go over real HTTP to a local stand-in for Sentry's ingest (the
process edge), as the SDK sends them; the test reads what arrived, whole.
"""

import gzip
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sentry_sdk
from django.test import Client
from knox.models import AuthToken

from tracker import services
from tracker.sentry import sentry_init

NOTE = "Sharp pain in my left groin since the fall on the stairs"


class SentryReceiver:
    """Accept envelopes at /api/<project>/envelope/ and keep their raw text."""

    def __init__(self):
        self.bodies: list[str] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                receiver.bodies.append(body.decode("utf-8", "replace"))
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def dsn(self) -> str:
        return f"http://publickey@127.0.0.1:{self.httpd.server_address[1]}/1"

    def events(self) -> list[dict]:
        items = []
        for body in self.bodies:
            for line in body.splitlines():
                try:
                    item = json.loads(line)
                except ValueError:
                    continue
                if isinstance(item, dict) and "exception" in item:
                    items.append(item)
        return items


@pytest.fixture
def sentry():
    receiver = SentryReceiver()
    sentry_init(dsn=receiver.dsn, environment="test")
    yield receiver
    sentry_sdk.init()  # no DSN: reporting off again
    receiver.httpd.shutdown()


def test_a_crash_while_saving_a_pain_note_reaches_sentry_without_the_note_or_the_token(
    sentry, alice, monkeypatch
):
    def crash(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "pain_entry_save", crash)
    _, token = AuthToken.objects.create(alice)
    client = Client(raise_request_exception=False)

    response = client.post(
        "/api/v1/pain/?token=" + token,
        {"id": str(uuid.uuid4()), "recorded_at": "2025-03-01T08:00:00Z", "rating": 7, "note": NOTE},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
        HTTP_X_REQUEST_ID="crash-report-1",
    )
    sentry_sdk.flush(timeout=10)

    assert response.status_code == 500
    events = sentry.events()
    assert len(events) == 1
    event = events[0]
    # Where it failed is there...
    assert event["exception"]["values"][-1]["value"] == "the database went away"
    assert event["tags"]["request_id"] == "crash-report-1"
    # ...and nothing a patient wrote, nor any credential, anywhere in what was sent.
    raw = "".join(sentry.bodies)
    assert NOTE not in raw
    assert "groin" not in raw
    assert token not in raw
    assert token[:8] not in raw
    assert "Authorization" not in raw
    frames = event["exception"]["values"][-1]["stacktrace"]["frames"]
    assert all("vars" not in frame for frame in frames)


def test_an_error_message_that_quotes_a_token_is_redacted(sentry):
    token = "a" * 8 + "0123456789abcdef" * 3

    try:
        raise ValueError(f"bad header: Token {token}; retry with token={token}")
    except ValueError:
        sentry_sdk.capture_exception()
    sentry_sdk.flush(timeout=10)

    raw = "".join(sentry.bodies)
    assert sentry.events()
    assert token not in raw
    assert "[redacted]" in raw
