"""Tell names from ordinary words that are capitalised only because they open a sentence."""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path

from nlp.compounds import frequency, split

# Lower-cased words written capitalised mid-sentence in NoReC (bench/build_names.py).
NAMES = Path(__file__).resolve().parent / "data" / "names.txt.gz"
# Genitive and definite endings, bokmål and nynorsk, longest first: "Klyngens", "Lusa".
ENDINGS = ("ens", "ets", "ane", "ene", "en", "et", "a", "s")
# The forms of Norwegian companies and enterprises: aksjeselskap, ansvarlig selskap, delt
# ansvar, samvirkeforetak, kommunalt foretak, interkommunalt selskap.
FORMS = r"(?:ASA|AS|ANS|DA|SA|KF|IKS)"
# A company's name ending in its form: "Stange Samdrift DA".
COMPANY_FORM = re.compile(rf"\s{FORMS}$")
# A capitalised definite noun: "Båten", "Rederiet", "Medlemsbedrifta".
DEFINITE_NOUN = r"[A-ZÆØÅ][a-zæøå]+(?:en|et|a)"
# The end of a sentence, not of a date's number ("Publisert 21. november").
SENTENCE_END = re.compile(r"[^\W\d_][.:!?][»”\"]?(?=\s|\Z)")
# Before a sentence: its punctuation, a line break, a breadcrumb or menu separator
# ("Energi > Havvind", "Kontakt oss | Personvern") or a run of spaces between page labels.
SENTENCE_START = re.compile(r"(?:^|[.!?:;–—«\">›|]\s*|\n\s*| {2,})$")


@lru_cache(maxsize=1)
def names() -> frozenset[str]:
    """Lower-cased words that are mostly names, loaded once on first use."""
    with gzip.open(NAMES, "rt", encoding="utf-8") as lines:
        return frozenset(line.rstrip("\n") for line in lines)


def is_ordinary_word(word: str) -> bool:
    """A word the corpus writes in lower case, or a compound of such words, or an inflection
    of one: "Budsjett", "Erfaringene", "Havvind", "Klyngens" — but not "Bergen" or "Telenor"."""
    lower = word.lower()
    if not lower.isalpha() or lower in names() or word.isupper():
        return False
    if frequency(lower) > 0 or split(lower):
        return True
    for ending in ENDINGS:
        stem = lower[: -len(ending)]
        if lower.endswith(ending) and len(stem) >= 3 and stem not in names():
            if frequency(stem) > 0 or split(stem):
                return True
    return False


def header_end(text: str) -> int:
    """Where a document's header ends (its letterhead, headline and fields): at the blank
    line before the first paragraph of sentences."""
    first = SENTENCE_END.search(text)
    return max(text.rfind("\n\n", 0, first.start()) if first else -1, 0)


def opens_sentence(text: str, start: int) -> bool:
    """Whether a word at `start` is the first of a sentence, line or quotation."""
    return bool(SENTENCE_START.search(text, max(0, start - 3), start))
