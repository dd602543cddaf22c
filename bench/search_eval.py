"""Search quality: nDCG@10, recall@10 and MRR of keyword, semantic and hybrid search.

Usage: python bench/search_eval.py [--queries bench/queries.json] [--json] [--worst N]

Indexes corpora/ into a fresh temporary SQLite archive with the real pipeline (NER and
knowledge base, passage vectors), runs every query of the query set in each mode with a
limit of 10 and prints a table of means per mode, over all queries and per kind of query:

- nDCG@10: graded gain (the judged grade 1-3), log2(rank + 1) discount, normalised by the
  ideal DCG of all the query's judgements;
- recall@10: share of the documents judged relevant (grade >= 1) found in the top 10;
- MRR: reciprocal rank of the first relevant document in the top 10 (0 when none is).

Then it lists the worst queries of each mode. With --json it prints the same means and every
query's scores and top 10 as one JSON object instead. Takes about a minute on two cores.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.pipeline import Pipeline, collect, index_files  # noqa: E402
from indexer.search import MODES, QueryEmbedder, search  # noqa: E402
from indexer.store import Backend, open_backend  # noqa: E402
from indexer.types import Query  # noqa: E402
from nlp.entities import Extractor  # noqa: E402
from nlp.vectors import Embedder  # noqa: E402

QUERIES = ROOT / "bench" / "queries.json"
K = 10
METRICS = ("ndcg", "recall", "mrr")


def load_queries(path: Path) -> list[dict]:
    """The query set: dicts with id, text, kind and relevant (path → grade 1-3)."""
    return json.loads(path.read_text(encoding="utf-8"))["queries"]


def dcg(gains: list[int]) -> float:
    """Discounted cumulative gain of grades in rank order (rank 1 is undiscounted)."""
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg(ranking: list[str], judged: dict[str, int], k: int = K) -> float:
    """nDCG@k of a ranking of paths against graded judgements."""
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    return dcg([judged.get(doc, 0) for doc in ranking[:k]]) / ideal if ideal else 0.0


def recall(ranking: list[str], judged: dict[str, int], k: int = K) -> float:
    """Share of the judged documents that appear in the top k."""
    return len(set(ranking[:k]) & set(judged)) / len(judged) if judged else 0.0


def reciprocal_rank(ranking: list[str], judged: dict[str, int], k: int = K) -> float:
    """1 / rank of the first judged document in the top k, or 0."""
    return next((1 / rank for rank, doc in enumerate(ranking[:k], 1) if doc in judged), 0.0)


def build_archive(folder: Path, embedder: Embedder) -> Backend:
    """Index corpora/ with the real models into a new SQLite archive in `folder`."""
    files, failures = collect([ROOT / "corpora"])
    backend = open_backend(f"sqlite:///{folder / 'eval.db'}")
    print(f"indexing {len(files)} files …", file=sys.stderr)
    summary = index_files(Pipeline(Extractor(), embedder), backend, files, batch_size=32)
    if failures or summary.failures:
        sys.exit(f"indexing failed: {failures + summary.failures}")
    return backend


def evaluate(backend: Backend, embedder: QueryEmbedder, queries: list[dict]) -> list[dict]:
    """Scores and top-k paths for every query in every mode."""
    rows = []
    for query in queries:
        for mode in MODES:
            results = search(backend, Query(query["text"], mode, limit=K), embedder)
            ranking = [Path(hit.source).relative_to(ROOT).as_posix() for hit in results.hits]
            judged = query["relevant"]
            rows.append(
                {
                    "id": query["id"],
                    "text": query["text"],
                    "kind": query["kind"],
                    "mode": mode,
                    "ndcg": ndcg(ranking, judged),
                    "recall": recall(ranking, judged),
                    "mrr": reciprocal_rank(ranking, judged),
                    "top": ranking,
                }
            )
    return rows


def summarise(rows: list[dict]) -> dict[str, dict[str, dict[str, float]]]:
    """Mean of each metric per mode, for "all" queries and for each kind."""
    kinds = ["all", *dict.fromkeys(row["kind"] for row in rows)]
    out: dict[str, dict[str, dict[str, float]]] = {}
    for mode in MODES:
        out[mode] = {}
        for kind in kinds:
            chosen = [r for r in rows if r["mode"] == mode and kind in ("all", r["kind"])]
            out[mode][kind] = {m: statistics.fmean(r[m] for r in chosen) for m in METRICS}
            out[mode][kind]["queries"] = len(chosen)
    return out


def table(summary: dict[str, dict[str, dict[str, float]]]) -> str:
    """A Markdown table: one row per kind, nDCG@10 / recall@10 / MRR for each mode."""
    head = "| queries | n | " + " | ".join(
        f"{mode} nDCG@10 | {mode} R@10 | {mode} MRR" for mode in MODES
    )
    lines = [head + " |", "|---|---:|" + "---:|" * 3 * len(MODES)]
    for kind, first in summary[MODES[0]].items():
        cells = [f"{summary[mode][kind][m]:.3f}" for mode in MODES for m in METRICS]
        if kind == "all":
            cells = [f"**{cell}**" for cell in cells]
        lines.append(f"| {kind} | {first['queries']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def worst(rows: list[dict], n: int) -> str:
    """The n queries with the lowest nDCG@10 in each mode, with what came first."""
    lines = []
    for mode in MODES:
        lines.append(f"\nworst in {mode}:")
        ranked = sorted((r for r in rows if r["mode"] == mode), key=lambda r: r["ndcg"])
        for row in ranked[:n]:
            first = Path(row["top"][0]).stem if row["top"] else "(nothing)"
            lines.append(
                f"  {row['id']} {row['ndcg']:.2f} [{row['kind']}] {row['text']!r} → {first}"
            )
    return "\n".join(lines)


def main() -> None:
    """Index, evaluate and print the table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=Path, default=QUERIES, help="query set (JSON)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--worst", type=int, default=5, help="worst queries listed per mode")
    args = parser.parse_args()
    queries = load_queries(args.queries)
    embedder = Embedder()
    with tempfile.TemporaryDirectory() as tmp:
        backend = build_archive(Path(tmp), embedder)
        rows = evaluate(backend, embedder, queries)
        backend.close()
    summary = summarise(rows)
    if args.json:
        print(json.dumps({"k": K, "summary": summary, "queries": rows}, ensure_ascii=False))
        return
    print(f"{len(queries)} queries, {K} hits each\n")
    print(table(summary))
    print(worst(rows, args.worst))


if __name__ == "__main__":
    main()
