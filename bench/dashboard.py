"""The therapist's dashboard at 500 patients with a year of data each.

Run with `make bench-dashboard` (or `.venv/bin/python bench/dashboard.py`). It
needs PostgreSQL: BENCH_DASHBOARD_DATABASE_URL (default a database
`stretchstop_dash_bench` on 127.0.0.1, created if missing, emptied on every
run). It seeds one therapist linked to BENCH_PATIENTS patients (default 500)
in five time zones, each with a year of daily sessions (1 to 3 a day) and pain
entries, a plan, four weeks of reminder deliveries and a safety check, then
times, in this process through Django's test client (server time: routing,
authentication, queries, serialization):

1. GET /api/v1/care/patients/ (issue 13's aim: p95 at most 100 ms, with a
   number of queries that does not grow with the patients), and its queries;
2. GET /api/v1/care/patients/{id}/progress/?days=365 for one patient (aim:
   p95 at most 100 ms);

printing the median and p95 of BENCH_RUNS runs (default 20) after one warm-up.
BENCH_DASHBOARD_SEED=0 skips the seeding and times the database a previous run
seeded (its "now" is then that run's, a few hours old): to compare two
versions of the code on the same rows.
"""

import importlib
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

PATIENTS = int(os.environ.get("BENCH_PATIENTS", "500"))
DAYS = 365
RUNS = int(os.environ.get("BENCH_RUNS", "20"))
DATABASE_URL = os.environ.get(
    "BENCH_DASHBOARD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stretchstop_dash_bench"
)
ZONES = ["Europe/Berlin", "America/Chicago", "Asia/Kolkata", "Asia/Kathmandu", "UTC"]


def create_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def configure() -> None:
    os.environ.update(
        DATABASE_URL=DATABASE_URL,
        DJANGO_DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "0123456789" * 4),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()


def seed(now):
    """Create the therapist and the patients with their year; return (therapist, a patient)."""
    from django.core.management import call_command

    from exercises.models import Exercise, ExerciseLog, Plan, PlanItem
    from reminders.models import Delivery
    from tracker.models import CareLink, PainEntry, Role, SafetyCheck, User

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_exercises", verbosity=0)
    started = time.perf_counter()
    rng = random.Random(4)
    stretch = Exercise.objects.filter(audience="self_care").first()
    therapist = User.objects.create(username="bench-therapist", password="!", role=Role.THERAPIST)
    patients = User.objects.bulk_create(
        User(
            username=f"patient{n}",
            password="!",
            display_name=f"Patient {n:03}",
            timezone=ZONES[n % len(ZONES)],
            date_joined=now - timedelta(days=DAYS + 5),
        )
        for n in range(PATIENTS)
    )
    CareLink.objects.bulk_create(
        CareLink(therapist=therapist, patient=p, created_at=now - timedelta(days=DAYS))
        for p in patients
    )
    plans = Plan.objects.bulk_create(Plan(user=p, name="Hips") for p in patients)
    Plan.objects.update(created_at=now - timedelta(days=DAYS + 1))
    PlanItem.objects.bulk_create(
        PlanItem(plan=plan, exercise=stretch, times_per_day=2) for plan in plans
    )
    SafetyCheck.objects.bulk_create(
        SafetyCheck(user=p, answered_at=now, warning_signs=["not-improving"]) for p in patients
    )
    logs = pain = deliveries = 0
    for patient in patients:
        day_logs = []
        day_pain = []
        for day in range(DAYS):
            base = now - timedelta(days=day)
            for _ in range(rng.randint(1, 3)):
                at = base - timedelta(minutes=rng.randrange(24 * 60))
                day_logs.append(ExerciseLog(user=patient, exercise=stretch, performed_at=at))
            at = base - timedelta(minutes=rng.randrange(24 * 60))
            day_pain.append(PainEntry(user=patient, rating=rng.randint(0, 9), recorded_at=at))
        day_deliveries = [
            Delivery(
                user=patient,
                kind="sitting",
                due_at=now - timedelta(hours=6 * n),
                state="sent",
                sent_at=now - timedelta(hours=6 * n),
                action="done" if n % 3 else "",
                acted_at=now - timedelta(hours=6 * n) + timedelta(minutes=n % 50)
                if n % 3
                else None,
            )
            for n in range(4 * 28)
        ]
        ExerciseLog.objects.bulk_create(day_logs, batch_size=2000)
        PainEntry.objects.bulk_create(day_pain, batch_size=2000)
        Delivery.objects.bulk_create(day_deliveries, batch_size=2000)
        logs += len(day_logs)
        pain += len(day_pain)
        deliveries += len(day_deliveries)
    # bulk_create keeps no day counts (tracker.activity_days): count them as a bulk load would.
    call_command("activity_days_rebuild", verbosity=0)
    from django.db import connection

    with connection.cursor() as cursor:
        # What autovacuum does on a live database: statistics, and the visibility
        # map that lets the per-day counts read the indexes alone.
        cursor.execute("VACUUM ANALYZE")
    print(
        f"seeded {PATIENTS} patients: {logs:,} sessions, {pain:,} pain entries, "
        f"{deliveries:,} deliveries in {time.perf_counter() - started:.1f} s"
    )
    return therapist, patients[0]


def timed(client, path: str) -> tuple[list[float], list[float], object]:
    """Return the wall times and this process's CPU times (ms) of RUNS requests, and the last."""
    response = client.get(path)  # warm-up
    assert response.status_code == 200, response.content[:300]
    wall, cpu = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200
    return wall, cpu, response


def report(what: str, wall: list[float], cpu: list[float], aim_ms: float) -> None:
    # The CPU time of this process (Django's side, without PostgreSQL's) is
    # printed too: on a shared machine the wall time mostly measures the load.
    def p95(values):
        return sorted(values)[max(0, round(len(values) * 0.95) - 1)]

    verdict = "met" if p95(wall) <= aim_ms else "NOT met"
    print(
        f"{what}: median {statistics.median(wall):.0f} ms, p95 {p95(wall):.0f} ms "
        f"(aim p95 <= {aim_ms:.0f} ms: {verdict}); Django CPU median "
        f"{statistics.median(cpu):.0f} ms; load average {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    create_database()
    configure()
    # What a server worker does on starting: load the URLconf, freeze what is loaded.
    importlib.import_module("tracker.asgi")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from rest_framework.test import APIClient

    if os.environ.get("BENCH_DASHBOARD_SEED", "1") == "0":
        from tracker.models import User

        therapist = User.objects.get(username="bench-therapist")
        patient = User.objects.get(username="patient0")
    else:
        therapist, patient = seed(timezone.now())
    # Therapists see patient data only with a second factor (README, "Two-step sign-in").
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(user=therapist, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(therapist, generate_totp_secret())
    client = APIClient()
    client.force_authenticate(therapist)

    wall, cpu, response = timed(client, "/api/v1/care/patients/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/care/patients/")
    rows = response.json()
    alerts = sum(len(row["alerts"]) for row in rows)
    print(f"dashboard: {len(rows)} patients, {alerts} open alerts, {len(queries)} queries")
    report("GET care/patients/", wall, cpu, 100)

    wall, cpu, response = timed(client, f"/api/v1/care/patients/{patient.pk}/progress/?days=365")
    assert len(response.json()["days"]) == 365
    report("GET care/patients/{id}/progress/?days=365", wall, cpu, 100)


if __name__ == "__main__":
    main()
