"""Norwegian NER: multilingual-e5-small fine-tuned on NorNE (nlp/train/e5ner.py), run as an
int8 ONNX graph on spaCy's tokens."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import Doc, Span

from nlp.e5convert import MAX_TOKENS, ensure_model
from nlp.names import is_ordinary_word
from nlp.runs import padded_runs

# Only the fine-tuned part ships (weights.safetensors, fp16, and config.json with the tags and
# the layer count): the word embeddings were frozen in training and are the e5 model's own.
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
# Text is tagged in pieces of whole sentences of at most this many words (longer sentences are
# cut), well inside MAX_TOKENS subwords.
PIECE_WORDS = 80
BATCH = 16  # pieces a run, sorted by length so that little is spent on padding


def ensure_onnx(model_dir: Path = MODEL_DIR) -> Path:
    """The int8 graph of the NER model in `model_dir`, built beside the e5 model on first use;
    a changed model gets a new graph."""
    weights = model_dir / "weights.safetensors"
    if not weights.is_file():
        raise FileNotFoundError(f"no NER model at {model_dir}: run `make train-ner` to build it")
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()[:16]
    folder = ensure_model()
    target = folder / f"ner-{digest}.int8.onnx"
    if not target.is_file():
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from nlp.e5onnx import export_module_int8  # needs torch, which tagging does not

        export_module_int8(build_torch_model(model_dir, folder), target, "logits")
    return target


def build_torch_model(model_dir: Path, e5_folder: Path):
    """The fine-tuned model in PyTorch: the e5 model's word embeddings, the rest from
    `model_dir`."""
    from safetensors.torch import load_file
    from transformers import BertForTokenClassification
    from transformers.utils import logging

    # The e5 folder has no classifier; loading reports that, and the weights below supply it.
    logging.set_verbosity_error()
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    model = BertForTokenClassification.from_pretrained(
        e5_folder,
        num_labels=len(config["tags"]),
        num_hidden_layers=config["layers"],
        local_files_only=True,
    )
    trained = {k: v.float() for k, v in load_file(model_dir / "weights.safetensors").items()}
    missing, unexpected = model.load_state_dict(trained, strict=False)
    if unexpected or missing != ["bert.embeddings.word_embeddings.weight"]:
        raise ValueError(f"NER weights do not fit the model: {missing=} {unexpected=}")
    return model


class Recognizer:
    """spaCy's Norwegian tokenizer and a sentencizer, then the NER graph; loaded once."""

    def __init__(self, model_dir: Path = MODEL_DIR, threads: int | None = None) -> None:
        """Load the model in `model_dir`; run it on `threads` cores (default: all)."""
        import onnxruntime
        from tokenizers import Tokenizer

        self.nlp = spacy.blank("nb")
        self.nlp.add_pipe("sentencizer")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        self._session = onnxruntime.InferenceSession(
            str(ensure_onnx(model_dir)), options, providers=["CPUExecutionProvider"]
        )
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self._tags: list[str] = config["tags"]
        self._allowed = allowed_transitions(self._tags)
        self._tokenizer = Tokenizer.from_file(str(ensure_model() / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._pad = self._tokenizer.token_to_id("<pad>")

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
        """Tokenised docs with sentences and `doc.ents` set, in order."""
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            self.tag([doc])
            yield doc

    def tag(self, docs: Sequence[Doc]) -> None:
        """Set `doc.ents` of docs whose sentences are set."""
        # Each doc is run on its own: the int8 graph scales activations per run, so a doc run
        # with others could come out differently from the same doc alone.
        for doc in docs:
            doc.set_ents(
                [Span(doc, start, end, label) for start, end, label in spans(self._tags_of(doc))]
            )

    def _tags_of(self, doc: Doc) -> list[str]:
        """One BIO tag per token of `doc`."""
        pieces = _pieces(doc)
        tags = ["O"] * len(doc)
        if not pieces:
            return tags
        encodings = self._tokenizer.encode_batch(
            [[doc[i].text for i in chunk] for chunk in pieces], is_pretokenized=True
        )
        for run, logits, _ in padded_runs(self._session, encodings, BATCH, self._pad):
            for row, n in enumerate(run):
                positions, words = zip(*first_subwords(encodings[n].word_ids), strict=True)
                best = viterbi(logits[row, list(positions)], self._allowed)
                for word, tag in zip(words, best, strict=True):
                    tags[pieces[n][word]] = self._tags[tag]
        return tags


def _pieces(doc: Doc) -> list[list[int]]:
    """The indices of the word tokens (whitespace is no word) in runs of whole sentences of at
    most PIECE_WORDS words; a longer sentence is cut into pieces of PIECE_WORDS. Sentences
    that cannot hold a name are left out."""
    pieces: list[list[int]] = [[]]
    for sent in doc.sents:
        words = [t.i for t in sent if not t.is_space]
        if not _may_name(doc, words):
            continue
        for chunk in _batched(words, PIECE_WORDS):
            if len(pieces[-1]) + len(chunk) > PIECE_WORDS:
                pieces.append([])
            pieces[-1].extend(chunk)
    return [piece for piece in pieces if piece]


def _may_name(doc: Doc, words: list[int]) -> bool:
    """Whether a sentence may hold a name: the names reported are written with a capital,
    so a sentence whose only capital opens it with an ordinary word holds none."""
    capitals = [i for i in words if doc[i].text[:1].isupper()]
    if not capitals:
        return False
    first = doc[capitals[0]]
    return (
        len(capitals) > 1
        or first.i != words[0]
        or not (first.is_stop or is_ordinary_word(first.text))
    )


def allowed_transitions(tags: Sequence[str]) -> np.ndarray:
    """allowed[a, b]: whether tag b may follow tag a in BIO (row len(tags): the start); an
    I- tag only continues a name of its own label."""
    allowed = np.ones((len(tags) + 1, len(tags)), dtype=bool)
    for b, tag in enumerate(tags):
        kind, _, name = tag.partition("-")
        if kind == "I":
            allowed[:, b] = [a < len(tags) and tags[a][2:] == name for a in range(len(tags) + 1)]
    return allowed


def viterbi(logits: np.ndarray, allowed: np.ndarray) -> list[int]:
    """The most likely tag sequence under `allowed` for one piece's (words, tags) logits."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    scores = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    forbid = np.where(allowed, 0.0, -np.inf)
    best = scores[0] + forbid[-1]
    back = []
    for row in scores[1:]:
        total = best[:, None] + forbid[:-1]
        back.append(total.argmax(axis=0))
        best = total.max(axis=0) + row
    path = [int(best.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return path[::-1]


def first_subwords(word_ids: Sequence[int | None]) -> Iterator[tuple[int, int]]:
    """(position, word) of each word's first subword: a word's tag is that subword's."""
    previous = None
    for position, word in enumerate(word_ids):
        if word is not None and word != previous:
            yield position, word
        previous = word


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of the names in BIO tags; an I- tag that continues nothing opens
    a name."""
    found: list[tuple[int, int, str]] = []
    start, label = None, ""
    for i, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        if start is not None and (kind != "I" or name != label):
            found.append((start, i, label))
            start = None
        if kind in ("B", "I") and start is None:
            start, label = i, name
    return found


def _batched(items: Iterable, size: int) -> Iterator[tuple]:
    """Tuples of `size` items in order, the last one shorter (itertools.batched in 3.12)."""
    items = iter(items)
    while chunk := tuple(islice(items, size)):
        yield chunk


if __name__ == "__main__":
    print(ensure_onnx())
