# zhengwu — two commands do everything:
#   make run    create the environment, install, migrate, load the demo government, serve it
#   make test   install what tests need, then lint, types, and the whole suite on SQLite and PostgreSQL
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000
# pytest-xdist workers for the suite (auto: one per core)
PYTEST_WORKERS ?= auto
export PYTEST_WORKERS

.PHONY: run test check migrations-check install system-deps system-deps-run messages lint imports types pytest pytest-sqlite pytest-postgres bench bench-sqlite bench-postgres clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $@

install: $(STAMP)

# Debian packages: gettext (English translations), chromium (browser tests), CJK fonts,
# PostgreSQL 15 (the second database of the suite).  Installed only if missing.
system-deps:
	@scripts/system-deps.sh

system-deps-run:
	@scripts/system-deps.sh run

messages: install
	@if command -v msgfmt >/dev/null; then $(BIN)/zhengwu compilemessages -v0 --ignore=.venv; \
	 else echo "msgfmt not found: the English translation is not compiled (Chinese works as is)"; fi

run: install system-deps-run messages
	$(BIN)/zhengwu migrate --noinput -v0
	$(BIN)/zhengwu demo
	@scripts/run.sh $(HOST) $(PORT)

test: install system-deps messages lint types migrations-check pytest

# The inner loop (under 3 minutes on a 2-core machine): lint, types, the migrations check and the
# suite on SQLite without the browser tests, on every core.
check: install messages lint types migrations-check
	env -u DATABASE_URL $(BIN)/python -m pytest -q -p no:cacheprovider -m "not browser" -n $(PYTEST_WORKERS)

# Models and migrations agree: a model change without its migration fails here.
migrations-check: install
	env -u DATABASE_URL $(BIN)/zhengwu makemigrations --check --dry-run -v1

lint: install imports
	$(BIN)/ruff check zhengwu tests bench scripts
	$(BIN)/ruff format --check zhengwu tests bench scripts

# The import contracts of pyproject.toml ([tool.importlinter]): pages, API and command line above the
# areas, the areas above core, no area importing the pages or the API, no cycles.
imports: install
	PYTHONPATH=. $(BIN)/lint-imports --no-cache

types: install
	$(BIN)/mypy zhengwu

pytest: install
	@scripts/test.sh

# Benchmarks (figures in README.md and bench/README.md): documents at BENCH_DOCS (20,000 by default;
# a million with BENCH_DOCS=1000000), the SQL deadlines and the portal on SQLite, then the documents
# benchmark again on a throwaway PostgreSQL cluster started and stopped like the test suite's
# (bench-sqlite and bench-postgres run one side alone).
# Small by default so that a run takes minutes on a shared machine; the issue's sizes when asked
# (BENCH_DOCS=1000000 BENCH_SWEEP=1000000).  BENCH_SWEEP: due countersign timers swept (P4);
# BENCH_PATHS: 请示 lifecycles driven (P2), beside BENCH_SPIFF lifecycles of the SpiffWorkflow peer.
BENCH_DOCS ?= 20000
BENCH_PATHS ?= 20
BENCH_SWEEP ?= 2000
BENCH_SPIFF ?= 50
BENCH_ARGS ?=
BENCH_SIZES = --paths $(BENCH_PATHS) --sweep $(BENCH_SWEEP) --spiff $(BENCH_SPIFF)
# the portal: search and item pages over BENCH_PORTAL_ITEMS published items (a million: BENCH_PORTAL_ITEMS=1000000)
BENCH_PORTAL_ITEMS ?= 20000

bench: bench-sqlite bench-postgres

bench-sqlite: install
	env -u DATABASE_URL BENCH_DOCS=$(BENCH_DOCS) $(BIN)/python bench/documents.py $(BENCH_SIZES) $(BENCH_ARGS)
	env -u DATABASE_URL $(BIN)/python bench/deadlines.py
	env -u DATABASE_URL BENCH_PORTAL_ITEMS=$(BENCH_PORTAL_ITEMS) $(BIN)/python bench/portal.py

bench-postgres: install system-deps
	@set -eu; \
	pgbin=$$(dirname "$$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"); \
	pgdir=$$(mktemp -d /tmp/zhengwu-bench-pg.XXXXXX); \
	as_pg() { if [ "$$(id -u)" -eq 0 ]; then runuser -u postgres -- "$$@"; else "$$@"; fi; }; \
	[ "$$(id -u)" -ne 0 ] || chown postgres "$$pgdir"; \
	trap 'as_pg "$$pgbin/pg_ctl" -D "$$pgdir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$$pgdir"' EXIT; \
	as_pg "$$pgbin/initdb" -D "$$pgdir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null; \
	as_pg "$$pgbin/pg_ctl" -D "$$pgdir/data" -l "$$pgdir/log" -w \
	  -o "-k $$pgdir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null; \
	as_pg "$$pgbin/createdb" -h "$$pgdir" -U postgres zhengwu_bench; \
	echo "== PostgreSQL $$("$$pgbin/postgres" --version | awk '{print $$3}') (throwaway cluster in $$pgdir) =="; \
	DATABASE_URL="postgres://postgres@/zhengwu_bench?host=$$pgdir" BENCH_DOCS=$(BENCH_DOCS) \
	  $(BIN)/python bench/documents.py $(BENCH_SIZES) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache test-results
