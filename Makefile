# Breaking Chains Meetings. `make run` serves the demo; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
STAMP := $(VENV)/.installed
LOCALES := en ko zh_Hans ja vi th km lo id ms fil ar fr es pt

.PHONY: run test bench i18n i18n-compile system-deps install test-tools db demo-access lint clean

# The outbox worker and the job worker (badges, lists, bulk sends, ZIPs) run beside the dev
# server; Ctrl-C stops all three. A background job of this shell ignores SIGINT, so the trap
# ends them (SIGTERM; the job worker finishes the job it is running) when the server stops.
run: install i18n-compile db
	@$(FLASK) demo-access
	@$(FLASK) outbox deliver --loop & worker=$$!; \
	$(FLASK) jobs worker & jobs=$$!; \
	trap 'kill $$worker $$jobs 2>/dev/null; wait $$worker $$jobs' EXIT INT TERM; \
	$(FLASK) run --host 127.0.0.1 --port 5000

# Two pytest-xdist workers (the CI machine has two cores); each has its own SQLite file,
# instance folder and PostgreSQL database (<TEST_DATABASE_URL's name>_gw0, _gw1). `make test
# PYTEST_ARGS="-n 0"` runs in one process; `PYTEST_ARGS="-n 2 tests/auth"` a part.
# Compiled modules and pytest's rewritten test modules are kept in .venv/pycache, even where
# PYTHONDONTWRITEBYTECODE is set: collecting then costs each worker ~11 s of CPU, not ~29 s.
PYTEST_ARGS ?= -n 2

test: install i18n-compile test-tools
	$(BIN)/ruff check app tests scripts bench
	PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(CURDIR)/$(VENV)/pycache \
	  $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install i18n-compile
	$(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check app tests scripts bench

system-deps:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)
	@bash scripts/system-deps.sh

# The independent checkers the tests run (Nu HTML Checker, ical.js): pinned in
# tests/tools/package-lock.json; Java and Node come from scripts/system-deps.sh.
TOOLS := tests/tools
$(TOOLS)/node_modules/.installed: $(TOOLS)/package.json $(TOOLS)/package-lock.json
	@bash scripts/system-deps.sh
	npm ci --prefix $(TOOLS) --ignore-scripts --no-audit --no-fund
	touch $@

test-tools: $(TOOLS)/node_modules/.installed

db: install
	$(FLASK) db upgrade
	$(FLASK) demo-data

demo-access: install
	@$(FLASK) demo-access

i18n-compile: install
	@$(BIN)/pybabel -q compile -d translations

i18n: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k _nl:1,2 -k lazy_ngettext:1,2 -k pgettext:1c,2 -k lazy_pgettext:1c,2 -k _lp:1c,2 --sort-output --no-wrap \
	  --project "Breaking Chains Meetings" --copyright-holder "Breaking Chains Secretariat" \
	  -o translations/messages.pot .
	@for l in $(LOCALES); do \
	  if [ -f translations/$$l/LC_MESSAGES/messages.po ]; then \
	    $(BIN)/pybabel update --no-wrap --ignore-obsolete -i translations/messages.pot -d translations -l $$l; \
	  else \
	    $(BIN)/pybabel init --no-wrap -i translations/messages.pot -d translations -l $$l; \
	    $(BIN)/python scripts/plural_forms.py translations 2>/dev/null || true; \
	  fi; \
	done
	$(BIN)/python scripts/plural_forms.py translations
	$(BIN)/python scripts/english_catalogue.py
	$(BIN)/pybabel compile -d translations
	@for l in $(LOCALES); do msgfmt --check -o /dev/null translations/$$l/LC_MESSAGES/messages.po || exit 1; done

clean:
	rm -rf $(VENV) instance .pytest_cache
