# Klyngearkiv: `make demo` serves the sample archive, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ARCHIVE ?= sqlite:///klyngearkiv.db
HOST ?= 127.0.0.1
PORT ?= 5000
NORNE ?= ../shared/data/norne
NOREC ?= ../shared/data/norec/norec-v2.1-texts.tar.gz

.PHONY: demo test test-slow lint bench models index serve train-ner ner-eval chromium clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch is installed first and pinned: an unpinned torch would pull CUDA builds.
$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

models: $(VENV)/.installed
	$(BIN)/python -m nlp.vectors
	$(BIN)/python -m nlp.ner

index: models
	$(BIN)/klyngearkiv index corpora --backend $(ARCHIVE)

serve: $(VENV)/.installed
	$(BIN)/klyngearkiv serve --backend $(ARCHIVE) --host $(HOST) --port $(PORT)

demo: index serve

# The browser tests drive Debian's Chromium; installing it needs root (as in CI).
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }

test: $(VENV)/.installed-dev models chromium
	$(BIN)/python -m pytest

test-slow: $(VENV)/.installed-dev models chromium
	$(BIN)/python -m pytest -m slow

# Full-page PNGs of every page of the demo archive, in bench/screenshots/.
screenshots: index $(VENV)/.installed-dev chromium
	$(BIN)/python bench/screenshots.py --backend $(ARCHIVE) --out bench/screenshots

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(VENV)/.installed-dev models
	$(BIN)/python bench/ner_eval.py $(NORNE)
	$(BIN)/python bench/index_throughput.py

# multilingual-e5-small fine-tuned on NorNE (about an hour on two cores); only the trained
# layers ship, in nlp/models/ner.
train-ner: $(VENV)/.installed
	$(BIN)/python -m nlp.train.e5ner $(NORNE) nlp/train/output
	rm -rf nlp/models/ner && cp -r nlp/train/output nlp/models/ner

ner-eval: $(VENV)/.installed
	$(BIN)/python bench/ner_eval.py $(NORNE)

clean:
	rm -rf $(VENV) nlp/train/output *.egg-info
