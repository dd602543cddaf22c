from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.money import canonical, find_money, parse_amount

from .conftest import SEEDS


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def assert_exact(text, found):
    assert [e.start for e in found] == sorted(e.start for e in found)
    for e, following in zip(found, found[1:], strict=False):
        assert e.end <= following.start
    for e in found:
        assert e.type == "MONEY"
        assert text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    ("prefix", "text", "value", "per_year"),
    [
        ("001", "10 millioner kroner", 10_000_000.0, False),
        ("002", "kr 3,0 mill.", 3_000_000.0, False),
        ("003", "750.000 kroner", 750_000.0, False),
        ("004", "37 millioner kroner", 37_000_000.0, False),
        ("004", "1,5 – 2,5 millioner kroner", (1_500_000.0, 2_500_000.0), True),
    ],
)
def test_seed_amounts(prefix, text, value, per_year):
    found = find_money(seed(prefix))
    (e,) = [e for e in found if e.text == text]
    assert e.value == value
    assert e.per_year is per_year


def test_seeds_hold_no_other_money():
    # Phone numbers ("907 47 565"), years, counts ("24 medlemsbedrifter") are not money.
    counts = {
        prefix: len(find_money(seed(prefix))) for prefix in ("000", "001", "002", "003", "004")
    }
    assert counts == {"000": 0, "001": 1, "002": 1, "003": 1, "004": 2}
    assert find_money(seed("003"))[0].canonical == "750 000 NOK"


@pytest.mark.parametrize(
    ("text", "value", "per_year"),
    [
        ("Tildelt: kr 3,0 mill.", 3_000_000, False),
        ("går inn med 750.000 kroner neste år", 750_000, False),
        ("fikk 750 000 kr", 750_000, False),
        ("et tilskudd på kr 250 000,-", 250_000, False),
        ("en ramme på 12 MNOK", 12_000_000, False),
        ("TNOK 1 200 i driftsresultat", 1_200_000, False),
        ("NOK 12 millioner", 12_000_000, False),
        ("4,5 mrd. kroner", 4_500_000_000, False),
        ("1.5 mill. kr", 1_500_000, False),
        ("1,5 – 2,5 millioner kroner i årlig støtte", (1_500_000, 2_500_000), True),
        ("mellom 2 og 3 millioner kroner", (2_000_000, 3_000_000), False),
        ("mellom 500 000 og 1 million kroner", (500_000, 1_000_000), False),
        ("mellom 250 000 kroner og 1 million kroner", (250_000, 1_000_000), False),
        ("fra 1 til 2 MNOK", (1_000_000, 2_000_000), False),
        ("inntil 500 000 kroner", (0, 500_000), False),
        ("up to NOK 2.5 million a year", (0, 2_500_000), True),
        ("opptil 2 mill. kr", (0, 2_000_000), False),
        ("fem millioner kroner", 5_000_000, False),
        ("en halv million", 500_000, False),
        ("halvannen milliard kroner", 1_500_000_000, False),
        ("to og en halv million kroner", 2_500_000, False),
        ("tjuefem millioner kroner", 25_000_000, False),
        ("tre milliarder", 3_000_000_000, False),
        ("2 millionar kronar", 2_000_000, False),
        ("4 milliardar", 4_000_000_000, False),
        ("35 norske kroner", 35, False),
        ("2 millioner kroner årlig i tre år", 2_000_000, True),
        ("300 000 kroner per år", 300_000, True),
        ("3 millioner i året", 3_000_000, True),
        ("ei årleg løyving på 400 000 kronar", 400_000, True),
        ("NOK 2 million a year", 2_000_000, True),
        ("NOK 1.5 million per year from Innovation Norway", 1_500_000, True),
        ("NOK 2 million annually", 2_000_000, True),
        ("an annual grant of NOK 800 000", 800_000, True),
        ("NOK 2 million a year ago", 2_000_000, False),
        ("NOK 2 million last year", 2_000_000, False),
        ("NOK 450,000 from the county", 450_000, False),
        ("a grant of NOK 1,250,000", 1_250_000, False),
        ("NOK 11.2m over three years", 11_200_000, False),
        ("NOK 2bn in orders", 2_000_000_000, False),
        ("2.3 billion kroner", 2_300_000_000, False),
        ("1,500 millioner kroner", 1_500_000, False),
        ("fylket bidro med 400k.", 400_000, False),
        ("kr 250k til klyngen", 250_000, False),
    ],
)
def test_written_forms(text, value, per_year):
    (found,) = find_money(text)
    assert found.value == (tuple(map(float, value)) if isinstance(value, tuple) else value)
    assert found.per_year is per_year
    assert_exact(text, [found])


@pytest.mark.parametrize(
    "text",
    [
        "24 medlemsbedrifter",
        "i 2017",
        "MoFI (2017-2020)",
        "telefon 907 47 565",
        "fire ganger i året",
        "Det er nok til alle",
        "5 millioner innbyggere",
        "2 millioner euro",
        "en million ganger bedre",
        "100 millioner-merket",
        "fem kroner",
        "kr 0,-",
        "400m hekk",
        "400k følgere",
        "et 10k-løp",
        "5k i premie",
        "en 1,250 km lang kyst",
        "",
    ],
)
def test_numbers_that_are_not_money(text):
    assert find_money(text) == []


def test_a_range_word_only_when_it_makes_a_range():
    (found,) = find_money("Bilen koster fra 347.500 kroner.")
    assert found.text == "347.500 kroner" and found.value == 347_500


def test_canonical_form():
    (found,) = find_money("Hver klynge kan motta 1,5 – 2,5 millioner kroner.")
    assert found.canonical == "1 500 000–2 500 000 NOK"
    assert canonical((0.0, 500_000.0)) == "0–500 000 NOK"
    assert canonical(12.5) == "12,50 NOK"


@pytest.mark.parametrize(
    ("query", "value"),
    [
        ("1,5 mill.", 1_500_000),
        ("1000000", 1_000_000),
        ("1 000 000", 1_000_000),
        ("2 MNOK", 2_000_000),
        (" kr 750.000 ", 750_000),
        ("fem millioner", 5_000_000),
        ("1,5-2,5 mill.", (1_500_000, 2_500_000)),
        ("inntil 2 mill.", (0, 2_000_000)),
        ("ingenting", None),
        ("fem", None),
        ("", None),
        ("2 millioner euro", None),
    ],
)
def test_parse_amount_for_query_filters(query, value):
    expected = tuple(map(float, value)) if isinstance(value, tuple) else value
    assert parse_amount(query) == expected


# Sentences an amount is embedded in: nothing around it may change its value or offsets.
BEFORE = ["Klyngen fikk ", "Innovasjon Norge går inn med ", "Tildelt: ", "", "I 2017 ble "]
AFTER = [" fra Innovasjon Norge i 2017.", " neste år.", ".", "", " til 24 bedrifter", ", sier hun."]
SEPARATORS = [" ", ".", "\u00a0", "\u202f", ""]
SCALES = {
    "mill.": 10**6, "millioner": 10**6, "millionar": 10**6, "MNOK": 10**6, "mill. kr": 10**6,
    "millioner kroner": 10**6, "millionar kronar": 10**6, "mrd.": 10**9, "mrd. kroner": 10**9,
    "milliarder": 10**9, "milliardar kronar": 10**9,
}  # fmt: skip


def grouped(n: int, separator: str) -> str:
    return f"{n:,}".replace(",", separator)


def comma(d: Decimal) -> str:
    return str(d).replace(".", ",")


decimals = st.builds(
    lambda whole, hundredths, places: Decimal(whole) + Decimal(hundredths // 10**(2 - places))
    / 10**places,
    st.integers(1, 999), st.integers(0, 99), st.sampled_from([0, 1, 2]),
)  # fmt: skip


def embedded(amount: str, before: str, after: str) -> tuple[str, list]:
    text = before + amount + after
    found = find_money(text)
    assert_exact(text, found)
    assert [e.text for e in found] == [amount]
    return text, found


@given(
    n=st.integers(min_value=1, max_value=999_999_999),
    separator=st.sampled_from(SEPARATORS),
    form=st.sampled_from(
        ["{n} kroner", "kr {n}", "{n} kr", "kr {n},-", "NOK {n}", "{n} NOK", "{n} kronar", "{n},-"]
    ),
    before=st.sampled_from(BEFORE),
    after=st.sampled_from(AFTER),
)
def test_round_trip_digits(n, separator, form, before, after):
    amount = form.format(n=grouped(n, separator))
    _, (found,) = embedded(amount, before, after)
    assert found.value == n
    assert found.canonical == f"{n:,} NOK".replace(",", " ")
    assert parse_amount(amount) == n


@given(number=decimals, scale=st.sampled_from(sorted(SCALES)),
       before=st.sampled_from(BEFORE), after=st.sampled_from(AFTER))  # fmt: skip
def test_round_trip_scaled(number, scale, before, after):
    amount = f"{comma(number)} {scale}"
    _, (found,) = embedded(amount, before, after)
    assert found.value == float(number * SCALES[scale])
    assert not found.per_year
    assert parse_amount(amount) == found.value


@given(
    low=decimals,
    extra=decimals,
    form=st.sampled_from(
        ["{a} – {b} millioner kroner", "{a}–{b} mill. kr", "mellom {a} og {b} millioner kroner",
         "fra {a} til {b} MNOK", "kr {a}-{b} mill."]
    ),
    before=st.sampled_from(BEFORE),
    after=st.sampled_from(AFTER),
)  # fmt: skip
def test_round_trip_ranges(low, extra, form, before, after):
    amount = form.format(a=comma(low), b=comma(low + extra))
    _, (found,) = embedded(amount, before, after)
    assert found.value == (float(low * 10**6), float((low + extra) * 10**6))


@given(
    n=st.integers(min_value=1_000, max_value=99_999_999),
    separator=st.sampled_from(SEPARATORS),
    bound=st.sampled_from(["inntil", "opptil", "opp til", "maksimalt", "høyst"]),
    after=st.sampled_from(AFTER),
)
def test_round_trip_upper_bounds(n, separator, bound, after):
    amount = f"{bound} {grouped(n, separator)} kroner"
    _, (found,) = embedded(amount, "Hver klynge kan få ", after)
    assert found.value == (0.0, float(n))


@given(
    words=st.sampled_from(
        [("fem", 5), ("tjuefem", 25), ("en halv", 0.5), ("ein halv", 0.5), ("halvannen", 1.5),
         ("to og en halv", 2.5), ("tre", 3), ("ti", 10), ("hundre", 100)]
    ),
    scale=st.sampled_from(sorted(SCALES)),
    per_year=st.sampled_from([" årlig", " per år", " pr. år", " i året", " i årlig støtte"]),
)  # fmt: skip
def test_round_trip_number_words_per_year(words, scale, per_year):
    word, number = words
    amount = f"{word} {scale}"
    _, (found,) = embedded(amount, "Klyngen får ", per_year + " i tre år.")
    assert found.value == number * SCALES[scale]
    assert found.per_year


@given(
    number=decimals,
    per_year=st.sampled_from(
        [" a year", " per year", " annually", " each year", " every year", " per annum"]
    ),
)
def test_round_trip_english_per_year(number, per_year):
    amount = f"NOK {number} million"
    _, (found,) = embedded(amount, "The cluster receives ", per_year + " for three years.")
    assert found.value == float(number * 10**6)
    assert found.per_year


@given(st.lists(st.sampled_from(
    ["kr", "NOK", "mill.", "millioner", "kroner", "mellom", "og", "til", "inntil", "–", "-", ",-",
     "1", "2,5", "750", "000", "750.000", "2017", "fem", "en", "halv", "årlig", "klyngen", "."]
), max_size=14).map(" ".join) | st.text(max_size=40))  # fmt: skip
def test_any_text_gives_sorted_exact_spans(text):
    assert_exact(text, find_money(text))


def test_a_bare_number_takes_the_scale_and_currency_of_the_amount_after_og():
    found = find_money("løyvd høvesvis 150 000 og 300 000 kroner, og 1,5 og 2 millioner kroner")
    assert [(e.text, e.value) for e in found] == [
        ("150 000", 150_000.0),
        ("300 000 kroner", 300_000.0),
        ("1,5", 1_500_000.0),
        ("2 millioner kroner", 2_000_000.0),
    ]


def test_a_year_before_og_stays_a_year():
    found = find_money("fikk 300 000 kroner i 2023 og 500 000 kroner i 2024")
    assert [e.value for e in found] == [300_000.0, 500_000.0]


def test_half_a_million_before_a_verb_is_money():
    assert [e.value for e in find_money("En halv million går til UiA.")] == [500_000.0]


def test_a_currency_after_a_tab_belongs_to_the_next_cell():
    found = find_money("Laksevåg Verft AS\tkr 300 000\tkr 200 000")
    assert [(e.text, e.value) for e in found] == [
        ("kr 300 000", 300_000.0),
        ("kr 200 000", 200_000.0),
    ]


def test_bare_numbers_in_a_column_the_header_gives_in_kroner():
    text = (
        "Kilde                          Beløp (kr)\n"
        "Innovasjon Norge                1 800 000\n"
        "Medlemskontingent                 612 500\n\n"
        "I 2023 hadde vi 1250 besøkende."
    )
    assert [(e.text, e.value) for e in find_money(text)] == [
        ("1 800 000", 1_800_000.0),
        ("612 500", 612_500.0),
    ]
    table = (
        "Mottaker              Tilsagn (kr)   Totalbudsjett (kr)\n"
        "Lofoten Sjømatklynge     1 100 000            2 750 000\n"
        "Bodø Kystmat AS            225 000              450 000\n"
    )
    assert [e.value for e in find_money(table)] == [1_100_000, 2_750_000, 225_000, 450_000]


def test_a_currency_beyond_a_column_gap_belongs_to_the_next_cell():
    found = find_money("Klyngeleiing 2026–2027       kr 400 000    kr 200 000 per år")
    assert [(e.text, e.value, e.per_year) for e in found] == [
        ("kr 400 000", 400_000.0, False),
        ("kr 200 000", 200_000.0, True),
    ]
