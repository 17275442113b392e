"""StretchStop's dispatchers and workers as separate OS processes, as on separate machines.

Each process is started through its documented entry point (`python -m
tracker.entrypoints beat|worker`) with an environment of its own: what any
machine has (PATH, HOME, locale), the deploy's configuration, and its own
VAR_DIR (beat's schedule file lives there). Nothing is inherited from the
process that starts them, and they share no file: what connects them is
DATABASE_URL and REDIS_URL only.

Used by the scale-out test (tests/reminders/test_scaleout.py) and bench
(bench/scaleout.py).
"""

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
# What a machine's environment has before the deploy adds its variables.
MACHINE_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR")
# What each role logs once it is up: the worker consumes, beat has started ticking.
READY = {"worker": re.compile(r"celery@\S+ ready\."), "beat": re.compile(r"beat: Starting\.\.\.")}
PASS_MESSAGE = "dispatcher pass:"


@dataclass
class Process:
    role: str
    name: str
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen | None = None

    def start(self) -> "Process":
        Path(self.env["VAR_DIR"]).mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as out:
            # Its own session: SIGKILL reaches the worker's pool children too.
            self.popen = subprocess.Popen(
                [sys.executable, "-m", "tracker.entrypoints", self.role],
                cwd=BASE_DIR, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        return self

    @property
    def pid(self) -> int:
        # The entry point execs Celery, so this is Celery's own pid.
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def ready(self) -> bool:
        if not self.alive():
            raise AssertionError(f"{self.name} exited:\n{self.tail()}")
        return bool(READY[self.role].search(self.log.read_text(errors="replace")))

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:]

    def records(self) -> list[dict]:
        """Return the JSON log records this process wrote (LOG_FORMAT=json)."""
        records = []
        for line in self.log.read_text(errors="replace").splitlines():
            # A line cut short by SIGKILL is left out.
            if line.startswith("{"):
                with contextlib.suppress(json.JSONDecodeError):
                    records.append(json.loads(line))
        return records

    def send_signal(self, number: int) -> None:
        """Send `number` to the process and its pool children (its own process group)."""
        with contextlib.suppress(ProcessLookupError):  # all gone already
            os.killpg(self.pid, number)

    def kill(self) -> None:
        """SIGKILL the process and its pool children at once, as a machine that dies."""
        self.send_signal(signal.SIGKILL)
        self.popen.wait(timeout=30)

    def stop(self, timeout: float = 30) -> None:
        if not self.alive():
            return
        self.send_signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()


@dataclass
class Topology:
    """Dispatchers and workers sharing one PostgreSQL and one Redis."""

    config: dict[str, str]
    directory: Path
    processes: list[Process] = field(default_factory=list)

    def env(self, name: str, own: dict[str, str]) -> dict[str, str]:
        machine = {key: os.environ[key] for key in MACHINE_VARIABLES if key in os.environ}
        var_dir = self.directory / name
        return {**machine, **self.config, "VAR_DIR": str(var_dir), **own}

    def start(self, role: str, name: str, **own: str) -> Process:
        process = Process(role, name, self.env(name, own), self.directory / f"{name}.log")
        self.processes.append(process.start())
        return process

    def wait_ready(self, timeout: float = 180) -> None:
        """Wait until every process is up (Celery takes seconds to start on a busy machine)."""
        deadline = time.monotonic() + timeout
        for process in self.processes:
            while not process.ready():
                if time.monotonic() > deadline:
                    raise AssertionError(f"{process.name} did not start:\n{process.tail()}")
                time.sleep(0.2)

    def stop(self, *, graceful: bool = True) -> None:
        """Stop every process: SIGTERM (Celery's warm shutdown), or SIGKILL when not graceful."""
        for process in self.processes:
            if process.alive():
                process.send_signal(signal.SIGTERM if graceful else signal.SIGKILL)
        for process in self.processes:
            process.stop()

    def of(self, role: str) -> list[Process]:
        return [process for process in self.processes if process.role == role]

    def passes(self) -> dict[str, list[dict]]:
        """Return the dispatcher passes the workers ran, by the dispatcher (beat) that sent each.

        A pass's `sent_by` is Celery's origin, `gen<pid>@<host>`, the pid being
        the beat process's. Passes from anything else are under "other".
        """
        names = {f"gen{process.pid}@": process.name for process in self.of("beat")}
        by_dispatcher: dict[str, list[dict]] = {name: [] for name in names.values()}
        for worker in self.of("worker"):
            for record in worker.records():
                if not record.get("message", "").startswith(PASS_MESSAGE):
                    continue
                sender = str(record.get("sent_by", ""))
                name = next((n for p, n in names.items() if sender.startswith(p)), "other")
                by_dispatcher.setdefault(name, []).append({**record, "worker": worker.name})
        return by_dispatcher


def people_subscribed(browsers, origin: str) -> list[int]:
    """Create one person per browser subscription, subscribed with it; return their ids."""
    from reminders.models import PushSubscription
    from tracker.models import User

    users = User.objects.bulk_create(
        User(username=f"person{n}", password="!", timezone="Europe/Berlin")
        for n in range(len(browsers))
    )
    PushSubscription.objects.bulk_create(
        PushSubscription(
            user=user, endpoint=f"{origin}{browser.path}", p256dh=browser.p256dh, auth=browser.auth
        )
        for user, browser in zip(users, browsers, strict=True)
    )
    return [user.pk for user in users]


def sitting_reminders_due(user_ids, due) -> None:
    """Give each person a push-only sitting reminder that falls due at `due`, in one commit."""
    from reminders.models import Schedule

    Schedule.objects.bulk_create(
        Schedule(
            user_id=user_id,
            kind="sitting",
            weekdays=[1, 2, 3, 4, 5, 6, 7],
            window_start="00:00",
            window_end="00:00",
            channels=["push"],
            next_fire_at=due,
        )
        for user_id in user_ids
    )
