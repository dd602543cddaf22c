"""Stored lists of the best documents for common words, in a real SQLite archive."""

import sqlite3

import pytest

from indexer.query import parse_query
from indexer.store import open_backend, toplists
from indexer.store.fts import BM25
from indexer.types import Document

DOCS = 300
COMMON, KEEP = 100, 250  # small archive, small lists: "klynge" is in every document


def doc(n: int, text: str | None = None) -> Document:
    # Lengths and counts of "klynge" vary, so BM25 tells the documents apart.
    text = text or " ".join(["klynge"] * (1 + n % 7) + ["samarbeid", "bedrift"] * (n % 11))
    return Document(
        id=f"d{n}",
        source=f"/docs/d{n}.txt",
        title=f"Dokument {n}",
        date="2020-01-01" if n % 3 else "2015-01-01",
        language="nb",
        text=text,
        hash=f"hash-{n}",
    )


@pytest.fixture()
def archive(tmp_path):
    path = tmp_path / "archive.db"
    backend = open_backend(f"sqlite:///{path}")
    with backend.writer() as w:
        for n in range(DOCS):
            w.add(doc(n))
    conn = sqlite3.connect(path, isolation_level=None)
    assert toplists.refresh(conn, COMMON, KEEP)
    yield backend, conn
    conn.close()
    backend.close()


def exact(conn, query: str, where: str = "1", limit: int = 10) -> list[str]:
    rows = conn.execute(
        f"SELECT d.id FROM fts JOIN documents d ON d.rowid = fts.rowid "
        f"WHERE fts MATCH ? AND {where} ORDER BY {BM25}, d.rowid LIMIT ?",
        (query, limit),
    )
    return [r[0] for r in rows]


def ids(backend, query: str, limit: int = 10) -> list[str]:
    return [d for d, _ in backend.keyword(parse_query(query), limit)[1]]


def test_fresh_lists_rank_as_bm25_over_every_match(archive):
    backend, conn = archive
    assert conn.execute("SELECT count(*) FROM top_hits WHERE term = 'klyng'").fetchone() == (KEEP,)
    scores = [s for _, s in backend.keyword(parse_query("klynge"), KEEP)[1]]
    assert scores == sorted(scores, reverse=True)
    assert set(ids(backend, "klynge", KEEP)) == set(exact(conn, "klyng", limit=KEEP))
    assert set(ids(backend, "klynge year:2015")) == set(exact(conn, "klyng", "d.date < '2016'"))
    assert backend.keyword(parse_query("klynge"), 10)[0] == DOCS


def test_a_one_word_search_reads_the_list(archive):
    backend, conn = archive
    conn.execute("UPDATE top_hits SET score = 1000 WHERE doc = 150")
    assert ids(backend, "klynge")[0] == "d149"
    # A list that cannot fill the page is not used: every match is ranked instead.
    assert ids(backend, "klynge", KEEP + 1)[0] != "d149"


def test_documents_added_since_are_ranked_with_the_list(archive):
    backend, _ = archive
    with backend.writer() as w:  # fewer than a tenth: the lists stay as they are
        w.add(doc(1000, "klynge klynge klynge klynge klynge klynge klynge klynge"))
        w.add(doc(1001, "ingen treff her"))
    total, best = backend.keyword(parse_query("klynge"), 10)
    assert total == DOCS + 1
    assert best[0][0] == "d1000"


def test_removed_documents_leave_the_lists(archive):
    backend, conn = archive
    first = ids(backend, "klynge")[0]
    with backend.writer() as w:
        w.delete(first)
    assert first not in ids(backend, "klynge", KEEP)
    assert conn.execute("SELECT count(*) FROM top_hits WHERE term = 'klyng'").fetchone() == (
        KEEP - 1,
    )


def test_a_reused_rowid_sets_the_lists_aside(archive):
    backend, conn = archive
    last = f"d{DOCS - 1}"
    with backend.writer() as w:
        w.delete(last)
    with backend.writer() as w:  # SQLite gives the new document the removed one's rowid
        w.add(doc(2000, "klynge " * 20))
    assert conn.execute("SELECT count(*) FROM top_hits_built").fetchone() == (0,)
    assert ids(backend, "klynge")[0] == "d2000"


def test_a_write_rebuilds_the_lists_once_a_tenth_changed(archive):
    backend, conn = archive
    built = lambda: conn.execute("SELECT documents FROM top_hits_built").fetchall()  # noqa: E731
    with backend.writer() as w:
        for n in range(DOCS, DOCS + DOCS // 10):
            w.add(doc(n))
    assert built() == [(DOCS,)]
    with backend.writer() as w:
        w.delete("d0")
    assert built() == [(DOCS + DOCS // 10 - 1,)]


def test_every_write_keeps_the_lists_of_a_large_archive(tmp_path):
    path = tmp_path / "large.db"
    backend = open_backend(f"sqlite:///{path}")
    conn = sqlite3.connect(path)
    built = lambda: conn.execute("SELECT documents FROM top_hits_built").fetchall()  # noqa: E731
    with backend.writer() as w:
        for n in range(toplists.COMMON - 1):
            w.add(doc(n))
    assert built() == []
    with backend.writer() as w:
        w.add(doc(toplists.COMMON))
    assert built() == [(toplists.COMMON,)]
    listed = conn.execute("SELECT count(*) FROM top_hits WHERE term = 'klyng'").fetchone()[0]
    assert listed == toplists.KEEP
    backend.close()
    conn.close()
