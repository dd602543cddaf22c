"""Norwegian places from a gazetteer: regions, counties, districts, towns and seas."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from nlp.types import Entity


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """The place names in nlp/data/places.txt, loaded once."""
    lines = resources.files("nlp").joinpath("data/places.txt").read_text("utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


# The inner or outer part of a place is a place: "Indre Hardanger", "Ytre Namdal".
PART = r"(?:Indre|Ytre|Øvre|Nedre)"


@lru_cache(maxsize=1)
def phrases() -> str:
    """A regex alternation of the place names of more than one word, longest first."""
    names = sorted((p for p in places() if " " in p), key=len, reverse=True)
    words = "|".join(re.escape(p) for p in sorted(places(), key=len, reverse=True) if " " not in p)
    multi = "|".join(r"[ \t]+".join(map(re.escape, name.split())) for name in names)
    return rf"{multi}|{PART}[ \t]+(?:{words})"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted(places(), key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
    # A genitive names the place too: "Norges største", "Bergens havn".
    return re.compile(rf"(?<![\w-])(?P<name>(?:{PART}\s+)?(?:{body}))(?P<s>s)?(?![\w-])")


def find_places(text: str) -> list[Entity]:
    """LOCATION mentions of known places; "Norges" is a mention of Norge."""
    found = []
    for m in _pattern().finditer(text):
        name = " ".join(m.group("name").split())
        found.append(Entity("LOCATION", m.group(), m.start(), m.end(), name))
    return found


def place_name(mention: str) -> str | None:
    """The gazetteer name a mention is, genitive or not; None for other words."""
    m = _pattern().fullmatch(mention.strip())
    return " ".join(m.group("name").split()) if m else None
