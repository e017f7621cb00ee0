# Two commands for a fresh machine: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
APPS := sitesearch methodologies research events podcast periodical dictionary campaign projects subscriptions
PYTEST_ARGS ?=
# Tests run in parallel processes (pytest-xdist), each with its own test database; tests marked
# with one xdist_group run in one process (so a module builds its demo site once). One process
# per core, 2 to 8: the suite is CPU-bound, and it passes with more processes than cores.
PYTEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n < 2 ? 2 : n > 8 ? 8 : n )))

.PHONY: run test install install-dev messages compilemessages demo browser-deps schemas bench lint clean services \
	opensearch-start opensearch-stop production-local production-local-stop test-stack

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files: dependencies are installed again only when pyproject.toml changes. `install` is
# for a machine that loads the demo content (run, demo, production-local): with the demo's extra
# dependencies; production installs without them (README: Production).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[demo]"
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

compilemessages:
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

# Refresh the Latvian catalogues: the site-wide one in locale/, and one per app in <app>/locale/.
messages:
	$(BIN)/python manage.py makemessages -l lv -e html,txt,py,svg --no-obsolete --ignore=.venv --ignore=node_modules \
		--ignore=tests --ignore=bench --ignore=website/locale $(foreach app,$(APPS),--ignore=$(app))
	for app in $(APPS); do \
		if [ -d $$app/locale ]; then (cd $$app && ../$(BIN)/python ../manage.py makemessages -l lv -e html,txt,py,svg --no-obsolete); fi; \
	done

demo: install compilemessages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content

run: demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Test tools from npm (never from a CDN): axe-core for the accessibility checks, the Nu HTML
# checker's jar. No install scripts: vnu-jar's would download a Java runtime when none is found.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent --ignore-scripts

browser-deps: node_modules/axe-core/axe.min.js

# The official OAI-PMH XML schemas, out of packages on PyPI (tests/official_schemas.py): the
# tests never download anything.
schemas: install-dev
	$(BIN)/python -m tests.official_schemas

# With bytecode written (__pycache__, ignored by git) even where the environment says
# PYTHONDONTWRITEBYTECODE: otherwise every test process rewrites the assertions of all test
# modules again (about 5 s of CPU each) and every subprocess compiles the project again.
test: install-dev compilemessages browser-deps schemas
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install-dev compilemessages
	$(BIN)/python -m bench.queries
	bench/wrk.sh

# A real single-node OpenSearch 2.19 on 127.0.0.1 for the `opensearch` tests and bench/search.py
# (Java 17 and Maven; the server's artifacts come from Maven Central): started in the background,
# answering when the target returns. Data in a temporary folder, removed by opensearch-stop.
OPENSEARCH_PORT ?= 9201

opensearch-start:
	deploy/opensearch/node.sh start $(OPENSEARCH_PORT)

opensearch-stop:
	deploy/opensearch/node.sh stop $(OPENSEARCH_PORT)

# PostgreSQL and Redis on 127.0.0.1, from Debian's packages: installed and started when they are not
# running (a new machine has neither). Needs root. Then, for example:
#   make test DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/portal
services:
	deploy/services.sh

# The production stack (README: Production) on 127.0.0.1 without root: nginx on STACK_PORT,
# gunicorn on the next port, the demo loaded into STACK_DATABASE_URL (dropped and created) with
# Redis database STACK_REDIS_URL (emptied). Needs nginx, PostgreSQL and Redis (make services).
STACK_PORT ?= 8180
STACK_DIR ?= /tmp/socialais-darbs-stack
STACK_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/stack_portal
STACK_REDIS_URL ?= redis://127.0.0.1:6379/13

production-local: install compilemessages
	DATABASE_URL=$(STACK_DATABASE_URL) REDIS_URL=$(STACK_REDIS_URL) PORT=$(STACK_PORT) \
		APP_PORT=$$(($(STACK_PORT) + 1)) deploy/run-local start $(STACK_DIR)

production-local-stop:
	deploy/run-local stop $(STACK_DIR)

# The stack test (tests/deploy/, marker stack) starts and stops its own stack.
test-stack: install-dev
	STACK_DATABASE_URL=$(STACK_DATABASE_URL) STACK_REDIS_URL=$(STACK_REDIS_URL) \
		STACK_PORT=$(STACK_PORT) $(BIN)/pytest -n 0 -m stack tests/deploy $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media static_collected .test-databases
