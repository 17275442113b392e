"""Structured logs: a request id on every line, JSON in production, no query strings."""

import json
import logging
import re

from django.test import Client, RequestFactory

from tracker.logs import JsonFormatter, request_id, request_id_for


def test_a_plain_client_request_id_is_kept_and_answered(db):
    response = Client().get("/healthz", HTTP_X_REQUEST_ID="abc-123.X_y")

    assert response.headers["X-Request-ID"] == "abc-123.X_y"


def test_a_missing_or_unsafe_request_id_is_replaced_by_a_new_one(db):
    for offered in (None, "has space", "x" * 65, 'quote"d', "new\nline"):
        extra = {"HTTP_X_REQUEST_ID": offered} if offered else {}
        answered = Client().get("/healthz", **extra).headers["X-Request-ID"]
        assert re.fullmatch(r"[0-9a-f]{32}", answered), offered


def test_each_request_is_logged_once_with_its_id_and_without_its_query_string(db, caplog):
    caplog.set_level(logging.INFO, logger="stretchstop.requests")

    Client().get("/healthz?token=secret-action-token", HTTP_X_REQUEST_ID="req-1")

    [record] = [r for r in caplog.records if r.name == "stretchstop.requests"]
    assert record.request_id == "req-1"
    assert (record.path, record.status, record.view) == ("/healthz", 200, "healthz")
    assert "secret-action-token" not in JsonFormatter().format(record)


def test_json_lines_carry_the_request_id_and_never_a_requests_query_string():
    request = RequestFactory().post("/reminders/5/?token=secret-action-token")
    token = request_id.set("req-2")
    try:
        record = logging.getLogger("django.request").makeRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
            (request.path,), None, extra={"request": request, "status_code": 500},
        )  # fmt: skip
    finally:
        request_id.reset(token)

    line = json.loads(JsonFormatter().format(record))

    assert line["request_id"] == "req-2"
    assert line["level"] == "ERROR"
    assert line["message"] == "Internal Server Error: /reminders/5/"
    assert line["request"] == "POST /reminders/5/"
    assert line["status_code"] == 500


def test_request_id_for_accepts_only_plain_tokens():
    assert request_id_for("ok-1") == "ok-1"
    assert request_id_for("") != ""
    assert request_id_for("<script>") != "<script>"
