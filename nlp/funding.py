"""Funding events: sentences that state a grant, read as funder, recipient, programme, amount."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from nlp.grant_words import (
    AMOUNT_BACK,
    APPLIED_FOR,
    BULLET,
    CELL,
    CLUSTER_BACK,
    COMPANY_BACK,
    COMPANY_FORM,
    CONDITION,
    CONTRIBUTES,
    COUNCIL_BACK,
    EACH,
    EACH_AFTER,
    FINITE,
    FROM,
    FROM_AFTER,
    GIVES,
    GOT_IT,
    GRANT,
    GRANT_BACK,
    GRANTED,
    GRANTING_BODY,
    ITEM_LINE,
    LEAD_END,
    LED_BY,
    MAY_GET,
    MONEY_NEXT,
    NO_RECIPIENT,
    NOT_GRANT,
    NOT_GRANT_AFTER,
    NOT_GRANT_BEFORE,
    OPENER,
    OWNER,
    PROJECT_BACK,
    PUBLIC_FUNDER,
    RECEIVES,
    RESPECTIVELY,
    SENTENCE_END,
    SHARED,
    SUBJECT_BEFORE,
    TO,
    TO_CLUSTER,
    TO_COMPANY,
    TO_OPENING,
    TOTAL,
)
from nlp.kb import KnowledgeBase
from nlp.types import Entity, Funding

Grant = tuple[str | None, str | None, str | None, Entity, int]


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
    # Arena-støtten"), not of those a cluster merely has the status of.
    programmes = [e for e in entities if e.type == "PROGRAMME"]
    giving = {e.canonical for e in programmes
              if any(s <= e.start < t and GRANT.search(text, s, t) for s, t in spans)}  # fmt: skip
    granting = [e.canonical for e in programmes if e.canonical in giving]
    grants, listed = _listed(text, spans, entities, funders, main_cluster)
    grants += _rows(text, entities, funders, listed)
    for i in range(len(spans)):
        found = _sentence_grants(text, spans, i, entities, funders, listed, main_cluster)
        # "X har fått 4,2 MNOK fra F. Og i går kom bekreftelsen fra IN: et tilskudd på 950 000
        # kroner": a grant naming no recipient after one that names it is the same one's.
        before = _neighbour(text, spans, i, -1)
        earlier = [g[1] for g in grants if before and g[4] == before[1] and g[1]]
        grants += [(g[0], g[1] or earlier[-1], *g[2:]) if earlier else g for g in found]
    grants = _programmes_named_after(text, spans, entities, grants)
    opening = _opening(text, entities, funders, programme_funders)
    events = _merged(_events(text, grants, entities, kb, granting, opening))
    # A sum the text also calls a total ("deler ut 4,6 millionar kroner" atop "får gåver på
    # til saman 4,6 millionar kroner") is no grant to anyone. A grant that names no recipient
    # is that of the project owner a header field names, or of the company the headline
    # names, or of the document's cluster, once the same grant stated with its recipient
    # ("Enova gir 31 mill. til biokullfabrikk" above "Rakkestad Biokarbon AS får 31 millioner
    # kroner") has been merged in.
    totals = {e.value for e in entities if e.type == "MONEY"
              and TOTAL.search(text, max(0, e.start - 30), e.start)}  # fmt: skip
    subject = _owner(text, entities) or _headline_company(text, entities) or main_cluster
    events = [replace(e, recipient=e.recipient or subject) for e in events
              if e.recipient or e.amount not in totals]  # fmt: skip
    return _without_totals([e for e in events if e.funder or e.recipient])


def _sentence_grants(
    text: str,
    spans: list[tuple[int, int]],
    i: int,
    entities: list[Entity],
    funders: set[str],
    listed: set[int],
    main_cluster: str | None,
) -> list[Grant]:
    """The grants the i-th sentence states, one per amount (or per body giving it)."""
    start, end = spans[i]
    inside = _within(entities, start, end)
    amounts = [e for e in inside if e.type == "MONEY" and e.start not in listed
               and not _other_money(text, e)]  # fmt: skip
    if not amounts or NOT_GRANT.search(text, start, end):
        return []
    if CONDITION.search(text, start, amounts[0].start):
        return []
    bodies = _bodies(text, inside, funders)
    contributes = any(CONTRIBUTES.search(text, a.start - 40, a.start) for a in amounts)
    granting = GRANT.search(text, start, end) or (bodies and contributes)
    before = _neighbour(text, spans, i, -1)
    if not granting:
        # "I år er beløpet 350 000 kroner": the sentence before states the grant.
        if not (before and AMOUNT_BACK.search(text, start, end) and GRANT.search(text, *before)):
            return []
        start = before[0]
        inside = _within(entities, start, end)
        bodies = _bodies(text, inside, funders)
    # A programme named in the next sentence of the paragraph is the grant's too:
    # "… 12 MNOK til X. Prosjektet får støtten gjennom BIA-programmet."
    programme = _programme(text, inside) or _programme(
        text, _within(entities, *_paragraph(text, start, end))
    )
    # The funding body nearest before the amount is the one granting it: "X har søkt
    # Innovasjon Noreg om status, og Vestland fylkeskommune har løyvd 1,2 millionar".
    ahead = [e for e in bodies if e.end <= amounts[0].start]
    givers = [ahead[-1] if ahead else bodies[0]] if bodies else []
    if len(ahead) > 1 and EACH.search(text, ahead[-1].end, amounts[0].start):
        givers = ahead
    giver, taker = _voice(text, start, inside)
    funder = givers[0].canonical if givers else giver
    if funder is None and COUNCIL_BACK.search(text, start, end):
        funder = _last_before(entities, start, _public)
    if funder is None and before and GRANT.search(text, *before):
        # "Tre medlemmer har fått støtte fra Forskningsrådet. Askøy Sonar AS får 4 millioner"
        # "… har fått til sammen 23 millioner kroner fra Forskningsrådet. X får 14 millioner"
        previous = _within(entities, *before)
        total = NO_RECIPIENT.search(text, *before)
        if total or not any(e.type == "MONEY" and _may_be_granted(text, e) for e in previous):
            funder = next((b.canonical for b in _bodies(text, previous, funders)), None)
    named_next: list[str] = []
    after = _neighbour(text, spans, i, 1)
    way = MONEY_NEXT.match(text, after[0]) if after else None
    if after and way:
        following = _within(entities, *after)
        if way.group("way") == "til":
            named_next = _names(following, funders, funder)
        elif funder is None:
            funder = next((b.canonical for b in _bodies(text, following, funders)), None)
    no_recipient = NO_RECIPIENT.search(text, start, end)
    subject = _subject(text, start, entities, main_cluster)
    in_order = named_next or _names(inside, funders, funder)
    respectively = RESPECTIVELY.search(text, start, end) and len(in_order) == len(amounts)
    grants: list[Grant] = []
    opened, previous = start, None
    for k, amount in enumerate(amounts):
        clause, opened = (opened, amount.end)
        if not _may_be_granted(text, amount):
            continue
        recipient = _named_after(text, amount, inside, entities, funder, main_cluster)
        if respectively:
            recipient = recipient or in_order[k]
        recipient = recipient or _opens_clause(text, amount, clause, inside, funders, funder)
        to = TO_OPENING.match(text, start)
        if recipient is None and to:
            recipient = next((e.canonical for e in inside if e.start == to.end()
                              and e.type in ("ORG", "CLUSTER")), None)  # fmt: skip
        recipient = recipient or taker
        recipient = recipient or (named_next[0] if named_next else None)
        if recipient is None:
            # "… til prosjektet SeaSense, som ledes av Stadt Sensorteknikk AS"
            recipient = _leader(text, inside) or _first(inside, "CLUSTER") or subject or previous
        if recipient is None and no_recipient:
            continue  # a budget, a total or a sum set aside: no grant to anyone yet
        if recipient is None:
            others = _names(inside, funders, funder)
            recipient = (others[0] if others else None) or _referred(text, start, end, entities)
        previous = recipient
        # The body named right after the amount ("11,5 millioner kroner fra Enova, 6 millioner
        # kroner fra Innovasjon Norge"), else that of the amount's own clause ("X har gitt A
        # til P, og Enova har gitt B …"), or each of them ("…, medan Hol kommune og Ål kommune
        # kvar gav 125 000 kroner", "… stiller med 75 000 kroner hver").
        own = [b for b in bodies if clause <= b.start and b.end <= amount.start]
        each = EACH.search(text, own[-1].end, amount.start) if own else None
        if not (len(own) > 1 and (each or EACH_AFTER.match(text, amount.end))):
            own = own[-1:]
        payers = [b.canonical for b in own or (givers if len(givers) > 1 else [])]
        after = _funder_after(text, amount, inside, funders)
        payers = [after] if after else payers or [funder]
        grants += [(payer, recipient, programme, amount, end) for payer in payers]
    return grants


def _events(
    text: str,
    grants: list[Grant],
    entities: list[Entity],
    kb: KnowledgeBase,
    granting: list[str],
    opening: tuple[str | None, str | None],
) -> list[Funding]:
    """Grants completed with the document's programmes and funders: the body that runs the
    grant's programme, else the one the document opens with (and the programme it names
    there); a grant naming no programme takes the programme the document says gives money
    (the one named more often than all others together), run by its funder, unless another
    grant has it already; a grant to a company never takes a level of the cluster programme,
    which is for clusters."""
    runner = kb.programme_funders()
    levels = kb.cluster_programmes()
    clusters = {e.canonical for e in entities if e.type == "CLUSTER"}
    claimed = {g[2] for g in grants}
    events = []
    for funder, recipient, programme, amount, end in grants:
        if programme is None:
            funder, programme = (funder, None) if funder else opening
        if programme is None:
            to_cluster = recipient is None or recipient in clusters
            fitting = [p for p in granting if p not in claimed and (to_cluster or p not in levels)
                       and (funder is None or runner.get(p) == funder)]  # fmt: skip
            programme = _dominant(fitting)
        runs_it = runner.get(programme) if programme else None
        if funder and runs_it and funder != runs_it:
            programme = None  # "Vestland fylkeskommune har løyvd …" is no Arena grant
        funder = funder or runs_it
        recipient = recipient or _got_it(text, end, entities)
        events.append(Funding(funder, recipient, programme, amount.value, amount.per_year))
    return events


def _opening(
    text: str, entities: list[Entity], funders: set[str], programme_funders: dict[str, str]
) -> tuple[str | None, str | None]:
    """The first funding body of the document's opening (its header, headline and lead, up
    to the first paragraph that ends a sentence), and the programme of its that the opening
    names: "Gloppen kommune" atop a decision, "Møre og Romsdal fylkeskommune har gjennom
    Regionalt forskningsfond fordelt …" opening an article."""
    lead = LEAD_END.search(text)
    opening = _within(entities, 0, lead.end() if lead else len(text))
    funder = next((e.canonical for e in opening if e.canonical in funders or _granting(e)), None)
    programme = next((e.canonical for e in opening if e.type == "PROGRAMME"
                      and programme_funders.get(e.canonical, funder) == funder), None)  # fmt: skip
    return funder, programme if funder else None


def _owner(text: str, entities: list[Entity]) -> str | None:
    """The project owner a header field names: "Prosjektansvarlig: Glommen Skogdata AS"."""
    owner = OWNER.search(text)
    return next((e.canonical for e in entities if owner and e.start == owner.end()), None)


def _headline_company(text: str, entities: list[Entity]) -> str | None:
    """The company the lines above the first paragraph of sentences name: "Halvdan Subsea
    Robotics ASA – Q2 2025 investor update"."""
    first = SENTENCE_END.search(text)
    top = text.rfind("\n\n", 0, first.start()) if first else -1
    return next((e.canonical for e in _within(entities, 0, max(top, 0)) if _company(e)), None)


def _listed(
    text: str,
    spans: list[tuple[int, int]],
    entities: list[Entity],
    funders: set[str],
    main_cluster: str | None,
) -> tuple[list[Grant], set[int]]:
    """Grants in the items of a list a grant introduces, and where their amounts start.

    "Innovasjon Norge gir … Disse bedriftene får støtte:" followed by lines such as
    "Gjøvik Limtre AS: 1,4 millioner kroner til …": funder and programme come from the
    introducing paragraph, the recipient is the name the item opens with.
    """
    grants: list[Grant] = []
    listed: set[int] = set()
    for start, end in spans:
        if not text[start:end].rstrip().endswith(":"):
            continue
        lead = (_paragraph(text, start, end)[0], end)
        if not GRANT.search(text, *lead) or NOT_GRANT.search(text, *lead):
            continue
        introduction = _within(entities, *lead)
        bodies = _bodies(text, introduction, funders)
        # "Disse klyngene har fått tilsagn:" names no funder: the body named last before does.
        bodies = bodies or [e for e in _within(entities, 0, start)
                            if e.canonical in funders or _granting(e)]  # fmt: skip
        funder = bodies[-1].canonical if bodies else None
        programme = _first(introduction, "PROGRAMME")
        # "… tilskuddene klyngen mottok:" then "Horten kommune: 150 000 kroner": items name
        # the bodies that gave, the introduction (or the document) the one that got.
        takers = _names(introduction, funders, funder) or [main_cluster]
        # A table's cells are lines of their own: the row's name comes lines before its amount.
        row: Entity | None = None
        for line in ITEM_LINE.finditer(text, end):
            item = _within(entities, line.start(), line.end())
            names = [e for e in item if e.type in ("ORG", "CLUSTER") and e.canonical != funder]
            money = [e for e in item if e.type == "MONEY"]
            if NOT_GRANT.search(line.group()):
                break  # "X hadde søkt om 800 000 kroner, men fekk avslag."
            if FINITE.search(line.group()):
                continue  # "• X har fått 1,9 millioner kroner fra Y": a sentence of its own
            # "- Trebruksklyngen Gjøvik: 850 000 kroner", "• 720 000 kroner til Fjordsteinklynga"
            if names and (BULLET.fullmatch(text, line.start(), names[0].start)
                          or money and money[0].end < names[0].start):  # fmt: skip
                row = names[0]
            elif not money and not CELL.fullmatch(line.group()):
                break
            if not money:
                continue
            if row is None:
                break
            giver, taker = funder, row.canonical
            if row.canonical in funders or _granting(row):
                giver, taker = row.canonical, takers[0]
            row = None
            for amount in money:
                grants.append((giver, taker, _first(item, "PROGRAMME") or programme, amount,
                               line.end()))  # fmt: skip
                listed.add(amount.start)
    return grants, listed


def _programmes_named_after(
    text: str, spans: list[tuple[int, int]], entities: list[Entity], grants: list[Grant]
) -> list[Grant]:
    """Grants given the programme a later sentence about them names, in the next paragraph
    too: "… 7,4 millioner kroner til X AS. …\n\nStøtten er gitt som et Innovasjonsprosjekt i
    næringslivet og går over tre år." """
    for start, end in spans:
        inside = _within(entities, start, end)
        programme = _first(inside, "PROGRAMME")
        if not (programme and GRANT_BACK.match(text, start)) or _first(inside, "MONEY"):
            continue
        stated = max((g[4] for g in grants if g[4] <= start), default=None)
        grants = [(g[0], g[1], g[2] or programme, *g[3:]) if g[4] == stated else g
                  for g in grants]  # fmt: skip
    return grants


def _rows(text: str, entities: list[Entity], funders: set[str], listed: set[int]) -> list[Grant]:
    """Rows of a table or list that open with a funding body and end with its sum, under any
    heading ("Finansiering", "Inntektene fordeler seg slik:"): "Innovasjon Noreg (Arena)
    Klyngedrift  kr 2 400 000" is a grant from the body to the document's subject."""
    grants: list[Grant] = []
    for line in ITEM_LINE.finditer(text):
        item = _within(entities, line.start(), line.end())
        money = [e for e in item if e.type == "MONEY" and e.start not in listed]
        opening = next((e for e in item if e.type in ("ORG", "CLUSTER")), None)
        if (not money or opening is None or FINITE.search(line.group())
                or not BULLET.fullmatch(text, line.start(), opening.start)
                or text[money[-1].end : line.end()].strip()
                or not (opening.canonical in funders or _granting(opening))):  # fmt: skip
            continue
        for amount in money:
            grants.append((opening.canonical, None, _first(item, "PROGRAMME"), amount,
                           line.end()))  # fmt: skip
            listed.add(amount.start)
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
                    known.amount,
                    known.per_year,
                )
                break
        else:
            out.append(event)
    return out


def _without_totals(events: list[Funding]) -> list[Funding]:
    """Without the sum of a funder's or a recipient's other grants: "X og Y har fått til
    sammen 23 millioner kroner fra Forskningsrådet. X får 14 millioner …, mens Y får 9
    millioner …"; "X har fått til sammen 18,25 millioner kroner: 11,5 millioner kroner fra
    Enova, 6 millioner …"."""

    def total(event: Funding, field: str) -> bool:
        parts = [e.amount for e in events
                 if e is not event and getattr(e, field) == getattr(event, field)]  # fmt: skip
        numbers = [a for a in parts if isinstance(a, float | int)]
        return len(numbers) > 1 and len(numbers) == len(parts) and sum(numbers) == event.amount

    return [e for e in events if not (total(e, "funder") or total(e, "recipient"))]


def _same_grant(a: Funding, b: Funding) -> bool:
    if (a.amount, a.per_year) != (b.amount, b.per_year):
        return False
    pairs = ((a.funder, b.funder), (a.recipient, b.recipient), (a.programme, b.programme))
    return all(x is None or y is None or x == y for x, y in pairs)


def _within(entities: list[Entity], start: int, end: int) -> list[Entity]:
    return [e for e in entities if start <= e.start and e.end <= end]


def _applied_for(text: str, entity: Entity) -> bool:
    return entity.type == "PROGRAMME" and bool(
        APPLIED_FOR.search(text, max(0, entity.start - 40), entity.start)
    )


def _may_be_granted(text: str, amount: Entity) -> bool:
    """Not a sum shared by several ("til fem klynger") nor a range or sum one may get."""
    may_get = MAY_GET.search(text, max(0, amount.start - 30), amount.start)
    return not (SHARED.match(text, amount.end) or _range(text, amount) or may_get)


def _range(text: str, amount: Entity) -> bool:
    """ "får mellom 1,5 og 2,5 millioner": what one may get, not what was granted, unless
    the grant is stated done ("er tildelt mellom 1,2 og 1,6 millioner")."""
    granted = GRANTED.search(text, max(0, amount.start - 40), amount.start)
    return isinstance(amount.value, tuple) and amount.value[0] > 0 and not granted


def _opens_clause(
    text: str,
    amount: Entity,
    clause: int,
    inside: list[Entity],
    funders: set[str],
    funder: str | None,
) -> str | None:
    """The recipient opening the amount's clause: "…, Askøy Sonar AS får 4 millioner kroner"."""
    names = [e for e in inside if clause <= e.start and e.end <= amount.start
             and e.canonical in _names([e], funders, funder)]  # fmt: skip
    if names and SUBJECT_BEFORE.fullmatch(text, names[-1].end, amount.start):
        return names[-1].canonical
    return None


def _voice(text: str, start: int, inside: list[Entity]) -> tuple[str | None, str | None]:
    """(giver, taker): the name a sentence opens with when its verb gives the money
    ("Norsk filminstitutt har gitt …") or gets it ("Nordimmun AS, som er medlem av …, har
    fått …")."""
    opening = next((e for e in inside if e.type in ("ORG", "CLUSTER")), None)
    if opening is None or not OPENER.fullmatch(text, start, opening.start):
        return None, None
    if RECEIVES.match(text, opening.end):
        return None, opening.canonical
    if opening.type == "ORG" and GIVES.match(text, opening.end):
        return opening.canonical, None
    return None, None


def _funder_after(text: str, amount: Entity, inside: list[Entity], funders: set[str]) -> str | None:
    """A body named right after the amount: "150 000 kroner kommer fra Kristiansund kommune"."""
    for body in _bodies(text, inside, funders):
        if body.start > amount.end and FROM_AFTER.fullmatch(text, amount.end, body.start):
            return body.canonical
    return None


def _bodies(text: str, inside: list[Entity], funders: set[str]) -> list[Entity]:
    """Funding bodies in a sentence; failing those, organisations the money comes "fra"."""
    bodies = [e for e in inside if e.canonical in funders or _granting(e)]
    if bodies:
        return bodies
    return [e for e in inside if e.type == "ORG" and FROM.search(text, e.start - 5, e.start)]


def _names(inside: list[Entity], funders: set[str], funder: str | None) -> list[str]:
    """Organisations and clusters of a sentence that are no funding body, in order."""
    return [
        e.canonical for e in inside if e.type in ("ORG", "CLUSTER")
        and e.canonical not in funders and e.canonical != funder and not _granting(e)
    ]  # fmt: skip


def _other_money(text: str, amount: Entity) -> bool:
    """Turnover, a contract, a share issue, an investment, wages or a company's own money."""
    return bool(
        NOT_GRANT_BEFORE.search(text, max(0, amount.start - 60), amount.start)
        or NOT_GRANT_AFTER.match(text, amount.end)
    )


def _neighbour(
    text: str, spans: list[tuple[int, int]], i: int, step: int
) -> tuple[int, int] | None:
    """The sentence before or after the i-th in the same paragraph."""
    j = i + step
    if not 0 <= j < len(spans):
        return None
    first, second = sorted((spans[i], spans[j]))
    return None if "\n\n" in text[first[1] : second[0]] else spans[j]


def _subject(text: str, start: int, entities: list[Entity], cluster: str | None) -> str | None:
    """The company or cluster a sentence opening "Selskapet …" or "Klyngen …" refers back to."""
    opening = text[start : start + 20]
    if COMPANY_BACK.match(opening) and opening[0].isupper():
        return _last_before(entities, start, _company)
    if CLUSTER_BACK.match(opening) and opening[0].isupper():
        return _last_before(entities, start, lambda e: e.type == "CLUSTER") or cluster
    if PROJECT_BACK.match(opening):
        stop = _paragraph(text, start, start)[1]
        named = _last_before(entities, start, lambda e: _company(e) or e.type == "CLUSTER")
        return _leader(text, _within(entities, start, stop)) or named
    return None


def _leader(text: str, entities: list[Entity]) -> str | None:
    """The first organisation "ledes av" introduces: a project's grant is its leader's."""
    return next((e.canonical for e in entities if e.type == "ORG"
                 and LED_BY.search(text, e.start - 12, e.start)), None)  # fmt: skip


def _referred(text: str, start: int, end: int, entities: list[Entity]) -> str | None:
    """The company or cluster named before that "selskapet" or "klyngen" inside a sentence
    refers back to: "Innovasjon Norge bevilger klyngen 7 millioner kroner"."""
    if COMPANY_BACK.search(text, start, end):
        return _last_before(entities, start, _company)
    if CLUSTER_BACK.search(text, start, end):
        return _last_before(entities, start, lambda e: e.type == "CLUSTER")
    return None


def _company(entity: Entity) -> bool:
    return bool(COMPANY_FORM.search(entity.canonical))


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


def _granting(entity: Entity) -> bool:
    return entity.type == "ORG" and bool(GRANTING_BODY.search(entity.canonical))


def _named_after(
    text: str,
    amount: Entity,
    inside: list[Entity],
    entities: list[Entity],
    funder: str | None,
    cluster: str | None,
) -> str | None:
    """The organisation or cluster the amount goes to: "… kroner til Leirvik Batteri AS"."""
    if cluster and TO_CLUSTER.match(text, amount.end):
        return cluster
    if TO_COMPANY.match(text, amount.end):
        return _last_before(entities, amount.start, _company)
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
    """Sentences cut at blank lines and before the items of a bulleted list: scraped pages
    run headings, labels and list items into the text."""
    spans = []
    for start, end in sentences:
        for part in re.finditer(
            r"(?:(?!\n\s*\n|\n[ \t]*[-–•*·][ \t]).)+", text[start:end], re.DOTALL
        ):
            lead = len(part.group()) - len(part.group().lstrip())
            if part.group().strip():
                spans.append((start + part.start() + lead, start + part.end()))
    return spans


def _dominant(names: list[str]) -> str | None:
    """The name mentioned more often than all the others together, if there is one."""
    counts = Counter(names).most_common()
    if counts and counts[0][1] > sum(n for _, n in counts[1:]):
        return counts[0][0]
    return None


def _programme(text: str, entities: list[Entity]) -> str | None:
    """The programme of a grant among those named: not the one left ("går fra Arena Pro til
    NCE")."""
    named = [e for e in entities if e.type == "PROGRAMME"]
    kept = [e for e in named if not FROM.search(text, max(0, e.start - 5), e.start)]
    chosen = next(iter(kept or named), None)
    return chosen.canonical if chosen else None


def _first(entities: list[Entity], type: str) -> str | None:
    return next((e.canonical for e in entities if e.type == type), None)
