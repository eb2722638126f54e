# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-dates lint bench demo sandbox clean

# The days `make test-dates` runs the whole dialog suite and the date-sensitive unit tests for:
# today (Moscow), a 1st of a month, the last day of a year, a leap day. `make test` itself runs
# on a fixed date (tests/conftest.py) or on CABINET_TODAY when set: `CABINET_TODAY=2027-01-01
# make test`. (tests/unit/test_demo.py is not here: it pins its own moments, first and last
# days of months included.)
DATES ?= $(shell TZ=Europe/Moscow date +%F) 2027-03-01 2026-12-31 2028-02-29
DATE_TESTS ?= tests/dialogs tests/unit/test_statistics.py tests/unit/test_payments.py \
	tests/unit/test_account_services.py tests/unit/test_orders_core.py \
	tests/unit/test_order_history.py tests/unit/test_document_orders.py \
	tests/unit/test_period_documents.py tests/unit/test_tickets.py tests/unit/test_subscribers.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m bot run

# Tests run on every core (pytest-xdist): `make test JOBS=1` for one process.
JOBS ?= auto

test: $(STAMP)
	$(PY) -m pytest -q -n $(JOBS)

# One session for all the dates: each test runs once per day (its id ends in `[on-YYYY-MM-DD]`),
# and the workers share all the runs, so no core waits for a slower date.
test-dates: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider -n $(JOBS) --dates "$(DATES)" $(DATE_TESTS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy domain storage bot handlers keyboards sandbox

demo: $(STAMP)
	$(PY) -m bot demo

sandbox: $(STAMP)
	$(PY) -m bot sandbox

bench: $(STAMP)
	for f in benchmarks/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) data
