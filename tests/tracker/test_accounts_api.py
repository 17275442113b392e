import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from exercises.models import Plan
from tracker.models import PainEntry, User


def register(client, **overrides):
    body = {
        "username": "carol",
        "password": "a long enough passphrase",
        "role": "patient",
        "timezone": "Europe/Paris",
        "profile": "desk",
        "email": "carol@example.com",
    }
    body.update(overrides)
    return client.post("/api/v1/auth/register/", body, format="json")


@pytest.mark.django_db
def test_register_returns_the_user_and_a_working_token(anon_client):
    response = register(anon_client)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["user"]["username"] == "carol"
    assert body["user"]["timezone"] == "Europe/Paris"
    assert body["user"]["role"] == "patient"
    user = User.objects.get(username="carol")
    assert user.password.startswith("argon2")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert client.get("/api/v1/me/").json()["username"] == "carol"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
        # Real entries of the tz database that are no place a person lives.
        ({"timezone": "Factory"}, "timezone"),
        ({"timezone": "localtime"}, "timezone"),
        ({"timezone": "posixrules"}, "timezone"),
        ({"timezone": "EST5EDT"}, "timezone"),
        ({"timezone": "Etc/GMT+5"}, "timezone"),
        ({"password": "12345678"}, "password"),
        ({"password": "carol1234"}, "password"),
        ({"role": "admin"}, "role"),
        ({"profile": "astronaut"}, "profile"),
        ({"role": "therapist", "profile": "desk"}, "profile"),
        ({"username": "bad name!"}, "username"),
        ({"email": "not-an-email"}, "email"),
    ],
)
def test_register_refuses_bad_input_and_creates_nobody(anon_client, overrides, field):
    response = register(anon_client, **overrides)

    assert response.status_code == 400
    assert field in response.json()
    assert not User.objects.exists()


def test_register_refuses_a_taken_username_whatever_its_case(anon_client, alice):
    response = register(anon_client, username="ALICE")

    assert response.status_code == 400
    assert "username" in response.json()
    assert User.objects.count() == 1


def test_token_exchanges_a_password_for_a_token(anon_client, alice):
    response = anon_client.post(
        "/api/v1/auth/token/",
        {"username": "alice", "password": "correct horse battery"},
        format="json",
    )

    assert response.status_code == 200
    assert AuthToken.objects.filter(user=alice).count() == 1
    assert response.json()["token"]


def test_token_gives_one_message_for_unknown_user_and_wrong_password(anon_client, alice):
    wrong = anon_client.post(
        "/api/v1/auth/token/", {"username": "alice", "password": "nope nope"}, format="json"
    )
    unknown = anon_client.post(
        "/api/v1/auth/token/", {"username": "zed", "password": "nope nope"}, format="json"
    )

    assert wrong.status_code == unknown.status_code == 400
    assert wrong.json() == unknown.json()
    assert not AuthToken.objects.exists()


def test_logout_revokes_only_the_token_used(alice):
    from tests.conftest import client_for

    phone, laptop = client_for(alice), client_for(alice)

    assert phone.post("/api/v1/auth/logout/").status_code == 204
    assert phone.get("/api/v1/me/").status_code == 401
    assert laptop.get("/api/v1/me/").status_code == 200


def test_login_is_throttled_per_username_with_retry_after(settings, alice):
    settings.THROTTLE_AUTH_IP = "1000/min"
    settings.THROTTLE_AUTH_USERNAME = "3/min"
    responses = []
    for attempt in range(4):
        # A different address each time: spreading guesses over addresses does not help.
        client = APIClient(REMOTE_ADDR=f"10.0.0.{attempt + 1}")
        responses.append(
            client.post(
                "/api/v1/auth/token/", {"username": "Alice", "password": "guess"}, format="json"
            )
        )

    assert [r.status_code for r in responses] == [400, 400, 400, 429]
    assert int(responses[-1]["Retry-After"]) > 0


def test_sign_up_is_throttled_per_address(db, settings, anon_client):
    settings.THROTTLE_AUTH_IP = "2/min"
    statuses = [register(anon_client, username=f"user{n}").status_code for n in range(3)]

    assert statuses == [201, 201, 429]
    assert User.objects.count() == 2


def test_me_shows_and_updates_the_profile(alice_client, alice):
    response = alice_client.patch(
        "/api/v1/me/",
        {"timezone": "Asia/Tokyo", "display_name": "Al", "role": "therapist"},
        format="json",
    )

    assert response.status_code == 200
    alice.refresh_from_db()
    assert (alice.timezone, alice.display_name) == ("Asia/Tokyo", "Al")
    # The role is chosen at sign-up and cannot be changed here.
    assert alice.role == "patient"


@pytest.mark.parametrize(("field", "value"), [("timezone", "Nowhere/City"), ("profile", "pilot")])
def test_me_refuses_bad_values_and_changes_nothing(alice_client, alice, field, value):
    response = alice_client.patch("/api/v1/me/", {field: value}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    alice.refresh_from_db()
    assert (alice.timezone, alice.profile) == ("Europe/Berlin", "desk")


def test_me_delete_needs_the_password(alice_client, alice):
    response = alice_client.delete("/api/v1/me/", {"password": "wrong"}, format="json")

    assert response.status_code == 400
    assert User.objects.filter(pk=alice.pk).exists()


def test_me_delete_removes_the_account_and_all_its_data(alice_client, alice, bob):
    Plan.objects.create(user=alice, name="Mine")
    PainEntry.objects.create(user=alice, recorded_at="2026-01-01T10:00Z", rating=4)
    PainEntry.objects.create(user=bob, recorded_at="2026-01-01T10:00Z", rating=2)

    response = alice_client.delete(
        "/api/v1/me/", {"password": "correct horse battery"}, format="json"
    )

    assert response.status_code == 204
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not Plan.objects.exists()
    assert list(PainEntry.objects.values_list("user__username", flat=True)) == ["bob"]


def test_export_holds_everything_the_user_owns_and_nothing_else(alice_client, alice, bob):
    PainEntry.objects.create(user=alice, recorded_at="2026-01-01T10:00Z", rating=4)
    PainEntry.objects.create(user=bob, recorded_at="2026-01-01T10:00Z", rating=2)
    Plan.objects.create(user=bob, name="Bob's plan")

    response = alice_client.get("/api/v1/me/export/")

    assert response.status_code == 200
    body = response.json()
    assert body["account"]["username"] == "alice"
    assert [e["rating"] for e in body["pain_entries"]] == [4]
    assert body["plans"] == []


def test_account_endpoints_need_a_login(db, anon_client):
    assert anon_client.get("/api/v1/me/").status_code == 401
    assert anon_client.get("/api/v1/me/export/").status_code == 401
    assert anon_client.post("/api/v1/auth/logout/").status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["UTC", "America/Argentina/Buenos_Aires", "Asia/Calcutta"])
def test_register_accepts_real_zones_and_the_old_names_browsers_report(anon_client, zone):
    assert register(anon_client, timezone=zone).status_code == 201


def test_changing_the_zone_to_factory_is_refused(alice_client, alice):
    response = alice_client.patch("/api/v1/me/", {"timezone": "Factory"}, format="json")

    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.timezone == "Europe/Berlin"


@pytest.mark.parametrize("name", ["\uff4f\uff46\uff46\uff49\uff43\uff45", "\uff2f\uff26\uff26ICE"])
def test_register_refuses_a_name_whose_nfkc_form_is_taken(anon_client, db, name):
    # Full-width "office" is stored as "office" (Django's NFKC normalisation).
    User.objects.create_user("office", password="correct horse battery")

    response = register(anon_client, username=name)

    assert response.status_code == 400
    assert response.json()["username"] == ["This username is taken."]
    assert User.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_sign_ups_of_one_name_give_one_account_and_400s(postgres, settings):
    import threading

    from django.db import connections

    settings.THROTTLE_AUTH_IP = "1000/min"
    settings.THROTTLE_AUTH_USERNAME = "1000/min"
    start = threading.Barrier(8)
    statuses: list[int] = []

    def sign_up(n: int) -> None:
        client = APIClient(REMOTE_ADDR=f"192.0.2.{n}")
        start.wait()
        try:
            statuses.append(register(client, username="twin").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(statuses) == [201] + [400] * 7
    assert User.objects.filter(username="twin").count() == 1
