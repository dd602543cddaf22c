"""Build the list of words Norwegian writes capitalised inside sentences (names), from NoReC.

Usage: python bench/build_names.py [--norec TARBALL] [--min-count N] [--out PATH]

A capitalised word at the start of a sentence or heading may be an ordinary word
("Budsjett", "Erfaringene"); the entity rules tell those apart from names by how the word is
written mid-sentence in a large corpus. Only lower-cased words ship, never NoReC's texts.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.build_lexicon import NOREC, norec_texts  # noqa: E402

OUT = ROOT / "nlp" / "data" / "names.txt.gz"
# A word after another word on the same line, not after sentence punctuation or a dash.
MID_SENTENCE = re.compile(r"(?<=[\w,)»\"] )([^\W\d_]{2,})")
MIN_COUNT = 3
# A name is written capitalised at least this share of the times it occurs mid-sentence.
NAME_SHARE = 0.6


def main(argv: list[str] | None = None) -> int:
    """Count mid-sentence spellings and write the words mostly capitalised, one a line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--norec", type=Path, default=NOREC, help="NoReC texts tarball")
    parser.add_argument("--min-count", type=int, default=MIN_COUNT, help="drop rarer words")
    parser.add_argument("--out", type=Path, default=OUT, help="list to write")
    args = parser.parse_args(argv)
    if not args.norec.is_file():
        parser.error(f"{args.norec} not found: pass --norec with the NoReC v2.1 texts tarball")
    upper: Counter[str] = Counter()
    total: Counter[str] = Counter()
    # NoReC only: the project's corpora hold the annotated evaluation documents.
    texts = 0
    for text in norec_texts(args.norec):
        texts += 1
        for word in MID_SENTENCE.findall(text):
            lower = word.lower()
            total[lower] += 1
            if word[0].isupper():
                upper[lower] += 1
    names = sorted(
        w for w, n in total.items() if n >= args.min_count and upper[w] >= NAME_SHARE * n
    )
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write("".join(f"{w}\n" for w in names).encode("utf-8"))
    print(f"{len(names):,} names from {texts:,} texts → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
