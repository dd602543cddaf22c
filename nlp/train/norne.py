"""NorNE's CoNLL-U files: sentences with their words and IOB tags, and as spaCy docs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc

# NorNE's MISC column carries the label as name=B-PER. Evaluation groups sentences into docs
# of this many, so that sentences are found as in real documents.
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


def sentences_doc(vocab, sentences: list[tuple[list[str], list[bool], list[str]]]) -> Doc:
    """One doc of `sentences`, with their tags as entities and their starts marked."""
    words = [w for s in sentences for w in s[0]]
    spaces = [sp for s in sentences for sp in s[1]]
    tags = [t for s in sentences for t in s[2]]
    starts = [i == 0 for s in sentences for i in range(len(s[0]))]
    return Doc(vocab, words=words, spaces=spaces, ents=tags, sent_starts=starts)
