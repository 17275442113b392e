"""The care loop in the reader's language: a therapist works in their own, the patient's
words (notes, messages, names) stay as written, the printed programme is in the
patient's language whoever prints it, the invite email in the invited person's, and
CSV headers stay the same machine names in every language."""

import csv
import io
import zipfile

import pytest
from django.core import mail
from django.utils import timezone

from exercises.models import Exercise
from exercises.services import plan_create
from tests.conftest import client_for, make_user
from tests.tracker.test_care_links import link_between
from tests.tracker.test_programme_pdf import pdf_text
from tracker.care import services
from tracker.care.invites import invite_make
from tracker.models import CareMessage, PainEntry, Role

pytestmark = pytest.mark.django_db

LUNGE = "standing-lunge-tuck"


@pytest.fixture
def german_thera(db):
    return make_user("therapeutin", role=Role.THERAPIST, display_name="Dr. Weber", language="de")


def signed_in(client, user):
    client.force_login(user)
    return client


def say(link, sender, body: str) -> CareMessage:
    return CareMessage.objects.create(link=link, sender=sender, body=body, sent_at=timezone.now())


def test_the_patients_list_is_in_german_for_a_german_therapist(client, german_thera, alice):
    link_between(german_thera, alice)
    PainEntry.objects.create(user=alice, recorded_at=timezone.now(), rating=9)

    html = signed_in(client, german_thera).get("/patients/").content.decode()

    assert '<html lang="de"' in html
    for german in ("Patienten", "Patient/in einladen", "Umsetzung, 7 Tage", "Letzter Schmerz"):
        assert german in html
    # The alert is worded for the therapist too.
    assert "Schmerz mit 9/10 bewertet." in html
    assert "Bestätigen" in html
    for english in ("Invite a patient", "Adherence, 7 days", "Latest pain", "Pain rated 9/10"):
        assert english not in html
    # The patient's name is theirs.
    assert "Alice" in html


def test_the_empty_patients_list_explains_inviting_in_german(client, german_thera):
    html = signed_in(client, german_thera).get("/patients/").content.decode()

    assert "Noch keine Patienten" in html
    assert "No patients yet" not in html


def test_a_patients_page_is_in_german_while_their_words_stay_as_written(
    client, german_thera, alice, library
):
    link = link_between(german_thera, alice)
    say(link, alice, "My hip feels tight after driving.")
    plan_create(
        user=alice,
        name="Hip flexors",
        notes="Every morning, before work.",
        items=[{"exercise": Exercise.objects.get(slug=LUNGE), "hold_seconds": 30}],
        assigned_by=german_thera,
    )

    html = signed_in(client, german_thera).get(f"/patients/{alice.pk}/").content.decode()

    assert '<html lang="de"' in html
    for german in (
        "Sicherheitscheck",
        "Nachrichten",
        "Von dir zugewiesene Pläne",
        "Plan zuweisen",
        "Mit einer Vorlage beginnen",
        "Halten (Sekunden)",
        "Heimprogramm zum Drucken (oder als PDF)",
        "Nachricht an Alice",
    ):
        assert german in html
    for english in ("Safety screen", "Plans you assigned", "Assign a plan", "Hold (seconds)"):
        assert english not in html
    # A person's own words are never translated.
    for own in ("My hip feels tight after driving.", "Hip flexors", "Every morning, before work."):
        assert own in html


def test_the_patient_reads_the_same_thread_in_their_own_language(client, german_thera, alice):
    alice.language = "fr"
    alice.save()
    link = link_between(german_thera, alice)
    say(link, german_thera, "Bitte jeden Morgen dehnen.")

    html = signed_in(client, alice).get(f"/messages/{link.pk}/").content.decode()

    assert '<html lang="fr"' in html
    assert "Messages avec Dr. Weber" in html
    assert "Pas pour les urgences" in html
    # The therapist's message stays in German, as written.
    assert "Bitte jeden Morgen dehnen." in html


def test_the_invite_page_is_in_spanish_for_a_spanish_therapist(client, thera):
    thera.language = "es"
    thera.save()

    html = signed_in(client, thera).get("/patients/invite/").content.decode()

    assert '<html lang="es"' in html
    for spanish in ("Invitar a un paciente", "Nueva invitación", "Crear una invitación"):
        assert spanish in html
    assert "Create an invite" not in html


def test_a_made_invite_shows_its_code_in_spanish(client, thera):
    thera.language = "es"
    thera.save()

    html = signed_in(client, thera).post("/patients/invite/", {"email": ""}).content.decode()

    assert "Código para tu paciente" in html
    assert "Válido una vez, hasta el" in html
    assert "Code for your patient" not in html


def invite_sent_to(rf, therapist, email: str):
    made = invite_make(request=rf.get("/"), therapist=therapist, email=email)
    mail.outbox.clear()  # the Celery task is not run here: the service is called directly
    sent = services.invite_email_send(
        invite_id=made.invite.pk, code=made.code, link=made.link, now=timezone.now()
    )
    assert sent
    (message,) = mail.outbox
    return message, made


def test_the_invite_email_is_in_the_therapists_language_for_a_new_address(rf, thera):
    thera.language = "es"
    thera.save()

    message, made = invite_sent_to(rf, thera, "nuevo@example.org")

    assert message.subject == "Thera Pist te invita a StretchStop"
    assert "Abre este enlace para registrarte" in message.body
    assert "El código funciona una sola vez" in message.body
    assert made.code in message.body and made.link in message.body
    assert "Open this link" not in message.body


def test_the_invite_email_is_in_the_invited_accounts_own_language(rf, german_thera):
    make_user("paciente", role=Role.PATIENT, email="Paciente@Example.org", language="es")

    message, _ = invite_sent_to(rf, german_thera, "paciente@example.org")

    # The German therapist's invite reaches a Spanish reader in Spanish.
    assert message.subject == "Dr. Weber te invita a StretchStop"
    assert "Abre este enlace" in message.body


def test_an_invalid_code_is_refused_in_the_patients_language(alice):
    alice.language = "pl"
    alice.save()

    response = client_for(alice).post(
        "/api/v1/care/accept/", {"code": "NOPE-NOPE-NOPE"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == ["Ten kod jest nieprawidłowy. Poproś terapeutę o nowy."]


def test_the_accept_page_is_in_polish_for_a_polish_patient(client, alice):
    alice.language = "pl"
    alice.save()

    html = signed_in(client, alice).get("/care/accept/").content.decode()

    assert '<html lang="pl"' in html
    assert "Kod od terapeuty" in html
    assert "Code from your therapist" not in html


@pytest.fixture
def polish_patient_plan(library, thera, alice):
    alice.language = "pl"
    alice.save()
    link_between(thera, alice)
    plan_create(
        user=alice,
        name="Biodra",
        notes="Rano, przed pracą.",
        items=[{"exercise": Exercise.objects.get(slug=LUNGE), "hold_seconds": 30, "sets": 2}],
        assigned_by=thera,
    )


def test_a_polish_patients_pdf_is_in_polish_even_for_an_english_therapist(
    thera, alice, polish_patient_plan
):
    assert thera.language == "en"

    response = client_for(thera).get(f"/api/v1/care/patients/{alice.pk}/programme.pdf")

    assert response.status_code == 200
    text = pdf_text(response.content)
    # The library's Polish words, with their ł, ż, ą and ę drawn, not replaced by "?".
    for polish in (
        "Program domowy",
        "Wykrok w staniu z podwinięciem miednicy",
        "Obróć oba biodra tak, żeby były skierowane prosto do przodu.",
        "Środki ostrożności",
        "Rano, przed pracą.",
    ):
        assert polish in text
    assert "Home programme" not in text
    assert "Cautions" not in text


def test_the_print_page_shows_the_programme_in_the_patients_language(
    client, thera, alice, polish_patient_plan
):
    html = signed_in(client, thera).get(f"/patients/{alice.pk}/programme/").content.decode()

    # The page around it is the therapist's (English), the programme the patient's.
    assert '<html lang="en"' in html
    assert '<div class="programme" lang="pl">' in html
    assert "Program domowy" in html
    assert "Wykrok w staniu z podwinięciem miednicy" in html
    assert "Download PDF" in html


def csv_headers(archive_bytes: bytes) -> dict[str, list[str]]:
    archive = zipfile.ZipFile(io.BytesIO(archive_bytes))
    return {
        name: next(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
        for name in archive.namelist()
        if name.endswith(".csv")
    }


def test_csv_headers_are_the_same_machine_names_in_german(thera, alice, library):
    link_between(thera, alice)
    PainEntry.objects.create(user=alice, recorded_at=timezone.now(), rating=3)
    english_own = csv_headers(client_for(alice).get("/api/v1/me/export/csv/").content)
    english_care = csv_headers(
        client_for(thera).get(f"/api/v1/care/patients/{alice.pk}/export/csv/").content
    )
    for person in (alice, thera):
        person.language = "de"
        person.save()

    german_own = csv_headers(client_for(alice).get("/api/v1/me/export/csv/").content)
    german_care = csv_headers(
        client_for(thera).get(f"/api/v1/care/patients/{alice.pk}/export/csv/").content
    )

    assert german_own == english_own
    assert german_care == english_care
    assert "rating" in german_own["pain_entries.csv"]
    assert "rating" in german_care["pain.csv"]


def test_a_spanish_patient_edits_an_assigned_plan_in_spanish(client, thera, alice, library):
    alice.language = "es"
    alice.save()
    link_between(thera, alice)
    plan = plan_create(
        user=alice,
        name="Caderas",
        items=[{"exercise": Exercise.objects.get(slug=LUNGE), "hold_seconds": 30}],
        assigned_by=thera,
    )

    html = signed_in(client, alice).get(f"/plans/{plan.pk}/edit/").content.decode()

    assert '<html lang="es"' in html
    assert "Establecido por Thera Pist" in html
    assert "Pausar el plan" in html
    assert "Pause the plan" not in html


def test_a_therapists_form_errors_name_the_fields_in_german(client, german_thera, alice, library):
    link_between(german_thera, alice)

    response = signed_in(client, german_thera).post(
        f"/patients/{alice.pk}/",
        {"action": "assign-plan", "name": "Plan", "rows": "3"},
    )

    assert response.status_code == 400
    assert "Wähle mindestens eine Übung." in response.content.decode()
