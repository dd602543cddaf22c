"""Query-string arguments checked and converted; anything invalid is a 400 that says why."""

from __future__ import annotations

import re
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

from indexer.search import MODES
from indexer.types import Query
from webapp.render import TYPE_LABELS

DEFAULT_LIMIT = 10
MAX_LIMIT = 100
# Deep pages cost a ranking of everything before them; nobody reads page 1000.
MAX_PAGE = 1000
MAX_QUERY_CHARS = 500
SORTS = ("documents", "mentions", "name")
FORMATS = ("json", "csv")
_DIGITS = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class EntityArgs:
    """Which entities to list and how."""

    type: str | None
    sort: str


def search_query(args: MultiDict[str, str], required: bool) -> Query:
    """A Query from q, mode, page and limit; q may be left out only when not `required`."""
    text = args.get("q", "").strip()
    if required and not text:
        raise BadRequest("Parameteren q mangler: skriv hva du vil søke etter.")
    if len(text) > MAX_QUERY_CHARS:
        raise BadRequest(f"Parameteren q er for lang (høyst {MAX_QUERY_CHARS} tegn).")
    limit = _integer(args, "limit", DEFAULT_LIMIT, MAX_LIMIT)
    page = page_number(args)
    return Query(
        text=text, mode=_choice(args, "mode", MODES), limit=limit, offset=(page - 1) * limit
    )


def entity_args(args: MultiDict[str, str]) -> EntityArgs:
    """Type filter and sort order of an entity list."""
    type = args.get("type", "").strip().upper() or None
    if type is not None and type not in TYPE_LABELS:
        raise BadRequest(f"Ukjent verdi for type: {type!r}. Bruk en av {', '.join(TYPE_LABELS)}.")
    return EntityArgs(type=type, sort=_choice(args, "sort", SORTS))


def output_format(args: MultiDict[str, str]) -> str:
    """json or csv."""
    return _choice(args, "format", FORMATS)


def page_number(args: MultiDict[str, str]) -> int:
    """The 1-based page asked for."""
    return _integer(args, "page", 1, MAX_PAGE)


def _integer(args: MultiDict[str, str], name: str, default: int, maximum: int) -> int:
    """A whole number from 1 to `maximum`, or `default` when the argument is absent."""
    raw = args.get(name, "").strip()
    if not raw:
        return default
    if not _DIGITS.fullmatch(raw) or not 1 <= int(raw) <= maximum:
        raise BadRequest(f"Parameteren {name} må være et heltall fra 1 til {maximum}.")
    return int(raw)


def _choice(args: MultiDict[str, str], name: str, choices: tuple[str, ...]) -> str:
    """One of `choices` (the first is the default)."""
    value = args.get(name, "").strip() or choices[0]
    if value not in choices:
        raise BadRequest(f"Ukjent verdi for {name}: {value!r}. Bruk en av {', '.join(choices)}.")
    return value
