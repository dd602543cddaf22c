"""The knowledge base of programmes, funders and clusters, and the rules that find them in text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from nlp.compounds import frequency
from nlp.names import COMPANY_FORM, is_ordinary_word, opens_sentence
from nlp.places import phrases, place_name, places
from nlp.types import Entity

# Sections of kb.json and the entity type of their records.
TYPES = {"programmes": "PROGRAMME", "organisations": "ORG", "clusters": "CLUSTER"}
# After a known name: a genitive ("Innovasjon Norges"), or for a programme a compound
# ("BIA-nettverket", "Arenaprosjekt", "Arena prosjektene"). Compounds are lower case, so
# "FORREGION-Forskningsbasert" stays two names.
TAIL = (
    r"(?P<tail>s(?!\w)|-[a-zæøå]\w*|(?:program|prosjekt)\w*"
    r"|\s+(?:program|prosjekt)(?:met|mets|et|ets|ene|er|a)?(?!\w))?(?!\w)"
)
# A capitalised word of a name: "Systems", "Nord-Norge", "CleanTech", "iKuben".
_WORD = r"(?:[A-ZÆØÅ][\w&'’]*(?:-\w+)*|[a-zæøå][A-ZÆØÅ]\w*)"
# "Dalane Mineral & Metals Cluster": "&" may join two words of a name. The words of a name are
# one space apart; a wider gap or a tab parts the columns of a table.
_NAME = rf"{_WORD}(?: (?:& )?{_WORD}){{0,3}}"
# Clusters the knowledge base does not know, recognised by how Norwegian names them.
# "Arena Skog og Tre Telemark": "og" may join the words of a prefixed name, not two names.
_AND = r"og (?!NCE\b|GCE\b|Arena\b|Innovasjon\b|\w*(?:klyng|nettverk))"
_JOINED_NAME = rf"{_WORD}(?: (?:{_AND})?{_WORD}){{0,3}}"
PREFIXED = re.compile(
    rf"(?<![\w-])(?:NCE|GCE|Arena|ARENA)[ \t]+(?!Pro\b|PRO\b)(?P<name>{_JOINED_NAME})"
)
# A region or place after "Cluster" ends the name ("Offshore Wind Cluster Midt", "Electro
# Cluster Vestfold"), unless it opens a longer place or a council ("Vestfold og Telemark",
# "Vestland fylkeskommune").
COMPASS = ("Nord", "Sør", "Øst", "Vest", "Midt")
# A line in capitals, as headers and letterheads write them.
CAPITAL_LINE = re.compile(r"^[^\na-zæøå]*[A-ZÆØÅ]{2}[^\na-zæøå]*$", re.MULTILINE)
# The cluster programme, whose levels (Arena, Arena Pro, NCE, GCE) name a grant more exactly.
CLUSTER_PROGRAMME = "Norwegian Innovation Clusters"
_BY_LENGTH = sorted({*COMPASS, *places()}, key=len, reverse=True)
_REGION_WORDS = "|".join(re.escape(p) for p in _BY_LENGTH if " " not in p)
_PLACE_PHRASES = phrases()
_REGION = (
    rf"(?:(?! (?:{_PLACE_PHRASES})(?![\w-])) (?:{_REGION_WORDS})"
    r"(?![\w'’-]|[ \t]+(?:fylkes)?kommun))?"
)
SUFFIXED = re.compile(rf"(?<![\w-])(?P<name>{_NAME})[ \t]+Cluster(?!\w){_REGION}")
# "Havvindklyngen Nord", "Aluminiumsklynga Sogn": one capitalised word may qualify the
# compound, unless a second follows (a person: "Eyde-klyngen Hilde Tveit Omdal") and the two
# are no place ("Skogindustriklyngen Indre Østfold"); a place joined by "og" is part of it
# ("Reiselivsklynga Hardanger og Voss"), unless a council.
COMPOUND = re.compile(
    r"(?<![\w-])(?P<head>[A-ZÆØÅ]\w*?)-?klyng(?:en|a)"
    rf"(?:[ \t]+(?P<qualifier>{_PLACE_PHRASES}|[A-ZÆØÅ][\w-]+(?! [A-ZÆØÅ]))"
    rf"(?:[ \t]+og[ \t]+(?:{_REGION_WORDS})(?![\w-]|[ \t]+(?:fylkes)?kommun))?)?(?!\w)"
)
# "Trøndersk Ullklynge", "Nordfjord Sjømatklynge", "Kragerø Maritime Klynge": a compound in
# "-klynge" or the word itself after a name.
INDEFINITE = re.compile(
    rf"(?<![\w-])(?P<name>(?:{_WORD}[ \t]+){{1,2}}"
    rf"(?:[A-ZÆØÅ]\w*klynge|Klynge))(?![\w-]){_REGION}"
)
# "Grenland Prosessnettverk", "Sørlandets Havvindnettverk", "Robotikkforum Rogaland": a network
# or forum named by its place; a place's business forum ("Stryn Næringsforum") is no cluster.
_NETWORK = r"(?!(?:Nærings|Bedrifts|Kompetanse)\w)[A-ZÆØÅ]\w+(?:nettverk|forum)"
NETWORK = re.compile(
    rf"(?<![\w-])(?P<name>(?:{_REGION_WORDS})s?[ \t]+{_NETWORK}"
    rf"|{_NETWORK}[ \t]+(?:{_PLACE_PHRASES}|{_REGION_WORDS}))(?![\w-])"
)
# "klyngen Fjordhy", "leverandørnettverket Merdkanten".
AFTER_WORD = re.compile(rf"(?<![\w-])(?:[Kk]lyng(?:en|a)|\w*nettverket)[ \t]+(?P<name>{_NAME})")
# "Treforum Gudbrandsdalen er en klynge for …", "Kystkraft, ei klynge av …", "Polar Bioeconomy
# Alliance is a cluster of …": what the text calls a cluster or network.
CALLED = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME})(?:[ \t]*,|[ \t]+(?:er|var|is|was))[ \t]+"
    r"(?:en|ei|ein|et|eit|a|an)[ \t]+(?:\w+[ \t]+)?(?:\w*klynge|\w*nettverk|cluster|network)\b"
)
# "Kaldstrøm Allianse samler 22 datasenteraktører": what gathers a few hundred companies at most.
GATHERS = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME})[ \t]+(?:samler|samlar|brings[ \t]+together)[ \t]+"
    r"(?:over[ \t]+|om[ \t]+lag[ \t]+|rundt[ \t]+|nær[ \t]+)?\d{1,3}(?![ \t.]?\d)[ \t]+"
    r"(?:\w+[ \t]+)?(?:\w*bedrifter|\w*verksemder|medlem\w*|\w*aktører|\w*aktørar|"
    r"companies|members)\b"
)
# "SIRKULÆR HELGELAND\nÅrsrapport 2024", "Årsmelding 2024 – Grøn Kyst Nordmøre": a cluster's
# own report or letter, titled with its name, that speaks of "klyngen".
_OWN_KIND = (
    r"(?i:årsrapport|årsmelding|årsberetning|medlemsbrev|nyhetsbrev|nyhendebrev|annual\s+report|"
    r"newsletter)"
)
OWN_TITLE = re.compile(
    rf"\A\s*(?:(?P<name>{_NAME})(?:[ \t]*\n[ \t]*|[ \t]+[–—:-][ \t]+){_OWN_KIND}\b"
    rf"|{_OWN_KIND}(?:[ \t]+\d{{4}})?[ \t]+[–—:-][ \t]+(?P<after>{_NAME})[ \t]*$)",
    re.MULTILINE,
)
# "BioRaff Midt fikk Arena-status", "Smart Havn Cluster ble tatt opp i Arena-programmet":
# what a cluster level takes in.
STATUS = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME})[ \t]+(?:(?:fikk|fekk|har[ \t]+fått|har[ \t]+fenge|får)[ \t]+"
    r"(?:Arena|Arena[ \t]+Pro|NCE|GCE)-status|(?:er|ble|blei|vart|har[ \t]+vorte)[ \t]+"
    r"(?:tatt|teke)[ \t]+opp[ \t]+i[ \t]+(?:Arena|NCE|GCE)(?:-programmet|\b))"
)
# "Klynge: Agritech Jæren": a header field naming the cluster.
FIELD = re.compile(
    rf"^(?:Klynge|Klynga|Cluster)[ \t]*:[ \t]*(?P<name>{_NAME})(?=[ \t]*$)", re.MULTILINE
)
THE_CLUSTER = re.compile(r"\b[Kk]lyng(?:en|a)s?\b")
PLACED = re.compile(r"[ \t]+(?:i|på)[ \t]+[A-ZÆØÅ]")
# "Næringsklyngen" opening a sentence is a common noun, not a name.
GENERIC_HEADS = {
    "nærings", "industri", "innovasjons", "kompetanse", "bedrifts", "den", "denne", "hele",
    "heile", "samme", "same", "ny", "nye", "vår", "største", "første",
}  # fmt: skip
# Function words that open a sentence and so are capitalised before a name.
COMMON_LEADS = {
    "i", "og", "at", "det", "den", "de", "dei", "med", "for", "fra", "frå", "når", "der",
    "gjennom", "både", "hos", "ved", "om", "til", "som", "nye", "nå", "no", "etter", "under",
    "mens", "men", "en", "ei", "et", "ein", "eit", "the", "in", "of", "by", "with", "and",
    "vi", "we",
}  # fmt: skip
# Definite endings of common nouns ("Klyngen", "Bedriftsnettverket"), bokmål and nynorsk.
DEFINITE = ("en", "et", "ene", "ane", "a", "ne")
KEY_AFFIXES = re.compile(r"^(?:nce|gce|arena)\s+|\s+cluster$|-?klyng(?:en|a|e)$")
CLUSTER_WORD = re.compile(r"klyng(?:en|a|e)$")
# The word a one-word cluster compound is made of: "Fjellturisme" in "Fjellturismeklynga".
STEM = re.compile(r"(\w+?)-?klyng(?:en|a|e)")
NON_ALNUM = re.compile(r"\W+")


@dataclass(frozen=True)
class Record:
    """One known programme, organisation or cluster."""

    name: str
    type: str
    kind: str
    aliases: tuple[str, ...]
    region: str | None = None
    funder: str | None = None


class KnowledgeBase:
    """Known names with their aliases, matched longest first at word boundaries."""

    def __init__(self, records: Iterable[Record]) -> None:
        self.records = list(records)
        self._by_alias: dict[str, Record] = {}
        self._cluster_keys: dict[str, str] = {}
        for record in self.records:
            for alias in {record.name, *record.aliases}:
                known = self._by_alias.setdefault(_normal(alias), record)
                if known is not record:
                    raise ValueError(f"alias {alias!r} names both {known.name} and {record.name}")
                if record.type == "CLUSTER":
                    self._cluster_keys[_key(alias)] = record.name
        # Asked for once per document, so worked out once here (callers only read them).
        self._funders = {
            r.name for r in self.records if r.type == "ORG" and r.kind in ("funder", "bank")
        }
        self._levels = {
            r.name for r in self.records if r.type == "PROGRAMME" and r.kind == "programme level"
        }
        self._runners = {
            r.name: r.funder for r in self.records if r.type == "PROGRAMME" and r.funder
        }
        # Longest first, so "Arena Heidner" (a cluster) wins over "Arena" (the programme).
        aliases = sorted({a for r in self.records for a in (r.name, *r.aliases)}, key=len)
        pattern = "|".join(_alias_pattern(a) for a in reversed(aliases))
        self._pattern = re.compile(rf"(?<![\w-])(?P<alias>{pattern}){TAIL}")

    @classmethod
    def load(cls, path: Path | None = None) -> KnowledgeBase:
        """The knowledge base shipped in nlp/data/kb.json, or the one at `path`."""
        source = path or resources.files("nlp").joinpath("data/kb.json")
        data = json.loads(source.read_text("utf-8"))
        return cls(
            Record(
                name=item["name"],
                type=type,
                kind=item.get("kind", "cluster"),
                aliases=tuple(item.get("aliases", ())),
                region=item.get("region"),
                funder=item.get("funder"),
            )
            for section, type in TYPES.items()
            for item in data[section]
        )

    def find(self, text: str) -> list[Entity]:
        """Known names, and unknown clusters by pattern, sorted and without overlaps."""
        chosen = self._known(text)
        unknown: list[Entity] = []
        # A header in capitals ("NYHENDEBREV FRÅ KRAFTKLYNGA HALLINGDAL") names clusters too.
        titled = CAPITAL_LINE.sub(_titled, text)
        found = [replace(e, text=text[e.start : e.end]) for e in _patterns(titled)]
        for candidate in sorted(found, key=lambda e: (e.start, e.start - e.end)):
            clashes = [e for e in chosen + unknown if e.start < candidate.end
                       and candidate.start < e.end]  # fmt: skip
            # A cluster name outranks a programme word inside it ("NCE" in "NCE Havbruk");
            # anything else known stays.
            if all(e.within(candidate) and e in chosen and e.type == "PROGRAMME"
                   for e in clashes):  # fmt: skip
                chosen = [e for e in chosen if e not in clashes]
                unknown.append(candidate)
        return sorted(chosen + self._named(unknown), key=lambda e: e.start)

    def canonical(self, name: str, type: str | None = None) -> str | None:
        """The canonical name for a known alias (of the given type), or None."""
        record = self.record(name)
        if record is None or (type and record.type != type):
            return None
        return record.name

    def record(self, name: str) -> Record | None:
        """The record for a canonical name or alias, also as a genitive or programme compound."""
        record = self._by_alias.get(_normal(name))
        if record is None:
            m = self._pattern.fullmatch(name.strip())
            if m and (span := self._span(m)):
                record = span[0]
        return record

    def funders(self) -> set[str]:
        """Canonical names of the organisations that fund clusters: funders, and banks, whose
        gifts ("ei gåve på 150 000 kroner") are grants and whose loans are not."""
        return self._funders

    def cluster_programmes(self) -> set[str]:
        """The programmes of the cluster programme's levels: Arena, Arena Pro, NCE, GCE."""
        return self._levels

    def programme_funders(self) -> dict[str, str]:
        """Programme → the body that runs it."""
        return self._runners

    def _known(self, text: str) -> list[Entity]:
        found = []
        for m in self._pattern.finditer(text):
            span = self._span(m)
            if span:
                record, end = span
                found.append(Entity(record.type, text[m.start() : end], m.start(), end,
                                    record.name))  # fmt: skip
        return found

    def _span(self, m: re.Match[str]) -> tuple[Record, int] | None:
        """The record a match names and where its mention ends; None for a glued non-programme."""
        record = self._by_alias[_normal(m.group("alias"))]
        tail = m.group("tail")
        if not tail or tail == "s" or record.type == "PROGRAMME":
            return record, m.end()
        if tail[0] == "-" or tail[0].isspace():
            # "Innovasjon Norge-program": the organisation is named, not the compound.
            return record, m.end("alias")
        return None

    def _named(self, unknown: list[Entity]) -> list[Entity]:
        """Unknown clusters named by the knowledge base's spelling or the longest form seen, in
        its usual case when a header writes it in capitals."""
        longest: dict[str, str] = {}
        for e in unknown:
            key = _key(e.text)
            name = " ".join(e.text.split())
            name = name.title() if name.isupper() else name
            if len(name) > len(longest.get(key, "")):
                longest[key] = name
        # A short form names the longer name it is part of: "Havvindklyngen" is
        # "Havvindklyngen Nord", "Aquaculture Cluster" is "Salten Aquaculture Cluster".
        for key, name in longest.items():
            longer = [n for n in longest.values() if len(n) > len(name) and _part_of(name, n)]
            if longer:
                longest[key] = max(longer, key=len)
        return [
            Entity("CLUSTER", e.text, e.start, e.end,
                   self._cluster_keys.get(_key(e.text)) or longest[_key(e.text)])
            for e in unknown
        ]  # fmt: skip


def _titled(line: re.Match) -> str:
    """A line in capitals in title case, its function words after the first in lower case
    ("Finansiering til Klyngen og Medlemmene i 2024"), unless that changes its length (offsets
    must hold)."""
    first, *rest = line.group().title().split(" ")
    titled = " ".join([first, *(w.lower() if w.lower() in COMMON_LEADS else w for w in rest)])
    return titled if len(titled) == len(line.group()) else line.group()


def _patterns(text: str) -> list[Entity]:
    """Cluster-shaped names: "X Cluster", "NCE X", "GCE X", "Arena X", "Xklyngen", "klyngen X",
    "X Yklynge", "X Ynettverk", "Yforum X", "X er en klynge", "X samler 22 bedrifter",
    "Klynge: X", "X fikk Arena-status"."""
    found = []
    for pattern in (PREFIXED, SUFFIXED, AFTER_WORD, INDEFINITE, NETWORK, CALLED, GATHERS, FIELD,
                    STATUS):  # fmt: skip
        for m in pattern.finditer(text):
            # "NCE" belongs to the name; "klyngen", "er en klynge" and sentence-opening words
            # do not.
            called = pattern in (CALLED, GATHERS, STATUS)
            start, end = m.start(), m.end("name") if called else m.end()
            if pattern is not PREFIXED:
                opening = opens_sentence(text, m.start("name"))
                start = m.start("name") + _leading_common_words(m.group("name"), opening)
                if text[start : m.end("name")].lower() in COMMON_LEADS:
                    continue
                if pattern is INDEFINITE and not text[start:end].count(" "):
                    continue  # "Den Grønne Industriklynge" leaves no name
                name = text[start:end]
                if called and (
                    place_name(name)
                    or (frequency(name) and is_ordinary_word(name))
                    or COMPANY_FORM.search(name)
                ):
                    continue  # "Sunnmøre er ei klynge av verft", "Dette er ei klynge"
            found.append(Entity("CLUSTER", text[start:end], start, end, ""))
    title = OWN_TITLE.match(text)
    part = title and ("name" if title.group("name") else "after")
    if title and THE_CLUSTER.search(text) and not COMPANY_FORM.search(title.group(part)):
        found.append(Entity("CLUSTER", title.group(part), *title.span(part), ""))
    # A generic head qualified by a name is a name: "Industriklynga Grenland".
    compounds = [m for m in COMPOUND.finditer(text) if m.group("head").lower() not in GENERIC_HEADS
                 or (m.group("qualifier") or "").lower() not in ("", *COMMON_LEADS)]  # fmt: skip
    # A compound of ordinary words opening a sentence and placed by "i X" ("Havbruksklyngen
    # i Salten har …") describes a cluster named elsewhere, unless the text also writes it
    # as a name: qualified or mid-sentence.
    named = {m.group("head").lower() for m in compounds
             if m.group("qualifier") or not opens_sentence(text, m.start())}  # fmt: skip
    for m in compounds:
        end = m.end()
        if m.group("qualifier") and m.group("qualifier").lower() in COMMON_LEADS:
            end = m.start("qualifier") - 1
        described = (
            m.group("head").lower() not in named
            and is_ordinary_word(m.group("head").rstrip("-"))
            and PLACED.match(text, end)
        )
        if not described:
            found.append(Entity("CLUSTER", text[m.start() : end], m.start(), end, ""))
    return found


def _leading_common_words(name: str, opening: bool) -> int:
    """How many characters of capitalised common words open a name ("Klyngen X Cluster"); a
    definite noun only where the name opens a sentence ("til Fossekallen Energiklynge")."""
    skipped = 0
    for word in name.split()[:-1]:
        lower = word.lower()
        common_noun = opening and lower.endswith(DEFINITE) and is_ordinary_word(word)
        if lower not in COMMON_LEADS and not common_noun:
            break
        skipped = name.index(word, skipped) + len(word)
        skipped += len(name[skipped:]) - len(name[skipped:].lstrip())
    return skipped


def _alias_pattern(alias: str) -> str:
    """An alias as a regex: its first letter's case is kept ("Arena" is not "arena"), unless
    it is a phrase of three words or more ("innovasjonsprosjekter i næringslivet"); the rest
    is free ("ARENA Pro", "Brukerstyrt Innovasjonsarena") and spaces may be any whitespace."""
    body = r"\s+".join(map(re.escape, alias.split()))
    if alias[0].isupper() and len(alias.split()) < 3:
        return re.escape(alias[0]) + f"(?i:{body[len(re.escape(alias[0])) :]})"
    return f"(?i:{body})"


def _part_of(short: str, long: str) -> bool:
    """Whether the words of `short` run, in order, inside the words of `long` ("Sjømatklynga"
    in "Nordfjord Sjømatklynge"), or `short` is a compound of one of them ("Fjellturismeklynga"
    for "Arena Fjellturisme Jotunheimen")."""
    a, b = ([CLUSTER_WORD.sub("klynge", w) for w in n.split()] for n in (short, long))
    if any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1)):
        return True
    stem = STEM.fullmatch(short)
    return bool(stem) and stem.group(1).casefold() in {w.casefold() for w in b[1:]}


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def _key(name: str) -> str:
    """What names of one cluster share: "Arena Heidner", "Heidner-klyngen" → "heidner"."""
    return NON_ALNUM.sub("", KEY_AFFIXES.sub("", _normal(name)))
