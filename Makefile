# Child Protection Hub portal. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install install-dev run serve worker test lint format messages check-messages compile-messages demo-data library-data bench query-counts clean text-search

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned runtime requirements

install-dev: $(VENV)/.installed-dev ## Also install the test and lint tools

run: install ## Set up everything (venv, migrations, demo data on an empty database) and serve on SQLite with the task worker; PORT=8101 picks the port
	$(MANAGE) migrate --noinput
	TASKS_BACKEND=immediate $(MANAGE) load_demo_data --only-if-empty
	$(MANAGE) set_site_address --hostname $(HOST) --port $(PORT)
	@echo "Serving the portal on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Background tasks (mail, search and reference index) run in a db_worker started alongside."
	WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)} bin/serve-with-worker $(HOST):$(PORT)

worker: install ## Run the background task worker alone (as production does)
	$(MANAGE) db_worker --queue-name '*'

demo-data: install ## Load (or top up) the demo data; safe to rerun
	$(MANAGE) migrate --noinput
	TASKS_BACKEND=immediate $(MANAGE) load_demo_data

library-data: install ## Add 2,500 generated publications to the library (COUNT=…)
	$(MANAGE) generate_library --count $(or $(COUNT),2500)

test: install-dev ## Run the test suite (SQLite unless DATABASE_URL is set)
	$(BIN)/pytest

lint: install-dev ## ruff format check, ruff lint and djhtml check
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/djhtml --check $$(git ls-files '*.html')

format: install-dev ## Format Python and templates in place
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml $$(git ls-files '*.html')

messages: install ## Extract UI strings into locale/*/LC_MESSAGES/django.po and compile them
	$(MANAGE) makemessages --no-obsolete --no-location $(foreach l,sq bg el fr hu ro sh uk ru en,-l $(l)) --ignore=.venv --ignore=static --ignore=tests --ignore=portal/locale_fallbacks
	$(MANAGE) compilemessages --ignore=.venv

compile-messages: install ## Compile the catalogues
	$(MANAGE) compilemessages --ignore=.venv

check-messages: install ## Fail when a catalogue has an untranslated or fuzzy string, or the runtime reads another
	@bin/check-catalogues

bench: install ## PostgreSQL: generate 1k/10k/100k items, serve with gunicorn, drive with wrk, write docs/benchmarks.md (BENCH_SIZES, BENCH_SECONDS, BENCH_REUSE=1)
	bin/bench

query-counts: install-dev ## Query counts of every public page and the translation report with 4 and 30 items, and the listing plans (EXPLAIN, PostgreSQL)
	$(BIN)/pytest -q tests/test_query_budget.py tests/governance/test_translation_status_scale.py tests/test_listing_indexes.py "tests/library/test_listing.py::test_listing_queries_do_not_grow_with_items_or_facet_values" -s

text-search: install ## PostgreSQL: install the uk/bg Hunspell dictionaries (as root, on the database server), set up the text search configurations and rebuild the search vectors
	bin/install-text-search-dictionaries
	$(MANAGE) setup_text_search --reindex

clean: ## Remove the virtualenv, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 static media
