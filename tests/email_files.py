"""Emails as Django's file backend writes them (one file per connection, each
message followed by a line of 79 dashes), read back for the tests that send them
through a real Celery worker."""

import email
import time
from email.message import Message
from pathlib import Path

SEPARATOR = "-" * 79


def emails_in(directory: Path) -> list[Message]:
    messages = []
    for path in sorted(directory.glob("*.log")):
        # As bytes: a body in 8bit UTF-8 (any accented letter) decodes only from bytes.
        for chunk in path.read_bytes().split(SEPARATOR.encode()):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.strip() + b"\n"))
    return messages


def wait_for_emails(directory: Path, count: int, timeout: float = 30) -> list[Message]:
    """Return the emails in `directory` once there are `count` of them, or fail."""
    deadline = time.monotonic() + timeout
    while True:
        found = emails_in(directory) if directory.exists() else []
        if len(found) >= count:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{len(found)} emails in {directory} after {timeout} s")
        time.sleep(0.1)


def body_of(message: Message) -> str:
    return message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
