"""Nearest passages for the SQLite backend: a usearch HNSW index kept in step with the archive
through a change log, and saved next to the archive file so that a restart need not rebuild it."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path

import numpy as np

# onnxruntime (the embedder's runtime) crashes the process with SIGSEGV when it is imported
# after usearch, so whatever imports usearch imports it first.
import onnxruntime  # noqa: F401, I001
from usearch.index import Index

# Triggers log every document whose passages are added, changed or removed, so that the index
# replays only what changed since it was built instead of rereading every vector.
SCHEMA = """
CREATE TABLE IF NOT EXISTS vector_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS vector_archive (token TEXT NOT NULL);
INSERT INTO vector_archive (token)
    SELECT lower(hex(randomblob(16))) WHERE NOT EXISTS (SELECT 1 FROM vector_archive);
CREATE TRIGGER IF NOT EXISTS vector_log_insert AFTER INSERT ON passages WHEN NEW.idx = 0
BEGIN INSERT INTO vector_log (doc) VALUES (NEW.doc); END;
CREATE TRIGGER IF NOT EXISTS vector_log_update AFTER UPDATE OF vector ON passages
BEGIN INSERT INTO vector_log (doc) VALUES (NEW.doc); END;
CREATE TRIGGER IF NOT EXISTS vector_log_delete AFTER DELETE ON passages WHEN OLD.idx = 0
BEGIN INSERT INTO vector_log (doc) VALUES (OLD.doc); END;
"""
# Up to this many passages a search compares the query with every one (HNSW gains nothing
# there and exact answers are easier to reason about); the same holds for the passages
# of the documents a filter allows.
EXACT_MAX = 20_000
# The saved index is rewritten once this many documents changed since it was saved.
SAVE_AFTER = 2_000
# A passage's key: its document's rowid in the high bits, its index in the low ones.
IDX_BITS = 20
# Passages fetched per wanted document: documents have several passages, and one row per
# document is returned.
OVERSAMPLE = 4
# Graph parameters. e5 vectors are all alike (cosines 0.7-0.9), so the graph needs many
# links and a wide search: at search breadth 1024, 16 links built with breadth 64 found 0.94
# of the exact top 10 among 100,000 passages and 0.52 among 456,672; 32 links built with 128
# found 0.99 and 0.77 (11 ms a query), at 2.5 times the build time (bench/RESULTS.md).
CONNECTIVITY = 32
EXPANSION_ADD = 128
EXPANSION_SEARCH = 1024


class PassageIndex:
    """Every passage vector of one archive in an HNSW graph (half-precision), by document."""

    def __init__(self, archive: Path) -> None:
        self.path = archive.with_name(archive.name + ".vectors.usearch")
        self._meta = archive.with_name(archive.name + ".vectors.json")
        self._lock = threading.Lock()
        self._index: Index | None = None
        self._seq = -1
        self._saved_seq = -1
        self._passages: dict[int, list[int]] = {}  # document rowid → its passages indexed
        self._ids: dict[int, str] = {}
        self._rowids: dict[str, int] = {}

    def nearest(
        self,
        conn: sqlite3.Connection,
        vector: np.ndarray,
        limit: int,
        within: set[str] | None = None,
        exact: bool = False,
    ) -> list[tuple[str, float, int]]:
        """Best (doc_id, cosine, passage index), one row per document, among `within` when
        given; `exact` compares with every passage (for measuring the approximation)."""
        vector = np.asarray(vector, dtype=np.float32)
        with self._lock:
            self._sync(conn)
            index = self._index
            if index is None or not len(index) or limit <= 0:
                return []
            if within is not None:
                docs = [self._rowids[d] for d in within if d in self._rowids]
                allowed = sum(len(self._passages[d]) for d in docs)
                if not allowed:
                    return []
                if exact or allowed <= EXACT_MAX:
                    keys = _keys(docs, self._passages)
                    matrix = np.vstack(index.get(keys, dtype=np.float32))
                    scores = matrix @ vector
                    order = np.argsort(-scores)
                    return self._best(keys[order], scores[order], limit, None)
                share = allowed / len(index)
            exact = exact or len(index) <= EXACT_MAX
            wanted = limit * OVERSAMPLE
            while True:
                # Past a filter, only the allowed share of the passages found counts.
                count = min(len(index), int(wanted / (share if within is not None else 1.0)))
                matches = index.search(vector, count, exact=exact)
                allowed_docs = set(docs) if within is not None else None
                found = self._best(matches.keys, 1.0 - matches.distances, limit, allowed_docs)
                if len(found) == limit or count == len(index):
                    return found
                wanted *= 4

    def _best(
        self, keys: np.ndarray, scores: np.ndarray, limit: int, allowed: set[int] | None
    ) -> list[tuple[str, float, int]]:
        """The first passage of each document in ranked keys, up to `limit` documents."""
        best: dict[int, tuple[float, int]] = {}
        mask = (1 << IDX_BITS) - 1
        for key, score in zip(keys.tolist(), scores.tolist(), strict=True):
            doc = key >> IDX_BITS
            if doc in best or (allowed is not None and doc not in allowed):
                continue
            best[doc] = (float(score), key & mask)
            if len(best) == limit:
                break
        return [(self._ids[doc], score, idx) for doc, (score, idx) in best.items()]

    def _sync(self, conn: sqlite3.Connection) -> None:
        """Bring the index up to the archive's latest change (caller holds the lock)."""
        seq = _last_seq(conn)
        if seq == self._seq:
            return
        # One snapshot for the log and the vectors read (unless already inside a transaction).
        own = not conn.in_transaction
        if own:
            conn.execute("BEGIN")
        try:
            seq = _last_seq(conn)
            if self._index is None:
                if not self._load(conn):
                    self._build(conn)
            elif seq != self._seq:
                self._replace(conn, _changed(conn, self._seq))
            self._seq = seq
        finally:
            if own:
                conn.execute("COMMIT")
        if self._index is not None and len(self._index) > EXACT_MAX:
            if self._seq - self._saved_seq >= SAVE_AFTER or self._saved_seq < 0:
                self._save(conn)

    def _build(self, conn: sqlite3.Connection) -> None:
        """Read every passage vector into a new graph."""
        self._index, self._passages, self._ids, self._rowids = None, {}, {}, {}
        self._add(conn, "")

    def _replace(self, conn: sqlite3.Connection, docs: set[int]) -> None:
        """Drop the passages of changed documents and add what they have now."""
        if self._index is not None:
            gone = [doc for doc in docs if doc in self._passages]
            if gone:
                self._index.remove(_keys(gone, self._passages))
            for doc in gone:
                del self._passages[doc]
                doc_id = self._ids.pop(doc, None)
                if doc_id is not None:
                    self._rowids.pop(doc_id, None)
        ordered = sorted(docs)
        for chunk in range(0, len(ordered), 500):
            part = ordered[chunk : chunk + 500]
            self._add(conn, f"AND p.doc IN ({', '.join(map(str, part))})")

    def _add(self, conn: sqlite3.Connection, where: str) -> None:
        """Add the passage vectors (and document ids) the SQL condition on `p` selects."""
        rows = conn.execute(
            "SELECT p.doc, p.idx, p.vector, d.id FROM passages p JOIN documents d "
            f"ON d.rowid = p.doc WHERE p.vector IS NOT NULL {where} ORDER BY p.doc, p.idx"
        )
        while batch := rows.fetchmany(50_000):
            keys = np.array([(doc << IDX_BITS) | idx for doc, idx, _, _ in batch], np.uint64)
            matrix = np.vstack([np.frombuffer(r[2], dtype=np.float32) for r in batch])
            if self._index is None:
                self._index = _new_index(matrix.shape[1])
            # One thread builds the same graph every time: with several, the links (and so
            # which near neighbours a search can miss) changed from run to run.
            self._index.add(keys, matrix, threads=1)
            for doc, idx, _, doc_id in batch:
                self._passages.setdefault(doc, []).append(idx)
                self._ids[doc], self._rowids[doc_id] = doc_id, doc

    def _load(self, conn: sqlite3.Connection) -> bool:
        """Restore the saved index if it belongs to this archive, then replay later changes."""
        try:
            meta = json.loads(self._meta.read_text())
            if meta["token"] != _token(conn) or meta["seq"] > _last_seq(conn):
                return False
            index = _new_index(meta["ndim"])
            index.load(str(self.path))
            index.expansion_search = EXPANSION_SEARCH
        except (OSError, ValueError, KeyError, RuntimeError):
            return False
        keys = np.asarray(index.keys, dtype=np.uint64)
        self._index = index
        self._passages = {}
        mask = (1 << IDX_BITS) - 1
        for key in np.sort(keys).tolist():
            self._passages.setdefault(key >> IDX_BITS, []).append(key & mask)
        self._ids = {
            rowid: doc_id
            for rowid, doc_id in conn.execute("SELECT rowid, id FROM documents")
            if rowid in self._passages
        }
        self._rowids = {doc_id: rowid for rowid, doc_id in self._ids.items()}
        changed = _changed(conn, meta["seq"])
        # A document deleted before the save but still in the graph would have no id.
        changed |= set(self._passages) - set(self._ids)
        self._replace(conn, changed)
        self._saved_seq = meta["seq"]
        return True

    def _save(self, conn: sqlite3.Connection) -> None:
        """Write the index and what it covers next to the archive, replacing any older one."""
        assert self._index is not None
        meta = {"token": _token(conn), "seq": self._seq, "ndim": self._index.ndim}
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        try:
            self._index.save(str(tmp))
            os.replace(tmp, self.path)
            self._meta.write_text(json.dumps(meta))
        except OSError:
            # A read-only folder only costs a rebuild when the server next starts.
            tmp.unlink(missing_ok=True)
            return
        self._saved_seq = self._seq


def _new_index(ndim: int) -> Index:
    return Index(
        ndim=ndim,
        metric="cos",
        dtype="f16",
        connectivity=CONNECTIVITY,
        expansion_add=EXPANSION_ADD,
        expansion_search=EXPANSION_SEARCH,
    )


def _keys(docs: list[int], passages: dict[int, list[int]]) -> np.ndarray:
    """The keys of every indexed passage of the given documents."""
    return np.array(
        [(doc << IDX_BITS) | idx for doc in docs for idx in passages[doc]], dtype=np.uint64
    )


def _changed(conn: sqlite3.Connection, since: int) -> set[int]:
    """Documents whose passages changed after log entry `since`."""
    return {row[0] for row in conn.execute("SELECT doc FROM vector_log WHERE seq > ?", (since,))}


def _last_seq(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(seq), 0) FROM vector_log").fetchone()[0]


def _token(conn: sqlite3.Connection) -> str:
    return conn.execute("SELECT token FROM vector_archive").fetchone()[0]
