"""The storage contract: every backend must pass these."""

import sqlite3
from contextlib import closing

import numpy as np
import pytest

from indexer.query import parse_query
from indexer.store import StoreError, open_backend
from indexer.store.fts import filter_sql
from indexer.store.sqlitewrite import add_functions
from indexer.types import Document, Passage
from nlp.types import Entity, Funding


@pytest.fixture(params=["sqlite"])
def store(request, tmp_path):
    backend = open_backend(f"sqlite:///{tmp_path / 'store.db'}")
    yield backend
    backend.close()


def make_doc(doc_id: str, text: str, vector_seed: int = 0, **extra) -> Document:
    rng = np.random.default_rng(vector_seed)
    vectors = rng.normal(size=(2, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    half = len(text) // 2
    return Document(
        id=doc_id,
        source=f"/docs/{doc_id}.txt",
        title=f"Tittel {doc_id}",
        date="2017-03-22",
        language="nb",
        text=text,
        hash=f"hash-{doc_id}",
        passages=(Passage(0, half), Passage(half, len(text))),
        vectors=vectors,
        **extra,
    )


def test_round_trip_keeps_entities_funding_and_passages(store):
    doc = make_doc(
        "a",
        "MIP Cluster fikk 750.000 kroner fra Innovasjon Norge.",
        entities=(
            Entity("CLUSTER", "MIP Cluster", 0, 11, "MIP Cluster"),
            Entity("MONEY", "750.000 kroner", 17, 31, "750 000 NOK", value=750000.0),
            Entity(
                "MONEY",
                "1–2 mill.",
                0,
                3,
                "1 000 000–2 000 000 NOK",
                value=(1e6, 2e6),
                per_year=True,
            ),
            Entity(
                "PERSON",
                "Lars",
                0,
                4,
                "Lars Høyen",
                role="prosjektleder",
                affiliation="MIP Cluster",
            ),
        ),
        funding=(Funding("Innovasjon Norge", "MIP Cluster", None, 750000.0),),
    )
    with store.writer() as writer:
        writer.add(doc)
    got = store.get("a")
    assert got == doc  # vectors are not compared; everything else is
    assert store.get("missing") is None
    assert store.hashes() == {"/docs/a.txt": "hash-a"}


def test_failed_batch_is_rolled_back_whole(store):
    with store.writer() as writer:
        writer.add(make_doc("a", "første dokument om klynger"))
    with pytest.raises(RuntimeError), store.writer() as writer:
        writer.add(make_doc("b", "andre dokument"))
        raise RuntimeError("crash mid-batch")
    assert store.stats()["documents"] == 1
    assert store.get("b") is None


def test_add_replaces_and_delete_removes_everything(store):
    with store.writer() as writer:
        writer.add(make_doc("a", "gammel tekst om betong"))
        writer.add(make_doc("a", "ny tekst om næringsklynger"))
    assert store.keyword(parse_query("betong"), 10) == (0, [])
    assert store.keyword(parse_query("næringsklynger"), 10)[0] == 1
    assert store.stats()["passages"] == 2
    with store.writer() as writer:
        writer.delete("a")
    assert store.stats() == {
        "documents": 0,
        "passages": 0,
        "vectors": 0,
        "funding": 0,
        "entities": {},
    }


def test_keyword_requires_all_terms_and_ranks_title_higher(store):
    with store.writer() as writer:
        writer.add(make_doc("a", "klynge og innovasjon i Nordland"))
        writer.add(make_doc("b", "klynge i Trøndelag"))
    total, hits = store.keyword(parse_query("klynge Nordland"), 10)
    assert total == 1 and hits[0][0] == "a"
    total, hits = store.keyword(parse_query("klynge"), 10)
    assert total == 2
    assert store.keyword(parse_query(""), 10) == (0, [])


def test_nearest_returns_best_passage_per_document(store):
    docs = [make_doc(str(i), f"tekst nummer {i}", vector_seed=i) for i in range(5)]
    with store.writer() as writer:
        for doc in docs:
            writer.add(doc)
    target = docs[3].vectors[1]
    found = store.nearest(target, 3)
    assert len(found) == 3
    assert found[0][0] == "3" and found[0][2] == 1
    assert found[0][1] == pytest.approx(1.0, abs=1e-5)
    assert len({doc_id for doc_id, _, _ in found}) == 3


def test_entity_counts(store):
    cluster = Entity("CLUSTER", "MIP Cluster", 0, 11, "MIP Cluster")
    with store.writer() as writer:
        writer.add(make_doc("a", "MIP Cluster", entities=(cluster, cluster)))
        writer.add(make_doc("b", "MIP Cluster", entities=(cluster,)))
    rows = store.entity_counts("CLUSTER")
    assert [(r.canonical, r.documents, r.mentions) for r in rows] == [("MIP Cluster", 2, 3)]
    assert store.entity_counts("PERSON") == []


def test_bad_urls_are_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="unknown backend"):
        open_backend("mysql://localhost/db")
    with pytest.raises(StoreError, match="file path"):
        open_backend("sqlite://")
    (tmp_path / "fil").write_text("x")
    with pytest.raises(StoreError, match="cannot open"):
        open_backend(f"sqlite:///{tmp_path / 'fil' / 'under.db'}")


def test_name_filters_fold_case_through_indexes(store, tmp_path):
    text = "Sverre Høyen leder klyngen. Høyen sier ja."
    person = Entity("PERSON", "Høyen", 28, 33, "Sverre Høyen")
    with store.writer() as writer:
        writer.add(make_doc("a", text, entities=(person,)))
        writer.add(make_doc("b", "Ingen navn her."))
    for name in ("sverre høyen", "HØYEN"):  # the canonical name, or the mention's text
        assert store.keyword(parse_query(f'PERSON:"{name}"'), 10) == (1, [("a", 0.0)])
    where, args = filter_sql(parse_query("PERSON:høyen").filters)
    with closing(sqlite3.connect(tmp_path / "store.db")) as conn:
        add_functions(conn)
        rows = conn.execute(f"EXPLAIN QUERY PLAN SELECT 1 FROM documents d WHERE {where}", args)
        plan = " ".join(row[3] for row in rows)
    assert "entities_by_folded_name" in plan and "entities_by_folded_text" in plan
