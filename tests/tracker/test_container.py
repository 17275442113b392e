"""What can be checked of the image and the compose file without a Docker engine.

The compose file parses and every app service runs a documented entry point;
the image installs exactly requirements/base.txt (hash-checked), runs as a
user other than root, builds the static files in; the build context holds no
development file; `check --deploy` is clean with the compose file's variables.
"""

import fnmatch
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.tracker.test_security import manage, production_env
from tracker.entrypoints import ROLES
from tracker.programme import DEJAVU

BASE_DIR = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((BASE_DIR / "compose.yaml").read_text())
DOCKERFILE = (BASE_DIR / "Dockerfile").read_text()
APP_SERVICES = {"migrate", "web", "worker", "dispatcher"}
# What no image needs: tests, benchmarks, CI, docs, dev and run locks, the
# launcher of `make run`, demo accounts, local state, caches, VCS.
DEVELOPMENT = [
    "tests/*", "bench/*", ".ci/*", "docs/*", "requirements/dev.txt", "requirements/run.txt",
    "tracker/devserver.py", "tracker/demo.py", "*/prepare_dev.py", "*/seed_demo.py",
    "Makefile", ".venv/*", "node_modules/*", "var/*", ".git/*", "*__pycache__*", "*.pyc",
    "pyproject.toml", "README.md", ".gitignore",
]  # fmt: skip


def dockerignore_rules() -> list[tuple[bool, str]]:
    rules = []
    for line in (BASE_DIR / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            negated = line.startswith("!")
            rules.append((negated, line.lstrip("!").rstrip("/")))
    return rules


def _matches(path: str, pattern: str) -> bool:
    if pattern.startswith("**/"):
        parts = path.split("/")
        return any(_matches("/".join(parts[i:]), pattern[3:]) for i in range(len(parts)))
    return fnmatch.fnmatch(path, pattern) or path.startswith(pattern + "/")


def in_build_context(path: str, rules: list[tuple[bool, str]]) -> bool:
    """Return whether Docker sends `path` (the last matching .dockerignore rule wins)."""
    included = True
    for negated, pattern in rules:
        if _matches(path, pattern):
            included = negated
    return included


def project_files() -> list[str]:
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others"], cwd=BASE_DIR, capture_output=True, text=True
    ).stdout.split()
    # What lies around a working copy too, whether git knows it or not.
    return [*tracked, ".venv/bin/python", "node_modules/uplot/package.json", "var/x.sqlite3",
            ".git/HEAD", "tracker/__pycache__/x.pyc"]  # fmt: skip


def test_the_compose_file_parses_and_names_every_part():
    services = COMPOSE["services"]

    assert set(services) == {"postgres", "redis", *APP_SERVICES}
    assert services["worker"]["deploy"]["replicas"] == 2
    assert services["dispatcher"]["deploy"]["replicas"] == 2


@pytest.mark.parametrize("name", sorted(APP_SERVICES))
def test_every_app_service_runs_a_documented_entry_point_of_the_image(name):
    service = COMPOSE["services"][name]
    command = service["command"]

    assert service["build"] == "."
    assert len(command) == 1 and command[0] in ROLES
    assert ENTRYPOINT in DOCKERFILE


ENTRYPOINT = 'ENTRYPOINT ["python", "-m", "tracker.entrypoints"]'


def test_the_roles_in_compose_are_the_processes_readme_documents():
    readme = (BASE_DIR / "README.md").read_text()
    roles = {COMPOSE["services"][name]["command"][0] for name in APP_SERVICES}

    assert roles == {"release", "web", "worker", "beat"}
    for role in roles:
        assert f"| `{role}` |" in readme


def test_every_long_running_service_has_a_health_check():
    for name, service in COMPOSE["services"].items():
        if name == "migrate":
            continue
        assert service["healthcheck"]["test"], name


def test_the_app_starts_after_the_release_step_and_healthy_storage():
    for name in ("web", "worker", "dispatcher"):
        depends = COMPOSE["services"][name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"


def test_the_image_installs_exactly_the_hashed_base_lock_file():
    installs = re.findall(r"pip install[^\n]*", DOCKERFILE)

    assert installs == ["pip install --no-deps --require-hashes -r /tmp/requirements/base.txt"]
    assert "COPY requirements/base.txt /tmp/requirements/base.txt" in DOCKERFILE
    assert "dev.txt" not in DOCKERFILE and "run.txt" not in DOCKERFILE
    assert "npm ci --omit=dev --ignore-scripts" in DOCKERFILE


def test_the_image_is_multi_stage_slim_not_root_and_has_static_files_built_in():
    stages = re.findall(r"^FROM (\S+)", DOCKERFILE, flags=re.MULTILINE)
    final = DOCKERFILE.rsplit("\nFROM ", 1)[1]

    assert len(stages) >= 3
    assert "slim" in DOCKERFILE.split("ARG PYTHON_IMAGE=", 1)[1].split("\n", 1)[0]
    assert re.search(r"^USER (?!root)\S+", final, flags=re.MULTILINE)
    assert "tracker.entrypoints static" in DOCKERFILE
    assert "COPY --from=static /app/var/static /app/var/static" in final
    assert "manage.py compile_catalogs" in DOCKERFILE
    assert "COPY --from=static /app/locale /app/locale" in final
    # No build tools or node in what runs.
    assert "apt-get" not in final and "node" not in final.replace("node_modules", "")
    # The PDF's Unicode font, installed in its own stage, where tracker.programme looks.
    assert f"COPY --from=fonts {DEJAVU} {DEJAVU}" in final


def test_the_build_context_holds_no_development_file():
    rules = dockerignore_rules()
    sent = [path for path in project_files() if in_build_context(path, rules)]

    leaked = [path for path in sent if any(fnmatch.fnmatch(path, p) for p in DEVELOPMENT)]
    assert leaked == []
    # What the image needs does get through.
    needed = [
        "manage.py",
        "requirements/base.txt",
        "package-lock.json",
        "tracker/entrypoints.py",
        "tracker/settings.py",
        "templates/tracker/today.html",
        # The translations: the image compiles them (compile_catalogs).
        "locale/pl/LC_MESSAGES/django.po",
    ]
    assert [path for path in needed if path not in sent] == []


def compose_value(value: str, variables: dict[str, str]) -> str:
    """Expand ${NAME}, ${NAME:-default} and ${NAME:?message} as compose does."""

    def expand(match: re.Match) -> str:
        name, operator, rest = match.group(1), match.group(2), match.group(3)
        if variables.get(name):
            return variables[name]
        return rest if operator == ":-" else ""

    return re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", expand, str(value))


def test_check_deploy_is_clean_with_the_compose_files_variables():
    given = production_env()
    variables = {
        "POSTGRES_PASSWORD": "pw",
        "SECRET_KEY": given["SECRET_KEY"],
        "ALLOWED_HOSTS": "stretchstop.example",
        "SITE_URL": "https://stretchstop.example",
        "VAPID_PRIVATE_KEY": given["VAPID_PRIVATE_KEY"],
        "METRICS_TOKEN": "m" * 16 + "0123456789abcdefghij",
    }
    service_env = {
        key: compose_value(value, variables)
        for key, value in COMPOSE["services"]["web"]["environment"].items()
    }
    env = {**production_env(), **service_env}

    result = manage("check", "--deploy", env=env)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr
