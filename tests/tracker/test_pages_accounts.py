"""Sign-up, log-in and log-out pages, and who may see Today."""

import pytest
from django.core.cache import cache

from tracker.models import Role, User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "newbie",
    "password": "a-long-Passw0rd-x",
    "role": "patient",
    "timezone": "Europe/Paris",
}


def test_signing_up_as_a_patient_logs_in_and_starts_onboarding(client):
    response = client.post("/signup/", SIGNUP)

    assert response.status_code == 302
    assert response["Location"] == "/onboarding/"
    user = User.objects.get(username="newbie")
    assert (user.role, user.timezone) == (Role.PATIENT, "Europe/Paris")
    assert client.get("/today/").status_code == 200
    # A browser session, not an API token, was made.
    assert not user.auth_token_set.exists()


def test_a_therapist_signs_up_to_the_patient_list(client):
    response = client.post("/signup/", {**SIGNUP, "role": "therapist"})
    assert response["Location"] == "/patients/"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("timezone", "Mars/Olympus"),
        ("role", "admin"),
        ("password", "short"),
        ("username", "has space"),
        ("email", "not-an-email"),
    ],
)
def test_bad_sign_up_input_shows_the_field_error_and_creates_nobody(client, field, value):
    response = client.post("/signup/", {**SIGNUP, field: value})

    assert response.status_code == 400
    assert response.context["errors"][field]
    assert not User.objects.filter(username=SIGNUP["username"]).exists()


def test_a_taken_username_is_refused_whatever_its_case(client, alice):
    response = client.post("/signup/", {**SIGNUP, "username": "ALICE"})
    assert response.status_code == 400
    assert User.objects.filter(username__iexact="alice").count() == 1


def test_a_wrong_password_gets_one_message_and_no_session(client, alice):
    for username in ("alice", "nobody-by-that-name"):
        response = client.post("/login/", {"username": username, "password": "wrong"})
        assert response.status_code == 400
        assert response.context["errors"]["form"] == ["That username and password do not match."]
    assert client.get("/today/").status_code == 302


def test_logging_in_goes_to_the_page_asked_for_but_never_off_site(client, alice):
    credentials = {"username": "alice", "password": "correct horse battery"}
    response = client.post("/login/", {**credentials, "next": "/progress/"})
    assert response["Location"] == "/progress/"

    client.post("/logout/")
    response = client.post("/login/", {**credentials, "next": "https://evil.example/"})
    assert response["Location"] == "/today/"


def test_log_in_attempts_are_throttled_per_username(client, alice, settings):
    settings.THROTTLE_AUTH_USERNAME = "3/min"
    cache.clear()
    for _ in range(3):
        client.post("/login/", {"username": "alice", "password": "wrong"})
    response = client.post("/login/", {"username": "alice", "password": "correct horse battery"})
    assert response.status_code == 429
    assert client.get("/today/").status_code == 302


def test_logging_out_needs_a_post_and_ends_the_session(client, alice):
    client.force_login(alice)
    assert client.get("/logout/").status_code == 405
    assert client.get("/today/").status_code == 200
    client.post("/logout/")
    assert client.get("/today/")["Location"].startswith("/login/")


def test_today_sends_anonymous_visitors_to_log_in_and_therapists_home(client, thera):
    assert client.get("/today/")["Location"] == "/login/?next=/today/"
    client.force_login(thera)
    assert client.get("/today/")["Location"] == "/patients/"


def test_logging_from_today_without_javascript_refuses_bad_input(client, alice, library):
    client.force_login(alice)
    for bad in (
        {"kind": "pain", "rating": "11"},
        {"kind": "pain", "rating": "4", "locations": ["elbow"]},
        {"kind": "log", "routine": "no-such-routine"},
        {"kind": "log"},
    ):
        assert client.post("/today/", bad).status_code == 400, bad
    assert alice.logs.count() == 0
    assert alice.pain_entries.count() == 0


def test_a_plan_item_of_someone_else_cannot_be_logged_from_today(client, alice, bob, library):
    from exercises.models import Exercise, Plan, PlanItem

    plan = Plan.objects.create(user=bob, name="Bob's plan")
    item = PlanItem.objects.create(
        plan=plan, exercise=Exercise.objects.filter(audience="self_care").first()
    )
    client.force_login(alice)
    response = client.post(
        "/today/", {"kind": "log", "exercise": item.exercise.slug, "plan_item": item.pk}
    )
    assert response.status_code == 400
    assert alice.logs.count() == 0


def test_a_missing_page_answers_404_with_a_page_that_leads_home(client, alice):
    client.force_login(alice)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b'href="/"' in response.content
    assert client.get("/api/v1/no-such-endpoint/").json() == {"detail": "Not found."}


def test_sign_up_page_refuses_a_name_whose_nfkc_form_is_taken(client, db):
    User.objects.create_user("office", password="correct horse battery")

    response = client.post(
        "/signup/",
        {
            "username": "\uff4f\uff46\uff46\uff49\uff43\uff45",
            "password": "a long enough passphrase",
            "role": "patient",
            "timezone": "UTC",
            "profile": "desk",
        },
    )

    assert response.status_code == 400
    assert User.objects.count() == 1
