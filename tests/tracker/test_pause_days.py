"""Pause days: GET/POST /api/v1/pause-days/, DELETE /api/v1/pause-days/{date}/."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tracker.days import local_date
from tracker.models import PauseDay, PauseReason
from tracker.services import pause_day_save

URL = "/api/v1/pause-days/"


def today_of(user) -> date:
    return local_date(timezone.now(), user.tzinfo)


def pause(user, day: date, reason: str = PauseReason.FLARE_UP) -> PauseDay:
    return PauseDay.objects.create(user=user, date=day, reason=reason)


def test_pause_day_save_creates_then_updates_one_row(alice):
    first, created = pause_day_save(user=alice, date=date(2026, 6, 1), reason="flare_up")
    again, created_again = pause_day_save(user=alice, date=date(2026, 6, 1), reason="travel")

    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert PauseDay.objects.get(user=alice).reason == "travel"


def test_it_pauses_a_day(alice_client, alice):
    day = today_of(alice)

    response = alice_client.post(URL, {"date": day.isoformat(), "reason": "flare_up"})

    assert response.status_code == 201
    assert response.json() == {"date": day.isoformat(), "reason": "flare_up"}
    assert PauseDay.objects.get(user=alice).date == day


def test_pausing_a_paused_day_again_updates_the_reason(alice_client, alice):
    day = today_of(alice) - timedelta(days=3)
    pause(alice, day, PauseReason.FLARE_UP)

    response = alice_client.post(URL, {"date": day.isoformat(), "reason": "travel"})

    assert response.status_code == 200
    assert response.json() == {"date": day.isoformat(), "reason": "travel"}
    assert list(PauseDay.objects.filter(user=alice).values_list("date", "reason")) == [
        (day, "travel")
    ]


def test_it_accepts_the_edges_of_the_allowed_range(alice_client, alice):
    today = today_of(alice)

    ahead = alice_client.post(
        URL, {"date": (today + timedelta(days=60)).isoformat(), "reason": "travel"}
    )
    back = alice_client.post(
        URL, {"date": (today - timedelta(days=366)).isoformat(), "reason": "travel"}
    )

    assert (ahead.status_code, back.status_code) == (201, 201)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": "+61", "reason": "travel"}, "date"),  # 61 days ahead, filled in below
        ({"date": "-367", "reason": "travel"}, "date"),
        ({"date": "2026-02-30", "reason": "travel"}, "date"),
        ({"date": "tomorrow", "reason": "travel"}, "date"),
        ({"date": "+0", "reason": "holiday"}, "reason"),
        ({"date": "+0", "reason": ""}, "reason"),
        ({"date": "+0"}, "reason"),
        ({"reason": "travel"}, "date"),
        ({"date": None, "reason": "travel"}, "date"),
    ],
)
def test_it_rejects_a_bad_pause_with_a_field_message(alice_client, alice, body, field):
    if isinstance(body.get("date"), str) and body["date"][0] in "+-":
        body = {**body, "date": (today_of(alice) + timedelta(days=int(body["date"]))).isoformat()}

    response = alice_client.post(URL, body)

    assert response.status_code == 400
    assert isinstance(response.json()[field][0], str)
    assert not PauseDay.objects.exists()


def test_it_rejects_a_body_that_is_not_an_object(alice_client):
    response = alice_client.post(URL, ["2026-06-01", "travel"])

    assert response.status_code == 400
    assert not PauseDay.objects.exists()


def test_it_lists_only_your_own_pauses_oldest_first(alice_client, alice, bob):
    pause(alice, date(2026, 6, 3), PauseReason.TRAVEL)
    pause(alice, date(2026, 6, 1))
    pause(bob, date(2026, 6, 2))

    response = alice_client.get(URL)

    assert response.status_code == 200
    assert response.json() == [
        {"date": "2026-06-01", "reason": "flare_up"},
        {"date": "2026-06-03", "reason": "travel"},
    ]


def test_it_lists_pauses_between_from_and_to(alice_client, alice):
    for day in (1, 2, 3, 4):
        pause(alice, date(2026, 6, day))

    response = alice_client.get(URL, {"from": "2026-06-02", "to": "2026-06-03"})

    assert response.status_code == 200
    assert [p["date"] for p in response.json()] == ["2026-06-02", "2026-06-03"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-06-03", "to": "2026-06-02"}, "to"),
        ({"from": "June"}, "from"),
        ({"to": "2026-13-01"}, "to"),
        ({"to": ""}, "to"),
    ],
)
def test_it_rejects_a_bad_listing_window(alice_client, params, field):
    response = alice_client.get(URL, params)

    assert response.status_code == 400
    assert field in response.json()


def test_it_unpauses_a_day(alice_client, alice):
    pause(alice, date(2026, 6, 1))
    pause(alice, date(2026, 6, 2))

    response = alice_client.delete(f"{URL}2026-06-01/")

    assert response.status_code == 204
    assert list(PauseDay.objects.values_list("date", flat=True)) == [date(2026, 6, 2)]


def test_unpausing_a_day_that_is_not_paused_is_404(alice_client):
    response = alice_client.delete(f"{URL}2026-06-01/")

    assert response.status_code == 404


def test_unpausing_a_bad_date_is_400(alice_client):
    response = alice_client.delete(f"{URL}2026-02-30/")

    assert response.status_code == 400
    assert "date" in response.json()


def test_bob_cannot_see_or_remove_alices_pause(alice, bob_client):
    pause(alice, date(2026, 6, 1))

    listing = bob_client.get(URL)
    removal = bob_client.delete(f"{URL}2026-06-01/")

    assert listing.json() == []
    # 404, not 403: another user's pause is simply not there for bob.
    assert removal.status_code == 404
    assert PauseDay.objects.filter(user=alice, date=date(2026, 6, 1)).exists()


def test_bob_pausing_the_same_date_keeps_alices_pause(alice, bob, bob_client):
    day = today_of(bob)
    pause(alice, day, PauseReason.TRAVEL)

    response = bob_client.post(URL, {"date": day.isoformat(), "reason": "flare_up"})

    assert response.status_code == 201
    assert PauseDay.objects.get(user=alice).reason == "travel"
    assert PauseDay.objects.get(user=bob).reason == "flare_up"


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", URL), ("post", URL), ("delete", f"{URL}2026-06-01/")],
)
def test_it_requires_authentication(anon_client, alice, method, path):
    pause(alice, date(2026, 6, 1))

    response = getattr(anon_client, method)(path, {"date": "2026-06-01", "reason": "travel"})

    assert response.status_code == 401
    assert PauseDay.objects.count() == 1
