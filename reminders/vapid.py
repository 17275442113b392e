"""The server's VAPID key pair, which identifies it to the browsers' push services.

Production passes the private key in VAPID_PRIVATE_KEY (base64url of the raw
32-byte P-256 scalar, or PEM). In development (DEBUG) a key is generated once
into var/ so that `make run` needs no set-up and subscriptions survive restarts.
"""

import base64
from functools import cache

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from py_vapid import Vapid


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@cache
def server_key() -> Vapid:
    """Return the VAPID key, loading (or, in development, creating) it once per process."""
    configured = settings.VAPID_PRIVATE_KEY
    if configured:
        if "BEGIN" in configured:
            return Vapid.from_pem(configured.encode())
        return Vapid.from_raw(configured.encode())
    if not settings.DEBUG:
        raise ImproperlyConfigured("VAPID_PRIVATE_KEY must be set when DJANGO_DEBUG is off")
    key_file = settings.VAR_DIR / "vapid_private_key.pem"
    if not key_file.exists():
        key = Vapid()
        key.generate_keys()
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_bytes(key.private_pem())
        key_file.chmod(0o600)
    return Vapid.from_pem(key_file.read_bytes())


def application_server_key() -> str:
    """Return the public key as browsers want it: base64url of the uncompressed point."""
    point = server_key().public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return _b64url(point)
