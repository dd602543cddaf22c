"""The web app's access to the archive: the backend and the query embedder, behind one object."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np
from flask import current_app

from indexer.query import Filter
from indexer.search import Similar, search, similar
from indexer.store import FACETS, Backend
from indexer.types import Document, EntityCount, FundingRow, Query, Results
from nlp.types import Entity
from webapp.params import SORTS

EXTENSION = "klyngearkiv"
SIMILAR = 5
ENTITY_DOCUMENTS = 20
MAX_MENTIONS = 30
MAX_YEARS = 100
CO_OCCURRING = 8
# Entity type → the facet that counts it.
FACET_OF_TYPE = {field: name for name, field in FACETS.items() if field.isupper()}
# Norwegian alphabetical order puts æ, ø, å after z (Unicode has å before æ).
_NORWEGIAN_ORDER = str.maketrans({"æ": "z\u0001", "ø": "z\u0002", "å": "z\u0003"})


class Embedder(Protocol):
    """What the app needs from nlp.vectors.Embedder."""

    def embed_query(self, text: str) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class SearchPage:
    """One page of search results and the query that produced them."""

    query: Query
    results: Results
    requested_mode: str

    @property
    def page(self) -> int:
        """The 1-based page number."""
        return self.query.offset // self.query.limit + 1

    @property
    def pages(self) -> int:
        """How many pages the results fill."""
        return max(1, math.ceil(self.results.total / self.query.limit))

    def as_dict(self) -> dict:
        """The JSON form of the search API."""
        return {
            "total": self.results.total,
            "page": self.page,
            "limit": self.query.limit,
            "mode": self.query.mode,
            "sort": self.query.sort,
            **self.results.as_dict(),
        }


@dataclass(frozen=True)
class EntityPage:
    """What the archive says about one entity."""

    type: str
    name: str
    documents: int  # how many documents mention it
    recent: list[Document]  # the newest of them
    mentions: list[tuple[Document, Entity]]  # its mentions in `recent`
    mention_count: int
    cooccurring: dict[str, list[tuple[str, int]]]  # facet → names in the same documents
    timeline: list[tuple[str, int]]  # (year, documents)

    def as_dict(self) -> dict:
        """The JSON form of the entity API."""
        return {
            "type": self.type,
            "canonical": self.name,
            "documents": self.documents,
            "recent": [
                {"id": d.id, "title": d.title, "date": d.date, "source": d.source}
                for d in self.recent
            ],
            "mentions": [{"document": doc.id, **entity.as_dict()} for doc, entity in self.mentions],
            "cooccurring": {
                facet: [{"value": v, "count": c} for v, c in values]
                for facet, values in self.cooccurring.items()
            },
            "timeline": [{"year": y, "documents": c} for y, c in self.timeline],
        }


class Archive:
    """Search, documents, similar documents and entity lists for the views."""

    def __init__(self, backend: Backend, embedder: Embedder | None) -> None:
        self.backend = backend
        self.embedder = embedder

    @property
    def semantic(self) -> bool:
        """Whether semantic and hybrid search are available."""
        return self.embedder is not None

    def search(self, query: Query) -> SearchPage:
        """Run a query, falling back to keyword search when there is no embedder."""
        effective = query if self.semantic else replace(query, mode="keyword")
        results = search(self.backend, effective, self.embedder)
        return SearchPage(query=effective, results=results, requested_mode=query.mode)

    def document(self, doc_id: str) -> Document | None:
        """A stored document, or None."""
        return self.backend.get(doc_id)

    def similar(self, doc: Document, limit: int = SIMILAR) -> list[Similar]:
        """Documents close in meaning that name the same clusters, programmes and people."""
        return similar(self.backend, doc, limit)

    def entity(self, type: str, name: str) -> EntityPage | None:
        """An entity's documents, mentions in context, co-occurring names and timeline."""
        ids = self.backend.allowed((Filter(type, "=", name),))
        if not ids:
            return None
        newest = self.backend.order(sorted(ids), "newest")
        docs = self.backend.get_many(newest[:ENTITY_DOCUMENTS])
        mentions = [
            (doc, e)
            for doc in docs
            for e in doc.entities
            if e.type == type and name.casefold() in (e.canonical.casefold(), e.text.casefold())
        ]
        facets = self.backend.facets(newest, MAX_YEARS)
        own = FACET_OF_TYPE.get(type)
        return EntityPage(
            type=type,
            name=mentions[0][1].canonical if mentions else name,
            documents=len(ids),
            recent=docs,
            mentions=mentions[:MAX_MENTIONS],
            mention_count=len(mentions),
            cooccurring={
                facet: [(v, c) for v, c in values if not (facet == own and v == name)][
                    :CO_OCCURRING
                ]
                for facet, values in facets.items()
                if facet in FACET_OF_TYPE.values()
            },
            timeline=sorted(facets["year"]),
        )

    def funding(self) -> list[FundingRow]:
        """Every funding event in the archive."""
        return self.backend.funding()

    def entities(
        self, type: str | None, sort: str = SORTS[0], contains: str = ""
    ) -> list[EntityCount]:
        """Entity counts, optionally of one type and with names containing some text,
        by documents, mentions or name."""
        rows = self.backend.entity_counts(type)
        if contains:
            needle = contains.casefold()
            rows = [r for r in rows if needle in r.canonical.casefold()]
        if sort == "name":
            return sorted(rows, key=lambda r: (_alphabetical(r.canonical), r.type))
        if sort == "mentions":
            return sorted(rows, key=lambda r: (-r.mentions, -r.documents, r.canonical))
        return rows

    def stats(self) -> dict:
        """Counts of documents, passages, vectors, funding events and entities per type."""
        return self.backend.stats()


def _alphabetical(name: str) -> str:
    return name.casefold().translate(_NORWEGIAN_ORDER)


def current_archive() -> Archive:
    """The archive of the app handling the current request."""
    archive: Archive = current_app.extensions[EXTENSION]
    return archive
