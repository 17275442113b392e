"""Reminders at 100,000 users: dispatcher passes, a 10,000-reminder burst, memory.

Run with `make bench-reminders` (or `.venv/bin/python bench/reminders.py`). It
needs PostgreSQL and Redis: BENCH_DATABASE_URL (default a database
`stretchstop_bench` on 127.0.0.1, created if missing, emptied on every run) and
BENCH_REDIS_URL (default redis://127.0.0.1:6379/1). It prints, in one run:

1. the idle dispatcher pass (nothing due), median and worst of 20;
2. one pass with 10,000 due: claimed, deliveries created, sends enqueued;
3. end-to-end lateness p50/p99 from the due instant to the push arriving at a
   local push service (tests/reminders/push_receiver.py, in its own process,
   checking VAPID and decrypting every message) with one Celery worker;
4. the dispatcher's peak memory (tracemalloc) with 1,000 and 10,000 due.
"""

import base64
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

USERS = int(os.environ.get("BENCH_USERS", "100000"))
BURST = int(os.environ.get("BENCH_BURST", "10000"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stretchstop_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
WORKER_POOL = os.environ.get("BENCH_WORKER_POOL", "prefork")
WORKER_CONCURRENCY = os.environ.get("BENCH_WORKER_CONCURRENCY", "4")


def create_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def vapid_key() -> str:
    from py_vapid import Vapid

    key = Vapid()
    key.generate_keys()
    raw = key.private_key.private_numbers().private_value.to_bytes(32, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def configure() -> str:
    key = vapid_key()
    os.environ.update(
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        CELERY_BROKER_URL=REDIS_URL,
        VAPID_PRIVATE_KEY=key,
        WEBPUSH_ALLOWED_HOSTS="127.0.0.1",
        WEBPUSH_ALLOW_HTTP="1",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "0123456789" * 4),
        ALLOWED_HOSTS="localhost",
        LOG_LEVEL="WARNING",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    return key


def seed(now) -> list[int]:
    """Create USERS users, each with a sitting schedule due tomorrow; return user ids."""
    from django.core.management import call_command

    from reminders.models import Schedule
    from tracker.models import User

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_exercises", verbosity=0)
    zones = ["Europe/Berlin", "America/Chicago", "America/New_York", "Asia/Kolkata", "UTC"]
    started = time.perf_counter()
    for start in range(0, USERS, 5000):
        users = User.objects.bulk_create(
            User(username=f"bench{n}", password="!", timezone=zones[n % len(zones)])
            for n in range(start, min(start + 5000, USERS))
        )
        Schedule.objects.bulk_create(
            Schedule(
                user=user,
                kind="sitting",
                weekdays=[1, 2, 3, 4, 5, 6, 7],
                window_start="00:00",
                window_end="00:00",
                next_fire_at=now + timedelta(days=1),
            )
            for user in users
        )
    print(f"seeded {USERS:,} users and schedules in {time.perf_counter() - started:.1f} s")
    return list(User.objects.order_by("id").values_list("id", flat=True)[:BURST])


def idle_pass(now) -> None:
    from reminders.dispatch import dispatch_due

    timings = []
    for _ in range(20):
        started = time.perf_counter()
        result = dispatch_due(now=now, enqueue=lambda ids: None)
        timings.append((time.perf_counter() - started) * 1000)
        assert result.claimed == 0
    print(
        f"idle dispatcher pass: median {statistics.median(timings):.1f} ms, "
        f"worst {max(timings):.1f} ms (aim < 50 ms)"
    )


def make_due(user_ids, due) -> None:
    from reminders.models import Schedule

    Schedule.objects.filter(user_id__in=user_ids).update(next_fire_at=due)


def memory_pass(user_ids, now) -> float:
    """Return the dispatcher's peak traced memory in MiB for these users falling due."""
    from reminders.dispatch import dispatch_due

    make_due(user_ids, now - timedelta(seconds=1))
    tracemalloc.start()
    dispatch_due(now=now, enqueue=lambda ids: None)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def run_receiver(public_key, keys, ready, stop, results_file) -> None:
    """Child process: serve the push service until told to stop, then dump what arrived."""
    from cryptography.hazmat.primitives.asymmetric import ec

    from tests.reminders.push_receiver import BrowserSubscription, PushReceiver

    receiver = PushReceiver(public_key)
    for path, private_value, auth in keys:
        receiver.subscriptions[path] = BrowserSubscription(
            path=path,
            private_key=ec.derive_private_key(private_value, ec.SECP256R1()),
            auth_secret=auth,
        )
    receiver.start()
    ready.put(receiver.origin)
    stop.wait()
    receiver.stop()
    rows = [
        {"topic": r.headers.get("topic"), "at": r.wall_at, "status": r.status, "problem": r.problem}
        for r in receiver.received
    ]
    Path(results_file).write_text(json.dumps(rows))


def burst(user_ids, key) -> None:
    import redis
    from django.utils import timezone

    from reminders import vapid
    from reminders.dispatch import dispatch_due
    from reminders.models import Delivery, DeliveryState, PushSubscription
    from reminders.tasks import enqueue_sends
    from tests.reminders.push_receiver import BrowserSubscription

    browsers = [BrowserSubscription(path=f"/push/{uid}") for uid in user_ids]
    keys = [
        (b.path, b.private_key.private_numbers().private_value, b.auth_secret) for b in browsers
    ]
    ready, stop = multiprocessing.Queue(), multiprocessing.Event()
    results_file = BASE_DIR / "var" / "bench-receiver.json"
    results_file.parent.mkdir(exist_ok=True)
    receiver = multiprocessing.Process(
        target=run_receiver,
        args=(vapid.application_server_key(), keys, ready, stop, str(results_file)),
    )
    receiver.start()
    origin = ready.get(timeout=60)
    PushSubscription.objects.bulk_create(
        PushSubscription(user_id=uid, endpoint=f"{origin}{b.path}", p256dh=b.p256dh, auth=b.auth)
        for uid, b in zip(user_ids, browsers, strict=True)
    )

    # The dispatcher pass alone: claims, deliveries, and the real enqueue to Redis.
    now = timezone.now()
    make_due(user_ids, now)
    started = time.perf_counter()
    result = dispatch_due(now=now, enqueue=enqueue_sends)
    elapsed = time.perf_counter() - started
    print(
        f"{BURST:,} due: claimed {result.claimed:,}, created {result.pending:,} deliveries "
        f"and enqueued them in {elapsed:.2f} s (aim < 2 s)"
    )
    redis.Redis.from_url(REDIS_URL).delete("celery")
    Delivery.objects.all().delete()

    # The burst, end to end, with the worker already waiting.
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool", WORKER_POOL,
         "--concurrency", WORKER_CONCURRENCY, "--loglevel", "WARNING",
         "--without-mingle", "--without-gossip"],
        cwd=BASE_DIR, env={**os.environ, "LOG_LEVEL": "WARNING"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(8)  # let the worker connect before the burst
    now = timezone.now() + timedelta(seconds=1)
    make_due(user_ids, now)
    dispatch_due(now=now, enqueue=enqueue_sends)

    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        pending = Delivery.objects.filter(state=DeliveryState.PENDING).count()
        if pending == 0:
            break
        time.sleep(1)
    worker.terminate()
    worker.wait(timeout=60)
    stop.set()
    receiver.join(timeout=60)

    rows = json.loads(results_file.read_text())
    problems = [r for r in rows if r["problem"]]
    arrivals = sorted(r["at"] - now.timestamp() for r in rows if r["status"] == 201)
    sent = Delivery.objects.filter(state=DeliveryState.SENT).count()
    p50 = statistics.median(arrivals)
    p99 = arrivals[int(len(arrivals) * 0.99) - 1]
    print(
        f"burst of {BURST:,} with one worker ({WORKER_POOL}, concurrency {WORKER_CONCURRENCY}): "
        f"{len(arrivals):,} pushes received, {sent:,} deliveries sent, {len(problems)} refused; "
        f"lateness p50 {p50:.1f} s, p99 {p99:.1f} s, last {arrivals[-1]:.1f} s (aim p99 < 30 s)"
    )


def main() -> None:
    create_database()
    key = configure()
    from django.utils import timezone

    now = timezone.now()
    user_ids = seed(now)
    idle_pass(now)
    small = memory_pass(user_ids[:1000], now)
    large = memory_pass(user_ids, now + timedelta(seconds=1))
    print(
        f"dispatcher peak memory: {small:.1f} MiB with 1,000 due, {large:.1f} MiB with "
        f"{BURST:,} due (batches of a fixed size: flat in the number of users)"
    )
    from reminders.models import Delivery

    Delivery.objects.all().delete()
    burst(user_ids, key)


if __name__ == "__main__":
    main()
