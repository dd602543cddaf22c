"""Translate a parsed query into SQLite: an FTS5 MATCH expression and SQL filter conditions."""

from __future__ import annotations

from indexer.query import And, Filter, Node, Not, Or, Phrase, Term
from nlp.analysis import word_terms

# Compound parts sit between a word's own term and the next word's in the index, so
# the words of a phrase with compounds are allowed this many index terms apart per word
# (FTS5's NEAR does not keep their order).
PHRASE_SLACK = 5
OPERATORS = {"=", ">", ">=", "<", "<="}
# Relevance as SQL on the FTS table `fts`: BM25 with the title worth three times the body.
BM25 = "bm25(fts, 3.0, 1.0)"
# Documents as filters and sorting read them (SQLite would otherwise look up the table).
DOCUMENTS = "documents d INDEXED BY documents_meta"


def match_expression(node: Node | None) -> tuple[str | None, list[str]]:
    """An FTS5 expression for the positive part, and expressions that must not match.

    FTS5 has only binary NOT ("a NOT b"), so negations beside positive parts are folded
    into the expression; a query that is nothing but negations returns them separately.
    """
    if isinstance(node, Not):
        excluded = _expr(node.part)
        return None, [excluded] if excluded else []
    if isinstance(node, And) and all(isinstance(p, Not) for p in node.parts):
        return None, [e for p in node.parts if (e := _expr(p.part))]  # type: ignore[union-attr]
    return (_expr(node) if node is not None else None), []


def _expr(node: Node) -> str | None:
    if isinstance(node, Term):
        return "(" + " OR ".join(quote(f) for f in node.forms) + ")"
    if isinstance(node, Phrase):
        if all(len(word_terms(t.word)) == len(t.forms) for t in node.words):
            # No compound parts in between: the words are adjacent in the index, in order.
            return quote(" ".join(t.forms[0] for t in node.words))
        words = " ".join(quote(t.forms[0]) for t in node.words)
        return f"NEAR({words}, {PHRASE_SLACK * (len(node.words) - 1)})"
    if isinstance(node, Or):
        parts = [e for p in node.parts if not isinstance(p, Not) and (e := _expr(p))]
        return "(" + " OR ".join(parts) + ")" if parts else None
    if isinstance(node, And):
        positive = [e for p in node.parts if not isinstance(p, Not) and (e := _expr(p))]
        negative = [e for p in node.parts if isinstance(p, Not) and (e := _expr(p.part))]
        if not positive:
            return None  # a negation inside a group has nothing to subtract from
        expr = "(" + " AND ".join(positive) + ")"
        for excluded in negative:
            expr = f"({expr} NOT {excluded})"
        return expr
    return None


def quote(term: str) -> str:
    """An FTS5 string for a term; quoting keeps words like "and" or "near" from being
    operators."""
    return '"' + term.replace('"', '""') + '"'


def filter_sql(filters: tuple[Filter, ...]) -> tuple[str, list]:
    """SQL conditions on `d` (documents) for the filters, joined with AND, and their values."""
    conditions: list[str] = []
    values: list = []
    for f in filters:
        if f.op not in OPERATORS:
            raise ValueError(f"unknown operator {f.op!r}")
        if f.field == "year":
            # As a range of ISO dates, so that the index on dates serves it.
            year = int(f.value)
            first, after = f"{year:04d}", f"{year + 1:04d}"
            bounds = {
                "=": [(">=", first), ("<", after)],
                ">": [(">=", after)],
                ">=": [(">=", first)],
                "<": [("<", first)],
                "<=": [("<", after)],
            }[f.op]
            conditions += [f"d.date {op} ?" for op, _ in bounds]
            values += [bound for _, bound in bounds]
        elif f.field == "date":
            if f.op == "=":  # a day, or every day of a year or month
                conditions.append("substr(d.date, 1, ?) = ?")
                values += [len(str(f.value)), f.value]
            else:
                conditions.append(f"d.date {f.op} ?")
                values.append(f.value)
        elif f.field == "lang":
            conditions.append("d.language = ?")
            values.append(f.value)
        elif f.field == "amount":
            # A range qualifies when any amount in it satisfies the condition.
            column = "value_max" if f.op in (">", ">=") else "value_min"
            if f.op == "=":
                condition, args = "value_min <= ? AND value_max >= ?", [f.value, f.value]
            else:
                condition, args = f"{column} {f.op} ?", [f.value]
            conditions.append(
                f"d.rowid IN (SELECT doc FROM entities WHERE type = 'MONEY' AND {condition})"
            )
            values += args
        else:
            conditions.append(
                "d.rowid IN (SELECT doc FROM entities WHERE type = ? "
                "AND casefold(canonical) = casefold(?) UNION SELECT doc FROM entities "
                "WHERE type = ? AND casefold(text) = casefold(?))"
            )
            values += [f.field, f.value, f.field, f.value]
    return " AND ".join(conditions) or "1", values
