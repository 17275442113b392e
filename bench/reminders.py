"""Reminders at 100,000 and 1,000,000 schedules: dispatcher passes, a burst, memory.

Run with `make bench-reminders` (or `.venv/bin/python bench/reminders.py`). It
needs PostgreSQL and Redis: BENCH_DATABASE_URL (default a database
`stretchstop_bench` on 127.0.0.1, created if missing, emptied on every run) and
BENCH_REDIS_URL (default redis://127.0.0.1:6379/1). It prints, in one run, each
figure next to its aim (issue 13), and the machine's load average with them:

At BENCH_USERS (100,000) users, each with a sitting reminder:
1. the idle dispatcher pass (nothing due), median and worst of 20;
2. a pass with 10,000 due: claimed, deliveries recorded, sends enqueued to
   Redis; the median of 3 passes, with the dispatcher's own CPU time;
3. that pass's memory: tracemalloc peak and the process's peak RSS;
4. a burst of 10,000: lateness p50/p99 from the due instant to the push arriving
   at a local push service (tests/reminders/push_receiver.py, in its own
   process, checking VAPID and decrypting every message) with one Celery
   worker of 4 processes, and the CPU time per push of the worker, of the
   dispatcher and of the receiver.

BENCH_SEND=0 skips 4 (the burst through a worker to the push service), for
measuring the dispatcher alone.

Then, unless BENCH_LARGE=0, the schedules grow to BENCH_LARGE (1,000,000) with
one INSERT ... SELECT FROM generate_series each for users and schedules, and 1-3
are measured again, with a line comparing the two sizes.
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
LARGE = int(os.environ.get("BENCH_LARGE", "1000000"))
BURST = int(os.environ.get("BENCH_BURST", "10000"))
SEND = os.environ.get("BENCH_SEND", "1") != "0"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stretchstop_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
WORKER_POOL = os.environ.get("BENCH_WORKER_POOL", "prefork")
WORKER_CONCURRENCY = os.environ.get("BENCH_WORKER_CONCURRENCY", "4")
ZONES = ["Europe/Berlin", "America/Chicago", "America/New_York", "Asia/Kolkata", "UTC"]
# The aims of issue 13, printed next to each figure.
AIM_IDLE_MS = 2.0
AIM_DUE_S = 0.35
AIM_P99_S = 6.0


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f}"


def verdict(figure: float, aim: float) -> str:
    return "met" if figure <= aim else "NOT met"


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
    """Create USERS users with a sitting schedule each (due tomorrow); return the burst's users."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_exercises", verbosity=0)
    started = time.perf_counter()
    grow(USERS, now)
    print(f"seeded {USERS:,} users and schedules in {time.perf_counter() - started:.1f} s")
    from tracker.models import User

    return list(User.objects.order_by("id").values_list("id", flat=True)[:BURST])


def grow(total: int, now) -> None:
    """Add users with a sitting schedule each (due tomorrow) until there are `total`.

    The first is made with the ORM, so every column has the value the app gives
    it; the rest are copies of it made by PostgreSQL from generate_series, in two
    statements: about 10 s for a million on this machine, against minutes for
    bulk_create.
    """
    from django.db import connection

    from reminders.models import Schedule
    from tracker.models import User

    have = User.objects.count()
    if have >= total:
        return
    if have == 0:
        user = User.objects.create(username="bench0", password="!", timezone=ZONES[0])
        Schedule.objects.create(
            user=user,
            kind="sitting",
            weekdays=[1, 2, 3, 4, 5, 6, 7],
            window_start="00:00",
            window_end="00:00",
            next_fire_at=now + timedelta(days=1),
        )
        have = 1
    template_user = User.objects.order_by("id").first()
    template = Schedule.objects.get(user=template_user)
    user_columns = [f.column for f in User._meta.concrete_fields if not f.primary_key]
    values = [
        {
            "username": "'bench' || n",
            "timezone": f"(ARRAY{ZONES!r})[1 + n %% {len(ZONES)}]".replace('"', "'"),
        }.get(column, f't."{column}"')
        for column in user_columns
    ]
    schedule_columns = [f.column for f in Schedule._meta.concrete_fields if not f.primary_key]
    schedule_values = [
        "u.id" if column == "user_id" else f't."{column}"' for column in schedule_columns
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {User._meta.db_table} ({', '.join(user_columns)}) "
            f"SELECT {', '.join(values)} FROM {User._meta.db_table} t, "
            "generate_series(%s, %s) AS n WHERE t.id = %s",
            [have, total - 1, template_user.pk],
        )
        cursor.execute(
            f"INSERT INTO {Schedule._meta.db_table} ({', '.join(schedule_columns)}) "
            f"SELECT {', '.join(schedule_values)} FROM {Schedule._meta.db_table} t, "
            f"{User._meta.db_table} u WHERE t.id = %s AND u.id > %s "
            f"AND NOT EXISTS (SELECT 1 FROM {Schedule._meta.db_table} x WHERE x.user_id = u.id)",
            [template.pk, template_user.pk],
        )
        # What autovacuum would do soon after: plans made on real statistics.
        cursor.execute(f"VACUUM ANALYZE {User._meta.db_table}")
        cursor.execute(f"VACUUM ANALYZE {Schedule._meta.db_table}")


def idle_pass(now, label: str) -> float:
    """Print the idle pass (nothing due), median and worst of 20; return the median in ms."""
    from reminders.dispatch import dispatch_due

    timings = []
    for _ in range(20):
        started = time.perf_counter()
        result = dispatch_due(now=now, enqueue=lambda ids: None)
        timings.append((time.perf_counter() - started) * 1000)
        assert result.claimed == 0
    median = statistics.median(timings)
    print(
        f"[{label}] idle dispatcher pass: median {median:.2f} ms, worst {max(timings):.2f} ms "
        f"(aim <= {AIM_IDLE_MS:g} ms: {verdict(median, AIM_IDLE_MS)}; {load()})"
    )
    return median


def make_due(user_ids, due) -> None:
    from reminders.models import Schedule

    Schedule.objects.filter(user_id__in=user_ids).update(next_fire_at=due)


def due_passes(user_ids, label: str) -> float:
    """Print 3 passes with len(user_ids) due, enqueueing to Redis; return the median in s."""
    import redis
    from django.utils import timezone

    from reminders.dispatch import dispatch_due
    from reminders.models import Delivery
    from reminders.tasks import enqueue_sends

    timings, cpu = [], []
    for _ in range(3):
        Delivery.objects.all().delete()
        now = timezone.now()
        make_due(user_ids, now)
        started, cpu_started = time.perf_counter(), time.process_time()
        result = dispatch_due(now=now, enqueue=enqueue_sends)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        assert result.claimed == result.pending == len(user_ids), result
        redis.Redis.from_url(REDIS_URL).delete("celery")
    Delivery.objects.all().delete()
    median = statistics.median(timings)
    print(
        f"[{label}] {len(user_ids):,} due, claimed, recorded and enqueued: median {median:.3f} s "
        f"of 3 ({', '.join(f'{t:.3f}' for t in timings)}; dispatcher CPU "
        f"{statistics.median(cpu):.3f} s) (aim <= {AIM_DUE_S:g} s: {verdict(median, AIM_DUE_S)}; "
        f"{load()})"
    )
    return median


def _rss_peak_reset() -> bool:
    # Linux: writing 5 to clear_refs resets the peak RSS (VmHWM) to the current RSS.
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def memory_pass(user_ids, now, label: str) -> tuple[float, float]:
    """Print and return the tracemalloc peak and the peak RSS (MiB) of a pass with these due."""
    from reminders.dispatch import dispatch_due
    from reminders.models import Delivery

    make_due(user_ids, now - timedelta(seconds=1))
    reset = _rss_peak_reset()
    before = _status_kib("VmRSS") / 1024
    tracemalloc.start()
    dispatch_due(now=now, enqueue=lambda ids: None)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = _status_kib("VmHWM") / 1024 if reset else float("nan")
    Delivery.objects.all().delete()
    # The growth is the pass's own: what the process held before (the burst's
    # keys, the bench's lists) is not the dispatcher's.
    print(
        f"[{label}] dispatcher memory, {len(user_ids):,} due: tracemalloc peak "
        f"{peak / 2**20:.1f} MiB; process RSS {before:.0f} MiB before the pass, peak "
        f"{rss:.0f} MiB during it ({rss - before:+.1f} MiB)"
    )
    return peak / 2**20, rss - before


def _cpu_seconds(pid: int) -> float:
    """Return the user + system CPU seconds of a process and its live children."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(child) for child in children.read_text().split()]
    for one in pids:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


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


def burst(user_ids, key) -> float:
    """Print the burst's lateness and CPU per push; return the p99 lateness in s."""
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
    origin = ready.get(timeout=120)
    PushSubscription.objects.bulk_create(
        PushSubscription(user_id=uid, endpoint=f"{origin}{b.path}", p256dh=b.p256dh, auth=b.auth)
        for uid, b in zip(user_ids, browsers, strict=True)
    )

    # The burst, end to end, with the worker already waiting.
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool", WORKER_POOL,
         "--concurrency", WORKER_CONCURRENCY, "--loglevel", "WARNING",
         "--without-mingle", "--without-gossip"],
        cwd=BASE_DIR, env={**os.environ, "LOG_LEVEL": "WARNING"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(10)  # let the worker connect before the burst
    worker_cpu, receiver_cpu = _cpu_seconds(worker.pid), _cpu_seconds(receiver.pid)
    now = timezone.now() + timedelta(seconds=1)
    make_due(user_ids, now)
    dispatch_cpu = time.process_time()
    dispatch_due(now=now, enqueue=enqueue_sends)
    dispatch_cpu = time.process_time() - dispatch_cpu

    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        pending = Delivery.objects.filter(state=DeliveryState.PENDING).count()
        if pending == 0:
            break
        time.sleep(0.5)
    worker_cpu = _cpu_seconds(worker.pid) - worker_cpu
    receiver_cpu = _cpu_seconds(receiver.pid) - receiver_cpu
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
    pushes = max(len(arrivals), 1)
    print(
        f"burst of {BURST:,} with one worker ({WORKER_POOL}, {WORKER_CONCURRENCY} processes): "
        f"{len(arrivals):,} pushes received, {sent:,} deliveries sent, {len(problems)} refused; "
        f"lateness p50 {p50:.1f} s, p99 {p99:.1f} s, last {arrivals[-1]:.1f} s "
        f"(aim p99 <= {AIM_P99_S:g} s: {verdict(p99, AIM_P99_S)}; {load()})"
    )
    print(
        f"  CPU per push: worker {worker_cpu / pushes * 1000:.2f} ms, dispatcher "
        f"{dispatch_cpu / pushes * 1000:.2f} ms (ours: "
        f"{(worker_cpu + dispatch_cpu) / pushes * 1000:.2f} ms); the push service's "
        f"decryption {receiver_cpu / pushes * 1000:.2f} ms, on the same 2 cores"
    )
    Delivery.objects.all().delete()
    PushSubscription.objects.all().delete()
    return p99


def measure(user_ids, label: str) -> tuple[float, float, tuple[float, float]]:
    from django.utils import timezone

    from reminders.models import Delivery

    Delivery.objects.all().delete()
    idle = idle_pass(timezone.now(), label)
    due = due_passes(user_ids, label)
    memory = memory_pass(user_ids, timezone.now(), label)
    return idle, due, memory


def main() -> None:
    create_database()
    configure()
    from django.utils import timezone

    print(f"started {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {load()}")
    now = timezone.now()
    user_ids = seed(now)
    small = measure(user_ids, f"{USERS:,}")
    if SEND:
        burst(user_ids, None)
    if LARGE <= USERS:
        return
    started = time.perf_counter()
    grow(LARGE, now)
    print(f"grew to {LARGE:,} users and schedules in {time.perf_counter() - started:.1f} s")
    large = measure(user_ids, f"{LARGE:,}")
    (idle_s, due_s, (heap_s, rss_s)), (idle_l, due_l, (heap_l, rss_l)) = small, large
    print(
        f"{USERS:,} -> {LARGE:,} schedules: idle pass {idle_s:.2f} -> {idle_l:.2f} ms, "
        f"{BURST:,}-due pass {due_s:.3f} -> {due_l:.3f} s, tracemalloc peak {heap_s:.1f} -> "
        f"{heap_l:.1f} MiB, RSS growth over the pass {rss_s:+.1f} -> {rss_l:+.1f} MiB "
        "(aim: no slower, flat memory)"
    )


if __name__ == "__main__":
    main()
