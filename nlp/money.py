"""Money amounts in written Norwegian, found with exact offsets and normalised to NOK."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from nlp.types import Entity, Value

# Number words that can stand before a million-word: "fem millioner", "tjuefem milliarder".
UNITS = {
    "en": 1, "ein": 1, "ei": 1, "et": 1, "ett": 1, "eitt": 1, "én": 1, "to": 2, "tre": 3,
    "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9,
}  # fmt: skip
TEENS = {
    "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15,
    "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19, "hundre": 100,
}  # fmt: skip
TENS = {
    "tjue": 20, "tyve": 20, "tretti": 30, "tredve": 30, "førti": 40, "femti": 50,
    "seksti": 60, "sytti": 70, "åtti": 80, "nitti": 90,
}  # fmt: skip
ONE_AND_A_HALF = {"halvannen", "halvannan", "halvanna"}


def _words(words: Iterable[str]) -> str:
    # Longest first, so "tretten" is not read as "tre" nor "seksti" as "seks".
    return "|".join(sorted(words, key=len, reverse=True))


_INTEGER_WORD = rf"(?:(?:{_words(TENS)})(?:{_words(UNITS)})?|{_words(TEENS)}|{_words(UNITS)})"
NUMBER_WORDS = (
    rf"(?i:\b(?:(?:en|ein|ei|et)\s+halv|{_words(ONE_AND_A_HALF)}"
    rf"|{_INTEGER_WORD}(?:\s+og\s+(?:en|ein|ei)\s+halv)?)\b)"
)
# Thousands grouped by a space, no-break or thin space, or a dot ("750.000"); a dot before
# one or two digits is a decimal point ("1.5 mill."), a comma is too ("3,0"), except in groups
# of three digits with no scale word after them, as English writes them ("NOK 450,000").
GROUP_SEPARATORS = " \u00a0\u202f\u2009."
DIGITS = (
    rf"(?<![\d.,])(?:\d{{1,3}}(?:[{GROUP_SEPARATORS}]\d{{3}})+(?!\d)"
    r"|\d{1,3}(?:,\d{3}){2,}(?!\d)|\d+)(?:,\d+(?!\d)|\.\d{1,2}(?![\d.]))?"
)
COMMA_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+")
SCALE = (
    r"(?i:milliard(?:ene|ane|er|ar|en)?\b|million(?:ene|ane|er|ar|en|s)?\b"
    r"|mrd\b\.?|mill\b\.?|mio\b\.?|tusen\b|billions?\b)|(?<=\d)(?:m|bn|k)\b"
)
# Scale and currency in one word, before or after the number: "12 MNOK", "TNOK 1 200".
UNIT = r"(?:[MTK]NOK|[mtk]nok)\b"
CURRENCY_AFTER = r"(?:(?:norske\s+)?[Kk]ron(?:er|ar|e|a)\b|kr\b|NOK\b)"
# "nok" in lower case is the word for "enough", so NOK is matched in capitals only.
CURRENCY_BEFORE = rf"(?<!\w)(?:{UNIT}|kr\.?|NOK)\s*"
UPTO = r"(?i:inntil|opptil|opp\s+til|maksimalt|maks\.?|høyst|høgst|ikke\s+over|up\s+to)"
DASH = r"\s*[–—-]\s*"
# What may stand between a number and its currency: a space, or a line break.
CELL_GAP = r"(?:[ \u00a0\u202f]|[ \t]*\n[ \t]*)?"
AND = re.compile(r"\s+(?:og|eller|and|or)\s+")
RANGE_JOINT = re.compile(r"\s+og\s+")


def _amount(name: str) -> str:
    return rf"(?P<{name}>{DIGITS}|{NUMBER_WORDS})(?:\s*(?P<{name}_scale>{SCALE}))?"


MONEY_AFTER = rf"(?:{DIGITS}|{NUMBER_WORDS})\s*(?:{SCALE}|{UNIT}|{CURRENCY_AFTER}|,\s?[-–])"
MONEY = re.compile(
    rf"(?:(?<!\w)(?P<upto>{UPTO})\s+|(?<!\w)(?P<between>[Mm]ellom|[Ff]ra|[Ff]rå)\s+)?"
    rf"(?P<pre>{CURRENCY_BEFORE})?"
    + _amount("low")
    # "og" joins a range only after "mellom" ("mellom 2 og 3 millioner kroner"), and a word
    # joins one only when money follows ("kr 1 til 24 bedrifter" is no range).
    + rf"(?:(?:{DASH}|(?(between)\s+(?:til|og)\s+|\s+til\s+)(?={MONEY_AFTER}))"
    + rf"{_amount('high')})?"
    + rf"(?:\s*(?P<unit>{UNIT})|(?P<dash>,\s?[-–])(?!\d)(?:\s*{CURRENCY_AFTER})?"
    # A currency after the number is in its cell: "kr 300 000\tkr 200 000" and "kr 480 000
    # kr 320 000" in columns apart by spaces are two amounts.
    + rf"|{CELL_GAP}(?P<post>{CURRENCY_AFTER}))?"
)
# Without a currency, "3 millioner" is money only when the next word does not say what is
# counted ("3 millioner innbyggere", "2 millioner euro"): these words may follow.
BARE_FOLLOWERS = re.compile(
    r"\s*$|\s+[^\w\s]|[^\w\s-]|\s+(?i:i|til|fra|frå|på|for|og|eller|som|per|pr|årl[ie]g\w*|hvert"
    r"|kvart|om|er|var|blir|ble|vert|vart|skal|kan|vil|har|hadde|ut|over|under|neste"
    r"|går|gikk|gjekk|kommer|kjem|kom)\b"
)
# Norwegian and English: "2 millioner årlig", "i året", "NOK 2 million a year", "per annum";
# not "a year ago".
PER_YEAR_AFTER = re.compile(
    r"\s*(?:(?:i|til|som)\s+)?(?i:årl[ie]g\w*|per\s+år\b|pr\.?\s+år\b|i\s+året\b"
    r"|om\s+året\b|hvert\s+år\b|kvart\s+år\b|/\s*år\b"
    r"|(?:a|per|each|every)\s+year\b(?!\s+ago\b)|annually\b|yearly\b|per\s+annum\b)"
)
# "årlig støtte på 2 millioner", "et årleg tilskot på 500 000 kroner", "annual funding of NOK 2m"
PER_YEAR_BEFORE = re.compile(r"(?i:\b(?:årl[ie]g\w*|annual)\s+(?:\w+\s+){0,2}(?:på|av|med|of)\s+)$")
NON_DIGITS = re.compile(r"\D")
# A table's header line naming the currency of a column, or the line introducing it: "Beløp
# (kr)", "Tilskudd (NOK)", "Offentlege tilskot til klynga i 2023 (beløp i kroner):".
CURRENCY_HEADER = re.compile(
    r"^[^\n]*\((?:(?:beløp|beløpa|beløpene|tal|tall|summar|summer)\s+)?(?:i\s+)?"
    r"(?:kr|kroner|NOK)\.?\):?[ \t]*$",
    re.MULTILINE,
)
# A cell of a row that is a bare number, its thousands grouped, apart from the other cells by
# two spaces or more: "Steinkjer kommune   75 000", "Lofoten Sjømatklynge   1 100 000   2 750 000".
COLUMN_AMOUNT = re.compile(
    r"(?<=\S[ \t]{2})[ \t]*(?P<amount>\d{1,3}(?:[ \u00a0]\d{3})+|\d{4,})(?=[ \t]{2,}\S|[ \t]*$)",
    re.MULTILINE,
)
BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")
DECIMAL_DOT = re.compile(r"\.\d{1,2}$")
# English "billion" is a milliard; "m" and "bn" right after a number ("NOK 11.2m") are
# money only after a currency; "k" ("bidro med 400k") is thousands of kroner.
MULTIPLIERS = {
    "milliard": 10**9, "mrd": 10**9, "mill": 10**6, "mio": 10**6, "tusen": 10**3,
    "billion": 10**9, "bn": 10**9, "m": 10**6, "k": 10**3,
}  # fmt: skip
LETTER_SCALES = ("m", "bn")
MILLION = 10**6


def find_money(text: str) -> list[Entity]:
    """MONEY entities with `value` in NOK: a number, or (min, max) for ranges and upper bounds."""
    found = []
    pos = 0
    while m := MONEY.search(text, pos):
        value = _value(m, text)
        shared = _shared_unit(m, text) if value is None else None
        if shared:
            value, per_year = shared
            found.append(Entity("MONEY", m.group(), m.start(), m.end(), canonical(value),
                                value=value, per_year=per_year))  # fmt: skip
            pos = m.end()
            continue
        if value is None:
            # Rejected here, the text may still hold an amount that starts one character on.
            pos = m.start() + 1
            continue
        start = m.start()
        if isinstance(value, float) and (end := _range_end(m, text, value)):
            m, value = end  # "mellom 250 000 kroner og 1 million kroner"
        elif m.group("between") and not m.group("high"):
            # "fra 500 000 kroner" is no range: "fra" stays out of the mention.
            start = m.start("pre") if m.group("pre") else m.start("low")
        before = text[max(0, start - 60) : start]
        per_year = bool(PER_YEAR_AFTER.match(text, m.end()) or PER_YEAR_BEFORE.search(before))
        found.append(
            Entity("MONEY", text[start : m.end()], start, m.end(), canonical(value),
                   value=value, per_year=per_year)
        )  # fmt: skip
        pos = m.end()
    return sorted(found + _column_amounts(text, found), key=lambda e: e.start)


def _range_end(m: re.Match[str], text: str, low: float) -> tuple[re.Match, Value] | None:
    """The amount that ends a range "mellom" opens with an amount of its own, "mellom 250 000
    kroner og 1 million kroner", and the range's value ("fra 500 000 kroner til 2 millioner
    kroner" may be a change, not a range)."""
    between = (m.group("between") or "").lower() == "mellom"
    if not between or m.group("high") or not (m.group("post") or m.group("unit")):
        return None
    joint = RANGE_JOINT.match(text, m.end())
    after = MONEY.match(text, joint.end()) if joint else None
    high = (
        _value(after, text)
        if after and not (after.group("between") or after.group("upto"))
        else None
    )
    return (after, (low, high)) if isinstance(high, float) and high > low else None


def _column_amounts(text: str, found: list[Entity]) -> list[Entity]:
    """Bare numbers in the cells of a table whose header gives the currency ("Kilde …
    Beløp (kr)" above "Innovasjon Norge – Arena-programmet   1 800 000"), to its end."""
    amounts = []
    for header in CURRENCY_HEADER.finditer(text):
        # The table starts at the next line with words, after a blank line or none.
        start = header.end() + len(BLANK_LINES.match(text, header.end()).group())
        stop = text.find("\n\n", start)
        for row in COLUMN_AMOUNT.finditer(text, start, len(text) if stop < 0 else stop):
            start, end = row.span("amount")
            if not any(e.start < end and start < e.end for e in found):
                value = float(NON_DIGITS.sub("", row.group("amount")))
                amounts.append(Entity("MONEY", row.group("amount"), start, end, canonical(value),
                                      value=value, per_year=False))  # fmt: skip
    return amounts


def _shared_unit(m: re.Match[str], text: str) -> tuple[Value, bool] | None:
    """A bare number before "og" and an amount gets that amount's scale and currency:
    "høvesvis 150 000 og 300 000 kroner", "1,5 og 2 millioner kroner". Value and per year."""
    joint = AND.match(text, m.end())
    after = MONEY.match(text, joint.end()) if joint and not m.group("high") else None
    currency = after and (after.group("post") or after.group("unit"))
    # A plain run of digits may be a year or a count: "i 2023 og 500 000 kroner i 2024".
    plain = m.group("low").isdigit()
    if not currency or plain or m.group("pre") or m.group("unit") or m.group("post"):
        return None
    scale = "" if m.group("low_scale") else after.group("high_scale") or after.group("low_scale")
    value = parse_amount(" ".join(part for part in (m.group(), scale, currency) if part))
    return (value, bool(PER_YEAR_AFTER.match(text, after.end()))) if value else None


def parse_amount(s: str) -> Value:
    """One amount as NOK, currency optional: "1,5 mill." → 1500000.0, "1000000" → 1000000.0."""
    m = MONEY.fullmatch(s.strip())
    return _value(m, None) if m else None


def canonical(value: Value) -> str:
    """A readable normal form: "750 000 NOK", "1 500 000–2 500 000 NOK", "0–500 000 NOK"."""
    if isinstance(value, tuple):
        return f"{_format(value[0])}–{_format(value[1])} NOK"
    return f"{_format(value or 0.0)} NOK"


def _format(x: float) -> str:
    if x == int(x):
        return f"{int(x):,}".replace(",", " ")
    whole, decimals = f"{x:,.2f}".split(".")
    return f"{whole.replace(',', ' ')},{decimals}"


def _value(m: re.Match[str], text: str | None) -> Value:
    """The NOK value of a match, or None when it is not money (`text` None: no context check)."""
    low = _number(m.group("low"), m.group("low_scale") or m.group("high_scale"))
    high = _number(m.group("high"), m.group("high_scale"))
    low_scale, high_scale = _scale(m.group("low_scale")), _scale(m.group("high_scale"))
    unit = m.group("unit") or (m.group("pre") or "").strip()
    letters = {m.group("low_scale"), m.group("high_scale")} & set(LETTER_SCALES)
    if letters and not m.group("pre"):
        return None
    scaled_unit = unit[1:] in ("NOK", "nok")
    if low is None or _unscaled_words(m.group("low"), low_scale * high_scale, scaled_unit):
        return None
    if _unscaled_words(m.group("high"), high_scale, scaled_unit):
        return None
    currency = bool(unit or m.group("dash") or m.group("post"))
    thousands = "k" in (m.group("low_scale"), m.group("high_scale"))
    if text is not None and not currency:
        if max(low_scale, high_scale) < MILLION and not (thousands and low >= 10):
            return None
        if not BARE_FOLLOWERS.match(text, m.end()):
            return None
    factor = Decimal(1000 if unit[:1] in "TtKk" else MILLION) if scaled_unit else 1
    if high is None:
        amount = float(low * low_scale * factor)
        if not amount:
            return None
        return (0.0, amount) if m.group("upto") else amount
    top = high * high_scale * factor
    # "1,5 – 2,5 millioner": the scale of the second number is the first's too,
    # unless that makes it the larger ("mellom 500 000 og 1 million").
    bottom = low * (low_scale if m.group("low_scale") else high_scale) * factor
    if bottom > top:
        bottom = low * low_scale * factor
    if bottom > top or not top:
        return None
    if m.group("upto"):
        return (0.0, float(top))
    return (float(bottom), float(top))


def _number(s: str | None, scale: str | None = None) -> Decimal | None:
    """The number written as digits ("1 500,5", "750.000", "450,000" with no `scale` word) or
    words ("to og en halv")."""
    if not s:
        return None
    if s[0].isdigit():
        whole, decimals = s, "0"
        if "," in s and (scale or not COMMA_GROUPS.fullmatch(s)):
            whole, _, decimals = s.partition(",")
        elif DECIMAL_DOT.search(s):
            whole, _, decimals = s.rpartition(".")
        return Decimal(NON_DIGITS.sub("", whole) + "." + decimals)
    words = s.lower().split()
    if words[0] in ONE_AND_A_HALF:
        return Decimal("1.5")
    half = Decimal("0.5") if words[-1] == "halv" else Decimal(0)
    if words[1:2] == ["halv"]:  # "en halv"
        return half
    word = words[0]
    tens = next((t for t in TENS if word.startswith(t)), None)
    if tens:
        return Decimal(TENS[tens] + UNITS.get(word[len(tens) :], 0)) + half
    return Decimal(TEENS.get(word) or UNITS[word]) + half


def _unscaled_words(number: str | None, scale: int, scaled_unit: bool) -> bool:
    """Number words count as money only with a scale: "fem millioner", not "fem kroner"."""
    if not number:
        return False
    return not number[0].isdigit() and scale == 1 and not scaled_unit


def _scale(s: str | None) -> int:
    if not s:
        return 1
    s = s.lower()
    return next(f for prefix, f in MULTIPLIERS.items() if s.startswith(prefix))
