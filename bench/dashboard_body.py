"""Write the dashboard's JSON body for bench/dashboard.py's seeded patients at fixed instants.

`.venv/bin/python bench/dashboard_body.py OUT_DIR` writes OUT_DIR/body-N.json,
one file per instant, so that two versions of the code can be compared byte
for byte (`cmp`) on the same rows. The instants are fixed relative to the
newest seeded session (the seeding run's "now"): then, 3 days 7 hours before,
and 11 days less 13.5 hours before, so the patients' zones cross midnight at
different points. Reads BENCH_DASHBOARD_DATABASE_URL like bench/dashboard.py;
it never seeds.
"""

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dashboard import configure

OFFSETS = (timedelta(0), timedelta(days=3, hours=7), timedelta(days=11, hours=-13, minutes=-30))


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    configure()
    from django.db.models import Max
    from rest_framework.renderers import JSONRenderer

    from exercises.models import ExerciseLog
    from tracker.care.selectors import dashboard_rows
    from tracker.care.serializers import DashboardPatientSerializer
    from tracker.models import User

    therapist = User.objects.get(username="bench-therapist")
    newest = ExerciseLog.objects.aggregate(at=Max("performed_at"))["at"]
    for n, offset in enumerate(OFFSETS):
        rows = dashboard_rows(therapist=therapist, now=newest - offset)
        body = JSONRenderer().render(DashboardPatientSerializer(rows, many=True).data)
        (out / f"body-{n}.json").write_bytes(body)
        alerts = sum(len(row.alerts) for row in rows)
        print(f"{newest - offset}: {len(rows)} patients, {alerts} alerts, {len(body):,} bytes")


if __name__ == "__main__":
    main()
