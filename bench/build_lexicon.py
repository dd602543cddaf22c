"""Build the word-frequency lexicon for compound splitting from NoReC and the project's corpora.

Usage: python bench/build_lexicon.py [--norec TARBALL] [--min-count N] [--out PATH]

NoReC (CC BY-NC 4.0) may be used to derive lexicons; only the counts ship, never its texts.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from norec import NOREC, reviews

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "nlp" / "data" / "lexicon.tsv.gz"
# Letters only: digits and underscores never make compound parts, and the splitter needs ≥ 3.
WORD = re.compile(r"[^\W\d_]{3,}")
# Words seen once or twice are mostly typos, names and one-off compounds: they cost bytes
# and add nothing, since an unknown word already counts as frequency 0 for the splitter.
MIN_COUNT = 3


def norec_texts(tarball: Path) -> Iterator[str]:
    """The review texts in the NoReC tarball, streamed without unpacking."""
    for _, data in reviews(tarball):
        yield data.decode("utf-8", errors="replace")


def corpus_texts(corpora: Path) -> Iterator[str]:
    """The plain-text documents shipped under corpora/."""
    for path in sorted(corpora.rglob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")


def count(texts: Iterator[str], counts: Counter[str]) -> int:
    """Add lower-cased word counts of `texts` to `counts`; return the number of texts."""
    n = 0
    for text in texts:
        counts.update(WORD.findall(text.lower()))
        n += 1
    return n


def write(counts: Counter[str], out: Path, min_count: int) -> int:
    """Write word<TAB>count lines, most frequent first, gzip-compressed; return the entries."""
    rows = sorted(
        ((w, c) for w, c in counts.items() if c >= min_count), key=lambda r: (-r[1], r[0])
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the bytes identical across rebuilds, so git sees no spurious change.
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write("".join(f"{w}\t{c}\n" for w, c in rows).encode("utf-8"))
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    """Count, write and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--norec", type=Path, default=NOREC, help="NoReC texts tarball")
    parser.add_argument("--corpora", type=Path, default=ROOT / "corpora", help="project corpora")
    parser.add_argument("--min-count", type=int, default=MIN_COUNT, help="drop rarer words")
    parser.add_argument("--out", type=Path, default=OUT, help="lexicon to write")
    args = parser.parse_args(argv)
    if not args.norec.is_file():
        parser.error(f"{args.norec} not found: pass --norec with the NoReC v2.1 texts tarball")
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    docs = count(norec_texts(args.norec), counts) + count(corpus_texts(args.corpora), counts)
    tokens = sum(counts.values())
    entries = write(counts, args.out, args.min_count)
    seconds = time.perf_counter() - started
    for threshold in (2, 3, 5, 10):
        kept = sum(1 for c in counts.values() if c >= threshold)
        print(f"count >= {threshold:>2}: {kept:,} words")
    print(
        f"{docs:,} texts, {tokens:,} words of >= 3 letters, {len(counts):,} distinct; "
        f"wrote {entries:,} entries (count >= {args.min_count}), "
        f"{args.out.stat().st_size:,} bytes to {args.out} in {seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
