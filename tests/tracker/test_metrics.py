"""/metrics: never public, and its counters move when things happen.

With REDIS_URL set the figures go through the real Redis hash, as between
processes in production; the tests compare before and after, so figures left
by other tests do not matter.
"""

import uuid

import pytest
from django.test import Client
from prometheus_client.parser import text_string_to_metric_families

TOKEN = "a-scraper-token-of-at-least-32-characters"


def scrape() -> dict[tuple, float]:
    """Return {(sample name, sorted labels): value} from /metrics."""
    response = Client().get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200, response.content
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def moved(before: dict, after: dict, name: str, **labels: str) -> float:
    key = (name, tuple(sorted(labels.items())))
    return after.get(key, 0) - before.get(key, 0)


@pytest.fixture
def metrics_token(settings):
    settings.METRICS_TOKEN = TOKEN


def test_metrics_is_404_when_no_token_is_configured(db, settings):
    settings.METRICS_TOKEN = ""

    assert Client().get("/metrics").status_code == 404
    assert Client().get("/metrics", HTTP_AUTHORIZATION="Bearer anything").status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Token {TOKEN}", TOKEN])
def test_metrics_refuses_a_missing_or_wrong_token(db, metrics_token, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}

    response = Client().get("/metrics", **extra)

    assert response.status_code == 401
    assert b"stretchstop" not in response.content


def test_metrics_lists_every_figure_for_the_right_token(db, metrics_token):
    text = Client().get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()

    for name in (
        "stretchstop_http_requests_total",
        "stretchstop_http_request_duration_seconds",
        "stretchstop_reminders_due_total",
        "stretchstop_reminders_sent_total",
        "stretchstop_reminders_failed_total",
        "stretchstop_reminders_missed_total",
        "stretchstop_reminder_lateness_seconds",
        "stretchstop_dispatcher_pass_seconds",
        "stretchstop_dispatcher_claimed_total",
        "stretchstop_dispatcher_last_pass_timestamp_seconds",
        "stretchstop_send_queue_depth",
        "stretchstop_push_responses_total",
        "stretchstop_exercise_logs_created_total",
        "stretchstop_pain_entries_created_total",
    ):
        assert f"# TYPE {name.removesuffix('_total')}" in text, name


def test_requests_are_counted_by_view_and_status_and_timed(metrics_token, alice_client):
    before = scrape()

    alice_client.get("/api/v1/me/")
    alice_client.get("/api/v1/me/")
    alice_client.get("/api/v1/logs/not-a-uuid/")

    after = scrape()
    me = {"view": "me", "method": "GET", "status": "200"}
    assert moved(before, after, "stretchstop_http_requests_total", **me) == 2
    count = "stretchstop_http_request_duration_seconds_count"
    assert moved(before, after, count, view="me") == 2
    assert moved(before, after, "stretchstop_http_request_duration_seconds_sum", view="me") > 0
    unmatched = {"view": "unmatched", "method": "GET", "status": "404"}
    assert moved(before, after, "stretchstop_http_requests_total", **unmatched) == 1


def test_unknown_methods_and_paths_make_no_new_series(metrics_token, db):
    Client().get("/no/such/path/0")
    scrape()
    before = scrape()

    Client().generic("BREW", "/no/such/path/1")
    Client().generic("MKCOFFEE", "/no/such/path/2")

    after = scrape()
    # One new series: requests of an unknown method to no route.
    assert len(after) == len(before) + 1
    other = {"view": "unmatched", "method": "other", "status": "404"}
    assert moved(before, after, "stretchstop_http_requests_total", **other) == 2


def test_logs_and_pain_entries_created_are_counted_once_each(metrics_token, alice_client, library):
    before = scrape()
    pain = {"id": str(uuid.uuid4()), "recorded_at": "2025-03-01T08:00:00Z", "rating": 4}

    assert alice_client.post("/api/v1/pain/", pain, format="json").status_code == 201
    # A resend of the same entry stores nothing new, and counts nothing.
    assert alice_client.post("/api/v1/pain/", pain, format="json").status_code == 200

    after = scrape()
    assert moved(before, after, "stretchstop_pain_entries_created_total") == 1
    assert moved(before, after, "stretchstop_exercise_logs_created_total") == 0


def test_a_redis_that_is_down_costs_requests_nothing(settings, alice_client):
    from reminders import metrics
    from tests.tracker.test_devserver import free_port

    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"
    metrics._paused_until = 0.0

    responses = [alice_client.get("/api/v1/me/") for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 200]
    # After the first failure the figures are dropped without trying Redis again.
    assert metrics._paused_until > 0
    metrics._paused_until = 0.0
