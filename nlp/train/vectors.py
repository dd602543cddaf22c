"""Learn floret word vectors from NoReC for the NER tok2vec (training only: the `train` extra).

floret keeps one small hashed table of subword vectors instead of a vocabulary, so compounds and
words never seen in NoReC ("næringsklyngene") still get a vector, and the table shipped with the
model stays a fixed size.
"""

from __future__ import annotations

import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.training.initialize import convert_vectors

# bucket × dim floats are what ships inside nlp/models/ner: 50,000 × 200 × 4 bytes = 40 MB.
FLORET = {
    "model": "cbow",
    "mode": "floret",
    "hashCount": 2,
    "bucket": 50_000,
    "dim": 200,
    "minn": 4,
    "maxn": 5,
    "minCount": 5,
    "epoch": 5,
    # One thread keeps the run reproducible and leaves the other core to everybody else.
    "thread": 1,
}


def norec_lines(tarball: Path) -> Iterator[str]:
    """Non-empty lines (one sentence each) of every review in the NoReC texts tarball."""
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".txt") and "/data/" in f"/{member.name}":
                text = tar.extractfile(member).read().decode("utf-8")
                yield from (line.strip() for line in text.splitlines() if line.strip())


def tokenise(tarball: Path, output: Path) -> int:
    """Write NoReC tokenised by spaCy's `nb` tokenizer, one sentence a line; return the tokens."""
    tokenizer = spacy.blank("nb").tokenizer
    count = 0
    with output.open("w", encoding="utf-8") as out:
        for doc in tokenizer.pipe(norec_lines(tarball), batch_size=10_000):
            words = [t.text for t in doc if not t.is_space]
            count += len(words)
            out.write(" ".join(words) + "\n")
    return count


def main(argv: list[str]) -> None:
    """Usage: python -m nlp.train.vectors NOREC_TARBALL WORK_DIR OUT_DIR"""
    import floret

    tarball, work, out = Path(argv[0]), Path(argv[1]), Path(argv[2])
    work.mkdir(parents=True, exist_ok=True)
    text = work / "norec.txt"
    if not text.exists():
        print(f"{tokenise(tarball, text):,} tokens in {text}")
    model = floret.train_unsupervised(str(text), **FLORET)
    model.save_floret_vectors(str(work / "norec.floret"))
    nlp = spacy.blank("nb")
    convert_vectors(nlp, work / "norec.floret", truncate=0, prune=-1, mode="floret")
    nlp.to_disk(out)
    print(f"{nlp.vocab.vectors.shape} floret table in {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
