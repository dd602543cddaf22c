"""NER precision/recall/F1 per label on NorNE dev and test, and tagging speed (words/s).

Usage: python bench/ner_eval.py [NORNE_DIR [MODEL_DIR]]
(defaults ../shared/data/norne and the committed model, nlp/models/ner)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.training import Example

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlp.ner import MODEL_DIR  # noqa: E402
from nlp.train.norne import SENTENCES_PER_DOC, _doc, read_sentences  # noqa: E402

SPLITS = {
    "nob dev": "nob/no_bokmaal-ud-dev.conllu",
    "nob test": "nob/no_bokmaal-ud-test.conllu",
    "nno dev": "nno/no_nynorsk-ud-dev.conllu",
    "nno test": "nno/no_nynorsk-ud-test.conllu",
}


def evaluate(nlp: spacy.Language, path: Path) -> tuple[dict, float]:
    """spaCy's NER scores on one CoNLL-U file (gold tokenisation), and words tagged per second."""
    sentences = list(read_sentences(path))
    golds = [
        _doc(nlp.vocab, sentences[i : i + SENTENCES_PER_DOC])
        for i in range(0, len(sentences), SENTENCES_PER_DOC)
    ]
    examples = [
        Example(
            Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g]), g
        )
        for g in golds
    ]
    started = time.perf_counter()
    scores = nlp.evaluate(examples)
    elapsed = time.perf_counter() - started
    return scores, sum(len(g) for g in golds) / elapsed


def main() -> None:
    norne = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/norne")
    model = Path(sys.argv[2]) if len(sys.argv) > 2 else MODEL_DIR
    nlp = spacy.load(model)
    print(f"model: {model}")
    for name, rel in SPLITS.items():
        scores, speed = evaluate(nlp, norne / rel)
        print(
            f"\n{name}: P {scores['ents_p'] * 100:.1f}  R {scores['ents_r'] * 100:.1f}  "
            f"F1 {scores['ents_f'] * 100:.1f}   ({speed:,.0f} words/s)"
        )
        for label, s in sorted(scores["ents_per_type"].items()):
            print(
                f"  {label:<8} P {s['p'] * 100:5.1f}  R {s['r'] * 100:5.1f}  F1 {s['f'] * 100:5.1f}"
            )


if __name__ == "__main__":
    main()
