"""The words around a grant: the sentences and paragraph it stands in, the bodies named there,
and the company, cluster or project a sentence points back at."""

from __future__ import annotations

import re
from collections.abc import Callable

from nlp.grant_words import (
    CLUSTER_BACK,
    COMPANY_BACK,
    FROM,
    GRANTING_BODY,
    LEADER_FIELD,
    LED_BY,
    NOUN_BACK,
    OWNER,
    OWNS_IT,
    PROJECT_BACK,
    THEY_BACK,
    THING_FINANCED,
)
from nlp.names import COMPANY_FORM
from nlp.types import Entity


def subject_named_before(
    text: str, start: int, entities: list[Entity], cluster: str | None, funders: set[str]
) -> str | None:
    """The company or cluster a sentence opening "Selskapet …", "Gartneriet …", "Båten er
    finansiert …", "Den har fått …", "Klyngen …" or "Prosjektet …" refers back to."""

    def actor(e: Entity) -> bool:
        return e.type in ("ORG", "CLUSTER") and not funding_body(e, funders)

    opening = text[start : start + 20]
    if COMPANY_BACK.match(opening) and opening[0].isupper():
        return last_before(entities, start, is_company)
    if named := _named_by_its_noun(text, start, entities) or _owner_of_noun(text, start, entities):
        return named
    if THING_FINANCED.match(text, start):
        top = paragraph(text, start, start)[0]
        return last_before(entities, start, lambda e: e.start >= top and is_company(e))
    if THEY_BACK.match(text, start):
        top = paragraph(text, start, start)[0]
        return last_before(entities, start, lambda e: e.start >= top and actor(e))
    if CLUSTER_BACK.match(opening) and opening[0].isupper():
        return last_before(entities, start, lambda e: e.type == "CLUSTER") or cluster
    if PROJECT_BACK.match(opening):
        named = within(entities, start, paragraph(text, start, start)[1])
        leader = project_leader(text, named) or project_owner(text, entities)
        return leader or last_before(
            entities, start, lambda e: is_company(e) or e.type == "CLUSTER"
        )
    return None


def _named_by_its_noun(text: str, start: int, entities: list[Entity]) -> str | None:
    """The company named before whose name the noun opening a sentence is a word of:
    "Gartneriet får …" after "Tjølling Gartneri AS", "Krabbemottaket" after "Båtsfjord
    Krabbemottak AS"."""
    noun = NOUN_BACK.match(text, start)
    if noun is None:
        return None
    stem = noun.group("stem").casefold()
    return last_before(entities, start, lambda e: is_company(e)
                        and stem in e.canonical.casefold().split()[:-1])  # fmt: skip


def _owner_of_noun(text: str, start: int, entities: list[Entity]) -> str | None:
    """The company or cluster the text named as owning the thing a sentence opens with:
    "Testfjøset ble bygget med en gave …" after "i testfjøset til Landbruksteknologiklyngen
    Jæren"."""
    noun = NOUN_BACK.match(text, start)
    if noun is None:
        return None
    owned = re.compile(rf"\b{noun.group()}\s+(?:til|hos|åt|ved)\s+", re.IGNORECASE)
    owners = [e.canonical for m in owned.finditer(text, 0, start) for e in entities
              if e.start == m.end() and e.type in ("ORG", "CLUSTER")]  # fmt: skip
    return owners[-1] if owners else None


def project_owner(text: str, entities: list[Entity]) -> str | None:
    """The organisation a header field names as the project's owner or leader:
    "Prosjektansvarlig: Glommen Skogdata AS", "Prosjektleder: Stein Aasheim, Bergstad Betong AS"."""
    # An owner's field ("Prosjektansvarleg: Sjøbruksklynga Hardanger") before a leader's
    # ("Prosjektleiar: Synnøve Ljones, Ljones Marinservice AS").
    fields = sorted(OWNER.finditer(text), key=lambda m: bool(LEADER_FIELD.match(m.group())))
    named = (e for m in fields for e in within(entities, *m.span()))
    return next((e.canonical for e in named if e.type in ("ORG", "CLUSTER")), None)


def project_leader(text: str, entities: list[Entity]) -> str | None:
    """The first organisation "ledes av" introduces, or that "som prosjekteigar" follows: a
    project's grant is its leader's or owner's."""
    return next((e.canonical for e in entities if e.type == "ORG"
                 and (LED_BY.search(text, e.start - 30, e.start) or OWNS_IT.match(text, e.end))),
                None)  # fmt: skip


def referred(text: str, start: int, end: int, entities: list[Entity]) -> str | None:
    """The company or cluster named before that "selskapet" or "klyngen" inside a sentence
    refers back to: "Innovasjon Norge bevilger klyngen 7 millioner kroner"."""
    if COMPANY_BACK.search(text, start, end):
        return last_before(entities, start, is_company)
    if CLUSTER_BACK.search(text, start, end):
        return last_before(entities, start, lambda e: e.type == "CLUSTER")
    return None


def last_before(entities: list[Entity], start: int, wanted: Callable[[Entity], bool]) -> str | None:
    """The organisation or cluster `wanted` picks that was named last before `start`."""
    found = [e for e in entities if e.end <= start and e.type in ("ORG", "CLUSTER") and wanted(e)]
    return found[-1].canonical if found else None


def within(entities: list[Entity], start: int, end: int) -> list[Entity]:
    return [e for e in entities if start <= e.start and e.end <= end]


def first(entities: list[Entity], type: str) -> str | None:
    return next((e.canonical for e in entities if e.type == type), None)


def funding_bodies(text: str, inside: list[Entity], funders: set[str]) -> list[Entity]:
    """Funding bodies in a sentence; failing those, organisations the money comes "fra"."""
    bodies = [e for e in inside if funding_body(e, funders)]
    if bodies:
        return bodies
    return [e for e in inside if e.type == "ORG" and FROM.search(text, e.start - 5, e.start)]


def non_funders(inside: list[Entity], funders: set[str], funder: str | None) -> list[str]:
    """Organisations and clusters of a sentence that are no funding body, in order."""
    return [
        e.canonical for e in inside if e.type in ("ORG", "CLUSTER")
        and e.canonical != funder and not funding_body(e, funders)
    ]  # fmt: skip


def funding_body(entity: Entity, funders: set[str]) -> bool:
    """A body that gives grants: a funder the knowledge base knows, or a council, ministry or
    foundation by its name."""
    return entity.canonical in funders or (
        entity.type == "ORG" and bool(GRANTING_BODY.search(entity.canonical))
    )


def is_company(entity: Entity) -> bool:
    return bool(COMPANY_FORM.search(entity.canonical))


def paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The blank-line-bounded paragraph around a sentence."""
    begin = text.rfind("\n\n", 0, start)
    stop = text.find("\n\n", end)
    return (0 if begin < 0 else begin, len(text) if stop < 0 else stop)


def neighbour(text: str, spans: list[tuple[int, int]], i: int, step: int) -> tuple[int, int] | None:
    """The sentence before or after the i-th in the same paragraph."""
    j = i + step
    if not 0 <= j < len(spans):
        return None
    first, second = sorted((spans[i], spans[j]))
    return None if "\n\n" in text[first[1] : second[0]] else spans[j]
