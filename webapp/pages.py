"""HTML pages: search, a document with its entities, and the entity lists."""

from __future__ import annotations

import math

from flask import Blueprint, Response, abort, render_template, request

from webapp.archive import current_archive
from webapp.params import DEFAULT_LIMIT, entity_args, page_number, search_query
from webapp.render import (
    TYPE_LABELS,
    entities_csv,
    entity_name,
    entity_title,
    format_date,
    format_nok,
    language_name,
    legend,
    marked_text,
    type_label,
)

bp = Blueprint("pages", __name__)
MODE_LABELS = {"hybrid": "Kombinert", "keyword": "Nøkkelord", "semantic": "Semantisk"}
ENTITIES_PER_PAGE = 100

for _filter in (format_date, format_nok, language_name, type_label, entity_name, entity_title):
    bp.add_app_template_filter(_filter)


@bp.get("/")
def search() -> str:
    """The search form and, when there is a query, one page of results."""
    query = search_query(request.args, required=False)
    archive = current_archive()
    return render_template(
        "search.html",
        query=query,
        page=archive.search(query) if query.text else None,
        modes=MODE_LABELS,
        default_limit=DEFAULT_LIMIT,
        semantic=archive.semantic,
    )


@bp.get("/documents/<doc_id>")
def document(doc_id: str) -> str:
    """A document's text with its entities marked, its funding events and similar documents."""
    archive = current_archive()
    doc = archive.document(doc_id)
    if doc is None:
        abort(404, "Dokumentet finnes ikke i arkivet.")
    return render_template(
        "document.html",
        doc=doc,
        text=marked_text(doc.text, doc.entities),
        legend=legend(doc.entities),
        similar=archive.similar(doc),
        semantic=archive.semantic,
    )


@bp.get("/entities")
def entities() -> str:
    """Entities of one type or all, with document and mention counts, sortable and paged."""
    args = entity_args(request.args)
    page = page_number(request.args)
    rows = current_archive().entities(args.type, args.sort)
    start = (page - 1) * ENTITIES_PER_PAGE
    return render_template(
        "entities.html",
        args=args,
        page=page,
        rows=rows[start : start + ENTITIES_PER_PAGE],
        total=len(rows),
        pages=max(1, math.ceil(len(rows) / ENTITIES_PER_PAGE)),
        types=TYPE_LABELS,
    )


@bp.get("/entities.csv")
def entities_download() -> Response:
    """The entity list as a CSV file for spreadsheets."""
    args = entity_args(request.args)
    return entities_csv(current_archive().entities(args.type, args.sort), args.type)
