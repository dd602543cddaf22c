import datetime as dt

import pytest

from nlp.dates import find_dates, parse_date, publication_date
from nlp.kb import KnowledgeBase

from .conftest import SEEDS


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("22 mars, 2017 9:30 Del Del Del", dt.date(2017, 3, 22)),
        ("11 desember, 2017 10:14", dt.date(2017, 12, 11)),
        ("Publisert 3. mai 2019", dt.date(2019, 5, 3)),
        ("22.03.2017", dt.date(2017, 3, 22)),
        ("2017-03-22", dt.date(2017, 3, 22)),
        ("March 22, 2017", dt.date(2017, 3, 22)),
        ("i mars 2016", dt.date(2016, 3, 1)),
        ("31.02.2017", None),
        ("ingen dato her", None),
    ],
)
def test_parse_date(text, date):
    assert parse_date(text) == date


def test_find_dates_month_only_is_yyyy_mm():
    (found,) = find_dates("Vi startet i mars 2016 med en samling.")
    assert found.canonical == "2016-03" and found.text == "mars 2016"


def test_publication_date_needs_a_day_near_the_top():
    assert publication_date("Tittel\n\n22 mars, 2017 9:30\n\nTekst") == dt.date(2017, 3, 22)
    assert publication_date("Tittel\n\nVi startet i mars 2016.") is None


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase.load()


def found(kb, text):
    return {(e.type, e.canonical) for e in kb.find(text)}


def test_seed_004_has_the_seven_arena_clusters(kb):
    text = next(SEEDS.glob("004_*")).read_text()
    clusters = {name for type, name in found(kb, text) if type == "CLUSTER"}
    assert clusters >= {
        "BioTech North",
        "Mineralklynge Nord",
        "Next Media",
        "iKuben",
        "Arena Digin",
        "Electric Mobility Norway",
        "Arena Heidner",
    }
    assert ("PROGRAMME", "Arena") in found(kb, text)


def test_programme_in_compounds_but_not_common_noun(kb):
    assert found(kb, "Arena-programmet og BIA-nettverket") == {
        ("PROGRAMME", "Arena"),
        ("PROGRAMME", "BIA"),
    }
    assert found(kb, "Vi skaper rett og slett en arena for samarbeid.") == set()


def test_aliases_across_written_forms(kb):
    assert found(kb, "Innovasjon Noreg og Noregs forskingsråd") == {
        ("ORG", "Innovasjon Norge"),
        ("ORG", "Forskningsrådet"),
    }
    assert kb.canonical("Innovation Norway", "ORG") == "Innovasjon Norge"
    assert kb.canonical("Innovasjon Norges") == "Innovasjon Norge"
    assert kb.canonical("Innovasjon Norge", "CLUSTER") is None


def test_unknown_clusters_get_their_longest_form(kb):
    text = "Klyngen Fjordkraft Cluster vokser. Fjordkraft Cluster fikk støtte, sa NCE Havbruk."
    names = {name for type, name in found(kb, text) if type == "CLUSTER"}
    assert names == {"Fjordkraft Cluster", "NCE Havbruk"}
    assert ("CLUSTER", "Treklyngen") in found(kb, "Treklyngen har 40 medlemmer.")


def test_funders(kb):
    assert {"Innovasjon Norge", "Forskningsrådet", "Siva"} <= kb.funders()
    assert kb.programme_funders()["FORREGION"] == "Forskningsrådet"
