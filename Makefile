# PlanWatch: `make run` serves the demo; `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Real public data for the demo's figures: the ONS area lookup and data.police.uk files.
DATA ?= ../shared/data

.PHONY: run test lint install install-test system-deps bench assets clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-run

install-test: $(VENV)/.installed-test system-deps

system-deps:
	@bash scripts/install-system-deps.sh

## Set up and serve the demo on http://127.0.0.1:8000 (SQLite under var/).
run: export PLANWATCH_DEBUG ?= 1
run: install
	$(BIN)/planwatch migrate --noinput
	$(BIN)/planwatch demo --if-empty --data $(DATA)
	@echo "Serving PlanWatch on http://$(HOST):$(PORT)/ with a background worker (Ctrl+C to stop)"
	$(BIN)/planwatch worker --no-reload --verbosity 0 & WORKER=$$!; \
	  trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/planwatch runserver $(HOST):$(PORT)

## Set up and run every check: lint, migrations, the whole test suite (browser tests included).
test: export PLANWATCH_SECRET_KEY ?= test-only-secret-key
test: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/planwatch makemigrations --check --dry-run
	$(BIN)/pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: export PLANWATCH_SECRET_KEY ?= bench-only-secret-key
bench: install-test
	$(BIN)/python bench/plan_on_a_page.py
	$(BIN)/python bench/delivery_plan.py
	$(BIN)/python bench/papers.py

## Rebuild planwatch/static/govuk from the pinned GOV.UK Frontend (needs npm).
assets:
	bash scripts/build-govuk-assets.sh

clean:
	rm -rf $(VENV) var
