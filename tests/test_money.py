import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.money import find_money, parse_amount


@pytest.mark.parametrize(
    ("text", "value", "per_year"),
    [
        ("Tildelt: kr 3,0 mill.", 3_000_000, False),
        ("går inn med 750.000 kroner neste år", 750_000, False),
        ("fikk 750 000 kr", 750_000, False),
        ("et tilskudd på kr 250 000,-", 250_000, False),
        ("en ramme på 12 MNOK", 12_000_000, False),
        ("NOK 12 millioner", 12_000_000, False),
        ("4,5 mrd. kroner", 4_500_000_000, False),
        ("1,5 – 2,5 millioner kroner i årlig støtte", (1_500_000, 2_500_000), True),
        ("mellom 2 og 3 millioner kroner", (2_000_000, 3_000_000), False),
        ("inntil 500 000 kroner", (0, 500_000), False),
        ("opptil 2 mill. kr", (0, 2_000_000), False),
        ("fem millioner kroner", 5_000_000, False),
        ("en halv million", 500_000, False),
        ("to og en halv million kroner", 2_500_000, False),
        ("tre milliarder", 3_000_000_000, False),
        ("2 millionar kronar", 2_000_000, False),
        ("2 millioner kroner årlig i tre år", 2_000_000, True),
        ("300 000 kroner per år", 300_000, True),
    ],
)
def test_written_forms(text, value, per_year):
    (found,) = find_money(text)
    assert found.value == (tuple(map(float, value)) if isinstance(value, tuple) else value)
    assert found.per_year is per_year
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize("text", ["24 medlemsbedrifter", "i 2017", "fire ganger i året", ""])
def test_numbers_that_are_not_money(text):
    assert find_money(text) == []


def test_canonical_form():
    (found,) = find_money("Hver klynge kan motta 1,5 – 2,5 millioner kroner.")
    assert found.canonical == "1 500 000–2 500 000 NOK"


def test_parse_amount_for_query_filters():
    assert parse_amount("1,5 mill.") == 1_500_000
    assert parse_amount("1000000") == 1_000_000
    assert parse_amount("ingenting") is None


def thousands(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@given(
    n=st.integers(min_value=1_000, max_value=999_999_999),
    sep=st.sampled_from([" ", ".", "\u00a0"]),
    form=st.sampled_from(["{n} kroner", "kr {n}", "{n} kr", "kr {n},-", "NOK {n}", "{n} kronar"]),
    before=st.sampled_from(["Klyngen fikk ", "Det ble bevilget ", ""]),
    after=st.sampled_from([" i støtte.", ".", " til prosjektet", ""]),
)
def test_round_trip_digits(n, sep, form, before, after):
    amount = form.format(n=thousands(n, sep))
    text = before + amount + after
    (found,) = find_money(text)
    assert found.value == n
    assert found.text == amount
    assert text[found.start : found.end] == amount


@given(
    whole=st.integers(min_value=1, max_value=999),
    tenth=st.integers(min_value=0, max_value=9),
    unit=st.sampled_from(
        [("mill.", 1e6), ("millioner", 1e6), ("MNOK", 1e6), ("mrd.", 1e9), ("milliarder", 1e9)]
    ),
)
def test_round_trip_multipliers(whole, tenth, unit):
    word, factor = unit
    text = f"Rammen er {whole},{tenth} {word} kroner i år."
    (found,) = find_money(text)
    assert found.value == pytest.approx((whole + tenth / 10) * factor)
    assert text[found.start : found.end] == found.text
