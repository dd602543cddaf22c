"""Grants in lists and tables: items under an introduction that states a grant, and rows
that name a funding body or a recipient beside its sum."""

from __future__ import annotations

import itertools
import re

from nlp.grant_context import (
    first,
    funding_bodies,
    funding_body,
    non_funders,
    paragraph,
    within,
)
from nlp.grant_sentences import Grant, other_money
from nlp.grant_words import (
    ALIGNED,
    BULLET,
    CELL,
    CELL_SEPARATOR,
    FINITE,
    GIFT,
    GIVER_COLUMN,
    GRANT,
    GRANT_COLUMN,
    INTRO_END,
    ITEM_LINE,
    ITEM_SENTENCE_END,
    KIND_COLUMN,
    LABEL_END,
    NOT_GRANT,
    OTHER_COLUMN,
    PURPOSE,
    ROW_LEAD,
    SUM_COLUMN,
    TABLE_LINE,
    TABLE_RULE,
    TOTAL_ROW,
)
from nlp.types import Entity


def listed_grants(
    text: str,
    spans: list[tuple[int, int]],
    entities: list[Entity],
    funders: set[str],
    main_cluster: str | None,
) -> tuple[list[Grant], set[int]]:
    """The grants of the document's lists and tables, and where their amounts start (for
    the sentences around them to leave alone)."""
    grants, listed = _tables(text, entities)
    more, listed_more = _listed(text, spans, entities, funders, main_cluster)
    grants += more
    listed |= listed_more
    grants += _rows(text, entities, funders, listed)
    return grants, listed


def _tables(text: str, entities: list[Entity]) -> tuple[list[Grant], set[int]]:
    """Rows of a table whose header names a column of grants ("Søker | Formål | Søkt |
    Innvilget", or columns aligned by spaces), or a column of sums beside one of their kinds
    ("Mottaker  Giver  Ordning  Beløp  Type"): the sum in that column, on a row whose kind is
    a grant or a gift, is a grant to the organisation the row opens with, from the body in its
    giver column, else the body the document names (filled in later). Every amount of the table
    is listed, so that the sums applied for beside the grants are read as no grants."""
    grants: list[Grant] = []
    listed: set[int] = set()
    columns: dict[str, int] | None = None
    starts: list[int] | None = None  # where an aligned table's columns start in a line
    for line in TABLE_LINE.finditer(text):
        if TABLE_RULE.fullmatch(line.group()):
            continue
        cells = _cells(line, starts)
        if len(cells) < 2:
            columns = starts = None
            continue
        if columns is None:
            # A header names its columns; a line with a sum is a row of no table of grants.
            sums = any(e.type == "MONEY" for e in within(entities, *line.span()))
            columns = None if sums else _columns(text, cells)
            aligned = columns is not None and not CELL_SEPARATOR.search(line.group())
            starts = [a - line.start() for a, _ in cells] if aligned else None
            continue
        row = within(entities, line.start(), line.end())
        listed |= {e.start for e in row if e.type == "MONEY"}
        if TOTAL_ROW.match(line.group()):
            continue
        at = {role: cells[k] if k < len(cells) else (line.end(), line.end())
              for role, k in columns.items()}  # fmt: skip
        granted, giver, kind = at["grant"], at.get("giver"), at.get("kind")
        if kind and not (GRANT.search(text, *kind) or GIFT.search(text, *kind)):
            continue  # "NOK 8 mill.   Lån"
        # The name the row opens with, after a number column ("1   Innherred Matklynge   …").
        names = [e for e in within(row, line.start(), granted[0])
                 if e.type in ("ORG", "CLUSTER")]  # fmt: skip
        bodies = [e for e in names if giver and giver[0] <= e.start < giver[1]]
        names = [e for e in names if e not in bodies]
        money = [e for e in row if e.type == "MONEY" and granted[0] <= e.start < granted[1]]
        if names and money:
            funder = bodies[0].canonical if bodies else None
            grants.append((funder, names[0].canonical, first(row, "PROGRAMME"), money[0],
                           line.end()))  # fmt: skip
    return grants, listed


def _columns(text: str, cells: list[tuple[int, int]]) -> dict[str, int] | None:
    """Which of a table header's cells heads the grants, the givers and the kinds of money;
    None for no table of grants."""
    columns: dict[str, int] = {}
    for k, (a, b) in enumerate(cells):
        for role, header in (("grant", GRANT_COLUMN), ("sum", SUM_COLUMN),
                             ("giver", GIVER_COLUMN), ("kind", KIND_COLUMN)):  # fmt: skip
            if header.search(text, a, b) and not OTHER_COLUMN.search(text, a, b):
                columns.setdefault(role, k)
                break
    if "grant" not in columns and {"sum", "kind"} <= columns.keys():
        columns["grant"] = columns["sum"]
    return columns if "grant" in columns else None


def _cells(line: re.Match, starts: list[int] | None) -> list[tuple[int, int]]:
    """Where the cells of a table's line start and end: apart by "|" or tabs, at the columns
    of an aligned table's header, or apart by two spaces or more; none in running text."""
    begin, end = line.span()
    if starts is not None and not CELL_SEPARATOR.search(line.group()):
        bounds = [begin + s for s in starts if begin + s < end]
        return list(zip(bounds, [*bounds[1:], end], strict=True)) if bounds else []
    separator = CELL_SEPARATOR if CELL_SEPARATOR.search(line.group()) else ALIGNED
    bounds = [begin]
    for m in separator.finditer(line.group().rstrip()):
        bounds += [begin + m.start(), begin + m.end()]
    bounds.append(end)
    return list(zip(bounds[::2], bounds[1::2], strict=True)) if len(bounds) > 2 else []


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
        # The introduction ends its sentence, or a line the sentence runs on past.
        colon = INTRO_END.search(text[start:end].rstrip())
        if colon is None:
            continue
        end = start + colon.start() + 1
        lead = (paragraph(text, start, end)[0], end)
        if not GRANT.search(text, *lead) or NOT_GRANT.search(text, *lead):
            continue
        introduction = within(entities, *lead)
        bodies = funding_bodies(text, introduction, funders)
        # "Disse klyngene har fått tilsagn:" names no funder: the body named last before does.
        bodies = bodies or [e for e in within(entities, 0, start) if funding_body(e, funders)]
        funder = bodies[-1].canonical if bodies else None
        programme = first(introduction, "PROGRAMME")
        # "… tilskuddene klyngen mottok:" then "Horten kommune: 150 000 kroner": items name
        # the bodies that gave, the introduction (or the document) the one that got.
        takers = non_funders(introduction, funders, funder) or [main_cluster]
        # A table's cells are lines of their own: the row's name comes lines before its amount.
        row: Entity | None = None
        for line in ITEM_LINE.finditer(text, end):
            # The item, without the sentences after it ("Prosjektet har en totalramme på …").
            head = _first_sentence(line)
            item = within(entities, line.start(), line.start() + len(head))
            names = [e for e in item if e.type in ("ORG", "CLUSTER") and e.canonical != funder]
            money = [e for e in item if e.type == "MONEY" and not other_money(text, e)]
            if NOT_GRANT.search(line.group()):
                break  # "X hadde søkt om 800 000 kroner, men fekk avslag."
            # "• X har fått 1,9 millioner kroner fra Y" is a sentence of its own; "• X – 2,5
            # MNOK fra Y til … Prosjektet har …" an item with a sentence after it.
            if FINITE.search(head):
                continue
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
            # The item's own body ("• X – 400 000 kr fra Innovasjon Norge Agder") beats the
            # introduction's.
            own = [b for b in funding_bodies(text, item, funders) if b is not row]
            giver, taker = own[0].canonical if own else funder, row.canonical
            if funding_body(row, funders):
                giver, taker = row.canonical, takers[0]
            row = None
            if taker is None:
                continue  # "• Samme klynge kan også glede seg over …": the item's sentence says
            for amount in money:
                grants.append((giver, taker, first(item, "PROGRAMME") or programme, amount,
                               line.end()))  # fmt: skip
                listed.add(amount.start)
    return grants, listed


def _first_sentence(line: re.Match) -> str:
    """A list item's line up to the end of its first sentence."""
    end = ITEM_SENTENCE_END.search(line.group())
    return line.group()[: end.start() if end else None]


def _row_ends(text: str, end: int, money: list[Entity], labelled: bool = False) -> bool:
    """Whether a row (up to `end`) ends with its sum: "SpareBank 1 SMN – gavemidler  200 000",
    or a labelled one with its sentence: "• Innovasjon Norge (Arena): 1,6 millioner kroner."."""
    return not text[money[-1].end : end].strip(" \t." if labelled else None)


def _purpose_follows(text: str, opening: Entity, money: list[Entity]) -> bool:
    """Whether a row is a body, its sum and the sum's purpose: "• Innlandet fylkeskommune:
    350 000 kroner til kompetanseprogrammet"."""
    return bool(
        LABEL_END.fullmatch(text, opening.end, money[0].start)
        and PURPOSE.match(text, money[-1].end)
    )


def _rows(text: str, entities: list[Entity], funders: set[str], listed: set[int]) -> list[Grant]:
    """Rows of a table or list that open with a funding body, or a giver of gifts, and end with
    its sum or its purpose, under any heading ("Finansiering", "Inntektene fordeler seg
    slik:"): "Innovasjon Noreg (Arena) Klyngedrift  kr 2 400 000", "SpareBank 1 SMN –
    gavemidler  200 000", "• Innlandet fylkeskommune: 350 000 kroner til kompetanseprogrammet"
    are grants from the body to the document's subject. Sentences after the row's own ("Dette
    er år to av tre.") say no more of it."""
    grants: list[Grant] = []
    for line in ITEM_LINE.finditer(text):
        end = line.start() + len(_first_sentence(line))
        item = within(entities, line.start(), end)
        money = [e for e in item if e.type == "MONEY" and e.start not in listed
                 and not other_money(text, e)]  # fmt: skip
        opening = next((e for e in item if e.type in ("ORG", "CLUSTER")), None)
        if (not money or opening is None or FINITE.search(text, line.start(), end)
                or NOT_GRANT.search(text, line.start(), end)
                or not ROW_LEAD.fullmatch(text, line.start(), opening.start)
                or not (_row_ends(text, end, money, ":" in text[opening.end : money[0].start])
                        or _purpose_follows(text, opening, money))
                or not (funding_body(opening, funders)
                        or GIFT.search(text, line.start(), end))):  # fmt: skip
            continue
        for amount in money:
            grants.append((opening.canonical, None, first(item, "PROGRAMME"), amount,
                           line.end()))  # fmt: skip
            listed.add(amount.start)
    listed |= _plan_rows(text, entities)
    return grants


def _plan_rows(text: str, entities: list[Entity]) -> set[int]:
    """Where the sums of a block of two or more lines "label   sum" start: a financing plan
    ("Vinje kommune (tilsegn av 20.02.2025)   120 000 kroner", "Eigeninnsats …   550 000
    kroner", "Sum   1 150 000 kroner"), whose only grants are the rows of funding bodies."""
    rows = []
    for line in ITEM_LINE.finditer(text):
        money = [e for e in within(entities, *line.span()) if e.type == "MONEY"]
        if (money and _row_ends(text, line.end(), money) and not FINITE.search(line.group())
                and sum(a < b for a, b in _cells(line, None)) == 2):  # fmt: skip
            rows.append((line.start(), line.end(), money[-1].start))
    block: set[int] = set()
    for (_, end, one), (start, _, other) in itertools.pairwise(rows):
        if text[end:start] == "\n":
            block |= {one, other}
    return block
