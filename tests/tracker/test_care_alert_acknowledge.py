"""tracker.care.services.alert_acknowledge_open: the one rule the API and the
therapist's page share for acknowledging an alert."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tracker.care.services import AlertNotFound, alert_acknowledge_open
from tracker.models import AlertAcknowledgement, CareLink, PainEntry


@pytest.fixture
def high_rating(thera, alice) -> PainEntry:
    CareLink.objects.create(therapist=thera, patient=alice, created_at=timezone.now())
    return PainEntry.objects.create(
        user=alice, rating=9, recorded_at=timezone.now() - timedelta(hours=1)
    )


def test_an_open_alert_is_recorded_once_then_acknowledging_again_changes_nothing(
    thera, alice, high_rating
):
    alert_id = f"pain_high:{high_rating.pk}"

    first = alert_acknowledge_open(
        therapist=thera, patient=alice, alert_id=alert_id, now=timezone.now()
    )
    again = alert_acknowledge_open(
        therapist=thera, patient=alice, alert_id=alert_id, now=timezone.now()
    )

    assert (first, again) == (True, False)
    ack = AlertAcknowledgement.objects.get()
    assert (ack.kind, ack.occurrence) == ("pain_high", str(high_rating.pk))


@pytest.mark.parametrize(
    "alert_id",
    ["pain_high:0", "nonsense", "pain_high:", ":1", "inactive:0", "pain_high:" + "1" * 65],
)
def test_an_alert_that_is_neither_open_nor_acknowledged_is_not_found(
    thera, alice, high_rating, alert_id
):
    with pytest.raises(AlertNotFound):
        alert_acknowledge_open(
            therapist=thera, patient=alice, alert_id=alert_id, now=timezone.now()
        )

    assert not AlertAcknowledgement.objects.exists()


def test_the_page_and_the_api_refuse_the_same_malformed_id(thera, thera_client, alice, high_rating):
    # Both go through the service, so both refuse what it refuses, before any query.
    browser = Client()
    browser.force_login(thera)
    too_long = "pain_high:" + "1" * 65

    page = browser.post(
        "/patients/", {"action": "acknowledge", "patient": alice.pk, "alert": too_long}
    )
    api = thera_client.post(f"/api/v1/care/patients/{alice.pk}/alerts/{too_long}/acknowledge/")

    assert (page.status_code, api.status_code) == (404, 404)
    assert not AlertAcknowledgement.objects.exists()
