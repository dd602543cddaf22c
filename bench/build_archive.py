"""Build a large SQLite archive from NoReC for query benchmarks, cheaply.

    python bench/build_archive.py --docs 100000 --out /tmp/archive-100k.db

Full analysis runs at ~20 documents/s for entities and ~4 documents/s for vectors here, far
too slow for 100,000 documents, so only part of the work is real:

- text: NoReC reviews parsed by the real parser; past 43,437 they repeat as variants with
  their paragraphs shuffled and a numbered title, so every document's words and order differ;
- keyword index: every document goes through the backend's own writer (real FTS terms);
- entities: the real Extractor on a sample of texts, each document taking the entities of one
  sample text (types and names are real; their offsets point into the sample text);
- passage vectors: the real passages of every document, but only the first few thousand
  embedded by the real model; the rest are normalised mixtures of two real vectors plus noise,
  so the vector index has the real size (about three passages a document) and a realistic
  spread.

Prints the time of each stage.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from norec import reviews  # noqa: E402

from indexer.parse import ParseError, parse  # noqa: E402
from indexer.sources import document_id  # noqa: E402
from indexer.store import open_backend  # noqa: E402
from indexer.types import Document, Passage  # noqa: E402
from nlp.passages import split_passages  # noqa: E402

BATCH = 1000


def read_norec(limit: int) -> list[tuple[str, str, str]]:
    """Up to `limit` parsed NoReC texts as (name, title, text), in archive order."""
    out = []
    for name, data in reviews():
        try:
            parsed = parse(data, ".txt")
        except ParseError:
            continue
        out.append((Path(name).stem, parsed.title, parsed.text))
        if len(out) == limit:
            break
    return out


def variant(title: str, text: str, round_: int, rng: random.Random) -> tuple[str, str]:
    """The text as the `round_`th repeat: paragraphs shuffled, the title numbered."""
    if round_ == 0:
        return title, text
    paragraphs = text.split("\n\n")
    rng.shuffle(paragraphs)
    return f"{title} ({round_ + 1})", "\n\n".join(paragraphs)


def mixed_vectors(real: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` unit vectors, each a real vector plus half another plus per-dimension noise."""
    spread = real.std(axis=0)
    a = real[rng.integers(0, len(real), count)]
    b = real[rng.integers(0, len(real), count)]
    out = a + 0.5 * b + 0.5 * spread * rng.standard_normal((count, real.shape[1]), np.float32)
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, required=True, help="documents to build")
    parser.add_argument("--out", type=Path, required=True, help="archive file (replaced)")
    parser.add_argument("--real-passages", type=int, default=2000, help="passages embedded")
    parser.add_argument("--entity-sample", type=int, default=400, help="texts for entities")
    args = parser.parse_args()
    for suffix in ("", "-wal", "-shm", ".vectors.usearch", ".vectors.json"):
        Path(f"{args.out}{suffix}").unlink(missing_ok=True)
    rng, nrng = random.Random(0), np.random.default_rng(0)
    stages: dict[str, float] = {}

    started = time.perf_counter()
    texts = read_norec(args.docs)
    stages["read + parse"] = time.perf_counter() - started
    print(f"{len(texts)} NoReC texts read and parsed in {stages['read + parse']:.1f} s", flush=True)

    started = time.perf_counter()
    from nlp.entities import Extractor

    sample = texts[: args.entity_sample]
    extractions = list(Extractor().pipe(text for _, _, text in sample))
    stages["entities (sample)"] = time.perf_counter() - started
    print(f"entities of {len(sample)} texts in {stages['entities (sample)']:.1f} s", flush=True)

    started = time.perf_counter()
    from nlp.vectors import Embedder

    real_spans: list[list[tuple[int, int]]] = []
    real_passages: list[str] = []
    for _, _, text in texts:
        if len(real_passages) >= args.real_passages:
            break
        spans = split_passages(text)
        real_spans.append(spans)
        real_passages += [text[s:e] for s, e in spans]
    real = Embedder().embed_passages(real_passages)
    stages["vectors (real)"] = time.perf_counter() - started
    print(
        f"{len(real)} passages of {len(real_spans)} texts embedded in "
        f"{stages['vectors (real)']:.1f} s",
        flush=True,
    )

    started = time.perf_counter()
    backend = open_backend(f"sqlite:///{args.out.absolute()}")
    passages = used = 0
    for first in range(0, args.docs, BATCH):
        docs = []
        for i in range(first, min(first + BATCH, args.docs)):
            name, title, text = texts[i % len(texts)]
            round_ = i // len(texts)
            title, text = variant(title, text, round_, rng)
            spans = split_passages(text)
            if round_ == 0 and i < len(real_spans):
                vectors = real[used : used + len(spans)]
                used += len(spans)
            else:
                vectors = mixed_vectors(real, len(spans), nrng)
            extraction = extractions[i % len(extractions)]
            source = f"/norec/{round_}/{name}.txt"
            docs.append(
                Document(
                    id=document_id(source),
                    source=source,
                    title=title,
                    date=f"{rng.randint(2003, 2019)}-{rng.randint(1, 12):02d}-01",
                    language="nb",
                    text=text,
                    hash=f"{name}-{round_}",
                    entities=extraction.entities,
                    funding=extraction.funding,
                    passages=tuple(Passage(s, e) for s, e in spans),
                    vectors=vectors,
                )
            )
            passages += len(spans)
        with backend.writer() as writer:
            for doc in docs:
                writer.add(doc)
        done = min(first + BATCH, args.docs)
        rate = done / (time.perf_counter() - started)
        print(f"\r{done} documents written, {rate:.0f}/s", end="", flush=True)
    stages["write (keyword index, entities, vectors)"] = seconds = time.perf_counter() - started
    print(f"\n{args.docs} documents, {passages} passages written in {seconds:.1f} s")

    started = time.perf_counter()
    backend.nearest(real[0], 10)  # builds the vector index and saves it next to the archive
    stages["vector index (HNSW)"] = time.perf_counter() - started
    print(f"vector index built and saved in {stages['vector index (HNSW)']:.1f} s")
    backend.close()

    print("\nstage                                       seconds")
    for stage, seconds in stages.items():
        print(f"{stage:42s} {seconds:8.1f}")
    print(f"{'total':42s} {sum(stages.values()):8.1f}")
    size = sum(p.stat().st_size for p in args.out.parent.glob(args.out.name + "*"))
    print(f"archive with vector index: {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
