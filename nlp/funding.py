"""Funding events: sentences that state a grant, read as funder, recipient, programme, amount."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from nlp.types import Entity, Funding

GRANT = re.compile(
    r"\b(støtte\w*|støtta|tildel\w*|innvilg\w*|bevilg\w*|løyv\w*|går inn med|gjekk inn med|"
    r"gikk inn med|satt av|sett av|avsatt|finansier\w*|tilskudd\w*|tilskot\w*|midler|midlar|"
    r"får|fikk|fått|fekk|gitt|gir|gav|ga|gjev|gjeve|gjeve)\b",
    re.IGNORECASE,
)

# Regional councils grant money too: "Nordland fylkeskommune har løyvd …".
PUBLIC_FUNDER = re.compile(r"\b(?:fylkeskommun[ea]|kommun[ea])$")
# "… 12 MNOK til Agder Karbonverk AS": the recipient follows the amount.
TO = re.compile(r"\s+(?:\S+\s+){0,2}?til\s+")
# "… til klynga", "… til klyngen": the document's cluster.
TO_CLUSTER = re.compile(r"\s+til\s+(?:klyng(?:en|a)|nettverket)\b", re.IGNORECASE)
# Budgets and rules for every cluster state money without a particular recipient.
NO_RECIPIENT = re.compile(
    r"\b(ramme\w*|finansieringsramme\w*|budsjett\w*|totalt|til sammen|hver klynge|"
    r"hvert prosjekt|kvar klynge|kvart prosjekt)\b",
    re.IGNORECASE,
)
# Calls for applications and state budgets name money no one has been granted yet, and
# what grants "normally" are is no grant either.
NOT_GRANT = re.compile(
    r"\b(utlys\w*|lyser\s+ut|lyst\s+ut|lyste\s+ut|søknadsfrist\w*|statsbudsjett\w*|"
    r"normalt|vanligvis|vanlegvis|typisk)\b",
    re.IGNORECASE,
)
# "Fylkeskommunen gir …" points back at the council named before.
COUNCIL_BACK = re.compile(r"\b(?:fylkeskommun(?:en|a)|fylket)\b", re.IGNORECASE)
# "Selskapet fekk …", "Klyngen har fått …": the sentence's subject was named before.
COMPANY_BACK = re.compile(r"(?:Selskapet|Bedriften|Bedrifta|Firmaet|Verksemda|Virksomheten)\b")
CLUSTER_BACK = re.compile(r"(?:Klyngen|Klynga|Nettverket)\b")
COMPANY_FORM = re.compile(r"\s(?:AS|ASA)$")
# "… ledes av Rana AS, som har fått midlene": a recipient named after the grant.
GOT_IT = re.compile(
    r"\s*,\s*som\s+(?:har\s+)?(?:fått|fekk|fikk)\s+(?:midlene|midlane|pengene|pengane|"
    r"støtten|støtta|tilskuddet|tilskotet)\b",
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
    to the body that runs it, used when a sentence names only the programme. Calls for
    applications and state budgets are no grants. "Fylkeskommunen" and "Selskapet" or
    "Klyngen" opening a sentence point back at the council, company or cluster named
    before. When a sentence names no recipient and the document is about a single cluster,
    that cluster is taken; budgets and per-cluster rules ("Hver klynge kan motta …") get
    no recipient. A programme run by another body than the grant's funder is not its.
    """
    clusters = {e.canonical for e in entities if e.type == "CLUSTER"}
    only_cluster = next(iter(clusters)) if len(clusters) == 1 else None
    only_programme = _dominant([e.canonical for e in entities if e.type == "PROGRAMME"])
    grants = []
    for start, end in _paragraph_bounded(text, sentences):
        inside = [e for e in entities if start <= e.start and e.end <= end]
        amounts = [e for e in inside if e.type == "MONEY"]
        if not amounts or not GRANT.search(text, start, end) or NOT_GRANT.search(text, start, end):
            continue
        # A programme named in the next sentence of the paragraph is the grant's too:
        # "… 12 MNOK til X. Prosjektet får støtten gjennom BIA-programmet."
        paragraph = _paragraph(text, start, end)
        around = [e for e in entities if paragraph[0] <= e.start and e.end <= paragraph[1]]
        programme = _first(inside, "PROGRAMME") or _first(around, "PROGRAMME")
        # The funding body nearest before the amount is the one granting it: "X har søkt
        # Innovasjon Noreg om status, og Vestland fylkeskommune har løyvd 1,2 millionar".
        bodies = [e for e in inside if e.canonical in funders or _public(e)]
        before = [e for e in bodies if e.end <= amounts[0].start]
        funder = (before[-1] if before else bodies[0]).canonical if bodies else None
        if funder is None and COUNCIL_BACK.search(text, start, end):
            funder = _last_before(entities, start, _public)
        no_recipient = NO_RECIPIENT.search(text, start, end)
        subject = _subject(text, start, entities, only_cluster)
        for amount in amounts:
            recipient = _named_after(text, amount, inside, funder, only_cluster)
            if recipient is None:
                recipient = _first(inside, "CLUSTER") or subject
            if recipient is None and not no_recipient:
                recipient = next(
                    (e.canonical for e in inside if e.type == "ORG"
                     and e.canonical not in funders and e.canonical != funder),
                    only_cluster,
                )  # fmt: skip
            grants.append((funder, recipient, programme, amount, end))
    # A programme the document is about is that of the grants that name none, unless it
    # already belongs to a grant of its own paragraph.
    claimed = {g[2] for g in grants}
    events = []
    for funder, recipient, programme, amount, end in grants:
        if programme is None and only_programme not in claimed:
            programme = only_programme
        runs_it = programme_funders.get(programme) if programme else None
        if funder and runs_it and funder != runs_it:
            programme = None  # "Vestland fylkeskommune har løyvd …" is no Arena grant
        funder = funder or runs_it
        recipient = recipient or _got_it(text, end, entities)
        if funder or recipient:
            events.append(Funding(funder, recipient, programme, amount.value, amount.per_year))
    return events


def _subject(text: str, start: int, entities: list[Entity], cluster: str | None) -> str | None:
    """The company or cluster a sentence opening "Selskapet …" or "Klyngen …" refers back to."""
    if COMPANY_BACK.match(text, start):
        return _last_before(entities, start, lambda e: bool(COMPANY_FORM.search(e.canonical)))
    if CLUSTER_BACK.match(text, start):
        return _last_before(entities, start, lambda e: e.type == "CLUSTER") or cluster
    return None


def _last_before(
    entities: list[Entity], start: int, wanted: Callable[[Entity], bool]
) -> str | None:
    """The organisation or cluster `wanted` picks that was named last before `start`."""
    found = [e for e in entities if e.end <= start and e.type in ("ORG", "CLUSTER") and wanted(e)]
    return found[-1].canonical if found else None


def _got_it(text: str, end: int, entities: list[Entity]) -> str | None:
    """An organisation later said to have got the money: "…, som har fått midlene"."""
    return next(
        (e.canonical for e in entities if e.start >= end and e.type in ("ORG", "CLUSTER")
         and GOT_IT.match(text, e.end)),
        None,
    )  # fmt: skip


def _public(entity: Entity) -> bool:
    return entity.type == "ORG" and bool(PUBLIC_FUNDER.search(entity.canonical))


def _named_after(
    text: str, amount: Entity, inside: list[Entity], funder: str | None, cluster: str | None
) -> str | None:
    """The organisation or cluster the amount goes to: "… kroner til Leirvik Batteri AS"."""
    if cluster and TO_CLUSTER.match(text, amount.end):
        return cluster
    to = TO.match(text, amount.end)
    if not to:
        return None
    at = amount.end + len(to.group())
    return next(
        (e.canonical for e in inside if e.start == at and e.type in ("ORG", "CLUSTER")
         and e.canonical != funder),
        None,
    )  # fmt: skip


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The blank-line-bounded paragraph around a sentence."""
    begin = text.rfind("\n\n", 0, start)
    stop = text.find("\n\n", end)
    return (0 if begin < 0 else begin, len(text) if stop < 0 else stop)


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
