PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build data/articles --out out; test $$? -le 1
	$(BIN)/kg query out who_led_what --format table
	$(BIN)/kg viz out -o out/graph.html

test: $(STAMP)
	$(BIN)/python -m pytest

# Benchmarks against their baselines, written to bench/RESULTS.md; BENCH_ARGS=--big for 100k articles / 1M triples.
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf out $(VENV) .pytest_cache
