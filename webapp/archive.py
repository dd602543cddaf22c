"""The web app's access to the archive: the backend and the query embedder, behind one object."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np
from flask import current_app

from indexer.search import search
from indexer.store import Backend
from indexer.types import Document, EntityCount, Query, Results
from webapp.params import SORTS

EXTENSION = "klyngearkiv"
SIMILAR = 5
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
            "hits": [hit.as_dict() for hit in self.results.hits],
            **({"notice": self.results.notice} if self.results.notice else {}),
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

    def similar(self, doc: Document, limit: int = SIMILAR) -> list[Document]:
        """Documents whose passages are closest to this document's first passage."""
        if self.embedder is None or not doc.passages:
            return []
        first = doc.passages[0]
        # The backend protocol cannot return a stored vector, so embed the passage again;
        # it is the same text the indexer embedded, so the vector is the same.
        vector = self.embedder.embed_passages([doc.text[first.start : first.end]])[0]
        rows = self.backend.nearest(vector, limit + 1)
        return self.backend.get_many([d for d, _, _ in rows if d != doc.id][:limit])

    def entities(self, type: str | None, sort: str = SORTS[0]) -> list[EntityCount]:
        """Entity counts, optionally of one type, by documents, mentions or name."""
        rows = self.backend.entity_counts(type)
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
