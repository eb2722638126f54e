# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-dates lint bench demo sandbox clean

# The days `make test-dates` runs the date-sensitive tests for: today (Moscow), a 1st of a
# month, the last day of a year, a leap day. `make test` itself runs on a fixed date
# (tests/conftest.py) or on CABINET_TODAY when set: `CABINET_TODAY=2027-01-01 make test`.
DATES ?= $(shell TZ=Europe/Moscow date +%F) 2027-03-01 2026-12-31 2028-02-29
DATE_TESTS ?= tests/dialogs/test_balance.py tests/dialogs/test_balance_services.py \
	tests/dialogs/test_payments.py tests/dialogs/test_start.py tests/unit/test_demo.py \
	tests/unit/test_statistics.py tests/unit/test_payments.py tests/unit/test_account_services.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m bot run

test: $(STAMP)
	$(PY) -m pytest -q

test-dates: $(STAMP)
	for d in $(DATES); do echo "== CABINET_TODAY=$$d"; \
		CABINET_TODAY=$$d $(PY) -m pytest -q -p no:cacheprovider $(DATE_TESTS) || exit 1; done

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
