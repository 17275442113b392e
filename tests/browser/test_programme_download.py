"""Both people download the home programme PDF from its print page: the patient on a
phone from Today, the therapist at desktop width from the patient's page."""

import io
from pathlib import Path

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exercises.models import Exercise
from exercises.services import plan_create
from tests.browser.conftest import journey_shot, log_in_as
from tracker.models import CareLink

pytestmark = pytest.mark.django_db(transaction=True)


def downloaded_text(page, link) -> str:
    with page.expect_download() as download:
        link.click()
    content = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.startswith("stretchstop-programme-")
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_the_patient_and_the_therapist_both_download_the_programme(
    phone, browser, site, thera, alice
):
    CareLink.objects.create(therapist=thera, patient=alice, created_at=timezone.now())
    lunge = Exercise.objects.get(slug="standing-lunge-tuck")
    plan_create(
        user=alice, name="Hip flexors", notes="Mornings.", assigned_by=thera,
        items=[{"exercise": lunge, "hold_seconds": 30, "notes": "Tuck the pelvis first."}],
    )  # fmt: skip

    # PDFs are built while the page waits: allow for a busy machine.
    phone.set_default_timeout(30_000)
    log_in_as(phone, alice)
    phone.goto("/today/")
    phone.locator("#programme-link").click()
    expect(phone.locator("h1")).to_have_text("Home programme")
    journey_shot(phone, "pdf-patient-360")
    text = downloaded_text(phone, phone.locator("#programme-pdf"))
    assert lunge.name.split()[0] in text and "Tuck the pelvis first." in text

    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=site)
    context.set_default_timeout(30_000)
    desk = context.new_page()
    desk.site = site
    log_in_as(desk, thera)
    desk.goto(f"/patients/{alice.pk}/")
    desk.locator("#programme-print").click()
    expect(desk.locator("#programme-patient")).to_contain_text("Alice")
    journey_shot(desk, "pdf-therapist-1280")
    text = downloaded_text(desk, desk.locator("#programme-pdf"))
    assert "Tuck the pelvis first." in text and "Mornings." in text
    # On paper: the app's header, navigation and buttons are not printed.
    desk.emulate_media(media="print")
    expect(desk.locator("#programme-pdf")).to_be_hidden()
    journey_shot(desk, "pdf-print-1280")
    context.close()
