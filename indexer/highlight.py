"""Snippets: the best-matching passage, cut to a window, HTML-escaped, matched words in <mark>."""

from __future__ import annotations

from html import escape

from indexer.types import Passage
from nlp.analysis import WORD, tokens, word_terms

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
    hits = [(s, e) for s, e, w in tokens(text[start:end]) if _matches(w, query_terms)]
    # Centre the window a little before the first match, then snap to word boundaries.
    lo = start + max(0, (hits[0][0] if hits else 0) - width // 4)
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
    for s, e, word in tokens(text[start:end]):
        if _matches(word, query_terms):
            out.append(escape(text[pos : start + s]))
            out.append(f"<mark>{escape(word)}</mark>")
            pos = start + e
    out.append(escape(text[pos:end]))
    return " ".join("".join(out).split())


def _matches(word: str, query_terms: set[str]) -> bool:
    return not query_terms.isdisjoint(word_terms(word))


def _score(text: str, span: tuple[int, int], query_terms: set[str]) -> int:
    """How many of the query's terms a passage contains."""
    # Every hit scores all its passages: look up each distinct word once, without slicing.
    found: set[str] = set()
    for word in set(WORD.findall(text, *span)):
        found.update(word_terms(word))
    return len(found & query_terms)
