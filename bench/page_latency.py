"""Server time of every web page and API route on an archive (the demo corpus by default).

    python bench/page_latency.py --backend sqlite:///klyngearkiv.db --runs 20

Requests go through the Flask app in-process, so the figures are the server's own time
(routing, search, rendering), without the network. Prints median and p95 per page.
"""

from __future__ import annotations

import statistics
import time

import click

from webapp import create_app

PAGES = [
    "/",
    "/?q=klynge&mode=keyword",
    "/?q=klynge",
    "/?q=støtte til næringsklynger&mode=semantic",
    "/?q=klynge programme:Arena&sort=newest&from=2015",
    "/entities",
    "/entities?type=PERSON&sort=name",
    "/entities/cluster/MIP Cluster",
    "/entities/org/Innovasjon Norge",
    "/funding",
    "/api/v1/search?q=klynge",
    "/api/v1/entities?type=ORG",
    "/entities.xlsx",
]


@click.command()
@click.option("--backend", default="sqlite:///klyngearkiv.db", help="Archive to measure.")
@click.option("--runs", default=20, show_default=True, help="Requests per page.")
def main(backend: str, runs: int) -> None:
    """Print median and p95 server milliseconds per page."""
    client = create_app({"BACKEND": backend}).test_client()
    hit = client.get("/api/v1/search?q=MIP Cluster&limit=1").json["hits"]
    pages = PAGES + ([f"/documents/{hit[0]['id']}"] if hit else [])
    click.echo(f"{'page':58} {'median ms':>9} {'p95 ms':>7}")
    for path in pages:
        # Each query's words are embedded once and then cached, as when an adviser pages
        # or refines; the first (cold) request is reported separately.
        start = time.perf_counter()
        status = client.get(path).status_code
        cold = (time.perf_counter() - start) * 1000
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        click.echo(
            f"{path[:58]:58} {statistics.median(times):9.1f} {p95:7.1f}"
            f"  (first {cold:.0f} ms, HTTP {status})"
        )


if __name__ == "__main__":
    main()
