"""Scale-out: a burst's throughput with one worker process and with two.

Run with `make bench-scaleout` (or `.venv/bin/python bench/scaleout.py`). It needs
PostgreSQL and Redis, named as for bench/reminders.py: BENCH_DATABASE_URL
(default a database `stretchstop_bench` on 127.0.0.1, created if missing,
emptied on every run) and BENCH_REDIS_URL (default redis://127.0.0.1:6379/1).

The processes are production's, as on separate machines (tests/reminders/topology.py):
two dispatchers (`python -m tracker.entrypoints beat`, a pass every second) and
one, then two, workers (`python -m tracker.entrypoints worker`, each with
BENCH_WORKER_CONCURRENCY prefork processes, default 2 as the entry point's), each
with an environment of its own. The push service is the local one
(tests/reminders/push_receiver.py) in a process of its own, checking the VAPID
JWT and decrypting every message.

For each number of workers, BENCH_BURST (default 5,000) people fall due at once,
and it prints:
1. throughput: pushes received per second, from the due instant to the last
   one, and over the middle 80 % of the arrivals (without the first pass's wait
   and the tail);
2. lateness, due instant to push received: p50 and p99;
3. each dispatcher's share of the claimed schedules;
4. CPU time per push of the workers (sending, and the dispatcher passes they run)
   and of the push service (decrypting), which share the machine's cores.
It checks that every person got exactly one push.
"""

import base64
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

BURST = int(os.environ.get("BENCH_BURST", "5000"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stretchstop_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
WORKER_CONCURRENCY = os.environ.get("BENCH_WORKER_CONCURRENCY", "2")
WORKER_COUNTS = [int(n) for n in os.environ.get("BENCH_WORKERS", "1,2").split(",")]
SECRET_KEY = os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "0123456789" * 4)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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


def deploy_config(key: str) -> dict[str, str]:
    """The deploy's variables: the same on every machine."""
    return {
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "localhost",
        "VAPID_PRIVATE_KEY": key,
        "WEBPUSH_ALLOWED_HOSTS": "127.0.0.1",
        "WEBPUSH_ALLOW_HTTP": "1",
        "LOG_FORMAT": "json",
        "WORKER_CONCURRENCY": WORKER_CONCURRENCY,
        # A pass every second, so that the burst starts within a second of falling due.
        "REMINDERS_DISPATCH_EVERY_SECONDS": "1",
    }


def configure(config: dict[str, str]) -> None:
    os.environ.update(config, LOG_LEVEL="WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()


def cpu_seconds(group: int) -> float:
    """Return the CPU time (user + system) of the live processes in process group `group`."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        # After the command: state, ppid, pgrp, ... utime (12th), stime (13th).
        if int(fields[2]) == group:
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def run_receiver(public_key, keys, ready, stop, results_file) -> None:
    """Child process: serve the push service until told to stop, then dump what arrived."""
    from cryptography.hazmat.primitives.asymmetric import ec

    from tests.reminders.push_receiver import BrowserSubscription, PushReceiver

    os.setpgid(0, 0)  # a group of its own, for its CPU time
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


def seed() -> list:
    from django.core.management import call_command

    from tests.reminders.push_receiver import BrowserSubscription

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_exercises", verbosity=0)
    return [BrowserSubscription(path=f"/push/person{n}") for n in range(BURST)]


def start_receiver(browsers, directory: Path):
    from reminders import vapid

    keys = [
        (b.path, b.private_key.private_numbers().private_value, b.auth_secret) for b in browsers
    ]
    ready, stop = multiprocessing.Queue(), multiprocessing.Event()
    results = directory / "receiver.json"
    process = multiprocessing.Process(
        target=run_receiver,
        args=(vapid.application_server_key(), keys, ready, stop, str(results)),
    )
    process.start()
    return process, ready.get(timeout=120), stop, results


def one_run(workers: int, browsers, config: dict[str, str], directory: Path) -> None:
    import redis
    from django.utils import timezone

    from reminders.models import Delivery, DeliveryState, PushSubscription, Schedule
    from tests.reminders.topology import Topology, people_subscribed, sitting_reminders_due
    from tracker.models import User

    redis.Redis.from_url(REDIS_URL).delete("celery", "unacked", "unacked_index")
    User.objects.all().delete()
    receiver, origin, stop, results = start_receiver(browsers, directory)
    user_ids = people_subscribed(browsers, origin)
    topology = Topology(config=config, directory=directory)
    for n in (1, 2):
        topology.start("beat", f"dispatcher-{n}")
    for n in range(1, workers + 1):
        topology.start("worker", f"worker-{n}")
    try:
        topology.wait_ready()
        time.sleep(3)  # the workers' first heartbeat and the dispatchers' first ticks
        groups = [worker.pid for worker in topology.of("worker")]
        cpu_before = sum(cpu_seconds(group) for group in groups)
        receiver_before = cpu_seconds(receiver.pid)

        due = timezone.now()
        sitting_reminders_due(user_ids, due)
        deadline = time.monotonic() + 900
        while Delivery.objects.filter(state=DeliveryState.SENT).count() < BURST:
            if time.monotonic() > deadline:
                raise SystemExit("the burst did not finish within 15 minutes")
            time.sleep(0.5)
        worker_cpu = sum(cpu_seconds(group) for group in groups) - cpu_before
        receiver_cpu = cpu_seconds(receiver.pid) - receiver_before
    finally:
        topology.stop()
        stop.set()
        receiver.join(timeout=60)

    rows = json.loads(results.read_text())
    accepted = [r for r in rows if r["status"] == 201 and not r["problem"]]
    topics = {r["topic"] for r in accepted}
    assert len(topics) == BURST == len(accepted), (len(topics), len(accepted))
    assert Schedule.objects.filter(next_fire_at__lte=due).count() == 0
    arrivals = sorted(r["at"] - due.timestamp() for r in accepted)
    p10, p90 = arrivals[len(arrivals) // 10], arrivals[len(arrivals) * 9 // 10]
    p50, p99 = statistics.median(arrivals), arrivals[int(len(arrivals) * 0.99) - 1]
    claimed = {
        name: sum(p["claimed"] for p in passes) for name, passes in topology.passes().items()
    }
    shares = ", ".join(f"{name} {count:,}" for name, count in sorted(claimed.items()))
    print(
        f"{workers} worker process{'es' if workers > 1 else ''} "
        f"(prefork, {WORKER_CONCURRENCY} each), two dispatchers, {BURST:,} due at once:\n"
        f"  throughput {BURST / arrivals[-1]:,.0f} pushes/s due to last "
        f"({arrivals[-1]:.1f} s), {0.8 * BURST / (p90 - p10):,.0f}/s over the middle 80 %\n"
        f"  lateness p50 {p50:.1f} s, p99 {p99:.1f} s; each received once, decrypted\n"
        f"  claimed by {shares}\n"
        f"  CPU per push: workers {worker_cpu / BURST * 1000:.1f} ms, "
        f"push service {receiver_cpu / BURST * 1000:.1f} ms"
    )
    PushSubscription.objects.all().delete()


def main() -> None:
    create_database()
    config = deploy_config(vapid_key())
    configure(config)
    browsers = seed()
    print(
        f"load average before: {', '.join(f'{n:.2f}' for n in os.getloadavg())} "
        f"({os.cpu_count()} cores)"
    )
    with tempfile.TemporaryDirectory(prefix="bench-scaleout-") as directory:
        for workers in WORKER_COUNTS:
            run_dir = Path(directory) / f"workers-{workers}"
            run_dir.mkdir()
            one_run(workers, browsers, config, run_dir)
            print(f"  load average after: {', '.join(f'{n:.2f}' for n in os.getloadavg())}")


if __name__ == "__main__":
    main()
