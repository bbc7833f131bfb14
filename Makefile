# Two commands: `make run` (set up and serve on 127.0.0.1:8000 with SQLite) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Two workers on a 2-core machine halve the suite (pytest-xdist; each worker has its own test DB).
PYTEST_ARGS ?= -n auto

.PHONY: install install-dev run serve migrate demo test test-only browser lighthouse node lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

# The publishing scheduler (go-live/expiry dates) runs beside the server and stops with it.
run: demo
	$(MANAGE) run_scheduler & SCHEDULER=$$!; \
	trap 'kill $$SCHEDULER 2>/dev/null; wait $$SCHEDULER' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

test: install-dev test-only

test-only:
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(MANAGE) makemigrations --check --dry-run

# npm tools of the public site's checks (axe-core, vnu-jar, lighthouse; see package.json).
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

node: node_modules/.package-lock.json

# Playwright on Debian's Chromium (apt-get install chromium); SCREENSHOTS=1 refreshes docs/screenshots.
browser: install-dev node
	$(BIN)/pytest tests/browser $(PYTEST_ARGS)

# Lighthouse on the home page, an article and the catalogue under gunicorn + production settings.
lighthouse: install-dev node
	$(BIN)/python -m tests.browser.lighthouse $(LIGHTHOUSE_ARGS)

# nginx (deploy/nginx) + gunicorn (production settings) + the scheduler on free high ports with
# a self-signed certificate; checks pages, pictures, static files, admin, 404, redirect over HTTPS.
.PHONY: prod-smoke
prod-smoke: install
	$(BIN)/python deploy/smoke.py

bench: install-dev
	$(BIN)/python -m tests.perf $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles media db.sqlite3 .pytest_cache .ruff_cache
