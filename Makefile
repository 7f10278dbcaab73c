# Two commands set everything up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

PEERS := .venv-peers

.PHONY: bench bench-peers fuzz install run test lint typecheck unit check-fixtures corpus conformance clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
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
	rm -rf $(VENV) $(PEERS) .pytest_cache .mypy_cache .ruff_cache .hypothesis

# Speed and memory targets of issue #7, measured side by side in one run (never in unit tests).
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet psutil
	$(BIN)/python -m bench.bench

# Random and mutated inputs through the pipeline for FUZZ_SECONDS; prints inputs run and failures
# (issue #6; not part of CI). Failing inputs are saved for replay: see bench/fuzz.py.
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	$(BIN)/python -m bench.fuzz --seconds $(FUZZ_SECONDS)

# quantulum3 and Microsoft Recognizers-Text in their own venv, timed on the same 20 KB of text.
bench-peers: $(STAMP)
	test -x $(PEERS)/bin/python || $(PY) -m venv $(PEERS)
	$(PEERS)/bin/python -m pip install --quiet quantulum3 ms-recognizers-text-suite
	$(BIN)/python -m bench.peers --peers-python $(PEERS)/bin/python
