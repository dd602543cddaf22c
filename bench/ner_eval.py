"""NER precision/recall/F1 per label on NorNE dev and test, and tagging speed (words/s).

Usage: python bench/ner_eval.py [NORNE_DIR [MODEL_DIR [THREADS]]]
(defaults ../shared/data/norne, the committed model nlp/models/ner, and every core)

Scored on NorNE's own tokens; sentences are found by the sentencizer, as in real documents.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from spacy.scorer import get_ner_prf
from spacy.tokens import Doc
from spacy.training import Example

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlp.ner import MODEL_DIR, Recognizer  # noqa: E402
from nlp.train.norne import SENTENCES_PER_DOC, read_sentences, sentences_doc  # noqa: E402

SPLITS = {
    "nob dev": "nob/no_bokmaal-ud-dev.conllu",
    "nob test": "nob/no_bokmaal-ud-test.conllu",
    "nno dev": "nno/no_nynorsk-ud-dev.conllu",
    "nno test": "nno/no_nynorsk-ud-test.conllu",
}


def evaluate(recognizer: Recognizer, path: Path) -> tuple[dict, float]:
    """NER scores on one CoNLL-U file, and words tagged per second."""
    vocab = recognizer.nlp.vocab
    sentences = list(read_sentences(path))
    golds = [
        sentences_doc(vocab, sentences[i : i + SENTENCES_PER_DOC])
        for i in range(0, len(sentences), SENTENCES_PER_DOC)
    ]
    docs = [
        Doc(vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g])
        for g in golds
    ]
    started = time.perf_counter()
    sentencizer = recognizer.nlp.get_pipe("sentencizer")
    docs = [sentencizer(doc) for doc in docs]
    for i in range(0, len(docs), 16):
        recognizer.tag(docs[i : i + 16])
    elapsed = time.perf_counter() - started
    scores = get_ner_prf([Example(doc, gold) for doc, gold in zip(docs, golds, strict=True)])
    return scores, sum(len(g) for g in golds) / elapsed


def main() -> None:
    norne = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/norne")
    model = Path(sys.argv[2]) if len(sys.argv) > 2 else MODEL_DIR
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else None
    recognizer = Recognizer(model, threads)
    print(f"model: {model}, threads: {threads or 'all'}")
    for name, rel in SPLITS.items():
        scores, speed = evaluate(recognizer, norne / rel)
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
