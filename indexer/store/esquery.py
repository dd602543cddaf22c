"""Translate a parsed query into Elasticsearch query DSL, mirroring the FTS5 translation.

Both backends index the same analysed terms (`nlp.analysis.terms`), so a query tree
matches the same documents in each: here the terms sit in whitespace-analysed text fields.
"""

from __future__ import annotations

from indexer.query import And, Filter, Node, Not, Or, Phrase, Term
from indexer.store.fts import OPERATORS, PHRASE_SLACK
from nlp.analysis import word_terms

# Analysed-term fields and their weight, as the SQLite backend weights title over body.
TEXT_FIELDS = {"title_terms": 3.0, "body_terms": 1.0}
RANGE_OPS = {">": "gt", ">=": "gte", "<": "lt", "<=": "lte"}


def text_query(node: Node | None) -> tuple[dict | None, list[dict]]:
    """A query for the positive part, and queries that must not match (see fts.match_expression)."""
    if isinstance(node, Not):
        excluded = _clause(node.part)
        return None, [excluded] if excluded else []
    if isinstance(node, And) and all(isinstance(p, Not) for p in node.parts):
        return None, [e for p in node.parts if (e := _clause(p.part))]  # type: ignore[union-attr]
    return (_clause(node) if node is not None else None), []


def _clause(node: Node) -> dict | None:
    if isinstance(node, Term):
        # `match` rather than `term`: scored with BM25 everywhere, and the whitespace
        # analyser leaves our terms as they are.
        return _any_field(
            lambda field, w: {"match": {field: {"query": " ".join(node.forms), "boost": w}}}
        )
    if isinstance(node, Phrase):
        words = [t.forms[0] for t in node.words]
        if all(len(word_terms(t.word)) == len(t.forms) for t in node.words):
            return _any_field(
                lambda field, w: {"match_phrase": {field: {"query": " ".join(words), "boost": w}}}
            )
        # Compound parts sit between words, so allow a gap and any order, as FTS5's NEAR.
        return _any_field(
            lambda field, w: {
                "span_near": {
                    "clauses": [{"span_term": {field: word}} for word in words],
                    "slop": PHRASE_SLACK * (len(words) - 1),
                    "in_order": False,
                    "boost": w,
                }
            }
        )
    if isinstance(node, Or):
        parts = [c for p in node.parts if not isinstance(p, Not) and (c := _clause(p))]
        return {"bool": {"should": parts, "minimum_should_match": 1}} if parts else None
    if isinstance(node, And):
        positive = [c for p in node.parts if not isinstance(p, Not) and (c := _clause(p))]
        negative = [c for p in node.parts if isinstance(p, Not) and (c := _clause(p.part))]
        if not positive:
            return None  # a negation inside a group has nothing to subtract from
        query: dict = {"bool": {"must": positive}}
        if negative:
            query["bool"]["must_not"] = negative
        return query
    return None


def _any_field(make) -> dict:
    """Match in the title or the body, like an FTS5 term without a column filter."""
    clauses = [make(field, weight) for field, weight in TEXT_FIELDS.items()]
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def filter_clauses(filters: tuple[Filter, ...]) -> list[dict]:
    """Filter-context queries on a document for the filters (see fts.filter_sql)."""
    clauses: list[dict] = []
    for f in filters:
        if f.op not in OPERATORS:
            raise ValueError(f"unknown operator {f.op!r}")
        if f.field == "year":
            clauses.append(_range("year", f.op, int(f.value)))
        elif f.field == "date":
            if f.op == "=":  # a day, or every day of a year or month
                clauses.append({"prefix": {"date": str(f.value)}})
            else:  # ISO dates in a keyword field compare as strings, as in SQLite
                clauses.append({"range": {"date": {RANGE_OPS[f.op]: str(f.value)}}})
        elif f.field == "lang":
            clauses.append({"term": {"lang": f.value}})
        elif f.field == "amount":
            # `money` holds each amount as a range; a range qualifies when any amount in
            # it satisfies the condition, which is what range intersection means.
            clauses.append(_range("money", f.op, float(f.value)))
        else:
            clauses.append({"term": {"name_keys": name_key(f.field, str(f.value))}})
    return clauses


def _range(field: str, op: str, value: float) -> dict:
    if op == "=":
        return {"range": {field: {"gte": value, "lte": value}}}
    return {"range": {field: {RANGE_OPS[op]: value}}}


def name_key(type: str, name: str) -> str:
    """What an entity filter looks up: the type and the case-folded name or mention."""
    return f"{type}:{name.casefold()}"
