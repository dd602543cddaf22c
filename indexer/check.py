"""Integrity check of a SQLite archive: the file, the FTS5 index and what hangs off documents.

An interrupted indexing run must leave an archive that passes every check here; the
crash tests kill `klyngearkiv index` at random points and then run this.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from indexer.store.sqlite import database_path
from indexer.store.sqlitewrite import add_functions
from nlp.e5convert import default_cache_dir

# (what is wrong, SQL counting the rows where it is wrong).
COUNTS = [
    (
        "passages of missing documents",
        "SELECT count(*) FROM passages WHERE doc NOT IN (SELECT rowid FROM documents)",
    ),
    (
        "entities of missing documents",
        "SELECT count(*) FROM entities WHERE doc NOT IN (SELECT rowid FROM documents)",
    ),
    (
        "funding events of missing documents",
        "SELECT count(*) FROM funding WHERE doc NOT IN (SELECT rowid FROM documents)",
    ),
    (
        "documents without a keyword-index row",
        "SELECT count(*) FROM documents WHERE rowid NOT IN (SELECT rowid FROM fts)",
    ),
    (
        "keyword-index rows of missing documents",
        "SELECT count(*) FROM fts WHERE rowid NOT IN (SELECT rowid FROM documents)",
    ),
    (
        "documents without passages",
        "SELECT count(*) FROM documents WHERE rowid NOT IN (SELECT doc FROM passages)",
    ),
    (
        "documents stored more than once",
        "SELECT count(*) FROM (SELECT source FROM documents GROUP BY source HAVING count(*) > 1)",
    ),
    (
        "documents with vectors for only some passages",
        "SELECT count(*) FROM (SELECT doc FROM passages GROUP BY doc "
        "HAVING count(vector) NOT IN (0, count(*)))",
    ),
    (
        "passages outside their document's text",
        "SELECT count(*) FROM passages p JOIN documents d ON d.rowid = p.doc "
        "WHERE p.start < 0 OR p.end > length(d.text) OR p.start >= p.end",
    ),
]


@dataclass(frozen=True)
class Report:
    """What the check found: counts of what is there and a line per problem."""

    documents: int
    vectors: int
    dimension: int | None
    problems: tuple[str, ...]


def check_url(url: str) -> Report:
    """Check the archive a sqlite:// URL names against the prepared sentence model."""
    if not url.lower().startswith("sqlite:"):
        raise ValueError(f"check works on sqlite:// archives, not {url!r}")
    return check(database_path(url), model_dimension())


def check(path: Path, dimension: int | None = None) -> Report:
    """Check the archive at `path`; vectors must have `dimension` entries when it is given.

    Only reads, though the FTS5 check is written as an INSERT: it runs in a
    transaction that is rolled back, and waits for a running indexer's batch to commit.
    """
    if not path.is_file():
        raise ValueError(f"no archive at {path}")
    try:
        return _check(path, dimension)
    except sqlite3.DatabaseError as exc:  # not a database, or tables missing
        return Report(0, 0, None, (f"SQLite: {exc}",))


def _check(path: Path, dimension: int | None) -> Report:
    with closing(sqlite3.connect(path, timeout=60, isolation_level=None)) as conn:
        add_functions(conn)  # integrity_check computes the indexes on casefold()
        problems = [
            f"SQLite: {row[0]}" for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"
        ]
        if problems:
            return Report(0, 0, None, tuple(problems))  # the rest would read damaged pages
        conn.execute("BEGIN")
        try:
            conn.execute("INSERT INTO fts (fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            problems.append(f"keyword index: {exc}")
        finally:
            conn.execute("ROLLBACK")
        for description, sql in COUNTS:
            count = conn.execute(sql).fetchone()[0]
            if count:
                problems.append(f"{count} {description}")
        sizes = [
            size
            for (size,) in conn.execute(
                "SELECT DISTINCT length(vector) FROM passages WHERE vector IS NOT NULL"
            )
        ]
        found = {size // 4 for size in sizes}
        expected = dimension or (min(found) if found else None)
        wrong = sorted(d for d in found if d != expected)
        if any(size % 4 for size in sizes) or wrong:
            problems.append(
                f"vectors of {', '.join(map(str, wrong or sorted(found)))} dimensions "
                f"(expected {expected})"
            )
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        vectors = conn.execute("SELECT count(*) FROM passages WHERE vector IS NOT NULL").fetchone()[
            0
        ]
    return Report(documents, vectors, expected if vectors else None, tuple(problems))


def model_dimension() -> int | None:
    """The sentence model's vector length from its prepared config, without loading it."""
    try:
        config = json.loads((default_cache_dir() / "config.json").read_text())
        return int(config["hidden_size"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
