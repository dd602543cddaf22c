"""People: their roles and affiliations from the surrounding words, and short mentions resolved."""

from __future__ import annotations

import re
from dataclasses import replace

from nlp.names import COMPANY_FORM, DEFINITE_NOUN, header_end, opens_sentence
from nlp.types import Entity

# Job titles as Norwegian writes them: compounds ending in a title word
# ("prosjektleder", "markedssjef", "forskningsleder"), bokmål and nynorsk forms.
NORWEGIAN_ROLE = (
    r"(?:(?:daglig|dagleg|administrerende|administrerande|adm\.|konstituert|konstituerande|"
    r"fungerande|fungerende|assisterende|assisterande|styrets?|teknisk|økonomisk|"
    r"kommersiell|faglig|fagleg)\s+)?"
    # "seier" (says) and "leier" (leads) end like "eier" but are verbs.
    r"(?!(?:s|l)eier\b)"
    r"\w*(?:leder|leiar|sjef|direktør|rådgiver|rådgjevar|sekretær|minister|ordfører|ordførar|"
    r"forsker|forskar|koordinator|statsråd|fylkesråd|byråd|kommunalråd|professor|amanuensis|"
    r"rektor|dekan|stipendiat|megler|meklar|konsulent|ansvarlig|ansvarleg|gründer|grunnlegger|"
    r"grunnleggjar|eier|eigar|partner|president|formann|forkvinne)"
)
# English titles: "CEO", "chief technology officer", "cluster manager", "associate professor",
# "business development manager", "business developer".
ENGLISH_ROLE = (
    r"(?:C[ETFO]O|chief\s+\w+\s+officer|"
    r"(?:(?:associate|assistant|senior|regional|managing|general|project|cluster|research|"
    r"executive|technical|sales|marketing|programme|program|business|development)\s+){0,2}"
    r"(?:manager|director|researcher|scientist|engineer|professor|adviser|advisor|founder|"
    r"developer|coordinator))"
)
ROLE = rf"(?:{ENGLISH_ROLE}|{NORWEGIAN_ROLE})"
PREPOSITION = r"(?:i|ved|hos|fra|frå|for|på|til|of|at|in)"
# "Jan Gabor, markedssjef i Mo Industripark AS" / "…, som er prosjektleder i MIP Cluster" /
# a signature: "Siv Tjøtta\nklyngeleder, Agritech Jæren"
# or in brackets: "Håkon Fure (seniorforskar, NORCE)", "Inger Voldsund (ordførar)".
ROLE_AFTER = re.compile(
    rf"^\s*[,\n(]\s*(?:som\s+er\s+|som\s+var\s+)?(?P<role>{ROLE})\b"
    rf"(?:\s+{PREPOSITION}\s+|,[ \t]+)?",
    re.IGNORECASE,
)
# "regiondirektør for Vestland i Innovasjon Norge": the area a role covers comes first.
ROLE_AREA = re.compile(rf"\s+for\s+[A-ZÆØÅ][\w-]*(?:\s+og\s+[A-ZÆØÅ][\w-]*)?\s+{PREPOSITION}\s+")
# "sier forskningsleder Sverre Konrad Nilsen" / "Statsråd Monica Mæland" / a header field:
# "Prosjektleder: Kari Holt, Tønsberg Elmarin AS"
ROLE_BEFORE = re.compile(rf"\b(?P<role>{ROLE})\s*[,:]?\s*$", re.IGNORECASE)
# "Lars Bruland Høyen i Kunnskapsparken Helgeland" / "Mona Skaret fra Innovasjon Norge"; after
# a role, a comma: "Prosjektleder: Kari Holt, Tønsberg Elmarin AS"
AFFILIATION_AFTER = re.compile(rf"^\s+{PREPOSITION}\s+", re.IGNORECASE)
AFFILIATION_AFTER_ROLE = re.compile(rf"^(?:\s+{PREPOSITION}\s+|,[ \t]+)", re.IGNORECASE)
# "daglig leder Kari Holm i selskapet", "styreleiar i stiftinga": the organisation of that kind
# named before.
BACK = re.compile(
    r"(?P<company>selskapet|bedriften|bedrifta|firmaet|verksemda)|(?P<foundation>stiftelsen|"
    r"stiftinga)|(?P<cluster>klyngen|klynga|nettverket)|(?P<council>kommunen|kommuna)\b",
    re.IGNORECASE,
)
KIND = {
    "company": COMPANY_FORM,
    "foundation": re.compile(r"stiftelse|stifting", re.IGNORECASE),
    "council": re.compile(r"\skommune$"),
}
# The roles of whoever runs a company or a cluster.
LEADER = re.compile(r"dag(?:lig|leg)\s+le(?:der|iar)|adm(?:inistrerende|\.)\s+direktør|CEO",
                    re.IGNORECASE)  # fmt: skip
# The roles of a cluster's manager.
CLUSTER_ROLE = re.compile(r"klynge(?:leder|leiar|sjef)|cluster\s+(?:manager|lead)", re.IGNORECASE)
# Later in the same sentence: "…, som er prosjektleder i MIP Cluster"
LATER_ROLE = re.compile(
    rf"^[^.!?\n]{{0,80}}?,\s*(?:som\s+)?(?:er|var)\s+(?P<role>{ROLE})\b", re.IGNORECASE
)
# A definite noun before a name: "Rederiet Havgapet AS", "Medlemsbedrifta Slidre Tømmer AS".
BEFORE_NAME = re.compile(rf"{DEFINITE_NOUN}[ \t]+")
AFFILIATED_TYPES = {"ORG", "CLUSTER"}
WINDOW = 120


def add_roles(text: str, entities: list[Entity]) -> list[Entity]:
    """Give PERSON entities the role and affiliation the text states next to them: named, or
    pointed back at ("i selskapet"); a cluster manager's is the cluster named before, and
    anyone else with a role and no organisation is of the one the header names (a council's
    officials, a report's signatures)."""
    by_start = {e.start: e for e in entities if e.type in AFFILIATED_TYPES}
    top = header_end(text)
    author = next((e.canonical for e in entities if e.type in AFFILIATED_TYPES and e.end <= top),
                  None)  # fmt: skip
    out = []
    for e in entities:
        if e.type == "PERSON":
            e = _with_role(text, e, by_start)
            kind = _pointed_back(text, e)
            if e.affiliation is None and e.role and CLUSTER_ROLE.search(e.role):
                kind = kind or "cluster"
            if e.affiliation is None and kind:
                e = replace(e, affiliation=_last_of(kind, out))
            if e.affiliation is None and e.role:
                e = replace(e, affiliation=author)
            if e.affiliation is None and e.role and LEADER.search(e.role):
                # "Vi tok ein prat med dagleg leiar X": of the company or cluster named last.
                e = replace(e, affiliation=_last_of("company", out) or _last_of("cluster", out))
        out.append(e)
    return out


def _pointed_back(text: str, person: Entity) -> str | None:
    """The kind of organisation the words after a person point back at: "Kari Holm i
    selskapet", "Ola Vik, dagleg leiar i stiftinga"."""
    after = text[person.end : person.end + WINDOW]
    m = ROLE_AFTER.match(after) or AFFILIATION_AFTER.match(after)
    back = BACK.match(after, m.end()) if m else None
    return back.lastgroup if back else None


def _last_of(kind: str, before: list[Entity]) -> str | None:
    """The organisation or cluster of a kind named last among `before`."""

    def of_kind(e: Entity) -> bool:
        return e.type == "CLUSTER" if kind == "cluster" else bool(KIND[kind].search(e.canonical))

    named = [e for e in before if e.type in AFFILIATED_TYPES and of_kind(e)]
    return named[-1].canonical if named else None


def _with_role(text: str, person: Entity, orgs: dict[int, Entity]) -> Entity:
    role = affiliation = None
    after = text[person.end : person.end + WINDOW]
    before = text[max(0, person.start - 40) : person.start]
    m = ROLE_AFTER.match(after)
    if m:
        role = m.group("role")
        affiliation = _entity_at(orgs, person.end + m.end())
        area = ROLE_AREA.match(after, m.end("role"))
        if affiliation is None and area:
            affiliation = _entity_at(orgs, person.end + area.end())
    else:
        b = ROLE_BEFORE.search(before)
        if b:
            role = b.group("role")
        a = (AFFILIATION_AFTER_ROLE if b else AFFILIATION_AFTER).match(after)
        if a:
            affiliation = _entity_at(orgs, person.end + a.end())
            later = LATER_ROLE.match(after)
            if later and not role:
                role = later.group("role")
        elif b and opens_sentence(text, person.start - len(before) + b.start()):
            # "Årdal Støyperi AS er ei av verksemdene. Dagleg leiar Arvid Hæreid meiner …"; a
            # cluster manager's is a cluster ("Agder fylkeskommune har gitt … Klyngeleder X").
            if CLUSTER_ROLE.search(role):
                orgs = {at: e for at, e in orgs.items() if e.type == "CLUSTER"}
            affiliation = _previous_subject(text, person.start - len(before) + b.start(), orgs)
    if not role and not affiliation:
        return person
    return replace(person, role=role.lower() if role else None, affiliation=affiliation)


def _previous_subject(text: str, start: int, orgs: dict[int, Entity]) -> str | None:
    """The organisation that opens a sentence before the one starting at `start` (after a
    definite noun: "Rederiet Havgapet AS"), back to the start of its line: "Årdal Støyperi AS er
    ei av verksemdene. Prosjektet har … Dagleg leiar Arvid Hæreid …"."""
    head = text[:start]
    if not head[head.rfind("\n") + 1 :].strip():
        return None  # the sentence opens its line
    head = head.rstrip()
    while head.endswith((".", "!", "?")):
        begin = max(head.rfind(". ", 0, len(head) - 1), head.rfind("\n", 0, len(head) - 1)) + 1
        begin += len(head[begin:]) - len(head[begin:].lstrip())
        noun = BEFORE_NAME.match(text, begin)  # "Rederiet Havgapet AS er …"
        if org := _entity_at(orgs, begin) or (noun and _entity_at(orgs, noun.end())):
            return org
        if text[begin - 1 : begin] == "\n" or begin == 0:
            return None
        head = head[:begin].rstrip()
    return None


def _entity_at(orgs: dict[int, Entity], pos: int) -> str | None:
    org = orgs.get(pos)
    return org.canonical if org else None


def resolve_short_mentions(text: str, entities: list[Entity]) -> list[Entity]:
    """Point "Høyen" at "Lars Bruland Høyen", and find surname-only mentions NER missed."""
    surnames: dict[str, str] = {}
    first_names: dict[str, set[str]] = {}
    for e in entities:
        parts = e.canonical.split()
        if e.type == "PERSON" and len(parts) > 1:
            surnames.setdefault(parts[-1], e.canonical)
            first_names.setdefault(parts[0], set()).add(e.canonical)
    if not surnames:
        return entities
    # A lone first name the model tagged points at the full name only when one person has
    # it; first names are not searched for, since many are also words ("Per", "Mona").
    short = {first: next(iter(names)) for first, names in first_names.items() if len(names) == 1}
    short.update(surnames)
    out = [
        replace(e, canonical=short[e.canonical])
        if e.type == "PERSON" and e.canonical in short
        # A surname the model took for a place or organisation: "Torleiv Nes" … "Nes".
        else replace(e, type="PERSON", canonical=surnames[e.text])
        if e.type in ("ORG", "LOCATION") and e.text in surnames
        else e
        for e in entities
    ]
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, surnames)) + r")\b")
    for m in pattern.finditer(text):
        if not any(e.start < m.end() and m.start() < e.end for e in out):
            out.append(Entity("PERSON", m.group(), m.start(), m.end(), surnames[m.group()]))
    return sorted(out, key=lambda e: e.start)
