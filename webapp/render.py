"""Archive values as display text: Norwegian dates and amounts, entity-marked HTML, CSV."""

from __future__ import annotations

from datetime import date

from flask import Response
from markupsafe import Markup, escape

from indexer import export
from indexer.types import EntityCount
from nlp.types import Entity, Value

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Every entity type the analysis reports, in the order legends and filters show them.
TYPE_LABELS = {
    "CLUSTER": "Klynge",
    "PROGRAMME": "Program",
    "ORG": "Organisasjon",
    "PERSON": "Person",
    "LOCATION": "Sted",
    "MONEY": "Beløp",
    "DATE": "Dato",
}
LANGUAGES = {"nb": "bokmål", "nn": "nynorsk", "en": "engelsk"}
MONTHS = (
    "januar februar mars april mai juni juli august september oktober november desember"
).split()


def type_label(type: str) -> str:
    """The bokmål name of an entity type."""
    return TYPE_LABELS.get(type, type.title())


def format_date(iso: str | None) -> str:
    """An ISO date as "22. mars 2017"; anything unparseable as it is."""
    if not iso:
        return "ukjent dato"
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def language_name(code: str) -> str:
    """A language code as a bokmål word."""
    return LANGUAGES.get(code, code)


def format_nok(value: Value, per_year: bool = False) -> str:
    """A NOK amount or range written the Norwegian way, e.g. "kr 1 500 000–2 500 000 per år"."""
    if value is None:
        return "–"
    if isinstance(value, tuple):
        low, high = value
        text = f"inntil kr {_number(high)}" if not low else f"kr {_number(low)}–{_number(high)}"
    else:
        text = f"kr {_number(value)}"
    return text + (" per år" if per_year else "")


def _number(value: float) -> str:
    # Norwegian groups thousands with a (non-breaking) space.
    return f"{round(value):,}".replace(",", "\u00a0")


def entity_name(entity: Entity) -> str:
    """How an entity is shown: its normalised name, or for money the amount in kroner."""
    if entity.type == "MONEY" and entity.value is not None:
        return format_nok(entity.value, entity.per_year)
    return entity.canonical


def entity_title(entity: Entity) -> str:
    """A tooltip for an entity: type, name, and a person's role and affiliation."""
    details = [d for d in (entity.role, entity.affiliation) if d]
    suffix = f" ({', '.join(details)})" if details else ""
    return f"{type_label(entity.type)}: {entity_name(entity)}{suffix}"


def marked_text(text: str, entities: tuple[Entity, ...]) -> Markup:
    """The text HTML-escaped, with each entity in <mark class="ent ent-TYPE">."""
    out: list[str] = []
    pos = 0
    for entity in sorted(entities, key=lambda e: (e.start, -e.end)):
        # Offsets that overlap an earlier mark or fall outside the text cannot be nested.
        if entity.start < pos or entity.end > len(text) or entity.start >= entity.end:
            continue
        out.append(escape(text[pos : entity.start]))
        out.append(
            Markup('<mark class="ent ent-{}" title="{}">{}</mark>').format(
                entity.type, entity_title(entity), text[entity.start : entity.end]
            )
        )
        pos = entity.end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def legend(entities: tuple[Entity, ...]) -> list[tuple[str, str]]:
    """(type, label) of each entity type present, in the usual order."""
    present = {e.type for e in entities}
    known = [(t, label) for t, label in TYPE_LABELS.items() if t in present]
    return known + [(t, type_label(t)) for t in sorted(present - TYPE_LABELS.keys())]


DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", export.entities_csv),
    "xlsx": (XLSX, export.entities_xlsx),
}


def entities_file(rows: list[EntityCount], type: str | None, fmt: str) -> Response:
    """Entity counts as a CSV or Excel download, the same columns as `klyngearkiv entities`."""
    mimetype, write = DOWNLOADS[fmt]
    name = f"entiteter-{type.lower()}.{fmt}" if type else f"entiteter.{fmt}"
    return Response(
        write(rows),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
