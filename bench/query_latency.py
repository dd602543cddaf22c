"""Query latency at archive scale: concurrent clients against a real `klyngearkiv serve`.

    python bench/query_latency.py --backend sqlite:////tmp/archive-100k.db [--recall]

For keyword, semantic and hybrid search, each without facets (facets=0) and with the API's
default facets, the clients send a fixed number of requests over one keep-alive connection
each, one at a time: first a lone client (the latency of one request), then 8 concurrent
clients (throughput, and latency that includes waiting for the 2 cores). Every semantic
and hybrid request asks something not asked before, so that the query embedding is part of
its cost (the server caches recent query vectors).
Prints p50/p95/p99 latency, queries/s and errors per configuration, and the server's peak
RSS. With --recall, also compares the archive's ANN answers with exact search over float32
vectors (recall@10 of documents).
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import random
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from load import Client, peak_rss, start_server  # noqa: E402

from indexer.search import POOL  # noqa: E402

NOUNS = [
    "film", "roman", "konsert", "album", "restaurant", "tv-serie", "krimroman", "dataspill",
    "teaterforestilling", "dokumentar", "biografi", "komedie", "musikal", "debutalbum",
    "thriller", "barnebok", "skuespiller", "regissør", "plateselskap", "festival",
]  # fmt: skip
ADJECTIVES = [
    "spennende", "morsom", "trist", "skuffende", "vakker", "mørk", "norsk", "amerikansk",
    "kjedelig", "sterk", "overraskende", "gammeldags",
]  # fmt: skip
TOPICS = [
    "familie", "krig", "kjærlighet", "oppvekst", "politikk", "vennskap", "sorg", "havet",
    "Oslo", "innvandring",
]  # fmt: skip
CONFIGS = [(mode, facets) for mode in ("keyword", "semantic", "hybrid") for facets in (0, 10)]


def queries(mode: str, rng: random.Random) -> list[str]:
    """Realistic Norwegian queries for a mode: words and phrases for keyword search,
    descriptions for semantic and hybrid search, shuffled."""
    if mode == "keyword":
        out = [*NOUNS, *(f"{a} {n}" for a, n in itertools.product(ADJECTIVES, NOUNS))]
        out += [f'"{a} {n}"' for a, n in itertools.product(ADJECTIVES[:4], NOUNS[:6])]
        out += [f"{n} year:>=2012" for n in NOUNS]
    else:
        out = [f"{a} {n} om {t}" for a, n, t in itertools.product(ADJECTIVES, NOUNS, TOPICS)]
    rng.shuffle(out)
    return out


def path(text: str, mode: str, facets: int) -> str:
    return "/api/v1/search?" + urllib.parse.urlencode({"q": text, "mode": mode, "facets": facets})


def measure(port: int, paths: list[str], clients: int) -> dict:
    """Send the paths from `clients` threads and summarise latency and throughput."""
    users = [Client(port, paths[n::clients]) for n in range(clients)]
    started = time.perf_counter()
    for user in users:
        user.start()
    for user in users:
        user.join()
    elapsed = time.perf_counter() - started
    ms = np.array([x for user in users for x in user.latencies]) * 1000
    errors = [e for user in users for e in user.errors]
    p50, p95, p99 = (float(np.percentile(ms, q)) if len(ms) else 0.0 for q in (50, 95, 99))
    return {
        "requests": int(len(ms)),
        "qps": round(len(ms) / elapsed, 1),
        "p50_ms": round(p50, 1),
        "p95_ms": round(p95, 1),
        "p99_ms": round(p99, 1),
        "errors": len(errors),
        "error_samples": errors[:3],
    }


def serve_and_measure(
    backend: str, clients: list[int], requests: int, threads: int, processes: int, log
) -> dict:
    """Start the server, warm it up, run every configuration, and stop it."""
    server, port = start_server(backend, threads, log, processes)
    rng = random.Random(0)
    pools = {mode: queries(mode, rng) for mode in ("keyword", "semantic")}
    pools["hybrid"] = pools["semantic"]
    cursor = {"keyword": 0, "semantic": 0, "hybrid": 0}

    def take(mode: str, n: int) -> list[str]:
        # Keyword queries repeat (no embedding to cache); the others never do.
        pool = pools[mode]
        key = "keyword" if mode == "keyword" else "semantic"
        start = cursor[key]
        cursor[key] += n
        if key != "keyword" and cursor[key] > len(pool):
            raise SystemExit(f"only {len(pool)} distinct queries; ask for fewer requests")
        return [pool[(start + i) % len(pool)] for i in range(n)]

    results = {}
    stop, peak = threading.Event(), [0]
    sampler = threading.Thread(target=peak_rss, args=(server.pid, stop, peak), daemon=True)
    sampler.start()
    try:
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        started = time.perf_counter()
        for mode in ("keyword", "hybrid"):  # opens the archive and loads the vector index
            for text in take(mode, 3):
                warm.request("GET", path(text, mode, 10))
                warm.getresponse().read()
        warm.close()
        results["warm_up_s"] = round(time.perf_counter() - started, 1)
        for users in clients:
            for mode, facets in CONFIGS:
                name = f"{users} clients, {mode} facets={facets}"
                paths = [path(text, mode, facets) for text in take(mode, requests)]
                results[name] = measure(port, paths, users)
                print(f"{name}: {results[name]}", file=sys.stderr, flush=True)
        stop.set()
        sampler.join()
        results["peak_rss_mb"] = round(peak[0] / 1e6)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def recall(backend_url: str, samples: int = 100) -> dict:
    """Recall@10 (documents) of the archive's ANN answers against exact float32 search, and
    the time of each, for a few search breadths of the graph."""
    from indexer.store import open_backend
    from nlp.vectors import Embedder

    backend = open_backend(backend_url)
    conn = backend._conn
    rows = conn.execute(
        "SELECT p.doc, p.vector, d.id FROM passages p JOIN documents d ON d.rowid = p.doc "
        "WHERE p.vector IS NOT NULL"
    ).fetchall()
    docs = np.array([r[0] for r in rows])
    matrix = np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
    ids = {r[0]: r[2] for r in rows}
    del rows
    embedder = Embedder()
    vectors = [embedder.embed_query(t) for t in queries("semantic", random.Random(1))[:samples]]
    truth, exact_ms = [], []
    for vector in vectors:
        started = time.perf_counter()
        scores = matrix @ vector
        top = np.argpartition(-scores, 400)[:400]
        exact: list[str] = []
        for i in top[np.argsort(-scores[top])]:
            if ids[docs[i]] not in exact:
                exact.append(ids[docs[i]])
                if len(exact) == 10:
                    break
        exact_ms.append(time.perf_counter() - started)
        truth.append(set(exact))
    out: dict = {
        "queries": len(vectors),
        "passages": len(docs),
        "exact_float32_median_ms": round(float(np.median(exact_ms)) * 1000, 1),
    }
    backend.nearest(vectors[0], 10)  # loads the graph
    index = backend.passage_index._index
    default = index.expansion_search
    # Search asks for POOL documents to fuse; a page shows the first 10.
    for breadth in (64, 256, default):
        index.expansion_search = breadth
        for limit in (10, POOL):
            hits, timings = 0, []
            for vector, expected in zip(vectors, truth, strict=True):
                started = time.perf_counter()
                found = backend.nearest(vector, limit)[:10]
                timings.append(time.perf_counter() - started)
                hits += len(expected & {d for d, _, _ in found})
            out[f"breadth {breadth}, limit {limit}"] = {
                "recall_at_10": round(hits / (10 * len(vectors)), 3),
                "median_ms": round(float(np.median(timings)) * 1000, 2),
            }
    backend.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", required=True, help="archive URL (see build_archive.py)")
    parser.add_argument(
        "--clients", default="1,8", help="concurrent clients, one run for each count"
    )
    parser.add_argument("--requests", type=int, default=400, help="requests per configuration")
    parser.add_argument("--threads", type=int, default=8, help="threads of each server process")
    parser.add_argument("--processes", type=int, default=1, help="server processes")
    parser.add_argument("--recall", action="store_true", help="also measure ANN recall@10")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, (Path(tmp) / "serve.log").open("wb") as log:
        clients = [int(n) for n in args.clients.split(",")]
        results = serve_and_measure(
            args.backend, clients, args.requests, args.threads, args.processes, log
        )
    if args.recall:
        results["recall"] = recall(args.backend)
    if args.json:
        print(json.dumps(results))
        return
    print(f"\n{args.requests} requests per configuration")
    print(f"{'configuration':34s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'q/s':>7s} errors")
    for name, r in results.items():
        if isinstance(r, dict) and "p50_ms" in r:
            print(
                f"{name:34s} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['p99_ms']:8.1f} "
                f"{r['qps']:7.1f} {r['errors']}"
            )
            for sample in r["error_samples"]:
                print("  " + sample)
    print(f"server peak RSS {results['peak_rss_mb']} MB; warm-up {results['warm_up_s']} s")
    if "recall" in results:
        for key, value in results["recall"].items():
            print(f"ANN {key}: {value}")


if __name__ == "__main__":
    main()
