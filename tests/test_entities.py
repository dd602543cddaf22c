"""Entity and funding extraction over the seed documents, with the real NER model."""

import pytest

from indexer.parse import parse

from .conftest import SEEDS


def analyse(extractor, prefix):
    text = parse(next(SEEDS.glob(f"{prefix}_*.txt")).read_bytes(), ".txt").text
    return text, extractor.extract(text)


def test_offsets_are_exact_in_every_seed(extractor):
    for prefix in ("000", "001", "002", "003", "004"):
        text, found = analyse(extractor, prefix)
        assert found.entities
        assert all(text[e.start : e.end] == e.text for e in found.entities)


def test_people_roles_and_short_mentions(extractor):
    _, found = analyse(extractor, "003")
    people = [e for e in found.entities if e.type == "PERSON"]
    assert {e.canonical for e in people} == {"Lars Bruland Høyen"}
    assert any(e.text == "Høyen" for e in people)
    assert any(
        e.role == "prosjektleder" and e.affiliation == "Kunnskapsparken Helgeland" for e in people
    )


def test_company_forms_share_one_name(extractor):
    _, found = analyse(extractor, "003")
    orgs = {e.canonical for e in found.entities if e.type == "ORG"}
    assert "Mo Industripark AS" in orgs
    assert "Mo Industripark as" not in orgs


@pytest.mark.parametrize(
    ("prefix", "event"),
    [
        ("003", ("Innovasjon Norge", "MIP Cluster", None, 750_000.0, False)),
        ("002", ("Forskningsrådet", None, "FORREGION", 3_000_000.0, False)),
        ("004", ("Innovasjon Norge", None, "Arena", (1_500_000.0, 2_500_000.0), True)),
    ],
)
def test_funding_events(extractor, prefix, event):
    _, found = analyse(extractor, prefix)
    events = {(f.funder, f.recipient, f.programme, f.amount, f.per_year) for f in found.funding}
    assert event in events


def test_budget_is_not_given_to_a_cluster(extractor):
    _, found = analyse(extractor, "004")
    assert all(f.recipient is None for f in found.funding)
