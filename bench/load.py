"""Load test: concurrent clients against a real `klyngearkiv serve` on loopback.

    python bench/load.py [--backend URL] [--clients 50] [--seconds 60] [--json]

Each client sends mixed keyword and hybrid searches over one keep-alive connection, one
request at a time. Prints throughput, latency percentiles, errors and the server's peak RSS.
Without --backend it first indexes corpora/ into a temporary archive.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import psutil

ROOT = Path(__file__).resolve().parent.parent
KLYNGEARKIV = str(Path(sys.executable).parent / "klyngearkiv")
KEYWORD = [
    "klynge",
    "Innovasjon Norge",
    "støtte OR tilskudd",
    '"MIP Cluster"',
    "programme:Arena",
    "klynge year:>=2015",
    "hydrogen -Arena",
    "amount:>1000000",
]
HYBRID = [
    "støtte til næringsklynger",
    "hydrogen på Vestlandet",
    "karbonfangst i industrien",
    "havvind leverandører",
    "helseinnovasjon og kreftvaksine",
    "reiseliv om vinteren",
    "batteriferje",
    "sirkulær økonomi i prosessindustrien",
]
STARTUP_SECONDS = 300


def requests() -> list[str]:
    """The request paths clients cycle through: keyword and hybrid searches alternating."""
    paths = []
    for keyword, hybrid in zip(KEYWORD, HYBRID, strict=True):
        for q, mode in ((keyword, "keyword"), (hybrid, "hybrid")):
            paths.append("/api/v1/search?" + urllib.parse.urlencode({"q": q, "mode": mode}))
    return paths


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    backend: str, threads: int, log, processes: int = 1
) -> tuple[subprocess.Popen, int]:
    """`klyngearkiv serve` on a free port, once it answers."""
    port = free_port()
    command = [KLYNGEARKIV, "serve", "--backend", backend, "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--threads", str(threads), "--processes", str(processes)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit("klyngearkiv serve did not start") from None
            time.sleep(0.3)


class Client(threading.Thread):
    """Sends each path in turn, waiting for the answer, and records latencies and errors."""

    def __init__(self, port: int, paths: Iterable[str]) -> None:
        super().__init__(daemon=True)
        self.port, self.paths = port, paths
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        for path in self.paths:
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(f"{path}: {exc!r}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                continue
            self.latencies.append(time.perf_counter() - started)
            if response.status != 200:
                self.errors.append(f"{path}: {response.status} {body[:200]!r}")
        conn.close()


def _until(deadline: float, paths: list[str], start: int) -> Iterator[str]:
    """The paths over and over from `start`, until the deadline."""
    for path in itertools.islice(itertools.cycle(paths), start, None):
        if time.monotonic() >= deadline:
            return
        yield path


def peak_rss(pid: int, stop: threading.Event, peak: list[int]) -> None:
    """Sample the server's resident memory (with any children) until stopped."""
    process = psutil.Process(pid)
    while not stop.is_set():
        try:
            rss = process.memory_info().rss
            rss += sum(child.memory_info().rss for child in process.children(recursive=True))
        except psutil.Error:
            return
        peak[0] = max(peak[0], rss)
        stop.wait(0.2)


def run(backend: str, clients: int, seconds: float, threads: int, log) -> dict:
    """Serve `backend`, load it, and return the measurements."""
    server, port = start_server(backend, threads, log)
    try:
        paths = requests()
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for path in paths:  # query vectors and the passage-vector matrix, once
            warm.request("GET", path)
            warm.getresponse().read()
        warm.close()
        stop, peak = threading.Event(), [0]
        sampler = threading.Thread(target=peak_rss, args=(server.pid, stop, peak), daemon=True)
        sampler.start()
        started = time.monotonic()
        users = [Client(port, _until(started + seconds, paths, n)) for n in range(clients)]
        for user in users:
            user.start()
        for user in users:
            user.join()
        elapsed = time.monotonic() - started
        stop.set()
        sampler.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = np.array([x for user in users for x in user.latencies]) * 1000
    errors = [e for user in users for e in user.errors]
    p50, p95, p99 = (np.percentile(latencies, q) if len(latencies) else 0.0 for q in (50, 95, 99))
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": int(len(latencies)),
        "throughput": round(len(latencies) / elapsed, 1),
        "p50_ms": round(float(p50), 1),
        "p95_ms": round(float(p95), 1),
        "p99_ms": round(float(p99), 1),
        "errors": len(errors),
        "error_samples": errors[:5],
        "peak_rss_mb": round(peak[0] / 1e6),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", help="archive URL (default: corpora/ indexed afresh)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=60, help="how long to load")
    parser.add_argument("--threads", type=int, default=8, help="server worker threads")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        backend = args.backend
        if backend is None:
            backend = f"sqlite:///{Path(tmp) / 'archive.db'}"
            index = [KLYNGEARKIV, "index", str(ROOT / "corpora"), "--backend", backend, "-q"]
            subprocess.run(index, check=True)
        with (Path(tmp) / "serve.log").open("wb") as log:
            result = run(backend, args.clients, args.seconds, args.threads, log)
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"{result['clients']} clients for {result['seconds']} s: {result['requests']} requests, "
        f"{result['throughput']} req/s\n"
        f"latency p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
        f"p99 {result['p99_ms']} ms\n"
        f"errors {result['errors']}, server peak RSS {result['peak_rss_mb']} MB"
    )
    for sample in result["error_samples"]:
        print("  " + sample)


if __name__ == "__main__":
    main()
