"""Structured logs with a request id that follows a request into the tasks it enqueues.

1. RequestIdMiddleware takes the client's `X-Request-ID` when it is a plain
   token (letters, digits, `._-`, at most 64), or makes one; it answers it in
   `X-Request-ID` and logs one line per request (method, path without its query
   string, view, status, milliseconds). Query strings are never logged: a
   reminder's link carries its action token there.
2. Every log record gets `request_id` (and `task_id` inside a task) through the
   record factory, so any handler and formatter can show it.
3. A task published while a request id is set carries it in a message header;
   the worker sets it again before the task runs. A task with none (beat's)
   uses its own task id, so a dispatcher pass and the sends it enqueues share one.
4. JsonFormatter writes one JSON object per line (LOG_FORMAT=json, the default
   with debug off).
"""

import json
import logging
import re
import time
import traceback
import uuid
from contextvars import ContextVar

import sentry_sdk
from celery.signals import before_task_publish, task_postrun, task_prerun
from django.http import HttpRequest

request_id: ContextVar[str] = ContextVar("request_id", default="-")
current_task: ContextVar[str] = ContextVar("current_task", default="-")
HEADER = "request_id"
_VALID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

access_logger = logging.getLogger("stretchstop.requests")


def request_id_for(offered: str | None) -> str:
    """Return the client's id if it is a plain token, else a new one."""
    if offered and _VALID.match(offered):
        return offered
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_id.set(request_id_for(request.headers.get("X-Request-ID")))
        sentry_sdk.get_isolation_scope().set_tag("request_id", request_id.get())
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id.get()
            match = getattr(request, "resolver_match", None)
            access_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "view": match.view_name if match is not None else "unmatched",
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)


_base_factory = logging.getLogRecordFactory()


def _record_factory(*args, **kwargs) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    record.request_id = request_id.get()
    record.task_id = current_task.get()
    return record


def install_record_factory() -> None:
    if logging.getLogRecordFactory() is not _record_factory:
        logging.setLogRecordFactory(_record_factory)


# Attributes every LogRecord has; anything else was passed in `extra`.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message",
    "asctime",
    "request_id",
    "task_id",
}


class TextFormatter(logging.Formatter):
    """Plain lines for a terminal (LOG_FORMAT=text), with the request id."""

    def __init__(self):
        super().__init__(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
            defaults={"request_id": "-"},
        )


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if getattr(record, "task_id", "-") != "-":
            entry["task_id"] = record.task_id
        for key, value in record.__dict__.items():
            if key in _STANDARD or key.startswith("_"):
                continue
            if isinstance(value, HttpRequest):
                # Django's error log passes the request; its repr has the query
                # string, where a reminder link carries its action token.
                value = f"{value.method} {value.path}"
            entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


@before_task_publish.connect(dispatch_uid="logs-request-id-publish")
def _add_request_id(headers=None, **kwargs) -> None:
    current = request_id.get()
    if headers is not None and current != "-":
        headers.setdefault(HEADER, current)


_tokens: dict[str, tuple] = {}


@task_prerun.connect(dispatch_uid="logs-request-id-prerun")
def _set_request_id(task_id=None, task=None, **kwargs) -> None:
    offered = getattr(task.request, HEADER, None) if task is not None else None
    _tokens[task_id] = (
        request_id.set(offered or task_id or "-"),
        current_task.set(task_id or "-"),
    )
    sentry_sdk.get_isolation_scope().set_tag("request_id", request_id.get())


@task_postrun.connect(dispatch_uid="logs-request-id-postrun")
def _reset_request_id(task_id=None, **kwargs) -> None:
    tokens = _tokens.pop(task_id, None)
    if tokens is not None:
        request_id.reset(tokens[0])
        current_task.reset(tokens[1])
