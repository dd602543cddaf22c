"""Norwegian keyword analysis: stemmed terms with compound parts, for the index and queries."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from nlp.compounds import split

WORD = re.compile(r"\w+")

_stemmer = Stemmer.Stemmer("norwegian")

# Frequent nynorsk words in cluster documents whose stems differ from their bokmål twins'
# ("millionar"/"millioner" and "klynga"/"klyngen" already meet in the stemmer). Words
# whose nynorsk stem is also a bokmål word or name are left out: "vidare" stems to "vidar",
# "fyrste" is also bokmål for "prince".
NYNORSK = {
    "avgjerd": "avgjørelse",
    "berekraft": "bærekraft",
    "deltaking": "deltakelse",
    "eigar": "eier",
    "eigedom": "eiendom",
    "forsking": "forskning",
    "grøn": "grønn",
    "heile": "hele",
    "høgskule": "høgskole",
    "kjelde": "kilde",
    "kunngjering": "kunngjøring",
    "leiar": "leder",
    "løyving": "bevilgning",
    "mangfald": "mangfold",
    "marknad": "marked",
    "mogleg": "mulig",
    "moglegheit": "mulighet",
    "rådgjevar": "rådgiver",
    "rådgjeving": "rådgivning",
    "røynsle": "erfaring",
    "saman": "sammen",
    "skule": "skole",
    "styresmakt": "myndighet",
    "søkjar": "søker",
    "teneste": "tjeneste",
    "tilbod": "tilbud",
    "tilskot": "tilskudd",
    "tilsett": "ansatt",
    "utlysing": "utlysning",
    "utval": "utvalg",
    "verksemd": "virksomhet",
    "verkstad": "verksted",
    "ønskje": "ønske",
}


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with their character offsets."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """The index term for one word: lower-cased and stemmed."""
    return _stemmer.stemWord(word.lower())


@lru_cache(maxsize=1)
def _bokmal() -> dict[str, str]:
    # Keyed by stem, so every inflection the stemmer folds ("verksemda", "verksemder") maps.
    return {term(nynorsk): term(bokmal) for nynorsk, bokmal in NYNORSK.items()}


def nynorsk_twins(stems: set[str] | frozenset[str]) -> set[str]:
    """The nynorsk stems whose bokmål twin is one of `stems`."""
    return {nynorsk for nynorsk, bokmal in _bokmal().items() if bokmal in stems}


def forms(word: str) -> tuple[str, ...]:
    """The word's own term and, for a nynorsk word in the map, its bokmål term."""
    own = term(word)
    twin = _bokmal().get(own)
    return (own, twin) if twin else (own,)


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[str, ...]:
    """The word's forms, then those of its compound parts, without repeats. A compound of
    three parts also gives its first two together: "havbruksklyngen" is found by "havbruk"."""
    parts = split(word)
    if len(parts) == 3:
        parts = (*parts, parts[0] + parts[1])
    return tuple(dict.fromkeys(t for w in (word, *parts) for t in forms(w)))


def terms(text: str) -> list[str]:
    """Index terms of a text, in order, each word followed by its other forms and parts."""
    return [t for m in WORD.finditer(text) for t in word_terms(m.group())]
