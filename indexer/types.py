"""Plain values that cross the indexer's boundaries: documents, queries and results."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from indexer.query import Filter
from nlp.types import Entity, Funding


@dataclass(frozen=True)
class Passage:
    """A span of a document's text that gets its own vector."""

    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """A parsed and analysed document, ready to be stored."""

    id: str
    source: str
    title: str
    date: str | None  # ISO yyyy-mm-dd
    language: str
    text: str
    hash: str
    entities: tuple[Entity, ...] = ()
    funding: tuple[Funding, ...] = ()
    passages: tuple[Passage, ...] = ()
    # One row per passage (float32, L2-normalised), or None when vectors are added later.
    vectors: np.ndarray | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Query:
    """What a user asked for."""

    text: str
    mode: str = "hybrid"  # keyword, semantic or hybrid
    limit: int = 10
    offset: int = 0
    sort: str = "relevance"  # relevance, newest or amount
    facets: int = 0  # values per facet to count; 0 for none
    filters: tuple[Filter, ...] = ()  # added to those written in the text, e.g. a date range


@dataclass(frozen=True)
class Hit:
    """One search result; `snippet` is HTML-escaped text with matches in <mark>."""

    id: str
    source: str
    title: str
    date: str | None
    score: float
    snippet: str
    entities: tuple[Entity, ...] = ()

    def as_dict(self) -> dict:
        """The JSON form used by the CLI and the API."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "score": self.score,
            "snippet": self.snippet,
            "entities": [e.as_dict() for e in self.entities],
        }


@dataclass(frozen=True)
class Results:
    """A page of hits and the total number of matching documents."""

    total: int
    hits: tuple[Hit, ...]
    notice: str | None = None  # said to the user, e.g. when the query syntax was not understood
    # Facet name → (value, document count), commonest first, over all matching documents
    # or, when `facets_over` is set, over that many first in the result order.
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    facets_over: int | None = None

    def as_dict(self) -> dict:
        """The JSON form used by the CLI and the API."""
        out: dict = {"total": self.total, "hits": [h.as_dict() for h in self.hits]}
        if self.notice:
            out["notice"] = self.notice
        if self.facets:
            out["facets"] = {
                name: [{"value": value, "count": count} for value, count in values]
                for name, values in self.facets.items()
            }
        if self.facets_over is not None:
            out["facets_over"] = self.facets_over
        return out


@dataclass(frozen=True)
class EntityCount:
    """An entity across the archive: how many documents mention it, and how often."""

    type: str
    canonical: str
    documents: int
    mentions: int
    role: str | None = None  # for people: a role and affiliation the documents give
    affiliation: str | None = None

    def as_dict(self) -> dict:
        """The JSON form used by the CLI and the API."""
        out: dict = {
            "type": self.type,
            "canonical": self.canonical,
            "documents": self.documents,
            "mentions": self.mentions,
        }
        if self.type == "PERSON":
            out.update(role=self.role, affiliation=self.affiliation)
        return out


@dataclass(frozen=True)
class FundingRow:
    """A stored funding event and the document that states it."""

    doc_id: str
    date: str | None
    funding: Funding

    def as_dict(self) -> dict:
        """The JSON form used by the API."""
        return {"document": self.doc_id, "date": self.date, **self.funding.as_dict()}
