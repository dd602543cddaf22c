"""Vector search past a million passages: the archive's HNSW graph, its search time and recall.

    python bench/ann_scale.py [--passages 1200000] [--real 10000] [--queries 200]

Embeds --real NoReC passages and --queries semantic queries with the real model, then grows
the passages to --passages by deriving vectors from the real ones (a real vector, part of
another, per-dimension noise, normalised), with the noise set so that the derived vectors
are as alike as real ones (mean pairwise cosine). Builds the graph the archive uses
(indexer/store/vectorindex.py: f16, its links and breadths) on every core, and prints the
build time, the graph's memory, and per search breadth the median and p95 time of a search
for the passages behind 10 documents (as `nearest` asks) and its recall@10 of passages
against exact float32 search.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from norec import reviews  # noqa: E402
from query_latency import queries  # noqa: E402

from indexer.store.vectorindex import OVERSAMPLE, _new_index  # noqa: E402
from nlp.passages import split_passages  # noqa: E402
from nlp.vectors import Embedder  # noqa: E402


def real_passages(n: int) -> list[str]:
    """The first `n` passages of NoReC's training texts."""
    out: list[str] = []
    for _, data in reviews(split="train"):
        text = data.decode()
        out += [text[s:e] for s, e in split_passages(text)]
        if len(out) >= n:
            return out[:n]
    return out


def mean_cosine(matrix: np.ndarray, rng: np.random.Generator, pairs: int = 20_000) -> float:
    a, b = rng.integers(0, len(matrix), (2, pairs))
    keep = a != b
    return float((matrix[a[keep]] * matrix[b[keep]]).sum(axis=1).mean())


def derive(real: np.ndarray, n: int, noise: float, rng: np.random.Generator) -> np.ndarray:
    """`n` vectors, each a real one plus a random share of another plus noise, normalised."""
    out = np.empty((n, real.shape[1]), dtype=np.float32)
    for start in range(0, n, 100_000):
        size = min(100_000, n - start)
        a, b = rng.integers(0, len(real), (2, size))
        part = real[a] + rng.uniform(0, 0.5, (size, 1)).astype(np.float32) * real[b]
        part += rng.normal(0, noise, part.shape).astype(np.float32)
        out[start : start + size] = part / np.linalg.norm(part, axis=1, keepdims=True)
    return out


def calibrated_noise(real: np.ndarray, rng: np.random.Generator) -> float:
    """The noise at which derived vectors are as alike as the real ones (bisection)."""
    target = mean_cosine(real, rng)
    low, high = 0.0, 0.2
    for _ in range(20):
        middle = (low + high) / 2
        if mean_cosine(derive(real, 20_000, middle, rng), rng) > target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--passages", type=int, default=1_200_000)
    parser.add_argument("--real", type=int, default=10_000, help="passages embedded for real")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    embedder = Embedder()
    started = time.perf_counter()
    real = embedder.embed_passages(real_passages(args.real))
    texts = queries("semantic", random.Random(1))[: args.queries]
    asked = np.vstack([embedder.embed_query(t) for t in texts])
    print(f"{len(real)} passages and {len(asked)} queries embedded in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    noise = calibrated_noise(real, rng)
    matrix = np.vstack([real, derive(real, args.passages - len(real), noise, rng)])
    print(
        f"{len(matrix):,} passages; mean pairwise cosine real {mean_cosine(real, rng):.3f}, "
        f"all {mean_cosine(matrix, rng):.3f} (noise {noise:.4f})"
    )
    truth = []
    exact_ms = []
    for vector in asked:
        begun = time.perf_counter()
        scores = matrix @ vector
        truth.append(set(np.argpartition(-scores, 10)[:10].tolist()))
        exact_ms.append((time.perf_counter() - begun) * 1000)
    print(f"exact float32 search: median {statistics.median(exact_ms):.1f} ms")
    index = _new_index(matrix.shape[1])
    started = time.perf_counter()
    index.add(np.arange(len(matrix), dtype=np.uint64), matrix, threads=0)
    built = time.perf_counter() - started
    print(
        f"graph built in {built:.0f} s on every core ({len(matrix) / built:.0f} passages/s), "
        f"{index.memory_usage / 2**20:.0f} MB"
    )
    default = index.expansion_search
    for breadth in (64, 256, default):
        index.expansion_search = breadth
        hits, timings = 0, []
        for vector, expected in zip(asked, truth, strict=True):
            begun = time.perf_counter()
            found = index.search(vector, 10 * OVERSAMPLE)
            timings.append((time.perf_counter() - begun) * 1000)
            hits += len(expected & set(found.keys[:10].tolist()))
        timings.sort()
        print(
            f"breadth {breadth}: median {statistics.median(timings):.2f} ms, "
            f"p95 {timings[int(0.95 * len(timings))]:.2f} ms, "
            f"recall@10 {hits / (10 * len(asked)):.3f}"
        )


if __name__ == "__main__":
    main()
