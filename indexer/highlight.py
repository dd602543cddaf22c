"""Snippets: the best-matching passage, cut to a window, HTML-escaped, matched words in <mark>."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from html import escape

from indexer.types import Passage
from nlp.analysis import nynorsk_twins, word_terms

SNIPPET_CHARS = 280


def snippet(
    text: str,
    passages: tuple[Passage, ...],
    query_terms: set[str],
    passage: int | None = None,
    width: int = SNIPPET_CHARS,
) -> str:
    """An HTML snippet around the query's words, from `passage` or the passage matching most."""
    spans = [(p.start, p.end) for p in passages] or [(0, len(text))]
    if passage is None or not 0 <= passage < len(spans):
        passage = max(range(len(spans)), key=lambda i: _score(text, spans[i], query_terms))
    start, end = spans[passage]
    first = next(_matching(text, start, end, query_terms), None)
    # Centre the window a little before the first match, then snap to word boundaries.
    lo = start + max(0, (first[0] - start if first else 0) - width // 4)
    hi = min(end, lo + width)
    if lo > start:
        lo = text.find(" ", lo, hi) + 1 or lo
    if hi < end:
        hi = text.rfind(" ", lo, hi) if text.rfind(" ", lo, hi) > lo else hi
    return (
        ("… " if lo > start else "") + mark(text, lo, hi, query_terms) + (" …" if hi < end else "")
    )


def mark(text: str, start: int, end: int, query_terms: set[str]) -> str:
    """text[start:end] HTML-escaped, with words whose term is in `query_terms` in <mark>."""
    out = []
    pos = start
    for s, e, word in _matching(text, start, end, query_terms):
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(word)}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    return " ".join("".join(out).split())


def _score(text: str, span: tuple[int, int], query_terms: set[str]) -> int:
    """How many of the query's terms a passage contains."""
    found = {t for _, _, word in _matching(text, *span, query_terms) for t in word_terms(word)}
    return len(found & query_terms)


def _matching(
    text: str, start: int, end: int, query_terms: set[str]
) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of the words in text[start:end] with a term in `query_terms`."""
    pattern = _candidates(frozenset(query_terms))
    if pattern is None:
        return
    for m in pattern.finditer(text[start:end]):
        if not query_terms.isdisjoint(word_terms(m.group())):
            yield start + m.start(), start + m.end(), m.group()


@lru_cache(maxsize=256)
def _candidates(query_terms: frozenset[str]) -> re.Pattern | None:
    """The words that may have one of the terms, found by the regular expression engine so
    that only they are analysed. A word's terms are its stem and its compound parts' stems
    (each inside the word, so their first letters are too) and their bokmål twins (whose
    nynorsk stems' first letters are inside the word)."""
    stems = query_terms | nynorsk_twins(query_terms)
    needles = sorted({stem[:3] for stem in stems if stem})
    if not needles:
        return None
    words = r"\b\w*?(?:" + "|".join(map(re.escape, needles)) + r")\w*"
    return re.compile(words, re.IGNORECASE)
