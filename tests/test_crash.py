"""`kill -9` of `klyngearkiv index` at random points leaves an archive that passes
`klyngearkiv check`, and running the same command again stores every document once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from indexer.check import check

KLYNGEARKIV = str(Path(sys.executable).parent / "klyngearkiv")
PLACES = ["Mo i Rana", "Bodø", "Stavanger", "Florø", "Raufoss", "Kongsberg", "Tromsø", "Ålesund"]
FUNDERS = ["Innovasjon Norge", "Forskningsrådet", "Siva", "Enova"]
# A run that has not committed a batch by then is stuck, not slow.
RUN_SECONDS = 120


def write_corpus(folder: Path, count: int, sentences: int = 40) -> set[str]:
    """`count` press releases, half text and half HTML; returns their paths."""
    folder.mkdir()
    for n in range(count):
        place, funder = PLACES[n % len(PLACES)], FUNDERS[n % len(FUNDERS)]
        # Long enough that a batch takes a while to analyse, so kills land mid-run.
        body = " ".join(
            f"Klyngen i {place} fikk {n + k},5 millioner kroner fra {funder} i {2000 + k}. "
            f"Daglig leder sier at pengene skal gå til delprosjekt {k} av prosjekt {n}."
            for k in range(sentences // 2)
        )
        if n % 2:
            (folder / f"{n:03d}.html").write_text(
                f"<html><head><title>Støtte {n}</title></head><body><p>{body}</p></body></html>"
            )
        else:
            (folder / f"{n:03d}.txt").write_text(f"Støtte {n}\n\n{body}\n")
    return {str(path) for path in folder.iterdir()}


def stored(path: Path) -> int:
    """Documents committed so far (0 while the archive does not exist yet)."""
    if not path.exists():
        return 0
    try:
        with closing(sqlite3.connect(path, timeout=10)) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # the indexer has not created the tables yet
        return 0


def index_command(corpus: Path, db: Path, vectors: bool) -> list[str]:
    command = [KLYNGEARKIV, "index", str(corpus), "--backend", f"sqlite:///{db}"]
    return command + ["--batch-size", "2", "--quiet"] + ([] if vectors else ["--no-vectors"])


def kill_while_indexing(
    corpus: Path, db: Path, rng: random.Random, vectors: bool, before_first_batch: bool = False
) -> None:
    """Start an indexer and SIGKILL it at a random moment, usually after a batch of its own."""
    before = stored(db)
    process = subprocess.Popen(
        index_command(corpus, db, vectors), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + RUN_SECONDS
        if before_first_batch:
            time.sleep(rng.uniform(0.0, 3.0))  # while starting or loading models
        else:
            while stored(db) == before and process.poll() is None:
                assert time.monotonic() < deadline, "no batch committed"
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 0.3))
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()


def assert_complete(db: Path, sources: set[str]) -> None:
    """The archive is intact and holds every source exactly once."""
    report = check(db)
    assert not report.problems, report.problems
    with closing(sqlite3.connect(db)) as conn:
        rows = [source for (source,) in conn.execute("SELECT source FROM documents")]
    assert sorted(rows) == sorted(sources)


def kill_repeatedly(tmp_path: Path, kills: list[tuple[bool, bool]], count: int, seed: int) -> None:
    """Index a corpus, killing the indexer once per (vectors, before_first_batch) in `kills`."""
    corpus, db = tmp_path / "docs", tmp_path / "archive.db"
    sources = write_corpus(corpus, count)
    rng = random.Random(seed)
    for vectors, early in kills:
        kill_while_indexing(corpus, db, rng, vectors, early)
        report = check(db) if db.exists() else None
        assert report is None or not report.problems, (seed, report)
    assert stored(db) < count, "the kills came too late to interrupt anything"

    final = subprocess.run(index_command(corpus, db, vectors=False), capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    checked = subprocess.run(
        [KLYNGEARKIV, "check", "--backend", f"sqlite:///{db}"], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert f"ok: {count} documents" in checked.stderr
    assert_complete(db, sources)


def test_kill_9_while_indexing(tmp_path):
    # One kill while embedding passages, then keyword-only runs, which start faster.
    kill_repeatedly(tmp_path, [(True, False)] + [(False, False)] * 3, count=40, seed=8)
    with closing(sqlite3.connect(tmp_path / "archive.db")) as conn:
        embedded = conn.execute("SELECT count(DISTINCT doc) FROM passages WHERE vector NOT NULL")
        assert embedded.fetchone()[0] >= 2  # the first run's committed batch kept its vectors


def running_in_group(group: int) -> list[int]:
    """Processes of a process group that still run (exited ones not yet reaped do not)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # pid (command) state ppid pgrp …; the command may hold spaces and parentheses.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            found.append(int(stat.parent.name))
    return found


def start_until_first_batch(command: list[str], db: Path) -> subprocess.Popen:
    """Start an indexer in a session of its own, so that a signal can go to its whole group
    as a terminal sends Ctrl-C, and return once it has committed a batch."""
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + RUN_SECONDS
    while stored(db) == 0 and process.poll() is None:
        assert time.monotonic() < deadline, "no batch committed"
        time.sleep(0.02)
    return process


def test_ctrl_c_with_workers_keeps_what_was_committed(tmp_path):
    corpus, db = tmp_path / "docs", tmp_path / "archive.db"
    sources = write_corpus(corpus, 60)
    command = index_command(corpus, db, vectors=False) + ["--workers", "2"]
    # A test run started in the background (`make test &`) ignores SIGINT, as a shell does
    # for background jobs, and an indexer started from it would inherit that. The indexer
    # is started as from a terminal instead.
    ignored = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = start_until_first_batch(command, db)
    finally:
        signal.signal(signal.SIGINT, ignored)
    assert process.poll() is None, "the run ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=RUN_SECONDS)
    assert process.returncode == 1, (stored(db), err)
    assert "interrupted: every finished batch is saved" in err
    # No worker outlives the run (a helper may take a moment to see that the run is gone).
    deadline = time.monotonic() + 5
    while running_in_group(process.pid):
        assert time.monotonic() < deadline, "a worker outlived the run"
        time.sleep(0.05)
    assert 0 < stored(db) < len(sources)
    final = subprocess.run(command, capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    assert_complete(db, sources)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_kill_9_many_times(tmp_path, seed):
    rng = random.Random(seed)
    kills = [(rng.random() < 0.15, rng.random() < 0.2) for _ in range(24)]
    kill_repeatedly(tmp_path, kills, count=160, seed=seed)


def test_a_worker_killed_ends_the_run_with_a_clear_error(tmp_path):
    corpus, db = tmp_path / "docs", tmp_path / "archive.db"
    sources = write_corpus(corpus, 60)
    command = index_command(corpus, db, vectors=True) + ["--workers", "2"]
    process = start_until_first_batch(command, db)
    workers = [
        pid
        for pid in running_in_group(process.pid)
        if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)  # as the kernel does when memory runs out
    _, err = process.communicate(timeout=RUN_SECONDS)
    assert process.returncode == 1, err
    assert "an analysis worker died" in err and "Traceback" not in err
    assert 0 < stored(db) < len(sources)
    assert not check(db).problems
    final = subprocess.run(command, capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    assert_complete(db, sources)
