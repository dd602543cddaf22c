"""The storage protocol and the registry that picks a backend from a URL."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Protocol

import numpy as np

from indexer.query import Filter, ParsedQuery
from indexer.types import Document, EntityCount, FundingRow, Passage

DEFAULT_BACKEND = "sqlite:///klyngearkiv.db"
# Result orders: by the ranking, newest first, or by the largest amount a document names.
SORTS = ("relevance", "newest", "amount")
# Facet name → what it counts: an entity type's canonical names, or a document field.
FACETS = {
    "programme": "PROGRAMME",
    "cluster": "CLUSTER",
    "org": "ORG",
    "person": "PERSON",
    "location": "LOCATION",
    "year": "year",
    "lang": "lang",
}

# URL scheme → "module:class". Modules are imported on demand so that only the
# Elasticsearch backend ever imports the elasticsearch client.
BACKENDS = {
    "sqlite": "indexer.store.sqlite:SQLiteBackend",
    **dict.fromkeys(("http", "https"), "indexer.store.elastic:ElasticBackend"),
}


class StoreError(Exception):
    """A storage failure described for users, without the engine's internals."""


class Writer(Protocol):
    """Adds and removes documents inside one transaction."""

    def add(self, doc: Document) -> None: ...

    def delete(self, doc_id: str) -> None: ...

    def set_vectors(self, doc_id: str, vectors: np.ndarray) -> None:
        """Give a stored document's passages their vectors, one row each; a document that
        is gone, or whose passages changed meanwhile (another number), is left alone."""


class Backend(Protocol):
    """What every storage engine provides; search logic is built on top, not in here."""

    url: str

    def writer(self) -> AbstractContextManager[Writer]:
        """A transaction: everything added is committed on success, nothing on error."""

    def hashes(self) -> dict[str, str]:
        """Content hash of every stored document, by source."""

    def get(self, doc_id: str) -> Document | None:
        """A stored document with its entities, funding events and passages."""

    def get_many(self, doc_ids: list[str]) -> list[Document]:
        """Stored documents in the order asked for (missing ids are left out)."""

    def keyword(
        self, query: ParsedQuery, limit: int, sort: str = "relevance"
    ) -> tuple[int, list[tuple[str, float]]]:
        """Total and best (doc_id, score) for documents matching the query and its filters,
        ranked by `sort` (one of SORTS); a query of filters alone is ranked newest first."""

    def order(self, doc_ids: list[str], sort: str) -> list[str]:
        """The given documents newest first or by largest amount; ties keep their order."""

    def facets(self, scope: ParsedQuery | list[str], size: int) -> dict[str, list[tuple[str, int]]]:
        """For each of FACETS, its `size` commonest values with document counts, over the
        documents matching a query (text and filters) or over the given ids."""

    def allowed(self, filters: tuple[Filter, ...]) -> set[str]:
        """Ids of the documents that pass the filters."""

    def nearest(
        self, vector: np.ndarray, limit: int, within: set[str] | None = None
    ) -> list[tuple[str, float, int]]:
        """Best (doc_id, cosine, passage index) by passage vector, one row per document,
        only among `within` when given."""

    def vectors(self, doc_id: str) -> np.ndarray | None:
        """A document's passage vectors (one row each), or None when it has none yet."""

    def missing_vectors(self, limit: int) -> list[tuple[str, str, tuple[Passage, ...]]]:
        """Up to `limit` documents with passages that have no vectors yet, oldest first,
        as (doc_id, text, passages)."""

    def funding(self) -> list[FundingRow]:
        """Every funding event with its document's id and date."""

    def entity_counts(self, type: str | None = None) -> list[EntityCount]:
        """Entities by canonical name with document and mention counts, most frequent first."""

    def count(self) -> int:
        """How many documents the archive holds."""

    def stats(self) -> dict:
        """Counts of documents, passages and entities per type."""

    def sources(self) -> Iterator[tuple[str, str]]:
        """(doc_id, source) of every stored document."""

    def close(self) -> None:
        """Release connections and files."""


def by_key(doc_ids: list[str], keys: dict) -> list[str]:
    """The ids that have an entry in `keys`, largest key (latest date, largest amount) first
    and those whose key is None last; ties keep their order, as `Backend.order` promises."""
    present = [d for d in doc_ids if d in keys]
    # A reversed sort is still stable.
    return sorted(present, key=lambda d: (keys[d] is not None, keys[d] or 0), reverse=True)


def open_backend(url: str) -> Backend:
    """Open (creating if needed) the backend a URL names, e.g. sqlite:///archive.db."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    target = BACKENDS.get(scheme)
    if target is None:
        known = ", ".join(sorted({f"{s}://" for s in BACKENDS}))
        raise StoreError(f"unknown backend URL {url!r}: use one of {known}")
    module, cls = target.split(":")
    return getattr(importlib.import_module(module), cls)(url)
