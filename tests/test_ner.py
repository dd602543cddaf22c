"""The NER model as nlp/ner.py runs it: the real fine-tuned graph on spaCy's tokens."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.tokens import Doc

from nlp import ner


@pytest.fixture(scope="module")
def recognizer(extractor):
    return extractor.recognizer


def _ents(doc: Doc) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in doc.ents}


def test_people_places_and_organisations(recognizer):
    (doc,) = recognizer.pipe(
        ["Statsminister Jonas Gahr Støre besøkte Equinor i Stavanger på mandag."]
    )
    assert {("Jonas Gahr Støre", "PER"), ("Equinor", "ORG"), ("Stavanger", "GPE_LOC")} <= (
        _ents(doc)
    )


def test_nynorsk(recognizer):
    (doc,) = recognizer.pipe(["Kari Nordmann er dagleg leiar i Sparebanken Vest i Bergen."])
    labels = dict((text, label) for text, label in _ents(doc))
    assert labels.get("Kari Nordmann") == "PER"
    assert labels.get("Bergen") == "GPE_LOC"


def test_only_sentences_that_may_hold_a_name_are_run(recognizer):
    doc = next(recognizer.pipe(["Filmen er god. Equinor investerer mye. Det gjør også Aker."]))
    assert ner._pieces(doc) == [list(range(4, 13))]  # the first sentence is left out
    assert {("Equinor", "ORG"), ("Aker", "ORG")} <= _ents(doc)


def test_long_sentences_are_tagged_in_pieces(recognizer):
    # One "sentence" of more words than a piece holds: names on both sides of the cut.
    filler = " ".join(["og"] * (ner.PIECE_WORDS + 10))
    (doc,) = recognizer.pipe([f"Ola Hansen reiste til Tromsø {filler} Kari Berg bor i Bodø"])
    people = {text for text, label in _ents(doc) if label == "PER"}
    assert {"Ola Hansen", "Kari Berg"} <= people


def test_a_piece_of_more_subwords_than_the_model_takes(recognizer):
    # Words of many subwords each: the piece is cut at MAX_TOKENS, its last words left "O".
    noise = " ".join(f"Qx{i}zv" * 12 for i in range(ner.PIECE_WORDS))
    (doc,) = recognizer.pipe([f"{noise}\n\nOla Hansen bor i Tromsø."])
    assert ("Ola Hansen", "PER") in _ents(doc)


def test_line_breaks_and_empty_texts(recognizer):
    docs = list(recognizer.pipe(["", "Overskrift\n\n\nOla Hansen bor i Tromsø.\n", "   "]))
    assert [len(d.ents) for d in (docs[0], docs[2])] == [0, 0]
    assert all(not e.text.isspace() for e in docs[1].ents)
    assert ("Ola Hansen", "PER") in _ents(docs[1])


def test_batches_give_what_single_texts_give(recognizer):
    texts = [
        "Innovasjon Norge ga penger til Mo Industripark AS.",
        "Arbeidet ledes av Sverre Konrad Nilsen ved Sintef i Trondheim.",
        "Det regnet i går.",
    ] * 6
    together = [_ents(d) for d in recognizer.pipe(texts, batch_size=7)]
    alone = [_ents(next(recognizer.pipe([t]))) for t in texts]
    assert together == alone


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "I-PER", "O", "B-ORG"], [(0, 2, "PER"), (3, 4, "ORG")]),
        # An I- tag that continues nothing opens a span; another label closes the one open.
        (["O", "I-LOC", "I-LOC", "I-ORG"], [(1, 3, "LOC"), (3, 4, "ORG")]),
        # B- after B- of the same label: two names side by side.
        (["B-PER", "B-PER", "I-PER"], [(0, 1, "PER"), (1, 3, "PER")]),
        (["O", "O", "O"], []),
    ],
)
def test_bio_tags_to_spans(tags, spans):
    assert ner.spans(tags) == spans


def test_decoding_keeps_to_bio():
    tags = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG"]
    allowed = ner.allowed_transitions(tags)
    logits = np.log(
        np.array(
            [
                [0.1, 0.1, 0.1, 0.6, 0.1],  # B-ORG
                [0.1, 0.1, 0.4, 0.1, 0.3],  # I-PER by itself, but it cannot follow B-ORG
                [0.15, 0.1, 0.4, 0.1, 0.25],  # I-PER again, but the name above goes on
                [0.1, 0.3, 0.5, 0.05, 0.05],  # I-PER cannot open a piece: B-PER is next best
            ]
        )
    )
    assert [tags[t] for t in ner.viterbi(logits[:3], allowed)] == ["B-ORG", "I-ORG", "I-ORG"]
    assert [tags[t] for t in ner.viterbi(logits[3:], allowed)] == ["B-PER"]
    assert [tags[t] for t in ner.viterbi(logits[[0, 3]], allowed)] == ["B-ORG", "B-PER"]


def test_a_missing_model_says_how_to_build_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="make train-ner"):
        ner.ensure_onnx(tmp_path)


def test_the_shipped_weights_are_all_but_the_word_embeddings():
    from safetensors import safe_open

    with safe_open(ner.MODEL_DIR / "weights.safetensors", "pt") as weights:
        names = set(weights.keys())
    assert "bert.embeddings.word_embeddings.weight" not in names
    assert {"classifier.weight", "bert.embeddings.position_embeddings.weight"} <= names
