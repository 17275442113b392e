"""The web figures of issue 13 under load, against the real production server.

Run with `make bench-web` (or `.venv/bin/python bench/web.py`). It needs
PostgreSQL and Redis: BENCH_WEB_DATABASE_URL (default a database
`stretchstop_web_bench` on 127.0.0.1, created if missing, emptied on every run)
and BENCH_WEB_REDIS_URL (default redis://127.0.0.1:6379/15; the cache and
the broker, as in production).

It seeds BENCH_WEB_PATIENTS patients (default 20) as a therapist's patients
would look: past the safety screen, an assigned plan with notes and their own
plan, six weeks of sessions and pain ratings, two sessions logged today, a
reminder schedule. Then it starts the server through the production entry
point (`python -m tracker.entrypoints web`: gunicorn with uvicorn workers,
WEB_CONCURRENCY 2 unless set) with bench/web_settings.py, which adds only the
bare endpoint below, and drives it with BENCH_WEB_CLIENTS clients (default
20, threads with kept-alive connections, each client one patient) for
BENCH_WEB_SECONDS (default 8) a round, the rounds of a pair taken in turn
(BENCH_WEB_ROUNDS pairs, default 3) so that the machine's drift hits both:

1. GET /today/ against GET /api/v1/progress/ (both with the session cookie,
   as the PWA sends them): aim, Today's throughput at least half the API's;
2. PUT /api/v1/logs/{new id}/ (a new session each time, knox token) against
   POST /bench/bare-logs/, a bare DRF CreateAPIView over the same model,
   same stack and token: aim, the PUT's time per request within 1.3x the bare
   endpoint's (throughput ratio bare/PUT <= 1.3).

Each figure is printed next to its aim with the load average: the machine is
shared, so absolute requests per second move with it; the ratios, taken
round by round, much less. Each endpoint's server CPU time a request (the
gunicorn processes' user + system time over the round, from /proc) is printed
too, with its ratio: it hardly depends on the load.
"""

import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

PATIENTS = int(os.environ.get("BENCH_WEB_PATIENTS", "20"))
CLIENTS = int(os.environ.get("BENCH_WEB_CLIENTS", "20"))
SECONDS = float(os.environ.get("BENCH_WEB_SECONDS", "8"))
ROUNDS = int(os.environ.get("BENCH_WEB_ROUNDS", "3"))
WORKERS = os.environ.get("WEB_CONCURRENCY", "2")
DATABASE_URL = os.environ.get(
    "BENCH_WEB_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stretchstop_web_bench"
)
REDIS_URL = os.environ.get("BENCH_WEB_REDIS_URL", "redis://127.0.0.1:6379/15")
HOST = "127.0.0.1"


def create_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def server_environment(port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.web_settings",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "0123456789" * 4),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
        "HOST": HOST,
        "PORT": str(port),
        "WEB_CONCURRENCY": WORKERS,
    }


def configure(port: int) -> None:
    os.environ.update(server_environment(port))
    import django

    django.setup()


def seed() -> list[dict]:
    """Create the therapist and patients; return each patient's session cookie, token and ids."""
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone
    from knox.models import AuthToken

    from exercises.models import PlanItem, Routine
    from exercises.services import plan_create, plan_session_log
    from reminders.models import ScheduleKind
    from reminders.services import schedule_save
    from tracker.care.services import invite_accept, invite_create
    from tracker.demo import demo_history_create
    from tracker.models import Profile, Role, User
    from tracker.safety import SCREEN_SLUGS, safety_check_save

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_exercises", verbosity=0)
    # What the image's `static` step does: the pages name the hashed files.
    call_command("collectstatic", interactive=False, verbosity=0)
    now = timezone.now()
    therapist = User.objects.create_user(
        username="bench-therapist", password="!", role=Role.THERAPIST, display_name="Theo"
    )
    routine = Routine.objects.prefetch_related("steps").get(slug="desk-break")
    steps = list(routine.steps.all())
    patients = []
    for n in range(PATIENTS):
        user = User.objects.create_user(
            username=f"patient{n}",
            password="!",
            profile=Profile.DESK,
            display_name=f"Patient {n}",
            timezone=["Europe/Berlin", "America/Chicago", "Asia/Kolkata"][n % 3],
        )
        safety_check_save(user=user, answers=dict.fromkeys(SCREEN_SLUGS, False), now=now)
        _, code = invite_create(therapist=therapist, now=now)
        invite_accept(patient=user, code=code, reminders_consent=True, now=now)
        plan_create(
            user=user,
            assigned_by=therapist,
            name="Hip flexors",
            notes="Gently; stop if it pinches.",
            items=[
                {
                    "exercise_id": step.exercise_id,
                    "hold_seconds": 30,
                    "reps": 2,
                    "sets": 1,
                    "times_per_day": 2,
                    "side": side,
                    "notes": "Keep the back straight." if side == "left" else "",
                }
                for step in steps[:2]
                for side in ("left", "right")
            ],
        )
        plan_create(
            user=user,
            name="My evening",
            items=[{"exercise_id": step.exercise_id, "hold_seconds": 20} for step in steps[2:4]],
        )
        demo_history_create(user=user, routine_slug="desk-break", now=now)
        items = PlanItem.objects.filter(plan__user=user, plan__assigned_by=therapist)[:2]
        plan_session_log(
            user=user, items=items, day=timezone.localdate(now, user.tzinfo), performed_at=now
        )
        schedule_save(
            user=user,
            values={
                "kind": ScheduleKind.SITTING,
                "interval_minutes": 45,
                "weekdays": list(range(1, 8)),
            },
            now=now - timedelta(minutes=1),
        )
        client = Client()
        client.force_login(user)
        _, token = AuthToken.objects.create(user)
        patients.append(
            {
                "session": client.cookies["sessionid"].value,
                "token": token,
                "exercise": steps[0].exercise.slug,
            }
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return patients


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "tracker.entrypoints", "web"],
        cwd=BASE_DIR,
        env=server_environment(port),
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not answer /healthz within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def one_request(patient: dict, what: str) -> tuple[str, str, bytes | None, dict, int]:
    """Return (method, path, body, headers, expected status) of one request of `what`."""
    cookie = {"Cookie": f"sessionid={patient['session']}"}
    token = {"Authorization": f"Token {patient['token']}", "Content-Type": "application/json"}
    if what == "today":
        return "GET", "/today/", None, cookie, 200
    if what == "progress":
        return "GET", "/api/v1/progress/", None, cookie, 200
    log_id = str(uuid.uuid4())
    body = json.dumps(
        {
            "id": log_id,
            "performed_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "exercise": patient["exercise"],
            "note": "bench",
        }
    ).encode()
    if what == "put-log":
        return "PUT", f"/api/v1/logs/{log_id}/", body, token, 201
    return "POST", "/bench/bare-logs/", body, token, 201


def server_cpu_seconds(server: subprocess.Popen) -> float:
    """Return the CPU time (user + system) the server's processes have used so far.

    Read from /proc for the gunicorn master and its workers: unlike requests
    per second, it hardly moves with what else the shared machine runs.
    PostgreSQL's own work is not in it (its backends are other processes).
    """
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        if server.pid in (pid, ppid):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def load(port: int, patients: list[dict], what: str, seconds: float, server=None) -> dict:
    """Drive `what` with CLIENTS clients for `seconds`; return throughput and latencies."""
    cpu_before = server_cpu_seconds(server) if server else 0.0
    stop_at = time.monotonic() + seconds
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    failures: list[str] = []
    start = threading.Barrier(CLIENTS + 1)

    def client(index: int) -> None:
        patient = patients[index % len(patients)]
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        start.wait()
        while time.monotonic() < stop_at:
            method, path, body, headers, expected = one_request(patient, what)
            began = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                # The server closed a kept-alive connection: open another one.
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                continue
            latencies[index].append(time.perf_counter() - began)
            if response.status != expected:
                failures.append(f"{method} {path}: {response.status}")
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.monotonic()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    done = sorted(value for values in latencies for value in values)
    if failures:
        raise SystemExit(f"{len(failures)} unexpected answers, e.g. {failures[:3]}")
    cpu = server_cpu_seconds(server) - cpu_before if server else 0.0
    return {
        "rps": len(done) / elapsed,
        "cpu_ms": cpu * 1000 / max(1, len(done)),
        "p50": statistics.median(done) * 1000,
        "p95": done[max(0, round(len(done) * 0.95) - 1)] * 1000,
    }


def compare(port, patients, server, what: str, yardstick: str) -> tuple[list[dict], list[dict]]:
    """Run ROUNDS pairs of rounds, `what` and `yardstick` in turn; return both lists."""
    load(port, patients, what, 2)  # warm-up: templates, connections, caches
    load(port, patients, yardstick, 2)
    ours, theirs = [], []
    for _ in range(ROUNDS):
        ours.append(load(port, patients, what, SECONDS, server))
        theirs.append(load(port, patients, yardstick, SECONDS, server))
    return ours, theirs


def summary(rounds: list[dict]) -> str:
    rps = statistics.median(r["rps"] for r in rounds)
    p50 = statistics.median(r["p50"] for r in rounds)
    p95 = statistics.median(r["p95"] for r in rounds)
    cpu = statistics.median(r["cpu_ms"] for r in rounds)
    return (
        f"{rps:.0f} req/s (p50 {p50:.0f} ms, p95 {p95:.0f} ms); server CPU {cpu:.1f} ms a request"
    )


def cpu_ratio(ours: list[dict], theirs: list[dict]) -> float:
    return statistics.median(o["cpu_ms"] / t["cpu_ms"] for o, t in zip(ours, theirs, strict=True))


def main() -> None:
    create_database()
    port = free_port()
    configure(port)
    started = time.perf_counter()
    patients = seed()
    print(f"seeded {PATIENTS} patients in {time.perf_counter() - started:.1f} s")
    server = start_server(port)
    try:
        print(
            f"server: python -m tracker.entrypoints web, {WORKERS} workers; {CLIENTS} clients, "
            f"{ROUNDS} x {SECONDS:.0f} s rounds each; load average before "
            f"{os.getloadavg()[0]:.1f}"
        )
        today, progress = compare(port, patients, server, "today", "progress")
        ratios = [t["rps"] / p["rps"] for t, p in zip(today, progress, strict=True)]
        ratio = statistics.median(ratios)
        print(f"GET /today/: {summary(today)}")
        print(f"GET /api/v1/progress/: {summary(progress)}")
        print(
            f"Today / progress throughput: {ratio:.2f} (aim >= 0.50: "
            f"{'met' if ratio >= 0.5 else 'NOT met'}); rounds "
            + ", ".join(f"{r:.2f}" for r in ratios)
            + f"; load average {os.getloadavg()[0]:.1f}"
        )
        print(
            f"  server CPU a request, progress / Today: {1 / cpu_ratio(today, progress):.2f} "
            "(the throughput ratio a machine of its own would give, PostgreSQL aside)"
        )
        put, bare = compare(port, patients, server, "put-log", "bare-create")
        ratios = [b["rps"] / p["rps"] for p, b in zip(put, bare, strict=True)]
        ratio = statistics.median(ratios)
        print(f"PUT /api/v1/logs/{{id}}/: {summary(put)}")
        print(f"POST /bench/bare-logs/ (bare DRF create): {summary(bare)}")
        print(
            f"PUT logs time per request / bare create's: {ratio:.2f} (aim <= 1.30: "
            f"{'met' if ratio <= 1.3 else 'NOT met'}); rounds "
            + ", ".join(f"{r:.2f}" for r in ratios)
            + f"; load average {os.getloadavg()[0]:.1f}"
        )
        print(f"  server CPU a request, PUT / bare create: {cpu_ratio(put, bare):.2f}")
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
