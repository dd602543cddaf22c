import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.dates import find_dates, parse_date, publication_date

from .conftest import SEEDS


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("22 mars, 2017 9:30 Del Del Del", dt.date(2017, 3, 22)),
        ("11 desember, 2017 10:14", dt.date(2017, 12, 11)),
        ("Publisert 3. mai 2019", dt.date(2019, 5, 3)),
        ("22. mars 2017", dt.date(2017, 3, 22)),
        ("22.mars 2017", dt.date(2017, 3, 22)),
        ("torsdag 22. mars 2017 kl. 09.30", dt.date(2017, 3, 22)),
        ("22.03.2017", dt.date(2017, 3, 22)),
        ("22/3/2017", dt.date(2017, 3, 22)),
        ("2017-03-22", dt.date(2017, 3, 22)),
        ("2017-03-22T09:30:00+01:00", dt.date(2017, 3, 22)),
        ("March 22, 2017", dt.date(2017, 3, 22)),
        ("22nd of March 2017", dt.date(2017, 3, 22)),
        ("1. okt. 2018", dt.date(2018, 10, 1)),
        ("mars 2017", dt.date(2017, 3, 1)),
        ("i mars 2016", dt.date(2016, 3, 1)),
        ("des. 2017", dt.date(2017, 12, 1)),
        ("31.02.2017", None),
        ("2017-2020", None),
        ("Jan 2017", None),  # more likely Jan the person than January
        ("ingen dato her", None),
        ("", None),
    ],
)
def test_parse_date(text, date):
    assert parse_date(text) == date


def test_find_dates_month_only_is_yyyy_mm():
    (found,) = find_dates("Vi startet i mars 2016 med en samling.")
    assert found.canonical == "2016-03" and found.text == "mars 2016"
    assert found.type == "DATE"


def test_seed_dates():
    text = seed("003")
    found = find_dates(text)
    assert [(e.text, e.canonical) for e in found] == [
        ("11 desember, 2017", "2017-12-11"),
        ("mars 2016", "2016-03"),
    ]
    assert all(text[e.start : e.end] == e.text for e in found)
    # Phone numbers and year spans are no dates.
    assert find_dates(seed("004")) == []
    assert find_dates(seed("002")) == []


@pytest.mark.parametrize(
    ("prefix", "date"),
    [
        ("000", dt.date(2017, 3, 22)),
        ("001", None),
        ("002", None),
        ("003", dt.date(2017, 12, 11)),
        ("004", None),
    ],
)
def test_seed_publication_dates(prefix, date):
    assert publication_date(seed(prefix)) == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Tittel\n\n22 mars, 2017 9:30\n\nTekst", dt.date(2017, 3, 22)),
        ("Tittel\n\nVi startet i mars 2016.", None),
        ("Tittel\nSøknadsfristen er 1. april 2017 for alle.", None),
        ("Bodø, 22. mars 2017: Klyngen fikk støtte.", dt.date(2017, 3, 22)),
        ("Sist oppdatert 5. mai 2019\nPublisert: 3. mai 2019", dt.date(2019, 5, 3)),
        ("Sist oppdatert: 5. mai 2019\nTekst", dt.date(2019, 5, 5)),
        ("Published: March 3, 2019", dt.date(2019, 3, 3)),
        ("Publisert: mars 2017", dt.date(2017, 3, 1)),
        ("Tittel\n" + "tekst " * 400 + "\n22. mars 2017", None),
    ],
)
def test_publication_date_prefers_the_page_own_date(text, date):
    assert publication_date(text) == date


NORWEGIAN = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
             "oktober", "november", "desember"]  # fmt: skip
ENGLISH = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]  # fmt: skip
FORMS = [
    lambda d: f"{d.day} {NORWEGIAN[d.month - 1]}, {d.year} 9:30",
    lambda d: f"{d.day}. {NORWEGIAN[d.month - 1]} {d.year}",
    lambda d: f"{d.day}. {NORWEGIAN[d.month - 1].capitalize()} {d.year}",
    lambda d: f"{d.day:02}.{d.month:02}.{d.year}",
    lambda d: f"{d.day}.{d.month}.{d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{ENGLISH[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day} {ENGLISH[d.month - 1]} {d.year}",
]


@given(
    date=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)),
    form=st.sampled_from(FORMS),
    before=st.sampled_from(["", "Klyngen ble etablert ", "Publisert ", "Fra 3 bedrifter den "]),
    after=st.sampled_from(["", " med 24 medlemmer.", ", 2 mill. kr.", " Del Del Del"]),
)
def test_round_trip_dates(date, form, before, after):
    written = form(date)
    text = before + written + after
    (found,) = find_dates(text)
    assert text[found.start : found.end] == found.text
    assert written.startswith(found.text)
    assert found.canonical == date.isoformat()
    assert parse_date(written) == date


@given(st.text(alphabet="0123456789 .,-/:marsjnuibdeøkt", max_size=40))
def test_any_text_gives_sorted_exact_spans(text):
    found = find_dates(text)
    assert [e.start for e in found] == sorted(e.start for e in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
    assert all(text[e.start : e.end] == e.text for e in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tittel\n\nKristiansand, 29.06.2017\n\nTekst.", dt.date(2017, 6, 29)),
        ("Tittel\nFørde, 14. januar 2022\nTekst", dt.date(2022, 1, 14)),
        ("Title\nStord, 9 May 2019\nText", dt.date(2019, 5, 9)),
        ("Møtet i Bodø, 22. mars 2017 var fint.", None),
    ],
)
def test_place_and_date_on_their_own_line_is_a_dateline(text, expected):
    assert publication_date(text) == expected
