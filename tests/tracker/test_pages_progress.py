"""The Progress page through Django's test client: ranges, numbers, goals, refusals."""

import json
import re
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from exercises.models import Audience, Exercise, ExerciseLog, Kind
from tracker import services
from tracker.days import local_date
from tracker.models import PainEntry, PauseDay, PauseReason, User

pytestmark = pytest.mark.django_db


def local_today(user: User) -> date:
    return local_date(timezone.now(), user.tzinfo)


def at(user: User, day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=user.tzinfo)


def seed_days(user: User, days: int = 30) -> date:
    """Give `user` `days` days of history ending today; return the first day.

    Day d (0 = oldest): pain 7 and 5 minus d // 6 at 09:00 and 18:00 (no
    rating when d % 5 == 4), one session at 12:00 unless d % 3 == 0. The user
    joined well before, so every day counts.
    """
    today = local_today(user)
    first = today - timedelta(days=days - 1)
    stretch, _ = Exercise.objects.get_or_create(
        slug="seeded-hip-flexor-stretch",
        defaults={
            "name": "Seeded hip flexor stretch",
            "kind": Kind.STRETCH,
            "audience": Audience.SELF_CARE,
            "summary": "A stretch for the tests.",
        },
    )
    User.objects.filter(pk=user.pk).update(date_joined=at(user, first, 0) - timedelta(days=30))
    for d in range(days):
        day = first + timedelta(days=d)
        if d % 5 != 4:
            for hour, rating in ((9, 7 - d // 6), (18, 5 - d // 6)):
                PainEntry.objects.create(
                    user=user, recorded_at=at(user, day, hour), rating=max(rating, 0)
                )
        if d % 3 != 0:
            ExerciseLog.objects.create(user=user, exercise=stretch, performed_at=at(user, day, 12))
    user.refresh_from_db()
    return first


def chart_json(html: str) -> dict:
    match = re.search(r'<script id="progress-data" type="application/json">(.*?)</script>', html)
    assert match, "the page carries its chart data"
    return json.loads(match.group(1))


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/progress/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/progress/")


def test_a_therapist_is_sent_to_their_patients(client, thera):
    client.force_login(thera)
    response = client.get("/progress/")
    assert response.status_code == 302 and response["Location"] == "/patients/"


@pytest.mark.parametrize("bad", ["14", "abc", "", "-7", "30.0", "\uff10"])
def test_a_range_other_than_7_30_90_or_365_is_a_400_with_the_choices(client, alice, bad):
    client.force_login(alice)
    response = client.get("/progress/", {"range": bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a range of 7, 30, 90 or 365 days." in html
    assert 'href="?range=7"' in html and 'href="?range=365"' in html
    assert "progress-data" not in html


def test_the_default_range_is_30_days_and_its_link_is_current(client, alice):
    client.force_login(alice)
    html = client.get("/progress/").content.decode()
    assert re.search(r'href="\?range=30" aria-current="page"', html)
    assert len(re.findall(r"<tr data-date=", html)) == 30
    assert len(re.findall(r'<rect class="cell ', html)) == 30


@pytest.mark.parametrize("days", [7, 30, 90, 365])
def test_each_range_has_one_row_and_one_calendar_cell_per_day(client, alice, days):
    client.force_login(alice)
    html = client.get("/progress/", {"range": days}).content.decode()
    dates = re.findall(r'<tr data-date="([\d-]+)"', html)
    assert len(dates) == days
    assert dates[0] == local_today(alice).isoformat()  # newest first
    assert len(re.findall(r'<rect class="cell ', html)) == days


def test_the_chart_data_is_exactly_the_progress_apis_answer(client, alice, alice_client):
    seed_days(alice)
    client.force_login(alice)
    page = chart_json(client.get("/progress/", {"range": 30}).content.decode())
    api = alice_client.get("/api/v1/progress/", {"days": 30}).json()
    assert page == api
    assert page["days"][-2]["pain_mean"] == 2.0  # d=28: (7-4 + 5-4) / 2
    assert page["days"][-1]["pain_mean"] is None  # d=29: no rating


def test_the_table_shows_each_days_pain_and_sessions(client, alice):
    first = seed_days(alice)
    PauseDay.objects.create(user=alice, date=first + timedelta(days=3), reason=PauseReason.TRAVEL)
    client.force_login(alice)
    html = client.get("/progress/", {"range": 30}).content.decode()

    def row(d: int) -> str:
        day = (first + timedelta(days=d)).isoformat()
        return re.search(rf'<tr data-date="{day}">(.*?)</tr>', html, re.S).group(1)

    assert '<td class="pain-mean">6.0</td>' in row(0)  # (7 + 5) / 2
    assert '<td class="pain-range">5\u20137</td>' in row(0)
    assert '<span class="done">0</span>' in row(0)
    assert '<span class="done">1</span>' in row(1)
    assert '<td class="pain-range"></td>' in row(4)  # no rating that day
    assert "paused" in row(3)


def test_the_calendar_tells_complete_missed_and_paused_days_apart(client, alice):
    first = seed_days(alice, days=7)
    PauseDay.objects.create(user=alice, date=first + timedelta(days=3), reason=PauseReason.FLARE_UP)
    client.force_login(alice)
    html = client.get("/progress/", {"range": 7}).content.decode()
    found = re.findall(r'<rect class="cell (\w+)" data-date="([\d-]+)"', html)
    states = {day: state for state, day in found}
    assert states[first.isoformat()] == "missed"  # d=0: nothing logged
    assert states[(first + timedelta(days=1)).isoformat()] == "complete"
    assert states[(first + timedelta(days=3)).isoformat()] == "off"  # paused, nothing logged
    label = re.search(rf'data-date="{first.isoformat()}"[^>]*aria-label="([^"]+)"', html).group(1)
    assert label.endswith("0 sessions (no session on a planned day)")


@pytest.mark.parametrize(
    ("language", "first_weekday", "top_label"), [("en", 6, "Sun"), ("de", 0, "Mo")]
)
def test_the_calendar_starts_its_weeks_on_the_locales_first_day(
    client, alice, language, first_weekday, top_label
):
    alice.language = language
    alice.save(update_fields=["language"])
    seed_days(alice, days=30)
    client.force_login(alice)
    html = client.get("/progress/", {"range": 30}).content.decode()

    cells = re.findall(r'<rect class="cell \w+" data-date="([\d-]+)" x="\d+" y="(\d+)"', html)
    rows = {}
    for day, y in cells:
        rows.setdefault(int(y), set()).add(date.fromisoformat(day).weekday())
    assert rows[min(rows)] == {first_weekday}  # the top row: Sunday in English, Monday in German
    assert len(rows) == 7 and all(len(weekdays) == 1 for weekdays in rows.values())
    labels = re.findall(r'<text class="heatmap-weekday"[^>]*>([^<]+)</text>', html)
    assert labels[0] == top_label


def test_streaks_and_habit_strength_match_the_selector(client, alice, alice_client):
    seed_days(alice)
    client.force_login(alice)
    html = client.get("/progress/").content.decode()
    api = alice_client.get("/api/v1/progress/").json()
    assert f'<dd id="current-streak">{api["current_streak"]} day' in html
    assert f'<dd id="longest-streak">{api["longest_streak"]} day' in html
    assert f'<dd id="habit-strength">{round(api["habit_strength"] * 100)}%</dd>' in html


def test_the_page_shows_only_the_signed_in_patients_data(client, alice, bob):
    seed_days(bob)
    client.force_login(alice)
    data = chart_json(client.get("/progress/").content.decode())
    assert all(day["pain_entries"] == 0 and day["sessions_logged"] == 0 for day in data["days"])


def test_function_goals_show_the_psfs_score_and_whether_the_change_is_more_than_noise(
    client, alice
):
    now = timezone.now()
    goal = services.goal_create(
        patient=alice,
        activity="Sit through a meeting",
        created_by=alice,
        now=now - timedelta(days=20),
    )
    services.goal_rating_add(goal=goal, score=3, rated_at=now - timedelta(days=20), rated_by=alice)
    services.goal_rating_add(goal=goal, score=6, rated_at=now - timedelta(days=2), rated_by=alice)
    client.force_login(alice)
    html = client.get("/progress/").content.decode()
    assert "Sit through a meeting" in html
    assert "Score: <strong>6.0</strong> out of 10" in html
    assert "up 3.0" in html and "more than day-to-day noise" in html
    assert "Ratings: 3 → 6" in html
    assert "Stratford" in html


def test_posting_to_the_progress_page_is_refused(client, alice):
    client.force_login(alice)
    assert client.post("/progress/").status_code == 405
