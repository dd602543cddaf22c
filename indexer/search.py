"""Search over any backend: keyword, semantic and hybrid (reciprocal rank fusion in our code)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from indexer.highlight import snippet
from indexer.query import And, Filter, Or, ParsedQuery, Term, parse_query, terms_of
from indexer.store import SORTS, Backend
from indexer.types import Document, Hit, Query, Results
from nlp.types import Entity

MODES = ("hybrid", "keyword", "semantic")
# Candidates taken from each ranking before fusion, and the usual RRF damping constant.
POOL = 100
RRF_K = 60
# Keyword facets count every match up to this many, and past it the first this many in the
# result order: counting all 37,681 matches of "film" in 100,000 documents took 800 ms.
FACET_MATCHES = 1000
CHIP_TYPES = ("CLUSTER", "PROGRAMME", "ORG", "PERSON", "MONEY", "LOCATION")
MAX_CHIPS = 8
ANY_WORD_NOTICE = "Ingen dokumenter hadde alle ordene; viser dokumenter med noen av dem."
RELATED_TYPES = ("CLUSTER", "PROGRAMME", "ORG", "PERSON")


class QueryEmbedder(Protocol):
    """Anything that turns a query into a unit vector."""

    def embed_query(self, text: str) -> np.ndarray: ...


def search(backend: Backend, query: Query, embedder: QueryEmbedder | None) -> Results:
    """Rank documents for a query and build one page of hits with snippets."""
    if query.mode not in MODES:
        raise ValueError(f"unknown search mode {query.mode!r}: use one of {', '.join(MODES)}")
    if query.sort not in SORTS:
        raise ValueError(f"unknown sort {query.sort!r}: use one of {', '.join(SORTS)}")
    parsed = parse_query(query.text)
    if query.filters:
        parsed = replace(parsed, filters=parsed.filters + query.filters)
    wanted = query.offset + query.limit
    # Filters alone have no meaning to embed: every mode lists what they match.
    mode = query.mode if parsed.words else "keyword"
    keyword: list[tuple[str, float]] = []
    semantic: list[tuple[str, float, int]] = []
    total = 0
    notice = parsed.notice
    if mode in ("keyword", "hybrid"):
        sort = query.sort if mode == "keyword" else "relevance"
        # Keyword search fetches only what it shows and counts; hybrid search fuses a pool.
        if mode == "keyword":
            pool = max(wanted, FACET_MATCHES if query.facets else 0)
        else:
            pool = max(wanted, POOL)
        total, keyword = backend.keyword(parsed, pool, sort)
        loose = _any_word(parsed)
        if not total and loose is not None and mode == "keyword":
            # No document has all the words: rank those with some of them (BM25 favours
            # more and rarer ones) rather than show nothing. Hybrid search has meaning for
            # that, and loose word matches would only crowd it out.
            total, keyword = backend.keyword(loose, pool, sort)
            if total:
                notice = notice or ANY_WORD_NOTICE
    if mode != "keyword" and embedder is not None:
        within = backend.allowed(parsed.filters) if parsed.filters else None
        vector = embedder.embed_query(parsed.words)
        semantic = backend.nearest(vector, max(wanted, POOL), within)
    # A keyword match gets its snippet from the passage with most query words; a match on
    # meaning alone from the passage whose vector matched.
    passages = {doc_id: idx for doc_id, _, idx in semantic}
    for doc_id, _ in keyword:
        passages.pop(doc_id, None)
    if mode == "keyword":
        ranked = keyword
    elif mode == "semantic":
        ranked = [(doc_id, score) for doc_id, score, _ in semantic]
        total = len(ranked)
    else:
        ranked = fuse([[d for d, _ in keyword], [d for d, _, _ in semantic]])
        total = len(ranked)
    if mode != "keyword" and query.sort != "relevance":
        scores = dict(ranked)
        ranked = [(d, scores[d]) for d in backend.order(list(scores), query.sort)]
    facets, facets_over = {}, None
    if query.facets:
        counted = [d for d, _ in ranked[:FACET_MATCHES]]
        facets = backend.facets(counted, query.facets)
        if len(counted) < total:
            facets_over = len(counted)
    page = ranked[query.offset : wanted]
    docs = {d.id: d for d in backend.get_many([doc_id for doc_id, _ in page])}
    matched = terms_of(parsed.text)
    hits = tuple(
        _hit(docs[doc_id], score, matched, passages.get(doc_id))
        for doc_id, score in page
        if doc_id in docs
    )
    return Results(total=total, hits=hits, notice=notice, facets=facets, facets_over=facets_over)


def _any_word(parsed: ParsedQuery) -> ParsedQuery | None:
    """The query with its words joined by OR, when it is only words that must all match."""
    node = parsed.text
    if isinstance(node, And) and all(isinstance(part, Term) for part in node.parts):
        return replace(parsed, text=Or(node.parts))
    return None


def fuse(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: each ranking adds 1 / (k + rank) to a document's score."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc_id in enumerate(ranking, start=1):
            scores[doc_id] = scores.get(doc_id, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: -item[1])


def similar(backend: Backend, doc: Document, limit: int) -> list[Similar]:
    """Documents like this one: close in meaning (passage vectors) and naming the same
    clusters, programmes, organisations and people (rarer shared names count more)."""
    rankings = []
    vectors = backend.vectors(doc.id)
    if vectors is not None and len(vectors):
        centroid = vectors.mean(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        rankings.append([d for d, _, _ in backend.nearest(centroid, POOL) if d != doc.id])
    names = {(e.type, e.canonical) for e in doc.entities if e.type in RELATED_TYPES}
    total = backend.count()
    weights: dict[str, float] = {}
    shared: dict[str, list[str]] = {}
    for type, canonical in sorted(names):
        ids = backend.allowed((Filter(type, "=", canonical),)) - {doc.id}
        # A name in most of the archive says little about likeness.
        if not ids or len(ids) > total / 2:
            continue
        weight = math.log(total / (len(ids) + 1)) + 1.0
        for other in ids:
            weights[other] = weights.get(other, 0.0) + weight
            shared.setdefault(other, []).append(canonical)
    rankings.append(sorted(weights, key=lambda d: -weights[d])[:POOL])
    ranked = [d for d, _ in fuse(rankings)][:limit]
    return [Similar(other, tuple(shared.get(other.id, ()))) for other in backend.get_many(ranked)]


@dataclass(frozen=True)
class Similar:
    """A document like another, and the entity names the two share."""

    document: Document
    shared: tuple[str, ...]


def _hit(doc: Document, score: float, query_terms: set[str], passage: int | None) -> Hit:
    return Hit(
        id=doc.id,
        source=doc.source,
        title=doc.title,
        date=doc.date,
        score=round(score, 6),
        snippet=snippet(doc.text, doc.passages, query_terms, passage),
        entities=chips(doc.entities),
    )


def chips(entities: tuple[Entity, ...], limit: int = MAX_CHIPS) -> tuple[Entity, ...]:
    """The document's distinct entities worth showing on a result card, most mentioned first."""
    counts: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], Entity] = {}
    for e in entities:
        if e.type in CHIP_TYPES:
            key = (e.type, e.canonical)
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, e)
    order = sorted(counts, key=lambda key: (CHIP_TYPES.index(key[0]), -counts[key]))
    return tuple(first[key] for key in order[:limit])
