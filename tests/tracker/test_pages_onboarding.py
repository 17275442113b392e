"""Onboarding pages: safety screen, profile, first reminders; bad input changes nothing."""

import pytest

from exercises.library import SAFETY_ADVICE, SAFETY_SCREEN, SERIOUS_CONDITIONS
from reminders.models import Schedule, ScheduleKind
from tracker.models import Profile, SafetyCheck

pytestmark = pytest.mark.django_db

SLUGS = [q["slug"] for q in SAFETY_SCREEN]
ALL_NO = dict.fromkeys(SLUGS, "no")


@pytest.fixture
def alice(newcomer):
    # These tests are about the answers themselves: alice starts with none.
    return newcomer


@pytest.fixture
def alice_browser(client, alice):
    client.force_login(alice)
    return client


def test_the_safety_screen_asks_every_question_and_lists_the_serious_conditions(alice_browser):
    response = alice_browser.get("/onboarding/")

    assert response.status_code == 200
    page = response.content.decode()
    for question in SAFETY_SCREEN:
        assert question["question"].replace("'", "&#x27;") in page
    for condition in SERIOUS_CONDITIONS:
        assert condition["label"].replace("'", "&#x27;") in page
    # Nothing is chosen for a first-timer.
    assert " checked>" not in page


def test_all_no_stores_a_check_without_warning_signs_and_goes_to_the_profile(alice_browser, alice):
    response = alice_browser.post("/onboarding/", ALL_NO)

    assert response.status_code == 302
    assert response["Location"] == "/onboarding/profile/"
    check = SafetyCheck.objects.get(user=alice)
    assert check.warning_signs == []


def test_a_yes_is_stored_and_the_advice_comes_first(alice_browser, alice):
    response = alice_browser.post("/onboarding/", {**ALL_NO, "immune-compromised": "yes"})

    assert response["Location"] == "/onboarding/advice/"
    assert SafetyCheck.objects.get(user=alice).warning_signs == ["immune-compromised"]
    advice = alice_browser.get("/onboarding/advice/")
    assert advice.status_code == 200
    page = advice.content.decode()
    assert 'role="alert"' in page
    assert str(SAFETY_ADVICE) in page
    assert 'href="/onboarding/profile/"' in page  # they may still go on


def test_the_advice_page_without_warning_signs_goes_on_to_the_profile(alice_browser):
    alice_browser.post("/onboarding/", ALL_NO)

    response = alice_browser.get("/onboarding/advice/")

    assert response["Location"] == "/onboarding/profile/"


@pytest.mark.parametrize(
    "answers",
    [
        {**ALL_NO, "not-improving": ""},
        {**ALL_NO, "not-improving": "maybe"},
        {k: v for k, v in ALL_NO.items() if k != "hernia" and k != "not-yet-checked"},
    ],
    ids=["blank", "not yes or no", "missing"],
)
def test_an_unanswered_question_answers_400_and_stores_nothing(alice_browser, alice, answers):
    response = alice_browser.post("/onboarding/", answers)

    assert response.status_code == 400
    assert "Answer yes or no." in response.content.decode()
    assert not SafetyCheck.objects.filter(user=alice).exists()


def test_coming_back_shows_the_current_answers(alice_browser):
    alice_browser.post("/onboarding/", {**ALL_NO, "not-improving": "yes"})

    page = alice_browser.get("/onboarding/").content.decode()

    assert 'name="not-improving" value="yes" checked' in page
    assert 'name="not-yet-checked" value="no" checked' in page


def test_choosing_driver_saves_the_profile_and_goes_to_reminders(alice_browser, alice):
    response = alice_browser.post("/onboarding/profile/", {"profile": "driver"})

    assert response["Location"] == "/onboarding/reminders/"
    alice.refresh_from_db()
    assert alice.profile == Profile.DRIVER


@pytest.mark.parametrize("value", ["", "pilot"])
def test_a_missing_or_unknown_profile_answers_400_and_keeps_the_old_one(
    alice_browser, alice, value
):
    response = alice_browser.post("/onboarding/profile/", {"profile": value})

    assert response.status_code == 400
    assert 'id="profile-errors"' in response.content.decode()
    alice.refresh_from_db()
    assert alice.profile == Profile.DESK


def test_a_desk_worker_gets_sitting_breaks_with_the_chosen_interval(alice_browser, alice):
    response = alice_browser.post(
        "/onboarding/reminders/",
        {
            "interval_minutes": "60",
            "window_start": "08:00",
            "window_end": "16:00",
            "weekdays": ["1", "3", "5"],
        },
    )

    assert response["Location"] == "/onboarding/reminders/?saved=1"
    schedule = Schedule.objects.get(user=alice)
    assert (schedule.kind, schedule.interval_minutes, schedule.weekdays) == (
        ScheduleKind.SITTING,
        60,
        [1, 3, 5],
    )
    assert schedule.window_start.strftime("%H:%M") == "08:00"
    assert schedule.next_fire_at is not None
    assert schedule.channels == ["push"]
    # Saving again updates the same schedule rather than adding one.
    alice_browser.post(
        "/onboarding/reminders/",
        {"interval_minutes": "30", "window_start": "08:00", "window_end": "16:00", "weekdays": "1"},
    )
    assert Schedule.objects.get(user=alice).interval_minutes == 30


def test_the_notification_button_appears_only_once_reminders_are_chosen(alice_browser):
    before = alice_browser.get("/onboarding/reminders/").content.decode()
    assert "data-push-enable" not in before
    assert 'value="45"' in before  # the default interval

    alice_browser.post(
        "/onboarding/reminders/",
        {"interval_minutes": "45", "window_start": "09:00", "window_end": "17:30", "weekdays": "1"},
    )

    after = alice_browser.get("/onboarding/reminders/?saved=1").content.decode()
    assert "Turn on notifications" in after
    assert "data-push-enable" in after


@pytest.mark.parametrize(
    ("field", "value"),
    [("interval_minutes", "5"), ("interval_minutes", "abc"), ("window_start", "25:00")],
)
def test_bad_sitting_values_answer_400_and_store_nothing(alice_browser, alice, field, value):
    data = {"interval_minutes": "45", "window_start": "09:00", "window_end": "17:30"}
    data[field] = value

    response = alice_browser.post("/onboarding/reminders/", {**data, "weekdays": "1"})

    assert response.status_code == 400
    assert 'class="errors"' in response.content.decode()
    assert not Schedule.objects.filter(user=alice).exists()


def test_no_weekday_answers_400(alice_browser, alice):
    response = alice_browser.post(
        "/onboarding/reminders/",
        {"interval_minutes": "45", "window_start": "09:00", "window_end": "17:30"},
    )

    assert response.status_code == 400
    assert not Schedule.objects.exists()


def test_a_driver_may_skip_the_routine_time(client, bob):
    client.force_login(bob)
    page = client.get("/onboarding/reminders/").content.decode()
    assert "Drive mode" in page

    response = client.post("/onboarding/reminders/", {"time_1": "", "time_2": ""})

    assert response["Location"] == "/today/"
    assert not Schedule.objects.filter(user=bob).exists()


def test_a_driver_sets_a_routine_time(client, bob):
    client.force_login(bob)

    response = client.post("/onboarding/reminders/", {"time_1": "06:15", "time_2": ""})

    assert response.status_code == 302
    schedule = Schedule.objects.get(user=bob)
    assert (schedule.kind, schedule.times) == (ScheduleKind.TIMES, ["06:15"])


def test_a_malformed_routine_time_answers_400(client, bob):
    client.force_login(bob)

    response = client.post("/onboarding/reminders/", {"time_1": "6 in the morning"})

    assert response.status_code == 400
    assert not Schedule.objects.filter(user=bob).exists()


def test_without_a_profile_step_three_sends_back_to_step_two(client, alice):
    alice.profile = ""
    alice.save()
    client.force_login(alice)

    assert client.get("/onboarding/reminders/")["Location"] == "/onboarding/profile/"


@pytest.mark.parametrize(
    "url", ["/onboarding/", "/onboarding/advice/", "/onboarding/profile/", "/onboarding/reminders/"]
)
def test_onboarding_is_for_signed_in_patients(client, thera, url):
    assert client.get(url)["Location"].startswith("/login/")
    client.force_login(thera)
    assert client.get(url)["Location"] == "/patients/"
