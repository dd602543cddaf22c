"""The SQLite backend's HNSW passage index: same answers as exact search, filters honoured,
kept in step with writes, saved and restored next to the archive."""

import sqlite3
import subprocess
import sys

import numpy as np
import pytest

from indexer.store import open_backend, vectorindex
from indexer.types import Document, Passage

DIM = 16
DOCS = 300


@pytest.fixture()
def hnsw(monkeypatch):
    """Search through the graph even in a small archive."""
    monkeypatch.setattr(vectorindex, "EXACT_MAX", 50)


def doc(n: int, vectors: np.ndarray) -> Document:
    text = f"dokument {n} om klynger"
    return Document(
        id=f"d{n}",
        source=f"/docs/d{n}.txt",
        title=f"Dokument {n}",
        date="2020-01-01",
        language="nb",
        text=text,
        hash=f"h{n}",
        passages=tuple(Passage(0, len(text)) for _ in vectors),
        vectors=vectors,
    )


def unit(rng: np.random.Generator, rows: int) -> np.ndarray:
    v = rng.normal(size=(rows, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.fixture()
def archive(tmp_path):
    """An archive of 300 documents with two random passage vectors each, and those vectors."""
    rng = np.random.default_rng(7)
    vectors = {f"d{n}": unit(rng, 2) for n in range(DOCS)}
    url = f"sqlite:///{tmp_path / 'ann.db'}"
    backend = open_backend(url)
    with backend.writer() as writer:
        for n in range(DOCS):
            writer.add(doc(n, vectors[f"d{n}"]))
    yield backend, vectors
    backend.close()


def brute_force(vectors: dict[str, np.ndarray], query: np.ndarray, limit: int, within=None):
    """Documents by their best passage's cosine, best first."""
    allowed = vectors.keys() if within is None else within
    best = {d: float((v @ query).max()) for d, v in vectors.items() if d in allowed}
    return sorted(best, key=lambda d: -best[d])[:limit]


def test_graph_answers_equal_exact_answers(archive, hnsw):
    backend, vectors = archive
    queries = unit(np.random.default_rng(1), 20)
    for query in queries:
        found = backend.nearest(query, 10)
        assert [d for d, _, _ in found] == brute_force(vectors, query, 10)
        for doc_id, score, idx in found:
            assert score == pytest.approx(float(vectors[doc_id][idx] @ query), abs=2e-3)
    assert len(backend.passage_index._index) == 2 * DOCS


@pytest.mark.parametrize("size", [10, 200])
def test_within_is_honoured(archive, hnsw, size):
    """A small allowed set is searched exactly, a large one through the graph."""
    backend, vectors = archive
    within = {f"d{n}" for n in range(0, DOCS, DOCS // size)}
    for query in unit(np.random.default_rng(2), 10):
        found = [d for d, _, _ in backend.nearest(query, 5, within)]
        assert found == brute_force(vectors, query, 5, within)
    query = unit(np.random.default_rng(3), 1)[0]
    assert backend.nearest(query, 5, set()) == []
    assert backend.nearest(query, 5, {"no-such-document"}) == []


def test_index_follows_writes_and_restores_from_disk(archive, hnsw):
    backend, vectors = archive
    query = unit(np.random.default_rng(4), 1)[0]
    backend.nearest(query, 5)
    assert backend.passage_index.path.is_file()
    with backend.writer() as writer:
        writer.add(doc(1000, np.stack([query, -query])))
        writer.delete("d0")
    top = backend.nearest(query, 3)
    assert top[0][:1] == ("d1000",) and top[0][1] == pytest.approx(1.0, abs=1e-3)
    assert "d0" not in {d for d, _, _ in backend.nearest(vectors["d0"][0], 10)}

    # Another connection (the embed command) changes a document's vectors in place.
    moved = unit(np.random.default_rng(6), 1)[0]
    with sqlite3.connect(backend.path) as conn:
        conn.execute(
            "UPDATE passages SET vector = ? WHERE doc = (SELECT rowid FROM documents "
            "WHERE id = 'd5') AND idx = 0",
            (moved.tobytes(),),
        )
    found = backend.nearest(moved, 3)
    assert found[0][0] == "d5" and found[0][1] == pytest.approx(1.0, abs=1e-3)

    # A second process restores the saved graph and replays what changed since.
    other = open_backend(backend.url)
    try:
        for vector, expected in ((query, top), (moved, found)):
            assert [d for d, _, _ in other.nearest(vector, 3)] == [d for d, _, _ in expected]
        assert len(other.passage_index._index) == 2 * DOCS
        # Restored from the save made before the writes, not rebuilt (which saves afresh).
        assert other.passage_index._saved_seq < other.passage_index._seq
    finally:
        other.close()


def test_small_archive_is_searched_exactly_without_a_saved_index(archive):
    backend, vectors = archive
    query = unit(np.random.default_rng(5), 1)[0]
    found = backend.nearest(query, 10)
    assert [d for d, _, _ in found] == brute_force(vectors, query, 10)
    assert not backend.passage_index.path.exists()


def test_the_embedder_loads_after_an_archive_is_opened(tmp_path):
    # In a fresh process, so that nothing the test session imported hides the order.
    code = (
        "import sys; from indexer.store import open_backend; "
        "open_backend(sys.argv[1]).close(); "
        "from nlp.vectors import Embedder; print(len(Embedder().embed_query('klynge')))"
    )
    url = f"sqlite:///{tmp_path / 'a.db'}"
    done = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "384"
