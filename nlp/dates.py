"""Norwegian (and English) dates: parsing, finding them in text, and a page's publication date."""

from __future__ import annotations

import datetime as dt
import re

from nlp.types import Entity

# Bokmål and nynorsk share the month names; English ones appear in bilingual pages.
MONTHS = {
    "januar": 1, "january": 1, "jan": 1,
    "februar": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip
ABBREVIATIONS = {name for name in MONTHS if len(name) <= 4 and name not in ("mars", "mai", "may")}
_ANY_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_FULL_MONTH = "|".join(sorted(set(MONTHS) - ABBREVIATIONS, key=len, reverse=True))
_ABBREVIATED = "|".join(sorted(ABBREVIATIONS, key=len, reverse=True))
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?:19|20)\d\d(?!\d)"
DATE = re.compile(
    # 2017-03-22, also with a time after it: 2017-03-22T09:30
    rf"(?<![\d-])(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d)"
    # 22.03.2017, 22/3/2017
    rf"|(?<![\d.])(?P<nd>{_DAY})(?P<sep>[./])(?P<nm>1[0-2]|0?[1-9])(?P=sep)(?P<ny>{_YEAR})"
    # 22 mars, 2017 / 22. mars 2017 / 22.mars 2017 / 22nd of March 2017
    rf"|(?<![\d.])(?P<dd>{_DAY})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?"
    rf"(?P<dm>{_ANY_MONTH})\b\.?,?\s+(?P<dy>{_YEAR})"
    # March 22, 2017
    rf"|\b(?P<md_m>{_ANY_MONTH})\b\.?\s+(?P<md_d>{_DAY})(?:st|nd|rd|th)?,?\s+(?P<md_y>{_YEAR})"
    # mars 2017: a month alone needs its full name ("Jan 2017" is more likely a person)
    rf"|\b(?P<mm>(?:{_FULL_MONTH})\b|(?:{_ABBREVIATED})\.),?\s+(?P<my>{_YEAR})",
    re.IGNORECASE,
)
WEEKDAY = (
    r"(?:mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|lørdag|laurdag|søndag|sundag"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
TIME = r"(?:kl\.?\s*)?T?\d{1,2}[:.]\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?"
# What may share a line with a page's own date: weekday, time, share buttons, separators.
LINE_FILLER = re.compile(
    rf"(?:[\s,.:|·•/–—-]|\bden\b|\b{WEEKDAY}\b|{TIME}|\bDel\b|\bShare\b|\bDelt\b)*",
    re.IGNORECASE,
)
PUBLISHED = re.compile(
    rf"(?i:\b(?:publisert|publisert\s+dato|published|posted|dato|date|utgitt)\s*:?"
    rf"\s*(?:den\s+)?(?:{WEEKDAY}\s*,?\s*)?)$"
)
UPDATED = re.compile(
    rf"(?i:\b(?:sist\s+)?(?:oppdatert|endret|endra|updated|modified)\s*:?"
    rf"\s*(?:den\s+)?(?:{WEEKDAY}\s*,?\s*)?)$"
)
# A press release dateline: "Bodø, 22. mars 2017:", "OSLO (22. mars 2017) –", or a place
# and date on a line of their own ("Førde, 14. januar 2022").
DATELINE = re.compile(r"^\s*[A-ZÆØÅ][\w -]{1,30},?\s*\(?\s*$")
DATELINE_END = re.compile(r"\s*\)?\s*(?:[:–—-]|$)")
# A page's own date sits near its top; dates further down are about other things.
HEAD_CHARS = 2000
# Ranked sources of a publication date, most trusted first.
LABELLED, ALONE, DATELINED, UPDATED_RANK = range(4)


def parse_date(s: str) -> dt.date | None:
    """The first date written in `s`, e.g. "22 mars, 2017 9:30" → 2017-03-22; a month → its 1st."""
    for m in DATE.finditer(s):
        found = _date(m)
        if found:
            return found[0]
    return None


def find_dates(text: str) -> list[Entity]:
    """DATE entities; canonical is yyyy-mm-dd, or yyyy-mm when only the month is given."""
    found = []
    for m in DATE.finditer(text):
        parsed = _date(m)
        if parsed:
            date, has_day = parsed
            canonical = date.isoformat() if has_day else date.isoformat()[:7]
            found.append(Entity("DATE", m.group(), m.start(), m.end(), canonical))
    return found


def publication_date(text: str) -> dt.date | None:
    """The page's own date near its top: labelled "Publisert", alone on its line, or a dateline."""
    head = text[:HEAD_CHARS]
    best: tuple[int, int, dt.date] | None = None
    for m in DATE.finditer(head):
        parsed = _date(m)
        if not parsed:
            continue
        date, has_day = parsed
        line_start = head.rfind("\n", 0, m.start()) + 1
        line_end = head.find("\n", m.end())
        before = head[line_start : m.start()]
        after = head[m.end() : len(head) if line_end < 0 else line_end]
        rank = _rank(before, after, has_day)
        if rank is not None and (best is None or (rank, m.start()) < best[:2]):
            best = (rank, m.start(), date)
    return best[2] if best else None


def _rank(before: str, after: str, has_day: bool) -> int | None:
    """How much a date with this text around it on its line looks like the page's own date."""
    if PUBLISHED.search(before):
        return LABELLED
    if not has_day:
        return None
    if UPDATED.search(before):
        return UPDATED_RANK
    if LINE_FILLER.fullmatch(before) and LINE_FILLER.fullmatch(after):
        return ALONE
    if DATELINE.match(before) and DATELINE_END.match(after):
        return DATELINED
    return None


def _date(m: re.Match[str]) -> tuple[dt.date, bool] | None:
    """The date a match names, and whether it names a day (not only a month)."""
    g = m.groupdict()
    if g["iy"]:
        year, month, day = g["iy"], g["im"], g["id"]
    elif g["ny"]:
        year, month, day = g["ny"], g["nm"], g["nd"]
    elif g["dy"]:
        year, month, day = g["dy"], MONTHS[g["dm"].lower()], g["dd"]
    elif g["md_y"]:
        year, month, day = g["md_y"], MONTHS[g["md_m"].lower()], g["md_d"]
    else:
        year, month, day = g["my"], MONTHS[g["mm"].lower().rstrip(".")], None
    try:
        return dt.date(int(year), int(month), int(day or 1)), day is not None
    except ValueError:
        return None
