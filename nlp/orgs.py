"""Organisations by how Norwegian names them: company forms, councils, colleges, foundations."""

from __future__ import annotations

import re
from dataclasses import replace

from nlp.compounds import frequency, split
from nlp.kb import COMMON_LEADS, DEFINITE
from nlp.names import COMPANY_FORM, FORMS, is_ordinary_word, names, opens_sentence
from nlp.places import phrases, place_name
from nlp.types import Entity

_WORD = r"(?:[A-ZÆØÅ][\w&'’]*(?:-\w+)*|[a-zæøå][A-ZÆØÅ]\w*)"
# "Polarhavn Logistikk AS", "Norsk Hydro ASA", "Halsøy Sveis og Mekaniske AS", "Stange
# Samdrift DA": up to four capitalised words and a form.
COMPANY = re.compile(
    rf"(?<![\w-])(?P<name>{_WORD}(?:[ \t]+(?:og[ \t]+)?{_WORD}){{0,3}})[ \t]+(?P<form>{FORMS})"
    r"(?![\w-])"
)
# Two words joined by "og" in a company's name: "Sveis og Mekaniske", "Tak og Bygg".
JOINED = re.compile(r"(\S+)[ \t]+og[ \t]+(\S+)")
# "Vestland fylkeskommune", "Troms og Finnmark fylkeskommune", "Vestre Toten kommune", "Voss
# herad", and a letterhead's "TRØNDELAG FYLKESKOMMUNE".
COUNCIL = re.compile(
    rf"(?<![\w-])(?:(?:Vestre|Østre|Nordre|Søndre|Indre|Ytre|Øvre|Nedre)[ \t]+)?{_WORD}"
    rf"(?:[ \t]+(?:og|OG)[ \t]+{_WORD})?[ \t]+"
    r"(?:fylkeskommun[ea]|kommun[ea]|herad|lokalstyre|FYLKESKOMMUNE|KOMMUNE)(?!\w)"
)
# Two municipalities named together: "Seljord og Kviteseid kommunar".
COUNCILS = re.compile(
    rf"(?<![\w-])(?P<first>{_WORD})[ \t]+og[ \t]+(?P<second>{_WORD})[ \t]+(?:kommuner|kommunar)\b"
)
# A place's fund: "Svalbards miljøvernfond", "Nordlands næringsfond".
FUND = re.compile(r"(?<![\w-])(?P<place>[A-ZÆØÅ][\w-]*)s[ \t]+[a-zæøå]\w*fond(?![\w-])")
CAPITAL_COUNCIL = re.compile(r"\b(?:FYLKESKOMMUNE|KOMMUNE)$")
# "Universitetet i Agder", "Høgskulen på Vestlandet", "Høgskolen i Sogn og Fjordane",
# "Næringshagen i Indre Østfold AS"; not "Universitetet i Agder og NORCE".
COLLEGE = re.compile(
    r"(?<![\w-])(?:Universitetet|Høgskolen|Høgskulen|Høyskolen|Næringshagen|Kunnskapsparken)"
    rf"[ \t]+(?:i|på)[ \t]+(?:{phrases()}|{_WORD})(?:[ \t]+(?:{FORMS}))?(?![\w-])"
)


# "Mo Industripark as", "Kunnskapsparken Helgeland", "Vestlandets Innovasjonssenter".
PARK = re.compile(
    rf"(?<![\w-])(?:{_WORD}[ \t]+[A-ZÆØÅ]\w*(?:park|senter)(?:[ \t]+(?P<form>ASA|AS|asa|as))?"
    rf"|[A-ZÆØÅ]\w*(?:parken|senteret)[ \t]+{_WORD})(?![\w-])"
)
# "Sparebankstiftelsen DNB", "Sparebankstiftinga Sogn og Fjordane", "Stiftelsen Kavli".
FOUNDATION = re.compile(
    rf"(?<![\w-])(?:[A-ZÆØÅ]\w*(?:stiftelsen|stiftinga|fondet)|Stiftelsen|Stiftinga)"
    rf"[ \t]+(?:{phrases()}|{_WORD})(?![\w-])"
)
FORM = re.compile(r"\s+(asa|as)$", re.IGNORECASE)
# The head of a compound naming a company: "Medlemsbedrifta", "Teknologiselskapet".
COMPANY_NOUN = re.compile(r"(?:bedrift|selskap|firma|verksemd|virksomhet)\w*")
# A definite noun for a business: "Selskapet", "Bedrifta", "Rederiet", "Verftet", "Sagbruket".
BUSINESS_NOUN = re.compile(
    r"(?:bedrift|selskap|firma|verksemd|virksomhet|konsern|eri|verft|verk|bruk|fabrikk|mottak|"
    r"hotell|lag|stiftelse|stifting|kontor|senter|anlegg)(?:en|et|a|ane|ene)$"
)


def council_spelling(name: str) -> str:
    """A council named in capitals, as a letterhead does, in its usual spelling: "NORD-FRON
    KOMMUNE" is "Nord-Fron kommune"."""
    if not (name.isupper() and CAPITAL_COUNCIL.search(name)):
        return name
    lower = ("OG", "I", "KOMMUNE", "FYLKESKOMMUNE")
    return " ".join(w.lower() if w in lower else w.title() for w in name.split())


def find_organisations(text: str) -> list[Entity]:
    """ORG mentions by form, and later mentions of a company without its form ("Lofoten Tare")."""
    found = []
    for pattern in (COMPANY, COUNCIL, COLLEGE, PARK, FOUNDATION, FUND):
        for m in pattern.finditer(text):
            if pattern is FUND and not place_name(m.group("place")):
                continue
            start = m.start()
            # "Universitetet i Agder" opens with its own name, and "Innlandet fylkeskommune" or
            # "Møre og Romsdal fylkeskommune" with a place.
            council = pattern is COUNCIL and place_name(m.group().rsplit(None, 1)[0])
            if pattern not in (COLLEGE, FUND) and not council:
                start = _skip_leading_words(text, start, m.end())
            if pattern is COMPANY:
                start = _past_other_names(text, start, m.start("form"))
                start = _past_word_left_out(text, start, m.end())
            name = council_spelling(FORM.sub(
                lambda f: " " + f.group(1).upper(), " ".join(text[start : m.end()].split())
            ))  # fmt: skip
            if pattern is COMPANY and start >= m.start("form") - 1:
                continue
            found.append(Entity("ORG", text[start : m.end()], start, m.end(), name))
    for m in COUNCILS.finditer(text):
        for part in ("first", "second"):
            if place_name(m.group(part)):
                found.append(Entity("ORG", m.group(part), m.start(part), m.end(part),
                                    f"{place_name(m.group(part))} kommune"))  # fmt: skip
    companies = {e.canonical.rsplit(" ", 1)[0]: e.canonical for e in found
                 if COMPANY_FORM.search(e.canonical)}  # fmt: skip
    if not companies:
        return found
    stems = "|".join(map(re.escape, sorted(companies, key=len, reverse=True)))
    for m in re.finditer(rf"(?<![\w-])(?:{stems})(?![\w-]|[ \t]+ASA?\b)", text):
        found.append(Entity("ORG", m.group(), m.start(), m.end(), companies[m.group()]))
    # "Mo Industripark", found as a park, is "Mo Industripark AS" named elsewhere in the text.
    named = [replace(e, canonical=companies.get(e.canonical, e.canonical)) for e in found]
    return list(dict.fromkeys(named))


def _skip_leading_words(text: str, start: int, end: int) -> int:
    """Past capitalised function words and sentence-opening ordinary words ("I", "Både")."""
    while True:
        m = re.match(r"(\S+)[ \t]+", text[start:end])
        if not m:
            return start
        word = m.group(1)
        # Only plain words: a compound may be a company's own name ("Eydehavn"), unless it is
        # a definite noun ("Medlemsbedrifta Førde Straumnett AS"); an adjective before a single
        # word is part of it ("Arktisk Enzym AS"), a definite noun is not ("Selskapet Nordkraft
        # AS"); a word the text also capitalises mid-sentence is a name ("Stranda Treindustri
        # AS" beside "i Sykkylven, Stranda og Volda").
        definite = word.lower().endswith(DEFINITE)
        known = frequency(word) > 0 or _company_noun(word)
        ordinary = opens_sentence(text, start) and known and is_ordinary_word(word)
        rest = text[start + m.end() : end].split()
        # Before a single word, only a noun for a business ("Selskapet Nordkraft AS",
        # "Rederiet Havgapet AS") is no part of the name: "Stranda Stol AS" keeps its place.
        kind = len(rest) > 2 or BUSINESS_NOUN.search(word.lower()) or _company_noun(word)
        ordinary = ordinary and (len(rest) > 2 or definite and kind)
        ordinary = ordinary and not _named_inside(text, word)
        if word.lower() not in COMMON_LEADS and not ordinary:
            return start
        start += m.end()


def _past_other_names(text: str, start: int, end: int) -> int:
    """Past a name joined to a company's by "og", unless the words beside "og" are ordinary
    ones of one name: "Innovasjon Norge og Havbruk AS" is two names, "Halsøy Sveis og
    Mekaniske AS" and "Båtsfjord Vinsj og Hydraulikk AS" one (a word the corpus never
    writes, "Vinsj", is no name either)."""
    for m in JOINED.finditer(text, start, end):
        before, after = m.group(1), m.group(2)
        unknown = not (frequency(before) or before.lower() in names() or place_name(before))
        one_name = ((is_ordinary_word(before) or unknown and not before.isupper())
                    and is_ordinary_word(after)
                    and not before.lower().endswith(DEFINITE))  # fmt: skip
        if not one_name:
            start = m.start(2)
    return start


def _past_word_left_out(text: str, start: int, end: int) -> int:
    """Past a word opening a sentence, or a place, that the text leaves out of the company's
    name elsewhere: "– Ta Stranda Stolfabrikk AS." beside "i Stranda Stolfabrikk AS",
    "Regionalt forskningsfond Innlandet Glommen Skogdata AS" beside "Glommen Skogdata AS"."""
    first = re.match(r"\S+[ \t]+", text[start:end])
    if not (first and (opens_sentence(text, start) or place_name(first.group().strip()))):
        return start
    rest = start + first.end()
    # Named elsewhere after no capitalised word: "i Stranda Stolfabrikk AS", not "Mosjøen Havn
    # KF" beside "Brønnøy Havn KF".
    elsewhere = (m.start() for m in re.finditer(re.escape(text[rest:end]), text))
    left_out = any(
        not re.search(r"[A-ZÆØÅ]\S*\s*$", text[max(0, at - 40) : at]) for at in elsewhere
    )
    return rest if left_out else start


def _named_inside(text: str, word: str) -> bool:
    """Whether the text writes `word` capitalised after another word of its sentence."""
    return bool(re.search(rf"[\w,] {re.escape(word)}(?![\w-])", text))


def _company_noun(word: str) -> bool:
    parts = split(word)
    return bool(parts) and bool(COMPANY_NOUN.fullmatch(parts[-1]))
