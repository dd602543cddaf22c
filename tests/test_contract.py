"""The storage contract, run against every backend: SQLite in a temporary file, Elasticsearch
against the noida-db emulator, and against a real Elasticsearch cluster when ES_URL is set."""

from __future__ import annotations

import itertools
import os

import numpy as np
import pytest
from click.testing import CliRunner

from indexer.cli import cli
from indexer.query import Filter, parse_query
from indexer.search import similar
from indexer.store import StoreError, open_backend
from indexer.types import Document, Passage
from nlp.types import Entity, Funding

from .conftest import SEEDS

BACKENDS = [
    "sqlite",
    "es-emulator",
    pytest.param(
        "es-cluster",
        marks=pytest.mark.skipif(not os.environ.get("ES_URL"), reason="ES_URL is not set"),
    ),
]
_names = itertools.count()


def real_cluster_only(request, reason: str) -> None:
    """Skip on the emulator a check of a feature it does not have."""
    if request.node.callspec.params.get("kind") == "es-emulator":
        pytest.skip(f"real Elasticsearch only: {reason}")


def backend_url(kind: str, tmp_path, request) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    base = (
        os.environ["ES_URL"] if kind == "es-cluster" else request.getfixturevalue("es_emulator_url")
    )
    # A fresh alias (and so fresh indices) per test.
    return f"{base.rstrip('/')}/contract-{os.getpid()}-{next(_names)}"


def drop(store) -> None:
    if hasattr(store, "client"):
        for index in store.client.indices.get(index=f"{store.alias}-v*"):
            store.client.indices.delete(index=index)


@pytest.fixture(params=BACKENDS)
def kind(request) -> str:
    return request.param


@pytest.fixture()
def url(kind, tmp_path, request) -> str:
    return backend_url(kind, tmp_path, request)


@pytest.fixture()
def store(url):
    backend = open_backend(url)
    yield backend
    drop(backend)
    backend.close()


def vectors(seed: int, rows: int = 2) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = rng.normal(size=(rows, 8)).astype(np.float32)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def make_doc(doc_id: str, text: str, vector_seed: int | None = 0, **extra) -> Document:
    half = len(text) // 2
    fields = {
        "source": f"/docs/{doc_id}.txt",
        "title": f"Tittel {doc_id}",
        "date": "2017-03-22",
        "language": "nb",
        "hash": f"hash-{doc_id}",
        "passages": (Passage(0, half), Passage(half, len(text))),
        "vectors": vectors(vector_seed) if vector_seed is not None else None,
    }
    fields.update(extra)
    return Document(id=doc_id, text=text, **fields)


def add(store, *docs: Document) -> None:
    with store.writer() as writer:
        for doc in docs:
            writer.add(doc)


def ids(store, query: str, sort: str = "relevance") -> list[str]:
    return [doc_id for doc_id, _ in store.keyword(parse_query(query), 100, sort)[1]]


MIP = Entity("CLUSTER", "MIP Cluster", 0, 11, "MIP Cluster")
ARENA = Entity("PROGRAMME", "Arena-programmet", 0, 5, "Arena")
NCE = Entity("PROGRAMME", "NCE", 0, 3, "NCE")
LARS = Entity("PERSON", "Lars", 0, 4, "Lars Høyen", role="prosjektleder", affiliation="MIP Cluster")


def money(amount, per_year: bool = False) -> Entity:
    return Entity("MONEY", "beløp", 0, 5, "NOK", value=amount, per_year=per_year)


@pytest.fixture()
def archive(store):
    """Five small documents with dates, languages, entities, amounts and funding."""
    add(
        store,
        make_doc(
            "a",
            "MIP Cluster i Nordland fikk penger til innovasjon fra Arena.",
            vector_seed=1,
            date="2017-03-22",
            entities=(MIP, ARENA, LARS, money(750_000.0)),
            funding=(Funding("Innovasjon Norge", "MIP Cluster", "Arena", 750_000.0),),
        ),
        make_doc(
            "b",
            "Betongklyngen i Trøndelag samarbeider om innovasjon og næringsklynger.",
            vector_seed=2,
            date="2018-05-01",
            entities=(NCE, money((1_000_000.0, 2_000_000.0), per_year=True)),
            funding=(Funding(None, "Betongklyngen", "NCE", (1e6, 2e6), per_year=True),),
        ),
        make_doc(
            "c",
            "Cluster MIP holder møte i Nordland om betong.",
            vector_seed=3,
            date=None,
            entities=(MIP, MIP, money(300_000.0)),
        ),
        make_doc(
            "d",
            "Klynga i Vestland fekk tilskot til forsking.",
            vector_seed=4,
            date="2019-11-11",
            language="nn",
            entities=(ARENA, LARS),
            funding=(Funding("Forskingsrådet", None, "Arena", None),),
        ),
        make_doc("e", "Et dokument uten vektorer om klynger.", vector_seed=None, date="2016-01-01"),
    )
    return store


def test_round_trip_keeps_entities_funding_and_passages(store):
    doc = make_doc(
        "a",
        "MIP Cluster fikk 750.000 kroner fra Innovasjon Norge.",
        entities=(
            MIP,
            Entity("MONEY", "750.000 kroner", 17, 31, "750 000 NOK", value=750000.0),
            Entity("MONEY", "1–2 mill.", 0, 3, "1–2 mill. NOK", value=(1e6, 2e6), per_year=True),
            LARS,
        ),
        funding=(Funding("Innovasjon Norge", "MIP Cluster", None, 750000.0),),
    )
    other = make_doc("b", "Et annet dokument.", date=None, language="nn")
    add(store, doc, other)
    assert store.get("a") == doc  # vectors are not compared; everything else is
    assert store.get("missing") is None
    assert store.get_many(["b", "missing", "a"]) == [other, doc]
    assert store.get_many([]) == []
    assert store.hashes() == {"/docs/a.txt": "hash-a", "/docs/b.txt": "hash-b"}


def test_failed_batch_is_rolled_back_whole(store):
    add(store, make_doc("a", "første dokument om klynger"))
    with pytest.raises(RuntimeError), store.writer() as writer:
        writer.add(make_doc("b", "andre dokument"))
        writer.delete("a")
        raise RuntimeError("crash mid-batch")
    assert store.stats()["documents"] == 1
    assert store.get("b") is None and store.get("a") is not None


def test_rejected_document_is_reported_by_name_and_not_stored(store):
    add(store, make_doc("a", "første dokument"))
    bad = make_doc("b", "vektorer med feil lengde", vectors=np.ones((2, 4), np.float32) / 2)
    with pytest.raises(StoreError, match="/docs/b.txt"):
        add(store, make_doc("c", "et godt dokument"), bad)
    assert store.get("b") is None
    assert store.get("c") is not None
    assert store.stats()["passages"] == 4  # nothing left of the rejected document
    assert "/docs/b.txt" not in store.hashes()  # so the next run indexes it again


def test_add_replaces_and_delete_removes_everything(store):
    with store.writer() as writer:
        writer.add(
            make_doc("a", "gammel tekst om betong", funding=(Funding("x", None, None, 5.0),))
        )
        writer.add(
            make_doc(
                "a", "ny tekst om næringsklynger", passages=(Passage(0, 3),), vectors=vectors(0, 1)
            )
        )
    assert store.keyword(parse_query("betong"), 10) == (0, [])
    assert store.keyword(parse_query("næringsklynger"), 10)[0] == 1
    add(
        store,
        make_doc("a", "nyere tekst om klynger", passages=(Passage(0, 3),), vectors=vectors(0, 1)),
    )
    assert store.stats()["passages"] == 1
    assert store.stats()["funding"] == 0
    with store.writer() as writer:
        writer.delete("a")
        writer.delete("never-stored")
    assert store.stats() == {
        "documents": 0,
        "passages": 0,
        "vectors": 0,
        "funding": 0,
        "entities": {},
    }
    assert list(store.sources()) == []


def test_keyword_words_and_or_not(archive):
    assert set(ids(archive, "innovasjon")) == {"a", "b"}
    assert ids(archive, "innovasjon Nordland") == ["a"]
    assert set(ids(archive, "Nordland OR Trøndelag")) == {"a", "b", "c"}
    assert set(ids(archive, "innovasjon -Nordland")) == {"b"}
    assert set(ids(archive, "innovasjon AND NOT Trøndelag")) == {"a"}
    assert set(ids(archive, "(Nordland OR Vestland) betong")) == {"c"}
    # Nothing but exclusions: every other document, newest first, undated last.
    assert ids(archive, "-Nordland") == ["d", "b", "e"]
    assert archive.keyword(parse_query(""), 10) == (0, [])
    total, hits = archive.keyword(parse_query("klynge"), 1)
    assert total == 3 and len(hits) == 1  # "klynger", "Klynga" and the part of "næringsklynger"


def test_keyword_ranks_title_and_scores_positive(archive):
    add(archive, make_doc("t", "tekst om noe annet", title="Betong og innovasjon"))
    found = archive.keyword(parse_query("betong"), 10)[1]
    assert found[0][0] == "t"
    assert all(score > 0 for _, score in found)


def test_phrases(archive):
    assert ids(archive, '"MIP Cluster"') == ["a"]
    assert ids(archive, '"Cluster MIP"') == ["c"]
    assert ids(archive, '"Nordland fikk penger"') == ["a"]
    assert ids(archive, '"MIP Arena"') == []
    # Compound parts sit between the words: matched near each other, as FTS5's NEAR.
    assert ids(archive, '"Betongklyngen i Trøndelag"') == ["b"]
    assert ids(archive, '"Betongklyngen i Nordland"') == []


def test_filters(archive):
    assert set(ids(archive, "programme:Arena")) == {"a", "d"}
    assert ids(archive, "programme:arena innovasjon") == ["a"]
    assert ids(archive, "programme:Arena-programmet") == ["d", "a"]  # by mention, newest first
    assert set(ids(archive, 'person:"lars høyen"')) == {"a", "d"}
    assert ids(archive, 'cluster:"MIP Cluster" programme:NCE') == []
    assert ids(archive, "year:2017") == ["a"]
    assert ids(archive, "year:>=2018") == ["d", "b"]
    assert ids(archive, "year:<2018") == ["a", "e"]
    assert ids(archive, "lang:nn") == ["d"]
    assert ids(archive, "date:2018") == ["b"]
    assert ids(archive, "date:2019-11") == ["d"]
    assert ids(archive, "date:>=2017-03-22") == ["d", "b", "a"]
    assert ids(archive, "date:<2017") == ["e"]
    assert ids(archive, "amount:>1000000") == ["b"]
    assert ids(archive, "amount:=1500000") == ["b"]
    assert ids(archive, "amount:>=750000") == ["b", "a"]
    assert ids(archive, "amount:<500000") == ["c"]
    assert ids(archive, "klynge year:2019") == ["d"]


def test_sorts(archive):
    assert ids(archive, "klynge OR MIP OR Nordland", "newest") == ["d", "b", "a", "e", "c"]
    assert ids(archive, "klynge OR MIP OR Nordland", "amount") == ["b", "a", "c", "d", "e"]
    assert ids(archive, "year:>=2017", "amount") == ["b", "a", "d"]
    assert ids(archive, "-MIP", "amount") == ["b", "d", "e"]
    scored = archive.keyword(parse_query("MIP"), 10, "newest")[1]
    assert [d for d, _ in scored] == ["a", "c"] and all(s > 0 for _, s in scored)


def test_order(archive):
    assert archive.order(["c", "e", "a", "b"], "newest") == ["b", "a", "e", "c"]
    assert archive.order(["e", "d", "c", "a", "b"], "amount") == ["b", "a", "c", "e", "d"]
    assert archive.order(["c", "missing", "a"], "relevance") == ["c", "missing", "a"]
    assert archive.order(["missing"], "newest") == []
    assert archive.order([], "amount") == []


def test_facets_over_a_query_and_over_ids(archive):
    facets = archive.facets(parse_query("innovasjon OR Nordland OR klynge"), 10)
    assert facets["programme"] == [("Arena", 2), ("NCE", 1)]
    assert facets["cluster"] == [("MIP Cluster", 2)]
    assert facets["person"] == [("Lars Høyen", 2)]
    assert facets["year"] == [("2019", 1), ("2018", 1), ("2017", 1), ("2016", 1)]
    assert facets["lang"] == [("nb", 4), ("nn", 1)]
    assert facets["org"] == [] and facets["location"] == []
    assert archive.facets(parse_query("programme:Arena"), 1)["year"] == [("2019", 1)]
    assert archive.facets(parse_query("-Nordland"), 5)["lang"] == [("nb", 2), ("nn", 1)]
    by_ids = archive.facets(["a", "c", "missing"], 5)
    assert by_ids["cluster"] == [("MIP Cluster", 2)]
    assert by_ids["year"] == [("2017", 1)]
    empty = archive.facets([], 5)
    assert set(empty) == {"programme", "cluster", "org", "person", "location", "year", "lang"}
    assert all(v == [] for v in empty.values())
    assert all(v == [] for v in archive.facets(parse_query(""), 5).values())


def test_allowed(archive):
    assert archive.allowed((Filter("PROGRAMME", "=", "arena"),)) == {"a", "d"}
    assert archive.allowed((Filter("year", ">", 2016.0), Filter("lang", "=", "nb"))) == {"a", "b"}
    assert archive.allowed((Filter("amount", "<=", 300_000.0),)) == {"c"}
    assert archive.allowed(()) == {"a", "b", "c", "d", "e"}


def test_nearest_best_passage_per_document_within(archive):
    target = vectors(3)[1]
    found = archive.nearest(target, 3)
    assert len(found) == 3 and len({d for d, _, _ in found}) == 3
    assert found[0][0] == "c" and found[0][2] == 1
    assert found[0][1] == pytest.approx(1.0, abs=1e-5)
    assert all(-1.0 <= score <= 1.0 for _, score, _ in found)
    assert [d for d, _, _ in archive.nearest(target, 10, within={"a", "e"})] == ["a"]
    assert archive.nearest(target, 10, within=set()) == []
    assert len(archive.nearest(target, 10)) == 4  # "e" has no vectors


def test_nearest_without_any_vectors(store):
    add(store, make_doc("a", "tekst", vector_seed=None))
    assert store.nearest(vectors(0)[0], 5) == []
    assert store.vectors("a") is None


def test_vectors(archive):
    got = archive.vectors("b")
    assert got.shape == (2, 8) and got.dtype == np.float32
    np.testing.assert_allclose(got, vectors(2), atol=1e-6)
    assert archive.vectors("e") is None
    assert archive.vectors("missing") is None


def test_missing_vectors_are_found_and_set_in_a_transaction(store):
    add(
        store,
        make_doc("a", "første dokument om klynger", vector_seed=None),
        make_doc("b", "andre dokument med vektorer", vector_seed=1),
        make_doc("c", "tredje dokument uten vektorer", vector_seed=None),
        make_doc("d", "", vector_seed=None, passages=()),  # nothing to embed
    )
    missing = store.missing_vectors(10)
    assert [(doc_id, text) for doc_id, text, _ in missing] == [
        ("a", "første dokument om klynger"),
        ("c", "tredje dokument uten vektorer"),
    ]
    assert missing[0][2] == store.get("a").passages
    assert [doc_id for doc_id, _, _ in store.missing_vectors(1)] == ["a"]
    with pytest.raises(RuntimeError), store.writer() as writer:
        writer.set_vectors("a", vectors(5))
        raise RuntimeError("crash mid-batch")
    assert len(store.missing_vectors(10)) == 2
    with store.writer() as writer:
        writer.set_vectors("a", vectors(5))
        writer.set_vectors("c", vectors(6, rows=3))  # not its number of passages: left alone
        writer.set_vectors("gone", vectors(7))
    assert [doc_id for doc_id, _, _ in store.missing_vectors(10)] == ["c"]
    np.testing.assert_allclose(store.vectors("a"), vectors(5), atol=1e-6)
    assert store.nearest(vectors(5)[1], 1)[0][:2] == ("a", pytest.approx(1.0, abs=1e-5))
    assert store.get("a").text == "første dokument om klynger"
    with store.writer() as writer:
        writer.set_vectors("c", vectors(6))
    assert store.missing_vectors(10) == []
    assert store.stats()["vectors"] == store.stats()["passages"] == 6


def test_funding(archive):
    rows = archive.funding()
    assert [(r.doc_id, r.date) for r in rows] == [
        ("a", "2017-03-22"),
        ("b", "2018-05-01"),
        ("d", "2019-11-11"),
    ]
    assert rows[1].funding == Funding(None, "Betongklyngen", "NCE", (1e6, 2e6), per_year=True)
    assert rows[2].funding == Funding("Forskingsrådet", None, "Arena", None)
    add(archive, make_doc("u", "udatert", date=None, funding=(Funding("x", "y", None, 1.0),)))
    assert archive.funding()[0].doc_id == "u"  # undated first, as SQL sorts NULL


def test_entity_counts(archive):
    rows = [(r.type, r.canonical, r.documents, r.mentions) for r in archive.entity_counts()]
    assert rows == [
        ("MONEY", "NOK", 3, 3),
        ("CLUSTER", "MIP Cluster", 2, 3),
        ("PERSON", "Lars Høyen", 2, 2),
        ("PROGRAMME", "Arena", 2, 2),
        ("PROGRAMME", "NCE", 1, 1),
    ]
    (lars,) = archive.entity_counts("PERSON")
    assert (lars.role, lars.affiliation) == ("prosjektleder", "MIP Cluster")
    programmes = archive.entity_counts("PROGRAMME")
    assert [(r.canonical, r.documents, r.mentions) for r in programmes] == [
        ("Arena", 2, 2),
        ("NCE", 1, 1),
    ]
    assert archive.entity_counts("ORG") == []


def test_stats_count_and_sources(archive):
    assert archive.count() == 5
    assert archive.stats() == {
        "documents": 5,
        "passages": 10,
        "vectors": 8,
        "funding": 3,
        "entities": {"CLUSTER": 3, "MONEY": 3, "PERSON": 2, "PROGRAMME": 3},
    }
    assert [doc_id for doc_id, _ in archive.sources()] == ["a", "b", "c", "d", "e"]
    add(archive, make_doc("a", "MIP Cluster igjen"))  # re-added: now the latest
    assert [doc_id for doc_id, _ in archive.sources()][-1] == "a"
    assert dict(archive.sources())["b"] == "/docs/b.txt"


def test_reads_page_through_many_documents(store):
    docs = [make_doc(f"d{i:04}", f"dokument {i}", vector_seed=None) for i in range(1203)]
    add(store, *docs)
    assert len(store.hashes()) == 1203
    assert len(store.allowed(())) == 1203
    assert [d for d, _ in store.sources()][:3] == ["d0000", "d0001", "d0002"]
    assert store.keyword(parse_query("dokument"), 10)[0] == 1203


# Both backends on the same analysed corpus: the same matches, facets and entity lists.


@pytest.fixture(scope="module")
def seed_docs(pipeline) -> list[Document]:
    from indexer.sources import read

    docs, failures = pipeline.documents([read(p) for p in sorted(SEEDS.iterdir())])
    assert not failures
    return docs


QUERIES = [
    "klynge",
    "innovasjon OR forskning",
    '"Innovasjon Norge"',
    "næringsklynge -Arena",
    "year:>=2015",
    "programme:Arena",
    "amount:>1000000",
]


def ranked(store, parsed, sort: str) -> list[str]:
    return [doc_id for doc_id, _ in store.keyword(parsed, 50, sort)[1]]


@pytest.mark.parametrize("kind", [p for p in BACKENDS if p != "sqlite"])
def test_same_results_as_sqlite_on_the_seed_corpus(kind, seed_docs, tmp_path, request):
    sqlite = open_backend(backend_url("sqlite", tmp_path, request))
    other = open_backend(backend_url(kind, tmp_path, request))
    try:
        for backend in (sqlite, other):
            add(backend, *seed_docs)
        for query in QUERIES:
            parsed = parse_query(query)
            want, got = sqlite.keyword(parsed, 50), other.keyword(parsed, 50)
            assert want[0] == got[0], query
            assert {d for d, _ in want[1]} == {d for d, _ in got[1]}, query
            for sort in ("newest", "amount"):
                assert ranked(sqlite, parsed, sort) == ranked(other, parsed, sort), (query, sort)
            assert sqlite.facets(parsed, 5) == other.facets(parsed, 5), query
        assert sqlite.entity_counts() == other.entity_counts()
        assert sqlite.funding() == other.funding()
        assert sqlite.stats() == other.stats()
        doc = sqlite.get(seed_docs[0].id)
        assert other.get(doc.id) == doc
        assert [s.document.id for s in similar(sqlite, doc, 3)] == [
            s.document.id for s in similar(other, doc, 3)
        ]
    finally:
        drop(other)
        sqlite.close()
        other.close()


# Reindexing: Elasticsearch copies into a new versioned index and moves the alias.


def test_reindex_command(kind, url, store, request):
    add(store, make_doc("a", "MIP Cluster i Nordland", entities=(MIP,)))
    runner = CliRunner()
    result = runner.invoke(cli, ["reindex", "--backend", url, "--quiet"])
    if kind == "sqlite":
        assert result.exit_code == 1
        assert "not needed" in result.output
        return
    assert result.exit_code == 0, result.output
    assert list(store.client.indices.get_alias(name=store.alias)) == [f"{store.alias}-v2"]
    assert not store.client.indices.exists(index=f"{store.alias}-v1")
    assert ids(store, 'Nordland cluster:"mip cluster"') == ["a"]
    assert store.nearest(vectors(0)[0], 1)[0][0] == "a"
    add(store, make_doc("b", "etter omindeksering"))
    assert store.stats()["documents"] == 2
    result = runner.invoke(cli, ["reindex", "--backend", url, "--shards", "2", "--keep-old"])
    assert result.exit_code == 0, result.output
    assert f"{store.alias}-v3" in result.output
    assert store.client.indices.exists(index=f"{store.alias}-v2")
    assert store.stats()["documents"] == 2


def test_elasticsearch_urls_are_checked(es_emulator_url, monkeypatch):
    with pytest.raises(StoreError, match="not in the URL"):
        open_backend("http://user:secret@localhost:9200")
    with pytest.raises(StoreError, match="lower-case"):
        open_backend(f"{es_emulator_url}/Store")
    monkeypatch.setenv("KLYNGEARKIV_ES_USER", "elastic")
    with pytest.raises(StoreError, match="KLYNGEARKIV_ES_PASSWORD"):
        open_backend(f"{es_emulator_url}/x")
    monkeypatch.delenv("KLYNGEARKIV_ES_USER")
    with pytest.raises(StoreError, match="cannot reach Elasticsearch"):
        open_backend("http://127.0.0.1:9/klyngearkiv")
