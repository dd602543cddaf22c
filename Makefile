# Klyngearkiv: `make demo` serves the sample archive, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
ARCHIVE ?= sqlite:///klyngearkiv.db
HOST ?= 127.0.0.1
PORT ?= 5000
NORNE ?= ../shared/data/norne
NOREC ?= ../shared/data/norec/norec-v2.1-texts.tar.gz

.PHONY: demo test test-slow lint bench models index serve vectors train-ner ner-eval chromium clean screenshots

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

$(VENV)/.installed-train: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[train]'
	touch $@

# floret vectors from NoReC for the NER tok2vec; they end up inside nlp/models/ner.
vectors: nlp/train/vectors/meta.json

nlp/train/vectors/meta.json: nlp/train/vectors.py | $(VENV)/.installed-train
	rm -rf nlp/train/vectors-work
	$(BIN)/python -m nlp.train.vectors $(NOREC) nlp/train/vectors-work nlp/train/vectors

train-ner: vectors
	$(BIN)/python -m nlp.train.norne $(NORNE) nlp/train/corpus
	$(BIN)/python -m spacy train nlp/train/ner.cfg --output nlp/train/output
	rm -rf nlp/models/ner && cp -r nlp/train/output/model-best nlp/models/ner

ner-eval: $(VENV)/.installed
	$(BIN)/python bench/ner_eval.py $(NORNE)

clean:
	rm -rf $(VENV) nlp/train/corpus nlp/train/output nlp/train/vectors nlp/train/vectors-work *.egg-info
