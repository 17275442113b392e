"""Scale-out, shown: two dispatchers and two workers as separate OS processes.

Each is started through its production entry point (`python -m
tracker.entrypoints beat|worker`) with an environment of its own, as on its own
machine, against the one PostgreSQL and Redis of the test (tests/reminders/topology.py).
5,000 people fall due at once; one worker is killed with SIGKILL in the middle
of the burst.

Timings are shortened through the documented variables so that the test ends
in well under two minutes: a dispatcher pass and a sweep every second instead
of every minute, a 5 s send lease and a 10 s sweep instead of 60 s and 120 s.
Batches of 100 schedules (not 1,000) make each pass long enough that the two
dispatchers' passes overlap and divide the burst between them, as they do at
production sizes.
"""

import json
import subprocess
import sys
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from reminders.models import ChannelSend, Delivery, DeliveryState, Schedule
from tests.reminders.conftest import _test_database_url
from tests.reminders.helpers import wait_until
from tests.reminders.topology import (
    BASE_DIR,
    Topology,
    people_subscribed,
    sitting_reminders_due,
)
from tests.tracker.test_security import production_env

PEOPLE = 5000
CHUNK = 50  # REMINDERS_SEND_CHUNK here: deliveries per send task, so per kill at most
WORKER_CONCURRENCY = 4  # as compose.yaml runs them


@pytest.fixture
def topology(postgres, broker, push_receiver, settings, tmp_path, transactional_db):
    """Two dispatchers and two workers, killed after the test (nothing is left to finish)."""
    topology = Topology(
        config={
            "DATABASE_URL": _test_database_url(),
            "REDIS_URL": broker,
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "localhost",
            "VAPID_PRIVATE_KEY": settings.VAPID_PRIVATE_KEY,
            "WEBPUSH_ALLOWED_HOSTS": "127.0.0.1",
            "WEBPUSH_ALLOW_HTTP": "1",
            "WEBPUSH_TIMEOUT_SECONDS": "10",
            "LOG_FORMAT": "json",
            "WORKER_CONCURRENCY": str(WORKER_CONCURRENCY),
            "REMINDERS_DISPATCH_EVERY_SECONDS": "1",
            "REMINDERS_BATCH_SIZE": "100",
            "REMINDERS_SEND_CHUNK": str(CHUNK),
            "REMINDERS_SEND_LEASE_SECONDS": "5",
            "REMINDERS_SWEEP_AFTER_SECONDS": "10",
        },
        directory=tmp_path,
    )
    yield topology
    topology.stop(graceful=False)


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_and_two_workers_send_5000_reminders_once_through_a_worker_killed_mid_burst(
    topology, push_receiver
):
    dispatchers = [topology.start("beat", f"dispatcher-{n}") for n in (1, 2)]
    doomed, survivor = (topology.start("worker", f"worker-{n}") for n in (1, 2))
    call_command("load_exercises", verbosity=0)
    browsers = [push_receiver.subscribe(f"person{n}") for n in range(PEOPLE)]
    user_ids = people_subscribed(browsers, push_receiver.origin)
    topology.wait_ready()

    sitting_reminders_due(user_ids, timezone.now() - timedelta(seconds=1))

    # Mid-burst: everything is claimed (no pass is cut short), and thousands are still to send.
    wait_until(lambda: len(push_receiver.accepted()) >= 2500, timeout=240, what="2,500 pushes")
    wait_until(
        lambda: not Schedule.objects.filter(next_fire_at__lte=timezone.now()).exists(),
        timeout=60,
        what="every schedule claimed",
    )
    to_send = Delivery.objects.filter(state=DeliveryState.PENDING).count()
    doomed.kill()
    assert to_send >= 1000, "the kill came after the burst"

    # The killed worker's chunks come back through the sweeper once their leases run out.
    wait_until(
        lambda: Delivery.objects.filter(state=DeliveryState.SENT).count() == PEOPLE,
        timeout=240,
        what="every delivery sent",
    )
    wait_until(lambda: len(push_receiver.shown()) == PEOPLE, timeout=10, what="every push")

    # Our side: one delivery per person and due instant, each sent and recorded once.
    deliveries = Delivery.objects.all()
    assert deliveries.count() == PEOPLE
    assert deliveries.values("schedule_id").distinct().count() == PEOPLE
    assert set(deliveries.values_list("state", flat=True)) == {DeliveryState.SENT}
    reached = ChannelSend.objects.filter(ok=True).values("delivery_id").annotate(n=Count("id"))
    assert sorted({row["n"] for row in reached}) == [1]
    assert len(reached) == PEOPLE

    # The push service: every message verified and decrypted, one notification each,
    # but for a request the kill cut short (the worker died while writing it).
    problems = push_receiver.problems()
    assert {p.problem for p in problems} <= {"incomplete request: the sender went away"}
    assert len(problems) <= WORKER_CONCURRENCY
    posts = Counter(received.headers["topic"] for received in push_receiver.accepted())
    assert set(posts) == {f"d{pk}" for pk in deliveries.values_list("pk", flat=True)}
    # Only what the killed worker had in hand went out twice: it had POSTed them
    # when it died, before it could record it. The copy carries the same Topic
    # (the push service replaces a copy not yet delivered) and tag (the browser
    # replaces a shown one): a person sees it once. Everyone else got one POST.
    taken_over = set(deliveries.filter(attempts__gt=1).values_list("pk", flat=True))
    assert taken_over, "the kill caught no send in flight"
    assert len(taken_over) <= WORKER_CONCURRENCY * CHUNK
    assert {topic for topic, n in posts.items() if n > 1} <= {f"d{pk}" for pk in taken_over}
    assert max(posts.values()) <= 2

    # Both dispatchers were alive throughout, each sent passes that workers ran,
    # and between them they claimed every schedule once.
    assert all(dispatcher.alive() for dispatcher in dispatchers)
    assert survivor.alive()
    passes = topology.passes()
    claimed = {name: sum(p["claimed"] for p in runs) for name, runs in passes.items()}
    assert sum(claimed.values()) == PEOPLE, claimed
    assert all(claimed[d.name] > 0 for d in dispatchers), claimed


BEAT_SCHEDULE_SCRIPT = """
import json
from tracker.celery import app
print(json.dumps({name: [entry["schedule"], entry["options"]["expires"]]
                  for name, entry in app.conf.beat_schedule.items()
                  if name in ("dispatch-due-reminders", "sweep-stuck-deliveries")}))
"""


@pytest.mark.parametrize(("every", "expected"), [(None, [60.0, 54.0]), ("1", [1.0, 0.9])])
def test_each_dispatcher_sends_its_pass_and_sweep_as_often_as_configured(every, expected):
    # A process of its own: Celery reads its configuration once per process.
    overrides = {"REMINDERS_DISPATCH_EVERY_SECONDS": every} if every else {}
    env = production_env(**overrides)
    if every is None:
        env.pop("REMINDERS_DISPATCH_EVERY_SECONDS", None)
    result = subprocess.run(
        [sys.executable, "-c", BEAT_SCHEDULE_SCRIPT],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "dispatch-due-reminders": expected,
        "sweep-stuck-deliveries": expected,
    }
