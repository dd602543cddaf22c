"""Snippets: the best-matching passage, cut to a window, HTML-escaped, matched words in <mark>."""

from __future__ import annotations

import re
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
    found = _matching(text, query_terms)  # one pass over the text serves every step below
    if passage is None or not 0 <= passage < len(spans):
        passage = max(range(len(spans)), key=lambda i: _score(found, spans[i]))
    start, end = spans[passage]
    first = next((s for s, e, _ in found if start <= s and e <= end), None)
    # Centre the window a little before the first match, then snap to word boundaries.
    lo = start + max(0, (first - start if first is not None else 0) - width // 4)
    hi = min(end, lo + width)
    if lo > start:
        lo = text.find(" ", lo, hi) + 1 or lo
    if hi < end:
        hi = text.rfind(" ", lo, hi) if text.rfind(" ", lo, hi) > lo else hi
    marked = _marked(text, lo, hi, found)
    return ("… " if lo > start else "") + marked + (" …" if hi < end else "")


def mark(text: str, start: int, end: int, query_terms: set[str]) -> str:
    """text[start:end] HTML-escaped, with words whose term is in `query_terms` in <mark>."""
    return _marked(text, start, end, _matching(text, query_terms))


def _marked(text: str, start: int, end: int, found: list[tuple[int, int, frozenset[str]]]) -> str:
    out = []
    pos = start
    for s, e, _ in found:
        if start <= s and e <= end:
            out.append(escape(text[pos:s]))
            out.append(f"<mark>{escape(text[s:e])}</mark>")
            pos = e
    out.append(escape(text[pos:end]))
    return " ".join("".join(out).split())


def _score(found: list[tuple[int, int, frozenset[str]]], span: tuple[int, int]) -> int:
    """How many of the query's terms the matches inside a span contain."""
    start, end = span
    return len(set().union(*(terms for s, e, terms in found if start <= s and e <= end)))


def _matching(text: str, query_terms: set[str]) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, query terms it has) of each word in the text with a term of the query."""
    pattern = _candidates(frozenset(query_terms))
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        terms = query_terms.intersection(word_terms(m.group()))
        if terms:
            out.append((m.start(), m.end(), frozenset(terms)))
    return out


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
