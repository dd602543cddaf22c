"""Facet values as links: choosing one adds its filter to the query text, choosing it again
removes it, so every state of the search page is a shareable URL."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.query import parse_query
from indexer.store import FACETS
from webapp.render import LANGUAGES

LABELS = {
    "programme": "Program",
    "cluster": "Klynge",
    "org": "Organisasjon",
    "person": "Person",
    "location": "Sted",
    "year": "År",
    "lang": "Språk",
}


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet, its document count, and the query text choosing it leads to."""

    value: str
    label: str
    count: int
    selected: bool
    query: str


@dataclass(frozen=True)
class FacetGroup:
    """A facet's label and its values."""

    name: str
    label: str
    values: tuple[FacetValue, ...]


def facet_groups(text: str, facets: dict[str, list[tuple[str, int]]]) -> list[FacetGroup]:
    """The facets of a result page in display order, leaving out empty ones."""
    chosen = {(f.field, str(f.value).casefold()) for f in parse_query(text).filters}
    groups = []
    for name, values in facets.items():
        field = FACETS[name]
        items = []
        for value, count in values:
            selected = (field, _filter_value(name, value).casefold()) in chosen
            items.append(
                FacetValue(
                    value=value,
                    label=LANGUAGES.get(value, value) if name == "lang" else value,
                    count=count,
                    selected=selected,
                    query=(_without if selected else facet_query)(text, name, value),
                )
            )
        if items:
            groups.append(FacetGroup(name, LABELS[name], tuple(items)))
    return groups


def _filter_value(name: str, value: str) -> str:
    # year:2017 is parsed to the number 2017.0; compare in the same form.
    return str(float(value)) if name == "year" else value


def _token(name: str, value: str) -> str:
    value = value.replace('"', "")
    return f"{name}:{value}" if re.fullmatch(r"[\w-]+", value) else f'{name}:"{value}"'


def facet_query(text: str, name: str, value: str) -> str:
    """The query text with a facet's filter added."""
    return f"{text} {_token(name, value)}".strip()


def _without(text: str, name: str, value: str) -> str:
    pattern = rf'(?i)(?<!\S){re.escape(name)}:("?){re.escape(value)}\1(?!\S)'
    return " ".join(re.sub(pattern, " ", text).split())
