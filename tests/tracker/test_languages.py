"""The person's language: sign-up takes it from the browser, Account (me/) changes it,
and pages and API answers follow it, error messages included."""

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import client_for, make_user, with_verified_email
from tests.tracker.test_care_links import link_between
from tracker.care import messages
from tracker.models import User

SIGN_UP = {
    "username": "kierowca",
    "password": "a long enough passphrase 42",
    "role": "patient",
    "timezone": "Europe/Warsaw",
    "profile": "driver",
}


def test_api_sign_up_takes_the_language_from_accept_language(db, anon_client):
    response = anon_client.post(
        "/api/v1/auth/register/", SIGN_UP, format="json", HTTP_ACCEPT_LANGUAGE="pl-PL,pl;q=0.9"
    )

    assert response.status_code == 201
    assert response.json()["user"]["language"] == "pl"
    assert User.objects.get(username="kierowca").language == "pl"


def test_api_sign_up_prefers_the_language_it_is_given(db, anon_client):
    response = anon_client.post(
        "/api/v1/auth/register/",
        {**SIGN_UP, "language": "fr"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="pl",
    )

    assert response.status_code == 201
    assert User.objects.get(username="kierowca").language == "fr"


def test_api_sign_up_in_a_language_we_do_not_have_gets_english(db, anon_client):
    response = anon_client.post(
        "/api/v1/auth/register/", SIGN_UP, format="json", HTTP_ACCEPT_LANGUAGE="ja, ko;q=0.5"
    )

    assert response.status_code == 201
    assert User.objects.get(username="kierowca").language == "en"


def test_api_sign_up_refuses_an_unknown_language_and_creates_nobody(db, anon_client):
    response = anon_client.post(
        "/api/v1/auth/register/", {**SIGN_UP, "language": "xx"}, format="json"
    )

    assert response.status_code == 400
    assert "language" in response.json()
    assert not User.objects.filter(username="kierowca").exists()


def test_accept_language_de_gets_german_error_messages(db, anon_client):
    response = anon_client.post(
        "/api/v1/auth/register/", {"username": "fahrer"}, format="json", HTTP_ACCEPT_LANGUAGE="de"
    )

    assert response.status_code == 400
    assert response.json()["password"] == ["Dieses Feld ist zwingend erforderlich."]
    assert response["Content-Language"] == "de"
    assert not User.objects.filter(username="fahrer").exists()


def test_the_page_sign_up_takes_the_language_from_accept_language(db):
    response = Client().post("/signup/", SIGN_UP, HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.8")

    assert response.status_code == 302
    assert User.objects.get(username="kierowca").language == "es"


def test_me_carries_the_language_and_account_can_change_it(alice_client, alice):
    assert alice_client.get("/api/v1/me/").json()["language"] == "en"

    response = alice_client.patch("/api/v1/me/", {"language": "de"}, format="json")

    assert response.status_code == 200
    assert response.json()["language"] == "de"
    alice.refresh_from_db()
    assert alice.language == "de"
    assert alice_client.get("/api/v1/me/export/").json()["account"]["language"] == "de"


def test_me_refuses_a_language_we_do_not_have(alice_client, alice):
    response = alice_client.patch("/api/v1/me/", {"language": "klingon"}, format="json")

    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.language == "en"


def test_a_token_users_own_language_wins_over_accept_language(db):
    user = make_user("jan", profile="driver", language="pl")
    client = client_for(user)

    response = client.get("/api/v1/exercises/?kind=yoga", HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 400
    assert response.json()["kind"] == ['"yoga" nie jest poprawnym wyborem.']
    assert response["Content-Language"] == "pl"


def test_a_token_user_in_german_gets_german_errors(db):
    client = client_for(make_user("uwe", profile="driver", language="de"))

    response = client.patch("/api/v1/me/", {"profile": "astronaut"}, format="json")

    assert response.status_code == 400
    assert response.json()["profile"] == ['"astronaut" ist keine gültige Option.']


def test_a_page_is_in_the_signed_in_persons_language_whatever_the_browser_asks(alice):
    alice.language = "fr"
    alice.save(update_fields=["language"])
    browser = Client()
    browser.force_login(alice)

    response = browser.get("/library/", HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in response.content.decode()


@pytest.mark.parametrize("language", ["en", "es", "de", "pl", "fr"])
def test_a_page_for_someone_not_signed_in_follows_the_browser(db, language):
    response = Client().get("/login/", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_a_message_notice_is_in_the_recipients_language(thera, alice, mailoutbox):
    with_verified_email(alice, "alice@example.org")
    alice.language = "fr"
    alice.save(update_fields=["language"])
    link = link_between(thera, alice)
    now = timezone.now()
    message = messages.message_send(
        link=link, sender=thera, body="Hello", now=now, enqueue=lambda message_id: None
    )

    assert messages.message_notify(message_id=message.pk, now=now) == "sent"

    [email] = mailoutbox
    name = thera.display_name or "votre thérapeute"
    assert email.subject == f"Nouveau message de {name}"
    assert email.body.startswith("Ouvrez StretchStop pour le lire.")
