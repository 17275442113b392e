"""The account side in the person's language: sign-up and log-in, Account and its
language picker, devices, the access log, onboarding, reminder settings, allauth's
pages, and allauth's emails in the recipient's language."""

import re
from email.header import decode_header, make_header

import pytest
from django.test import Client

from reminders.models import Schedule, ScheduleKind
from tests.conftest import answered_safety_screen, make_user, with_totp
from tests.email_files import body_of, emails_in
from tracker.models import Profile, Role, SafetyCheck, User

pytestmark = pytest.mark.django_db


def subject_of(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def german(user: User) -> User:
    user.language = "de"
    user.save(update_fields=["language"])
    return user


def page_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def assert_in_language(html: str, language: str, present: list[str], absent: list[str]):
    assert f'<html lang="{language}"' in html
    for text in present:
        assert text in html, text
    for text in absent:
        assert text not in html, text


# --- Each page of the account side, for a German user ------------------------


def test_the_account_page_is_in_german_for_a_german_user(client, alice):
    client.force_login(german(alice))

    html = page_of(client, "/account/")

    assert_in_language(
        html,
        "de",
        ["Konto", "Anzeigename", "Passwort und Geräte", "Mein Konto löschen", "Abmelden"],
        ["Display name", "Password and devices", "Delete my account", "Log out"],
    )


@pytest.mark.parametrize(
    ("url", "present", "absent"),
    [
        (
            "/account/devices/",
            ["Angemeldete Geräte", "Überall abmelden", "Dieses Gerät"],
            ["Signed-in devices", "Sign out everywhere", "This device"],
        ),
        (
            "/account/access/",
            ["Wer meine Daten gesehen hat", "6 Jahre lang", "Noch hat keine Therapeutin"],
            ["Who saw my data", "No therapist has seen your data yet."],
        ),
        (
            "/onboarding/profile/",
            ["Schritt 2 von 3", "Wie sieht dein Tag aus?", "sitze ich am Schreibtisch"],
            ["What is your day like?", "sit at a desk", "Continue"],
        ),
        (
            "/onboarding/reminders/",
            ["Schritt 3 von 3", "Deine ersten Erinnerungen", "An diesen Tagen", "> Mo</label>"],
            ["Your first reminders", "On these days", "Set sitting reminders"],
        ),
        (
            "/settings/reminders/",
            ["Erinnerung hinzufügen", "Sitzpausen hinzufügen", "Ruhezeiten"],
            ["Add a reminder", "Add sitting breaks", "Quiet hours"],
        ),
        (
            "/accounts/email/",
            ["E-Mail-Adresse", "Neue E-Mail-Adresse", "Bestätigungslink senden"],
            ["New email address", "Send a confirmation link"],
        ),
        (
            "/accounts/password/change/",
            ["Passwort ändern", "Alle anderen Geräte und Apps"],
            ["Every other device and app"],
        ),
        (
            "/accounts/2fa/",
            ["Anmeldung in zwei Schritten", "Authenticator-App einrichten"],
            ["Two-step sign-in", "Set up an authenticator app"],
        ),
    ],
)
def test_the_account_side_pages_are_in_german_for_a_german_user(
    client, alice, url, present, absent
):
    client.force_login(german(alice))

    assert_in_language(page_of(client, url), "de", present, absent)


def test_a_saved_reminder_is_described_in_german(client, alice):
    Schedule.objects.create(
        user=alice,
        kind=ScheduleKind.SITTING,
        interval_minutes=45,
        window_start="09:00",
        window_end="17:30",
        weekdays=[1, 2, 3, 4, 5],
        channels=["push"],
    )
    client.force_login(german(alice))

    html = page_of(client, "/settings/reminders/")

    assert "Alle 45 Min., 09:00 bis 17:30, Montag bis Freitag" in html
    assert "Every 45 min" not in html


def test_the_safety_screen_and_its_advice_are_in_german(client, newcomer):
    client.force_login(german(newcomer))

    html = page_of(client, "/onboarding/")

    assert_in_language(
        html,
        "de",
        [
            "Bevor du beginnst",
            "Ist dein Immunsystem geschwächt",
            "Eine Infektion oder Myositis im Psoas",
            "StretchStop dient nur der Information.",
        ],
        ["Before you start", "Is your immune system weakened", "for education only"],
    )
    SafetyCheck.objects.create(
        user=newcomer,
        answered_at=newcomer.date_joined,
        warning_signs=["not-improving"],
        new_warning_signs=["not-improving"],
    )
    advice = page_of(client, "/onboarding/advice/")
    assert_in_language(
        advice,
        "de",
        ["Geh zuerst zu einer medizinischen Fachperson", "Wenn du eine dieser Fragen mit Ja"],
        ["See a health professional first", "If you answered yes"],
    )


def test_an_unanswered_safety_screen_is_refused_in_german(client, newcomer):
    client.force_login(german(newcomer))

    response = client.post("/onboarding/", {})

    assert response.status_code == 400
    assert "Antworte mit Ja oder Nein." in response.content.decode()


def test_a_german_therapist_is_told_why_a_second_factor_is_needed_in_german(client):
    therapist = german(make_user("thea", role=Role.THERAPIST, second_factor=False))
    client.force_login(therapist)

    html = page_of(client, "/accounts/2fa/")

    assert_in_language(
        html,
        "de",
        ["Therapeutinnen und Therapeuten brauchen es", "Authenticator-App einrichten"],
        ["Therapists need it", "Set up an authenticator app"],
    )


def test_recovery_codes_are_explained_in_german(client, alice):
    with_totp(alice)
    client.force_login(german(alice))

    html = page_of(client, "/accounts/2fa/")

    assert "Wiederherstellungscodes" in html and "Recovery codes" not in html


# --- Signed out: the browser's language --------------------------------------


@pytest.mark.parametrize(
    ("url", "present", "absent"),
    [
        ("/login/", ["Zaloguj się", "Nazwa użytkownika", "Nie pamiętasz hasła?"], ["Log in"]),
        (
            "/signup/",
            ["Załóż konto", "Osobą z bólem pleców", "Strefa czasowa"],
            ["Create your account", "Someone with back pain", "Time zone"],
        ),
        ("/accounts/password/reset/", ["Wyślij mi link"], ["Send me a link"]),
    ],
)
def test_signed_out_pages_follow_accept_language(url, present, absent):
    html = page_of(Client(HTTP_ACCEPT_LANGUAGE="pl-PL,pl;q=0.9,en;q=0.5"), url)

    assert_in_language(html, "pl", present, absent)


def test_a_refused_log_in_is_told_in_polish():
    response = Client(HTTP_ACCEPT_LANGUAGE="pl").post(
        "/login/", {"username": "nobody", "password": "wrong password"}
    )

    assert response.status_code == 400
    assert "Nazwa użytkownika i hasło nie pasują do siebie." in response.content.decode()


def test_the_goodbye_page_follows_accept_language():
    html = page_of(Client(HTTP_ACCEPT_LANGUAGE="fr"), "/account/deleted/")

    assert_in_language(html, "fr", ["Au revoir", "Créer un nouveau compte"], ["Goodbye"])


# --- The language picker on Account -------------------------------------------


def test_account_offers_each_language_named_in_itself(client, alice):
    client.force_login(alice)

    html = page_of(client, "/account/")

    for code, name in [("en", "English"), ("es", "Español"), ("de", "Deutsch"), ("pl", "Polski")]:
        assert f'<option value="{code}" lang="{code}"' in html
        assert f">{name}</option>" in html
    assert '<option value="en" lang="en" selected>' in html


def test_choosing_a_language_on_account_saves_it_and_the_page_reloads_in_it(client, alice):
    client.force_login(alice)

    response = client.post(
        "/account/", {"display_name": "Alice", "timezone": "Europe/Berlin", "language": "pl"}
    )

    assert response.status_code == 302 and response["Location"] == "/account/?saved=1"
    alice.refresh_from_db()
    assert alice.language == "pl"
    html = page_of(client, response["Location"])
    assert_in_language(
        html, "pl", ["Zapisano.", "Usuń moje konto"], ["Saved.", "Delete my account"]
    )
    assert '<option value="pl" lang="pl" selected>' in html
    # The same setting the API reads and writes (PATCH /api/v1/me/ `language`).
    assert client.get("/api/v1/me/").json()["language"] == "pl"


def test_an_unknown_language_on_account_is_a_400_and_changes_nothing(client, alice):
    client.force_login(alice)

    response = client.post(
        "/account/", {"display_name": "Alice", "timezone": "Europe/Berlin", "language": "xx"}
    )

    assert response.status_code == 400
    assert 'id="language-errors"' in response.content.decode()
    alice.refresh_from_db()
    assert alice.language == "en"


# --- allauth's emails, in the recipient's language ----------------------------


@pytest.fixture
def email_files(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    return tmp_path


def test_a_password_reset_email_is_in_the_account_holders_spanish(alice, email_files):
    alice.email = "alice@example.org"
    alice.language = "es"
    alice.save()

    # Asked for from an English browser: the email still goes out in Spanish.
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        "/accounts/password/reset/", {"email": "alice@example.org"}
    )

    assert response.status_code == 302
    [message] = emails_in(email_files)
    body = body_of(message)
    assert subject_of(message).endswith("Elige una contraseña nueva")
    assert "Hola de parte de StretchStop." in body
    assert "abre este enlace antes de una hora" in body
    assert re.search(r"/accounts/password/reset/key/\S+/", body)
    assert "Hello from StretchStop" not in body and "open this link" not in body


def test_a_reset_for_an_unknown_address_is_in_the_requests_language(db, email_files):
    response = Client(HTTP_ACCEPT_LANGUAGE="fr").post(
        "/accounts/password/reset/", {"email": "nobody@example.org"}
    )

    assert response.status_code == 302
    [message] = emails_in(email_files)
    body = body_of(message)
    assert subject_of(message).endswith("À propos de votre demande à StretchStop")
    assert "Aucun compte StretchStop n'a cette adresse" in body
    assert "No StretchStop account has this address" not in body


def test_a_verification_email_is_in_german_for_a_german_sign_up(email_files):
    response = Client(HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").post(
        "/signup/",
        {
            "username": "fahrer",
            "password": "a long enough passphrase",
            "role": "patient",
            "timezone": "Europe/Berlin",
            "email": "fahrer@example.de",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(username="fahrer").language == "de"
    [message] = emails_in(email_files)
    body = body_of(message)
    assert subject_of(message).endswith("Bitte bestätige deine E-Mail-Adresse")
    assert 'Jemand, hoffentlich du, hat diese Adresse beim StretchStop-Konto "fahrer"' in body
    assert "In der App kannst du auch diesen Schlüssel eingeben:" in body
    assert "Please confirm" not in subject_of(message) and "Someone, we hope you" not in body


def test_a_german_users_new_address_is_confirmed_in_german_from_an_english_request(
    alice, email_files
):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(german(alice))

    client.post("/accounts/email/", {"email": "neu@example.de", "action_add": ""})

    [message] = emails_in(email_files)
    assert subject_of(message).endswith("Bitte bestätige deine E-Mail-Adresse")
    assert "Bestätigen" in body_of(message)


# --- Our API messages ---------------------------------------------------------


def test_api_errors_of_the_account_side_are_in_german(newcomer):
    from tests.conftest import client_for

    api = client_for(german(newcomer))

    response = api.get("/api/v1/me/safety/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Du hast den Sicherheitscheck noch nicht beantwortet."

    response = api.delete("/api/v1/me/sessions/token-999999/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Du hast keine solche Sitzung und kein solches Token."


def test_a_new_desk_workers_sitting_breaks_are_named_in_their_language(client):
    worker = make_user("biuro", role=Role.PATIENT, profile=Profile.DESK, language="pl")
    client.force_login(answered_safety_screen(worker))

    response = client.post(
        "/onboarding/reminders/",
        {
            "interval_minutes": "45",
            "window_start": "09:00",
            "window_end": "17:00",
            "weekdays": ["1", "2", "3", "4", "5"],
        },
    )

    assert response.status_code == 302
    assert Schedule.objects.get(user=worker).name == "Przerwy w siedzeniu"


def test_the_reminder_page_a_notification_opens_is_in_the_recipients_language(alice, library):
    from reminders.models import Delivery, DeliveryKind
    from reminders.services import action_token

    alice.language = "es"
    alice.save(update_fields=["language"])
    schedule = Schedule.objects.create(
        user=alice,
        kind=ScheduleKind.SITTING,
        weekdays=[1, 2, 3, 4, 5, 6, 7],
        window_start="00:00",
        window_end="00:00",
    )
    delivery = Delivery.objects.create(
        user=alice, schedule=schedule, kind=DeliveryKind.SITTING, due_at=alice.date_joined
    )

    # Opened signed out, from a browser that asks for German: the token's owner reads Spanish.
    html = page_of(
        Client(HTTP_ACCEPT_LANGUAGE="de"),
        f"/reminders/{delivery.pk}/?token={action_token(delivery.pk)}",
    )

    assert_in_language(
        html,
        "es",
        [
            "Hora de una pausa para estirar",
            ">Hecho</button>",
            "Posponer 10 min",
            ">Omitir</button>",
        ],
        [">Done</button>", ">Erledigt</button>", "Snooze 10 min", ">Skip</button>"],
    )
