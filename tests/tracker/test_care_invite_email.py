"""An invite by email: sent after commit by a real Celery worker (Redis broker) to
Django's file email backend, with the link on the request's own address and the code."""

import pytest

from tests.email_files import body_of, wait_for_emails
from tests.reminders.conftest import broker, celery_worker  # noqa: F401 (fixtures)
from tracker.care import services
from tracker.models import CareInvite

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.redis]

INVITES = "/api/v1/care/invites/"


@pytest.fixture
def email_dir(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "emails")
    return tmp_path / "emails"


def test_an_invite_by_email_sends_the_link_and_the_code(
    celery_worker,  # noqa: F811
    email_dir,
    settings,
    thera,
    thera_client,
):
    settings.ALLOWED_HOSTS = ["clinic.example"]

    response = thera_client.post(
        INVITES,
        {"email": "new.patient@example.org"},
        format="json",
        HTTP_HOST="clinic.example:8811",
    )

    assert response.status_code == 201
    code, link = response.json()["code"], response.json()["link"]
    assert link == f"http://clinic.example:8811/care/accept/?code={code}"
    assert response.json()["email"] == "new.patient@example.org"
    (message,) = wait_for_emails(email_dir, 1)
    assert message["To"] == "new.patient@example.org"
    assert "Thera Pist invites you" in message["Subject"]
    body = body_of(message)
    assert link in body and code in body
    invite = CareInvite.objects.get()
    assert invite.email == "new.patient@example.org"
    # Only the hash is stored, still.
    assert invite.code_hash == services.code_hash(code)
