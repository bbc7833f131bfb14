# Two commands: `make run` (set up and serve on 127.0.0.1:8000 with SQLite) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Two workers on a 2-core machine halve the suite (pytest-xdist; each worker has its own test DB).
PYTEST_ARGS ?= -n auto
# Exact versions with hashes, compiled from pyproject.toml's ranges by `make lock` (uv pip compile).
# Both locks also pin pip and setuptools, so the editable install builds with a known setuptools.
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
BUILD_PINS := 'pip' 'setuptools>=69'
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock"

.PHONY: install install-dev lock run serve migrate demo test test-only browser lighthouse node lint \
	bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip installs the lock whole (hash-checked), then the project itself without resolving anything;
# `pip check` fails when pyproject.toml asks for a package the lock lacks (run `make lock`).
define install_lock
	$(BIN)/pip install --quiet --require-hashes -r $(1)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/pip check || { echo "The lock lacks what pyproject.toml asks for: run make lock." >&2; exit 1; }
endef

$(VENV)/.installed: $(LOCK) pyproject.toml | $(BIN)/python
	$(call install_lock,$(LOCK))
	touch $@

$(VENV)/.installed-dev: $(DEV_LOCK) pyproject.toml | $(BIN)/python
	$(call install_lock,$(DEV_LOCK))
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

$(BIN)/uv: | $(BIN)/python
	$(BIN)/pip install --quiet "uv>=0.5"

# Regenerate both locks after changing pyproject.toml's dependencies. Versions already pinned are
# kept (uv reads the old lock as preferences); `make lock UPGRADE=1` moves everything to the newest
# versions the ranges allow. The dev lock is constrained by the runtime one: same versions in both.
# A lock left with merge-conflict markers is compiled afresh from the ranges.
lock: | $(BIN)/uv
	for f in $(LOCK) $(DEV_LOCK); do ! grep -qs '^<<<<<<<' $$f || rm $$f; done
	printf '%s\n' $(BUILD_PINS) | $(UV_COMPILE) $(if $(UPGRADE),--upgrade) \
		pyproject.toml - -o $(LOCK)
	printf '%s\n' $(BUILD_PINS) | $(UV_COMPILE) $(if $(UPGRADE),--upgrade) \
		pyproject.toml - --extra dev -c $(LOCK) -o $(DEV_LOCK)

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

# Ruff, migrations in step with the models, and the layers of .importlinter (cms ← search ← apps).
lint: install-dev
	$(BIN)/ruff check .
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/lint-imports

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
	rm -rf $(VENV) staticfiles media db.sqlite3 .pytest_cache .ruff_cache .import_linter_cache
