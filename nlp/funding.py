"""Funding events: sentences that state a grant, read as funder, recipient, programme, amount."""

from __future__ import annotations

import re
from collections import Counter

from nlp.types import Entity, Funding

GRANT = re.compile(
    r"\b(støtte\w*|støtta|tildel\w*|innvilg\w*|bevilg\w*|løyv\w*|går inn med|gjekk inn med|"
    r"gikk inn med|finansier\w*|tilskudd\w*|tilskot\w*|midler|midlar|får|fikk|fått|fekk)\b",
    re.IGNORECASE,
)


def find_funding(
    text: str,
    sentences: list[tuple[int, int]],
    entities: list[Entity],
    funders: set[str],
    programme_funders: dict[str, str],
) -> list[Funding]:
    """One funding event per sentence that has an amount and a word for granting.

    `funders` are canonical names of funding bodies; `programme_funders` maps a programme
    to the body that runs it, used when a sentence names only the programme. When a
    sentence names no recipient, the document's most mentioned cluster is taken.
    """
    clusters = Counter(e.canonical for e in entities if e.type == "CLUSTER")
    main_cluster = clusters.most_common(1)[0][0] if clusters else None
    doc_programmes = [e.canonical for e in entities if e.type == "PROGRAMME"]
    events = []
    for start, end in sentences:
        inside = [e for e in entities if start <= e.start and e.end <= end]
        amounts = [e for e in inside if e.type == "MONEY"]
        if not amounts or not GRANT.search(text, start, end):
            continue
        programme = _first(inside, "PROGRAMME") or (
            doc_programmes[0] if len(set(doc_programmes)) == 1 else None
        )
        funder = next((e.canonical for e in inside if e.canonical in funders), None)
        if funder is None and programme:
            funder = programme_funders.get(programme)
        recipient = _first(inside, "CLUSTER") or next(
            (e.canonical for e in inside if e.type == "ORG" and e.canonical not in funders), None
        )
        amount = amounts[0]
        events.append(
            Funding(
                funder=funder,
                recipient=recipient or main_cluster,
                programme=programme,
                amount=amount.value,
                per_year=amount.per_year,
            )
        )
    return events


def _first(entities: list[Entity], type: str) -> str | None:
    return next((e.canonical for e in entities if e.type == type), None)
