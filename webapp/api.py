"""The JSON API under /api/v1 for programs and analysts; described by /api/v1/openapi.json."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from indexer.types import Document
from webapp.archive import current_archive
from webapp.openapi import SPEC
from webapp.params import (
    entity_args,
    entity_type,
    output_format,
    page_limit,
    page_number,
    search_query,
)
from webapp.render import entities_file

bp = Blueprint("api", __name__, url_prefix="/api/v1")
API_FACETS = 10


@bp.get("/search")
def search() -> dict:
    """One page of hits for q, ranked by mode."""
    query = search_query(request.args, required=True, facets=API_FACETS)
    return current_archive().search(query).as_dict()


@bp.get("/documents/<doc_id>")
def document(doc_id: str) -> dict:
    """A stored document with its text, entities, funding events and passages."""
    doc = current_archive().document(doc_id)
    if doc is None:
        abort(404, f"Fant ikke dokumentet {doc_id!r}.")
    return document_dict(doc)


@bp.get("/documents/<doc_id>/similar")
def similar(doc_id: str) -> dict:
    """Documents like this one, with the entity names they share."""
    archive = current_archive()
    doc = archive.document(doc_id)
    if doc is None:
        abort(404, f"Fant ikke dokumentet {doc_id!r}.")
    return {
        "similar": [
            {
                "id": s.document.id,
                "title": s.document.title,
                "date": s.document.date,
                "source": s.document.source,
                "shared": list(s.shared),
            }
            for s in archive.similar(doc)
        ]
    }


@bp.get("/entities")
def entities() -> dict | Response:
    """Entity counts, optionally of one type: a page of JSON, or the whole list as CSV or Excel."""
    args = entity_args(request.args)
    fmt = output_format(request.args)
    rows = current_archive().entities(args.type, args.sort, args.contains)
    if fmt != "json":
        return entities_file(rows, args.type, fmt)
    limit = page_limit(request.args)
    page = page_number(request.args)
    return {
        "type": args.type,
        "sort": args.sort,
        "total": len(rows),
        "page": page,
        "limit": limit,
        "entities": [r.as_dict() for r in rows[(page - 1) * limit : page * limit]],
    }


@bp.get("/entities/<type>/<path:name>")
def entity(type: str, name: str) -> dict:
    """One entity: documents, mentions, co-occurring names and documents per year."""
    found = current_archive().entity(entity_type(type), name)
    if found is None:
        abort(404, f"Ingen dokumenter nevner {name!r}.")
    return found.as_dict()


@bp.get("/funding")
def funding() -> dict:
    """Every funding event with the document that states it."""
    return {"funding": [row.as_dict() for row in current_archive().funding()]}


@bp.get("/stats")
def stats() -> dict:
    """How many documents, passages, vectors, funding events and entities the archive holds."""
    return current_archive().stats()


@bp.get("/openapi.json")
def openapi() -> dict:
    """The OpenAPI 3.0 description of this API."""
    return SPEC


def document_dict(doc: Document) -> dict:
    """The JSON form of a stored document."""
    return {
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "date": doc.date,
        "language": doc.language,
        "text": doc.text,
        "entities": [e.as_dict() for e in doc.entities],
        "funding": [f.as_dict() for f in doc.funding],
        "passages": [{"start": p.start, "end": p.end} for p in doc.passages],
    }
