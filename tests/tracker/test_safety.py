"""The safety screen's answers: storing them, reading the latest, what counts as new."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exercises.library import SAFETY_ADVICE, SAFETY_SCREEN
from tracker.models import SafetyCheck
from tracker.safety import new_warning_signs, safety_check_save

SAFETY = "/api/v1/me/safety/"


@pytest.fixture
def alice(newcomer):
    # These tests are about the answers themselves: alice starts with none.
    return newcomer


SLUGS = [question["slug"] for question in SAFETY_SCREEN]


def all_no() -> dict[str, bool]:
    return dict.fromkeys(SLUGS, False)


def test_the_screen_has_at_least_two_questions():
    # Several tests tick one question and not another.
    assert len(SLUGS) >= 2


def test_a_patient_answers_with_one_yes_and_is_told_to_see_a_professional(alice_client, alice):
    answers = all_no() | {SLUGS[1]: True}

    response = alice_client.post(SAFETY, {"answers": answers}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["warning_signs"] == [SLUGS[1]]
    assert body["see_professional"] is True
    assert body["advice"] == SAFETY_ADVICE
    check = SafetyCheck.objects.get(user=alice)
    assert check.warning_signs == [SLUGS[1]]
    assert check.new_warning_signs == [SLUGS[1]]
    assert abs(check.answered_at - timezone.now()) < timedelta(seconds=10)


def test_all_no_means_no_advice(alice_client):
    response = alice_client.post(SAFETY, {"answers": all_no()}, format="json")

    assert response.status_code == 201
    assert response.json()["warning_signs"] == []
    assert response.json()["see_professional"] is False
    assert response.json()["advice"] is None


def test_warning_signs_keep_the_screens_order_whatever_the_bodys_order(alice_client):
    answers = dict(reversed(list((all_no() | {SLUGS[0]: True, SLUGS[-1]: True}).items())))

    response = alice_client.post(SAFETY, {"answers": answers}, format="json")

    assert response.json()["warning_signs"] == [SLUGS[0], SLUGS[-1]]


def test_get_returns_the_latest_check(alice, alice_client):
    now = timezone.now()
    safety_check_save(user=alice, answers=all_no() | {SLUGS[0]: True}, now=now - timedelta(days=2))
    safety_check_save(user=alice, answers=all_no(), now=now - timedelta(days=1))

    response = alice_client.get(SAFETY)

    assert response.status_code == 200
    assert response.json()["warning_signs"] == []
    assert response.json()["answered_at"].startswith((now - timedelta(days=1)).strftime("%Y-%m-%d"))


def test_get_is_404_before_any_check_and_never_shows_another_patients(bob, alice_client):
    safety_check_save(user=bob, answers=all_no() | {SLUGS[0]: True}, now=timezone.now())

    response = alice_client.get(SAFETY)

    assert response.status_code == 404


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"no-such-question": True}, id="unknown slug"),
        pytest.param({SLUGS[0]: "true"}, id="string"),
        pytest.param({SLUGS[0]: 1}, id="number"),
        pytest.param({SLUGS[0]: None}, id="null"),
        pytest.param("yes", id="not an object"),
        pytest.param([True], id="a list"),
    ],
)
def test_bad_answers_are_a_400_and_store_nothing(alice_client, answers):
    body = {"answers": all_no() | answers if isinstance(answers, dict) else answers}

    response = alice_client.post(SAFETY, body, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"answers"}
    assert SafetyCheck.objects.count() == 0


def test_an_unanswered_question_is_a_400(alice_client):
    answers = all_no()
    del answers[SLUGS[0]]

    response = alice_client.post(SAFETY, {"answers": answers}, format="json")

    assert response.status_code == 400
    assert SLUGS[0] in response.json()["answers"]
    assert SafetyCheck.objects.count() == 0


def test_a_missing_body_and_a_form_body_are_refused(alice_client):
    assert alice_client.post(SAFETY, {}, format="json").status_code == 400
    form = alice_client.post(SAFETY, "answers=x", content_type="application/x-www-form-urlencoded")
    assert form.status_code == 415
    assert SafetyCheck.objects.count() == 0


def test_only_patients_answer_the_screen(thera_client, anon_client):
    assert thera_client.post(SAFETY, {"answers": all_no()}, format="json").status_code == 403
    assert thera_client.get(SAFETY).status_code == 403
    assert anon_client.post(SAFETY, {"answers": all_no()}, format="json").status_code == 401
    assert anon_client.get(SAFETY).status_code == 401
    assert SafetyCheck.objects.count() == 0


def test_new_signs_are_those_not_ticked_in_the_previous_check(alice):
    now = timezone.now()
    first = safety_check_save(user=alice, answers=all_no() | {SLUGS[0]: True}, now=now)
    second = safety_check_save(
        user=alice, answers=all_no() | {SLUGS[0]: True, SLUGS[1]: True}, now=now
    )
    third = safety_check_save(user=alice, answers=all_no() | {SLUGS[1]: True}, now=now)
    # Un-ticked in the third, so ticking it again is new again.
    fourth = safety_check_save(user=alice, answers=all_no() | {SLUGS[0]: True}, now=now)

    assert first.new_warning_signs == [SLUGS[0]]
    assert second.new_warning_signs == [SLUGS[1]]
    assert third.new_warning_signs == []
    assert fourth.new_warning_signs == [SLUGS[0]]


def test_new_warning_signs_on_a_first_check_are_all_the_ticked_ones():
    assert new_warning_signs(ticked=["a", "b"], previous=None) == ["a", "b"]
    assert new_warning_signs(ticked=["a", "b"], previous=[]) == ["a", "b"]
    assert new_warning_signs(ticked=["a", "b"], previous=["b", "c"]) == ["a"]
    assert new_warning_signs(ticked=[], previous=["b"]) == []


def test_the_export_holds_the_patients_checks(alice, alice_client, bob):
    now = timezone.now()
    safety_check_save(user=alice, answers=all_no() | {SLUGS[0]: True}, now=now)
    safety_check_save(user=bob, answers=all_no() | {SLUGS[1]: True}, now=now)

    exported = alice_client.get("/api/v1/me/export/").json()["safety_checks"]

    assert exported == [
        {
            "answered_at": SafetyCheck.objects.get(user=alice).answered_at.isoformat(),
            "warning_signs": [SLUGS[0]],
            "new_warning_signs": [SLUGS[0]],
        }
    ]
