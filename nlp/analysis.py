"""Norwegian keyword analysis: tokens and stemmed terms for the full-text index and highlighting."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

WORD = re.compile(r"\w+")

_stemmer = Stemmer.Stemmer("norwegian")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with their character offsets."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """The index term for one word: lower-cased and stemmed."""
    return _stemmer.stemWord(word.lower())


def terms(text: str) -> list[str]:
    """Index terms of a text, in order."""
    return [term(m.group()) for m in WORD.finditer(text)]
