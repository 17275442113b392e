"""Web Push message encryption (RFC 8291 over RFC 8188 aes128gcm), with `cryptography`.

Every call makes a new server key pair and a new salt: RFC 8291 requires a new
ECDH key for each message, so no message can be decrypted with another's key.
A push message is one record (push services take at most 4096 bytes).
"""

import base64
import os
import struct

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

RECORD_SIZE = 4096
# One record holds the plaintext, its padding delimiter and the 16-byte tag.
MAX_PLAINTEXT = RECORD_SIZE - 1 - 16
_UNCOMPRESSED = (serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


def _unb64url(text: str) -> bytes:
    text = text.rstrip("=")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _hkdf(ikm: bytes, *, salt: bytes, info: bytes, length: int) -> bytes:
    return HKDF(hashes.SHA256(), length, salt=salt, info=info).derive(ikm)


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
    receiver_key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), receiver_public)
    server_key = ec.generate_private_key(ec.SECP256R1())
    server_public = server_key.public_key().public_bytes(*_UNCOMPRESSED)
    shared_secret = server_key.exchange(ec.ECDH(), receiver_key)
    key_info = b"WebPush: info\x00" + receiver_public + server_public
    ikm = _hkdf(shared_secret, salt=auth_secret, info=key_info, length=32)
    salt = os.urandom(16)
    content_key = _hkdf(ikm, salt=salt, info=b"Content-Encoding: aes128gcm\x00", length=16)
    nonce = _hkdf(ikm, salt=salt, info=b"Content-Encoding: nonce\x00", length=12)
    # 0x02 ends the last (here the only) record; no further padding.
    ciphertext = AESGCM(content_key).encrypt(nonce, plaintext + b"\x02", None)
    header = salt + struct.pack("!IB", RECORD_SIZE, len(server_public)) + server_public
    return header + ciphertext
