"""Entity name filters and "more like this" at archive scale, in process.

    python bench/entity_filters.py --backend sqlite:////tmp/archive-100k.db [--docs 20]

Times, per name among the commonest organisations and people (written in lower case, so
that the case-folding match is what is measured): the documents a filter allows, and a
keyword search for "film" with that filter. Then `similar()` for random documents (the first
call also loads the vector index, so it is left out). Prints medians and the slowest.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from top_lists import timed  # noqa: E402

from indexer.query import Filter, parse_query  # noqa: E402
from indexer.search import similar  # noqa: E402
from indexer.store import open_backend  # noqa: E402


def ms(run) -> float:
    return timed(run, repeats=1)[0]


def summary(name: str, times: list[float]) -> None:
    print(f"{name:<36} median {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", required=True, help="archive URL")
    parser.add_argument("--docs", type=int, default=20, help="documents to find similar ones for")
    args = parser.parse_args()
    backend = open_backend(args.backend)
    names = [
        (row.type, row.canonical.lower())
        for kind in ("ORG", "PERSON")
        for row in backend.entity_counts(kind)[:5]
    ]
    summary(
        "allowed(name filter)",
        [ms(lambda t=t, n=n: backend.allowed((Filter(t, "=", n),))) for t, n in names],
    )
    summary(
        'keyword "film" + name filter',
        [ms(lambda q=f'film {t}:"{n}"': backend.keyword(parse_query(q), 10)) for t, n in names],
    )
    ids = [doc_id for doc_id, _ in backend.sources()]
    chosen = random.Random(0).sample(ids, args.docs + 1)
    docs = backend.get_many(chosen)
    similar(backend, docs[0], 5)  # loads the vector index
    summary("similar()", [ms(lambda d=d: similar(backend, d, 5)) for d in docs[1:]])
    backend.close()


if __name__ == "__main__":
    main()
