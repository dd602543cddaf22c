"""The embedded backend's tables, and a transaction's writes to them."""

from __future__ import annotations

import sqlite3

import numpy as np

from indexer.types import Document
from nlp.analysis import terms
from nlp.types import Value

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    hash TEXT NOT NULL
);
-- What filters and sorting read of a document, apart from its large row: joined with every
-- keyword match, it is six times faster to read than the table (10 vs 59 ms for 37,681).
CREATE INDEX IF NOT EXISTS documents_meta ON documents (rowid, date, language, id);
CREATE TABLE IF NOT EXISTS passages (
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    vector BLOB,
    PRIMARY KEY (doc, idx)
);
-- Only the passages still waiting for vectors, so `embed` finds them without a full scan.
CREATE INDEX IF NOT EXISTS passages_without_vectors ON passages (doc) WHERE vector IS NULL;
CREATE TABLE IF NOT EXISTS entities (
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    type TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    canonical TEXT NOT NULL,
    value_min REAL,
    value_max REAL,
    per_year INTEGER NOT NULL DEFAULT 0,
    role TEXT,
    affiliation TEXT
);
CREATE INDEX IF NOT EXISTS entities_by_name ON entities (type, canonical);
-- By document with what facets count, so counting reads no table rows (replaces an index
-- on the document alone).
DROP INDEX IF EXISTS entities_by_doc;
CREATE INDEX IF NOT EXISTS entities_by_doc_type ON entities (doc, type, canonical);
-- Name filters fold case ("høyen" finds "Høyen"): by folded name and mention, a filter reads
-- its documents' rows instead of every entity of the type (1.3 s → ms at 100,000 documents).
-- casefold() is registered on every connection that writes entities or checks the file.
CREATE INDEX IF NOT EXISTS entities_by_folded_name ON entities (type, casefold(canonical));
CREATE INDEX IF NOT EXISTS entities_by_folded_text ON entities (type, casefold(text));
CREATE TABLE IF NOT EXISTS funding (
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    funder TEXT,
    recipient TEXT,
    programme TEXT,
    amount_min REAL,
    amount_max REAL,
    per_year INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS funding_by_doc ON funding (doc);
-- Title and body hold analysed terms (stems), so FTS5 matches Norwegian inflections.
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, body, tokenize = "unicode61 remove_diacritics 0"
);
"""


def add_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the schema's indexes and the filters use: SQLite's lower() folds
    ASCII only, and name filters must match "høyen" to "Høyen"."""
    conn.create_function("casefold", 1, str.casefold, deterministic=True)


class Writer:
    """Inserts and deletes rows on a connection that is inside a transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.rejected: list[str] = []  # "source: reason" of documents left out

    def add(self, doc: Document) -> None:
        """Store a document, replacing any earlier version with the same id."""
        problem = self._vector_problem(doc)
        if problem:
            self.rejected.append(f"{doc.source}: {problem}")
            return
        self.delete(doc.id)
        conn = self._conn
        rowid = conn.execute(
            "INSERT INTO documents (id, source, title, date, language, text, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc.id, doc.source, doc.title, doc.date, doc.language, doc.text, doc.hash),
        ).lastrowid
        conn.execute(
            "INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
            (rowid, " ".join(terms(doc.title)), " ".join(terms(doc.text))),
        )
        vectors = doc.vectors
        conn.executemany(
            "INSERT INTO passages (doc, idx, start, end, vector) VALUES (?, ?, ?, ?, ?)",
            [
                (
                    rowid,
                    i,
                    p.start,
                    p.end,
                    vectors[i].astype(np.float32).tobytes() if vectors is not None else None,
                )
                for i, p in enumerate(doc.passages)
            ],
        )
        conn.executemany(
            "INSERT INTO entities (doc, type, text, start, end, canonical, value_min, value_max, "
            "per_year, role, affiliation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    rowid,
                    e.type,
                    e.text,
                    e.start,
                    e.end,
                    e.canonical,
                    *_bounds(e.value),
                    int(e.per_year),
                    e.role,
                    e.affiliation,
                )
                for e in doc.entities
            ],
        )
        conn.executemany(
            "INSERT INTO funding (doc, funder, recipient, programme, amount_min, amount_max, "
            "per_year) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (rowid, f.funder, f.recipient, f.programme, *_bounds(f.amount), int(f.per_year))
                for f in doc.funding
            ],
        )

    def set_vectors(self, doc_id: str, vectors: np.ndarray) -> None:
        """Give a stored document's passages their vectors, one row each; a document that
        is gone, or whose passages changed meanwhile (another number), is left alone."""
        conn = self._conn
        row = conn.execute(
            "SELECT d.rowid, count(p.idx) FROM documents d JOIN passages p ON p.doc = d.rowid "
            "WHERE d.id = ? GROUP BY d.rowid",
            (doc_id,),
        ).fetchone()
        if row is None or row[1] != len(vectors):
            return
        conn.executemany(
            "UPDATE passages SET vector = ? WHERE doc = ? AND idx = ?",
            [(v.astype(np.float32).tobytes(), row[0], i) for i, v in enumerate(vectors)],
        )

    def _vector_problem(self, doc: Document) -> str | None:
        """Why the document's vectors do not fit the archive (one per passage, all of the
        length already stored), or None."""
        if doc.vectors is None:
            return None
        if doc.vectors.ndim != 2 or len(doc.vectors) != len(doc.passages):
            return f"{len(doc.vectors)} vectors for {len(doc.passages)} passages"
        row = self._conn.execute(
            "SELECT length(vector) FROM passages WHERE vector IS NOT NULL LIMIT 1"
        ).fetchone()
        if row and len(doc.passages) and row[0] != doc.vectors.shape[1] * 4:
            return f"vectors of {doc.vectors.shape[1]} numbers; the archive holds {row[0] // 4}"
        return None

    def delete(self, doc_id: str) -> None:
        """Remove a document and everything derived from it (no-op if absent)."""
        row = self._conn.execute("SELECT rowid FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row:
            self._conn.execute("DELETE FROM fts WHERE rowid = ?", row)
            self._conn.execute("DELETE FROM documents WHERE rowid = ?", row)


def _bounds(value: Value) -> tuple[float | None, float | None]:
    if value is None:
        return None, None
    if isinstance(value, tuple):
        return value
    return value, value
