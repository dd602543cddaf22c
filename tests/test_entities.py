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
    ],
)
def test_funding_events(extractor, prefix, event):
    _, found = analyse(extractor, prefix)
    events = {(f.funder, f.recipient, f.programme, f.amount, f.per_year) for f in found.funding}
    assert event in events


def test_what_each_cluster_may_receive_is_no_grant(extractor):
    # "Hver klynge kan motta 1,5 – 2,5 millioner kroner i årlig støtte": a range is a rule.
    _, found = analyse(extractor, "004")
    assert not any(isinstance(f.amount, tuple) for f in found.funding)


def test_budget_is_not_given_to_a_cluster(extractor):
    _, found = analyse(extractor, "004")
    assert all(f.recipient is None for f in found.funding)


def names(found, type):
    return {e.canonical for e in found.entities if e.type == type}


def test_companies_councils_and_colleges_by_their_form(extractor):
    found = extractor.extract(
        "Blant medlemmene er Polarhavn Logistikk AS og Troms og Finnmark fylkeskommune. "
        "Forskningspartnere er Høgskulen på Vestlandet og Universitetet i Agder."
    )
    assert {
        "Polarhavn Logistikk AS",
        "Troms og Finnmark fylkeskommune",
        "Høgskulen på Vestlandet",
        "Universitetet i Agder",
    } <= names(found, "ORG")


def test_an_organisation_opening_a_sentence_keeps_its_place_and_loses_a_common_noun(extractor):
    found = extractor.extract(
        "Møbelbedriftene ligg i Sykkylven, Stranda og Ørsta. Stranda Treindustri AS fekk "
        "tilskot. Medlemsbedrifta Førde Straumnett AS fekk òg pengar. Universitetet i Agder og "
        "NORCE er partnarar, saman med Høgskulen i Sogn og Fjordane."
    )
    orgs = names(found, "ORG")
    assert {"Stranda Treindustri AS", "Førde Straumnett AS", "Universitetet i Agder"} <= orgs
    assert "Høgskulen i Sogn og Fjordane" in orgs
    assert not orgs & {"Treindustri AS", "Medlemsbedrifta Førde Straumnett AS"}
    assert not any(" og NORCE" in name for name in orgs)


@pytest.mark.parametrize(
    ("text", "short"),
    [
        (
            "Tre verksemder deltek: Lofoten Tare AS og Vestvågøy Sjøgrønt AS. "
            "Dagleg leiar Johan Kristiansen i Lofoten Tare seier at dei er nøgde.",
            "Lofoten Tare",
        ),
        # A park is an organisation by its name alone; its form, named once, is still its.
        ("Mo Industripark AS er stor. Mo Industripark ligger i Rana.", "Mo Industripark"),
    ],
)
def test_company_named_later_without_its_form(extractor, text, short):
    found = extractor.extract(text)
    mentions = [e for e in found.entities if e.text == short]
    assert mentions and all(e.canonical == f"{short} AS" for e in mentions)
    assert short not in names(found, "ORG")


def test_known_places_and_their_genitive(extractor):
    found = extractor.extract(
        "Bedriftene ligg i Sunnhordland, Gildeskål og Meløy. Norges største anlegg står i "
        "Bergensregionen, og Nord-Norge følgjer etter."
    )
    places = names(found, "LOCATION")
    assert {"Sunnhordland", "Gildeskål", "Meløy", "Norge", "Bergensregionen", "Nord-Norge"} <= (
        places
    )
    assert not names(found, "ORG") & places


def test_sentence_opening_ordinary_words_are_no_names(extractor):
    found = extractor.extract(
        "Budsjett på NOK 12 millioner\n\nErfaringene fra olje og gass er gode. "
        "Kopier lenke\n\nLusa er fortsatt hovedfienden, sier Ole Martin Berntsen."
    )
    named = {e.canonical for e in found.entities if e.type in ("PERSON", "ORG", "LOCATION")}
    assert not named & {"Budsjett", "Erfaringene", "Kopier", "Lusa"}
    assert "Ole Martin Berntsen" in named


def test_people_are_known_by_full_names(extractor):
    found = extractor.extract(
        "– Utan kundar hadde vi ikkje fått dette til, seier Kjell Arne Solheim. "
        "Fjordhy har søkt om status. – Vi er klare, seier Solheim."
    )
    assert names(found, "PERSON") == {"Kjell Arne Solheim"}


def people(found):
    return {e.canonical: (e.role, e.affiliation) for e in found.entities if e.role or e.affiliation}


def test_nynorsk_roles_and_verbs_that_are_no_roles(extractor):
    found = extractor.extract(
        "– Vi er klare, seier Ingrid Solbakk Hanssen, dagleg leiar i Algenettverk Nord. "
        "Førsteamanuensis Torbjørn Eidsvik ved Nord universitet leier arbeidet."
    )
    assert people(found) == {
        "Ingrid Solbakk Hanssen": ("dagleg leiar", "Algenettverk Nord"),
        "Torbjørn Eidsvik": ("førsteamanuensis", "Nord universitet"),
    }


def test_role_for_an_area_then_the_organisation(extractor):
    found = extractor.extract(
        "– Det er bra, sier Torunn Eikeland Brekke, regiondirektør for Vestland i Innovasjon Norge."
    )
    assert people(found)["Torunn Eikeland Brekke"] == ("regiondirektør", "Innovasjon Norge")


def test_affiliation_from_the_company_opening_the_previous_sentence(extractor):
    found = extractor.extract(
        "Årdal Støyperi AS er ei av verksemdene som deltek. Dagleg leiar Arvid Hæreid meiner "
        "klynga har gjeve dei ei felles stemme."
    )
    assert people(found)["Arvid Hæreid"] == ("dagleg leiar", "Årdal Støyperi AS")
    found = extractor.extract(
        "SpareBank 1 Nord-Norge satser på unge fiskere\n\nRederiet Havgapet AS i Berlevåg tar "
        "imot ungdom i sommer. Daglig leder Terje Kaino overtok nylig en ny kystbåt."
    )
    assert people(found)["Terje Kaino"] == ("daglig leder", "Havgapet AS")


def test_affiliation_from_a_company_opening_a_sentence_earlier_in_the_line(extractor):
    found = extractor.extract(
        "Jæren Sveiserobot AS er tildelt 4,8 MNOK fra Forskningsrådet. Prosjektet har en "
        "totalramme på 11 MNOK. Daglig leder Sindre Vagle Hognestad forteller at de skal ansette."
    )
    assert people(found)["Sindre Vagle Hognestad"] == ("daglig leder", "Jæren Sveiserobot AS")


def test_a_leader_s_affiliation_is_the_company_or_cluster_named_last(extractor):
    found = extractor.extract(
        "Vossaklynga er no med i Arena-programmet.\n\nVi tok ein prat med dagleg leiar "
        "Solveig Lid Gjerme om pengane."
    )
    assert people(found)["Solveig Lid Gjerme"] == ("dagleg leiar", "Vossaklynga")


def test_a_cluster_manager_is_the_cluster_s_not_the_council_s_before(extractor):
    text = (
        "I dag søker Lista Havvindklynge om 600 000 kroner. Agder fylkeskommune har allerede gitt "
        "tilsagn om 500 000 kroner til samme prosjekt. Klyngeleder Eirik Vatneli orienterte "
        "formannskapet."
    )
    found = extractor.extract(text)
    assert people(found)["Eirik Vatneli"] == ("klyngeleder", "Lista Havvindklynge")
    assert "Agder fylkeskommune" in names(found, "ORG")


def test_roles_in_brackets_and_header_fields(extractor):
    found = extractor.extract(
        "Prosjektleder: Kristine Holt Bjerkø, Tønsberg Elmarin AS\n\n"
        "Takk til Håkon Reed Fure (seniorforskar, NORCE), som har lese søknaden."
    )
    assert people(found) == {
        "Kristine Holt Bjerkø": ("prosjektleder", "Tønsberg Elmarin AS"),
        "Håkon Reed Fure": ("seniorforskar", "NORCE"),
    }


def test_affiliation_pointed_back_at_or_of_the_cluster_or_letterhead(extractor):
    found = extractor.extract(
        "HAREID KOMMUNE\nFormannskapet\n\n"
        "Møteleiar: Inger Lise Voldsund (ordførar)\n\n"
        "Arendal Havneteknikk AS får 800 000 kroner. – Gaven hjelper, sier daglig leder "
        "Jørgen Aas Kallevik i selskapet. Selskapet er medlem i Lister Industriklynge, som "
        "fikk 400 000 kroner. – Det er smart, sier klyngeleder Silje Vatland Grødum."
    )
    assert people(found) == {
        "Inger Lise Voldsund": ("ordførar", "Hareid kommune"),
        "Jørgen Aas Kallevik": ("daglig leder", "Arendal Havneteknikk AS"),
        "Silje Vatland Grødum": ("klyngeleder", "Lister Industriklynge"),
    }


def test_names_recur_alone_and_surnames_stay_people(extractor):
    found = extractor.extract(
        "Kinn AS er med i klynga Fjordhy. – Vi er klare, seier Sigrun Eide Bakke, "
        "klyngeleiar i Fjordhy. Rådgjevar Torleiv Nes i fylket er nøgd. Nes meiner det."
    )
    assert people(found)["Sigrun Eide Bakke"] == ("klyngeleiar", "Fjordhy")
    assert "Nes" not in names(found, "ORG") | names(found, "LOCATION")


def test_parks_and_page_labels(extractor):
    found = extractor.extract(
        "Nyheter  >  Energi  >  Havvind\n\nSlagg fra Mo Industripark as skal brukes i betong. "
        "Klyngen drives av Kunnskapsparken Helgeland.\n\nKontakt oss | Personvern"
    )
    assert {"Mo Industripark AS", "Kunnskapsparken Helgeland"} <= names(found, "ORG")
    named = names(found, "ORG") | names(found, "LOCATION")
    assert not named & {"Havvind", "Personvern", "Mo"}


def events(found):
    return {(f.funder, f.recipient, f.programme, f.amount) for f in found.funding}


def test_grant_goes_to_the_name_after_the_amount(extractor):
    found = extractor.extract(
        "Forskningsrådet har tildelt 12 MNOK til Agder Karbonverk AS, som leder et prosjekt "
        "i Eyde-klyngen. Prosjektet får støtten gjennom BIA-programmet."
    )
    assert events(found) == {("Forskningsrådet", "Agder Karbonverk AS", "BIA", 12_000_000.0)}


def test_council_nearest_the_amount_is_the_funder(extractor):
    found = extractor.extract(
        "Fjordhy har søkt Innovasjon Noreg om status som Arena-klynge, og Vestland "
        "fylkeskommune har løyvd 1,2 millionar kroner til Kinn Hydrogen AS."
    )
    assert {(f, r, a) for f, r, _, a in events(found)} == {
        ("Vestland fylkeskommune", "Kinn Hydrogen AS", 1_200_000.0)
    }


def test_given_money_is_a_grant_and_a_budget_alone_is_none(extractor):
    found = extractor.extract(
        "Siva har gitt 750 000 kr til Salten Testsenter AS. "
        "I statsbudsjettet er det satt av 112 millioner kroner."
    )
    assert events(found) == {("Siva", "Salten Testsenter AS", None, 750_000.0)}


def test_new_words_are_not_kept_after_a_batch(extractor):
    # spaCy would otherwise keep every new word, and a long indexing run's memory grows.
    texts = [f"Selskapet Qzxv{n}tek AS i Bodø fikk 2 millioner kroner fra Siva." for n in range(20)]
    before = len(extractor.nlp.vocab.strings)
    found = list(extractor.pipe(texts))
    assert len(extractor.nlp.vocab.strings) == before
    assert all(f"Qzxv{n}tek AS" in {e.canonical for e in x.entities} for n, x in enumerate(found))


def test_known_places_beat_pieces_and_function_words_are_no_names(extractor):
    found = extractor.extract(
        "Bedriften ligger i Mo i Rana. En av bedriftene i klyngen, Vestre Toten Lettmetall AS, "
        "har fått tilsagn fra Enova."
    )
    assert "Mo i Rana" in names(found, "LOCATION")
    assert not {"Mo", "Rana"} & names(found, "LOCATION")
    assert "En" not in names(found, "ORG") | names(found, "LOCATION")


def test_what_a_cluster_manager_leads_is_a_cluster(extractor):
    found = extractor.extract(
        "Kurset er et tiltak i Sørlandet Elektrisk Sjøfart. – Det trengs, sier klyngeleder "
        "Mona Tellefsen i Sørlandet Elektrisk Sjøfart. Daglig leder Per Olsen i Tromøy "
        "Marine AS er enig."
    )
    assert names(found, "CLUSTER") == {"Sørlandet Elektrisk Sjøfart"}
    assert "Tromøy Marine AS" in names(found, "ORG")
    found = extractor.extract(
        "Bedriftene i Kystkraft Nordvest, ei klynge av 30 bedrifter, er nøgde. Agder Kraft AS, "
        "et selskap i Arendal, er medlem."
    )
    assert names(found, "CLUSTER") == {"Kystkraft Nordvest"}


def test_english_roles_and_affiliations(extractor):
    found = extractor.extract(
        '"We are ready," says Kari Nordvik, CEO of Polar Sensor AS. Professor Henrik Aune at '
        'UiT leads the work. "It grows," says Jonas Hætta, cluster manager of Arctic Drone '
        "Cluster.\n\nContact:\nLars Petter Eide, business developer, Moldeholmen Innovasjon AS"
    )
    people = {e.canonical: (e.role, e.affiliation) for e in found.entities if e.type == "PERSON"}
    assert people == {
        "Kari Nordvik": ("ceo", "Polar Sensor AS"),
        "Henrik Aune": ("professor", "UiT Norges arktiske universitet"),
        "Jonas Hætta": ("cluster manager", "Arctic Drone Cluster"),
        "Lars Petter Eide": ("business developer", "Moldeholmen Innovasjon AS"),
    }


def test_municipalities_listed_with_places_are_places(extractor):
    found = extractor.extract(
        "Vi er nå 47 medlemmer fra Hamar, Stange, Løten og Ringsaker. Forskingspartnarar er "
        "NTNU i Ålesund og SINTEF."
    )
    assert {"Hamar", "Stange", "Løten", "Ringsaker"} <= names(found, "LOCATION")
    assert "SINTEF" in names(found, "ORG")


def test_a_place_opening_a_sentence_stays_in_a_company_s_name(extractor):
    found = extractor.extract(
        "Stranda Stol AS har fått 2 millioner kroner. Selskapet Nordkraft AS har fått støtte."
    )
    assert names(found, "ORG") == {"Stranda Stol AS", "Nordkraft AS"}


def test_a_place_the_text_leaves_out_of_a_company_s_name_elsewhere(extractor):
    # Unless the name stands elsewhere only after another place.
    found = extractor.extract(
        "Da støttet Regionalt forskningsfond Innlandet Glommen Skogdata AS med kr 480 000. "
        "Prosjektleder Håkon Bekken i Glommen Skogdata AS er fornøyd. Brønnøy Havn KF og "
        "Mosjøen Havn KF samarbeider."
    )
    assert {"Glommen Skogdata AS", "Brønnøy Havn KF", "Mosjøen Havn KF"} <= names(found, "ORG")


def test_og_joins_two_ordinary_words_of_a_company_s_name_not_two_names(extractor):
    found = extractor.extract(
        "Halsøy Sveis og Mekaniske AS er medlem. Innovasjon Norge og Havbruk AS samarbeider."
    )
    assert names(found, "ORG") == {"Halsøy Sveis og Mekaniske AS", "Innovasjon Norge", "Havbruk AS"}
    # A word the corpus never writes ("Vinsj") is no name of its own either.
    found = extractor.extract("Se på Båtsfjord Vinsj og Hydraulikk AS. NORCE og Havbruk AS også.")
    assert names(found, "ORG") == {"Båtsfjord Vinsj og Hydraulikk AS", "NORCE", "Havbruk AS"}


def test_a_council_in_capitals_takes_its_usual_spelling(extractor):
    found = extractor.extract("NORD-FRON KOMMUNE\n\nMøtebok for formannskapet")
    assert names(found, "ORG") == {"Nord-Fron kommune"}


def test_a_council_named_in_english_takes_its_norwegian_name(extractor):
    found = extractor.extract(
        "Nordland County Council and Bodø Municipality support the cluster. BERGEN KOMMUNE"
    )
    assert names(found, "ORG") == {"Nordland fylkeskommune", "Bodø kommune", "Bergen kommune"}


def test_municipalities_are_known_places(extractor):
    found = extractor.extract(
        "Lindesnes Tangvinn AS       Lindesnes   Biostimulant fra tang\n\n"
        "Fabrikken i Akkarfjord i Loppa kommune har 20 tilsette. Loppa har 900 innbyggjarar."
    )
    assert {"Lindesnes", "Loppa"} <= names(found, "LOCATION")
    assert not {"Lindesnes", "Loppa"} & names(found, "ORG")


def test_a_signature_gives_role_and_affiliation(extractor):
    found = extractor.extract(
        "Takk for i år!\n\nHilsen\nKari Nordmann\nklyngeleder, Betongforum Buskerud"
    )
    (person,) = [e for e in found.entities if e.type == "PERSON"]
    assert (person.role, person.affiliation) == ("klyngeleder", "Betongforum Buskerud")
    assert names(found, "CLUSTER") == {"Betongforum Buskerud"}


def test_a_word_opening_a_sentence_that_the_text_leaves_out_of_a_company_s_name(extractor):
    found = extractor.extract(
        "Kva bedrift har fått mest ut av klynga? – Ta Stranda Stolfabrikk AS. Dei har fått "
        "tilskot. Dagleg leiar Turid Ringstad i Stranda Stolfabrikk AS stadfestar det."
    )
    assert names(found, "ORG") == {"Stranda Stolfabrikk AS"}


def test_a_business_garden_in_a_place_and_a_cluster_of_a_lower_district(extractor):
    found = extractor.extract(
        "Næringshagen i Indre Østfold AS gis et driftstilskudd. Sirkulærklyngen Nedre Glomma "
        "har 27 medlemsbedrifter."
    )
    assert names(found, "ORG") == {"Næringshagen i Indre Østfold AS"}
    assert names(found, "CLUSTER") == {"Sirkulærklyngen Nedre Glomma"}


def test_a_sentence_opening_its_line_takes_no_affiliation_from_lines_before(extractor):
    found = extractor.extract(
        "Bioklyngen Nord-Østerdal søker om 650 000 kroner. Innlandet fylkeskommune har gitt "
        "klyngen tilsagn om 600 000 kroner.\n\n"
        "Klyngeleder Jon Are Tronsmo har pekt på at sagbrukene betaler for å bli kvitt bark."
    )
    assert people(found)["Jon Are Tronsmo"] == ("klyngeleder", "Bioklyngen Nord-Østerdal")
    assert names(found, "ORG") == {"Innlandet fylkeskommune"}


def test_an_organisation_s_other_name_in_brackets(extractor):
    found = extractor.extract(
        "In 2024, the Longyearbyen Community Council (Longyearbyen lokalstyre) contributed NOK "
        "400,000 to Svalbard Arctic Test Cluster. Longyearbyen Community Council owns the field."
    )
    assert names(found, "ORG") == {"Longyearbyen lokalstyre"}
    assert {(f.funder, f.recipient) for f in found.funding} == {
        ("Longyearbyen lokalstyre", "Svalbard Arctic Test Cluster")
    }
    found = extractor.extract(
        "Svalbard Arctic Technology Cluster (SATC) brings together 19 companies. \"We test "
        "here,\" says Ane Furu, cluster manager of SATC."
    )
    assert names(found, "CLUSTER") == {"Svalbard Arctic Technology Cluster"}
    assert people(found)["Ane Furu"] == ("cluster manager", "Svalbard Arctic Technology Cluster")
