"""The Account page through Django's test client: name and zone, exports, deleting."""

import pytest

from tracker.models import PainEntry, User

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # tests/conftest.py's make_user


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/account/")["Location"].startswith("/login/?next=/account/")
    response = client.post("/account/delete/", {"password": PASSWORD, "confirm": "yes"})
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("who", ["alice", "thera"])
def test_patients_and_therapists_see_their_account_and_exports(client, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    html = client.get("/account/").content.decode()
    assert f'<dd id="username">{user.username}</dd>' in html
    assert 'href="/api/v1/me/export/"' in html
    assert 'href="/api/v1/me/export/csv/"' in html
    assert '<form method="post" action="/logout/" data-clears-cache>' in html


def test_the_export_links_work_with_the_pages_session(client, alice):
    client.force_login(alice)
    response = client.get("/api/v1/me/export/")
    assert response.status_code == 200
    assert response.json()["account"]["username"] == "alice"
    response = client.get("/api/v1/me/export/csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"


def test_changing_the_time_zone_and_name_saves_them(client, alice):
    client.force_login(alice)
    response = client.post("/account/", {"display_name": "Ali", "timezone": "Asia/Tokyo"})
    assert response.status_code == 302 and response["Location"] == "/account/?saved=1"
    alice.refresh_from_db()
    assert (alice.display_name, alice.timezone) == ("Ali", "Asia/Tokyo")
    assert "Saved." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"timezone": ""}, "timezone"),
        ({"timezone": "Europe/Berlin\x00"}, "timezone"),
        ({"display_name": "x" * 121}, "display_name"),
    ],
)
def test_a_bad_zone_or_name_is_a_400_and_changes_nothing(client, alice, data, field):
    client.force_login(alice)
    response = client.post("/account/", {"display_name": "Changed", "timezone": "UTC", **data})
    assert response.status_code == 400
    assert f'id="{field.replace("_", "-")}-errors"' in response.content.decode()
    alice.refresh_from_db()
    assert (alice.display_name, alice.timezone) == ("Alice", "Europe/Berlin")


def test_fields_the_page_does_not_edit_are_ignored(client, alice):
    client.force_login(alice)
    client.post(
        "/account/",
        {"timezone": "UTC", "username": "mallory", "role": "therapist", "email": "m@example.com"},
    )
    alice.refresh_from_db()
    assert (alice.username, alice.role, alice.email, alice.timezone) == (
        "alice",
        "patient",
        "",
        "UTC",
    )


def test_deleting_with_a_wrong_password_is_a_400_and_deletes_nothing(client, alice):
    PainEntry.objects.create(user=alice, recorded_at="2026-03-01T10:00Z", rating=4)
    client.force_login(alice)
    response = client.post("/account/delete/", {"password": "wrong", "confirm": "yes"})
    assert response.status_code == 400
    assert "Wrong password; nothing was deleted." in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()
    assert PainEntry.objects.filter(user=alice).count() == 1
    assert client.get("/account/").status_code == 200  # still logged in


@pytest.mark.parametrize("confirm", [None, "", "no"])
def test_deleting_without_the_confirmation_is_a_400_and_deletes_nothing(client, alice, confirm):
    client.force_login(alice)
    data = {"password": PASSWORD} if confirm is None else {"password": PASSWORD, "confirm": confirm}
    response = client.post("/account/delete/", data)
    assert response.status_code == 400
    assert "Tick the box to confirm" in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()


@pytest.mark.parametrize("who", ["alice", "thera"])
def test_deleting_with_the_password_removes_everything_and_logs_out(client, request, who):
    user = request.getfixturevalue(who)
    PainEntry.objects.create(user=user, recorded_at="2026-03-01T10:00Z", rating=4)
    client.force_login(user)
    response = client.post("/account/delete/", {"password": PASSWORD, "confirm": "yes"})
    assert response.status_code == 302 and response["Location"] == "/account/deleted/"
    # A therapist's row stays as an empty, inactive record (test_therapist_deletion.py).
    assert not User.objects.filter(pk=user.pk, is_active=True).exists()
    assert not PainEntry.objects.filter(user_id=user.pk).exists()
    goodbye = client.get("/account/deleted/")
    assert goodbye.status_code == 200 and "Goodbye" in goodbye.content.decode()
    assert client.get("/account/").status_code == 302  # logged out


def test_one_persons_delete_leaves_the_others_alone(client, alice, bob):
    client.force_login(alice)
    client.post("/account/delete/", {"password": PASSWORD, "confirm": "yes"})
    assert User.objects.filter(pk=bob.pk).exists()


def test_a_get_of_the_delete_address_goes_back_to_the_form(client, alice):
    client.force_login(alice)
    response = client.get("/account/delete/")
    assert response.status_code == 302 and response["Location"] == "/account/#delete-heading"
    assert User.objects.filter(pk=alice.pk).exists()


def test_the_goodbye_page_is_only_for_those_who_left(client, alice):
    client.force_login(alice)
    assert client.get("/account/deleted/")["Location"] == "/account/"


def test_the_account_form_needs_the_csrf_token(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/account/delete/", {"password": PASSWORD, "confirm": "yes"})
    assert response.status_code == 403
    assert User.objects.filter(pk=alice.pk).exists()
