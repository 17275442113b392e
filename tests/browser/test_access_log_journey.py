"""Who saw my data, in two browsers: the therapist opens the patient's page (1280x800),
then the patient, on her phone (360x640), finds that visit under Account."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_accessible,
    journey_shot,
    log_in_as,
    tap_targets_too_small,
)
from tracker.models import CareLink

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_patient_sees_that_her_therapist_opened_her_page(phone, desk, alice, thera):
    CareLink.objects.create(therapist=thera, patient=alice, created_at=timezone.now())

    log_in_as(desk, thera)
    desk.goto(f"/patients/{alice.pk}/")
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Alice")

    log_in_as(phone, alice)
    phone.goto("/account/")
    journey_shot(
        phone, "access-log-account", element=phone.locator("#therapists-heading").locator("..")
    )
    phone.get_by_role("link", name="Who saw my data").click()

    expect(phone).to_have_url(f"{phone.site}/account/access/")
    entry = phone.locator(".access-entry").first
    expect(entry).to_contain_text(
        "Thera Pist saw your page with progress, goals, plans and messages"
    )
    expect(entry).to_contain_text("on the website")
    expect(entry).to_contain_text("from 127.0.0.1")
    assert phone.locator(".access-entry").count() == 1
    journey_shot(phone, "access-log-phone")
    assert tap_targets_too_small(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scroll
    assert_accessible(phone)
    assert phone.errors == [] and desk.errors == []
