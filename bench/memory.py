"""Memory over a long indexing run: the resident memory of `klyngearkiv index` (with its
worker processes) as the archive grows.

    python bench/memory.py --docs 50000 [--workers 2] [--vectors]

Writes NoReC as one JSON Lines export of --docs documents (past NoReC's 43,437 texts they
repeat with their paragraphs shuffled, so every document is new to the archive), indexes it
into a fresh SQLite archive with the real command line, and samples the memory of the whole
process tree every second. Prints the memory at each tenth of the run as it goes, then the
peak, the documents/s and the records the indexer reported as failed.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

import psutil
from norec import reviews

ROOT = Path(__file__).resolve().parent.parent
KLYNGEARKIV = str(Path(sys.executable).parent / "klyngearkiv")


def write_export(path: Path, docs: int) -> None:
    """NoReC as a JSON Lines export of `docs` documents."""
    texts = [(Path(name).stem, data.decode("utf-8", "replace")) for name, data in reviews()]
    rng = random.Random(0)
    with path.open("w", encoding="utf-8") as out:
        for n in range(docs):
            name, text = texts[n % len(texts)]
            if n >= len(texts):
                paragraphs = text.split("\n\n")
                rng.shuffle(paragraphs)
                text = "\n\n".join(paragraphs)
            record = {"id": f"{name}-{n}", "title": f"{name} ({n})", "text": text}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def tree_rss(process: psutil.Process) -> int:
    """Resident memory of a process and all its children."""
    try:
        rss = process.memory_info().rss
        return rss + sum(child.memory_info().rss for child in process.children(recursive=True))
    except psutil.Error:
        return 0


def stored(db: Path) -> int:
    try:
        with closing(sqlite3.connect(db, timeout=30)) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--vectors", action="store_true", help="embed passages as well")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export, db = Path(tmp) / "norec.jsonl", Path(tmp) / "archive.db"
        write_export(export, args.docs)
        command = [KLYNGEARKIV, "index", str(export), "--backend", f"sqlite:///{db}", "--quiet"]
        command += ["--workers", str(args.workers)] + ([] if args.vectors else ["--no-vectors"])
        print(" ".join(command[1:]), flush=True)
        print("documents stored   resident MB (index and workers)", flush=True)
        started = time.perf_counter()
        run = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        process = psutil.Process(run.pid)
        peak, tenth = 0, 1
        while run.poll() is None:
            rss = tree_rss(process)
            peak = max(peak, rss)
            # Printed as the run goes, so that a long run's figures survive an interruption.
            while tenth <= 10 and stored(db) >= args.docs * tenth // 10:
                print(f"{args.docs * tenth // 10:>16}   {rss / 1e6:>8.0f}", flush=True)
                tenth += 1
            time.sleep(1.0)
        elapsed = time.perf_counter() - started
        failed = [line for line in run.stderr.read().splitlines() if line.startswith("failed:")]
        # Exit code 1 means some records failed and the rest were indexed.
        if run.returncode not in (0, 1) or (run.returncode == 1 and not failed):
            raise SystemExit(f"index exited with {run.returncode}")
        total = stored(db)
    print(f"{total} documents in {elapsed:.0f} s = {total / elapsed:.1f} docs/s", flush=True)
    print(f"{len(failed)} records reported as failed: {failed[:3]}")
    print(f"peak resident memory: {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
