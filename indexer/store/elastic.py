"""The Elasticsearch backend: versioned indices behind an alias, bulk writes, kNN over passages.

The only module that imports the elasticsearch client. The index layout is in esrecords,
the query translation in esquery.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import numpy as np
from elasticsearch import (
    ApiError,
    AuthenticationException,
    AuthorizationException,
    Elasticsearch,
    TransportError,
    helpers,
)

from indexer.query import Filter, ParsedQuery
from indexer.store import FACETS, StoreError, by_key
from indexer.store.esquery import filter_clauses, text_query
from indexer.store.esrecords import MAPPINGS, document, money_value, records
from indexer.types import Document, EntityCount, FundingRow, Passage
from nlp.types import Funding

DEFAULT_PREFIX = "klyngearkiv"
ENV_USER = "KLYNGEARKIV_ES_USER"
ENV_PASSWORD = "KLYNGEARKIV_ES_PASSWORD"
ENV_API_KEY = "KLYNGEARKIV_ES_API_KEY"
ENV_CA_CERTS = "KLYNGEARKIV_ES_CA_CERTS"
PAGE = 1000  # records per request when reading everything
MAX_HITS = 10_000  # Elasticsearch's default index.max_result_window
MAX_TERMS = 65_536  # Elasticsearch's default index.max_terms_count
MAX_NAMES = 50_000  # names per entity type in one terms aggregation (search.max_buckets)
NEWEST = [{"date": {"order": "desc", "missing": "_last"}}, {"seq": "asc"}]
SORTS = {
    "relevance": ["_score", {"seq": "asc"}],
    "newest": NEWEST,
    "amount": [{"amount": {"order": "desc", "missing": "_last"}}, {"seq": "asc"}],
}
SORT_FIELDS = {"newest": "date", "amount": "amount"}


class ElasticBackend:
    """Documents in an Elasticsearch index reached through an alias, e.g. http://host:9200/klyngearkiv."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        if "@" in parts.netloc:
            raise StoreError(
                f"put Elasticsearch credentials in {ENV_USER}/{ENV_PASSWORD} or {ENV_API_KEY}, "
                "not in the URL"
            )
        if not parts.hostname:
            raise StoreError("Elasticsearch URL needs a host, e.g. http://localhost:9200")
        self.url = url
        self.alias = parts.path.strip("/") or DEFAULT_PREFIX
        if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", self.alias):
            raise StoreError(
                f"index name {self.alias!r} in {url!r}: use lower-case letters, digits, - _ ."
            )
        query = parse_qs(parts.query)
        self.shards = _int_option(query, "shards", 1)
        self.replicas = _int_option(query, "replicas", 0)
        self.client = Elasticsearch(
            f"{parts.scheme}://{parts.hostname}:{parts.port or 9200}",
            **_credentials(),
            request_timeout=30,
            retry_on_timeout=True,
            max_retries=3,
        )
        self._seq = 0
        self._seq_lock = threading.Lock()
        with self._guard("open the archive"):
            self._ensure_index()

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Turn client errors into StoreErrors that say what failed and what to check."""
        try:
            yield
        except AuthenticationException as exc:
            raise StoreError(
                f"Elasticsearch at {self.url} refused the credentials: set {ENV_USER} and "
                f"{ENV_PASSWORD}, or {ENV_API_KEY}"
            ) from exc
        except AuthorizationException as exc:
            raise StoreError(f"not allowed to {action} in Elasticsearch at {self.url}") from exc
        except ApiError as exc:
            raise StoreError(f"Elasticsearch could not {action}: {_reason(exc)}") from exc
        except TransportError as exc:
            raise StoreError(
                f"cannot reach Elasticsearch at {self.url} to {action}: is it running? ({exc})"
            ) from exc

    def _ensure_index(self) -> None:
        if self.client.indices.exists_alias(name=self.alias):
            return
        if self.client.indices.exists(index=self.alias):
            raise StoreError(
                f"{self.alias!r} is an index, not an alias: choose another name in the URL"
            )
        try:
            self._create(f"{self.alias}-v1", self.shards, self.replicas, alias=True)
        except ApiError as exc:
            # Another process created it first: fine, that is the index we want.
            if "already_exists" not in str(exc.message):
                raise

    def _create(self, index: str, shards: int, replicas: int, alias: bool) -> None:
        self.client.indices.create(
            index=index,
            settings={"number_of_shards": shards, "number_of_replicas": replicas},
            mappings=MAPPINGS,
            aliases={self.alias: {}} if alias else None,
        )

    def _next_seq(self) -> int:
        # Microseconds since the epoch stay exact as JSON doubles; strictly increasing here.
        with self._seq_lock:
            self._seq = max(self._seq + 1, time.time_ns() // 1000)
            return self._seq

    @contextmanager
    def writer(self) -> Iterator[_Writer]:
        """A batch: sent with the bulk API on success, discarded on any error."""
        writer = _Writer()
        yield writer
        with self._guard("store documents"):
            self._flush(writer.pending)
            self._flush_vectors(writer.vectors)

    def _flush(self, pending: dict[str, Document | None]) -> None:
        if not pending:
            return
        old = self._children(list(pending))
        actions: list[dict] = []
        written: dict[str, list[str]] = {}
        for doc_id, doc in pending.items():
            new = records(doc, self._next_seq()) if doc is not None else []
            written[doc_id] = [record["_id"] for record in new]
            for child in old.get(doc_id, []):
                if child not in written[doc_id]:
                    actions.append({"_op_type": "delete", "_id": child, "_routing": doc_id})
            if doc is None and doc_id in old:
                actions.append({"_op_type": "delete", "_id": doc_id, "_routing": doc_id})
            actions += new
        owners = {action["_id"]: action["_routing"] for action in actions}
        failed: dict[str, str] = {}
        for ok, item in helpers.streaming_bulk(
            self.client,
            actions,
            index=self.alias,
            max_retries=5,  # with backoff, for 429 Too Many Requests
            raise_on_error=False,
            raise_on_exception=False,
        ):
            op, result = next(iter(item.items()))
            if not ok and not (op == "delete" and result.get("status") == 404):
                doc_id = owners.get(result.get("_id"), result.get("_id"))
                failed.setdefault(doc_id, _item_reason(result))
        if failed:
            self._undo({doc_id: written[doc_id] for doc_id in failed if doc_id in written})
        self.client.indices.refresh(index=self.alias)
        if failed:
            named = "; ".join(
                f"{pending[d].source if pending.get(d) else d}: {why}" for d, why in failed.items()
            )
            raise StoreError(f"{len(failed)} document(s) not stored: {named}")

    def _flush_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        """Put vectors on the passage records of stored documents whose passages match."""
        if not vectors:
            return
        children = self._children(list(vectors))
        actions = []
        for doc_id, matrix in vectors.items():
            passages = [c for c in children.get(doc_id, []) if c.startswith(f"{doc_id}/p")]
            if len(passages) != len(matrix):
                continue  # gone or changed since its passages were read: left alone
            actions += [
                {
                    "_op_type": "update",
                    "_id": f"{doc_id}/p{i}",
                    "_routing": doc_id,
                    "doc": {"vec": row.astype(np.float32).tolist()},
                }
                for i, row in enumerate(matrix)
            ]
        failed: dict[str, str] = {}
        for ok, item in helpers.streaming_bulk(
            self.client,
            actions,
            index=self.alias,
            max_retries=5,
            raise_on_error=False,
            raise_on_exception=False,
        ):
            if not ok:
                result = next(iter(item.values()))
                failed.setdefault(str(result.get("_id")).split("/")[0], _item_reason(result))
        self.client.indices.refresh(index=self.alias)
        if failed:
            named = "; ".join(f"{d}: {why}" for d, why in failed.items())
            raise StoreError(f"vectors of {len(failed)} document(s) not stored: {named}")

    def _undo(self, written: dict[str, list[str]]) -> None:
        """Remove what was written of documents that failed, so a rerun indexes them again."""
        actions = [
            {"_op_type": "delete", "_id": record_id, "_routing": doc_id}
            for doc_id, ids in written.items()
            for record_id in ids
        ]
        for _ in helpers.streaming_bulk(
            self.client, actions, index=self.alias, raise_on_error=False
        ):
            pass

    def _children(self, doc_ids: list[str]) -> dict[str, list[str]]:
        """Ids of the records derived from each stored document, to replace or delete."""
        found = self.client.mget(index=self.alias, ids=doc_ids, source=["stored.children"])
        return {
            d["_id"]: d["_source"]["stored"]["children"] for d in found["docs"] if d.get("found")
        }

    def hashes(self) -> dict[str, str]:
        """Content hash of every stored document, by source."""
        return {s["source"]: s["hash"] for s in self._scan(_docs(), ["source", "hash"])}

    def sources(self) -> Iterator[tuple[str, str]]:
        """(doc_id, source) of every stored document, in the order they were added."""
        for s in self._scan(_docs(), ["doc_id", "source"], [{"seq": "asc"}]):
            yield s["doc_id"], s["source"]

    def _scan(self, query: dict, fields: list[str], sort: list | None = None) -> Iterator[dict]:
        """Every record matching a query, a page at a time (search_after on a unique key)."""
        order = (sort or []) + [{"key": "asc"}]
        after = None
        with self._guard("read the archive"):
            while True:
                page = self.client.search(
                    index=self.alias,
                    query=query,
                    source=fields,
                    sort=order,
                    size=PAGE,
                    search_after=after,
                )["hits"]["hits"]
                for hit in page:
                    yield hit["_source"]
                if len(page) < PAGE:
                    return
                after = page[-1]["sort"]

    def get(self, doc_id: str) -> Document | None:
        """A stored document with its entities, funding events and passages."""
        docs = self.get_many([doc_id])
        return docs[0] if docs else None

    def get_many(self, doc_ids: list[str]) -> list[Document]:
        """Stored documents in the order asked for (missing ids are left out)."""
        if not doc_ids:
            return []
        with self._guard("read documents"):
            found = self.client.mget(index=self.alias, ids=list(doc_ids), source=["stored"])
        docs = {d["_id"]: document(d["_source"]["stored"]) for d in found["docs"] if d.get("found")}
        return [docs[i] for i in doc_ids if i in docs]

    def _where(self, query: ParsedQuery) -> tuple[dict | None, dict] | None:
        """The positive text query and the whole query on documents (text, exclusions and
        filters), or None when the query asks for nothing."""
        positive, negative = text_query(query.text)
        if positive is None and not negative and not query.filters:
            return None
        where: dict = {"filter": [{"term": {"kind": "doc"}}, *filter_clauses(query.filters)]}
        if negative:
            where["must_not"] = negative
        if positive is not None:
            where["must"] = [positive]
        return positive, {"bool": where}

    def keyword(
        self, query: ParsedQuery, limit: int, sort: str = "relevance"
    ) -> tuple[int, list[tuple[str, float]]]:
        """Total and best (doc_id, score) for documents matching the query and its filters."""
        parsed = self._where(query)
        if parsed is None:
            return 0, []
        positive, where = parsed
        # Only filters or exclusions: no relevance to rank by, so newest first.
        order = NEWEST if positive is None and sort == "relevance" else SORTS[sort]
        with self._guard("search"):
            found = self.client.search(
                index=self.alias,
                query=where,
                sort=order,
                size=min(limit, MAX_HITS),
                source=False,
                track_scores=positive is not None,
                track_total_hits=True,
            )["hits"]
        hits = [(h["_id"], float(h["_score"] or 0.0) if positive else 0.0) for h in found["hits"]]
        return found["total"]["value"], hits

    def order(self, doc_ids: list[str], sort: str) -> list[str]:
        """The given documents newest first or by largest amount; ties keep their order."""
        if sort == "relevance" or not doc_ids:
            return list(doc_ids)
        field = SORT_FIELDS[sort]
        with self._guard("read documents"):
            found = self.client.mget(index=self.alias, ids=list(doc_ids), source=[field])
        keys = {d["_id"]: d["_source"].get(field) for d in found["docs"] if d.get("found")}
        return by_key(doc_ids, keys)

    def facets(self, scope: ParsedQuery | list[str], size: int) -> dict[str, list[tuple[str, int]]]:
        """For each facet, its `size` commonest values with document counts, over the
        documents matching a query or over the given ids."""
        if isinstance(scope, list):
            if not scope:
                return {name: [] for name in FACETS}
            where: dict = {"bool": {"filter": [_docs(), {"ids": {"values": scope}}]}}
        else:
            parsed = self._where(scope)
            if parsed is None:
                return {name: [] for name in FACETS}
            where = parsed[1]
        aggs = {}
        for name, field in FACETS.items():
            path = field if field in ("year", "lang") else f"facet.{field}"
            # Ties: newer years first, names alphabetically, as the SQLite backend.
            key_order = "desc" if field == "year" else "asc"
            aggs[name] = {
                "terms": {
                    "field": path,
                    "size": size,
                    "order": [{"_count": "desc"}, {"_key": key_order}],
                }
            }
        with self._guard("count facets"):
            found = self.client.search(index=self.alias, query=where, size=0, aggs=aggs)
        return {
            name: [(_key(b["key"]), b["doc_count"]) for b in found["aggregations"][name]["buckets"]]
            for name in FACETS
        }

    def allowed(self, filters: tuple[Filter, ...]) -> set[str]:
        """Ids of the documents that pass the filters."""
        query = {"bool": {"filter": [{"term": {"kind": "doc"}}, *filter_clauses(filters)]}}
        return {s["doc_id"] for s in self._scan(query, ["doc_id"])}

    def nearest(
        self, vector: np.ndarray, limit: int, within: set[str] | None = None
    ) -> list[tuple[str, float, int]]:
        """Best (doc_id, cosine, passage index) by kNN over passage vectors (HNSW)."""
        if within is not None and not within:
            return []
        # Several passages of one document can rank high; take more than `limit`
        # candidates so that `limit` distinct documents remain after grouping.
        k = min(limit * 8, MAX_HITS)
        where: list[dict] = [{"term": {"kind": "passage"}}]
        if within is not None and len(within) <= MAX_TERMS:
            where.append({"terms": {"doc_id": sorted(within)}})
        elif within is not None:
            k = MAX_HITS  # too many ids for one filter: take all we can and filter here
        knn = {
            "field": "vec",
            "query_vector": vector.astype(np.float32).tolist(),
            "k": k,
            "num_candidates": min(MAX_HITS, max(2 * k, 100)),
            "filter": {"bool": {"filter": where}},
        }
        with self._guard("search by meaning"):
            if not self._has_vectors():
                return []
            hits = self.client.search(index=self.alias, knn=knn, size=k, source=["doc_id", "idx"])[
                "hits"
            ]["hits"]
        best: dict[str, tuple[float, int]] = {}
        for hit in hits:
            doc_id = hit["_source"]["doc_id"]
            if doc_id not in best and (within is None or doc_id in within):
                # Elasticsearch scores cosine similarity as (1 + cosine) / 2.
                best[doc_id] = (2.0 * hit["_score"] - 1.0, hit["_source"]["idx"])
                if len(best) == limit:
                    break
        return [(doc_id, score, idx) for doc_id, (score, idx) in best.items()]

    def _has_vectors(self) -> bool:
        # Before the first vector the field has no dimensions and kNN would be an error.
        return self._vector_count() > 0

    def _vector_count(self) -> int:
        # A count query, not an aggregation: the emulator cannot aggregate on dense_vector.
        query = {"bool": {"filter": [{"term": {"kind": "passage"}}, {"exists": {"field": "vec"}}]}}
        return self.client.count(index=self.alias, query=query)["count"]

    def vectors(self, doc_id: str) -> np.ndarray | None:
        """A document's passage vectors (one row each), or None when it has none yet."""
        query = {"bool": {"filter": [{"term": {"kind": "passage"}}, {"term": {"doc_id": doc_id}}]}}
        rows = list(self._scan(query, ["vec"], [{"idx": "asc"}]))
        if not rows or any("vec" not in r for r in rows):
            return None
        return np.array([r["vec"] for r in rows], dtype=np.float32)

    def missing_vectors(self, limit: int) -> list[tuple[str, str, tuple[Passage, ...]]]:
        """Up to `limit` documents with passages that have no vectors yet, oldest first."""
        query = {
            "bool": {
                "filter": [{"term": {"kind": "passage"}}],
                "must_not": [{"exists": {"field": "vec"}}],
            }
        }
        doc_ids: dict[str, None] = {}  # ordered and without repeats
        for record in self._scan(query, ["doc_id"], [{"seq": "asc"}]):
            doc_ids[record["doc_id"]] = None
            if len(doc_ids) == limit:
                break
        return [(d.id, d.text, d.passages) for d in self.get_many(list(doc_ids))]

    def funding(self) -> list[FundingRow]:
        """Every funding event with its document's id and date, oldest first."""
        fields = ["doc_id", "date", "seq", "idx", "funder", "recipient", "programme", "money"]
        rows = list(self._scan({"term": {"kind": "funding"}}, [*fields, "per_year"]))
        # SQLite's order: undated first, then by date, then in the order they were stored.
        rows.sort(key=lambda r: (r["date"] is not None, r["date"] or "", r["seq"], r["idx"]))
        return [
            FundingRow(
                r["doc_id"],
                r.get("date"),
                Funding(
                    r.get("funder"),
                    r.get("recipient"),
                    r.get("programme"),
                    money_value(r.get("money")),
                    bool(r.get("per_year")),
                ),
            )
            for r in rows
        ]

    def entity_counts(self, type: str | None = None) -> list[EntityCount]:
        """Entities by canonical name with document and mention counts, most frequent first.

        Each entity type lists at most MAX_NAMES names, the ones in most documents."""
        types = [type] if type else list(self._entity_mentions())
        rows = []
        for t in types:
            query = {"bool": {"filter": [{"term": {"kind": "entity"}}, {"term": {"type": t}}]}}
            aggs = {
                "names": {
                    "terms": {"field": "canonical", "size": MAX_NAMES},
                    "aggs": {
                        "mentions": {"sum": {"field": "mentions"}},
                        "role": _greatest("role"),
                        "affiliation": _greatest("affiliation"),
                    },
                }
            }
            with self._guard("count entities"):
                found = self.client.search(index=self.alias, query=query, size=0, aggs=aggs)
            rows += [
                EntityCount(
                    t,
                    b["key"],
                    b["doc_count"],
                    int(b["mentions"]["value"]),
                    _top(b["role"]),
                    _top(b["affiliation"]),
                )
                for b in found["aggregations"]["names"]["buckets"]
            ]
        return sorted(rows, key=lambda r: (-r.documents, -r.mentions, r.type, r.canonical))

    def _entity_mentions(self) -> dict[str, int]:
        """Mentions per entity type, by type."""
        aggs = {
            "types": {
                "terms": {"field": "type", "size": 100},
                "aggs": {"mentions": {"sum": {"field": "mentions"}}},
            }
        }
        with self._guard("count entities"):
            found = self.client.search(
                index=self.alias, query={"term": {"kind": "entity"}}, size=0, aggs=aggs
            )
        buckets = found["aggregations"]["types"]["buckets"]
        return {b["key"]: int(b["mentions"]["value"]) for b in sorted(buckets, key=_bucket_key)}

    def count(self) -> int:
        """How many documents the archive holds."""
        with self._guard("count documents"):
            return self.client.count(index=self.alias, query={"term": {"kind": "doc"}})["count"]

    def stats(self) -> dict:
        """Counts of documents, passages and entities per type."""
        aggs = {"kinds": {"terms": {"field": "kind", "size": 10}}}
        with self._guard("count documents"):
            found = self.client.search(index=self.alias, size=0, aggs=aggs)["aggregations"]
            vectors = self._vector_count()
        kinds = {b["key"]: b["doc_count"] for b in found["kinds"]["buckets"]}
        return {
            "documents": kinds.get("doc", 0),
            "passages": kinds.get("passage", 0),
            "vectors": vectors,
            "funding": kinds.get("funding", 0),
            "entities": self._entity_mentions(),
        }

    def reindex(self, shards: int | None = None, replicas: int | None = None) -> tuple[str, str]:
        """Copy the archive into a new versioned index with the current mappings and move
        the alias to it in one atomic step; returns (old index, new index).

        Writes made while the copy runs go to the old index and are lost: pause indexing."""
        with self._guard("reindex"):
            current = next(iter(self.client.indices.get_alias(name=self.alias)))
            settings = self.client.indices.get_settings(index=current)[current]["settings"]
            versions = [
                int(m.group(1))
                for name in self.client.indices.get(index=f"{self.alias}-v*")
                if (m := re.fullmatch(rf"{re.escape(self.alias)}-v(\d+)", name))
            ]
            new = f"{self.alias}-v{max(versions, default=0) + 1}"
            self._create(
                new,
                shards or int(settings["index"]["number_of_shards"]),
                replicas if replicas is not None else int(settings["index"]["number_of_replicas"]),
                alias=False,
            )
            result = self.client.options(request_timeout=24 * 3600).reindex(
                source={"index": current}, dest={"index": new}, refresh=True
            )
            copied = self.client.count(index=new)["count"]
            expected = self.client.count(index=current)["count"]
            if result.get("failures") or copied != expected:
                self.client.indices.delete(index=new)
                raise StoreError(
                    f"reindexing {current} into {new} copied {copied} of {expected} records; "
                    "the alias still points to the old index"
                )
            self.client.indices.update_aliases(
                actions=[
                    {"remove": {"index": current, "alias": self.alias}},
                    {"add": {"index": new, "alias": self.alias}},
                ]
            )
        return current, new

    def drop_index(self, index: str) -> None:
        """Delete an index that no longer serves the alias (e.g. after reindexing)."""
        with self._guard("delete the old index"):
            if self.alias in self.client.indices.get_alias(index=index).get(index, {}).get(
                "aliases", {}
            ):
                raise StoreError(f"{index} still serves {self.alias}; not deleting it")
            self.client.indices.delete(index=index)

    def close(self) -> None:
        """Close the client's connections."""
        self.client.close()


class _Writer:
    """Collects adds, deletes and vectors; the last operation on a document id wins, as in
    SQLite."""

    def __init__(self) -> None:
        self.pending: dict[str, Document | None] = {}
        self.vectors: dict[str, np.ndarray] = {}  # applied after the documents

    def add(self, doc: Document) -> None:
        """Store a document, replacing any earlier version with the same id."""
        self.pending.pop(doc.id, None)
        self.vectors.pop(doc.id, None)
        self.pending[doc.id] = doc

    def delete(self, doc_id: str) -> None:
        """Remove a document and everything derived from it (no-op if absent)."""
        self.pending.pop(doc_id, None)
        self.vectors.pop(doc_id, None)
        self.pending[doc_id] = None

    def set_vectors(self, doc_id: str, vectors: np.ndarray) -> None:
        """Give a stored document's passages their vectors, one row each; a document that
        is gone, or whose passages changed meanwhile (another number), is left alone."""
        self.vectors[doc_id] = vectors


def _credentials() -> dict:
    """Client options for the credentials and CA certificate in the environment."""
    out: dict = {}
    if os.environ.get(ENV_CA_CERTS):
        out["ca_certs"] = os.environ[ENV_CA_CERTS]
    if os.environ.get(ENV_API_KEY):
        out["api_key"] = os.environ[ENV_API_KEY]
    elif os.environ.get(ENV_USER) or os.environ.get(ENV_PASSWORD):
        if not (os.environ.get(ENV_USER) and os.environ.get(ENV_PASSWORD)):
            raise StoreError(f"set both {ENV_USER} and {ENV_PASSWORD}, or {ENV_API_KEY}")
        out["basic_auth"] = (os.environ[ENV_USER], os.environ[ENV_PASSWORD])
    return out


def _int_option(query: dict[str, list[str]], name: str, default: int) -> int:
    values = query.get(name)
    if not values:
        return default
    if not values[0].isdigit():
        raise StoreError(f"{name}= in the Elasticsearch URL must be a whole number")
    return int(values[0])


def _docs() -> dict:
    return {"term": {"kind": "doc"}}


def _reason(exc: ApiError) -> str:
    """The error type and reason Elasticsearch gave, without its stack of causes."""
    error = exc.body.get("error") if isinstance(exc.body, dict) else None
    if isinstance(error, dict):
        cause = error.get("caused_by") or error
        return f"{cause.get('type')}: {cause.get('reason')}"
    return f"{exc.message} (status {exc.meta.status})"


def _item_reason(result: dict) -> str:
    error = result.get("error")
    if isinstance(error, dict):
        cause = error.get("caused_by") or error
        return str(cause.get("reason") or error.get("type"))
    return str(error or f"status {result.get('status')}")


def _key(value: object) -> str:
    return str(int(value)) if isinstance(value, int | float) else str(value)


def _greatest(field: str) -> dict:
    """An aggregation for a keyword field's greatest value (SQL's max() on text)."""
    return {"terms": {"field": field, "size": 1, "order": {"_key": "desc"}}}


def _top(agg: dict) -> str | None:
    return agg["buckets"][0]["key"] if agg["buckets"] else None


def _bucket_key(bucket: dict) -> str:
    return bucket["key"]
