"""Prometheus metrics at `/metrics`, behind a bearer token (METRICS_TOKEN).

Every figure lives in the Redis hash of reminders/metrics.py, whichever process
produced it: gunicorn workers (requests, logs and pain entries created), Celery
workers (sends, lateness, push responses) and dispatchers (passes). A scrape of
any web process reads them all in one HGETALL; nothing depends on which
process the scrape reaches, and no multiprocess directory is needed.
prometheus-client only renders the exposition format (see README, "Metrics").
"""

import hmac
import logging
import time
from collections import defaultdict

import redis
from django.conf import settings
from django.db.models.signals import post_save
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
)

from exercises.models import ExerciseLog
from reminders import metrics as store
from tracker.celery import app as celery_app
from tracker.models import PainEntry

logger = logging.getLogger(__name__)

PREFIX = "stretchstop_"
KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

HISTOGRAM_BUCKETS = {
    "http_request_duration_seconds": REQUEST_BUCKETS,
    "reminder_lateness_seconds": store.LATENESS_BUCKETS,
    "dispatcher_pass_seconds": store.PASS_BUCKETS,
}
# name: (type, help). Every metric is listed here, so a scrape shows each one
# (at zero) before anything happened.
METRICS = {
    "http_requests": ("counter", "Requests answered, by view, method and status."),
    "http_request_duration_seconds": ("histogram", "Time to answer a request, by view."),
    "reminders_due": ("counter", "Reminders that fell due (deliveries created), by channel."),
    "reminders_sent": ("counter", "Reminders that reached someone, by channel."),
    "reminders_failed": ("counter", "Reminders no target could take, by channel."),
    "reminders_missed": ("counter", "Reminders recorded missed (outage or too late), by channel."),
    "reminder_lateness_seconds": ("histogram", "From a reminder's due time to its sending."),
    "dispatcher_pass_seconds": ("histogram", "Duration of a dispatcher pass."),
    "dispatcher_claimed": ("counter", "Schedules and drives the dispatcher claimed."),
    "push_responses": ("counter", "Push service answers, by HTTP status."),
    "exercise_logs_created": ("counter", "Stretch sessions logged."),
    "pain_entries_created": ("counter", "Pain ratings recorded."),
}


def view_label(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None and match.view_name else "unmatched"


class RequestMetricsMiddleware:
    """Count each request by view, method and status, and time it (one Redis round trip)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        view = view_label(request)
        # Known methods only: a client must not be able to make new series at will.
        method = request.method if request.method in KNOWN_METHODS else "other"
        labels = {"view": view, "method": method, "status": str(response.status_code)}
        store.increments(
            {
                store.field("http_requests_total", labels): 1,
                **store.observation(
                    "http_request_duration_seconds", seconds, REQUEST_BUCKETS, {"view": view}
                ),
            }
        )
        return response


def _count_created(metric: str):
    def receiver(sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            store.increments({store.field(metric): 1})

    return receiver


_log_created = _count_created("exercise_logs_created_total")
_pain_created = _count_created("pain_entries_created_total")


def connect_signals() -> None:
    """Count new rows however they are made (API, pages, a reminder's Done): observation only."""
    post_save.connect(_log_created, sender=ExerciseLog, dispatch_uid="metrics-log-created")
    post_save.connect(_pain_created, sender=PainEntry, dispatch_uid="metrics-pain-created")


def send_queue_depth() -> int:
    """Return the messages waiting in the send queue at the broker."""
    queue = celery_app.conf.task_default_queue
    with celery_app.connection_for_read() as connection:
        try:
            declared = connection.default_channel.queue_declare(queue=queue, passive=True)
        except connection.channel_errors:
            return 0  # nothing was ever sent: the queue does not exist yet
        return declared.message_count


class StoreCollector:
    """Turn the shared hash into metric families."""

    def collect(self):
        snapshot = store.snapshot()
        series: dict[str, dict] = defaultdict(lambda: defaultdict(dict))
        for name, value in snapshot.items():
            metric, labels = store.parse_field(name)
            le = labels.pop("le", None)
            key = tuple(sorted(labels.items()))
            if metric.endswith("_bucket") and le is not None:
                series[metric.removesuffix("_bucket")][key].setdefault("buckets", {})[le] = value
            elif metric.endswith("_sum_ms"):
                series[metric.removesuffix("_sum_ms")][key]["sum"] = value / 1000
            elif metric.endswith("_total"):
                series[metric.removesuffix("_total")][key]["value"] = value
        for metric, (kind, doc) in METRICS.items():
            buckets = HISTOGRAM_BUCKETS.get(metric, ())
            yield _family(PREFIX + metric, kind, doc, series.get(metric, {}), buckets)
        last = snapshot.get(store.LAST_PASS_FIELD)
        yield GaugeMetricFamily(
            PREFIX + "dispatcher_last_pass_timestamp_seconds",
            "When a dispatcher pass last ended (Unix time).",
            value=last if last is not None else 0,
        )
        try:
            depth = send_queue_depth()
        except Exception:
            # The broker is down: /readyz says so; the other figures still count.
            logger.warning("send queue depth unavailable", exc_info=True)
            return
        yield GaugeMetricFamily(
            PREFIX + "send_queue_depth", "Send tasks waiting at the broker.", value=depth
        )


def _family(name: str, kind: str, doc: str, by_labels: dict, bounds: tuple = ()):
    label_names = sorted({key for labels in by_labels for key, _ in labels})
    if kind == "counter":
        family = CounterMetricFamily(name, doc, labels=label_names)
        for labels, data in by_labels.items():
            values = dict(labels)
            family.add_metric([values.get(n, "") for n in label_names], data.get("value", 0))
        if not by_labels:
            family.add_metric([], 0)
        return family
    family = HistogramMetricFamily(name, doc, labels=label_names)
    for labels, data in by_labels.items():
        values = dict(labels)
        counts = data.get("buckets", {})
        cumulative, buckets = 0.0, []
        # Every bucket, observed or not, so that each series has the same bounds.
        for bound in bounds:
            cumulative += counts.get(store.bucket_for(bound, bounds), 0)
            buckets.append((repr(float(bound)), cumulative))
        cumulative += counts.get("+Inf", 0)
        buckets.append(("+Inf", cumulative))
        family.add_metric(
            [values.get(n, "") for n in label_names], buckets, sum_value=data.get("sum", 0)
        )
    return family


@never_cache
def metrics_view(request):
    """Answer the metrics to a scraper holding METRICS_TOKEN; 404 when none is configured.

    Without a token set the endpoint does not exist (404), so it is never
    public by mistake; a missing or wrong token is 401.
    """
    token = settings.METRICS_TOKEN
    if not token:
        raise Http404
    header = request.headers.get("Authorization", "")
    offered = header.removeprefix("Bearer ") if header.startswith("Bearer ") else ""
    if not hmac.compare_digest(offered.encode(), token.encode()):
        response = HttpResponse("Unauthorized.\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    registry = CollectorRegistry(auto_describe=False)
    registry.register(StoreCollector())
    try:
        body = generate_latest(registry)
    except redis.RedisError:
        logger.warning("metrics unavailable: Redis did not answer", exc_info=True)
        return HttpResponse("Metrics unavailable.\n", status=503, content_type="text/plain")
    return HttpResponse(body, content_type="text/plain; version=0.0.4")
