"""Reminders go out in the recipient's language, whatever the worker's: a real
Celery worker, the local push service and Django's file email backend."""

from django.core.management import call_command
from django.utils import timezone

from exercises.content import content_of
from reminders.dispatch import dispatch_due
from reminders.models import Delivery, DeliveryState
from reminders.tasks import enqueue_sends
from tests.conftest import make_user, with_verified_email
from tests.email_files import body_of, wait_for_emails
from tests.reminders.helpers import due_schedule, wait_for_state


def test_a_polish_users_push_reminder_arrives_in_polish(celery_worker, push_receiver, subscribed):
    user, _, _ = subscribed
    user.language = "pl"
    user.save(update_fields=["language"])
    due_schedule(user)

    dispatch_due(now=timezone.now(), enqueue=enqueue_sends)

    wait_for_state(Delivery.objects.get().pk, DeliveryState.SENT)
    payload = push_receiver.wait_for(1)[0].payload
    assert push_receiver.problems() == []
    desk_break = content_of("pl").ROUTINES["desk-break"]["name"]
    assert payload["title"] == "Czas na przerwę na rozciąganie"
    assert payload["body"] == (
        "Siedzisz już od dłuższego czasu. Wstań i rozciągnij zginacze bioder. "
        f"Proponujemy: {desk_break}."
    )
    assert [a["title"] for a in payload["actions"]] == ["Zrobione", "Odłóż o 10 min"]


def test_an_english_users_reminder_stays_english_beside_a_polish_one(
    celery_worker, push_receiver, subscribed
):
    polish, _, _ = subscribed
    polish.language = "pl"
    polish.save(update_fields=["language"])
    english = make_user("driver", profile="desk")
    browser = push_receiver.subscribe("driver")
    english.push_subscriptions.create(
        endpoint=push_receiver.endpoint(browser), p256dh=browser.p256dh, auth=browser.auth
    )
    due_schedule(polish)
    due_schedule(english)

    dispatch_due(now=timezone.now(), enqueue=enqueue_sends)

    titles = sorted(r.payload["title"] for r in push_receiver.wait_for(2))
    assert titles == ["Czas na przerwę na rozciąganie", "Time for a stretch break"]


def test_a_spanish_users_reminder_email_is_in_spanish(celery_worker, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    settings.SITE_URL = "https://stretch.example"
    call_command("load_exercises", verbosity=0)
    user = with_verified_email(
        make_user("conductora", profile="desk", language="es"), "ana@example.com"
    )
    schedule = due_schedule(user)
    schedule.channels = ["email"]
    schedule.save(update_fields=["channels"])

    dispatch_due(now=timezone.now(), enqueue=enqueue_sends)

    delivery = wait_for_state(Delivery.objects.get().pk, DeliveryState.SENT)
    [message] = wait_for_emails(tmp_path / "mail", 1)
    assert message["To"] == "ana@example.com"
    assert message["Subject"] == "Hora de una pausa para estirar"
    desk_break = content_of("es").ROUTINES["desk-break"]["name"]
    assert body_of(message).startswith(
        "Llevas un rato sentado. Levántate y estira los flexores de la cadera. "
        f"Sugerencia: {desk_break}.\n\n"
        f"https://stretch.example/reminders/{delivery.pk}/"
    )
