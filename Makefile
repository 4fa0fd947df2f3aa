# Two commands on a fresh machine: `make run` (set up + main job) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.test-extras
NODE_STAMP := node_modules/.installed
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test lint bench browser postgres serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The tests also cover the optional PostgreSQL driver and the Ray engine.
$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,ray]'
	touch $(TEST_STAMP)

# The network view's graph library comes from the npm registry (served by the app).
$(NODE_STAMP): package.json
	npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Browser tests drive Debian's Chromium (never a browser downloaded by a test tool).
browser:
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# The suite runs a second time on a PostgreSQL server the tests start and stop themselves
# (tests/postgres.py: initdb + pg_ctl on 127.0.0.1) from Debian's package.
postgres:
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql >/dev/null; }

run: $(STAMP) $(NODE_STAMP)
	$(BIN)/tracewire build examples/corpus
	$(BIN)/tracewire screen
	$(BIN)/tracewire stats

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy

test: lint $(NODE_STAMP) browser postgres
	$(BIN)/pytest
	TRACEWIRE_TEST_DB=postgresql $(BIN)/pytest

bench: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,postgres,ray]'
	$(BIN)/python benchmarks/build_throughput.py
	$(BIN)/python benchmarks/screening.py
	$(BIN)/python benchmarks/web_load.py
	$(BIN)/python benchmarks/build_scale.py

serve: $(STAMP) $(NODE_STAMP)
	$(BIN)/tracewire serve

clean:
	rm -rf $(VENV) node_modules tracewire.db
