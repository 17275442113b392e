"""The production processes, named once: `python -m tracker.entrypoints ROLE`.

- `web`: gunicorn serving tracker.asgi (tracker/gunicorn_conf.py); one or more, behind a TLS proxy.
- `worker`: a Celery worker (the send tasks); one or more.
- `beat`: Celery beat, running the dispatcher and the sweeper; one, or two for
  availability (dispatchers skip each other's locked rows; deliveries are unique).
- `release`: migrate, then load the exercise library; once per deploy, first.
- `static`: collectstatic; once, when the image is built.

Each role replaces this process (exec), so the orchestrator's SIGTERM reaches
gunicorn or Celery directly: gunicorn stops accepting, lets the requests in
flight finish (up to GRACEFUL_TIMEOUT seconds) and exits; a Celery worker
finishes the tasks it is running (warm shutdown) and takes no new one; a send
task killed outright is not acknowledged (acks_late), so the broker hands it
out again, and the sweeper re-enqueues its delivery once its lease is over.
`make run` starts the same roles (tracker/devserver.py).
"""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
ROLES = ("web", "worker", "beat", "release", "static")


def bind_address(host: str, port: str) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def command(role: str, env: dict[str, str]) -> list[str]:
    """Return the argv that runs `role`, with its knobs read from `env`."""
    python = sys.executable
    if role == "web":
        bind = env.get("BIND") or bind_address(env.get("HOST", "0.0.0.0"), env.get("PORT", "8000"))  # noqa: S104 - a container listens on every interface
        return [
            python, "-m", "gunicorn", "tracker.asgi:application",
            # Workers a slow client cannot pin, and the rest of the server's settings.
            "--config", str(BASE_DIR / "tracker" / "gunicorn_conf.py"),
            "--bind", bind,
            "--workers", env.get("WEB_CONCURRENCY", "2"),
            "--graceful-timeout", env.get("GRACEFUL_TIMEOUT", "30"),
            # No gunicorn access log: tracker.logs logs each request (JSON, with its id).
        ]  # fmt: skip
    if role == "worker":
        return [
            python, "-m", "celery", "-A", "tracker", "worker",
            "--loglevel", env.get("LOG_LEVEL", "INFO"),
            "--concurrency", env.get("WORKER_CONCURRENCY", "2"),
        ]  # fmt: skip
    if role == "beat":
        var_dir = Path(env.get("VAR_DIR", BASE_DIR / "var"))
        return [
            python, "-m", "celery", "-A", "tracker", "beat",
            "--loglevel", env.get("LOG_LEVEL", "INFO"),
            "--schedule", env.get("BEAT_SCHEDULE_FILE", str(var_dir / "celerybeat-schedule")),
        ]  # fmt: skip
    if role == "release":
        return [python, "-m", "tracker.entrypoints", "release"]
    if role == "static":
        return [python, str(BASE_DIR / "manage.py"), "collectstatic", "--noinput", "-v", "0"]
    raise ValueError(role)


def release() -> int:
    """Migrate and load the library (both idempotent): run once before a deploy's processes."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False)
    call_command("load_exercises")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in ROLES:
        print(f"usage: python -m tracker.entrypoints {{{'|'.join(ROLES)}}}", file=sys.stderr)
        return 2
    if argv[1] == "release":
        return release()
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    argv = command(argv[1], env)
    os.chdir(BASE_DIR)
    os.execve(argv[0], argv, env)  # noqa: S606 - a fixed argv, no shell
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv))
