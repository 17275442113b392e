"""The daily pages (Today, Library, an exercise, the player, History, Drive,
Progress, Goals) and our own API messages in the reader's language: the
account's setting when signed in, else the browser's Accept-Language."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from exercises.models import Exercise, ExerciseLog, Plan, PlanItem, Side
from tracker.models import PainEntry

SHY = "\u00ad"  # the soft hyphen long tab labels carry


@pytest.fixture
def browser_for():
    def make(user, language: str) -> Client:
        user.language = language
        user.save(update_fields=["language"])
        client = Client()
        client.force_login(user)
        return client

    return make


def _page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def _plan_with_a_dose(user) -> Plan:
    plan = Plan.objects.create(user=user, name="Mein Plan")
    exercise = Exercise.objects.filter(audience="self_care").order_by("slug").first()
    PlanItem.objects.create(
        plan=plan,
        exercise=exercise,
        sets=3,
        reps=10,
        hold_seconds=30,
        side=Side.EACH,
        times_per_day=2,
    )
    return plan


def test_today_page_is_in_german_for_a_german_user(browser_for, alice, library):
    _plan_with_a_dose(alice)
    PainEntry.objects.create(
        user=alice, recorded_at=timezone.now(), rating=3, locations=["lower_back"]
    )

    body = _page(browser_for(alice, "de"), "/today/")

    assert '<html lang="de">' in body
    for german in (
        "Wie stark sind deine Schmerzen gerade?",
        "Heute eingetragen",
        "Schmerz 3/10",
        "Unterer Rücken",
        "3 x 10 Wiederholungen, 30 s halten, jede Seite, 2-mal am Tag",
        f"Fort{SHY}schritt",
        "Schmerzbewertung speichern",
    ):
        assert german in body, german
    for english in ("How is your pain right now?", "Logged today", "Save pain rating", "reps"):
        assert english not in body, english


def test_today_page_is_in_polish_with_polish_plurals(browser_for, alice, library):
    _plan_with_a_dose(alice)

    body = _page(browser_for(alice, "pl"), "/today/")

    assert '<html lang="pl">' in body
    # 10 takes the "many" form (powtórzeń), 3 the "few" one elsewhere.
    assert "3 x 10 powtórzeń, utrzymaj 30 s, każda strona, 2 razy dziennie" in body
    assert "Jak silny jest teraz twój ból?" in body
    assert "Dolna część pleców" in body  # a pain location chip
    assert "How is your pain right now?" not in body


def test_the_tab_bar_and_the_library_are_in_the_users_language(browser_for, alice, library):
    body = _page(browser_for(alice, "pl"), "/library/")

    assert '<html lang="pl">' in body
    assert f"Biblio{SHY}teka" in body  # the tab
    assert "Ćwiczenia i nawyki" in body
    assert "Rozciąganie" in body  # a kind, from the model's choices
    assert "Exercises and habits" not in body
    assert ">Library<" not in body


def test_an_exercise_page_is_in_spanish_and_french(browser_for, alice, library):
    slug = Exercise.objects.filter(audience="self_care").order_by("slug").first().slug

    spanish = _page(browser_for(alice, "es"), f"/library/{slug}/")
    french = _page(browser_for(alice, "fr"), f"/library/{slug}/")

    assert '<html lang="es">' in spanish and "Volver a la biblioteca" in spanish
    assert "Cómo se hace" in spanish and "How to do it" not in spanish
    assert '<html lang="fr">' in french and "Retour à la bibliothèque" in french
    assert "Back to the library" not in french


def test_the_player_is_in_german_with_its_side_labels(browser_for, alice, library):
    body = _page(browser_for(alice, "de"), "/routines/desk-break/play/")

    assert '<html lang="de">' in body
    assert "Halten starten" in body
    assert "Routine erledigt" in body
    assert "Start hold" not in body and "I did this routine" not in body


def test_history_is_in_german_with_a_logs_details(browser_for, alice, library):
    exercise = Exercise.objects.filter(audience="self_care").order_by("slug").first()
    ExerciseLog.objects.create(
        user=alice, exercise=exercise, performed_at=timezone.now(), sets=1, reps=5
    )

    body = _page(browser_for(alice, "de"), "/history/")

    assert '<html lang="de">' in body
    assert "Was du in den letzten 30 Tagen eingetragen hast" in body
    assert "1 Satz, 5 Wiederholungen" in body
    assert "Änderungen speichern" in body and "Löschen" in body
    assert "Save changes" not in body and "1 set" not in body


def test_drive_is_in_polish_and_the_stop_button_too(browser_for, bob, library):
    client = browser_for(bob, "pl")

    idle = _page(client, "/drive/")
    client.post("/drive/", {"action": "start", "rules": "eu", "stop_every_minutes": "120"})
    driving = _page(client, "/drive/")

    assert "Rozpocznij jazdę" in idle and "Czas jazdy w UE" in idle
    assert "120 minut jazdy" in idle
    assert "Start drive" not in idle
    assert "Jestem na postoju" in driving and "I've stopped" not in driving


def test_progress_is_in_german_with_the_calendar_in_german(browser_for, alice, library):
    yesterday = timezone.now() - timedelta(days=1)
    exercise = Exercise.objects.filter(audience="self_care").order_by("slug").first()
    ExerciseLog.objects.create(user=alice, exercise=exercise, performed_at=yesterday)

    body = _page(browser_for(alice, "de"), "/progress/?range=7")

    assert '<html lang="de">' in body
    for german in ("Gewohnheits\u00adstärke", "Längste Serie", "1 Tag", "Als Tabelle zeigen", "Mo"):
        assert german in body, german
    assert "1 Einheit (" in body  # a calendar cell's words
    assert "Habit strength" not in body and "sessions (" not in body


def test_goals_is_in_french(browser_for, alice, library):
    body = _page(browser_for(alice, "fr"), "/goals/")

    assert '<html lang="fr">' in body
    assert "Objectifs fonctionnels" in body and "Ajouter un objectif" in body
    assert "Add a goal" not in body


def test_a_goal_notice_is_in_the_users_language(browser_for, alice, library):
    client = browser_for(alice, "es")

    response = client.post(
        "/goals/", {"action": "add", "activity": "Subir escaleras", "score": "4"}, follow=True
    )

    assert "Objetivo añadido: Subir escaleras, valorado con 4/10." in response.content.decode()


def test_a_signed_out_page_follows_accept_language(client, db):
    body = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()

    assert '<html lang="pl">' in body
    assert "Nie znaleziono strony" in body and "Page not found" not in body


def test_our_api_messages_follow_the_accounts_language(alice_client, alice):
    # Signed in through a token: the account's language wins.
    alice.language = "de"
    alice.save(update_fields=["language"])

    response = alice_client.get("/api/v1/progress/?days=7&from=2026-01-01&to=2026-01-07")

    assert response.status_code == 400
    assert response.json()["days"] == [
        "Gib entweder days oder einen Zeitraum from/to an, nicht beides."
    ]


def test_a_log_without_exercise_or_routine_is_refused_in_french(alice_client, alice, library):
    alice.language = "fr"
    alice.save(update_fields=["language"])

    response = alice_client.post(
        "/api/v1/logs/",
        {"id": "6f1f8c3e-5d1a-4d7e-9a43-0c9d2a1b2c3d", "performed_at": timezone.now().isoformat()},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["exercise"] == ["Indiquez l'exercice ou la routine effectués."]


def test_the_pain_areas_of_the_safety_screen_are_in_the_accounts_language(
    alice_client, alice, library
):
    alice.language = "es"
    alice.save(update_fields=["language"])

    response = alice_client.get("/api/v1/library/safety/")

    labels = {area["slug"]: area["label"] for area in response.json()["pain_areas"]}
    assert labels["lower-back"] == "Parte baja de la espalda"
