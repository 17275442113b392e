"""The push message encryption (RFC 8291, aes128gcm) against an independent implementation."""

import http_ece
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from reminders.channels import ece
from tests.reminders.push_receiver import BrowserSubscription


def _server_public_key(body: bytes) -> bytes:
    # aes128gcm header: salt (16), record size (4), key id length (1), key id.
    return body[21 : 21 + body[20]]


def test_a_message_decrypts_with_the_browsers_keys_as_http_ece_reads_it():
    browser = BrowserSubscription(path="/push/a")
    text = "Zeit für eine Dehnpause ✓".encode()

    body = ece.encrypt(text, p256dh=browser.p256dh, auth=browser.auth)

    plain = http_ece.decrypt(
        body, private_key=browser.private_key, auth_secret=browser.auth_secret, version="aes128gcm"
    )
    assert plain == text


def test_each_message_has_its_own_server_key_and_salt():
    browser = BrowserSubscription(path="/push/a")

    first = ece.encrypt(b"same", p256dh=browser.p256dh, auth=browser.auth)
    second = ece.encrypt(b"same", p256dh=browser.p256dh, auth=browser.auth)

    assert _server_public_key(first) != _server_public_key(second)
    assert first[:16] != second[:16]


def test_the_longest_message_fits_one_record_and_a_longer_one_is_refused():
    browser = BrowserSubscription(path="/push/a")
    longest = b"x" * ece.MAX_PLAINTEXT

    body = ece.encrypt(longest, p256dh=browser.p256dh, auth=browser.auth)

    assert (
        http_ece.decrypt(
            body,
            private_key=browser.private_key,
            auth_secret=browser.auth_secret,
            version="aes128gcm",
        )
        == longest
    )
    with pytest.raises(ValueError):
        ece.encrypt(longest + b"x", p256dh=browser.p256dh, auth=browser.auth)


@pytest.mark.parametrize(
    ("p256dh", "auth"),
    [("BAAA" + "A" * 83, None), (None, "c2hvcnQ")],
    ids=["not a P-256 point", "auth secret not 16 bytes"],
)
def test_bad_subscription_keys_are_refused(p256dh, auth):
    browser = BrowserSubscription(path="/push/a")

    with pytest.raises(ValueError):
        ece.encrypt(b"hi", p256dh=p256dh or browser.p256dh, auth=auth or browser.auth)


def test_the_rfc_8291_example_is_encrypted_byte_for_byte():
    # RFC 8291 Appendix A: its server key and salt stand in for the random ones.
    server_key = ec.derive_private_key(
        int.from_bytes(ece._unb64url("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"), "big"),
        ec.SECP256R1(),
    )

    body = ece.seal(
        b"When I grow up, I want to be a watermelon",
        receiver_public=ece._unb64url(
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
        ),
        auth_secret=ece._unb64url("BTBZMqHH6r4Tts7J_aSIgg"),
        server_key=server_key,
        salt=ece._unb64url("DGv6ra1nlYgDCS1FRnbzlw"),
    )

    assert body == ece._unb64url(
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocI"
        "nmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWG"
        "NWQexSgSxsj_Qulcy4a-fN"
    )
