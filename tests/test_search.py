import re
from html import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.highlight import mark, snippet
from indexer.pipeline import collect, index_files
from indexer.query import date_filter, parse_query, terms_of
from indexer.search import fuse, search, similar
from indexer.store import open_backend
from indexer.types import Passage, Query
from nlp.analysis import WORD, word_terms

from .conftest import SEEDS


@pytest.fixture(scope="module")
def seeds(tmp_path_factory, pipeline):
    """An archive of the five seeds alone, whose contents these tests know exactly."""
    backend = open_backend(f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'seeds.db'}")
    files, _ = collect([SEEDS])
    index_files(pipeline, backend, files, batch_size=8)
    yield backend
    backend.close()


def top_source(backend, embedder, text, mode):
    results = search(backend, Query(text=text, mode=mode, limit=5), embedder)
    assert results.hits, f"no hits for {text!r} in {mode}"
    return results.hits[0].source.rsplit("/", 1)[-1][:3]


@pytest.mark.parametrize("mode", ["keyword", "semantic", "hybrid"])
@pytest.mark.parametrize(
    ("text", "seed"),
    [
        ("MIP Cluster støtte tredje år", "003"),
        ("BIA-nettverk industriparker Midt-Norge", "000"),
        ("nye Arena-prosjekter", "004"),
        ("FORREGION Nordland kompetansemeglere", "002"),
    ],
)
def test_right_seed_comes_first(seeds, embedder, text, mode, seed):
    assert top_source(seeds, embedder, text, mode) == seed


@pytest.mark.parametrize(
    ("text", "seed"),
    [
        ("regjeringen utpeker regionale næringsmiljøer med finansiell støtte", "004"),
        ("spre teknologi fra de beste miljøene til andre bransjer", "001"),
    ],
)
def test_semantic_finds_paraphrases(seeds, embedder, text, seed):
    assert top_source(seeds, embedder, text, "semantic") == seed


def test_keyword_matches_inflections_and_highlights_them(backend, embedder):
    results = search(backend, Query(text="klynge", mode="keyword", limit=10), embedder)
    assert results.total >= 4
    assert all("<mark>" in hit.snippet for hit in results.hits)
    assert any("<mark>klyngen</mark>" in hit.snippet.lower() for hit in results.hits)


def test_paging_and_unknown_mode(backend, embedder):
    first = search(backend, Query(text="klynge", mode="keyword", limit=2), embedder)
    second = search(backend, Query(text="klynge", mode="keyword", limit=2, offset=2), embedder)
    assert {h.id for h in first.hits}.isdisjoint({h.id for h in second.hits})
    with pytest.raises(ValueError, match="unknown search mode"):
        search(backend, Query(text="klynge", mode="fuzzy"), embedder)


def test_queries_with_syntax_characters_do_not_break(backend, embedder):
    for text in ['"klynge', "klynge AND", "NEAR(", "*", "-", "klynge:", "'); DROP TABLE x;--"]:
        search(backend, Query(text=text, mode="hybrid"), embedder)


def test_hit_entities_are_chips(backend, embedder):
    hit = search(backend, Query(text="MIP Cluster", mode="keyword"), embedder).hits[0]
    assert ("CLUSTER", "MIP Cluster") in {(e.type, e.canonical) for e in hit.entities}


def test_fuse_rewards_agreement():
    fused = [doc for doc, _ in fuse([["a", "b", "c"], ["b", "d", "a"]])]
    assert fused[0] == "b" and set(fused) == {"a", "b", "c", "d"}


WORDS = [
    "klynge", "klyngen", "havbruksklyngen", "Klyngeprogrammet", "tilskudd", "tilskot",
    "tilskotet", "verksemda", "virksomheten", "næringsklynge", "Arena", "NCE", "og", "i",
    "prosjekt", "prosjektet", "<b>", "&", "Mo", "Rana", "ert", "konsert", "millioner",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join),
    query=st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
)
def test_marked_words_are_those_with_a_query_term(text, query):
    terms = terms_of(parse_query(query).text)
    expected = {w for w in WORD.findall(text) if not terms.isdisjoint(word_terms(w))}
    marked = mark(text, 0, len(text), terms)
    assert set(re.findall(r"<mark>(.*?)</mark>", marked)) == {escape(w) for w in expected}
    assert re.sub(r"</?mark>", "", marked) == " ".join(escape(text).split())


def test_snippet_escapes_html_and_marks_stems():
    text = "Klyngen <script>alert(1)</script> fikk støtte. Næringsklynger & innovasjon."
    html = snippet(text, (Passage(0, len(text)),), {"klyng", "script"})
    assert "<script>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html
    assert "<mark>Klyngen</mark>" in html
    assert "&amp;" in mark(text, 0, len(text), set())


def seeds_of(results):
    return sorted(hit.source.rsplit("/", 1)[-1][:3] for hit in results.hits)


@pytest.mark.parametrize("mode", ["keyword", "semantic", "hybrid"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("klynge year:2017", ["000", "003"]),
        ('klynge person:"lars bruland høyen"', ["003"]),
        ("klynge cluster:Betongklyngen", ["002"]),
        ("mobilisering programme:FORREGION", ["002"]),
    ],
)
def test_filters_hold_in_every_mode(seeds, embedder, text, expected, mode):
    results = search(seeds, Query(text=text, mode=mode, limit=10), embedder)
    assert seeds_of(results) == expected


def test_boolean_syntax_and_exclusion(seeds, embedder):
    keyword = Query(text='"MIP Cluster" OR Betongklyngen', mode="keyword")
    assert seeds_of(search(seeds, keyword, embedder)) == ["002", "003"]
    excluded = Query(text="klynge -Arena", mode="keyword")
    assert "004" not in seeds_of(search(seeds, excluded, embedder))


def test_filters_alone_list_matching_documents_newest_first(seeds, embedder):
    results = search(seeds, Query(text="year:2017", mode="hybrid"), embedder)
    assert [h.date for h in results.hits] == ["2017-12-11", "2017-03-22"]


def test_malformed_query_falls_back_with_a_notice(seeds, embedder):
    results = search(seeds, Query(text='"MIP Cluster', mode="keyword"), embedder)
    assert results.notice
    assert "003" in seeds_of(results)
    assert results.as_dict()["notice"] == results.notice


@pytest.mark.parametrize("mode", ["keyword", "semantic", "hybrid"])
def test_sort_newest_and_by_amount(seeds, embedder, mode):
    newest = search(seeds, Query(text="klynge", mode=mode, sort="newest"), embedder)
    dated = [h.date for h in newest.hits if h.date]
    assert dated == sorted(dated, reverse=True) and len(dated) == 2
    # Undated documents come after the dated ones.
    assert [h.date is None for h in newest.hits] == sorted(h.date is None for h in newest.hits)
    largest = search(seeds, Query(text="klynge", mode=mode, sort="amount"), embedder)
    amounts = [_largest_amount(seeds.get(h.id)) for h in largest.hits]
    assert amounts == sorted(amounts, reverse=True)
    with pytest.raises(ValueError, match="unknown sort"):
        search(seeds, Query(text="klynge", mode=mode, sort="random"), embedder)


def _largest_amount(doc):
    values = [e.value for e in doc.entities if e.type == "MONEY" and e.value is not None]
    return max((v[1] if isinstance(v, tuple) else v for v in values), default=-1)


@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
def test_facets_count_the_matching_documents(seeds, embedder, mode):
    results = search(seeds, Query(text="klynge", mode=mode, facets=20), embedder)
    facets = results.facets
    assert set(facets) == {"programme", "cluster", "org", "person", "location", "year", "lang"}
    assert dict(facets["year"]) == {"2017": 2}
    assert dict(facets["lang"]) == {"nb": results.total}
    # Each count is the number of result documents naming the value.
    arena = search(seeds, Query(text="klynge programme:Arena", mode=mode), embedder)
    assert dict(facets["programme"])["Arena"] == arena.total
    assert results.as_dict()["facets"]["year"] == [{"value": "2017", "count": 2}]


def test_facets_of_many_matches_count_the_first_ones(seeds, embedder, monkeypatch):
    everything = search(seeds, Query(text="klynge", mode="keyword", facets=20), embedder)
    assert everything.facets_over is None and everything.total > 2
    monkeypatch.setattr("indexer.search.FACET_MATCHES", 2)
    results = search(seeds, Query(text="klynge", mode="keyword", facets=20), embedder)
    assert results.total == everything.total and results.facets_over == 2
    assert sum(n for _, n in results.facets["lang"]) == 2
    assert results.as_dict()["facets_over"] == 2
    # The facets are those of the first two documents in the result order.
    first = search(seeds, Query(text="klynge", mode="keyword", limit=2), embedder).hits
    years = {h.date[:4] for h in first if h.date}
    assert {year for year, _ in results.facets["year"]} == years


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        ("=2017", ["000", "003"]),
        (">=2017", ["000", "003"]),
        ("<=2017", ["000", "003"]),
        (">2016", ["000", "003"]),
        (">2017", []),
        ("<2017", []),
        ("<2018", ["000", "003"]),
    ],
)
def test_year_filters(seeds, embedder, year, expected):
    found = search(seeds, Query(text=f"year:{year}", mode="keyword", limit=10), embedder)
    assert sorted(seeds_of(found)) == expected


def test_extra_filters_and_date_syntax(seeds, embedder):
    spring = Query(text="klynge", mode="keyword", filters=(date_filter("<=", "2017-06"),))
    assert seeds_of(search(seeds, spring, embedder)) == ["000"]
    assert seeds_of(search(seeds, Query(text="date:2017-12", mode="keyword"), embedder)) == ["003"]


def test_more_like_this_shares_meaning_and_names(seeds):
    mip = next(d for d in map(seeds.get, [i for i, _ in seeds.sources()]) if "003_" in d.source)
    found = similar(seeds, mip, 3)
    assert found and mip.id not in {s.document.id for s in found}
    # Seed 000 is about the same industrial park as MIP Cluster's press release.
    assert "000_" in found[0].document.source
    assert "Mo Industripark" in " ".join(found[0].shared)


def test_words_that_never_meet_fall_back_to_any_of_them(seeds, embedder):
    strict = search(seeds, Query(text="betongklyngen kompetansemeglere", mode="keyword"), embedder)
    assert strict.total == 1 and strict.notice is None
    loose = search(seeds, Query(text="betongklyngen tredjeår", mode="keyword"), embedder)
    assert loose.notice and "002" in seeds_of(loose)
    assert not search(seeds, Query(text='"betongklyngen tredjeår"', mode="keyword"), embedder).hits


@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
def test_filters_alone_list_their_documents_in_every_mode(seeds, embedder, mode):
    results = search(seeds, Query(text='person:"Lars Bruland Høyen"', mode=mode), embedder)
    assert seeds_of(results) == ["003"]
