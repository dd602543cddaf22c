"""The served app answers while indexers (and uploads) write into the same SQLite archive.

Two indexers at once are serialised: each batch waits for the other's transaction (the
busy timeout), and a document both index is replaced, never stored twice.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from indexer.check import check

from .conftest import ROOT
from .test_crash import KLYNGEARKIV, stored, write_corpus

STARTUP_SECONDS = 180
KEY = "samtidig"
UPLOADS = 3
QUERIES = [
    "/api/v1/search?q=klynge&mode=keyword",
    "/api/v1/search?q=millioner+kroner+Innovasjon+Norge&mode=hybrid",
    "/api/v1/search?q=year:>=2005&mode=keyword",
    "/api/v1/stats",
    "/api/v1/entities?type=ORG",
    "/?q=klynge",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def serve(db: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """`klyngearkiv serve` on a free loopback port with uploads on, once it answers."""
    port = free_port()
    command = [KLYNGEARKIV, "serve", "--backend", f"sqlite:///{db}", "--port", str(port)]
    env = {**os.environ, "KLYNGEARKIV_API_KEY": KEY}
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            get(base + "/api/v1/stats")
            return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"serve did not start: {log.read_text()}") from None
            time.sleep(0.3)


def test_queries_while_two_indexers_write(tmp_path):
    db = tmp_path / "archive.db"
    first, bulk = tmp_path / "first", tmp_path / "bulk"
    write_corpus(first, 4)
    sources = write_corpus(bulk, 40, sentences=8)
    index = [KLYNGEARKIV, "index", "--backend", f"sqlite:///{db}", "--no-vectors", "--quiet"]
    assert subprocess.run([*index, str(first)]).returncode == 0

    server, base = serve(db, tmp_path / "serve.log")
    statuses: Counter = Counter()
    problems: list[str] = []
    seen_documents: list[int] = []
    stop = threading.Event()

    def client(n: int) -> None:
        while not stop.is_set():
            path = QUERIES[n % len(QUERIES)]
            n += 1
            status, body = get(base + path)
            statuses[status] += 1
            if status >= 500 or "locked" in body:
                problems.append(f"{path}: {status} {body[:200]}")
            if path == "/api/v1/stats" and status == 200:
                seen_documents.append(json.loads(body)["documents"])
            time.sleep(0.02)  # leave the two cores some time for the indexers

    def uploader() -> None:
        for n in range(UPLOADS):
            body = {"text": f"Klyngen i Narvik fikk støtte nummer {n}.", "url": f"https://x.no/{n}"}
            request = urllib.request.Request(
                base + "/api/v1/documents",
                data=json.dumps(body).encode(),
                headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"},
            )
            try:
                with urllib.request.urlopen(request, timeout=120) as response:
                    statuses[response.status] += 1
            except urllib.error.HTTPError as exc:
                problems.append(f"upload: {exc.code} {exc.read()[:200]!r}")

    clients = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    uploads = threading.Thread(target=uploader)
    try:
        for thread in [*clients, uploads]:
            thread.start()
        # Two bulk indexers over the same files at once, small batches for many commits.
        indexers = [
            subprocess.Popen(
                [*index, str(bulk), "--batch-size", "2"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [process.communicate(timeout=300) for process in indexers]
        uploads.join()
        time.sleep(0.5)  # a few queries after the last commit
    finally:
        stop.set()
        for thread in [*clients, uploads]:
            thread.join()
        server.terminate()
        server.wait(timeout=30)

    for process, (_, err) in zip(indexers, outputs, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err
    assert not problems, problems[:5]
    assert statuses[200] > 20 and statuses[201] == UPLOADS, statuses
    # Readers saw the archive grow while it was written.
    assert len(set(seen_documents)) > 2 and max(seen_documents) == 44 + UPLOADS
    assert stored(db) == 44 + UPLOADS
    report = check(db)
    assert not report.problems, report.problems
    with closing(sqlite3.connect(db)) as conn:
        rows = [source for (source,) in conn.execute("SELECT source FROM documents")]
    assert len(rows) == len(set(rows)) and sources <= set(rows)


@pytest.mark.slow
def test_short_load_has_no_errors(archive_url):
    command = [sys.executable, str(ROOT / "bench" / "load.py"), "--backend", archive_url]
    result = subprocess.run(
        [*command, "--clients", "10", "--seconds", "5", "--json"],
        capture_output=True,
        text=True,
        timeout=STARTUP_SECONDS + 60,
    )
    assert result.returncode == 0, result.stderr
    measured = json.loads(result.stdout)
    assert measured["errors"] == 0, measured["error_samples"]
    assert measured["requests"] > 10
