"""Keyword analysis: compound splitting, nynorsk/bokmål forms, index and query terms."""

from __future__ import annotations

import pytest

from nlp.analysis import WORD, forms, term, terms, word_terms
from nlp.compounds import LEXICON, frequency, split


def matches(query: str, text: str) -> bool:
    """What the keyword index does: every query word matches one of the text's terms."""
    index = set(terms(text))
    return all(index & set(forms(word)) for word in WORD.findall(query))


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("næringsklyngene", ("næring", "klyngene")),
        ("innovasjonsprosjekter", ("innovasjon", "prosjekter")),
        ("Betongklyngen", ("betong", "klyngen")),
        ("klyngesamarbeid", ("klynge", "samarbeid")),
        ("verkstedindustri", ("verksted", "industri")),
        ("støtteordninger", ("støtte", "ordninger")),
        ("næringsklyngeprosjektene", ("næring", "klynge", "prosjektene")),
    ],
)
def test_split_finds_the_parts(word: str, parts: tuple[str, ...]) -> None:
    assert split(word) == parts


@pytest.mark.parametrize(
    "word",
    [
        "prosjekt",
        "Norge",
        "innovasjon",
        "bedrift",
        "bedriftene",
        "samarbeid",
        "kompetanse",
        "muligheter",
        "tilskudd",
        "leverandører",
        "digitalisering",
        "2017",
    ],
)
def test_common_words_are_not_split(word: str) -> None:
    assert split(word) == ()
    assert word_terms(word) == (term(word),)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("klynge", "Næringsklyngene får støtte"),
        ("innovasjon", "nye innovasjonsprosjekter"),
        ("betong", "Betongklyngen ble startet"),
        ("prosjekt", "to forskningsprosjekter"),
    ],
)
def test_a_word_finds_compounds_containing_it(query: str, text: str) -> None:
    assert matches(query, text)


def test_word_terms_are_own_stem_then_parts() -> None:
    assert word_terms("næringsklyngene") == ("næringsklyng", "næring", "klyng")
    assert terms("Næringsklyngene vokser") == ["næringsklyng", "næring", "klyng", "voks"]


def test_a_compound_query_wants_the_compound() -> None:
    assert matches("næringsklynge", "alle næringsklyngene")
    assert not matches("næringsklynge", "klynger i næringen")


@pytest.mark.parametrize(
    ("nynorsk", "bokmal"),
    [
        ("millionar", "millioner"),
        ("verksemder", "virksomheter"),
        ("klynga", "klyngen"),
        ("forskinga", "forskningen"),
        ("tilskot", "tilskudd"),
        ("tenestene", "tjenestene"),
        ("marknaden", "markedet"),
    ],
)
def test_nynorsk_and_bokmal_forms_meet(nynorsk: str, bokmal: str) -> None:
    assert matches(nynorsk, bokmal)
    assert matches(bokmal, nynorsk)


def test_nynorsk_compound_parts_meet_bokmal() -> None:
    assert matches("virksomhet", "fleire klyngeverksemder")
    assert matches("forskning", "nye forskingsprosjekt")


def test_forms_of_a_query_word() -> None:
    assert forms("Betongklyngen") == ("betongklyng",)
    assert forms("verksemder") == ("verksemd", "virksom")


def test_split_is_cached() -> None:
    split("innovasjonsprosjekter")
    hits = split.cache_info().hits
    split("innovasjonsprosjekter")
    assert split.cache_info().hits == hits + 1


def test_lexicon_ships_small() -> None:
    assert LEXICON.stat().st_size < 2_000_000
    assert frequency("klynge") > 0
    assert frequency("Klynge") == frequency("klynge")


def test_three_part_compounds_are_found_by_their_first_two_parts():
    assert "havbruk" in word_terms("havbruksklyngen")
    assert "havbruk" in terms("Havbruksnæringen i nord")
