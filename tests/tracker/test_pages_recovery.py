"""Account recovery in the pages: verification at sign-up, forgotten password, e-mail change."""

import re

import pytest
from allauth.account import signals
from allauth.account.models import EmailAddress

from tests.conftest import with_verified_email
from tracker import services
from tracker.models import Role, User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "newbie",
    "password": "a-long-Passw0rd-x",
    "role": "patient",
    "timezone": "Europe/Paris",
    "email": "newbie@example.com",
}


def link_in(body: str, path: str) -> str:
    return re.search(rf"http://testserver({re.escape(path)}\S+)", body).group(1)


def test_signing_up_with_an_email_sends_its_link_and_key_and_leaves_it_unverified(
    client, mailoutbox
):
    response = client.post("/signup/", SIGNUP)

    assert response.status_code == 302
    address = EmailAddress.objects.get(user__username="newbie")
    assert (address.email, address.primary, address.verified) == (
        "newbie@example.com",
        True,
        False,
    )
    (message,) = mailoutbox
    assert message.to == ["newbie@example.com"]
    link = link_in(message.body, "/accounts/confirm-email/")
    key = re.search(r"type this key:\s+(\S+)", message.body).group(1)
    assert link == f"/accounts/confirm-email/{key}/"
    page = client.get("/account/")
    assert b"Not confirmed" in page.content
    assert b"Send the link again" in page.content


def test_opening_the_link_and_confirming_verifies_the_address(client, mailoutbox):
    client.post("/signup/", SIGNUP)
    link = link_in(mailoutbox[0].body, "/accounts/confirm-email/")

    shown = client.get(link)
    assert EmailAddress.objects.get(user__username="newbie").verified is False  # a GET alone
    confirmed = client.post(link)

    assert shown.status_code == 200
    assert b"newbie@example.com" in shown.content
    assert confirmed.status_code == 302
    assert confirmed["Location"] == "/account/"
    assert EmailAddress.objects.get(user__username="newbie").verified is True
    page = client.get("/account/")
    assert b'id="email-state">Confirmed' in page.content
    assert b"Send the link again" not in page.content


def test_a_bad_confirmation_link_says_so_and_verifies_nothing(client, mailoutbox):
    client.post("/signup/", SIGNUP)

    response = client.post("/accounts/confirm-email/not-a-key/")

    assert response.status_code == 404
    assert EmailAddress.objects.get(user__username="newbie").verified is False
    shown = client.get("/accounts/confirm-email/not-a-key/")
    assert b"This link does not work" in shown.content


def test_send_the_link_again_emails_a_new_link(client, mailoutbox):
    user = services.account_create(
        username="quiet",
        password="a-long-Passw0rd-x",
        role=Role.PATIENT,
        timezone="UTC",
        email="quiet@example.com",
    )
    client.force_login(user)

    response = client.post(
        "/accounts/email/", {"email": "quiet@example.com", "action_send": ""}, follow=True
    )

    assert response.status_code == 200
    (message,) = mailoutbox
    assert message.to == ["quiet@example.com"]
    assert "/accounts/confirm-email/" in message.body


def test_the_login_page_links_to_forgot_password(client):
    response = client.get("/login/")

    assert b'href="/accounts/password/reset/"' in response.content
    assert b"Forgot your password?" in response.content


def test_forgot_password_answers_alike_for_known_and_unknown_addresses(client, alice, mailoutbox):
    with_verified_email(alice, "alice@example.com")

    known = client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})

    assert (known.status_code, unknown.status_code) == (302, 302)
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/done/"
    assert [m.to for m in mailoutbox] == [["alice@example.com"], ["nobody@example.com"]]
    done = client.get("/accounts/password/reset/done/")
    assert b"If an account has this address" in done.content


def test_a_reset_link_sets_a_new_password_once_and_fires_allauths_signal(client, alice, mailoutbox):
    with_verified_email(alice, "alice@example.com")
    client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    link = link_in(mailoutbox[0].body, "/accounts/password/reset/key/")
    fired = []
    signals.password_reset.connect(receiver := lambda **kw: fired.append(kw["user"].pk))
    try:
        to_form = client.get(link)
        form_url = to_form["Location"]
        saved = client.post(
            form_url, {"password1": "a brand new passphrase", "password2": "a brand new passphrase"}
        )
    finally:
        signals.password_reset.disconnect(receiver)

    assert to_form.status_code == 302
    assert saved.status_code == 302
    assert saved["Location"] == "/accounts/password/reset/key/done/"
    assert fired == [alice.pk]
    alice.refresh_from_db()
    assert alice.check_password("a brand new passphrase")
    again = client.get(link)
    assert again.status_code == 200
    assert b"This link does not work" in again.content


def test_a_weak_password_on_the_reset_page_is_refused_and_changes_nothing(
    client, alice, mailoutbox
):
    with_verified_email(alice, "alice@example.com")
    client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    form_url = client.get(link_in(mailoutbox[0].body, "/accounts/password/reset/key/"))["Location"]

    response = client.post(form_url, {"password1": "password", "password2": "password"})

    assert response.status_code == 200
    assert b"too common" in response.content
    alice.refresh_from_db()
    assert alice.check_password("correct horse battery")


def test_a_reset_on_the_page_unlocks_the_login_page(client, alice, mailoutbox, settings):
    settings.THROTTLE_AUTH_USERNAME = "100/min"
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,3/300s/key"}
    with_verified_email(alice, "alice@example.com")
    for _ in range(3):
        client.post("/login/", {"username": "alice", "password": "wrong"})
    assert client.post("/login/", {"username": "alice", "password": "x"}).status_code == 429
    client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    form_url = client.get(link_in(mailoutbox[0].body, "/accounts/password/reset/key/"))["Location"]
    client.post(
        form_url, {"password1": "a brand new passphrase", "password2": "a brand new passphrase"}
    )

    response = client.post("/login/", {"username": "alice", "password": "a brand new passphrase"})

    assert response.status_code == 302


def test_changing_the_email_on_the_page_waits_for_the_new_address_to_be_confirmed(
    client, alice, mailoutbox
):
    with_verified_email(alice, "alice@example.com")
    client.force_login(alice)

    response = client.post("/accounts/email/", {"email": "new@example.com", "action_add": ""})

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
    page = client.get("/accounts/email/")
    assert b'id="pending-email">new@example.com' in page.content
    (message,) = mailoutbox
    assert message.to == ["new@example.com"]
    client.post(link_in(message.body, "/accounts/confirm-email/"))
    alice.refresh_from_db()
    assert alice.email == "new@example.com"
    assert list(EmailAddress.objects.filter(user=alice).values_list("email", "verified")) == [
        ("new@example.com", True)
    ]


def test_a_bad_new_email_on_the_page_is_refused_and_changes_nothing(client, alice, mailoutbox):
    with_verified_email(alice, "alice@example.com")
    client.force_login(alice)

    response = client.post("/accounts/email/", {"email": "nope", "action_add": ""})

    assert response.status_code == 200
    assert b"email-errors" in response.content
    assert EmailAddress.objects.filter(user=alice).count() == 1
    assert mailoutbox == []
    assert User.objects.get(pk=alice.pk).email == "alice@example.com"
