"""Indexing throughput: documents/s end to end, and the time spent in each stage.

Usage: python bench/index_throughput.py [--norec N [--words W]] [--runs R] [--workers 0,2]
    [--no-vectors]

Indexes corpora/ (and, with --norec N, the first N NoReC reviews from
../shared/data/norec, or the first N of about W words) into a fresh SQLite archive R times
for each --workers setting and prints the medians and their ratio to the first setting.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from norec import reviews  # noqa: E402

from indexer.pipeline import Pipeline, Workers, collect, index_files  # noqa: E402
from indexer.store import open_backend  # noqa: E402
from nlp.entities import Extractor  # noqa: E402
from nlp.vectors import Embedder  # noqa: E402


class Timed:
    """Wraps a model method and adds up the seconds spent in it."""

    def __init__(self, fn):
        self.fn = fn
        self.seconds = 0.0

    def __call__(self, *args, **kwargs):
        started = time.perf_counter()
        result = self.fn(*args, **kwargs)
        if hasattr(result, "__next__"):  # a generator: time it as it is consumed
            result = list(result)
        self.seconds += time.perf_counter() - started
        return result


def norec_sample(n: int, folder: Path, words: int = 0) -> None:
    """Unpack the first `n` NoReC texts into `folder`; with `words`, the first `n` of
    `words` ± 25 %."""
    count = 0
    for name, data in reviews(split="train"):
        if words and abs(len(data.split()) - words) > words / 4:
            continue
        (folder / name).write_bytes(data)
        count += 1
        if count == n:
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--norec", type=int, default=0, help="NoReC documents to add")
    parser.add_argument(
        "--words", type=int, default=0, help="only NoReC texts of about this many words"
    )
    parser.add_argument("--runs", type=int, default=3, help="repetitions (median reported)")
    parser.add_argument(
        "--workers", default="0", help="comma-separated --workers settings to compare"
    )
    parser.add_argument("--no-vectors", action="store_true", help="entities and keywords only")
    args = parser.parse_args()
    settings = [int(w) for w in args.workers.split(",")]
    extractor, embedder = Extractor(), Embedder()
    with tempfile.TemporaryDirectory() as tmp:
        paths = [ROOT / "corpora"]
        if args.norec:
            norec = Path(tmp) / "norec"
            norec.mkdir()
            norec_sample(args.norec, norec, args.words)
            paths.append(norec)
        files, _ = collect(paths)
        words = sum(len(f.read_text(errors="replace").split()) for f in files)
        print(f"{len(files)} documents, {words / len(files):.0f} words on average")
        rates: dict[int, list[float]] = {w: [] for w in settings}
        shares = []
        # Settings take turns within each run, so that a busy moment hits them alike.
        for run in range(args.runs):
            for workers in settings:
                extract = Timed(extractor.pipe)
                embed = Timed(embedder.embed_passages)
                extractor.pipe, embedder.embed_passages = extract, embed  # type: ignore[method-assign]
                backend = open_backend(f"sqlite:///{tmp}/run{run}-{workers}.db")
                started = time.perf_counter()
                analysis = (
                    Workers(workers, vectors=not args.no_vectors)
                    if workers
                    else Pipeline(extractor, None if args.no_vectors else embedder)
                )
                summary = index_files(analysis, backend, files, 32)
                elapsed = time.perf_counter() - started
                backend.close()
                extractor.pipe, embedder.embed_passages = extract.fn, embed.fn  # type: ignore[method-assign]
                rates[workers].append(summary.indexed / elapsed)
                if not workers:  # the models are timed only when run in this process
                    shares.append((extract.seconds / elapsed, embed.seconds / elapsed))
                print(
                    f"run {run + 1}, workers {workers}: {summary.indexed} docs in "
                    f"{elapsed:.1f} s = {summary.indexed / elapsed:.2f} docs/s (in this process: "
                    f"entities {extract.seconds:.1f} s, vectors {embed.seconds:.1f} s)"
                )
        base = statistics.median(rates[settings[0]])
        for workers in settings:
            rate = statistics.median(rates[workers])
            print(f"median, workers {workers}: {rate:.2f} docs/s ({rate / base:.2f}x)")
        if shares:
            models = statistics.median(s[0] + s[1] for s in shares)
            print(
                f"workers 0: share of time: entities "
                f"{statistics.median(s[0] for s in shares):.0%}, vectors "
                f"{statistics.median(s[1] for s in shares):.0%}; pipeline overhead on top of "
                f"model time {1 / models - 1:.0%}"
            )


if __name__ == "__main__":
    main()
