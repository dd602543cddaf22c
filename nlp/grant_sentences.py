"""One sentence's grants: who gives how much to whom, read from the words around each amount."""

from __future__ import annotations

import itertools
import re

from nlp.grant_context import (
    first,
    funding_bodies,
    funding_body,
    is_company,
    last_before,
    neighbour,
    non_funders,
    paragraph,
    project_leader,
    referred,
    subject_named_before,
    within,
)
from nlp.grant_words import (
    AMOUNT_BACK,
    APPLIED,
    APPROXIMATE,
    BULLET,
    CLAUSE_END,
    CLUSTER_GOT,
    CONDITION,
    CONTRIBUTES,
    COUNCIL_BACK,
    COUNCIL_GIVES,
    EACH,
    EACH_AFTER,
    FROM,
    FROM_AFTER,
    GIVEN_BACK,
    GIVES,
    GOT,
    GRANT,
    GRANTED,
    MAY_GET,
    MONEY_NEXT,
    NAME_LIST,
    NO_RECIPIENT,
    NOT_GRANT,
    NOT_GRANT_AFTER,
    NOT_GRANT_BEFORE,
    OPENER,
    RECEIVES,
    RESPECTIVELY,
    SHARED,
    SUBJECT_BEFORE,
    TO,
    TO_CLUSTER,
    TO_COMPANY,
    TO_OPENING,
    TO_PROJECT,
    US,
)
from nlp.kb import CLUSTER_PROGRAMME
from nlp.types import Entity

# funder, recipient, programme, amount, and where the sentence (or list item) stating it ends.
Grant = tuple[str | None, str | None, str | None, Entity, int]


def sentence_grants(
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
    inside = within(entities, start, end)
    amounts = [e for e in inside if e.type == "MONEY" and e.start not in listed
               and not other_money(text, e) and not _applied_for(text, start, e)]  # fmt: skip
    if not amounts or NOT_GRANT.search(text, start, end):
        return []
    if CONDITION.search(text, start, amounts[0].start):
        return []
    bodies = funding_bodies(text, inside, funders)
    contributes = any(CONTRIBUTES.search(text, a.start - 40, a.start) for a in amounts)
    # "12,4 millioner kroner fra Enova skal gjøre det mulig": money from a funding body.
    from_body = any(_funder_after(text, a, inside, funders) for a in amounts)
    granting = GRANT.search(text, start, end) or (bodies and contributes) or from_body
    before = neighbour(text, spans, i, -1)
    if not granting:
        # "I år er beløpet 350 000 kroner": the sentence before states the grant.
        if not (before and AMOUNT_BACK.search(text, start, end) and GRANT.search(text, *before)):
            return []
        start = before[0]
        inside = within(entities, start, end)
        bodies = funding_bodies(text, inside, funders)
    around = [s for s in (before, neighbour(text, spans, i, 1)) if s]
    programme = _sentence_programme(text, (start, end), around, inside, entities)
    # The funding body nearest before the amount is the one granting it: "X har søkt
    # Innovasjon Noreg om status, og Vestland fylkeskommune har løyvd 1,2 millionar".
    ahead = [e for e in bodies if e.end <= amounts[0].start]
    givers = [ahead[-1] if ahead else bodies[0]] if bodies else []
    if len(ahead) > 1 and EACH.search(text, ahead[-1].end, amounts[0].start):
        givers = ahead
    giver, taker = _voice(text, start, inside)
    funder = givers[0].canonical if givers else giver
    back = COUNCIL_BACK.search(text, start, end)
    if funder is None and back:
        funder = last_before(entities, start, lambda e: _council_of(back, [e]) is not None)
    if funder is None and before and GRANT.search(text, *before):
        # "Tre medlemmer har fått støtte fra Forskningsrådet. Askøy Sonar AS får 4 millioner"
        # "… har fått til sammen 23 millioner kroner fra Forskningsrådet. X får 14 millioner"
        previous = within(entities, *before)
        total = NO_RECIPIENT.search(text, *before)
        if total or not any(e.type == "MONEY" and _may_be_granted(text, e) for e in previous):
            funder = next((b.canonical for b in funding_bodies(text, previous, funders)), None)
    named_next: list[str] = []
    after = neighbour(text, spans, i, 1)
    following = within(entities, *after) if after else []
    way = MONEY_NEXT.match(text, after[0]) if after else None
    if after and way:
        if way.group("way") == "til":
            named_next = non_funders(following, funders, funder)
        elif funder is None:
            funder = next((b.canonical for b in funding_bodies(text, following, funders)), None)
    subject = subject_named_before(text, start, entities, main_cluster, funders)
    takers, givers_of = _respective(text, (start, end), inside, named_next, funders, funder)
    grants: list[Grant] = []
    previous = None
    for amount in amounts:
        # The amount's clause starts after the sum before it, granted or not ("X har gått inn
        # med 5 millioner kroner i egenkapital, og kommunen har bevilget 300 000 kroner").
        clause = max((e.end for e in inside if e.type == "MONEY" and e.end <= amount.start),
                     default=start)  # fmt: skip
        if not _may_be_granted(text, amount):
            continue
        got = CLUSTER_GOT.search(text, clause, amount.start)
        recipient = (last_before(entities, got.start(), lambda e: e.type == "CLUSTER")
                     or main_cluster) if got else None  # fmt: skip
        given = GIVEN_BACK.search(text, clause, amount.start)
        recipient = recipient or (referred(text, *given.span(), entities) if given else None)
        recipient = recipient or _named_after(text, amount, inside, entities, funder, main_cluster)
        recipient = recipient or takers.get(amount.start)
        recipient = recipient or _opens_clause(text, amount, clause, inside, funders, funder)
        to = TO_OPENING.match(text, start)
        if recipient is None and to:
            # "Til Ørsta Sensorikk AS … går 950 000 kroner", "Til klyngen gikk det 350 000 kroner"
            named = [e.canonical for e in inside
                     if e.start == to.end() and e.type in ("ORG", "CLUSTER")]  # fmt: skip
            recipient = main_cluster if to.group("cluster") else next(iter(named), None)
        recipient = recipient or taker
        recipient = recipient or (named_next[0] if named_next else None)
        # "Forskingsrådet gav oss …": the document's subject, found later.
        ours = recipient is None and US.search(text, clause, amount.start)
        if recipient is None and not ours:
            # "… til prosjektet SeaSense, som ledes av Stadt Sensorteknikk AS", "… til LigninPlus.
            # Orkdal Fiber AS er prosjekteier"
            recipient = (
                project_leader(text, inside + following)
                or first(inside, "CLUSTER")
                or subject
                or previous
            )
        if recipient is None and not ours and before:
            recipient = _named_before(text, before, inside, entities, funders, funder)
        # "… mens det totale budsjettet er 31 MNOK" in another clause says nothing of this one,
        # nor does "… dei samla inntektene på 6,1 millionar kroner" of another amount.
        stop = CLAUSE_END.search(text, amount.end, end)
        others = [e.start for e in inside if e.type == "MONEY" and e.start > amount.end]
        no_recipient = any(
            not any(0 <= o - m.end() <= 40 for o in others)
            for m in NO_RECIPIENT.finditer(text, clause, stop.start() if stop else end)
        )
        if recipient is None and no_recipient:
            continue  # a budget, a total or a sum set aside: no grant to anyone yet
        if recipient is None and not ours:
            # Not one the text says something comes from ("studentar frå NTNU").
            named = [e for e in within(inside, clause, end)
                     if not FROM.search(text, max(0, e.start - 5), e.start)]  # fmt: skip
            others = non_funders(named, funders, funder)
            recipient = (others[0] if others else None) or referred(text, start, end, entities)
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
        after = _funder_after(text, amount, inside, funders) or _council(text, amount, bodies)
        payers = [after] if after else payers or [funder]
        payers = [givers_of[amount.start]] if amount.start in givers_of else payers
        # "… får 500 000 kroner hver fra Nordland fylkeskommune og Rana kommune"
        named_after = [b.canonical for b in bodies if b.start > amount.end]
        if EACH_AFTER.match(text, amount.end) and len(named_after) > 1 and after:
            payers = named_after
        takers_each = _each_named(text, amount, clause, inside, funders)
        recipients = takers_each if recipient in takers_each else [recipient]
        grants += [(payer, taker, programme, amount, end) for payer in payers
                   for taker in recipients]  # fmt: skip
    return grants


def _each_named(
    text: str, amount: Entity, clause: int, inside: list[Entity], funders: set[str]
) -> list[str]:
    """The names a clause lists before an amount each of them gets: "Fjellfrukt Sogn AS og
    Bømlo Notbøteri AS får 450 000 kroner kvar"."""
    if not EACH_AFTER.match(text, amount.end):
        return []
    names = [e for e in inside if clause <= e.start and e.end <= amount.start
             and e.type in ("ORG", "CLUSTER") and not funding_body(e, funders)]  # fmt: skip
    listed = all(NAME_LIST.fullmatch(text, a.end, b.start) for a, b in itertools.pairwise(names))
    return [e.canonical for e in names] if len(names) > 1 and listed else []


def _sentence_programme(
    text: str,
    span: tuple[int, int],
    around: list[tuple[int, int]],
    inside: list[Entity],
    entities: list[Entity],
) -> str | None:
    """The programme of a sentence's grants: the sentence's, else that of the sentence before
    or after ("… 12 MNOK til X. Prosjektet får støtten gjennom BIA-programmet", "Innovasjon
    Norge tok oss opp i Arena-programmet. Det gir 1,6 MNOK årlig i tre år."), else the one
    programme its paragraph names."""
    programme = _programme(text, inside) or next(
        (p for s in around if (p := _programme(text, within(entities, *s)))), None
    )
    named = {e.canonical for e in within(entities, *paragraph(text, *span))
             if e.type == "PROGRAMME"}  # fmt: skip
    return programme or (named.pop() if len(named) == 1 else None)


def _named_before(
    text: str,
    before: tuple[int, int],
    inside: list[Entity],
    entities: list[Entity],
    funders: set[str],
    funder: str | None,
) -> str | None:
    """The recipient the sentence before names: the applicant ("X søkte … om 900 000 kroner.
    Kommunestyret innvilget 400 000 kroner"), or, when this sentence names no one else, the
    organisation it opens with ("X rykker opp til Arena Pro. Innovasjon Norge går inn med 2,8
    millioner kroner årlig.")."""
    previous = within(entities, *before)
    named = non_funders(previous, funders, funder)
    if not named:
        return None
    opens = (
        BULLET.fullmatch(text, before[0], previous[0].start) and previous[0].canonical == named[0]
    )
    alone = not non_funders(inside, funders, funder)
    return named[0] if APPLIED.search(text, *before) or opens and alone else None


def _respective(
    text: str,
    span: tuple[int, int],
    inside: list[Entity],
    named_next: list[str],
    funders: set[str],
    funder: str | None,
) -> tuple[dict[int, str], dict[int, str]]:
    """The recipients, or else the funding bodies, "henholdsvis" pairs with the amounts after
    it, by where each amount starts: "…, mens X og Y får henholdsvis 600 000 og 350 000
    kroner", "Ullensvang kommune og Vestland fylkeskommune har løyvd oss høvesvis 150 000 og
    300 000 kroner"; the names of the next sentence ("Pengene går til X og Y") when it names
    them."""
    word = RESPECTIVELY.search(text, *span)
    if word is None:
        return {}, {}
    amounts = [e.start for e in inside if e.type == "MONEY" and e.start > word.start()]
    clause = max((e.end for e in inside if e.type == "MONEY" and e.end <= word.start()),
                 default=span[0])  # fmt: skip
    named = within(inside, clause, word.start())
    takers = named_next or non_funders(named, funders, funder)
    if len(takers) == len(amounts):
        return dict(zip(amounts, takers, strict=True)), {}
    givers = [e.canonical for e in funding_bodies(text, named, funders)]
    if len(givers) == len(amounts):
        return {}, dict(zip(amounts, givers, strict=True))
    return {}, {}


def _applied_for(text: str, start: int, amount: Entity) -> bool:
    """A sum the sentence applies for, with nothing granted since: "Selskapet søkjer om eit
    lån på 1,5 millionar kroner og eit tilskot på 300 000 kroner"."""
    applied = [m.end() for m in APPLIED.finditer(text, start, amount.start)]
    return bool(applied) and not GOT.search(text, applied[-1], amount.start)


def _may_be_granted(text: str, amount: Entity) -> bool:
    """Not a sum shared by several ("til fem klynger") nor a range or sum one may get."""
    may_get = MAY_GET.search(text, max(0, amount.start - 30), amount.start)
    approximate = APPROXIMATE.search(text, max(0, amount.start - 20), amount.start)
    return not (SHARED.match(text, amount.end) or _range(text, amount) or may_get or approximate)


def _range(text: str, amount: Entity) -> bool:
    """ "får mellom 1,5 og 2,5 millioner": what one may get, not what was granted, unless
    the grant is stated done ("er tildelt mellom 1,2 og 1,6 millioner")."""
    granted = GRANTED.search(text, max(0, amount.start - 60), amount.start)
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
             and e.canonical in non_funders([e], funders, funder)]  # fmt: skip
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
    for body in funding_bodies(text, inside, funders):
        if body.start > amount.end and FROM_AFTER.fullmatch(text, amount.end, body.start):
            return body.canonical
    return None


def _council(text: str, amount: Entity, bodies: list[Entity]) -> str | None:
    """The one council of the kind named back right before the amount: "fylket med 700 000
    kroner og kommunen med 300 000 kroner"."""
    back = COUNCIL_GIVES.search(text, max(0, amount.start - 30), amount.start)
    return _council_of(back, bodies) if back else None


def _council_of(back: re.Match, named: list[Entity]) -> str | None:
    """The one council among `named` of the kind a word points back at: "fylket" at a
    county council, "kommunen" or "formannskapet" at a municipality."""
    kind = "fylkeskommune" if back.group("county") else " kommune"
    councils = {e.canonical for e in named if e.type == "ORG" and e.canonical.endswith(kind)}
    return councils.pop() if len(councils) == 1 else None


def other_money(text: str, amount: Entity) -> bool:
    """Turnover, a contract, a share issue, an investment, wages or a company's own money."""
    return bool(
        NOT_GRANT_BEFORE.search(text, max(0, amount.start - 60), amount.start)
        or NOT_GRANT_AFTER.match(text, amount.end)
    )


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
        return last_before(entities, amount.start, is_company)
    if TO_PROJECT.match(text, amount.end):
        return last_before(entities, amount.start, lambda e: is_company(e) or e.type == "CLUSTER")
    to = TO.match(text, amount.end)
    if not to:
        return None
    at = amount.end + len(to.group())
    return next(
        (e.canonical for e in inside if e.start == at and e.type in ("ORG", "CLUSTER")
         and e.canonical != funder),
        None,
    )  # fmt: skip


def _programme(text: str, entities: list[Entity]) -> str | None:
    """The programme of a grant among those named: not the one left ("går fra Arena Pro til
    NCE"), and the cluster programme's level before the programme ("the Norwegian Innovation
    Clusters programme at Arena level")."""
    named = [e for e in entities if e.type == "PROGRAMME"]
    kept = [e for e in named if not FROM.search(text, max(0, e.start - 5), e.start)]
    kept.sort(key=lambda e: e.canonical == CLUSTER_PROGRAMME)
    chosen = next(iter(kept or named), None)
    return chosen.canonical if chosen else None
