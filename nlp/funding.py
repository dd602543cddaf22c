"""Funding events: sentences that state a grant, read as funder, recipient, programme, amount."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from nlp.grant_context import (
    first,
    funding_body,
    is_company,
    neighbour,
    paragraph,
    project_owner,
    within,
)
from nlp.grant_lists import listed_grants
from nlp.grant_sentences import Grant, sentence_grants
from nlp.grant_words import (
    ADDRESSEE,
    APPLICATION_GRANTED,
    APPLIED_FOR,
    GIVER,
    GOT_IT,
    GRANT,
    GRANT_BACK,
    HEADING,
    ITEM_START,
    LEAD_END,
    PROGRAMME_FIELD,
    TOTAL,
)
from nlp.kb import KnowledgeBase
from nlp.names import header_end
from nlp.types import Entity, Funding, Value


def find_funding(
    text: str,
    sentences: list[tuple[int, int]],
    entities: list[Entity],
    kb: KnowledgeBase,
) -> list[Funding]:
    """One funding event per amount in a sentence that has a word for granting.

    The knowledge base names the funding bodies, and the body that runs each programme,
    used when a sentence names only the programme. Calls for
    applications, state budgets, refusals, ranges, turnover, contracts and sums shared by
    several are no grants. "Fylkeskommunen", "Selskapet", "Klyngen" and "Prosjektet" point
    back at the council, company or cluster named before; "Pengene går til …" or "Midlane
    kjem frå …" in the next sentence name the recipients or the funder, and a funder named
    in the sentence before ("… har fått støtte fra Forskningsrådet. X får …") is the
    funder of a sentence that names none. When a sentence names no recipient and the
    document is about one cluster above all, that cluster is taken; budgets and per-cluster
    rules ("Hver klynge kan motta …") get no recipient. Items of a list introduced by a
    grant ("Disse bedriftene får støtte:") are grants to the item's name. A programme run
    by another body than the grant's funder is not its. The same grant stated twice (in
    the headline and the text) is one event.
    """
    funders, programme_funders = kb.funders(), kb.programme_funders()
    entities = [e for e in entities if not _applied_for(text, e)]
    # The cluster a document is about: the one named more often than all others together.
    main_cluster = _dominant([e.canonical for e in entities if e.type == "CLUSTER"])
    spans = _paragraph_bounded(text, sentences)
    # Every mention of a programme the document says gives money ("får videreført
    # Arena-støtten", a header field "Program: BIA") or its header names ("REGIONALT
    # FORSKNINGSFOND AGDER" atop a list of grants), not of those a cluster merely has the
    # status of.
    programmes = [e for e in entities if e.type == "PROGRAMME"]
    fields = [m.span() for m in PROGRAMME_FIELD.finditer(text)]
    header = header_end(text)
    giving = {e.canonical for e in programmes
              if any(s <= e.start < t and GRANT.search(text, s, t) for s, t in spans)
              or any(s <= e.start < t for s, t in fields) or e.start < header}  # fmt: skip
    granting = [e.canonical for e in programmes if e.canonical in giving]
    grants, listed = listed_grants(text, spans, entities, funders, main_cluster)
    for i in range(len(spans)):
        found = sentence_grants(text, spans, i, entities, funders, listed, main_cluster)
        # "X har fått 4,2 MNOK fra F. Og i går kom bekreftelsen fra IN: et tilskudd på 950 000
        # kroner": a grant naming no recipient after one that names it is the same one's; one
        # naming no funder after a grant of the same paragraph has that grant's funder
        # ("Forskningsrådet har bevilget … til X. Også Y fikk napp: Selskapet får …").
        before = neighbour(text, spans, i, -1)
        earlier = [g[1] for g in grants if before and g[4] == before[1] and g[1]]
        top = paragraph(text, *spans[i])[0]
        giver = next((g[0] for g in reversed(grants) if top <= g[4] <= spans[i][0] and g[0]), None)
        taker = earlier[-1] if earlier else None
        if taker is None and any(g[1] is None for g in found):
            taker = _section_subject(text, spans[i][0], entities, funders)
        grants += [(g[0] or giver, g[1] or taker, *g[2:]) for g in found]
    grants = _programmes_named_after(text, spans, entities, grants)
    opening = _opening(text, entities, funders, programme_funders)
    totals = _totals(text, entities)
    events = _merged(_events(text, grants, entities, kb, granting, opening, totals))
    # A sum the text also calls a total ("deler ut 4,6 millionar kroner" atop "får gåver på
    # til saman 4,6 millionar kroner") is no grant to anyone. Once the same grant stated with
    # its recipient ("Enova gir 31 mill. til biokullfabrikk" above "Rakkestad Biokarbon AS får
    # 31 millioner kroner") has been merged in, a grant that names no recipient goes to the
    # project owner a header field names; else a cluster level's grant to the document's
    # cluster; else to the company the headline names, the organisation the lead opens with,
    # the one the document names more often than all others together, or its cluster.
    owner = project_owner(text, entities)
    actors = [e.canonical for e in entities
              if e.type in ("ORG", "CLUSTER") and not funding_body(e, funders)]  # fmt: skip
    subject = (_headline_subject(text, entities) or _addressee(text, entities, funders)
               or _lead_subject(text, entities, funders) or _dominant(actors)
               or main_cluster)  # fmt: skip
    levels = kb.cluster_programmes()
    events = [replace(e, recipient=e.recipient or owner
                      or (e.programme in levels and main_cluster) or subject)
              for e in events if e.recipient or e.amount not in totals]  # fmt: skip
    return _without_totals([e for e in events if e.funder or e.recipient], totals)


def _events(
    text: str,
    grants: list[Grant],
    entities: list[Entity],
    kb: KnowledgeBase,
    granting: list[str],
    opening: tuple[str | None, str | None],
    totals: set,
) -> list[Funding]:
    """Grants completed with the document's programmes and funders: the body that runs the
    grant's programme, else the one the document opens with. A grant naming no programme
    takes the programme the opening names when that body gives it, else the programme the
    document says gives money (the one named more often than all others together), run by
    its funder, unless another grant has it already; a grant to a company never takes a level
    of the cluster programme, which is for clusters."""
    runner = kb.programme_funders()
    levels = kb.cluster_programmes()
    clusters = {e.canonical for e in entities if e.type == "CLUSTER"}
    status = {e.canonical for e in entities if e.canonical in levels}
    # A total ("får til sammen 31 millioner kroner fra Forskningsrådet") claims no programme.
    claimed = {g[2] for g in grants if g[3].value not in totals}
    events = []
    opener, opened = opening
    for funder, recipient, programme, amount, end in grants:
        to_cluster = recipient is None or recipient in clusters
        if programme is None:
            funder = funder or opener
            if funder == opener and (to_cluster or opened not in levels):
                programme = opened
        if programme is None:
            fitting = [p for p in granting if p not in claimed and (to_cluster or p not in levels)
                       and (funder is None or runner.get(p) == funder)]  # fmt: skip
            programme = _dominant(fitting)
        if programme is None and to_cluster and amount.per_year:
            # "Gratulerer med Arena-statusen. – Vi får 1,8 millionar kroner årleg frå
            # Innovasjon Noreg": a cluster's yearly grant from the body that runs its level.
            named = {p for p in status if funder is None or runner.get(p) == funder}
            programme = named.pop() if len(named) == 1 else None
        runs_it = runner.get(programme) if programme else None
        if funder and runs_it and funder != runs_it:
            programme = None  # "Vestland fylkeskommune har løyvd …" is no Arena grant
        funder = funder or runs_it
        recipient = recipient or _got_it(text, end, entities)
        events.append(Funding(funder, recipient, programme, amount.value, amount.per_year))
    return events


def _totals(text: str, entities: list[Entity]) -> set:
    """The values of the amounts the text calls totals: "til saman 4,6 millionar kroner"."""
    return {e.value for e in entities if e.type == "MONEY"
            and TOTAL.search(text, max(0, e.start - 30), e.start)}  # fmt: skip


def _opening(
    text: str, entities: list[Entity], funders: set[str], programme_funders: dict[str, str]
) -> tuple[str | None, str | None]:
    """The funding body a header field names ("Tilskuddsgiver: Innovasjon Norge"), else the
    first of the document's opening (its header, headline and lead, up to the first paragraph
    that ends a sentence), and the programme of its that the opening names: "Gloppen kommune"
    atop a decision, "Møre og Romsdal fylkeskommune har gjennom Regionalt forskningsfond
    fordelt …" opening an article."""
    lead = LEAD_END.search(text)
    opening = within(entities, 0, lead.end() if lead else len(text))
    field = GIVER.search(text)
    opening = within(entities, *field.span()) + opening if field else opening
    funder = next((e.canonical for e in opening if funding_body(e, funders)), None)
    programme = next((e.canonical for e in opening if e.type == "PROGRAMME"
                      and programme_funders.get(e.canonical, funder) == funder), None)  # fmt: skip
    return funder, (programme if funder else None)


def _section_subject(
    text: str, start: int, entities: list[Entity], funders: set[str]
) -> str | None:
    """The organisation or cluster the heading of a sentence's section below the document's
    header names, if no funding body: "PS 19/25 Søknad om tilskudd og lån – Nordvik Sveis og
    Montasje AS" above "Det gis tilsagn om tilskudd på inntil kr 150 000"."""
    headings = list(SECTION_HEADING.finditer(text, header_end(text), start))
    heading = headings[-1] if headings else None
    named = within(entities, *heading.span("line")) if heading else []
    return next((e.canonical for e in named if e.type in ("ORG", "CLUSTER")
                 and not funding_body(e, funders)), None)  # fmt: skip


def _headline_subject(text: str, entities: list[Entity]) -> str | None:
    """The company the lines above the first paragraph of sentences name ("Halvdan Subsea
    Robotics ASA – Q2 2025 investor update"), or the cluster the document opens with
    ("Klippfiskklynga Nordmøre\nÅrsmelding 2023")."""
    header = within(entities, 0, header_end(text))
    opening = next((e for e in header if e.start == len(text) - len(text.lstrip())), None)
    if opening and opening.type == "CLUSTER":
        return opening.canonical
    return next((e.canonical for e in header if is_company(e)), None)


def _addressee(text: str, entities: list[Entity], funders: set[str]) -> str | None:
    """The organisation a letter is addressed to: "Smart Industri Nordmøre\nv/ dagleg leiar
    Bjørnar Fiske Hoem"."""
    line = ADDRESSEE.search(text, 0, header_end(text) or len(text))
    named = within(entities, *line.span("name")) if line else []
    actors = [e for e in named if e.type in ("ORG", "CLUSTER") and not funding_body(e, funders)]
    return actors[0].canonical if actors else None


def _lead_subject(text: str, entities: list[Entity], funders: set[str]) -> str | None:
    """The organisation or cluster the document's first paragraph of sentences opens with, if
    no funding body: "Sykkylven Stol AS har dobla omsetnaden på fem år …"."""
    top = header_end(text)
    lead = text[top:].lstrip()
    start = len(text) - len(lead)
    opening = next((e for e in entities if e.start == start), None)
    if opening and opening.type in ("ORG", "CLUSTER") and not funding_body(opening, funders):
        return opening.canonical
    return None


def _programmes_named_after(
    text: str, spans: list[tuple[int, int]], entities: list[Entity], grants: list[Grant]
) -> list[Grant]:
    """Grants given the programme a later sentence about them names, in the next paragraph
    too: "… 7,4 millioner kroner til X AS. …\n\nStøtten er gitt som et Innovasjonsprosjekt i
    næringslivet og går over tre år." """
    for start, end in spans:
        inside = within(entities, start, end)
        programme = first(inside, "PROGRAMME")
        if not (programme and GRANT_BACK.match(text, start)) or first(inside, "MONEY"):
            continue
        stated = max((g[4] for g in grants if g[4] <= start), default=None)
        grants = [(g[0], g[1], g[2] or programme, *g[3:]) if g[4] == stated else g
                  for g in grants]  # fmt: skip
    return grants


def _merged(events: list[Funding]) -> list[Funding]:
    """One event for a grant stated twice: same amount, and no field that disagrees."""
    out: list[Funding] = []
    for event in events:
        for k, known in enumerate(out):
            if _same_grant(known, event):
                out[k] = Funding(
                    known.funder or event.funder,
                    known.recipient or event.recipient,
                    known.programme or event.programme,
                    event.amount if _bounds(event.amount, known.amount) else known.amount,
                    known.per_year,
                )
                break
        else:
            out.append(event)
    return out


def _without_totals(events: list[Funding], totals: set) -> list[Funding]:
    """Without a total the text calls one that sums a funder's or a recipient's other grants:
    "X og Y har fått til sammen 23 millioner kroner fra Forskningsrådet. X får 14 millioner
    …, mens Y får 9 millioner …"; "X har fått til sammen 18,25 millioner kroner: 11,5
    millioner kroner fra Enova, 6 millioner …"; or the years of a yearly grant: "kr 450 000,-
    per år i tre år, til sammen kr 1 350 000,-". A grant that sums others by chance stays."""

    def total(event: Funding, field: str) -> bool:
        parts = [e.amount for e in events
                 if e is not event and getattr(e, field) == getattr(event, field)]  # fmt: skip
        numbers = [a for a in parts if isinstance(a, float | int)]
        return len(numbers) > 1 and len(numbers) == len(parts) and sum(numbers) == event.amount

    def years(event: Funding) -> bool:
        yearly = [e.amount for e in events if e.per_year and isinstance(e.amount, float | int)
                  and e.amount > 0
                  and (e.funder, e.recipient) == (event.funder, event.recipient)]  # fmt: skip
        return isinstance(event.amount, float | int) and any(
            event.amount / a in range(2, 11) for a in yearly
        )

    return [
        e
        for e in events
        if e.amount not in totals or not (total(e, "funder") or total(e, "recipient") or years(e))
    ]


def _same_grant(a: Funding, b: Funding) -> bool:
    """The same amount, or an upper bound and the sum it bounds from the same funder ("inntil
    400 000 kroner" above a financing plan's "dette tilsegnet   kr 400 000"), and no field
    that disagrees."""
    bound = _bounds(a.amount, b.amount) or _bounds(b.amount, a.amount)
    amount = a.amount == b.amount or bound and a.funder is not None and a.funder == b.funder
    if a.per_year != b.per_year or not amount:
        return False
    pairs = ((a.funder, b.funder), (a.recipient, b.recipient), (a.programme, b.programme))
    return all(x is None or y is None or x == y for x, y in pairs)


def _bounds(bound: Value, amount: Value) -> bool:
    """Whether an amount "inntil X" bounds the sum X."""
    return isinstance(bound, tuple) and bound == (0, amount)


def _applied_for(text: str, entity: Entity) -> bool:
    """A programme applied for ("søkje om opptak i Arena"), unless the application is
    granted ("Søknaden vår om Arena-status er innvilget")."""
    return entity.type == "PROGRAMME" and bool(
        APPLIED_FOR.search(text, max(0, entity.start - 40), entity.start)
        and not APPLICATION_GRANTED.match(text, entity.end)
    )


def _got_it(text: str, end: int, entities: list[Entity]) -> str | None:
    """An organisation later said to have got the money: "…, som har fått midlene"."""
    return next(
        (e.canonical for e in entities if e.start >= end and e.type in ("ORG", "CLUSTER")
         and GOT_IT.match(text, e.end)),
        None,
    )  # fmt: skip


# A heading between blank lines: a line that ends no sentence.
SECTION_HEADING = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*(?P<line>[^\n]*[^\s.!?:])[ \t]*\n[ \t]*\n")
# A sentence ending in a number ("… er kr 1 280 000. Nordland fylkeskommune har …"), which the
# tokenizer takes for an ordinal ("4. desember").
NUMBER_END = re.compile(r"\d{3}\.\s+(?=[A-ZÆØÅ])")


def _paragraph_bounded(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences cut at blank lines, before the items of a list and header fields, after
    headings (scraped pages run headings, labels and list items into the text) and after a
    number that ends a sentence."""
    spans = []
    for start, end in sentences:
        cuts = [start]
        for newline in re.finditer(r"\n", text[start:end]):
            at = start + newline.end()
            if _line_starts_sentence(text, at, cuts[-1]):
                cuts.append(at)
        cuts = sorted({*cuts, *(m.end() for m in NUMBER_END.finditer(text, start, end))})
        for a, b in zip(cuts, [*cuts[1:], end], strict=True):
            part = text[a:b]
            if part.strip():
                spans.append((a + len(part) - len(part.lstrip()), a + len(part.rstrip())))
    return spans


def _line_starts_sentence(text: str, at: int, since: int) -> bool:
    """Whether the line at `at` starts a sentence: after a blank line or a heading (of a
    sentence opening since `since`), or as a list item or header field."""
    before = text.rfind("\n", 0, at - 1) + 1
    if not text[since:at].strip() or not text[before : at - 1].strip():
        return True
    heading = HEADING.fullmatch(text, before, at - 1) and text[at : at + 1].isupper()
    return bool(heading or ITEM_START.match(text, at))


def _dominant(names: list[str]) -> str | None:
    """The name mentioned more often than all the others together, if there is one."""
    counts = Counter(names).most_common()
    if counts and counts[0][1] > sum(n for _, n in counts[1:]):
        return counts[0][0]
    return None
