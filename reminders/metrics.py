"""Operational figures shared by every process: counters, histograms, the dispatcher's last pass.

Workers and dispatchers are separate processes, often on separate machines, and
the web serves /metrics from yet another. So the figures live in one Redis hash
(`REDIS_URL`): each process adds to it with HINCRBY (one round trip per event,
pipelined), and the web reads it whole (one HGETALL) when scraped. Without
REDIS_URL (tests, one-off commands) they live in this process's memory.

Field names are `metric|label=value,...`; a histogram keeps one field per
bucket (not cumulative), `|sum_ms` and nothing else: its count is the sum of
its buckets. Recording never raises: a lost figure must not fail a send.
"""

import logging
import threading
import time
from collections.abc import Iterable, Mapping

import redis
from django.conf import settings

logger = logging.getLogger(__name__)

HASH_KEY = "stretchstop:metrics"
LAST_PASS_FIELD = "dispatcher_last_pass_timestamp"  # noqa: S105 - a hash field
# Upper bounds in seconds. Lateness: a reminder is fine within a minute, late past it.
LATENESS_BUCKETS = (0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800)
PASS_BUCKETS = (0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)

_memory: dict[str, float] = {}
_memory_lock = threading.Lock()
_clients: dict[str, redis.Redis] = {}
# After a Redis error, figures are dropped for this long instead of each request
# waiting for Redis's timeout again.
PAUSE_AFTER_ERROR_SECONDS = 5.0
_paused_until = 0.0
# Figures a send task gathers while it works, written in one round trip at its end.
_buffer = threading.local()


def _client() -> redis.Redis | None:
    url = settings.REDIS_URL
    if not url:
        return None
    if url not in _clients:
        _clients[url] = redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5, health_check_interval=30
        )
    return _clients[url]


def field(metric: str, labels: Mapping[str, str] | None = None) -> str:
    if not labels:
        return metric
    return metric + "|" + ",".join(f"{key}={value}" for key, value in sorted(labels.items()))


def parse_field(name: str) -> tuple[str, dict[str, str]]:
    metric, _, rest = name.partition("|")
    labels = dict(part.split("=", 1) for part in rest.split(",") if "=" in part)
    return metric, labels


def bucket_for(seconds: float, buckets: Iterable[float]) -> str:
    for bound in buckets:
        if seconds <= bound:
            return repr(float(bound))
    return "+Inf"


def increments(items: Mapping[str, int | float]) -> None:
    """Add each amount to its field (all in one round trip); log and go on if Redis fails."""
    items = {name: amount for name, amount in items.items() if amount}
    if not items:
        return
    global _paused_until
    client = _client()
    if client is None:
        with _memory_lock:
            for name, amount in items.items():
                _memory[name] = _memory.get(name, 0) + amount
        return
    if time.monotonic() < _paused_until:
        return
    try:
        with client.pipeline(transaction=False) as pipe:
            for name, amount in items.items():
                if isinstance(amount, int):
                    pipe.hincrby(HASH_KEY, name, amount)
                else:
                    pipe.hincrbyfloat(HASH_KEY, name, amount)
            pipe.execute()
    except redis.RedisError as error:
        _paused_until = time.monotonic() + PAUSE_AFTER_ERROR_SECONDS
        logger.warning("metrics not recorded: %s", error.__class__.__name__)


def observation(
    metric: str, seconds: float, buckets: Iterable[float], labels: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Return the increments that record one observation of `seconds` in a histogram."""
    labels = dict(labels or {})
    return {
        field(f"{metric}_bucket", {**labels, "le": bucket_for(seconds, buckets)}): 1,
        field(f"{metric}_sum_ms", labels): round(seconds * 1000),
    }


def buffer_add(items: Mapping[str, int]) -> None:
    """Add to this thread's buffer (see flush): a burst of pushes costs no round trip each."""
    buffered = _buffer.__dict__.setdefault("items", {})
    for name, amount in items.items():
        buffered[name] = buffered.get(name, 0) + amount


def discard() -> None:
    _buffer.__dict__.pop("items", None)


def flush() -> None:
    """Write what this thread buffered."""
    buffered = _buffer.__dict__.pop("items", {})
    increments(buffered)


def by_channel(metric: str, channels: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for channel in channels:
        name = field(metric, {"channel": channel})
        counts[name] = counts.get(name, 0) + 1
    return counts


def snapshot() -> dict[str, float]:
    """Return every field and its value; raise redis.RedisError when Redis cannot answer."""
    client = _client()
    if client is None:
        with _memory_lock:
            return dict(_memory)
    raw = client.hgetall(HASH_KEY)
    return {name.decode(): float(value) for name, value in raw.items()}


def dispatch_pass_record(*, ended_at: float, seconds: float, claimed: int) -> None:
    """Record a dispatcher pass: when it ended (Unix seconds), its duration, what it claimed."""
    items: dict[str, int | float] = {
        field("dispatcher_claimed_total"): claimed,
        field("dispatcher_passes_total"): 1,
        **observation("dispatcher_pass_seconds", seconds, PASS_BUCKETS),
    }
    increments(items)
    client = _client()
    if client is None:
        with _memory_lock:
            _memory[LAST_PASS_FIELD] = ended_at
        return
    try:
        client.hset(HASH_KEY, LAST_PASS_FIELD, repr(ended_at))
    except redis.RedisError as error:
        logger.warning("dispatcher pass not recorded: %s", error.__class__.__name__)


def dispatch_last_pass() -> float | None:
    """Return when (Unix seconds) a dispatcher last finished a pass, or None if never.

    Raises redis.RedisError when Redis cannot answer.
    """
    client = _client()
    if client is None:
        with _memory_lock:
            return _memory.get(LAST_PASS_FIELD)
    value = client.hget(HASH_KEY, LAST_PASS_FIELD)
    return float(value) if value is not None else None
