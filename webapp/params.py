"""Query-string arguments checked and converted; anything invalid is a 400 that says why."""

from __future__ import annotations

import re
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest, NotFound

from indexer.query import Filter, QuerySyntaxError, date_filter
from indexer.search import MODES
from indexer.store import SORTS as RESULT_SORTS
from indexer.types import Query
from nlp.money import parse_amount
from webapp.render import TYPE_LABELS

DEFAULT_LIMIT = 10
MAX_LIMIT = 100
# Deep pages cost a ranking of everything before them; nobody reads page 1000.
MAX_PAGE = 1000
MAX_QUERY_CHARS = 500
SORTS = ("documents", "mentions", "name")
FORMATS = ("json", "csv", "xlsx")
FACET_SIZE = 8
ENTITY_LIMIT = 100
MAX_ENTITY_LIMIT = 1000
MAX_FACET_SIZE = 50
# Range filters: query-string name → (filter field, comparison).
RANGES = {
    "from": ("date", ">="),
    "to": ("date", "<="),
    "min_amount": ("amount", ">="),
    "max_amount": ("amount", "<="),
}
_DIGITS = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class EntityArgs:
    """Which entities to list and how."""

    type: str | None
    sort: str
    contains: str = ""  # only names containing this


def search_query(args: MultiDict[str, str], required: bool, facets: int = FACET_SIZE) -> Query:
    """A Query from q, mode, sort, page, limit, facets and the range filters; q may be left
    out only when not `required`."""
    text = args.get("q", "").strip()
    if required and not text:
        raise BadRequest("Parameteren q mangler: skriv hva du vil søke etter.")
    if len(text) > MAX_QUERY_CHARS:
        raise BadRequest(f"Parameteren q er for lang (høyst {MAX_QUERY_CHARS} tegn).")
    limit = _integer(args, "limit", DEFAULT_LIMIT, MAX_LIMIT)
    page = page_number(args)
    return Query(
        text=text,
        mode=_choice(args, "mode", MODES),
        limit=limit,
        offset=(page - 1) * limit,
        sort=_choice(args, "sort", RESULT_SORTS),
        facets=_integer(args, "facets", facets, MAX_FACET_SIZE, minimum=0),
        filters=range_filters(args),
    )


def range_filters(args: MultiDict[str, str]) -> tuple[Filter, ...]:
    """Filters from the from/to dates (yyyy, yyyy-mm or yyyy-mm-dd) and the amount range."""
    filters = []
    for name, (field, op) in RANGES.items():
        raw = args.get(name, "").strip()
        if not raw:
            continue
        if field == "date":
            try:
                filters.append(date_filter(op, raw))
            except QuerySyntaxError:
                raise BadRequest(f"Parameteren {name} må være en dato (åååå-mm-dd).") from None
            continue
        amount = parse_amount(raw) if len(raw) <= 40 else None
        if amount is None:
            raise BadRequest(f"Parameteren {name} må være et beløp, f.eks. 500000 eller 1,5 mill.")
        filters.append(Filter(field, op, amount[1] if isinstance(amount, tuple) else amount))
    return tuple(filters)


def entity_args(args: MultiDict[str, str]) -> EntityArgs:
    """Type filter and sort order of an entity list."""
    type = args.get("type", "").strip().upper() or None
    if type is not None and type not in TYPE_LABELS:
        raise BadRequest(f"Ukjent verdi for type: {type!r}. Bruk en av {', '.join(TYPE_LABELS)}.")
    contains = args.get("q", "").strip()
    if len(contains) > MAX_QUERY_CHARS:
        raise BadRequest(f"Parameteren q er for lang (høyst {MAX_QUERY_CHARS} tegn).")
    return EntityArgs(type=type, sort=_choice(args, "sort", SORTS), contains=contains)


def entity_type(type: str) -> str:
    """An entity type from a URL, upper-cased; unknown types are a 404."""
    if type.upper() not in TYPE_LABELS:
        raise NotFound(f"Ukjent entitetstype {type!r}.")
    return type.upper()


def output_format(args: MultiDict[str, str]) -> str:
    """json or csv."""
    return _choice(args, "format", FORMATS)


def page_limit(args: MultiDict[str, str]) -> int:
    """Rows per page of an API list."""
    return _integer(args, "limit", ENTITY_LIMIT, MAX_ENTITY_LIMIT)


def page_number(args: MultiDict[str, str]) -> int:
    """The 1-based page asked for."""
    return _integer(args, "page", 1, MAX_PAGE)


def _integer(
    args: MultiDict[str, str], name: str, default: int, maximum: int, minimum: int = 1
) -> int:
    """A whole number from `minimum` to `maximum`, or `default` when the argument is absent."""
    raw = args.get(name, "").strip()
    if not raw:
        return default
    if not _DIGITS.fullmatch(raw) or not minimum <= int(raw) <= maximum:
        raise BadRequest(f"Parameteren {name} må være et heltall fra {minimum} til {maximum}.")
    return int(raw)


def _choice(args: MultiDict[str, str], name: str, choices: tuple[str, ...]) -> str:
    """One of `choices` (the first is the default)."""
    value = args.get(name, "").strip() or choices[0]
    if value not in choices:
        raise BadRequest(f"Ukjent verdi for {name}: {value!r}. Bruk en av {', '.join(choices)}.")
    return value
