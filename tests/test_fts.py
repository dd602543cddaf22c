"""The query tree translated to FTS5 and SQL, run against a real in-memory SQLite."""

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.query import parse_query
from indexer.store.fts import filter_sql, match_expression
from nlp.analysis import terms

DOCS = {
    1: "MIP Cluster fikk støtte fra Innovasjon Norge",
    2: "Betongklyngen fikk tilskudd til innovasjonsprosjekter",
    3: "Næringsklyngene i Nordland samarbeider om betong",
}


@pytest.fixture(scope="module")
def db():
    conn = sqlite3.connect(":memory:")
    conn.execute(
        'CREATE VIRTUAL TABLE fts USING fts5(body, tokenize="unicode61 remove_diacritics 0")'
    )
    conn.executemany(
        "INSERT INTO fts (rowid, body) VALUES (?, ?)",
        [(i, " ".join(terms(t))) for i, t in DOCS.items()],
    )
    return conn


def search(db, query):
    positive, negative = match_expression(parse_query(query).text)
    sql, args = "SELECT rowid FROM fts WHERE 1", []
    if positive:
        sql, args = sql + " AND fts MATCH ?", [positive]
    for excluded in negative:
        sql += " AND rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)"
        args.append(excluded)
    return {row[0] for row in db.execute(sql, args)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("klynge", {2, 3}),
        ("støtte OR tilskudd", {1, 2}),
        ('"MIP Cluster"', {1}),
        ('"Cluster MIP"', set()),
        ("fikk -betongklyngen", {1}),
        ("fikk NOT (støtte OR nordland)", {2}),
        ("NOT betong", {1}),  # "Betongklyngen" contains betong
        ("NOT Nordland", {1, 2}),
        ("innovasjon", {1, 2}),
        ("and or near", set()),
    ],
)
def test_boolean_queries(db, query, expected):
    assert search(db, query) == expected


def test_filters_compile_to_parameterised_sql():
    sql, values = filter_sql(
        parse_query("year:>=2017 lang:nn programme:Arena amount:<500000").filters
    )
    assert sql.count("?") == len(values) == 7
    assert "'" + "; DROP" not in sql
    conn = sqlite3.connect(":memory:")
    conn.create_function("casefold", 1, str.casefold)
    conn.execute("CREATE TABLE documents (date TEXT, language TEXT)")
    conn.execute("CREATE TABLE entities (doc, type, canonical, text, value_min, value_max)")
    conn.execute(f"SELECT count(*) FROM documents d WHERE {sql}", values).fetchone()


SYNTAX = st.text(
    alphabet=st.sampled_from(list('klyngeAND OR NOT()"-:*^<>=æøå0123')), max_size=60
) | st.text(max_size=60)


@settings(max_examples=300, deadline=None)
@given(SYNTAX)
def test_any_query_runs_on_fts5(db, text):
    """Whatever is typed, the translation is valid FTS5 and SQL: no query reaches a user as
    a syntax error."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS entities (doc, type, text, canonical, value_min, value_max)"
    )
    db.create_function("casefold", 1, str.casefold, deterministic=True)
    parsed = parse_query(text)
    positive, negative = match_expression(parsed.text)
    where, args = filter_sql(parsed.filters)
    for expression in [positive, *negative]:
        if expression is not None:
            db.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (expression,)).fetchall()
    db.execute(
        f"SELECT 1 FROM (SELECT NULL AS date, 1 AS rowid, 'nb' AS language) d WHERE {where}", args
    )
