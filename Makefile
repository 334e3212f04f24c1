# 法治政府建设平台 Fazhi — every target installs what it needs itself.
PYTHON ?= python3.11
UV_VERSION = 0.13.9
TOOLS = .tools
UV = $(TOOLS)/bin/uv
VENV = .venv
PY = $(VENV)/bin/python
export UV_PROJECT_ENVIRONMENT = $(VENV)
export UV_PYTHON = $(shell command -v $(PYTHON) || command -v python3)
export UV_PYTHON_DOWNLOADS = never

.PHONY: install demo test test-sqlite lint test-deps bench clean wheelhouse smoke

$(UV):
	$(UV_PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	touch $@

install: $(VENV)/.installed

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py run_schedule
	$(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

# What the tests drive, from Debian's packages (no browser or font download):
# Chromium for the Playwright tests, LibreOffice and CJK fonts to turn a rendered
# .docx into PDF pages.
TEST_PACKAGES = chromium libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai poppler-utils
test-deps:
	@missing=""; for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# The production configuration (docs/deploy.md): DEBUG off, static files collected and served by
# WhiteNoise, gunicorn with 2 × cores + 1 workers (config/gunicorn.conf.py) and the job worker, on
# the database in FAZHI_DATABASE_URL. Needs FAZHI_SECRET_KEY: the repository's key is refused.
.PHONY: serve
serve: export DJANGO_SETTINGS_MODULE = config.settings_production
serve: install
	$(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py run_schedule
	$(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn -c config/gunicorn.conf.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings_test

# The whole suite on SQLite (with the browser tests), then again on PostgreSQL (without the pure
# packages' tests: they never touch a database, tests/test_layers.py keeps Django out of them),
# then the production configuration on PostgreSQL: two gunicorn processes and one worker (make smoke).
PURE_TESTS = --ignore=fazhi/reportcheck --ignore=fazhi/disclosurecheck --ignore=fazhi/indicators
test: install test-deps lint
	$(VENV)/bin/pytest
	scripts/with-postgres.sh $(VENV)/bin/pytest -m "not browser" $(PURE_TESTS)
	scripts/with-postgres.sh scripts/smoke-two-web.sh

# Two web processes and one job worker on one throwaway PostgreSQL (docs/deploy.md#two-process-check):
# a report sent through one process is read through the other.
smoke: install
	scripts/with-postgres.sh scripts/smoke-two-web.sh

test-sqlite: install test-deps lint
	$(VENV)/bin/pytest

bench: install
	$(PY) -m fazhi.bench
	$(PY) -m fazhi.reportcheck.bench --reports 1000 --files 1000 --sizes 10000 40000 100000 --index 10000 50000

# Every locked dependency (no dev group) as a wheel, for a server with no internet
# (docs/deploy.md#offline-install). Needs the package index; run on the same OS and Python (3.11)
# as the server. Installs there with no index:
#   pip install --no-index --find-links wheelhouse -r wheelhouse/requirements.txt
# requirements.lock.txt carries uv.lock's hashes, so every download is checked against the lock;
# requirements.txt is the same list without them (a wheel built here from an sdist, such as jieba's,
# has no hash in the lock); SHA256SUMS checks the copy on the other side.
WHEELHOUSE = wheelhouse
wheelhouse: $(UV)
	rm -rf $(WHEELHOUSE) && mkdir -p $(WHEELHOUSE)
	$(UV) export --frozen --no-dev --no-emit-project --format requirements.txt --quiet -o $(WHEELHOUSE)/requirements.lock.txt
	$(UV) export --frozen --no-dev --no-emit-project --no-hashes --format requirements.txt --quiet -o $(WHEELHOUSE)/requirements.txt
	$(TOOLS)/bin/pip wheel --quiet --require-hashes --wheel-dir $(WHEELHOUSE) -r $(WHEELHOUSE)/requirements.lock.txt
	cd $(WHEELHOUSE) && sha256sum *.whl > SHA256SUMS
	@echo "$(WHEELHOUSE): $$(ls $(WHEELHOUSE)/*.whl | wc -l) wheels, $$(du -sh $(WHEELHOUSE) | cut -f1)"

clean:
	rm -rf $(VENV) $(TOOLS) db.sqlite3 media $(WHEELHOUSE)

# Load test (docs/deploy.md#load-test), not part of make test: one gunicorn with 2 workers on a
# throwaway PostgreSQL with the demo, 32 users (clerks, heads, the office, the public portal) on
# 127.0.0.1 for LOADTEST_DURATION seconds (600); prints req/s, p50/p95/p99 and errors per page.
# More options in LOADTEST_ARGS, e.g. "--phase mixed --phase ledger:60 --phase home:60".
.PHONY: loadtest
loadtest: export LOADTEST_DURATION ?= 600
loadtest: install
	scripts/with-postgres.sh scripts/loadtest.sh $(LOADTEST_ARGS)
