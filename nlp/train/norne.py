"""Convert NorNE CoNLL-U files into spaCy DocBin files for NER training and evaluation."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

# NorNE's MISC column carries the label as name=B-PER; sentences are grouped so the
# model sees some context across sentence boundaries, as it will in real documents.
SENTENCES_PER_DOC = 10


def read_sentences(path: Path) -> Iterator[tuple[list[str], list[bool], list[str]]]:
    """Yield (words, spaces, IOB tags) for each sentence of a CoNLL-U file."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield words, spaces, tags
                words, spaces, tags = [], [], []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if not cols[0].isdigit():  # multiword ranges and empty nodes
                continue
            misc = dict(part.split("=", 1) for part in cols[9].split("|") if "=" in part)
            words.append(cols[1])
            spaces.append(misc.get("SpaceAfter") != "No")
            tags.append(misc.get("name", "O"))
    if words:
        yield words, spaces, tags


def convert(paths: list[Path], output: Path) -> int:
    """Write the sentences of `paths` into one DocBin at `output`; return the doc count."""
    vocab = spacy.blank("nb").vocab
    docbin = DocBin(store_user_data=False)
    count = 0
    for path in paths:
        batch: list[tuple[list[str], list[bool], list[str]]] = []
        for sentence in read_sentences(path):
            batch.append(sentence)
            if len(batch) == SENTENCES_PER_DOC:
                docbin.add(_doc(vocab, batch))
                count += 1
                batch = []
        if batch:
            docbin.add(_doc(vocab, batch))
            count += 1
    output.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(output)
    return count


def _doc(vocab, sentences: list[tuple[list[str], list[bool], list[str]]]) -> Doc:
    words = [w for s in sentences for w in s[0]]
    spaces = [sp for s in sentences for sp in s[1]]
    tags = [t for s in sentences for t in s[2]]
    starts = [i == 0 for s in sentences for i in range(len(s[0]))]
    return Doc(vocab, words=words, spaces=spaces, ents=tags, sent_starts=starts)


def main(argv: list[str]) -> None:
    """Usage: python -m nlp.train.norne NORNE_DIR OUT_DIR"""
    norne, out = Path(argv[0]), Path(argv[1])
    splits = {
        "train.spacy": [
            norne / "nob" / "no_bokmaal-norne-train-from-ndt.conllu",
            norne / "nno" / "no_nynorsk-norne-train-from-ndt.conllu",
        ],
        "dev.spacy": [norne / "nob" / "no_bokmaal-ud-dev.conllu"],
        "test.spacy": [norne / "nob" / "no_bokmaal-ud-test.conllu"],
        "dev-nn.spacy": [norne / "nno" / "no_nynorsk-ud-dev.conllu"],
        "test-nn.spacy": [norne / "nno" / "no_nynorsk-ud-test.conllu"],
    }
    for name, paths in splits.items():
        print(f"{name}: {convert(paths, out / name)} docs")


if __name__ == "__main__":
    main(sys.argv[1:])
