"""The project's own Norwegian NER pipeline (trained on NorNE by nlp/train), loaded once."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

MODEL_DIR = Path(__file__).parent / "models" / "ner"

# NorNE labels → the entity types Klyngearkiv reports. GPE_ORG names a place acting as an
# organisation ("Norge vant"), so it counts as ORG; PROD, EVT, DRV and MISC are not reported.
LABELS = {
    "PER": "PERSON",
    "ORG": "ORG",
    "GPE_ORG": "ORG",
    "GPE_LOC": "LOCATION",
    "LOC": "LOCATION",
}


def load(path: Path = MODEL_DIR) -> Language:
    """The trained pipeline with a sentencizer added, for NER and sentence boundaries."""
    if not (path / "meta.json").exists():
        raise FileNotFoundError(f"no NER model at {path}: run `make train-ner` to build it")
    nlp = spacy.load(path)
    if "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    return nlp
