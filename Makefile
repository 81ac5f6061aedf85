# zhengwu — two commands do everything:
#   make run    create the environment, install, migrate, load the demo government, serve it
#   make test   install what tests need, then lint, types, and the whole suite on SQLite and PostgreSQL
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install system-deps messages lint types pytest pytest-sqlite pytest-postgres bench clean

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

messages: install
	@if command -v msgfmt >/dev/null; then $(BIN)/zhengwu compilemessages -v0 --ignore=.venv; \
	 else echo "msgfmt not found: the English translation is not compiled (Chinese works as is)"; fi

run: install messages
	$(BIN)/zhengwu migrate --noinput -v0
	$(BIN)/zhengwu demo
	@scripts/run.sh $(HOST) $(PORT)

test: install system-deps messages lint types pytest

lint: install
	$(BIN)/ruff check zhengwu tests bench scripts

types: install
	$(BIN)/mypy zhengwu

pytest: install
	@scripts/test.sh

bench: install
	$(BIN)/python bench/deadlines.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache test-results
