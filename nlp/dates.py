"""Norwegian (and English) dates: parsing, finding them in text, and a page's publication date."""

from __future__ import annotations

import datetime as dt
import re

from nlp.types import Entity

MONTHS = {
    "januar": 1, "jan": 1, "january": 1,
    "februar": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "desember": 12, "des": 12, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# "22 mars, 2017 9:30", "22. mars 2017", "22.03.2017", "2017-03-22", "March 22, 2017", "mars 2017"
PATTERNS = [
    re.compile(rf"\b(?P<day>[0-3]?\d)\.?\s+{_MONTH}\s*,?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d),?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.{_YEAR}\b"),
    re.compile(rf"\b{_YEAR}-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
]
# A page's own date sits near its top; dates further down are about other things.
HEAD_CHARS = 800


def _date(m: re.Match[str]) -> tuple[dt.date, bool] | None:
    """The date a match names, and whether it names a day (not only a month)."""
    month = m.group("month").lower().rstrip(".")
    number = MONTHS.get(month) or (int(month) if month.isdigit() else 0)
    day = m.groupdict().get("day")
    try:
        return dt.date(int(m.group("year")), number, int(day or 1)), day is not None
    except ValueError:
        return None


def parse_date(s: str) -> dt.date | None:
    """The first date written in `s`, e.g. "22 mars, 2017 9:30" → 2017-03-22."""
    found = find_dates(s)
    if not found:
        return None
    iso = found[0].canonical
    return dt.date.fromisoformat(iso if len(iso) == 10 else iso + "-01")


def find_dates(text: str) -> list[Entity]:
    """DATE entities; canonical is yyyy-mm-dd, or yyyy-mm when only the month is given."""
    found: list[Entity] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(e.start < m.end() and m.start() < e.end for e in found):
                continue
            parsed = _date(m)
            if parsed:
                date, has_day = parsed
                canonical = date.isoformat() if has_day else date.isoformat()[:7]
                found.append(Entity("DATE", m.group(), m.start(), m.end(), canonical))
    return sorted(found, key=lambda e: e.start)


def publication_date(text: str) -> dt.date | None:
    """The first full date (with a day) near the top of a page, taken as its publication date."""
    for e in find_dates(text[:HEAD_CHARS]):
        if len(e.canonical) == 10:
            return dt.date.fromisoformat(e.canonical)
    return None
