"""Best documents for the archive's commonest words, so that a search for one of them reads a
stored list instead of ranking every match.

SQLite's BM25 costs about a microsecond per match, and a word like "film" is in 37,681 of
100,000 reviews: 30 ms to rank, against 1 ms to count. For each word in at least COMMON
documents the archive keeps its KEEP best documents with their BM25 scores as of when the lists
were built. A search for such a word takes them from the list, ranks only the documents added
since, and merges the two. The lists are rebuilt when a write leaves more than STALE of the
archive changed since they were built; until then the stored scores drift a little from what
BM25 would say now (the word's weight and the mean document length move with the archive).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from indexer.store.fts import BM25, DOCUMENTS, quote

# Ranking 5,000 matches takes about 4 ms, so rarer words need no list.
COMMON = 5_000
# The most a keyword search asks for (facets count the first 1,000 matches).
KEEP = 1_000
STALE = 0.1
# Words rebuilt per transaction: about a second at 100,000 documents.
CHUNK = 50

SCHEMA = """
CREATE TABLE IF NOT EXISTS top_hits (
    term TEXT NOT NULL,
    score REAL NOT NULL,
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    PRIMARY KEY (term, doc)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS top_hits_by_score ON top_hits (term, score);
CREATE INDEX IF NOT EXISTS top_hits_by_doc ON top_hits (doc);
-- When the lists were built: the last document then, and how many there were.
CREATE TABLE IF NOT EXISTS top_hits_built (last INTEGER NOT NULL, documents INTEGER NOT NULL);
-- A document given the rowid of a removed one is not after `last`, so the lists could not
-- tell it is new: they are set aside until they are rebuilt.
CREATE TRIGGER IF NOT EXISTS top_hits_rowid_reused AFTER INSERT ON documents
WHEN NEW.rowid <= (SELECT last FROM top_hits_built)
BEGIN DELETE FROM top_hits_built; END;
"""


def refresh(conn: sqlite3.Connection, common: int = COMMON, keep: int = KEEP) -> bool:
    """Rebuild the lists if they are missing or stale; True if rebuilt.

    The lists are set aside first, so searches rank every match until all are rebuilt, and
    they are rebuilt CHUNK words per transaction, so that other writers never wait long for
    the archive (a rebuild takes 20-50 s at 100,000 documents). A rebuild that is cut short
    leaves them set aside, and the next write starts it again.
    """
    if not _stale(conn, common):
        return False
    with _transaction(conn):
        conn.execute("DELETE FROM top_hits_built")
        conn.execute("DELETE FROM top_hits")
    # Documents stored while the lists are rebuilt are after `last`: ranked as added since.
    last, documents = conn.execute(
        "SELECT coalesce(max(rowid), 0), count(*) FROM documents"
    ).fetchone()
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts5vocab(main, fts, row)"
    )
    found = conn.execute("SELECT term FROM temp.fts_terms WHERE doc >= ?", (common,))
    words = [word for (word,) in found]
    for at in range(0, len(words), CHUNK):
        with _transaction(conn):
            for word in words[at : at + CHUNK]:
                conn.execute(
                    f"INSERT OR REPLACE INTO top_hits (term, score, doc) SELECT ?, -{BM25}, "
                    f"rowid FROM fts WHERE fts MATCH ? AND rowid <= ? ORDER BY {BM25} LIMIT ?",
                    (word, quote(word), last, keep),
                )
    with _transaction(conn):  # two writers may have rebuilt at once; the last one says when
        conn.execute("DELETE FROM top_hits_built")
        conn.execute("INSERT INTO top_hits_built VALUES (?, ?)", (last, documents))
    return True


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _stale(conn: sqlite3.Connection, common: int) -> bool:
    documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    built = conn.execute("SELECT last, documents FROM top_hits_built").fetchone()
    if built is None:
        return documents >= common
    last, then = built
    added = conn.execute("SELECT count(*) FROM documents WHERE rowid > ?", (last,)).fetchone()[0]
    removed = then - (documents - added)
    return added + removed > STALE * then


def best(
    conn: sqlite3.Connection, term: str, where: str, args: list, limit: int
) -> list[tuple[int, float]] | None:
    """The best (rowid, score) for one analysed word among documents `d` that meet `where`:
    from the word's list and the documents added since it was built. None when the word has
    no list, or its list holds fewer than `limit` documents that meet the conditions."""
    built = conn.execute("SELECT last FROM top_hits_built").fetchone()
    if built is None:
        return None
    listed = conn.execute(
        f"SELECT t.doc, t.score FROM top_hits t JOIN {DOCUMENTS} ON d.rowid = t.doc "
        f"WHERE t.term = ? AND {where} ORDER BY t.score DESC LIMIT ?",
        [term, *args, limit],
    ).fetchall()
    if len(listed) < limit:
        return None
    added = conn.execute(
        f"SELECT fts.rowid, -{BM25} FROM fts JOIN {DOCUMENTS} ON d.rowid = fts.rowid "
        f"WHERE fts MATCH ? AND fts.rowid > ? AND {where} ORDER BY {BM25} LIMIT ?",
        [quote(term), built[0], *args, limit],
    ).fetchall()
    return sorted(listed + added, key=lambda row: -row[1])[:limit]
