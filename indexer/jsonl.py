"""JSON Lines exports from other systems: one `{"id", "title", "text", "date", "url"}` per line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from indexer.parse import Parsed, parse_text

# A date, possibly with a time after it: "2017-03-22" or "2017-03-22T10:00:00Z".
ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


@dataclass(frozen=True)
class Record:
    """One checked line of an export."""

    id: str
    title: str
    text: str
    date: str | None  # ISO yyyy-mm-dd
    url: str | None

    def parse(self) -> Parsed:
        """The record as a parsed document; without a date of its own, the text's."""
        parsed = parse_text(self.text, self.title)
        if self.date is None:
            return parsed
        return Parsed(parsed.title, parsed.text, self.date, parsed.language)


def lines(file: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each non-blank line; None for a line longer than `limit` bytes,
    which is skipped without being held in memory."""
    number = 0
    while chunk := file.readline(limit + 1):
        number += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            while (rest := file.readline(limit + 1)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        elif chunk.strip():
            yield number, chunk


def record(line: bytes) -> Record:
    """A line as a record; raises ValueError saying what is wrong with it."""
    try:
        fields = json.loads(line)
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(fields, dict):
        raise ValueError('expected an object {"id", "title", "text", "date", "url"}')
    doc_id = fields.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise ValueError('"id" is missing or not a string or number')
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('"text" is missing or empty')
    for name in ("title", "date", "url"):
        if fields.get(name) is not None and not isinstance(fields[name], str):
            raise ValueError(f'"{name}" must be a string')
    return Record(
        id=doc_id.strip(),
        title=" ".join((fields.get("title") or "").split()),
        text=text,
        date=_date(fields.get("date")),
        url=(fields.get("url") or "").strip() or None,
    )


def _date(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    m = ISO_DATE.match(value.strip())
    try:
        if m:
            return date.fromisoformat(m.group(1)).isoformat()
    except ValueError:  # a month 13 or a 30 February
        pass
    raise ValueError(f'"date" {value!r} is not an ISO date (yyyy-mm-dd)')
