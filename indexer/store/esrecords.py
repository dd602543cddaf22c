"""How documents are laid out in Elasticsearch: the mapping, and Document ⇄ index records.

One index holds four kinds of records, each routed by its document's id so that a
document and everything derived from it live on one shard:

- `doc`: the document, stored whole for display, with its search, filter and facet fields;
- `passage`: one per passage, with its vector (dense_vector, cosine, HNSW);
- `funding`: one per funding event, queryable by programme, year and amount;
- `entity`: one per (document, type, canonical name), with the number of mentions.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from indexer.store import FACETS
from indexer.store.esquery import name_key
from indexer.types import Document, Passage
from nlp.analysis import terms
from nlp.types import Entity, Funding, Value

ENTITY_FACETS = {name: field for name, field in FACETS.items() if field.isupper()}
KEYWORD = {"type": "keyword"}
TERMS = {"type": "text", "analyzer": "whitespace"}  # our own analysed terms, split on spaces
MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "kind": KEYWORD,
        "key": KEYWORD,  # the record's id again: a unique sort key for paging
        "doc_id": KEYWORD,
        "seq": {"type": "long"},  # when the document was added: SQLite's rowid order
        "source": KEYWORD,
        "hash": {"type": "keyword", "index": False},
        "date": KEYWORD,  # ISO dates sort as strings
        "year": {"type": "integer"},
        "lang": KEYWORD,
        "title_terms": TERMS,
        "body_terms": TERMS,
        "facet": {"properties": {field: KEYWORD for field in ENTITY_FACETS.values()}},
        "name_keys": KEYWORD,
        "money": {"type": "double_range"},
        "amount": {"type": "double"},
        "stored": {"type": "object", "enabled": False},
        "idx": {"type": "integer"},
        "vec": {
            "type": "dense_vector",
            "index": True,
            "similarity": "cosine",
            "index_options": {"type": "hnsw", "m": 16, "ef_construction": 100},
        },
        "funder": KEYWORD,
        "recipient": KEYWORD,
        "programme": KEYWORD,
        "per_year": {"type": "boolean"},
        "type": KEYWORD,
        "canonical": KEYWORD,
        "mentions": {"type": "integer"},
        "role": KEYWORD,
        "affiliation": KEYWORD,
    },
}


def records(doc: Document, seq: int) -> list[dict]:
    """The index records of one document; the document itself comes last, so a document
    is only seen as stored (by its hash) once everything derived from it is."""
    base = {"_routing": doc.id, "doc_id": doc.id}
    year = int(doc.date[:4]) if doc.date else None
    out: list[dict] = []
    for i, _ in enumerate(doc.passages):
        passage = {**base, "_id": f"{doc.id}/p{i}", "kind": "passage", "idx": i}
        if doc.vectors is not None:
            passage["vec"] = doc.vectors[i].astype(np.float32).tolist()
        out.append(passage)
    for i, f in enumerate(doc.funding):
        out.append(
            {
                **base,
                "_id": f"{doc.id}/f{i}",
                "kind": "funding",
                "idx": i,
                "date": doc.date,
                "year": year,
                "funder": f.funder,
                "recipient": f.recipient,
                "programme": f.programme,
                "money": money_range(f.amount),
                "per_year": f.per_year,
            }
        )
    names: dict[tuple[str, str], list[Entity]] = {}
    for e in doc.entities:
        names.setdefault((e.type, e.canonical), []).append(e)
    for n, ((type, canonical), mentions) in enumerate(names.items()):
        out.append(
            {
                **base,
                "_id": f"{doc.id}/e{n}",
                "kind": "entity",
                "type": type,
                "canonical": canonical,
                "mentions": len(mentions),
                # The greatest, as SQL's max() picks one role among the mentions.
                "role": _greatest(e.role for e in mentions),
                "affiliation": _greatest(e.affiliation for e in mentions),
            }
        )
    for record in out:
        record["key"] = record["_id"]
        record["seq"] = seq
    money = [e.value for e in doc.entities if e.type == "MONEY" and e.value is not None]
    out.append(
        {
            **base,
            "_id": doc.id,
            "key": doc.id,
            "kind": "doc",
            "seq": seq,
            "source": doc.source,
            "hash": doc.hash,
            "date": doc.date,
            "year": year,
            "lang": doc.language,
            "title_terms": " ".join(terms(doc.title)),
            "body_terms": " ".join(terms(doc.text)),
            "facet": {
                field: sorted({e.canonical for e in doc.entities if e.type == field})
                for field in ENTITY_FACETS.values()
            },
            "name_keys": sorted(
                {name_key(e.type, n) for e in doc.entities for n in (e.canonical, e.text)}
            ),
            "money": [money_range(v) for v in money],
            "amount": max((v[1] if isinstance(v, tuple) else v for v in money), default=None),
            "stored": {**stored(doc), "children": [r["_id"] for r in out]},
        }
    )
    return out


def _greatest(values: Iterable[str | None]) -> str | None:
    return max((v for v in values if v is not None), default=None)


def money_range(value: Value) -> dict | None:
    """A money value as an Elasticsearch range, so that range queries mean "any amount in it"."""
    if value is None:
        return None
    lo, hi = value if isinstance(value, tuple) else (value, value)
    return {"gte": lo, "lte": hi}


def money_value(raw: object) -> Value:
    """A money value back from its stored form: a number, a [min, max] pair or a range."""
    if raw is None:
        return None
    if isinstance(raw, dict):
        raw = [raw["gte"], raw["lte"]]
    if isinstance(raw, list):
        lo, hi = float(raw[0]), float(raw[1])
        return lo if lo == hi else (lo, hi)
    return float(raw)  # type: ignore[arg-type]


def stored(doc: Document) -> dict:
    """The document as JSON, for display and for `get`."""
    return {
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "date": doc.date,
        "language": doc.language,
        "text": doc.text,
        "hash": doc.hash,
        "entities": [e.as_dict() for e in doc.entities],
        "funding": [f.as_dict() for f in doc.funding],
        "passages": [[p.start, p.end] for p in doc.passages],
    }


def document(s: dict) -> Document:
    """A document back from its stored JSON."""
    return Document(
        id=s["id"],
        source=s["source"],
        title=s["title"],
        date=s["date"],
        language=s["language"],
        text=s["text"],
        hash=s["hash"],
        entities=tuple(
            Entity(
                type=e["type"],
                text=e["text"],
                start=e["start"],
                end=e["end"],
                canonical=e["canonical"],
                value=money_value(e.get("value")),
                per_year=bool(e.get("per_year")),
                role=e.get("role"),
                affiliation=e.get("affiliation"),
            )
            for e in s["entities"]
        ),
        funding=tuple(
            Funding(
                funder=f["funder"],
                recipient=f["recipient"],
                programme=f["programme"],
                amount=money_value(f["amount"]),
                per_year=bool(f["per_year"]),
            )
            for f in s["funding"]
        ),
        passages=tuple(Passage(start, end) for start, end in s["passages"]),
    )
