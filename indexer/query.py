"""The query syntax advisers type: words, "phrases", AND/OR/NOT, -word, (groups), field:value.

Parsing yields a small backend-neutral tree; each backend turns it into its own query
language. A query that does not parse is never an error: it falls back to its plain
words, and the result says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.analysis import forms, tokens
from nlp.money import parse_amount

# Filters on entities name the entity type; the others filter document fields.
ENTITY_FIELDS = {
    "programme": "PROGRAMME",
    "program": "PROGRAMME",
    "cluster": "CLUSTER",
    "klynge": "CLUSTER",
    "person": "PERSON",
    "org": "ORG",
    "organisation": "ORG",
    "organisasjon": "ORG",
    "location": "LOCATION",
    "sted": "LOCATION",
}
FIELDS = {"year", "år", "date", "dato", "lang", "språk", "amount", "beløp"}
MAX_QUERY_CHARS = 1000

_TOKEN = re.compile(
    r'\s*(?:(?P<lparen>\()|(?P<rparen>\))|(?P<phrase>"[^"]*"?)'
    r'|(?P<field>[\wæøå]+):(?P<value>(?:[<>]=?|=)?(?:"[^"]*"?|[^\s()"]+))|(?P<minus>-)(?=\S)|(?P<word>[^\s()"]+))',
    re.IGNORECASE,
)
_CANONICAL_FIELDS = {"år": "year", "dato": "date", "beløp": "amount"}
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_COMPARISON = re.compile(r"^(>=|<=|>|<|=)?(.*)$")


@dataclass(frozen=True)
class Term:
    """One query word: matches any of its analysed forms."""

    word: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    """Words that must appear together, in order."""

    words: tuple[Term, ...]


@dataclass(frozen=True)
class And:
    """Every part must match."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """Any part may match."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """The part must not match."""

    part: Node


Node = Term | Phrase | And | Or | Not


@dataclass(frozen=True)
class Filter:
    """A condition on a document field or its entities, e.g. year = 2017, PROGRAMME = Arena."""

    field: str  # an entity type (PROGRAMME, PERSON, …), or year, date, lang, amount
    op: str  # "=", ">", ">=", "<", "<="
    value: str | float


@dataclass(frozen=True)
class ParsedQuery:
    """What a query asks for: a text condition, filters, and the words to embed and mark."""

    text: Node | None
    filters: tuple[Filter, ...]
    words: str  # the query's words without syntax, for semantic search
    notice: str | None = None  # set when the query fell back to plain words


class QuerySyntaxError(ValueError):
    """A query that does not follow the syntax; the message says where."""


def parse_query(query: str) -> ParsedQuery:
    """Parse a query; on a syntax error, fall back to its plain words with a notice."""
    query = query[:MAX_QUERY_CHARS]
    try:
        return _Parser(query).parse()
    except QuerySyntaxError as exc:
        plain = " ".join(w for _, _, w in tokens(query))
        terms = [_term(w) for w in dict.fromkeys(w for _, _, w in tokens(plain))]
        node = terms[0] if len(terms) == 1 else (And(tuple(terms)) if terms else None)
        return ParsedQuery(
            text=node,
            filters=(),
            words=plain,
            notice=f"Søket kunne ikke tolkes ({exc}); søkte etter ordene i stedet.",
        )


def terms_of(node: Node | None) -> set[str]:
    """Every analysed form in the positive (not negated) part of a tree, for highlighting."""
    if isinstance(node, Term):
        return set(node.forms)
    if isinstance(node, Phrase):
        return {f for t in node.words for f in t.forms}
    if isinstance(node, And | Or):
        return {f for part in node.parts for f in terms_of(part)}
    return set()


def _term(word: str) -> Term:
    return Term(word, forms(word))


class _Parser:
    """Recursive descent over the tokens of one query."""

    def __init__(self, query: str) -> None:
        self.tokens = [m for m in _TOKEN.finditer(query) if m.group().strip()]
        self.pos = 0
        self.filters: list[Filter] = []
        self.words: list[str] = []

    def parse(self) -> ParsedQuery:
        node = self._or() if self.tokens else None
        if self.pos < len(self.tokens):
            raise QuerySyntaxError(f"uventet «{self.tokens[self.pos].group().strip()}»")
        return ParsedQuery(text=node, filters=tuple(self.filters), words=" ".join(self.words))

    def _peek_word(self) -> str | None:
        if self.pos < len(self.tokens) and self.tokens[self.pos].group("word"):
            return self.tokens[self.pos].group("word")
        return None

    def _or(self) -> Node | None:
        parts = [self._and()]
        while self._peek_word() == "OR":
            self.pos += 1
            parts.append(self._and())
        present = [p for p in parts if p is not None]
        if len(present) < len(parts) and len(parts) > 1:
            raise QuerySyntaxError("OR mangler et ledd")
        return present[0] if len(present) == 1 else (Or(tuple(present)) if present else None)

    def _and(self) -> Node | None:
        parts: list[Node] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if token.group("rparen") or self._peek_word() == "OR":
                break
            if self._peek_word() == "AND":
                self.pos += 1
                if self.pos == len(self.tokens) or not parts:
                    raise QuerySyntaxError("AND mangler et ledd")
                continue
            node = self._unary()
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def _unary(self) -> Node | None:
        token = self.tokens[self.pos]
        if token.group("minus") or token.group("word") == "NOT":
            self.pos += 1
            if self.pos == len(self.tokens):
                raise QuerySyntaxError("NOT mangler et ord")
            # Excluded words are not what the user is looking for: keep them out of `words`.
            kept = len(self.words)
            part = self._unary()
            del self.words[kept:]
            if part is None:
                raise QuerySyntaxError("NOT mangler et ord")
            return Not(part)
        return self._primary()

    def _primary(self) -> Node | None:
        token = self.tokens[self.pos]
        self.pos += 1
        if token.group("lparen"):
            node = self._or()
            if self.pos == len(self.tokens) or not self.tokens[self.pos].group("rparen"):
                raise QuerySyntaxError("parentes som ikke lukkes")
            self.pos += 1
            return node
        if token.group("rparen"):
            raise QuerySyntaxError("parentes som ikke åpnes")
        if token.group("phrase") is not None:
            return self._phrase(token.group("phrase"))
        if token.group("field") is not None:
            return self._field(token.group("field").lower(), token.group("value"))
        words = [w for _, _, w in tokens(token.group("word"))]
        self.words += words
        terms = tuple(_term(w) for w in words)
        if not terms:
            return None
        return terms[0] if len(terms) == 1 else Phrase(terms)

    def _phrase(self, quoted: str) -> Node | None:
        if len(quoted) < 2 or not quoted.endswith('"'):
            raise QuerySyntaxError("anførselstegn som ikke lukkes")
        words = [w for _, _, w in tokens(quoted[1:-1])]
        self.words += words
        terms = tuple(_term(w) for w in words)
        if not terms:
            return None
        return terms[0] if len(terms) == 1 else Phrase(terms)

    def _field(self, field: str, raw: str) -> None:
        """Record a field:value filter; filters add no text condition."""
        if field in ENTITY_FIELDS:
            self.filters.append(Filter(ENTITY_FIELDS[field], "=", _unquote(raw).strip()))
        elif field in ("year", "år", "date", "dato", "amount", "beløp"):
            self.filters.append(_comparison(_CANONICAL_FIELDS.get(field, field), raw))
        elif field in ("lang", "språk"):
            value = _unquote(raw)
            if value.lower() not in ("nb", "nn", "en"):
                raise QuerySyntaxError(f"ukjent språk «{value}» (nb, nn eller en)")
            self.filters.append(Filter("lang", "=", value.lower()))
        else:
            known = ", ".join(sorted({*ENTITY_FIELDS, *FIELDS}))
            raise QuerySyntaxError(f"ukjent felt «{field}:» (kjente felt: {known})")


def _unquote(value: str) -> str:
    if not value.startswith('"'):
        return value
    if len(value) < 2 or not value.endswith('"'):
        raise QuerySyntaxError("anførselstegn som ikke lukkes")
    return value[1:-1]


def _comparison(field: str, raw: str) -> Filter:
    """year:2017, year:>=2015, date:>=2015-03-01, amount:>1000000, amount:>"1,5 mill."."""
    m = _COMPARISON.match(raw.strip())
    op, value = (m.group(1) or "=", _unquote(m.group(2)).strip()) if m else ("=", "")
    if not value:
        raise QuerySyntaxError(f"tom verdi for «{field}:»")
    if field == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise QuerySyntaxError(f"«{value}» er ikke et årstall")
        return Filter("year", op, float(value))
    if field == "date":
        return date_filter(op, value)
    amount = parse_amount(value)
    if amount is None:
        raise QuerySyntaxError(f"«{value}» er ikke et beløp")
    return Filter("amount", op, amount[1] if isinstance(amount, tuple) else amount)


def date_filter(op: str, value: str) -> Filter:
    """A filter on the publication date. With "=" a year or month matches every day in it;
    otherwise it stands for its last day (after ">" and "<=") or its first."""
    if not _DATE.fullmatch(value):
        raise QuerySyntaxError(f"«{value}» er ikke en dato (åååå-mm-dd)")
    if op != "=" and len(value) < 10:
        last = op in (">", "<=")
        value += ("-12-31" if last else "-01-01") if len(value) == 4 else ("-31" if last else "-01")
    return Filter("date", op, value)
