"""HTML pages: search, a document, the entity explorer, one entity, and the funding overview."""

from __future__ import annotations

import math
from dataclasses import replace

from flask import Blueprint, Response, abort, render_template, request
from markupsafe import Markup

from indexer.store import FACETS
from nlp.types import Entity
from webapp.archive import FACET_OF_TYPE, current_archive
from webapp.charts import horizontal, overview
from webapp.facets import LABELS as FACET_LABELS
from webapp.facets import facet_groups, facet_query
from webapp.params import (
    DEFAULT_LIMIT,
    RANGES,
    entity_args,
    entity_type,
    page_number,
    search_query,
)
from webapp.render import (
    TYPE_LABELS,
    entities_file,
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
SORT_LABELS = {"relevance": "Relevans", "newest": "Nyeste", "amount": "Største beløp"}
ENTITIES_PER_PAGE = 100
CONTEXT = 90  # characters shown either side of a mention

for _filter in (format_date, format_nok, language_name, type_label, entity_name, entity_title):
    bp.add_app_template_filter(_filter)


@bp.get("/")
def search() -> str:
    """The search form and, when there is a query or a filter, one page of results."""
    query = search_query(request.args, required=False)
    archive = current_archive()
    page = archive.search(query) if query.text or query.filters else None
    # Everything but the page number, to build pager and sort links that keep the search.
    state = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "search.html",
        query=query,
        page=page,
        facets=facet_groups(query.text, page.results.facets) if page else [],
        state=state,
        ranges={name: request.args.get(name, "") for name in RANGES},
        modes=MODE_LABELS,
        sorts=SORT_LABELS,
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
        link=doc.source if doc.source.startswith(("http://", "https://")) else None,
    )


@bp.get("/entities")
def entities() -> str:
    """Entities of one type or all, with document and mention counts, sortable and paged."""
    args = entity_args(request.args)
    page = page_number(request.args)
    rows = current_archive().entities(args.type, args.sort, args.contains)
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


@bp.get("/entities.<fmt>")
def entities_download(fmt: str) -> Response:
    """The entity list as a CSV or Excel file for spreadsheets."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    args = entity_args(request.args)
    rows = current_archive().entities(args.type, args.sort, args.contains)
    return entities_file(rows, args.type, fmt)


@bp.get("/entities/<type>/<path:name>")
def entity(type: str, name: str) -> str:
    """One entity: its mentions in context, documents, co-occurring names and timeline."""
    found = current_archive().entity(entity_type(type), name)
    if found is None:
        abort(404, "Ingen dokumenter nevner denne entiteten.")
    facet = FACET_OF_TYPE.get(found.type)
    return render_template(
        "entity.html",
        entity=found,
        contexts=[(doc, _context(doc.text, e)) for doc, e in found.mentions],
        timeline=horizontal(found.timeline),
        search=facet_query("", facet, found.name) if facet else None,
        facet_labels=FACET_LABELS,
        facet_types=FACETS,
        plain=str,
    )


@bp.get("/funding")
def funding() -> str:
    """Funding events as charts: per programme and year, top recipients, per cluster."""
    archive = current_archive()
    rows = archive.funding()
    clusters = {r.canonical for r in archive.entities("CLUSTER")}
    return render_template(
        "funding.html", overview=overview(rows, clusters), rows=rows, nok=format_nok
    )


def _context(text: str, entity: Entity) -> Markup:
    """The words around a mention, escaped, with the mention marked."""
    left = max(0, entity.start - CONTEXT)
    right = min(len(text), entity.end + CONTEXT)
    # Start and end on whole words.
    if left:
        left = text.find(" ", left, entity.start) + 1 or left
    if right < len(text):
        right = text.rfind(" ", entity.end, right) if " " in text[entity.end : right] else right
    shifted = replace(entity, start=entity.start - left, end=entity.end - left)
    marked = marked_text(text[left:right].replace("\n", " "), (shifted,))
    return Markup("…" if left else "") + marked + Markup("…" if right < len(text) else "")
