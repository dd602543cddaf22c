"""Split a document into passages of about a hundred words for vectors and snippets."""

from __future__ import annotations

import re

TARGET_WORDS = 120
_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"–-])")

Span = tuple[int, int]


def split_passages(text: str, target: int = TARGET_WORDS) -> list[Span]:
    """Character spans of passages: paragraphs merged up to `target` words, long ones split."""
    pieces: list[Span] = []
    for start, end in _spans(text, _PARAGRAPH, 0, len(text)):
        if len(text[start:end].split()) <= target:
            pieces.append((start, end))
        else:
            pieces += _merge(text, _spans(text, _SENTENCE_END, start, end), target)
    return _merge(text, pieces, target)


def _spans(text: str, separator: re.Pattern[str], start: int, end: int) -> list[Span]:
    """Non-blank spans of text[start:end] between separator matches, trimmed of whitespace."""
    spans = []
    pos = start
    for m in [*separator.finditer(text, start, end), None]:
        stop = m.start() if m else end
        chunk = text[pos:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + len(chunk.rstrip())))
        if m:
            pos = m.end()
    return spans


def _merge(text: str, spans: list[Span], target: int) -> list[Span]:
    """Join neighbouring spans while the joined span stays within `target` words."""
    merged: list[Span] = []
    words = 0
    for start, end in spans:
        n = len(text[start:end].split())
        if merged and words + n <= target:
            merged[-1] = (merged[-1][0], end)
            words += n
        else:
            merged.append((start, end))
            words = n
    return merged
