"""Web Push message encryption (RFC 8291 over RFC 8188 aes128gcm).

RFC 8291's steps written out over `cryptography`'s primitives (ECDH, AES-GCM)
and the standard library's HMAC: for a one-record message, each HKDF is two
HMACs. This was Mozilla's http_ece (what pywebpush uses) until a burst showed
a fifth of its CPU time in the library's generic parts (key objects, a cipher
object per record, the older draft versions); the tests check the RFC's own
example (Appendix A) byte for byte, and the test push service decrypts every
message with http_ece. Every call makes a new server key pair and salt: RFC
8291 requires a new ECDH key for each message, so no message can be decrypted
with another's key. A push message is one record (push services take at most
4096 bytes), so a longer text is refused here rather than split into records
a push service would drop.
"""

import base64
import hmac
import os

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

RECORD_SIZE = 4096
# One record holds the plaintext, its padding delimiter and the 16-byte tag.
MAX_PLAINTEXT = RECORD_SIZE - 1 - 16


def _unb64url(text: str) -> bytes:
    text = text.rstrip("=")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encrypt(plaintext: bytes, *, p256dh: str, auth: str) -> bytes:
    """Return the aes128gcm body that only the subscription's browser can decrypt.

    `p256dh` and `auth` are the subscription's keys as the browser gave them
    (base64url). Raises ValueError for a key that is not a P-256 point, an auth
    secret that is not 16 bytes, or a plaintext too long for one record.
    """
    if len(plaintext) > MAX_PLAINTEXT:
        raise ValueError(f"push payload of {len(plaintext)} bytes is over {MAX_PLAINTEXT}")
    receiver_public = _unb64url(p256dh)
    auth_secret = _unb64url(auth)
    if len(auth_secret) != 16:
        raise ValueError("the auth secret must be 16 bytes")
    return seal(
        plaintext,
        receiver_public=receiver_public,
        auth_secret=auth_secret,
        server_key=ec.generate_private_key(ec.SECP256R1()),
        salt=os.urandom(16),
    )


def seal(
    plaintext: bytes,
    *,
    receiver_public: bytes,
    auth_secret: bytes,
    server_key: ec.EllipticCurvePrivateKey,
    salt: bytes,
) -> bytes:
    """Return the aes128gcm body for these keys and salt (RFC 8291 section 3.4).

    Only `encrypt` and the tests (which replay the RFC's example) call it:
    `server_key` and `salt` must be new for every message.
    """
    receiver = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), receiver_public)
    server_public = server_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    shared = server_key.exchange(ec.ECDH(), receiver)
    key_info = b"WebPush: info\x00" + receiver_public + server_public
    ikm = _hkdf(salt=auth_secret, ikm=shared, info=key_info, length=32)
    content_key = _hkdf(salt=salt, ikm=ikm, info=b"Content-Encoding: aes128gcm\x00", length=16)
    nonce = _hkdf(salt=salt, ikm=ikm, info=b"Content-Encoding: nonce\x00", length=12)
    # The last (and only) record ends with the delimiter 0x02 and no padding.
    record = AESGCM(content_key).encrypt(nonce, plaintext + b"\x02", None)
    header = salt + RECORD_SIZE.to_bytes(4, "big") + bytes([len(server_public)]) + server_public
    return header + record


def _hkdf(*, salt: bytes, ikm: bytes, info: bytes, length: int) -> bytes:
    # HKDF-SHA256 (RFC 5869) for at most 32 bytes: the expansion is one block.
    prk = hmac.digest(salt, ikm, "sha256")
    return hmac.digest(prk, info + b"\x01", "sha256")[:length]
