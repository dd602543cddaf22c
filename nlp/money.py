"""Money amounts in written Norwegian, normalised to NOK."""

from __future__ import annotations

import re

from nlp.types import Entity, Value

# Digits with space, no-break space or dot as thousands separator and a decimal comma:
# "750 000", "750.000", "3,0", "1 500 000,50".
_NUMBER = r"\d{1,3}(?:[ \u00a0.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_WORDS = {
    "en": 1, "ein": 1, "ett": 1, "eitt": 1, "ei": 1, "to": 2, "tre": 3, "fire": 4,
    "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11,
    "tolv": 12, "femten": 15, "tjue": 20, "tjuefem": 25, "tretti": 30, "førti": 40,
    "femti": 50, "hundre": 100,
}  # fmt: skip
_WORD = r"(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")(?:\s+og\s+en)?(?:\s+halv)?"
_MULTIPLIERS = [
    (r"mrd\.?|milliard(?:er|ar)?", 1e9),
    (r"mnok|mill\.?|millioner|millionar|million|mill(?=\s)", 1e6),
    (r"tusen|k(?=r)", 1e3),
]
_MULT = "|".join(f"(?:{p})" for p, _ in _MULTIPLIERS)
_CURRENCY = r"(?:kr\.?|kroner|kronar|krone|nok)"
_AMOUNT = rf"(?:{_NUMBER}|{_WORD})(?:\s*(?:{_MULT}))?"
_BOUND = r"(?P<bound>inntil|opptil|opp\s+til|maks(?:imalt)?|høyst|ikke\s+over)\s+"
_DASH = r"\s*(?:–|-|—|til)\s*"

MONEY = re.compile(
    rf"""(?<![\w,.])(?:{_BOUND})?(?:
        (?:mellom\s+(?P<a1>{_AMOUNT})\s+og\s+(?P<b1>{_AMOUNT})\s*{_CURRENCY}\b)
      | {_CURRENCY}\s*(?P<a2>{_NUMBER})(?:{_DASH}(?P<b2>{_NUMBER}))?
            (?:\s*(?P<m2>{_MULT}))?(?:\s*,-)?
      | (?P<a3>{_AMOUNT})(?:{_DASH}(?P<b3>{_AMOUNT}))?\s*
            (?:{_CURRENCY}\b|(?<=mnok)|(?<=MNOK))
      | (?P<a4>(?:{_WORD}\s+)?halv(?:\s+|t\s+)?(?:million|milliard))
      | (?P<a5>{_WORD}\s+(?:millioner|millionar|million|milliarder|milliardar|milliard))
    )(?!\w)""",
    re.IGNORECASE | re.VERBOSE,
)
PER_YEAR = re.compile(
    r"\s*(?:i\s+)?(?:årlig|årleg|per\s+år|pr\.?\s+år|i\s+året|om\s+året|kvart\s+år|hvert\s+år)",
    re.IGNORECASE,
)
PER_YEAR_BEFORE = re.compile(r"(?:årlig|årleg)\s+$", re.IGNORECASE)


def _multiplier(text: str) -> float:
    text = text.lower()
    for pattern, factor in _MULTIPLIERS:
        if re.search(rf"(?:{pattern})\s*$", text):
            return factor
    return 1.0


def _number(text: str) -> float | None:
    """The number at the start of an amount: digits or Norwegian number words."""
    text = text.strip().lower()
    m = re.match(_NUMBER, text)
    if m:
        digits = m.group()
        whole, _, decimals = digits.partition(",")
        return float(re.sub(r"[ \u00a0.]", "", whole) + ("." + decimals if decimals else ""))
    words = text.split()
    if not words:
        return None
    if words[0] == "halv" or words[0] == "halvt":
        return 0.5
    base = _WORDS.get(words[0])
    if base is None:
        return None
    if "halv" in words[1:4]:
        # "en halv million" is 0.5; "to og en halv million" is 2.5.
        return 0.5 if base == 1 and words[1] == "halv" else base + 0.5
    return float(base)


def _amount(text: str, multiplier_text: str | None = None) -> float | None:
    number = _number(text)
    if number is None:
        return None
    return number * _multiplier(multiplier_text if multiplier_text else text)


def find_money(text: str) -> list[Entity]:
    """MONEY entities with `value` in NOK: a number, or (min, max) for ranges and upper bounds."""
    found = []
    for m in MONEY.finditer(text):
        groups = m.groupdict()
        if groups["a1"]:
            low, high = _amount(groups["a1"]), _amount(groups["b1"])
            if low is not None and high is not None and _multiplier(groups["a1"]) == 1.0:
                low *= _multiplier(groups["b1"])
        elif groups["a2"]:
            low = _amount(groups["a2"], groups["m2"])
            high = _amount(groups["b2"], groups["m2"]) if groups["b2"] else None
        elif groups["a3"]:
            multiplier_source = groups["b3"] or groups["a3"]
            low = _amount(groups["a3"], multiplier_source)
            high = _amount(groups["b3"]) if groups["b3"] else None
        else:
            words = groups["a4"] or groups["a5"]
            low, high = _amount(words, words), None
        if low is None or low == 0:
            continue
        value: Value = (low, high) if high is not None else low
        if groups["bound"]:
            value = (0.0, high if high is not None else low)
        end = m.end()
        per_year = bool(PER_YEAR_BEFORE.search(text[max(0, m.start() - 10) : m.start()]))
        after = PER_YEAR.match(text, end)
        if after:
            per_year = True
        span = text[m.start() : end].rstrip()
        found.append(
            Entity("MONEY", span, m.start(), m.start() + len(span), canonical(value),
                   value=value, per_year=per_year)
        )  # fmt: skip
    return found


def canonical(value: Value) -> str:
    """A readable normal form: "750 000 NOK", "1 500 000–2 500 000 NOK"."""

    def fmt(x: float) -> str:
        return f"{round(x):,}".replace(",", " ")

    if isinstance(value, tuple):
        return f"{fmt(value[0])}–{fmt(value[1])} NOK"
    return f"{fmt(value or 0)} NOK"


def parse_amount(s: str) -> Value:
    """One amount as NOK: "1,5 mill." → 1500000; also a bare number ("1000000")."""
    found = find_money(s if re.search(_CURRENCY, s, re.IGNORECASE) else s + " kr")
    if found:
        return found[0].value
    return None
