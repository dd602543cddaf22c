"""The stored lists of best documents for common words: build time, and how their answers
compare with BM25 over every match, right after a build and after the archive has grown by
nearly the share that triggers a rebuild.

    python bench/top_lists.py --backend sqlite:////tmp/archive-100k.db [--grow 0.09]

Works on a copy of the archive (the copy is grown with copies of its own documents). For
each one-word query of bench/query_latency.py, with and without a year filter, it prints the
median latency of the archive's keyword ranking and of exact BM25, and how many of the exact
top 10 the archive's answer holds.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from query_latency import NOUNS  # noqa: E402

from indexer.query import Term, parse_query  # noqa: E402
from indexer.store import toplists  # noqa: E402
from indexer.store.fts import BM25, DOCUMENTS, filter_sql, match_expression  # noqa: E402
from indexer.store.sqlite import SQLiteBackend, database_path  # noqa: E402

QUERIES = [*NOUNS, *(f"{noun} year:>=2012" for noun in NOUNS)]


def timed(run, repeats: int = 5) -> tuple[float, object]:
    """Median milliseconds of `run()` and its last result."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, result


def compare(backend: SQLiteBackend, conn: sqlite3.Connection) -> None:
    """Latency and top-10 agreement of the archive's ranking against exact BM25."""
    print(f"{'query':<32} {'matches':>8} {'list':>5} {'ms':>6} {'exact ms':>9} {'top 10':>7}")
    overlaps = []
    for text in QUERIES:
        query = parse_query(text)
        expr, _ = match_expression(query.text)
        where, args = filter_sql(query.filters)
        ms, (total, got) = timed(lambda q=query: backend.keyword(q, 10))
        # As the archive ranks without a list: over the FTS table alone when nothing
        # filters, so that the two columns of times compare like with like.
        source = "fts" if where == "1" else f"fts JOIN {DOCUMENTS} ON d.rowid = fts.rowid"
        sql = (
            f"SELECT (SELECT id FROM documents WHERE rowid = fts.rowid) FROM {source} "
            f"WHERE fts MATCH ? AND {where} ORDER BY {BM25} LIMIT 10"
        )
        exact_ms, exact = timed(
            lambda sql=sql, values=[expr, *args]: conn.execute(sql, values).fetchall(), repeats=3
        )
        word = query.text.forms[0] if isinstance(query.text, Term) else None
        listed = word is not None and toplists.best(conn, word, where, args, 10) is not None
        overlap = len({d for d, _ in got} & {d for (d,) in exact})
        if listed:
            overlaps.append(overlap)
        print(
            f"{text:<32} {total:>8,} {'yes' if listed else 'no':>5} {ms:>6.1f} "
            f"{exact_ms:>9.1f} {overlap:>7}"
        )
    if overlaps:
        print(
            f"answered from lists: {len(overlaps)} queries, mean top-10 agreement "
            f"{statistics.mean(overlaps) / 10:.3f}, lowest {min(overlaps)}/10"
        )


def grow(backend: SQLiteBackend, conn: sqlite3.Connection, share: float) -> int:
    """Add copies of random documents (new ids) amounting to `share` of the archive."""
    ids = [row[0] for row in conn.execute("SELECT id FROM documents")]
    chosen = random.Random(0).sample(ids, int(len(ids) * share))
    for at in range(0, len(chosen), 500):
        docs = backend.get_many(chosen[at : at + 500])
        with backend.writer() as w:
            for doc in docs:
                w.add(replace(doc, id=f"copy-{doc.id}", source=f"copy/{doc.source}"))
    return len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", required=True, help="sqlite:// URL of a built archive")
    parser.add_argument("--grow", type=float, default=0.09, help="share of documents to add")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
        copy = Path(tmp) / "archive.db"
        with sqlite3.connect(database_path(args.backend)) as source, sqlite3.connect(copy) as to:
            source.backup(to)
        backend = SQLiteBackend(f"sqlite:///{copy}")
        conn = sqlite3.connect(copy, isolation_level=None)
        conn.execute("DELETE FROM top_hits_built")
        started = time.perf_counter()
        toplists.refresh(conn)
        words, rows = conn.execute("SELECT count(DISTINCT term), count(*) FROM top_hits").fetchone()
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        print(
            f"built lists for {words:,} words ({rows:,} rows) over {documents:,} documents "
            f"in {time.perf_counter() - started:.1f} s\n"
        )
        compare(backend, conn)
        added = grow(backend, conn, args.grow)
        rebuilt = conn.execute("SELECT documents FROM top_hits_built").fetchone()
        print(f"\nafter adding {added:,} documents (lists built at {rebuilt[0]:,} documents):\n")
        compare(backend, conn)
        backend.close()
        conn.close()


if __name__ == "__main__":
    main()
