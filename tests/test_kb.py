import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.kb import KnowledgeBase

from .conftest import SEEDS


@pytest.fixture(scope="module")
def kb():
    return KnowledgeBase.load()


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def found(kb, text):
    return {(e.type, e.canonical) for e in kb.find(text)}


def of_type(kb, text, type):
    return {name for t, name in found(kb, text) if t == type}


def assert_exact(text, entities):
    assert [e.start for e in entities] == sorted(e.start for e in entities)
    assert all(a.end <= b.start for a, b in zip(entities, entities[1:], strict=False))
    assert all(text[e.start : e.end] == e.text for e in entities)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_spans_are_exact(kb, prefix):
    text = seed(prefix)
    assert_exact(text, kb.find(text))


def test_seed_004_has_the_seven_arena_clusters(kb):
    text = seed("004")
    assert of_type(kb, text, "CLUSTER") == {
        "BioTech North",
        "Mineralklynge Nord",
        "Next Media",
        "iKuben",
        "Arena Digin",
        "Electric Mobility Norway",
        "Arena Heidner",
    }
    assert of_type(kb, text, "PROGRAMME") == {"Arena"}
    assert of_type(kb, text, "ORG") == {
        "Nærings- og handelsdepartementet",
        "Kommunal- og regionaldepartementet",
        "Innovasjon Norge",
        "Forskningsrådet",
        "Siva",
        "SINTEF",
        "NTNU",
    }
    # "Arenaprosjekt", "Arena prosjektene" and "Arena-programmet" all name the programme.
    programme = {e.text for e in kb.find(text) if e.type == "PROGRAMME"}
    assert {
        "Arenaprosjekt",
        "Arena prosjektene",
        "Arena-programmet",
        "Arenaprogrammet",
    } <= programme
    assert kb.record("Arena Heidner").region == "Hedmark"


def test_seed_002_clusters_and_programmes(kb):
    text = seed("002")
    assert of_type(kb, text, "CLUSTER") == {
        "ACT Cluster",
        "Betongklyngen",
        "Blågrønt Innovasjonssenter Nord",
        "Algenettverk Nord",
    }
    assert of_type(kb, text, "PROGRAMME") == {
        "FORREGION", "SkatteFUNN", "Regionale forskningsfond", "Arena Pro",
    }  # fmt: skip
    assert kb.canonical("Concrete Innovation Cluster", "CLUSTER") == "Betongklyngen"
    assert kb.canonical("BGINN") == "Blågrønt Innovasjonssenter Nord"
    assert kb.canonical("Norwegian Seaweed Association") == "Algenettverk Nord"


def test_seed_001_clusters_programmes_and_funder(kb):
    text = seed("001")
    assert of_type(kb, text, "CLUSTER") == {
        "NCE Systems Engineering", "NCE Raufoss", "Smart Energy Halden",
    }  # fmt: skip
    assert of_type(kb, text, "PROGRAMME") == {
        "Klynger som omstillingsmotor", "Norwegian Innovation Clusters", "Arena", "NCE", "GCE",
    }  # fmt: skip
    # "et nytt Innovasjon Norge-program": the organisation, without the compound tail.
    orgs = [e.text for e in kb.find(text) if e.canonical == "Innovasjon Norge"]
    assert "Innovasjon Norges" in orgs and set(orgs) == {"Innovasjon Norge", "Innovasjon Norges"}


def test_seed_003_cluster_and_common_noun_arena(kb):
    text = seed("003")
    assert found(kb, text) == {("CLUSTER", "MIP Cluster"), ("ORG", "Innovasjon Norge")}
    assert "arena for samarbeid" in text


def test_seed_000_bia_in_all_its_compounds(kb):
    texts = {e.text for e in kb.find(seed("000")) if e.canonical == "BIA"}
    assert {"BIA-nettverk", "BIA-programmet", "BIA-nettverksorganisasjon", "BIA-program",
            "Brukerstyrt Innovasjonsarena", "BIA"} <= texts  # fmt: skip
    assert ("ORG", "Forskningsrådet") in found(kb, "Forskningsrådets BIA-program")


def test_programme_in_compounds_but_not_common_noun(kb):
    assert found(kb, "Arena-programmet og BIA-nettverket") == {
        ("PROGRAMME", "Arena"),
        ("PROGRAMME", "BIA"),
    }
    assert found(kb, "Vi skaper rett og slett en arena for samarbeid.") == set()
    assert found(kb, "De nye arenaene og Arenaer") == set()


def test_aliases_across_written_forms(kb):
    assert found(kb, "Innovasjon Noreg og Noregs forskingsråd") == {
        ("ORG", "Innovasjon Norge"),
        ("ORG", "Forskningsrådet"),
    }
    assert found(kb, "Innovation Norway and the Research Council of Norway") == {
        ("ORG", "Innovasjon Norge"),
        ("ORG", "Forskningsrådet"),
    }
    assert kb.canonical("Innovation Norway", "ORG") == "Innovasjon Norge"
    assert kb.canonical("Innovasjon Norges") == "Innovasjon Norge"
    assert kb.canonical("Arena-programmet", "PROGRAMME") == "Arena"
    assert kb.canonical("ARENA PRO") == "Arena Pro"
    assert kb.canonical("Innovasjon Norge", "CLUSTER") is None
    assert kb.canonical("Ukjent Klynge") is None


def test_every_alias_is_found_as_its_record(kb):
    for record in kb.records:
        for alias in {record.name, *record.aliases}:
            text = f"Vi viser til {alias} i dag."
            (e,) = kb.find(text)
            assert (e.type, e.canonical, e.text) == (record.type, record.name, alias)


def test_unknown_clusters_get_their_longest_form(kb):
    text = "Klyngen Fjordkraft Cluster vokser. Fjordkraft Cluster fikk støtte, sa NCE Havbruk."
    assert of_type(kb, text, "CLUSTER") == {"Fjordkraft Cluster", "NCE Havbruk"}
    assert ("PROGRAMME", "NCE") not in found(kb, text)
    assert of_type(kb, "Treklyngen har 40 medlemmer.", "CLUSTER") == {"Treklyngen"}
    text = "I klyngen Havbruk Nord er 30 bedrifter. Havbruk Nord Cluster søker Arena-status."
    entities = [e for e in kb.find(text) if e.type == "CLUSTER"]
    assert [e.text for e in entities] == ["Havbruk Nord", "Havbruk Nord Cluster"]
    assert {e.canonical for e in entities} == {"Havbruk Nord Cluster"}
    assert ("PROGRAMME", "Arena") in found(kb, text)


def test_unknown_forms_of_known_clusters_take_the_known_name(kb):
    assert found(kb, "Heidner-klyngen er en del av Arena Heidner.") == {
        ("CLUSTER", "Arena Heidner")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Næringsklyngen vokser.",
        "Klyngen fikk støtte.",
        "Arena Pro er et nivå.",
        "Arena, NCE og GCE.",
        "klyngen i Mo Industripark",
    ],
)
def test_not_unknown_clusters(kb, text):
    assert of_type(kb, text, "CLUSTER") == set()


def test_sentence_opening_words_are_not_part_of_names(kb):
    for text in ("Gjennom Fjord Cluster er det", "Bedriftsnettverket Fjord Cluster har"):
        (e,) = kb.find(text)
        assert e.text == "Fjord Cluster"


def test_funders(kb):
    assert {"Innovasjon Norge", "Forskningsrådet", "Siva", "Enova"} <= kb.funders()
    assert "Nærings- og fiskeridepartementet" not in kb.funders()
    assert kb.programme_funders()["FORREGION"] == "Forskningsrådet"
    assert kb.programme_funders()["Arena"] == "Innovasjon Norge"
    assert set(kb.programme_funders().values()) <= kb.funders()


WORDS = ["Arena", "arena", "NCE", "GCE", "Heidner", "Pro", "Cluster", "klyngen", "BIA",
         "-nettverket", "programmet", "Innovasjon", "Norge", "s", "Fjord", "og", "Klyngen",
         "."]  # fmt: skip


@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join) | st.text(max_size=30))
def test_any_text_gives_sorted_exact_spans(kb, text):
    assert_exact(text, kb.find(text))


def test_compound_cluster_with_a_qualifier_and_its_short_form(kb):
    text = (
        "Over 40 bedrifter har gått sammen i Havvindklyngen Nord. Havvindklyngen har tre "
        "oppgåver, seier dagleg leiar i Eyde-klyngen Hilde Tveit Omdal."
    )
    clusters = [e for e in kb.find(text) if e.type == "CLUSTER"]
    assert [(e.text, e.canonical) for e in clusters] == [
        ("Havvindklyngen Nord", "Havvindklyngen Nord"),
        ("Havvindklyngen", "Havvindklyngen Nord"),
        ("Eyde-klyngen", "Eyde-klyngen"),
    ]


def test_place_before_cluster_is_part_of_its_name(kb):
    text = "Salten Aquaculture Cluster er stor. Klyngen Aquaculture Cluster har 46 bedrifter."
    assert of_type(kb, text, "CLUSTER") == {"Salten Aquaculture Cluster"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ocean Tech Cluster Nord fikk støtte.", "Ocean Tech Cluster Nord"),
        ("medlemmer av Offshore Wind Cluster Midt. Bedriftene", "Offshore Wind Cluster Midt"),
        ("Hydrogen Cluster Midt-Norge har 30 medlemmer.", "Hydrogen Cluster Midt-Norge"),
        ("sier leder i Electro Cluster Vestfold.", "Electro Cluster Vestfold"),
        ("Ocean Robotics Cluster i Bergen har", "Ocean Robotics Cluster"),
        ("Fjord Cluster Nordisk", "Fjord Cluster"),
        ("Fjord Cluster Vestland fylkeskommune", "Fjord Cluster"),
        ("Fjord Cluster Vestfold og Telemark fylkeskommune", "Fjord Cluster"),
    ],
)
def test_region_after_cluster_is_part_of_its_name(kb, text, name):
    (e,) = [e for e in kb.find(text) if e.type == "CLUSTER"]
    assert (e.text, e.canonical) == (name, name)


def test_short_form_of_a_regional_cluster_name_takes_the_full_name(kb):
    text = "Ocean Tech Cluster Nord har 40 medlemmer. Ocean Tech Cluster søker Arena-status."
    assert of_type(kb, text, "CLUSTER") == {"Ocean Tech Cluster Nord"}


def test_descriptive_compound_opening_a_sentence_is_no_name(kb):
    assert not of_type(kb, "Havbruksklyngen i Salten har fått status.", "CLUSTER")
    assert of_type(kb, "Havbruksklyngen har fått status.", "CLUSTER") == {"Havbruksklyngen"}
    assert of_type(kb, "Bedriftene i Havbruksklyngen har fått status.", "CLUSTER") == {
        "Havbruksklyngen"
    }


def test_research_institutions_and_agencies(kb):
    text = "Professor ved UiT og forskarar frå NGU, NVE og Noregs geologiske undersøking."
    assert of_type(kb, text, "ORG") == {
        "UiT Norges arktiske universitet",
        "Norges geologiske undersøkelse",
        "Norges vassdrags- og energidirektorat",
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fiskeklynga Sunnmøre og Romsdal har 30 medlemmer.", "Fiskeklynga Sunnmøre og Romsdal"),
        ("Matklyngen Hardanger og Voss har 30 medlemmer.", "Matklyngen Hardanger og Voss"),
        ("Matklyngen Hardanger og Voss kommune har avtale.", "Matklyngen Hardanger"),
        ("Matklyngen Hardanger og Innovasjon Norge har avtale.", "Matklyngen Hardanger"),
    ],
)
def test_a_place_joined_by_og_is_part_of_a_compound_name(kb, text, name):
    (e,) = [e for e in kb.find(text) if e.type == "CLUSTER"]
    assert e.text == name


def test_indefinite_compound_after_a_name_and_its_short_form(kb):
    text = (
        "Medlemmene i Nordfjord Sjømatklynge er nøgde. Sjømatklynga har 20 medlemmer. "
        "Den Grønne Industriklynge er ingen."
    )
    clusters = [e for e in kb.find(text) if e.type == "CLUSTER"]
    assert [(e.text, e.canonical) for e in clusters] == [
        ("Nordfjord Sjømatklynge", "Nordfjord Sjømatklynge"),
        ("Sjømatklynga", "Nordfjord Sjømatklynge"),
    ]


def test_a_compound_of_a_word_of_a_cluster_name_is_its_short_form(kb):
    text = "Fjellturismeklynga veks. Arena Fjellturisme Valdres har 40 medlemer."
    assert of_type(kb, text, "CLUSTER") == {"Arena Fjellturisme Valdres"}


def test_a_two_word_place_qualifies_a_compound_name(kb):
    text = "Skogindustriklyngen Indre Østfold samler 22 sagbruk."
    assert of_type(kb, text, "CLUSTER") == {"Skogindustriklyngen Indre Østfold"}


def test_a_programme_phrase_of_three_words_is_found_in_lower_case(kb):
    text = "Begge er innovasjonsprosjekter i næringslivet."
    assert of_type(kb, text, "PROGRAMME") == {"Innovasjonsprosjekt i næringslivet"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Treforum Gudbrandsdalen er en klynge for 23 sagbruk.", "Treforum Gudbrandsdalen"),
        ("Medlem i Kystkraft, ei klynge av 30 verft.", "Kystkraft"),
        ("Polar Bioeconomy Alliance is a cluster of 20 firms.", "Polar Bioeconomy Alliance"),
        ("Det er travelt i leverandørnettverket Merdkanten.", "Merdkanten"),
    ],
)
def test_what_the_text_calls_a_cluster_is_one(kb, text, name):
    assert of_type(kb, text, "CLUSTER") == {name}


def test_a_place_or_a_pronoun_called_a_cluster_is_none(kb):
    assert not of_type(kb, "Dette er ei klynge. Sunnmøre er ei klynge av verft.", "CLUSTER")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kragerø Maritime Klynge søkte kommunen om penger.", "Kragerø Maritime Klynge"),
        ("Fylket støtter Grenland Prosessnettverk med kr 600 000.", "Grenland Prosessnettverk"),
        ("Robotikkforum Rogaland har 40 medlemmer.", "Robotikkforum Rogaland"),
        ("Batteriforum Hardanger får 1,5 millionar kroner.", "Batteriforum Hardanger"),
    ],
)
def test_a_network_forum_or_klynge_named_by_its_place_is_a_cluster(kb, text, name):
    assert of_type(kb, text, "CLUSTER") == {name}


def test_a_business_forum_is_no_cluster(kb):
    assert of_type(kb, "Stryn Næringsforum har 90 medlemmer.", "CLUSTER") == set()


def test_the_inner_part_of_a_place_qualifies_a_cluster(kb):
    text = "Energiklynga Indre Hardanger har 30 medlemer."
    assert of_type(kb, text, "CLUSTER") == {"Energiklynga Indre Hardanger"}


def test_what_gathers_a_few_companies_is_a_cluster(kb):
    text = "Kaldstrøm Allianse samler 22 datasenteraktører og kraftselskaper i Finnmark."
    assert of_type(kb, text, "CLUSTER") == {"Kaldstrøm Allianse"}
    for text in ("NHO samler 30 000 bedrifter.", "Nordlaks AS samler 30 bedrifter."):
        assert of_type(kb, text, "CLUSTER") == set()


def test_a_cluster_named_in_a_header_in_capitals_takes_its_usual_case(kb):
    text = "NYHENDEBREV FRÅ KRAFTKLYNGA NUMEDAL\n\nKjære medlemer!"
    (e,) = [e for e in kb.find(text) if e.type == "CLUSTER"]
    assert (e.text, e.canonical) == ("KRAFTKLYNGA NUMEDAL", "Kraftklynga Numedal")


def test_a_header_whose_title_case_changes_length_keeps_exact_spans(kb):
    text = "NYHENDEBREV ﬁ KRAFTKLYNGA NUMEDAL\n\nKraftklynga Numedal har 20 medlemer."
    found = kb.find(text)
    assert_exact(text, found)
    assert {e.text for e in found if e.type == "CLUSTER"} <= {
        "KRAFTKLYNGA NUMEDAL",
        "Kraftklynga Numedal",
    }


def test_a_clusters_own_report_titled_with_its_name(kb):
    report = "SIRKULÆR HELGELAND\nÅrsrapport 2024\n\nKlyngens inntekter økte i fjor."
    assert of_type(kb, report, "CLUSTER") == {"Sirkulær Helgeland"}
    # A council's report, or one that never speaks of a cluster, names none.
    council = "Vestland fylkeskommune\nÅrsrapport 2024\n\nKlyngen fekk midlar."
    assert of_type(kb, council, "CLUSTER") == set()
    plain = "Hamar Trykk AS\nÅrsrapport 2024\n\nInntektene økte i fjor."
    assert of_type(kb, plain, "CLUSTER") == set()
    letter = "MARINTEKNIKK SØR – MEDLEMSBREV\nSeptember 2024\n\nDet skjer mye i klyngen."
    assert of_type(kb, letter, "CLUSTER") == {"Marinteknikk Sør"}


def test_a_header_in_capitals_keeps_its_function_words_out_of_names(kb):
    text = "OVERSIKT: FINANSIERING TIL KLYNGEN OG MEDLEMMENE I 2024\n\nKlyngen har 30 medlemmer."
    assert of_type(kb, text, "CLUSTER") == set()


def test_a_header_field_names_the_cluster(kb):
    page = "Prosjektansvarlig: Jæren Grønt AS\nKlynge: Agritech Jæren\nPeriode: 2024–2027"
    assert of_type(kb, page, "CLUSTER") == {"Agritech Jæren"}


def test_a_place_after_an_indefinite_cluster_compound_is_part_of_its_name(kb):
    text = "Firmaet er med i Arktisk Energiklynge Svalbard, som har 14 medlemmer."
    assert of_type(kb, text, "CLUSTER") == {"Arktisk Energiklynge Svalbard"}


def test_a_cluster_name_ends_at_a_table_column_gap(kb):
    row = "Arena Skog og Tre Østerdalen    Kompetanseprogram for førere    kr 600 000,-"
    assert of_type(kb, row, "CLUSTER") == {"Arena Skog og Tre Østerdalen"}
    assert of_type(kb, "Arena Skog\tKurs for førere", "CLUSTER") == {"Arena Skog"}


def test_og_inside_a_prefixed_cluster_name_but_not_between_two_clusters(kb):
    assert of_type(kb, "Klynge: Arena Skog og Tre Telemark", "CLUSTER") == {
        "Arena Skog og Tre Telemark"
    }
    text = "Arena Grønn Mobilitet Innlandet og Bioplastklyngen samarbeider."
    assert of_type(kb, text, "CLUSTER") == {"Arena Grønn Mobilitet Innlandet", "Bioplastklyngen"}


def test_an_ampersand_joins_the_words_of_a_cluster_s_name(kb):
    text = "Dalane Mineral & Metals Cluster (DMMC) brings together 34 companies."
    assert of_type(kb, text, "CLUSTER") == {"Dalane Mineral & Metals Cluster"}


def test_regional_and_eu_programmes_and_their_funders(kb):
    text = "Klimasats, Samfunnsløftet og Interreg Aurora. The Norwegian Coastal Administration."
    assert of_type(kb, text, "PROGRAMME") == {"Klimasats", "Samfunnsløftet", "Interreg"}
    assert of_type(kb, text, "ORG") == {"Kystverket"}
    assert of_type(kb, "Førsteamanuensis ved UNIS.", "ORG") == {"Universitetssenteret på Svalbard"}
    assert kb.programme_funders()["Samfunnsløftet"] == "SpareBank 1 Nord-Norge"


def test_what_a_cluster_level_takes_in_is_a_cluster(kb):
    assert of_type(kb, "BioRaff Midt fikk Arena-status i sommer.", "CLUSTER") == {"BioRaff Midt"}
    text = "Selskapet er med i Smart Havn. Smart Havn ble tatt opp i Arena-programmet i 2020."
    assert of_type(kb, text, "CLUSTER") == {"Smart Havn"}
    assert of_type(kb, "Vi fikk Arena-status.", "CLUSTER") == set()


def test_a_network_named_by_its_region_in_the_genitive(kb):
    text = "2,5 MNOK går til Sørlandets Havvindnettverk i Arendal."
    assert of_type(kb, text, "CLUSTER") == {"Sørlandets Havvindnettverk"}
