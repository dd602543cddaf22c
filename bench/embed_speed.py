"""Embedding speed and fidelity: the int8 ONNX graph the product runs against the fp32 model.

    python bench/embed_speed.py --docs 40 [--batch-sizes 1,2,4,8,32 --threads 1,2]

Takes NoReC reviews of 250–350 words, cuts them into ~120-word passages as indexing does,
embeds them with sentence-transformers (fp32 PyTorch) and with nlp.vectors.Embedder (int8,
ONNX Runtime) in the same run, and prints documents/s for each, the ratio, and the cosine
between the two vectors of each passage. Then, for the int8 graph on each number of
threads, documents/s at each batch size (the median of 3 rounds taking turns).
"""

from __future__ import annotations

import statistics
import time
from functools import partial

import click
from norec import reviews as norec_reviews

from nlp.e5convert import ensure_model
from nlp.passages import split_passages
from nlp.vectors import PASSAGE_PREFIX, Embedder


def reviews(n: int) -> list[str]:
    """The first `n` NoReC training texts of 250–350 words."""
    texts: list[str] = []
    for _, data in norec_reviews(split="train"):
        text = data.decode()
        if 250 <= len(text.split()) <= 350:
            texts.append(text)
            if len(texts) == n:
                break
    return texts


def timed(fn):
    """Seconds of a second call (the first warms up), and its result."""
    fn()
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


@click.command()
@click.option("--docs", default=40, show_default=True, help="Documents to embed.")
@click.option("--batch-sizes", default="1,2,4,8,32", show_default=True)
@click.option("--threads", default="1,2", show_default=True)
def main(docs: int, batch_sizes: str, threads: str) -> None:
    """Print documents/s of fp32 and int8 embedding, their ratio, and the cosines."""
    from sentence_transformers import SentenceTransformer

    texts = reviews(docs)
    passages = [text[s:e] for text in texts for s, e in split_passages(text)]
    fp32 = SentenceTransformer(str(ensure_model()), device="cpu", local_files_only=True)
    int8 = Embedder()
    slow, reference = timed(
        lambda: fp32.encode(
            [PASSAGE_PREFIX + p for p in passages], batch_size=32, normalize_embeddings=True
        )
    )
    fast, vectors = timed(lambda: int8.embed_passages(passages))
    cosines = (reference * vectors).sum(axis=1)
    click.echo(f"{len(texts)} documents, {len(passages)} passages")
    click.echo(f"fp32 PyTorch     {len(texts) / slow:6.2f} docs/s")
    click.echo(f"int8 ONNX Runtime {len(texts) / fast:5.2f} docs/s  ({slow / fast:.2f}× faster)")
    click.echo(f"cosine int8 vs fp32: min {cosines.min():.4f}, mean {cosines.mean():.4f}")
    sizes = [int(n) for n in batch_sizes.split(",")]
    for count in [int(n) for n in threads.split(",")]:
        embedder = Embedder(threads=count)
        rates: dict[int, list[float]] = {size: [] for size in sizes}
        for _ in range(3):
            for size in sizes:
                seconds, _ = timed(partial(embedder.embed_passages, passages, batch_size=size))
                rates[size].append(len(texts) / seconds)
        click.echo(
            f"int8, {count} thread(s), docs/s by batch size: "
            + ", ".join(f"{size}: {statistics.median(rates[size]):.2f}" for size in sizes)
        )


if __name__ == "__main__":
    main()
