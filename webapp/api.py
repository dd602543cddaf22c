"""The JSON API under /api/v1 for programs and analysts; described by /api/v1/openapi.json."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from indexer.types import Document
from webapp.archive import current_archive
from webapp.openapi import SPEC
from webapp.params import entity_args, output_format, search_query
from webapp.render import entities_csv

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/search")
def search() -> dict:
    """One page of hits for q, ranked by mode."""
    return current_archive().search(search_query(request.args, required=True)).as_dict()


@bp.get("/documents/<doc_id>")
def document(doc_id: str) -> dict:
    """A stored document with its text, entities, funding events and passages."""
    doc = current_archive().document(doc_id)
    if doc is None:
        abort(404, f"Fant ikke dokumentet {doc_id!r}.")
    return document_dict(doc)


@bp.get("/entities")
def entities() -> dict | Response:
    """Entity counts, optionally of one type, as JSON or CSV."""
    args = entity_args(request.args)
    fmt = output_format(request.args)
    rows = current_archive().entities(args.type, args.sort)
    if fmt == "csv":
        return entities_csv(rows, args.type)
    return {"type": args.type, "sort": args.sort, "entities": [r.as_dict() for r in rows]}


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
