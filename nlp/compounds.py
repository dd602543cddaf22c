"""Norwegian compound splitting (Koehn & Knight 2003) over a shipped word-frequency lexicon."""

from __future__ import annotations

import gzip
import math
from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).resolve().parent / "data" / "lexicon.tsv.gz"
# Three letters for a first part ("mat|produksjon", "små|bedrifter"), four for later parts:
# three-letter tails are mostly word endings that happen to be words ("fylke|gren|ser").
MIN_PART = 3
MIN_HEAD = 4
# Longer tokens are codes, URLs or run-together text, not words worth a quadratic search.
MAX_LENGTH = 40
# Linking letters between parts: "nærings|klynge", "barne|hage" (bokmål and nynorsk alike).
LINKS = ("s", "e")
# Noun endings, bokmål and nynorsk, and the genitive "s", for reading a head as its bare
# word. Not "e": "profil|ere" would otherwise find a head in "filer".
INFLECTIONS = ("ene", "ane", "er", "ar", "en", "et", "a", "s")
# The whole word may also drop endings after a stem's own "e" ("teneste|ne"): that only
# makes a split harder, while as head endings they turn names into parts ("sek|tore|r").
WHOLE_INFLECTIONS = (*INFLECTIONS, "ne", "r", "n")
# Never parts: function words are so frequent that any word beginning or ending with one
# ("til|skudd", "for|del") would win the frequency test, and derivational endings that are
# also words ("mulig|heter", "van|lig", "spenn|ende") are not compound heads.
NOT_PARTS = frozenset(
    """
    alle all alt and andre annen annet bak bare ble bli blir både dem den denne deres der
    dere det dette disse din eget egen egne eller enn etter for foran fordi fra får før
    gjennom gjør går har hadde han hans helt hennes her hos hun hva hver hvert hvis ikke
    inn innen ingen jeg kan kom kommer kunne langs likevel man med meg mellom men mens mer
    min mitt mot mye må måtte ned noe noen når nok også opp oss over rundt samme samt seg
    selv sin sine sitt skal skulle som til the under uten var ved vil ville vår våre være
    vært you not
    aller mene
    sam het heter heten hetene hets lig lige ing inger ende ene enes ere ert else ler ter
    sen son skap bar dom elle ette ring ringer ringen ører ørene logisk logiske
    """.split()
)


# A reading of a word: its parts and their frequencies.
Option = tuple[tuple[str, ...], tuple[int, ...]]


@lru_cache(maxsize=1)
def lexicon() -> dict[str, int]:
    """Word → corpus frequency, loaded once on first use."""
    with gzip.open(LEXICON, "rt", encoding="utf-8") as lines:
        return {word: int(n) for word, n in (line.rstrip("\n").split("\t") for line in lines)}


def frequency(word: str) -> int:
    """How often the lower-cased word occurs in the lexicon corpus (0 if unknown)."""
    return lexicon().get(word.lower(), 0)


@lru_cache(maxsize=200_000)
def split(word: str) -> tuple[str, ...]:
    """The lower-cased parts of a compound, linking letters dropped; () if it is not one."""
    word = word.lower()
    if len(word) > MAX_LENGTH:
        return ()
    # Scored as its bare word, so "bedriftene" weighs as much as "bedrift" against "bed|riftene".
    own = _bare(word, WHOLE_INFLECTIONS)
    options = _two_parts(word)
    # Fewest parts first: a frequent short word inside a longer one ("verk|sted|industri")
    # otherwise outscores the real part ("verksted|industri") on the geometric mean. A known
    # word with no two-part reading is nearly always simplex ("leve|rand|ører"), so only
    # unknown words get three.
    if not options and not own:
        options = _three_parts(word)
    if not options:
        return ()
    parts, counts = max(options, key=lambda option: _geometric_mean(option[1]))
    # A split must beat the whole word's own frequency, so frequent words stay whole.
    return parts if _geometric_mean(counts) > own else ()


def _two_parts(word: str) -> list[Option]:
    """Every modifier + head reading of `word`."""
    options = []
    for i in range(MIN_PART, len(word) - MIN_HEAD + 1):
        first, head = _modifier(word[:i]), _head(word[i:])
        if first and head:
            options.append(((first[0], word[i:]), (first[1], head)))
    return options


def _three_parts(word: str) -> list[Option]:
    """Every modifier + modifier + head reading of `word`."""
    options = []
    for i in range(MIN_PART, len(word) - 2 * MIN_HEAD + 1):
        first = _modifier(word[:i])
        if first is None:
            continue
        for j in range(i + MIN_HEAD, len(word) - MIN_HEAD + 1):
            second, head = _modifier(word[i:j]), _head(word[j:])
            if second and head:
                options.append(((first[0], second[0], word[j:]), (first[1], second[1], head)))
    return options


def _modifier(prefix: str) -> tuple[str, int] | None:
    """The known word a non-final part stands for, preferring it without a linking letter."""
    # A linking letter only after a part of four letters: "ten|e|stene" is not a compound.
    if prefix[-1] in LINKS and len(prefix) > MIN_HEAD:
        bare = _known(prefix[:-1])
        if bare and bare >= _known(prefix):
            return prefix[:-1], bare
    count = _known(prefix)
    return (prefix, count) if count else None


def _head(part: str) -> int:
    """A final part's frequency, or its bare word's when that is higher."""
    # NoReC is reviews: domain plurals ("ordninger") can be missing while "ordning" is there.
    return 0 if part in NOT_PARTS else _bare(part, INFLECTIONS)


def _bare(word: str, endings: tuple[str, ...]) -> int:
    """The highest frequency of the word or the word without one of `endings`."""
    bare = (
        _known(word[: -len(end)])
        for end in endings
        if word.endswith(end) and len(word) - len(end) >= MIN_HEAD
    )
    return max([frequency(word), *bare])


def _known(part: str) -> int:
    """A part's frequency, or 0 when it is unknown or not allowed as a part."""
    return 0 if part in NOT_PARTS else lexicon().get(part, 0)


def _geometric_mean(counts: tuple[int, ...]) -> float:
    return math.exp(sum(map(math.log, counts)) / len(counts))
