from hypothesis import given
from hypothesis import strategies as st

from indexer.query import And, Filter, Not, Or, Phrase, Term, parse_query, terms_of


def words(node):
    if isinstance(node, Term):
        return node.word
    if isinstance(node, Phrase):
        return '"' + " ".join(t.word for t in node.words) + '"'
    if isinstance(node, Not):
        return ("NOT", words(node.part))
    kind = "AND" if isinstance(node, And) else "OR"
    return (kind, *[words(p) for p in node.parts])


def test_plain_words_are_anded():
    q = parse_query("klynge Nordland")
    assert words(q.text) == ("AND", "klynge", "Nordland")
    assert q.words == "klynge Nordland" and q.notice is None


def test_boolean_operators_phrases_and_groups():
    q = parse_query('"MIP Cluster" (støtte OR tilskudd) -betong NOT SkatteFUNN')
    assert words(q.text) == (
        "AND", '"MIP Cluster"', ("OR", "støtte", "tilskudd"), ("NOT", "betong"),
        ("NOT", "SkatteFUNN"),
    )  # fmt: skip
    assert q.words == "MIP Cluster støtte tilskudd"
    assert {"mip", "støtt", "tilskudd"} <= terms_of(q.text)
    assert "betong" not in terms_of(q.text)


def test_lower_case_og_is_a_word_not_an_operator():
    assert words(parse_query("forskning og utvikling").text) == (
        "AND", "forskning", "og", "utvikling")  # fmt: skip


def test_filters():
    q = parse_query(
        'programme:Arena person:"Lars Bruland Høyen" year:2017 amount:>1000000 lang:nn klynge'
    )
    assert q.filters == (
        Filter("PROGRAMME", "=", "Arena"),
        Filter("PERSON", "=", "Lars Bruland Høyen"),
        Filter("year", "=", 2017.0),
        Filter("amount", ">", 1_000_000.0),
        Filter("lang", "=", "nn"),
    )
    assert words(q.text) == "klynge"
    assert parse_query('amount:>="1,5 mill."').filters == (Filter("amount", ">=", 1_500_000.0),)


def test_only_filters_has_no_text_condition():
    q = parse_query("cluster:MIP")
    assert q.text is None and q.filters == (Filter("CLUSTER", "=", "MIP"),)


def test_malformed_queries_fall_back_to_words_with_a_notice():
    for query in [
        '"MIP Cluster',
        "(klynge",
        "klynge)",
        "klynge AND",
        "OR klynge",
        "NOT",
        "year:tjuesytten",
        "lang:sv",
        "farge:blå",
        "amount:>mange",
    ]:
        q = parse_query(query)
        assert q.notice, query
        assert q.filters == ()


def test_compound_words_become_phrases():
    assert words(parse_query("BIA-nettverk").text) == '"BIA nettverk"'


@given(st.text(max_size=80))
def test_any_text_parses_or_falls_back(text):
    q = parse_query(text)
    assert q.text is None or isinstance(q.text, Term | Phrase | And | Or | Not)


def test_very_long_queries_are_cut():
    assert len(parse_query("klynge " * 1000).words) <= 1000
