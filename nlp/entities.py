"""Entity extraction: statistical NER combined with the knowledge base, money, dates and roles."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Doc, Span

from nlp import ner
from nlp.dates import find_dates
from nlp.funding import find_funding
from nlp.grant_words import OWNER
from nlp.kb import COMMON_LEADS, KnowledgeBase
from nlp.money import find_money
from nlp.names import COMPANY_FORM, is_ordinary_word, opens_sentence
from nlp.orgs import council_spelling, find_organisations
from nlp.people import CLUSTER_ROLE, add_roles, resolve_short_mentions
from nlp.places import find_places, place_name
from nlp.types import Entity, Funding

# Analysis cost grows with text length; only this much of a very long document is analysed.
MAX_CHARS = 100_000
COMPANY_SUFFIX = re.compile(r"\s+(as|asa|sa|ans|da)$", re.IGNORECASE)
COMPANY_AFTER = re.compile(r"\s+(?:as|asa|AS|ASA)\b")
EDGE_PUNCT = " \t\n.,;:!?«»\"'()–-"
# Places the model tags as locations that are really organisations ("Kunnskapsparken
# Helgeland", "Mo Industripark"), recognised by the words institutions are named with.
ORG_WORDS = re.compile(
    r"(?:park|parken|senter|senteret|universitet|høgskole|høyskole|høgskule|institutt|"
    r"kommune|fylkeskommune|selskap|klinikk|sykehus|AS|ASA|KOMMUNE|FYLKESKOMMUNE)\b",
)
# A council named in English: "Vestland County Council", "Bodø Municipality".
ENGLISH_COUNCIL = re.compile(
    r"(?:the\s+)?(?P<place>.+?)\s+(?:(?P<county>County\s+(?:Council|Municipality))|Municipality)"
)
# A project named as one: "BIOKULL+, prosjektet der …", "LigninPlus, et innovasjonsprosjekt".
PROJECT_AFTER = re.compile(
    r"\s*,\s*(?:prosjektet|(?:et|eit|a|an)\s+\w*prosjekt|the\s+project|a\s+\w*\s*project)\b"
)
# "prosjektet SeaSense", "sommerskolen «Elbåt for ungdom»".
PROJECT_BEFORE = re.compile(
    r"\b(?:prosjektet|project)\s+[«\"]?$|\b[a-zæøå]{3,}(?:et|en|a)\s+«$", re.IGNORECASE
)
# Where a page's title starts: a line, or the last step of its path ("Prosjekter › ").
TITLE = r"(?:[^\n]*›[ \t]*)?"
# Between a name and its other name in brackets: "Universitetssenteret på Svalbard (UNIS)".
BRACKET = re.compile(r"[ \t]*\([ \t]*")
# Organisations the model tags that are areas: "Bergensregionen", "Osloområdet".
AREA = re.compile(r"\w+(?:regionen|regionane|regionene|området|områda|distriktet)$")
# What stands between the names of a list: "Hamar, Stange, Løten og Ringsaker".
LISTED = re.compile(r"\s*,\s*|\s+(?:og|eller|and|or)\s+")
# Abbreviations of concepts, not names, which the model often tags as organisations.
NOT_NAMES = {"FoU", "IKT", "SMB", "KM", "FoU-miljøer", "SMB-er"}
# What English calls a nation's people or language ("Norwegian", "the Norwegian government's",
# "Nordic", "English") names no place or organisation.
NATIONALITY = re.compile(
    r"(?:[A-Z][a-z]+(?:ian|ish|ese)|Nordic|German|Dutch|French|Swiss|Greek)(?:\s+government)?"
    r"(?:'s|’s)?"
)


@dataclass(frozen=True)
class Extraction:
    """Everything found in one text."""

    entities: tuple[Entity, ...]
    funding: tuple[Funding, ...]


class Extractor:
    """Loads the NER model and knowledge base once and analyses texts in batches."""

    def __init__(
        self,
        model_path: Path = ner.MODEL_DIR,
        kb: KnowledgeBase | None = None,
        threads: int | None = None,
    ):
        self.recognizer = ner.Recognizer(model_path, threads)
        self.nlp = self.recognizer.nlp
        self.kb = kb or KnowledgeBase.load()

    def extract(self, text: str) -> Extraction:
        """Entities and funding events of one text."""
        return next(self.pipe([text]))

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Extraction]:
        """Entities and funding events of each text, in order."""
        # spaCy's string store otherwise keeps every new word it sees (about 50 a NoReC
        # review), and a long indexing run's memory grows with them. The extractions hold
        # plain strings, so nothing of the zone is used after it.
        with self.nlp.memory_zone():
            docs = self.recognizer.pipe((t[:MAX_CHARS] for t in texts), batch_size)
            for doc in docs:
                yield self._analyse(doc)

    def _analyse(self, doc: Doc) -> Extraction:
        text = doc.text
        rules = _repeated(text, self.kb.find(text) + find_organisations(text))
        rules += find_money(text) + find_dates(text)
        statistical = []
        for span in _joined_people(doc.ents):
            type = ner.LABELS.get(span.label_)
            if AREA.fullmatch(span.text):
                type = "LOCATION"  # "Bergensregionen", which the model may call derived (DRV)
            if type is None:
                continue
            start, end = _trim(text, span.start_char, span.end_char)
            start, end = _trim_words(text, start, end)
            if start == end:
                continue
            # No name runs over a line break: "på Nordmøre\n\nPublisert" is "Nordmøre".
            if "\n" in text[start:end]:
                start, end = _trim(text, start, text.index("\n", start))
            if type in ("LOCATION", "PERSON") and ORG_WORDS.search(text, start, end):
                type = "ORG"
            if type == "ORG":
                # The model often leaves out a lower-case company form: "Mo Industripark as".
                suffix = COMPANY_AFTER.match(text, end)
                end = suffix.end() if suffix else end
            name = text[start:end]
            if type != "LOCATION" and (place_name(name) or AREA.fullmatch(name)):
                type = "LOCATION"
            if name.islower() or _sentence_opening_word(text, start, name):
                continue
            if any(c.isalpha() for c in name) and not (
                name in NOT_NAMES or NATIONALITY.fullmatch(name)
            ):
                statistical.append(
                    Entity(
                        type=type,
                        text=name,
                        start=start,
                        end=end,
                        canonical=self._canonical(name, type),
                    )
                )
        places = find_places(text)
        # A known place of several words beats the model's pieces of it ("Mo" and "Rana").
        statistical = [e for e in statistical if not any(e.within(p) for p in places)]
        entities = _merge(rules, statistical)
        # Known places the model missed, where nothing else was found.
        entities = _merge(entities, places)
        entities = [e for e in resolve_short_mentions(text, entities) if not _lone_word(e)]
        entities = _listed_places(text, entities)
        owner = OWNER.search(text)
        header = text[: owner.start()] if owner else ""
        projects = {e.canonical for e in entities
                    if _project(text, header, e) and not self.kb.record(e.canonical)}  # fmt: skip
        entities = [e for e in entities if not (e.type == "ORG" and e.canonical in projects)]
        entities = _bracketed_names(self.kb, text, entities)
        entities = _led_clusters(self.kb, add_roles(text, entities))
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        funding = find_funding(text, sentences, entities, self.kb)
        return Extraction(entities=tuple(entities), funding=tuple(funding))

    def _canonical(self, name: str, type: str) -> str:
        """One spelling per organisation or place: the knowledge base's, or a tidied form."""
        name = " ".join(name.split())
        known = self.kb.canonical(name, type)
        if known:
            return known
        if type == "LOCATION":
            return place_name(name) or name
        if type == "ORG":
            # "Mo Industripark as" and "Mo Industripark AS" are the same company.
            name = COMPANY_SUFFIX.sub(lambda m: " " + m.group(1).upper(), name)
            english = ENGLISH_COUNCIL.fullmatch(name)
            if english and place_name(english.group("place")):
                kind = "fylkeskommune" if english.group("county") else "kommune"
                return f"{place_name(english.group('place'))} {kind}"
            name = council_spelling(name)
        return name


def _led_clusters(kb: KnowledgeBase, entities: list[Entity]) -> list[Entity]:
    """Organisations a cluster manager leads are clusters: "sier klyngeleder Mona Tellefsen i
    Sørlandet Elektrisk Sjøfart", "Jonas Hætta, cluster manager of Arctic Drone Cluster"."""
    led = {e.affiliation for e in entities
            if e.type == "PERSON" and e.role and CLUSTER_ROLE.search(e.role)}  # fmt: skip
    return [
        replace(e, type="CLUSTER") if e.type == "ORG" and e.canonical in led
        and not COMPANY_SUFFIX.search(e.canonical) and kb.record(e.canonical) is None else e
        for e in entities
    ]  # fmt: skip


def _bracketed_names(kb: KnowledgeBase, text: str, entities: list[Entity]) -> list[Entity]:
    """An organisation's or cluster's other name in brackets names the same one, wherever
    either is named: the knowledge base's name if it knows one ("… (NTNU)"), else the long name
    before an abbreviation ("Universitetssenteret på Svalbard (UNIS)", "Svalbard Arctic
    Technology Cluster (SATC)"), else the name in brackets ("the Longyearbyen Community Council
    (Longyearbyen lokalstyre)")."""
    same: dict[str, Entity] = {}
    named = [e for e in entities if e.type in ("ORG", "CLUSTER")]
    for name, other in itertools.pairwise(named):
        closed = text[other.end : other.end + 1] == ")"
        if not (closed and BRACKET.fullmatch(text, name.end, other.start)):
            continue
        first = (
            name.type == "CLUSTER"
            or kb.record(other.canonical) is None
            and (kb.record(name.canonical) is not None or other.canonical.isupper())
        )
        kept, alias = (name, other) if first else (other, name)
        same[alias.canonical] = kept
    return [replace(e, type=same[e.canonical].type, canonical=same[e.canonical].canonical)
            if e.type in ("ORG", "CLUSTER") and e.canonical in same else e
            for e in entities]  # fmt: skip


def _project(text: str, header: str, entity: Entity) -> bool:
    """Whether an organisation the model found is a project the text names: "BIOKULL+,
    prosjektet der vi …", "prosjektet SeaSense", "sommerskolen «Elbåt for ungdom»", or a
    project page titles above its owner ("Prosjekter › Ombruksbanken" above "Prosjektansvarlig:
    Gjøvik Byggretur AS"); `header` is the text above a project page's owner field."""
    if entity.type != "ORG" or COMPANY_FORM.search(entity.canonical):
        return False
    title = rf"^{TITLE}{re.escape(entity.text)}(?!\w)"
    return bool(
        header
        and re.search(title, header, re.MULTILINE | re.IGNORECASE)
        or PROJECT_AFTER.match(text, entity.end)
        or PROJECT_BEFORE.search(text, max(0, entity.start - 15), entity.start)
    )


def _listed_places(text: str, entities: list[Entity]) -> list[Entity]:
    """One-word organisations listed with places are places: the model calls a municipality
    an organisation in "47 medlemmer fra Hamar, Stange, Løten og Ringsaker", but "SINTEF" in
    "NTNU i Ålesund og SINTEF" stays one."""
    out = list(entities)
    for order in (range(1, len(out)), range(len(out) - 2, -1, -1)):
        for i in order:
            e, near = out[i], out[i - 1] if order.step == 1 else out[i + 1]
            first, second = sorted((e, near), key=lambda x: x.start)
            word = e.text[1:].isalpha() and e.text[1:].islower()  # "Løten", not "SINTEF"
            if (e.type == "ORG" and near.type == "LOCATION" and word
                    and LISTED.fullmatch(text, first.end, second.start)):  # fmt: skip
                out[i] = replace(e, type="LOCATION", canonical=place_name(e.text) or e.text)
    return out


def _repeated(text: str, rules: list[Entity]) -> list[Entity]:
    """Rule-found names also where they recur alone: "klynga Fjordhy" … "klyngeleiar i Fjordhy"."""
    names = {e.text: e for e in rules if e.type in ("CLUSTER", "ORG")}
    if not names:
        return rules
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    out = list(rules)
    for m in re.finditer(rf"(?<![\w-])(?:{alternatives})(?![\w-])", text):
        if not any(e.start < m.end() and m.start() < e.end for e in out):
            known = names[m.group()]
            out.append(Entity(known.type, m.group(), m.start(), m.end(), known.canonical))
    return out


def _lone_word(entity: Entity) -> bool:
    """A "person" known by one word only: an ordinary word ("Erkjennelsen", "Lusa") or a name
    that is no person's ("Fjordhy"), since people are introduced by their full names."""
    return entity.type == "PERSON" and " " not in entity.canonical


def _sentence_opening_word(text: str, start: int, name: str) -> bool:
    """A lone capitalised ordinary word opening a sentence or heading ("Budsjett", "Havet")."""
    return " " not in name and opens_sentence(text, start) and is_ordinary_word(name)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with spaces or punctuation."""
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    return start, end


def _joined_people(spans: Iterable[Span]) -> list[Span]:
    """The model's names, with a first name and the one word right after it joined into one
    person: it sometimes tags "Torleiv Nes" as a person "Torleiv" and an organisation "Nes"."""
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if (
            last is not None
            and last.label_ == "PER"
            and len(last) == 1
            and len(span) == 1
            and span.start == last.end
        ):
            out[-1] = Span(span.doc, last.start, span.end, label="PER")
        else:
            out.append(span)
    return out


def _trim_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past function words at either end: "I Bergen", "En", "enheten i"."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[0].group().lower() in COMMON_LEADS:
        words.pop(0)
    while words and words[-1].group().lower() in COMMON_LEADS:
        words.pop()
    return (start + words[0].start(), start + words[-1].end()) if words else (start, start)


def _merge(rules: list[Entity], statistical: list[Entity]) -> list[Entity]:
    """Rule matches win over overlapping NER spans; among rules, the earlier and longer wins."""
    chosen: list[Entity] = []
    for e in sorted(rules, key=lambda e: (e.start, -(e.end - e.start))) + statistical:
        if not any(c.start < e.end and e.start < c.end for c in chosen):
            chosen.append(e)
    return sorted(chosen, key=lambda e: e.start)
