"""Funding events: sentences that state a grant, read as funder, recipient, programme, amount."""

from __future__ import annotations

import re
from collections import Counter

from nlp.types import Entity, Funding

GRANT = re.compile(
    r"\b(støtte\w*|støtta|tildel\w*|innvilg\w*|bevilg\w*|løyv\w*|går inn med|gjekk inn med|"
    r"gikk inn med|satt av|sett av|avsatt|finansier\w*|tilskudd\w*|tilskot\w*|midler|midlar|"
    r"får|fikk|fått|fekk)\b",
    re.IGNORECASE,
)

# Budgets and rules for every cluster state money without a particular recipient.
NO_RECIPIENT = re.compile(
    r"\b(ramme\w*|finansieringsramme\w*|budsjett\w*|totalt|til sammen|hver klynge|"
    r"hvert prosjekt|kvar klynge|kvart prosjekt)\b",
    re.IGNORECASE,
)


def find_funding(
    text: str,
    sentences: list[tuple[int, int]],
    entities: list[Entity],
    funders: set[str],
    programme_funders: dict[str, str],
) -> list[Funding]:
    """One funding event per amount in a sentence that has a word for granting.

    `funders` are canonical names of funding bodies; `programme_funders` maps a programme
    to the body that runs it, used when a sentence names only the programme. When a
    sentence names no recipient and the document is about a single cluster, that cluster
    is taken; budgets and per-cluster rules ("Hver klynge kan motta …") get no recipient.
    """
    clusters = {e.canonical for e in entities if e.type == "CLUSTER"}
    only_cluster = next(iter(clusters)) if len(clusters) == 1 else None
    only_programme = _dominant([e.canonical for e in entities if e.type == "PROGRAMME"])
    events = []
    for start, end in _paragraph_bounded(text, sentences):
        inside = [e for e in entities if start <= e.start and e.end <= end]
        amounts = [e for e in inside if e.type == "MONEY"]
        if not amounts or not GRANT.search(text, start, end):
            continue
        programme = _first(inside, "PROGRAMME") or only_programme
        funder = next((e.canonical for e in inside if e.canonical in funders), None)
        if funder is None and programme:
            funder = programme_funders.get(programme)
        recipient = _first(inside, "CLUSTER")
        if recipient is None and not NO_RECIPIENT.search(text, start, end):
            recipient = next(
                (e.canonical for e in inside if e.type == "ORG" and e.canonical not in funders),
                only_cluster,
            )
        events += [
            Funding(funder, recipient, programme, amount.value, amount.per_year)
            for amount in amounts
        ]
    return events


def _paragraph_bounded(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences cut at blank lines: scraped pages run headings and labels into the text."""
    spans = []
    for start, end in sentences:
        for part in re.finditer(r"(?:(?!\n\s*\n).)+", text[start:end], re.DOTALL):
            spans.append((start + part.start(), start + part.end()))
    return spans


def _dominant(names: list[str]) -> str | None:
    """The name mentioned more often than all the others together, if there is one."""
    counts = Counter(names).most_common()
    if counts and counts[0][1] > sum(n for _, n in counts[1:]):
        return counts[0][0]
    return None


def _first(entities: list[Entity], type: str) -> str | None:
    return next((e.canonical for e in entities if e.type == type), None)
