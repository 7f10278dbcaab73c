# Two commands set everything up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install run test lint typecheck unit check-fixtures corpus conformance clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/tradefig extract fixtures/articles/

test: lint typecheck unit check-fixtures

lint: $(STAMP)
	$(BIN)/ruff check tradefig tests bench
	$(BIN)/ruff format --check tradefig tests bench

typecheck: $(STAMP)
	$(BIN)/mypy --strict tradefig

unit: $(STAMP)
	$(BIN)/pytest

check-fixtures: $(STAMP)
	$(BIN)/tradefig check fixtures --min-f1 $$(cat fixtures/MIN_F1)

corpus: $(STAMP)
	$(BIN)/tradefig check $(SHARED)/corpus --min-f1 0

conformance: $(STAMP)
	$(BIN)/python -m bench.conformance --check --dir $(SHARED)/conformance

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
