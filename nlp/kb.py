"""The knowledge base of programmes, funders and clusters, and the rules that find them in text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from nlp.compounds import frequency
from nlp.types import Entity

TYPES = {"programmes": "PROGRAMME", "organisations": "ORG", "clusters": "CLUSTER"}
_NAME = r"[A-ZÆØÅ][\wæøåÆØÅ&-]*"
# Clusters the knowledge base does not know, recognised by how Norwegian names them.
UNKNOWN_CLUSTERS = [
    re.compile(rf"\b(?:{_NAME}\s+){{0,3}}{_NAME}\s+Cluster\b"),
    re.compile(rf"\b(?:NCE|GCE)\s+{_NAME}(?:\s+{_NAME}){{0,2}}"),
    re.compile(rf"\bArena\s+(?!Pro\b){_NAME}(?:\s+{_NAME}){{0,2}}"),
    re.compile(r"\b[A-ZÆØÅ][\wæøå]*-?klyng(?:en|a)\b"),
    re.compile(rf"(?<=\bklyngen )(?:{_NAME}\s+){{0,2}}{_NAME}"),
]
# A programme name may start a compound: "Arena-programmet", "Arenaprosjekt", "BIA-nettverk".
PROGRAMME_TAIL = r"(?=-?[a-zæøå]|\b)"
# Cluster-like words that are generic, not names.
GENERIC = {"Klyngen", "Klynga", "Næringsklyngen", "Industriklyngen", "Næringsklynga"}
# Sentence-initial words that are not part of a name: definite nouns ("Klyngen",
# "Bedriftsnettverket") and function words.
DEFINITE = ("en", "et", "a", "ene", "ane", "ne")
COMMON_LEADS = {
    "i",
    "og",
    "at",
    "det",
    "den",
    "de",
    "med",
    "for",
    "fra",
    "frå",
    "når",
    "der",
    "gjennom",
    "både",
    "hos",
    "ved",
    "om",
    "til",
    "som",
    "nye",
    "nya",
}


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

    def __init__(self, records: list[Record]) -> None:
        self.records = records
        self._by_alias = {
            alias.casefold(): record
            for record in records
            for alias in (record.name, *record.aliases)
        }
        alternatives = []
        for record in records:
            for alias in {record.name, *record.aliases}:
                tail = PROGRAMME_TAIL if record.type == "PROGRAMME" else r"\b"
                alternatives.append((len(alias), rf"{re.escape(alias)}{tail}"))
        # Longest first, so "Arena Heidner" (a cluster) wins over "Arena" (the programme).
        pattern = "|".join(p for _, p in sorted(alternatives, key=lambda a: -a[0]))
        self._pattern = re.compile(rf"(?<![\w-])(?:{pattern})")

    @classmethod
    def load(cls) -> KnowledgeBase:
        """The knowledge base shipped in nlp/data/kb.json."""
        data = json.loads(resources.files("nlp").joinpath("data/kb.json").read_text("utf-8"))
        records = [
            Record(
                name=item["name"],
                type=type,
                kind=item.get("kind", "cluster"),
                aliases=tuple(item.get("aliases", ())),
                region=item.get("region"),
                funder=item.get("funder"),
            )
            for key, type in TYPES.items()
            for item in data[key]
        ]
        return cls(records)

    def find(self, text: str) -> list[Entity]:
        """Known names, then unknown clusters by pattern, without overlaps."""
        found = [
            Entity(record.type, m.group(), m.start(), m.end(), record.name)
            for m in self._pattern.finditer(text)
            if (record := self._by_alias[m.group().casefold()])
        ]
        unknown = []
        for pattern in UNKNOWN_CLUSTERS:
            for m in pattern.finditer(text):
                start = m.start() + _leading_common_words(m.group())
                name = text[start : m.end()]
                if " " not in name and not name.endswith(("klyngen", "klynga")) or name in GENERIC:
                    continue
                if any(e.start < m.end() and start < e.end for e in unknown) or any(
                    _blocks(e, start, m.end()) for e in found
                ):
                    continue
                unknown.append(Entity("CLUSTER", name, start, m.end(), name))
        # A cluster name outranks the programme word inside it ("NCE" in "NCE Havbruk").
        found = [
            e for e in found if not any(u.start <= e.start and e.end <= u.end for u in unknown)
        ]
        return sorted(found + _longest_forms(unknown), key=lambda e: e.start)

    def canonical(self, name: str, type: str | None = None) -> str | None:
        """The canonical name for a known alias (of the given type), or None."""
        record = self._by_alias.get(" ".join(name.split()).casefold())
        if record is None and name.endswith("s"):  # genitive: "Innovasjon Norges"
            record = self._by_alias.get(name[:-1].casefold())
        if record is None or (type and record.type != type):
            return None
        return record.name

    def record(self, name: str) -> Record | None:
        """The record for a canonical name or alias."""
        return self._by_alias.get(name.casefold())

    def funders(self) -> set[str]:
        """Canonical names of the organisations that fund clusters."""
        return {r.name for r in self.records if r.type == "ORG" and r.kind == "funder"}

    def programme_funders(self) -> dict[str, str]:
        """Programme → the body that runs it."""
        return {r.name: r.funder for r in self.records if r.type == "PROGRAMME" and r.funder}


def _blocks(known: Entity, start: int, end: int) -> bool:
    """Whether a known name overlapping [start, end) keeps an unknown cluster from being added."""
    overlaps = known.start < end and start < known.end
    inside = start <= known.start and known.end <= end
    return overlaps and not (known.type == "PROGRAMME" and inside)


def _leading_common_words(name: str) -> int:
    """Characters of capitalised common words that open a pattern match ("Klyngen X Cluster")."""
    skipped = 0
    for word in name.split()[:-1]:
        if word.lower() in COMMON_LEADS or word.lower().endswith(DEFINITE) and frequency(word):
            skipped = name.index(word, skipped) + len(word) + 1
        else:
            break
    return skipped


def _longest_forms(entities: list[Entity]) -> list[Entity]:
    """Give each unknown cluster the longest form of its name seen in the same text."""
    names = {e.text for e in entities}
    return [
        Entity(e.type, e.text, e.start, e.end,
               max((n for n in names if e.text in n), key=len))
        for e in entities
    ]  # fmt: skip
