"""The safety screen holds: the player waits for it, a yes leaves a lasting note,
strong or spreading pain gets the advice to have it checked, and the therapist
sees the answers and where the pain was."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exercises.library import PAIN_CHECK_ADVICE, SAFETY_NOTE, SAFETY_SCREEN
from tests.conftest import client_for
from tracker.care.dashboard import high_pain_message
from tracker.models import CareLink, PainEntry, SafetyCheck
from tracker.safety import pain_needs_checking, safety_check_save

pytestmark = pytest.mark.django_db

SLUGS = [q["slug"] for q in SAFETY_SCREEN]
ALL_NO = dict.fromkeys(SLUGS, "no")
PLAYER = "/routines/daily-home/play/"


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def answer(user, **yes: bool) -> SafetyCheck:
    answers = {slug: yes.get(slug.replace("-", "_"), False) for slug in SLUGS}
    return safety_check_save(user=user, answers=answers, now=timezone.now())


# --- the screen itself ----------------------------------------------------------


def test_every_question_is_asked_so_that_yes_is_the_warning_and_never_in_the_negative():
    for question in SAFETY_SCREEN:
        text = question["question"].lower()
        assert text.endswith("?")
        # The old first question: "Are you starting before … has checked … ruled out …?"
        for negative in (" before ", " not ", "n't ", " ruled out", " failed "):
            assert negative not in f" {text}", question["slug"]


def test_the_questions_come_before_the_condition_list_which_folds_away(signed_in, newcomer):
    page = signed_in(newcomer).get("/onboarding/").content.decode()

    first_question = page.index(SAFETY_SCREEN[0]["question"].replace("'", "&#x27;"))
    folded = page.index('<details class="card conditions-list"')
    assert first_question < folded < page.index('id="serious-conditions"')


# --- the player waits for the screen --------------------------------------------


def test_the_player_sends_a_patient_who_never_answered_to_the_screen(signed_in, newcomer, library):
    response = signed_in(newcomer).get(PLAYER)

    assert response.status_code == 302
    assert response["Location"] == "/onboarding/?next=%2Froutines%2Fdaily-home%2Fplay%2F"
    assert not SafetyCheck.objects.filter(user=newcomer).exists()


def test_answering_all_no_goes_straight_back_to_the_player(signed_in, newcomer, library):
    client = signed_in(newcomer)
    page = client.get(f"/onboarding/?next={PLAYER}").content.decode()
    assert 'id="safety-gate"' in page
    assert f'name="next" value="{PLAYER}"' in page

    response = client.post("/onboarding/", {**ALL_NO, "next": PLAYER})

    assert response.status_code == 302
    assert response["Location"] == PLAYER
    assert client.get(PLAYER).status_code == 200


def test_a_yes_shows_the_advice_first_and_then_leads_on_to_the_player(signed_in, newcomer, library):
    client = signed_in(newcomer)

    response = client.post("/onboarding/", {**ALL_NO, "not-yet-checked": "yes", "next": PLAYER})

    assert response["Location"] == "/onboarding/advice/?next=%2Froutines%2Fdaily-home%2Fplay%2F"
    advice = client.get(response["Location"]).content.decode()
    assert f'href="{PLAYER}"' in advice


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:1"])
def test_a_next_page_off_the_site_is_ignored(signed_in, newcomer, target):
    response = signed_in(newcomer).post("/onboarding/", {**ALL_NO, "next": target})

    assert response["Location"] == "/onboarding/profile/"


def test_the_library_routine_links_lead_to_the_screen_through_the_player(
    signed_in, newcomer, library
):
    client = signed_in(newcomer)
    assert 'href="/routines/' in client.get("/library/").content.decode()
    assert client.get("/routines/truck-stop/play/")["Location"].startswith("/onboarding/?next=")


# --- the lasting note after a yes ------------------------------------------------


@pytest.mark.parametrize("page", ["/today/", PLAYER])
def test_after_a_yes_today_and_the_player_keep_the_note(signed_in, alice, library, page):
    answer(alice, immune_compromised=True)

    body = signed_in(alice).get(page).content.decode()

    assert 'id="safety-note"' in body
    assert SAFETY_NOTE in body


@pytest.mark.parametrize("page", ["/today/", PLAYER])
def test_all_no_answers_show_no_note(signed_in, alice, library, page):
    answer(alice)

    assert 'id="safety-note"' not in signed_in(alice).get(page).content.decode()


def test_changing_the_answers_to_all_no_takes_the_note_away(signed_in, alice, library):
    answer(alice, not_improving=True)
    client = signed_in(alice)
    assert 'id="safety-note"' in client.get("/today/").content.decode()

    client.post("/onboarding/", ALL_NO)

    assert 'id="safety-note"' not in client.get("/today/").content.decode()


# --- strong or spreading pain -----------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "locations", "expected"),
    [
        (8, [], True),
        (10, ["lower_back"], True),
        (7, [], False),
        (2, ["down_the_leg"], True),
        (0, ["groin", "down_the_leg"], True),
        (7, ["groin", "hip"], False),
    ],
)
def test_pain_needs_checking_at_8_or_more_or_down_the_leg(rating, locations, expected):
    assert pain_needs_checking(rating=rating, locations=locations) is expected


@pytest.mark.parametrize(
    ("rating", "locations", "shown"),
    [("9", [], True), ("3", ["down_the_leg"], True), ("3", ["lower_back"], False)],
)
def test_today_shows_the_advice_after_a_rating_that_calls_for_it(
    signed_in, alice, library, rating, locations, shown
):
    client = signed_in(alice)

    response = client.post("/today/", {"kind": "pain", "rating": rating, "locations": locations})

    assert response.status_code == 302
    page = client.get("/today/").content.decode()
    assert PAIN_CHECK_ADVICE in page  # always there, for the script to reveal
    advice = page[page.index('id="pain-advice"') :].split(">", 1)[0]
    assert ("hidden" not in advice) is shown
    assert 'data-rating="8"' in advice and 'data-locations="down_the_leg"' in advice


def test_the_advice_holds_only_for_todays_ratings(signed_in, alice, library):
    PainEntry.objects.create(user=alice, rating=9, recorded_at=timezone.now() - timedelta(days=2))

    page = signed_in(alice).get("/today/").content.decode()

    assert "hidden" in page[page.index('id="pain-advice"') :].split(">", 1)[0]


# --- what the therapist sees -------------------------------------------------------


def test_the_high_pain_alert_says_where_and_in_what_context():
    message = high_pain_message(9, ["down_the_leg", "groin", "bogus"], "after_sitting_long")

    assert message == (
        "Pain rated 9/10; where: down the leg, groin; context: after sitting a long time."
    )
    assert high_pain_message(8, [], "") == "Pain rated 8/10."


def test_the_dashboard_alert_carries_the_ratings_location_and_context(thera, alice):
    CareLink.objects.create(therapist=thera, patient=alice, created_at=timezone.now())
    PainEntry.objects.create(
        user=alice,
        rating=9,
        recorded_at=timezone.now() - timedelta(hours=1),
        locations=["down_the_leg"],
        context="driving",
    )

    rows = client_for(thera).get("/api/v1/care/patients/").json()

    (alert,) = [a for a in rows[0]["alerts"] if a["kind"] == "pain_high"]
    assert alert["message"] == "Pain rated 9/10; where: down the leg; context: driving."


def test_the_therapist_sees_the_patients_safety_answers(signed_in, thera, alice):
    CareLink.objects.create(therapist=thera, patient=alice, created_at=timezone.now())
    answer(alice, known_serious_condition=True)

    page = signed_in(thera).get(f"/patients/{alice.pk}/").content.decode()

    section = page[page.index('id="safety-answers"') :]
    assert "answered yes to a warning question" in section
    question = SAFETY_SCREEN[1]["question"].replace("'", "&#x27;")
    assert f"{question} <strong>Yes</strong>" in section
    assert f"{SAFETY_SCREEN[0]['question']} <strong>No</strong>" in section


def test_the_demo_patients_have_answered_the_screen_with_no_warning_sign(db):
    from tracker.demo import demo_accounts_create

    demo_accounts_create()

    checks = SafetyCheck.objects.order_by("user__username")
    assert [(c.user.username, c.warning_signs) for c in checks] == [("driver", []), ("office", [])]
