"""Funding events from grant sentences, with the real NER model and knowledge base."""

import pytest

from indexer.parse import parse


def events(extractor, text: str) -> set[tuple]:
    found = extractor.extract(text).funding
    return {(f.funder, f.recipient, f.programme, f.amount, f.per_year) for f in found}


def test_passive_grant_names_funder_after_amount(extractor):
    text = (
        "Arena Batteri Nord er tatt opp i Arena-programmet. Klyngen er tildelt 2 millioner "
        "kroner fra Innovasjon Norge for det første året."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Arena Batteri Nord", "Arena", 2_000_000.0, False)
    }


def test_calls_and_state_budgets_are_no_grants(extractor):
    text = (
        "Arena Batteri Nord har 26 medlemmer.\n\n"
        "Samtidig har Innovasjon Norge satt av 30 millioner kroner til en ny utlysning for "
        "klynger. I årets statsbudsjett er bevilgningen til klyngene økt med 20 millioner kroner. "
        "Støtten til Arena-klynger ligger normalt på 1,5 – 2,5 millioner kroner per år."
    )
    assert events(extractor, text) == set()


def test_council_named_before_is_the_funder(extractor):
    text = (
        "Smart Energy Halden samler 35 bedrifter i Østfold.\n\n"
        "Viken fylkeskommune har også bevilget penger. Fylkeskommunen gir 500 000 kroner "
        "til klyngen, øremerket opplæring."
    )
    assert events(extractor, text) == {
        ("Viken fylkeskommune", "Smart Energy Halden", None, 500_000.0, False)
    }


def test_company_named_before_is_the_recipient(extractor):
    text = (
        "Herøya Karbonfangst AS er medlem i Industriklynga Grenland.\n\n"
        "Herøya Karbonfangst AS har samarbeidd med Universitetet i Sørøst-Norge. Selskapet "
        "fekk i 2021 tilsegn om 6 millionar kroner frå Gassnova til testing."
    )
    assert ("Gassnova", "Herøya Karbonfangst AS", None, 6_000_000.0, False) in events(
        extractor, text
    )


def test_cluster_named_before_is_the_recipient(extractor):
    text = (
        "Herøya Karbonfangst AS er medlem i Industriklynga Grenland, som samlar 40 verksemder.\n\n"
        "Klynga sjølv har fått tildelt 1 million kroner frå Vestfold og Telemark fylkeskommune "
        "til eit prosjekt om overskotsvarme."
    )
    assert events(extractor, text) == {
        ("Vestfold og Telemark fylkeskommune", "Industriklynga Grenland", None, 1e6, False)
    }


def test_recipient_said_later_to_have_got_the_money(extractor):
    text = (
        "Regionale forskningsfond Nord-Norge har gitt kr 250 000,- til et kvalifiseringsprosjekt."
        "\n\nProsjektet ledes av Rana Metallgjenvinning AS, som har fått midlene, og SINTEF."
    )
    assert events(extractor, text) == {
        (None, "Rana Metallgjenvinning AS", "Regionale forskningsfond", 250_000.0, False)
    }


def test_programme_of_another_body_is_not_the_grants(extractor):
    text = (
        "Florø Hydrogen AS er medlem i klynga Fjordhy.\n\n"
        "Fjordhy har søkt Innovasjon Noreg om status som Arena-klynge, og Vestland "
        "fylkeskommune har løyvd 1,2 millionar kroner til klynga for eit forprosjekt."
    )
    assert events(extractor, text) == {
        ("Vestland fylkeskommune", "Fjordhy", None, 1_200_000.0, False)
    }


def test_programme_of_one_grant_does_not_spill_to_another(extractor):
    text = (
        "Regionale forskingsfond Vestland har gjeve 1,8 millionar kroner til eit prosjekt i "
        "regi av Sognefisk Restråstoff AS.\n\n"
        "Bedrifta er medlem i Sjømatklynga Sogn. Klynga har tidlegare fått tildelt 300 000 "
        "kroner frå Vestland fylkeskommune til eit nettverksprosjekt."
    )
    assert events(extractor, text) == {
        (None, "Sognefisk Restråstoff AS", "Regionale forskningsfond", 1_800_000.0, False),
        ("Vestland fylkeskommune", "Sjømatklynga Sogn", None, 300_000.0, False),
    }


def test_nynorsk_per_year_grant_from_council_named_by_a_place(extractor):
    text = (
        "Arena Fjordreiseliv samlar 52 verksemder på Sunnmøre.\n\n"
        "Møre og Romsdal fylkeskommune løyver i tillegg 500 000 kroner årleg i tre år til "
        "eit prosjekt om berekraftig cruisetrafikk."
    )
    assert events(extractor, text) == {
        ("Møre og Romsdal fylkeskommune", "Arena Fjordreiseliv", None, 500_000.0, True)
    }


def test_several_grants_in_one_sentence(extractor):
    text = (
        "Innovasjon Norge bevilger 1,2 millioner kroner til Sørlandsdata AS og 800 000 kroner "
        "til Mandal Maskinlæring AS. Begge bedriftene er medlemmer i Arena Digin."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Sørlandsdata AS", None, 1_200_000.0, False),
        ("Innovasjon Norge", "Mandal Maskinlæring AS", None, 800_000.0, False),
    }


def test_adjective_opening_a_company_name_is_kept(extractor):
    text = (
        "Arktisk Enzym AS har fått tilsagn om 2,5 millioner kroner fra Innovasjon Norge "
        "til å bygge et pilotanlegg i Tromsø."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Arktisk Enzym AS", None, 2_500_000.0, False)
    }


def test_admission_with_an_annual_frame_is_a_grant_of_the_programme(extractor):
    text = (
        "Treklyngen Midt er tatt opp i NCE-programmet, med en årlig ramme på 6 millioner "
        "kroner de neste fem årene."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Treklyngen Midt", "NCE", 6_000_000.0, True)
    }


def test_english_per_year_grant_to_a_cluster_named_with_its_region(extractor):
    text = (
        "Ocean Tech Cluster Nord has 40 members in Nordland and Troms. The cluster has been "
        "allocated NOK 2 million a year through the Arena programme."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Ocean Tech Cluster Nord", "Arena", 2_000_000.0, True)
    }


def test_council_contributing_is_a_grant_and_partners_contributing_is_not(extractor):
    text = (
        "Trøndelag fylkeskommune bidrar med 300 000 kroner til klyngens arbeid i Arena "
        "Smart Fôr.\n\nIndustripartnerne bidrar med 9 millioner kroner i egeninnsats."
    )
    assert events(extractor, text) == {
        ("Trøndelag fylkeskommune", "Arena Smart Fôr", None, 300_000.0, False)
    }


def test_items_of_a_list_introduced_by_a_grant(extractor):
    text = (
        "Innovasjon Norge gir til sammen 2,1 millioner kroner til to forprosjekter i Arena "
        "Smart Fôr. Disse bedriftene får støtte:\n\n"
        "Hitra Fôrteknikk AS: 1,3 millioner kroner til en ny fôrautomat\n"
        "Frøya Sensorikk AS: 800 000 kroner til kameraer i merdene\n\n"
        "Klyngen har 30 medlemmer."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Hitra Fôrteknikk AS", None, 1_300_000.0, False),
        ("Innovasjon Norge", "Frøya Sensorikk AS", None, 800_000.0, False),
    }


def test_next_sentence_names_the_funder(extractor):
    text = (
        "Matklynga Voss har fått ei løyving på 2 millionar kroner. Midlane kjem frå "
        "Innovasjon Noreg og skal gå til eit treårig prosjekt."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Matklynga Voss", None, 2_000_000.0, False)
    }


def test_next_sentence_names_the_recipients_in_order(extractor):
    text = (
        "Enova støtter to prosjekter i Årdal med henholdsvis 12 millioner og 3 millioner "
        "kroner. Pengene går til Årdal Metall AS og Årdal Fjernvarme AS, som skal bygge et "
        "anlegg for spillvarme."
    )
    assert events(extractor, text) == {
        ("Enova", "Årdal Metall AS", None, 12_000_000.0, False),
        ("Enova", "Årdal Fjernvarme AS", None, 3_000_000.0, False),
    }


def test_contracts_investments_and_own_money_are_no_grants(extractor):
    text = (
        "Ulstein Skipsbygg AS fekk i fjor ein kontrakt på 300 millionar kroner.\n\n"
        "Enova-støtten utgjør 30 prosent av investeringen på 50 millioner kroner.\n\n"
        "Volda kommune har vedtatt å bruke 2 millioner kroner av egne midler på nye rør."
    )
    assert events(extractor, text) == set()


def test_several_bodies_each_granting_the_amount(extractor):
    text = (
        "Reiselivsklynga Fjordkyst samlar 30 verksemder.\n\n"
        "Kinn kommune og Bremanger kommune har kvar løyvd 100 000 kroner til klynga."
    )
    assert events(extractor, text) == {
        ("Kinn kommune", "Reiselivsklynga Fjordkyst", None, 100_000.0, False),
        ("Bremanger kommune", "Reiselivsklynga Fjordkyst", None, 100_000.0, False),
    }


def test_grant_in_the_headline_and_the_text_is_one_event(extractor):
    text = (
        "Innovasjon Noreg løyver 1,5 millionar til reiselivsklynge på Voss\n\n"
        "Arena Voss Reiseliv får 1,5 millionar kroner frå Innovasjon Noreg for å utvikle "
        "vinterturisme."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Arena Voss Reiseliv", None, 1_500_000.0, False)
    }


def test_funder_named_in_the_sentence_before_and_recipients_opening_clauses(extractor):
    text = (
        "To medlemmer av Subsea Vision Cluster har fått støtte fra Forskningsrådet. "
        "Sotra Kamera AS får 5 millioner kroner og Øygarden Lys AS får 2 millioner kroner."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Sotra Kamera AS", None, 5_000_000.0, False),
        ("Forskningsrådet", "Øygarden Lys AS", None, 2_000_000.0, False),
    }


def test_refusals_conditions_and_ranges_are_no_grants(extractor):
    text = (
        "Arena Kystmat har 20 medlemmer.\n\n"
        "Klyngen søkte Innovasjon Norge om 1 million kroner, men fikk avslag.\n\n"
        "Dersom søknaden blir innvilget, får klyngen 3 millioner kroner fra Forskningsrådet.\n\n"
        "Med NCE-status får klyngen mellom 5 og 8 millioner kroner i året fra Innovasjon Norge."
    )
    assert events(extractor, text) == set()


def test_each_amount_takes_the_body_it_comes_from(extractor):
    text = (
        "Arena Fjordbatteri samler 25 bedrifter.\n\n"
        "Møre og Romsdal fylkeskommune har gitt et tilsagn på 200 000 kroner til klyngen, og "
        "ytterligere 100 000 kroner kommer fra Ålesund kommune."
    )
    assert events(extractor, text) == {
        ("Møre og Romsdal fylkeskommune", "Arena Fjordbatteri", None, 200_000.0, False),
        ("Ålesund kommune", "Arena Fjordbatteri", None, 100_000.0, False),
    }


def test_ministries_and_foundations_grant(extractor):
    text = (
        "Kommunal- og distriktsdepartementet har gitt 5 millioner kroner til Rana "
        "Næringsforening AS.\n\n"
        "Sparebankstiftelsen Helgeland gir 200 000 kroner til Arena Helgeland Mat."
    )
    assert events(extractor, text) == {
        ("Kommunal- og distriktsdepartementet", "Rana Næringsforening AS", None, 5e6, False),
        ("Sparebankstiftelsen Helgeland", "Arena Helgeland Mat", None, 200_000.0, False),
    }


def test_english_award(extractor):
    text = (
        "The Research Council of Norway has awarded NOK 6 million to Fjordnett AS for a "
        "project on rural broadband."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Fjordnett AS", None, 6_000_000.0, False)
    }


def test_project_granted_by_passive_av_goes_to_its_leader(extractor):
    text = (
        "Prosjektet «Frisk fisk» er tildelt 2,4 millioner kroner av Forskningsrådet. "
        "Prosjektet skal kartlegge fiskehelse, og ledes av Austevoll Fiskehelse AS."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Austevoll Fiskehelse AS", None, 2_400_000.0, False)
    }


def test_list_items_naming_the_bodies_that_gave(extractor):
    text = (
        "Arena Kraftelektronikk hadde et godt år. Dette er tilskuddene klyngen mottok:\n\n"
        "Innovasjon Norge (Arena Pro): 2 millioner kroner\n"
        "Larvik kommune: 100 000 kroner\n\n"
        "Resten kom fra kontingenter."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Arena Kraftelektronikk", "Arena Pro", 2_000_000.0, False),
        ("Larvik kommune", "Arena Kraftelektronikk", None, 100_000.0, False),
    }


def test_two_bodies_in_one_sentence_each_with_its_own_amount(extractor):
    text = (
        "Tønsberg Ferjeteknikk AS skal bygge en elektrisk ferje. Innovasjon Norge har "
        "innvilget lån og tilskudd på til sammen 6 millioner kroner til selskapet, og Enova "
        "har gitt 10 millioner kroner i støtte til selve ferja."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Tønsberg Ferjeteknikk AS", None, 6_000_000.0, False),
        ("Enova", "Tønsberg Ferjeteknikk AS", None, 10_000_000.0, False),
    }


def test_grant_named_by_its_decision_in_the_next_sentence(extractor):
    text = (
        "Kystfiskeklynga Sunnmøre har fått innvilga eit tilskot på 900 000 kroner til ein ny "
        "kai. Løyvinga kjem frå Møre og Romsdal fylkeskommune."
    )
    assert events(extractor, text) == {
        ("Møre og Romsdal fylkeskommune", "Kystfiskeklynga Sunnmøre", None, 900_000.0, False)
    }


def test_share_of_a_sum_handed_out_to_several(extractor):
    text = (
        "Innovasjon Norge deler ut 8 millioner kroner til fire klynger. Arena Smart Sveis er "
        "en av dem og får 2 millioner kroner."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Arena Smart Sveis", None, 2_000_000.0, False)
    }


def test_money_raised_over_the_years_is_no_grant(extractor):
    text = "Sidan 2019 har Matklynga Sogn henta inn 7 millionar kroner i offentleg stønad."
    assert events(extractor, text) == set()


def test_rows_of_a_table_of_grants(extractor):
    html = (
        "<html><body><article><p>Forskningsrådet har tildelt midler til to bedrifter i "
        "Arena Smart Vann. Tildelingene er:</p><table>"
        "<tr><th>Bedrift</th><th>Beløp</th></tr>"
        "<tr><td>Gjøvik Pumpe AS</td><td>Ny pumpe</td><td>900 000 kroner</td></tr>"
        "<tr><td>Raufoss Ventil AS</td><td>Smart ventil</td><td>700 000 kroner</td></tr>"
        "</table><p>– Vannverkene lekker mye, og det koster kommunene dyrt, sier Kari Lie, "
        "daglig leder i Arena Smart Vann.</p></article></body></html>"
    )
    text = parse(html.encode(), ".html").text
    assert events(extractor, text) == {
        ("Forskningsrådet", "Gjøvik Pumpe AS", None, 900_000.0, False),
        ("Forskningsrådet", "Raufoss Ventil AS", None, 700_000.0, False),
    }


def test_english_allocation_and_county_council(extractor):
    text = (
        "Arctic Ocean Cluster has 30 members.\n\n"
        "Troms County Council has provided NOK 0.4 million for a course for the cluster."
    )
    assert events(extractor, text) == {
        ("Troms fylkeskommune", "Arctic Ocean Cluster", None, 400_000.0, False)
    }


def test_the_subject_of_a_verb_of_getting_is_the_recipient(extractor):
    text = (
        "Havsensor AS i Bergen, som er medlem av Ocean Tech Cluster Nord, har fått 5 millioner "
        "kroner fra Forskningsrådet til nye målebøyer.\n\n"
        "Polar Drones AS, a member of Arctic Robotics Cluster, has been awarded NOK 3 million by "
        "the Research Council of Norway."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Havsensor AS", None, 5e6, False),
        ("Forskningsrådet", "Polar Drones AS", None, 3e6, False),
    }


def test_the_subject_of_a_verb_of_giving_is_the_funder(extractor):
    text = "Nordic Innovation har i år gitt 800 000 kroner til Arena Smart Kyst."
    assert events(extractor, text) == {
        ("Nordic Innovation", "Arena Smart Kyst", None, 800_000.0, False)
    }


def test_bodies_that_go_in_with_money_besides(extractor):
    text = (
        "Arena Smart Kyst har 30 medlemmer.\n\n"
        "Troms fylkeskommune bidrar i tillegg med 300 000 kroner. Tromsø kommune går også inn "
        "med 100 000 kroner per år."
    )
    assert events(extractor, text) == {
        ("Troms fylkeskommune", "Arena Smart Kyst", None, 300_000.0, False),
        ("Tromsø kommune", "Arena Smart Kyst", None, 100_000.0, True),
    }


def test_recipient_after_the_programme_the_money_comes_from(extractor):
    text = (
        "Forskingsrådet har løyvd 2 millionar kroner frå programmet FORREGION til Nordland "
        "fylkeskommune, som skal bruke dei på klyngene i fylket."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Nordland fylkeskommune", "FORREGION", 2e6, False)
    }


def test_a_programme_applied_for_gave_nothing(extractor):
    text = (
        "Innovasjon Noreg har løyvd 500 000 kroner til Reiselivsklynga Sunnfjord. Pengane skal "
        "leggje grunnlaget for ein søknad om Arena-status."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Reiselivsklynga Sunnfjord", None, 500_000.0, False)
    }


def test_a_sum_for_some_of_the_members_is_no_grant(extractor):
    text = (
        "Norsk filminstitutt har gitt 900 000 kroner i utviklingstilskudd til tre av "
        "medlemsbedriftene i Spillklyngen Sør."
    )
    assert events(extractor, text) == set()


def test_a_grant_to_a_project_goes_to_its_leader(extractor):
    text = (
        "Forskningsrådet har gitt 16 millioner kroner til prosjektet SeaSense, som ledes av "
        "Stadt Sensorteknikk AS i Måløy."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Stadt Sensorteknikk AS", None, 16e6, False)
    }


def test_what_one_may_get_is_no_grant(extractor):
    text = (
        "Vestland fylkeskommune har løyvd 500 000 kroner til Arena Fjordvarme. Fylkeskommunen "
        "har sett av midlar til klyngene, og kvar klynge kan få inntil 750 000 kroner neste år."
    )
    assert events(extractor, text) == {
        ("Vestland fylkeskommune", "Arena Fjordvarme", None, 500_000.0, False)
    }


def test_bulleted_items_under_an_introduction_naming_no_funder(extractor):
    text = (
        "Troms fylkeskommune har behandlet søknadene om klyngemidler.\n\n"
        "Disse klyngene har fått tilsagn:\n\n"
        "- Arena Polarfisk: 450 000 kroner\n"
        "• 300 000 kroner til Tromsø Kaldtvann AS, til et forprosjekt\n"
        "• Senja Sjømat AS har fått 200 000 kroner fra Enova til en ny kai\n\n"
        "Senja Tare AS hadde søkt om 250 000 kroner, men fikk avslag."
    )
    assert events(extractor, text) == {
        ("Troms fylkeskommune", "Arena Polarfisk", None, 450_000.0, False),
        ("Troms fylkeskommune", "Tromsø Kaldtvann AS", None, 300_000.0, False),
        ("Enova", "Senja Sjømat AS", None, 200_000.0, False),
    }


def test_a_total_set_aside_is_no_grant(extractor):
    text = (
        "Totalt har Enova i år delt ut 640 millioner kroner til klimatiltak. Agder "
        "fylkeskommune har satt av 1,2 millioner kroner til et kurs for klyngeledere."
    )
    assert events(extractor, text) == set()


def test_a_sum_of_grants_named_one_by_one_is_no_grant_of_its_own(extractor):
    text = (
        "To bedrifter i Arena Sjømat Lofoten har fått til sammen 23 millioner kroner fra "
        "Forskningsrådet. Lofoten Tørrfisk AS får 14 millioner kroner, mens Røst Tang AS får "
        "9 millioner kroner."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Lofoten Tørrfisk AS", None, 14e6, False),
        ("Forskningsrådet", "Røst Tang AS", None, 9e6, False),
    }


def test_the_total_of_a_yearly_grant_is_no_grant_of_its_own(extractor):
    text = (
        "Vedtak:\n1. Finnmark fylkeskommune bevilger kr 450 000,- per år i tre år, til sammen "
        "kr 1 350 000,-, til Arena Kystnæring Finnmark."
    )
    assert events(extractor, text) == {
        ("Finnmark fylkeskommune", "Arena Kystnæring Finnmark", None, 450_000.0, True)
    }


def test_a_total_word_of_another_amount_leaves_the_grant_before_it(extractor):
    text = (
        "Arena Fjordindustri Hardanger\n\nInnovasjon Noreg løyvde 2,4 millionar kroner til "
        "drift i klynga, og løyvinga utgjorde 40 prosent av dei samla inntektene på 6,1 "
        "millionar kroner. Ullensvang kommune og Kvam herad bidrog med 80 000 kroner kvar til "
        "ein felles stand."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Arena Fjordindustri Hardanger", None, 2.4e6, False),
        ("Ullensvang kommune", "Arena Fjordindustri Hardanger", None, 80_000.0, False),
        ("Kvam herad", "Arena Fjordindustri Hardanger", None, 80_000.0, False),
    }


def test_a_range_we_get_is_a_grant_and_a_range_one_may_get_is_none(extractor):
    text = (
        "Hilde Vars leder Arena Fiskeriteknologi Øst-Finnmark.\n\nHvordan er klyngen "
        "finansiert?\n– Der får vi mellom 1,5 og 2 millioner kroner i året fra Innovasjon Norge."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Arena Fiskeriteknologi Øst-Finnmark", None, (1.5e6, 2e6), True)
    }
    text = "Arena-klynger får mellom 1,5 og 2 millioner kroner i året fra Innovasjon Norge."
    assert events(extractor, text) == set()


def test_a_project_page_s_title_is_its_project_and_its_grants_its_owner_s(extractor):
    text = (
        "Arena Sirkulær Bygg Innlandet › Prosjekter › Ombruksbanken\n\n"
        "OMBRUKSBANKEN INNLANDET\nOmbruk av byggematerialer\n\n"
        "Prosjektansvarlig: Gjøvik Byggretur AS\nPeriode: 2024–2027\n\n"
        "Finansiering\nForskningsrådet har bevilget 5 millioner kroner til Ombruksbanken."
    )
    found = extractor.extract(text)
    assert "Ombruksbanken" not in {e.canonical for e in found.entities}
    assert events(extractor, text) == {("Forskningsrådet", "Gjøvik Byggretur AS", None, 5e6, False)}


def test_each_of_the_bodies_of_a_later_clause_gave_the_sum(extractor):
    text = (
        "Viken fylkeskommune gav 400 000 kroner til Arena Smart Vann, medan Nes kommune og "
        "Ål kommune kvar gav 125 000 kroner til klynga."
    )
    assert events(extractor, text) == {
        ("Viken fylkeskommune", "Arena Smart Vann", None, 400_000.0, False),
        ("Nes kommune", "Arena Smart Vann", None, 125_000.0, False),
        ("Ål kommune", "Arena Smart Vann", None, 125_000.0, False),
    }


def test_money_one_will_get_is_a_grant_and_a_budget_is_none(extractor):
    text = (
        "Innovasjon Norge har tatt Arena Kystbær opp i programmet. Klyngen vil få 2 millioner "
        "kroner. Medlemmet Bær AS har fått godkjent et prosjekt med et budsjett på 3 millioner "
        "kroner."
    )
    assert events(extractor, text) == {("Innovasjon Norge", "Arena Kystbær", None, 2e6, False)}


def test_a_headline_grant_to_no_one_named_is_the_grant_its_text_names(extractor):
    text = (
        "Enova gir 20 mill. til ny pelletsfabrikk\n\n"
        "Moss Pellets AS får 20 millioner kroner fra Enova til anlegget. Selskapet er medlem "
        "av Arena Grønn Industri Øst."
    )
    assert events(extractor, text) == {("Enova", "Moss Pellets AS", None, 20e6, False)}


def test_the_body_a_document_opens_with_gives_what_no_sentence_gives(extractor):
    text = (
        "Rana kommune\n\nVEDTAK I FORMANNSKAPET\n\n"
        "Formannskapet handsama søknaden frå klynga. Arena Stålindustri Nord er tatt opp i "
        "Arena-programmet.\n\n"
        "1. Arena Stålindustri Nord innvilges et tilskudd på 200 000 kroner til et kurs.\n"
        "2. Klynger som ikke har fått midler, kan søke om inntil 100 000 kroner.\n"
    )
    assert events(extractor, text) == {
        ("Rana kommune", "Arena Stålindustri Nord", None, 200_000.0, False)
    }


def test_gifts_and_a_range_stated_as_granted(extractor):
    text = (
        "Sparebankstiftelsen Helgeland deler ut gaver til lag og klynger. Arena Kystmat Nord "
        "har fått en gave på 250 000 kroner. Arena Havrom Nord er tildelt mellom 1,2 og 1,6 "
        "millioner kroner fra Innovasjon Norge, mens andre klynger får mellom 1 og 2 "
        "millioner kroner."
    )
    assert events(extractor, text) == {
        ("Sparebankstiftelsen Helgeland", "Arena Kystmat Nord", None, 250_000.0, False),
        ("Innovasjon Norge", "Arena Havrom Nord", None, (1.2e6, 1.6e6), False),
    }


def test_a_grant_naming_no_recipient_after_one_that_names_it(extractor):
    text = (
        "Vi er medlem av Arena Helse Vest. Mandag fikk Fjordsensor AS tilsagn om 4 MNOK fra "
        "Forskningsrådet. Og i går kom bekreftelsen fra Innovasjon Norge: et "
        "innovasjonstilskudd på 950 000 kroner til kliniske tester."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Fjordsensor AS", None, 4e6, False),
        ("Innovasjon Norge", "Fjordsensor AS", None, 950_000.0, False),
    }


def test_rows_of_funding_bodies_under_any_heading_go_to_the_project_owner(extractor):
    text = (
        "Prosjektansvarlig: Hedmark Skogdata AS\nKlynge: Arena Skog Øst\n\n"
        "Om prosjektet\n\nProsjektet skal utvikle skogtakst med droner.\n\n"
        "Finansiering\n\nTotalbudsjett: kr 17 600 000\n"
        "Forskningsrådet (BIA): kr 7 900 000\n"
        "Egeninnsats fra partnerne: kr 9 700 000\n"
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Hedmark Skogdata AS", "BIA", 7_900_000.0, False)
    }


def test_a_later_sentence_about_the_grant_names_its_programme(extractor):
    text = (
        "Forskningsrådet har bevilget 7,4 millioner kroner til Arendal Batteri AS. Selskapet "
        "skal utvikle batterier for arbeidsbåter.\n\n"
        "Støtten er gitt som et Innovasjonsprosjekt i næringslivet og går over tre år."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Arendal Batteri AS", "Innovasjonsprosjekt i næringslivet", 7.4e6,
         False)
    }  # fmt: skip


def test_money_that_goes_to_a_name_and_the_programme_of_the_opening(extractor):
    text = (
        "Nordland fylkeskommune har gjennom Regionale forskningsfond fordelt 5 millioner kroner "
        "til sju prosjekter.\n\n"
        "Til Bodø Sensor AS, som er medlem i Arena Havdata Nord, går 950 000 kroner. Den "
        "største gåva, 1 million kroner, går til Arena Havdata Nord."
    )
    assert events(extractor, text) == {
        ("Nordland fylkeskommune", "Bodø Sensor AS", "Regionale forskningsfond", 950_000.0,
         False),
        ("Nordland fylkeskommune", "Arena Havdata Nord", "Regionale forskningsfond", 1e6,
         False),
    }  # fmt: skip


def test_a_headline_sum_the_text_calls_a_total_is_no_grant(extractor):
    text = (
        "Sparebankstiftinga Fitjar deler ut 2,4 millionar kroner\n\n"
        "Styret har handsama 80 søknader. 30 lag får gåver på til saman 2,4 millionar kroner. "
        "Arena Havbruk Fitjar får 500 000 kroner til eit kurs."
    )
    assert events(extractor, text) == {
        ("Sparebankstiftinga Fitjar", "Arena Havbruk Fitjar", None, 500_000.0, False)
    }


def test_each_amount_from_the_body_named_after_it_and_their_total_is_none(extractor):
    text = (
        "Kvitsøy Biokull AS har fått tilsagn om til sammen 18,25 millioner kroner i offentlige "
        "tilskudd: 11,5 millioner kroner fra Enova, 6 millioner kroner fra Innovasjon Norge og "
        "750 000 kroner fra Rogaland fylkeskommune."
    )
    assert events(extractor, text) == {
        ("Enova", "Kvitsøy Biokull AS", None, 11.5e6, False),
        ("Innovasjon Norge", "Kvitsøy Biokull AS", None, 6e6, False),
        ("Rogaland fylkeskommune", "Kvitsøy Biokull AS", None, 750_000.0, False),
    }


def test_conditions_promises_and_a_table_under_its_header_row(extractor):
    text = (
        "Forskningsrådets tildelinger til Telemark\n\n"
        "Disse fikk tildeling:\n\n"
        "Prosjektansvarlig          Prosjekt                    Ordning      Beløp\n"
        "Skien Sveis AS             Robotsveising               IPN          9 800 000 kr\n\n"
        "Gassnova har gjennom CLIMIT-programmet innvilget 6,8 millioner kroner til Skien "
        "Sveis AS.\n\n"
        "Arena Saltvatn er teken opp i Arena-programmet. Tilsegnet frå Innovasjon Noreg lyder "
        "på 1,8 millionar kroner, med høve til eit tredje år dersom vi når måla. Kinn kommune "
        "har lova å leggje 200 000 kroner på toppen. Dersom søknaden blir innvilga, får klynga "
        "300 000 kroner frå Sparebankstiftinga Sogn og Fjordane."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Arena Saltvatn", "Arena", 1.8e6, False),
        ("Forskningsrådet", "Skien Sveis AS", "Innovasjonsprosjekt i næringslivet", 9.8e6, False),
        ("Gassnova", "Skien Sveis AS", "CLIMIT", 6.8e6, False),
    }
    orgs = {e.canonical for e in extractor.extract(text).entities if e.type == "ORG"}
    assert "Sparebankstiftinga Sogn og Fjordane" in orgs


def test_loans_and_the_highlights_of_a_quarter_are_no_grants(extractor):
    text = (
        "Highlights of the quarter\n\n"
        "- Revenue of NOK 38.4 million\n"
        "- Grant agreement signed with the Research Council of Norway\n\n"
        "Bergen Robot AS har fått 1,4 millionar kroner i pengestøtte frå Innovasjon Noreg. "
        "Resten er finansiert med eigne pengar og eit lån på 3 millionar kroner."
    )
    assert events(extractor, text) == {("Innovasjon Norge", "Bergen Robot AS", None, 1.4e6, False)}


def test_a_headline_company_gets_what_no_sentence_gives_to_anyone(extractor):
    text = (
        "Investor Relations\n\nNordsjø Robot ASA – Q2 investor update\n\n"
        "Nordsjø Robot ASA is a member of GCE Ocean Technology. The Research Council of Norway "
        "will contribute NOK 14.7 million over three years. Vestland fylkeskommune has awarded "
        "the company NOK 400,000. Innovation Norway has approved a grant of NOK 5 million for "
        "the pilot vessel.\n\n"
        "Trøndelag fylkeskommune la 600 000 kroner på bordet for en felles testmerd."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Nordsjø Robot ASA", None, 14.7e6, False),
        ("Vestland fylkeskommune", "Nordsjø Robot ASA", None, 400_000.0, False),
        ("Innovasjon Norge", "Nordsjø Robot ASA", None, 5e6, False),
        ("Trøndelag fylkeskommune", "Nordsjø Robot ASA", None, 600_000.0, False),
    }


def test_the_cluster_referred_to_and_the_programme_it_moves_to(extractor):
    text = (
        "Ocean Autonomy Cluster i Trondheim går fra Arena Pro til NCE. Innovasjon Norge "
        "bevilger klyngen 7 millioner kroner årlig i fem år. SpareBank 1 Nord-Norge gir "
        "150 000 kroner i gave til klyngen."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Ocean Autonomy Cluster", "NCE", 7e6, True),
        ("SpareBank 1 Nord-Norge", "Ocean Autonomy Cluster", None, 150_000.0, False),
    }


def test_the_programme_of_the_funder_and_each_of_two_bodies(extractor):
    text = (
        "Forskningsrådet har bevilget penger til to prosjekter. Støtten gis gjennom BIA. "
        "Klyngen har også status i Arena Pro.\n\n"
        "Størst bevilgning går til Rakkestad Lim AS, som får 13,5 millioner kroner.\n\n"
        "Levanger kommune og Verdal kommune stiller med 75 000 kroner hver til Arena Kulde."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Rakkestad Lim AS", "BIA", 13.5e6, False),
        ("Levanger kommune", "Arena Kulde", None, 75_000.0, False),
        ("Verdal kommune", "Arena Kulde", None, 75_000.0, False),
    }


def test_a_project_page_gives_its_grants_to_the_owner_a_header_field_names(extractor):
    text = (
        "Prosjekter › HAVSTRØM\n\nProsjektansvarlig: Nedstrand Elektro AS\n"
        "Klynge: Arena Straum Ryfylke\n\n"
        "Forskningsrådet har bevilget 9,5 millioner kroner til prosjektet gjennom ENERGIX."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Nedstrand Elektro AS", "ENERGIX", 9.5e6, False)
    }


def test_project_leaders_and_money_that_went_to_the_cluster(extractor):
    text = (
        "Prosjekter › Lavkarbon betong\n\nProsjektleder: Stein Aasheim, Bergstad Betong AS\n\n"
        "Innovasjon Norge har innvilget kr 4 500 000 gjennom Miljøteknologiordningen til et "
        "pilotanlegg i Lier. Medlemskontingentane utgjorde 1,9 millionar kroner.\n\n"
        "Betongforum Buskerud er ei klynge av 20 bedrifter. Til klyngen gikk det 350 000 "
        "kroner fra Drammen kommune. Av ramma vart 24 millionar kroner forvalta av Innovasjon "
        "Noreg, medan 8,6 millionar kroner gjekk til klynger."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Bergstad Betong AS", "Miljøteknologiordningen", 4.5e6, False),
        ("Drammen kommune", "Betongforum Buskerud", None, 350_000.0, False),
    }


def test_a_project_named_as_one_goes_to_the_owner_the_next_sentence_names(extractor):
    text = (
        "BioVerdi Trøndelag hadde eit godt år. I juni innvilget Forskningsrådet 11,8 millioner "
        "kroner til LigninPlus, et innovasjonsprosjekt i næringslivet. Medlemsbedriften Orkdal "
        "Fiber AS er prosjekteier, og NTNU er forskningspartner."
    )
    found = extractor.extract(text)
    assert "LigninPlus" not in {e.canonical for e in found.entities}
    assert events(extractor, text) == {
        ("Forskningsrådet", "Orkdal Fiber AS", "Innovasjonsprosjekt i næringslivet", 11.8e6, False)
    }


def test_a_thing_named_before_as_someone_s_is_theirs(extractor):
    text = (
        "FjøsSyn\n\nProsjektansvarlig: Bryne Agrirobot AS\n\nOm prosjektet\nSystemet testes i "
        "testfjøset til Landbruksteknologiklyngen Jæren på Særheim. Testfjøset ble bygget i "
        "2023 med en gave på 1,5 millioner kroner fra Sparebankstiftelsen SR-Bank."
    )
    assert events(extractor, text) == {
        ("Sparebankstiftelsen SR-Bank", "Landbruksteknologiklyngen Jæren", None, 1.5e6, False)
    }


def test_english_support_with_a_range_and_a_project_led_by_a_member(extractor):
    text = (
        "Agder Marine Recycling Cluster brings together 30 companies. Innovation Norway "
        "supports the cluster organisation with NOK 1.5–2 million per year.\n\nIn 2024 the "
        "Research Council of Norway awarded NOK 4 million to a project on recycling nets. The "
        "project is led by our member Lindesnes Nettgjenvinning AS."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Agder Marine Recycling Cluster", None, (1.5e6, 2e6), True),
        ("Forskningsrådet", "Lindesnes Nettgjenvinning AS", None, 4e6, False),
    }


def test_a_sum_the_grant_is_compared_with_is_no_grant(extractor):
    text = (
        "Prosjektansvarlig: Jæren Grønt AS\n\nForskningsrådet har bevilget NOK 6 mill. til "
        "prosjektet. Tildelingen fra Forskningsrådet ble lavere enn de NOK 7,5 mill. partnerne "
        "søkte om."
    )
    assert events(extractor, text) == {("Forskningsrådet", "Jæren Grønt AS", None, 6e6, False)}


def test_money_that_comes_from_a_council_s_fund(extractor):
    text = (
        "Reiselivsklynga Vest-Telemark har 30 medlemer. Frå næringsfondet i Seljord kommune "
        "kjem 75 000 kroner til det felles skiltprosjektet vårt."
    )
    assert events(extractor, text) == {
        ("Seljord kommune", "Reiselivsklynga Vest-Telemark", None, 75_000.0, False)
    }


def test_each_of_the_companies_a_clause_lists_gets_the_sum(extractor):
    text = (
        "Vestland fylkeskommune har fordelt midlar frå Regionalt forskingsfond Vestland. "
        "Fjellfrukt Sogn AS og Bømlo Notbøteri AS får 450 000 kroner kvar til "
        "kvalifiseringsprosjekt."
    )
    assert {(f, r, a) for f, r, _, a, _ in events(extractor, text)} == {
        ("Vestland fylkeskommune", "Fjellfrukt Sogn AS", 450_000.0),
        ("Vestland fylkeskommune", "Bømlo Notbøteri AS", 450_000.0),
    }


def test_english_support_and_additions(extractor):
    text = (
        "Polar Data Cluster had a good year. Troms fylkeskommune added NOK 500,000 for a skills "
        "programme. The Norwegian Space Agency supported Lyngen Orbit AS with NOK 1.1 million."
    )
    assert events(extractor, text) == {
        ("Troms fylkeskommune", "Polar Data Cluster", None, 500_000.0, False),
        ("Norsk Romsenter", "Lyngen Orbit AS", None, 1.1e6, False),
    }


def test_a_total_claims_no_programme(extractor):
    text = (
        "Tre bedrifter i Sveiseklyngen Vest får til sammen 31 millioner kroner fra "
        "Forskningsrådet. Alle tre fikk gjennomslag i årets BIA-utlysning.\n\n"
        "Disse får støtte:\n\n"
        "Stord Robotsveis AS – 14 millioner kroner til sveising\n"
        "Fitjar Inspeksjon AS – 17 millioner kroner til ultralyd\n"
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Stord Robotsveis AS", "BIA", 14e6, False),
        ("Forskningsrådet", "Fitjar Inspeksjon AS", "BIA", 17e6, False),
    }


def test_a_grant_naming_no_funder_has_that_of_the_paragraph_before_it(extractor):
    text = (
        "Innovasjon Norge har gitt Arena Jærtek 2 millioner kroner.\n\n"
        "Enova har bevilget 11,5 millioner kroner til Klepp Robotikk AS for en melkerobot. "
        "Roboten oppdager sykdom tidlig. Også Hå Sensor AS fikk napp: Selskapet får 6 "
        "millioner kroner til sensorer."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Arena Jærtek", None, 2e6, False),
        ("Enova", "Klepp Robotikk AS", None, 11.5e6, False),
        ("Enova", "Hå Sensor AS", None, 6e6, False),
    }


def test_an_investor_investing_gives_no_grant(extractor):
    text = "Investinor har investert 30 millioner kroner i Halvdan Robotics AS."
    assert events(extractor, text) == set()


def test_council_named_back_before_its_amount_gives_it(extractor):
    text = (
        "Hyttebyggjarklynga Vest-Telemark samlar 18 bedrifter.\n\n"
        "Telemark fylkeskommune og Vinje kommune står bak kvar sin del av finansieringa, "
        "fylket med 700 000 kroner og kommunen med 300 000 kroner."
    )
    assert events(extractor, text) == {
        ("Telemark fylkeskommune", "Hyttebyggjarklynga Vest-Telemark", None, 700_000.0, False),
        ("Vinje kommune", "Hyttebyggjarklynga Vest-Telemark", None, 300_000.0, False),
    }


def test_sums_applied_for_and_own_contributions_in_a_financing_plan_are_no_grants(extractor):
    text = (
        "Stolklynga Sunnmøre har 19 medlemer. Prosjektet har eit budsjett på 1,8 millionar "
        "kroner. Finansieringsplanen ser slik ut:\n\n"
        "Møre og Romsdal fylkeskommune (tilsegn gjeve): 700 000 kroner\n"
        "Sykkylven kommune (omsøkt): 600 000 kroner\n"
        "Eigeninnsats frå medlemene: 500 000 kroner\n"
    )
    assert events(extractor, text) == {
        ("Møre og Romsdal fylkeskommune", "Stolklynga Sunnmøre", None, 700_000.0, False)
    }


def test_items_marked_by_any_symbol_are_sentences_of_their_own(extractor):
    text = (
        "Kari Holm\nDaglig leder i Fjordlys Sensor AS\n\n"
        "Vi har fått mye hjelp på veien. Takk til:\n\n"
        "👉 Sjømatklyngen Nordhordland, som satte oss i kontakt med de rette folkene\n"
        "👉 Innovasjon Norge, som ga oss 450 000 kr i oppstartstilskudd i fjor\n"
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Fjordlys Sensor AS", None, 450_000.0, False)
    }


def test_header_fields_are_sentences_of_their_own(extractor):
    text = (
        "KAIKRAFT – landstrøm for fiskebåter\n\n"
        "Prosjektansvarlig: Vardø Elektro AS\n"
        "Klynge: Havklyngen Øst-Finnmark\n"
        "Finansiering: Forskningsrådet (Innovasjonsprosjekt i næringslivet) NOK 4 mill. · "
        "Finnmark fylkeskommune kr 300 000\n\n"
        "Prosjektet skal utvikle en ladestasjon for fiskebåter i Vardø."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Vardø Elektro AS", "Innovasjonsprosjekt i næringslivet", 4e6, False),
        ("Finnmark fylkeskommune", "Vardø Elektro AS", None, 300_000.0, False),
    }


def test_a_heading_is_no_part_of_the_sentence_below_it(extractor):
    text = (
        "MEDLEMSBREV\nRobotklyngen Jæren\n\n"
        "Kvalifiseringsprosjekt til Vik\n"
        "Vik Maskin AS har fått innvilget et kvalifiseringsprosjekt på 450 000 kr fra "
        "Regionalt forskningsfond Rogaland. Sammen med NORCE skal bedriften teste roboter."
    )
    assert events(extractor, text) == {
        (None, "Vik Maskin AS", "Regionale forskningsfond", 450_000.0, False)
    }


def test_a_field_names_the_funder(extractor):
    text = (
        "Åtte bedrifter i Havvindklyngen Sør skal lære å levere til havvind. Forprosjektet "
        "ledes av Mandal Stål AS.\n\n"
        "Fakta om prosjektet\n\n"
        "Tilskudd: 1,1 millioner kroner\n"
        "Tilskuddsgiver: Innovasjon Norge\n"
        "Mottaker: Mandal Stål AS\n"
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Mandal Stål AS", None, 1_100_000.0, False)
    }


def test_a_council_body_points_back_at_its_municipality(extractor):
    text = (
        "Vanse Aluminium AS får 12 millioner kroner fra Enova til et nytt smelteverk.\n\n"
        "Også Farsund kommune har bidratt. Formannskapet bevilget før jul kr 250 000,- i "
        "tilskudd til Vanse Aluminium AS for opparbeiding av tomta."
    )
    assert events(extractor, text) == {
        ("Enova", "Vanse Aluminium AS", None, 12e6, False),
        ("Farsund kommune", "Vanse Aluminium AS", None, 250_000.0, False),
    }


def test_a_grant_after_an_application_goes_to_the_applicant(extractor):
    text = (
        "Arena Prosess Grenland har 34 medlemmer i Porsgrunn og Skien.\n\n"
        "• Kragerø Båtbyggerklynge søkte Kragerø kommune om 900 000 kroner til et "
        "kompetansesenter. Kommunestyret innvilget 400 000 kroner i oktober.\n"
    )
    assert events(extractor, text) == {
        ("Kragerø kommune", "Kragerø Båtbyggerklynge", None, 400_000.0, False)
    }


def test_approximate_sums_equity_and_proposals_are_no_grants(extractor):
    text = (
        "Stiftelsen Agderfond deler ut rundt 80 millioner kroner i året til allmennyttige "
        "formål. Eierne i Lista Smelteverk AS skyter inn 8 millioner kroner i ny egenkapital. "
        "Kommunedirektøren rår til at Listerklyngen får 250 000 kroner. Members of the "
        "Lister Cluster have secured more than NOK 60 million in research grants."
    )
    assert events(extractor, text) == set()


def test_a_recipient_that_may_be_glad_of_the_money_has_it(extractor):
    text = (
        "Sparebankstiftelsen DNB har delt ut gaver til grønn industri.\n\n"
        "Arendal Havneteknikk AS kan glede seg over 800 000 kroner til en ny "
        "fortøyningsløsning. En halv million går til Universitetet i Agder."
    )
    assert events(extractor, text) == {
        ("Sparebankstiftelsen DNB", "Arendal Havneteknikk AS", None, 800_000.0, False),
        ("Sparebankstiftelsen DNB", "Universitetet i Agder", None, 500_000.0, False),
    }


def test_a_range_promised_is_granted(extractor):
    text = (
        "Robotforum Jæren er tatt opp i Arena-programmet. Innovasjon Norge gir klyngen "
        "tilsagn om mellom 1,5 og 2 millioner kroner i året i tre år."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Robotforum Jæren", "Arena", (1.5e6, 2e6), True)
    }


def test_respectively_pairs_the_names_of_its_own_clause(extractor):
    text = (
        "Sparebankstiftelsen Glåmdal har 8 millioner kroner til utdeling i år. Styret vedtok "
        "at Skogklyngen Glåmdal får 1,5 millioner kroner, mens Kongsvinger Vitensenter AS og "
        "Eidskog Næringshage AS får henholdsvis 600 000 og 350 000 kroner."
    )
    assert {e for e in events(extractor, text) if e[3] < 1e6} == {
        ("Sparebankstiftelsen Glåmdal", "Kongsvinger Vitensenter AS", None, 600_000.0, False),
        ("Sparebankstiftelsen Glåmdal", "Eidskog Næringshage AS", None, 350_000.0, False),
    }


def test_an_interview_s_grants_go_to_its_cluster_they_or_their_company(extractor):
    text = (
        "Energiklynga Indre Sogn har fått den største løyvinga i historia si.\n\n"
        "Kor mykje har de fått?\n\n"
        "– Ullensvang kommune og Vestland fylkeskommune har i år løyvd oss høvesvis 150 000 "
        "og 300 000 kroner til kompetansetiltak.\n\n"
        "Kva med forskinga?\n\n"
        "– Der er Odda Elektrode AS motoren. Dei fekk i fjor 7 millionar kroner frå "
        "Forskingsrådet gjennom BIA."
    )
    assert events(extractor, text) == {
        ("Ullensvang kommune", "Energiklynga Indre Sogn", None, 150_000.0, False),
        ("Vestland fylkeskommune", "Energiklynga Indre Sogn", None, 300_000.0, False),
        ("Forskningsrådet", "Odda Elektrode AS", "BIA", 7e6, False),
    }


def test_a_table_s_column_of_grants_beside_the_sums_applied_for(extractor):
    text = (
        "BERGEN KOMMUNE\nTilskudd til klynger 2025\n\n"
        "Ordningen har en ramme på 3 millioner kroner. Tabellen viser søknadene.\n\n"
        "Søker                     | Søkt         | Innvilget\n"
        "--------------------------+--------------+-----------\n"
        "Bergen Spillklynge        | kr 650 000   | kr 450 000\n"
        "Fana Bakeri AS            | kr 250 000   | Avslått\n"
        "Sum                       | kr 900 000   | kr 450 000\n\n"
        "Søker\tSøkt\tTildelt\n"
        "Laksevåg Verft AS\tkr 300 000\tkr 200 000\n"
    )
    assert events(extractor, text) == {
        ("Bergen kommune", "Bergen Spillklynge", None, 450_000.0, False),
        ("Bergen kommune", "Laksevåg Verft AS", None, 200_000.0, False),
    }


def test_a_grant_naming_no_recipient_goes_to_the_organisation_the_text_is_about(extractor):
    text = (
        "PRESSEMELDING\n\n"
        "Varmelager Bergen AS har fått tilsagn om 9 millioner kroner fra Enova til et "
        "pilotanlegg. – Nå skal vi vise at det virker, sier daglig leder i Varmelager "
        "Bergen AS.\n\n"
        "Bergen kommune bidrar med 700 000 kr fra klimafondet til et måleprogram.\n\n"
        "Varmelager Bergen AS er medlem i Energiklyngen Vest. Varmelager Bergen AS har 17 "
        "ansatte."
    )
    assert ("Bergen kommune", "Varmelager Bergen AS", None, 700_000.0, False) in events(
        extractor, text
    )


def test_the_cluster_programme_s_level_names_the_grant(extractor):
    text = (
        "Fjord Data Cluster is part of the national Norwegian Innovation Clusters programme "
        "at Arena level. Innovation Norway supports our core activities with NOK 2 million "
        "per year for the period 2023–2025."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Fjord Data Cluster", "Arena", 2e6, True)
    }


def test_a_sum_applied_for_is_no_grant_until_granted(extractor):
    text = (
        "Hareid Propell AS skal byggje ein testhall. Selskapet søkjer om eit lån på 1,5 "
        "millionar kroner og eit tilskot på 300 000 kroner frå næringsfondet.\n\n"
        "Skipsklynga Sunnmøre søkte Hareid kommune om 900 000 kroner og fekk 400 000 kroner."
    )
    assert events(extractor, text) == {
        ("Hareid kommune", "Skipsklynga Sunnmøre", None, 400_000.0, False)
    }


def test_a_project_s_grant_goes_to_its_owner(extractor):
    text = (
        "Skipsklynga Sunnmøre har 31 medlemer.\n\n"
        "Møre og Romsdal fylkeskommune har gjeve tilsegn om 600 000 kroner til forprosjektet, "
        "med Hareid kommune som prosjekteigar."
    )
    assert events(extractor, text) == {
        ("Møre og Romsdal fylkeskommune", "Hareid kommune", None, 600_000.0, False)
    }


def test_a_table_aligned_by_spaces_under_a_letterhead_in_capitals(extractor):
    text = (
        "NORDLAND FYLKESKOMMUNE\n\n"
        "Fylkesdirektøren har behandlet tre søknader.\n\n"
        "Søker                     Prosjekt                  Søkt              Innvilget\n"
        "------------------------  ------------------------  ----------------  ----------\n"
        "Salten Skogklynge         Digital tømmermåling      kr 600 000,-      kr 450 000,-\n"
        "Bodø Havneteknikk AS      Felles energisentral      kr 1 200 000,-    kr 800 000,-\n"
        "Sum                                                 kr 1 800 000,-    kr 1 250 000,-\n\n"
        "Merknader\n"
        "1. Salten Skogklynge fikk i første søknadsrunde kr 200 000,- til et nettverksprosjekt. "
        "Klyngen har dermed fått til sammen kr 650 000,- fra ordningen i 2024.\n"
    )
    assert events(extractor, text) == {
        ("Nordland fylkeskommune", "Salten Skogklynge", None, 450_000.0, False),
        ("Nordland fylkeskommune", "Bodø Havneteknikk AS", None, 800_000.0, False),
        ("Nordland fylkeskommune", "Salten Skogklynge", None, 200_000.0, False),
    }


def test_a_proposal_voted_down_is_no_grant(extractor):
    text = (
        "Vedtak:\nHelgeland Metallklynge innvilges et tilskudd på 350 000 kroner fra "
        "kommunalt næringsfond. Formannskapsmedlem Geir Strømhaug fremmet forslag om å øke "
        "tilskuddet til 450 000 kroner. Forslaget falt."
    )
    assert {e[3] for e in events(extractor, text)} == {350_000.0}


def test_list_items_with_their_own_funder_and_a_sentence_after(extractor):
    text = (
        "Det har vært et rekordår i Havklyngen Sør. Her er midlene klyngen og medlemmene har "
        "fått tilsagn om i løpet av året:\n\n"
        "• Mandal Ror AS – 2,5 MNOK fra Forskningsrådet til et innovasjonsprosjekt i "
        "næringslivet. Prosjektet har en totalramme på 9,8 MNOK.\n"
        "• Søgne Sonar AS – 400 000 kr i tilskudd fra Innovasjon Norge Agder.\n"
        "• Klyngen selv – Innovasjon Norge tok oss opp i Arena-programmet fra 1. september. "
        "Det gir 1,6 MNOK årlig i tre år.\n"
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Mandal Ror AS", "Innovasjonsprosjekt i næringslivet", 2.5e6, False),
        ("Innovasjon Norge", "Søgne Sonar AS", None, 400_000.0, False),
        ("Innovasjon Norge", "Havklyngen Sør", "Arena", 1.6e6, True),
    }


def test_a_local_council_and_a_place_s_fund_give_grants(extractor):
    text = (
        "Polar Turistklynge i Longyearbyen er teken opp i Arena-programmet.\n\n"
        "– Innovasjon Noreg gjev oss 1,8 millionar kroner i året i tre år. I tillegg har "
        "Longyearbyen lokalstyre løyvd 200 000 kroner til eit seminar som vi skal halde. "
        "Isfjord Båt AS har fått 450 000 kroner frå Svalbards miljøvernfond til ein motor."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Polar Turistklynge", "Arena", 1.8e6, True),
        ("Longyearbyen lokalstyre", "Polar Turistklynge", None, 200_000.0, False),
        ("Svalbards miljøvernfond", "Isfjord Båt AS", None, 450_000.0, False),
    }


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "Båtsfjord Fisk AS bygger nytt mottak. I tillegg har Innovasjon Norge gitt tilsagn "
            "om et investeringstilskudd på mellom 1,2 og 1,5 millioner kroner.",
            ("Innovasjon Norge", "Båtsfjord Fisk AS", None, (1.2e6, 1.5e6), False),
        ),
        (
            "Innovasjon Norge har forlenget Arena-støtten til Energiklyngen Sokndal med to år. "
            "Det betyr 1,5 mill. kroner per år i 2025 og 2026.",
            ("Innovasjon Norge", "Energiklyngen Sokndal", "Arena", 1.5e6, True),
        ),
        (
            "Det største anlegget bygges på gården til Stange Samdrift DA. Enova har gitt "
            "tilsagn om inntil 400 000 kroner til anlegget der.",
            ("Enova", "Stange Samdrift DA", None, (0.0, 400_000.0), False),
        ),
    ],
)
def test_an_investment_grant_range_a_sum_pointed_back_at_and_a_da(extractor, text, event):
    assert events(extractor, text) == {event}


def test_two_councils_named_together_each_give_and_a_project_is_no_recipient(extractor):
    text = (
        "Kjære medlemer i Treklynga Vest-Telemark!\n\n"
        "Seljord og Kviteseid kommunar har i tillegg løyvd 75 000 kroner kvar til det same "
        "prosjektet. Forskningsrådet har bevilget 2 MNOK til TRESKOG+, prosjektet der vi skal "
        "teste nye limtre. Bø Limtre AS har sjølv sett av 1,3 millionar kroner til prosjektet."
    )
    assert events(extractor, text) == {
        ("Seljord kommune", "Treklynga Vest-Telemark", None, 75_000.0, False),
        ("Kviteseid kommune", "Treklynga Vest-Telemark", None, 75_000.0, False),
        ("Forskningsrådet", "Treklynga Vest-Telemark", None, 2e6, False),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bioplastklyngen Vestfold startet som et nettverk av ni bedrifter. Den har tidligere "
            "fått 400 000 kroner fra Vestfold og Telemark fylkeskommune.",
            {("Vestfold og Telemark fylkeskommune", "Bioplastklyngen Vestfold", None, 4e5, False)},
        ),
        (
            "Tromsø Kjøl AS lager kjølecontainere. Siva has also committed up to NOK 1 million "
            "to the company for a test hall.",
            {("Siva", "Tromsø Kjøl AS", None, (0.0, 1e6), False)},
        ),
        (
            "Helgeland Sveis AS får 500 000 kroner hver fra Nordland fylkeskommune og Rana "
            "kommune til et lærlingprogram.",
            {
                ("Nordland fylkeskommune", "Helgeland Sveis AS", None, 5e5, False),
                ("Rana kommune", "Helgeland Sveis AS", None, 5e5, False),
            },
        ),
        (
            "Framside   Nyheiter\n\n«Utan klynga hadde vi aldri turt»\n\n"
            "Ørsta Stol AS har dobla omsetnaden på fem år. Vi har snakka med dagleg leiar Randi "
            "Aure om kva Møbelklynga Nordvest har hatt å seie.\n\n"
            "– Forskingsrådet gav oss 3,5 millionar kroner gjennom BIA, og saman med NTNU "
            "utvikla vi ein metode. Møbelklynga Nordvest har vore viktig.",
            {("Forskningsrådet", "Ørsta Stol AS", "BIA", 3.5e6, False)},
        ),
    ],
)
def test_it_us_each_from_several_and_a_commitment(extractor, text, expected):
    assert events(extractor, text) == expected


def test_a_funder_s_share_under_a_programme_field_beside_a_budget(extractor):
    text = (
        "Prosjektbanken\n\n"
        "Prosjektansvarlig: Andøy Marin Protein AS\n"
        "Program: Brukerstyrt innovasjonsarena (BIA)\n\n"
        "Om prosjektet\n\n"
        "Andøy Marin Protein AS vil hente ut enzymer fra slo.\n\n"
        "Forskningsrådets bidrag til prosjektet er 12 MNOK, mens det totale budsjettet er "
        "31 MNOK."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Andøy Marin Protein AS", "BIA", 12e6, False)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vossaklynga samlar 40 reiselivsbedrifter.\n\n– Ja, Voss herad løyvde 350 000 "
            "kroner i vår. Og Sparebanken Vest har støtta oss med ei gåve på 150 000 kroner.",
            {
                ("Voss herad", "Vossaklynga", None, 350_000.0, False),
                ("Sparebanken Vest", "Vossaklynga", None, 150_000.0, False),
            },
        ),
        (
            "Arktisk Byggklynge samler 30 bedrifter i Alta.\n\nOgså Alta kommune har åpnet "
            "lommeboka. I september vedtok kommunestyret å gi klyngen en halv million kroner. "
            "Nordland fylkeskommune fulgte opp med 0,8 millioner kroner til prosjektet.",
            {
                ("Alta kommune", "Arktisk Byggklynge", None, 500_000.0, False),
                ("Nordland fylkeskommune", "Arktisk Byggklynge", None, 800_000.0, False),
            },
        ),
        (
            "MATKLYNGEN SNÅSA\nÅrsrapport 2023\n\nMatklyngen Snåsa samler 40 gårdsbruk.\n\n"
            "Kilde                                       Beløp (kr)\n"
            "Innovasjon Norge – Arena-programmet          1 800 000\n"
            "SpareBank 1 SMN – gavemidler                   200 000\n"
            "Medlemskontingent                              612 500\n"
            "Sum inntekter                                2 612 500\n",
            {
                ("Innovasjon Norge", "Matklyngen Snåsa", "Arena", 1.8e6, False),
                ("SpareBank 1 SMN", "Matklyngen Snåsa", None, 200_000.0, False),
            },
        ),
    ],
)
def test_a_herad_a_bank_s_gift_a_council_body_and_a_table_in_kroner(extractor, text, expected):
    assert events(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tune Papir AS vil erstatte plastbrett med papirmasse. 12,4 millioner kroner fra "
            "Enova skal gjøre det mulig.",
            {("Enova", "Tune Papir AS", None, 12.4e6, False)},
        ),
        (
            "Arena Sirkulær Mo samler 30 bedrifter.\n\nKlyngens samlede inntekter var 3,7 "
            "millioner kroner i 2024. Innovasjon Norge bevilget 2,2 MNOK til klyngedriften.",
            {("Innovasjon Norge", "Arena Sirkulær Mo", None, 2.2e6, False)},
        ),
        (
            "Prosjektansvarlig: Elverum Fiber AS\n"
            "Finansiering: Forskningsrådet (6,2 MNOK); egeninnsats fra partnerne (8,4 MNOK)\n",
            {("Forskningsrådet", "Elverum Fiber AS", None, 6.2e6, False)},
        ),
    ],
)
def test_money_from_a_body_revenue_and_own_work_in_brackets(extractor, text, expected):
    assert events(extractor, text) == expected


def test_a_grant_that_sums_others_by_chance_stays(extractor):
    text = (
        "SENJA KOMMUNE\nFormannskapet\n\n"
        "Vedtak:\n1. Senja Fiskeklynge innvilges et tilskudd på kr 250 000,- fra kommunalt "
        "næringsfond.\n\nVedtak:\n1. Husøy Fisk AS tildeles 150 000 kroner i tilskudd.\n\n"
        "Vedtak:\nSenja kommune bevilger 100 000 kroner årlig til drift av Senja Fiskeklynge."
    )
    assert {e[3] for e in events(extractor, text)} == {250_000.0, 150_000.0, 100_000.0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Oversikt:\n\n• Bodø Robotics Cluster rykker opp til Arena Pro. Innovasjon Norge går "
            "inn med 2,8 millioner kroner årlig.\n"
            "• Samme klynge kan også glede seg over 1,2 millioner kroner fra Sparebankstiftelsen "
            "DNB til en testlab.\n",
            {
                ("Innovasjon Norge", "Bodø Robotics Cluster", "Arena Pro", 2.8e6, True),
                ("Sparebankstiftelsen DNB", "Bodø Robotics Cluster", None, 1.2e6, False),
            },
        ),
        (
            "Her er tildelingene vi kjenner til:\n\n• Bodø Robotics Cluster rykker opp til Arena "
            "Pro. Innovasjon Norge går inn med 2,8 millioner kroner årlig.\n\n"
            "• Samme klynge kan også glede seg over 1,2 millioner kroner fra Sparebankstiftelsen "
            "DNB til en testlab.\n\n• Skogklyngen Namdal har fått tilsagn om 600 000 kroner fra "
            "Trøndelag fylkeskommune.\n",
            {
                ("Innovasjon Norge", "Bodø Robotics Cluster", "Arena Pro", 2.8e6, True),
                ("Sparebankstiftelsen DNB", "Bodø Robotics Cluster", None, 1.2e6, False),
                ("Trøndelag fylkeskommune", "Skogklyngen Namdal", None, 600_000.0, False),
            },
        ),
        (
            "Datasenterklynga Rjukan samlar 20 verksemder.\n\nI fjor fekk klynga 1,5 millionar "
            "kroner frå Forskingsrådet gjennom FORREGION, til eit samarbeid med Universitetet i "
            "Sørøst-Norge.",
            {("Forskningsrådet", "Datasenterklynga Rjukan", "FORREGION", 1.5e6, False)},
        ),
    ],
)
def test_the_same_cluster_the_one_before_and_the_cluster_that_got_it(extractor, text, expected):
    assert events(extractor, text) == expected


def test_programme_named_in_the_header_gives_the_grants_below(extractor):
    text = (
        "REGIONALT FORSKNINGSFOND AGDER\nTildelinger våren 2025\n\n"
        "Fondsstyret har behandlet ni søknader. Tre prosjekter ble tildelt midler.\n\n"
        "Søker | Prosjekt | Innvilget\n"
        "Birkeland Marin AS | Sensorer i merd | 800 000 kr\n"
        "Vennesla Tre AS | Limtre av lauvtre | 450 000 kr\n"
    )
    assert {(e[1], e[2], e[3]) for e in events(extractor, text)} == {
        ("Birkeland Marin AS", "Regionale forskningsfond", 800_000.0),
        ("Vennesla Tre AS", "Regionale forskningsfond", 450_000.0),
    }


def test_a_company_or_cluster_given_money_by_a_word_pointing_back(extractor):
    text = (
        "Innovasjon Norge har bevilget 500 000 kroner til et forprosjekt i Lista Plast AS. "
        "Også Agder fylkeskommune er med. Fylket har lovet bedriften inntil 400 000 kroner til "
        "materialtesting ved Universitetet i Agder.\n\n"
        "Lista Plast AS er medlem av Lister Maritime Klynge, som har 26 medlemmer. Farsund "
        "kommune har gitt klyngen 75 000 kroner til en fagdag."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Lista Plast AS", None, 500_000.0, False),
        ("Agder fylkeskommune", "Lista Plast AS", None, (0.0, 400_000.0), False),
        ("Farsund kommune", "Lister Maritime Klynge", None, 75_000.0, False),
    }


def test_money_to_it_goes_to_the_company_named_before(extractor):
    text = (
        "Det største prosjektet blant medlemene leier Hareid Propell AS. Forskingsrådet løyvde "
        "7,5 millionar kroner til det i vår, og NTNU i Ålesund er forskingspartnar."
    )
    assert events(extractor, text) == {
        ("Forskningsrådet", "Hareid Propell AS", None, 7_500_000.0, False)
    }


def test_a_range_the_commitment_is_stated_as_is_a_grant(extractor):
    text = (
        "Siden 2023 har Kystopplevelser Sør vært Arena-klynge. Tilsagnet fra Innovasjon Norge "
        "ligger på mellom 1,5 og 2 millioner kroner årlig."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Kystopplevelser Sør", "Arena", (1.5e6, 2e6), True)
    }


def test_a_sentence_ending_in_a_number_and_the_section_heading_naming_the_applicant(extractor):
    text = (
        "VEFSN KOMMUNE\nFormannskapet\n\n"
        "PS 18/25 Søknad om tilskudd – Metallforum Helgeland\n\n"
        "Metallforum Helgeland er en klynge av 22 bedrifter. Prosjektets samlede kostnadsramme "
        "er kr 1 280 000. Nordland fylkeskommune har allerede gitt tilsagn om 600 000 kroner.\n\n"
        "Vedtak:\n1. Vefsn kommune innvilger Metallforum Helgeland et tilskudd på kr 250 000,-."
        "\n\n"
        "PS 19/25 Søknad om tilskudd og lån – Nordvik Sveis og Montasje AS\n\n"
        "Selskapet søker om et tilskudd på 400 000 kr.\n\n"
        "Vedtak:\n1. Det gis tilsagn om tilskudd på inntil kr 150 000 til opplæringen.\n"
    )
    assert {(e[0], e[1], e[3]) for e in events(extractor, text)} == {
        ("Nordland fylkeskommune", "Metallforum Helgeland", 600_000.0),
        ("Vefsn kommune", "Metallforum Helgeland", 250_000.0),
        ("Vefsn kommune", "Nordvik Sveis og Montasje AS", (0.0, 150_000.0)),
    }


def test_list_rows_naming_the_body_the_sum_and_its_purpose(extractor):
    text = (
        "Av Randi Hoff, klyngeleder i Mjøs Industrinett\n\n"
        "Klyngen lever av søknader. Dette kom inn i 2024:\n\n"
        "• Innlandet fylkeskommune: 350 000 kroner til kompetanseprogrammet «Robot på gulvet»\n"
        "• Sparebankstiftelsen Hedmark: 200 000 kroner til sommerskolen for ungdom\n\n"
        "BIA-søknaden vår, der vi ba om 12 millioner kroner til et forskningsprosjekt, fikk god "
        "karakter, men nådde ikke opp.\n\n"
        "• Rogaland fylkeskommune lyser i januar ut 5 millioner kroner til grønne prosjekter.\n"
    )
    assert events(extractor, text) == {
        ("Innlandet fylkeskommune", "Mjøs Industrinett", None, 350_000.0, False),
        ("Sparebankstiftelsen Hedmark", "Mjøs Industrinett", None, 200_000.0, False),
    }


def test_a_clusters_yearly_grant_from_the_body_running_its_level(extractor):
    text = (
        "Klyngeleiar Ola Vik i Interiørklynga Sunnmøre har hatt ei travel vår.\n\n"
        "Gratulerer med Arena-statusen. Kva inneber han i kroner og øre?\n\n"
        "– Takk! Vi får 1,8 millionar kroner årleg i tre år frå Innovasjon Noreg. I tillegg har "
        "Møre og Romsdal fylkeskommune løyvd ein halv million kroner til eit prosjekt."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Interiørklynga Sunnmøre", "Arena", 1.8e6, True),
        ("Møre og Romsdal fylkeskommune", "Interiørklynga Sunnmøre", None, 500_000.0, False),
    }


def test_an_investor_in_another_clause_is_not_the_recipient(extractor):
    text = (
        "Båtsfjord Krabbemottak AS skal doble kapasiteten. Anlegget skal koste 22 millioner "
        "kroner. I tillegg til Innovasjon Norge-pengene har investeringsselskapet Polarkapital "
        "Øst AS gått inn med 5 millioner kroner i ny egenkapital, og Båtsfjord kommune har "
        "bevilget 300.000 kroner fra kommunens næringsfond."
    )
    assert events(extractor, text) == {
        ("Båtsfjord kommune", "Båtsfjord Krabbemottak AS", None, 300_000.0, False)
    }


def test_a_noun_opening_a_sentence_names_the_company_it_is_a_word_of(extractor):
    text = (
        "Grøntklyngen Vestfold har 40 medlemmer.\n\n"
        "Til Tjølling Gartneri AS, som har fått tommelen opp fra Enova. Gartneriet får 1,75 "
        "millioner kroner til varmepumpe og LED-belysning i veksthusene."
    )
    assert events(extractor, text) == {("Enova", "Tjølling Gartneri AS", None, 1_750_000.0, False)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nordmøre Prosessnettverk samlar 18 bedrifter. Møre og Romsdal fylkeskommune har "
            "sagt ja til å dekkje mellom 200 000 og 300 000 kroner av ei studie som nettverket "
            "skal gjere.",
            {
                (
                    "Møre og Romsdal fylkeskommune",
                    "Nordmøre Prosessnettverk",
                    None,
                    (2e5, 3e5),
                    False,
                )
            },
        ),
        (
            "Polar Ocean Sensing Cluster brings together 29 companies. Troms County Council "
            "supports our work with NOK 400,000 a year. Our total budget for the three-year "
            "period is NOK 12 million, of which half is provided by the members.",
            {("Troms fylkeskommune", "Polar Ocean Sensing Cluster", None, 400_000.0, True)},
        ),
    ],
)
def test_a_range_a_body_says_yes_to_and_a_budget_in_english(extractor, text, expected):
    assert events(extractor, text) == expected


def test_money_to_the_same_project_goes_to_the_company_or_cluster_named_before(extractor):
    text = (
        "Simulatoren står hos Kvinnherad Næringshage AS. Kvinnherad Næringshage AS er glad. "
        "Eirik Økland er dagleg leiar i Sunnhordland Havbruksklynge. Resten av pengane kjem frå "
        "Vestland fylkeskommune, som i mai løyvde 500 000 kroner til det same prosjektet."
    )
    assert events(extractor, text) == {
        ("Vestland fylkeskommune", "Sunnhordland Havbruksklynge", None, 500_000.0, False)
    }


def test_a_table_numbering_its_rows_and_its_sum_line(extractor):
    text = (
        "TRØNDELAG FYLKESKOMMUNE\n\nOversikt over behandlede søknader\n\n"
        "Nr  Søker                 Kommune    Søkt          Innvilget\n"
        "--  --------------------  ---------  ------------  ------------\n"
        "1   Innherred Matklynge   Levanger   kr 600 000    kr 450 000\n"
        "2   Dolmøy Skjell AS      Hitra      kr 350 000    kr 250 000\n"
        "3   Namdal Trebruk AS     Namsos     kr 900 000    Avslag\n\n"
        "Sum innvilget: kr 700 000\n"
    )
    assert events(extractor, text) == {
        ("Trøndelag fylkeskommune", "Innherred Matklynge", None, 450_000.0, False),
        ("Trøndelag fylkeskommune", "Dolmøy Skjell AS", None, 250_000.0, False),
    }


def test_a_table_of_sums_with_their_givers_and_kinds(extractor):
    text = (
        "Trebyggklyngen Innherred\nVedlegg 2 til styremøte\n\n"
        "OVERSIKT: FINANSIERING TIL KLYNGEN OG MEDLEMMENE I 2024\n\n"
        "Mottaker                   Giver                      Beløp              Type\n"
        "-------------------------  -------------------------  -----------------  ----------\n"
        "Verdal Massivtre AS        Innovasjon Norge           NOK 3 mill.        Tilskudd\n"
        "Verdal Massivtre AS        Innovasjon Norge           NOK 8 mill.        Lån\n"
        "Inderøy Snekkeri AS        SpareBank 1 SMN            kr 200 000         Gave\n"
        "Snåsa Tømmer AS            Innherred Vekst AS         2,5 MNOK           Egenkapital\n\n"
        "Sum tilskudd og gaver 2024: kr 3 200 000.\n"
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Verdal Massivtre AS", None, 3e6, False),
        ("SpareBank 1 SMN", "Inderøy Snekkeri AS", None, 200_000.0, False),
    }


def test_a_financing_plan_s_grants_are_its_rows_of_funding_bodies(extractor):
    text = (
        "TELEMARK FYLKESKOMMUNE\n\nReiselivsklynga Vest-Telemark\n\nVedtak\nFylkeskommunen "
        "gjev Reiselivsklynga Vest-Telemark tilsegn om tilskot på inntil 400 000 kroner.\n\n"
        "Fylkeskommunen legg til grunn denne finansieringsplanen:\n\n"
        "  Fylkeskommunen (dette tilsegnet)                   400 000 kroner\n"
        "  Vinje kommune (tilsegn av 20.02.2025)              120 000 kroner\n"
        "  Tokke kommune (vedteke i formannskapet)             80 000 kroner\n"
        "  Eigeninnsats og kontantar frå medlemene            550 000 kroner\n"
        "  Sum                                              1 150 000 kroner\n\n"
        "Klynga sel kurs, og deltakaravgifta vert berre 1 500 kroner per person."
    )
    assert events(extractor, text) == {
        ("Telemark fylkeskommune", "Reiselivsklynga Vest-Telemark", None, (0.0, 400_000.0), False),
        ("Vinje kommune", "Reiselivsklynga Vest-Telemark", None, 120_000.0, False),
        ("Tokke kommune", "Reiselivsklynga Vest-Telemark", None, 80_000.0, False),
    }


def test_a_plan_s_row_of_the_grant_bounded_before_is_the_same_grant(extractor):
    text = (
        "Friluftsklynga Romsdal\n\nMøre og Romsdal fylkeskommune gjev med dette tilsegn om "
        "tilskot på inntil 400 000 kroner til forprosjektet.\n\nFinansieringsplan:\n"
        "  Møre og Romsdal fylkeskommune, dette tilsegnet   kr 400 000\n"
        "  Innovasjon Noreg                                 kr 250 000\n"
    )
    assert events(extractor, text) == {
        ("Møre og Romsdal fylkeskommune", "Friluftsklynga Romsdal", None, (0.0, 400_000.0), False),
        ("Innovasjon Norge", "Friluftsklynga Romsdal", None, 250_000.0, False),
    }


def test_the_owner_s_field_before_the_leader_s(extractor):
    text = (
        "ELFJORD – elektrisk arbeidsbåt\n\nProsjektleiar: Synnøve Ljones, Ljones Marinservice AS\n"
        "Prosjektansvarleg: Sjøbruksklynga Hardanger\n"
        "Finansiering: Vestland fylkeskommune kr 400 000\n"
    )
    assert {(f, r, a) for f, r, _, a, _ in events(extractor, text)} == {
        ("Vestland fylkeskommune", "Sjøbruksklynga Hardanger", 400_000.0)
    }


def test_a_grant_letter_s_plan_rows_and_earlier_grant_go_to_its_addressee(extractor):
    text = (
        "MØRE OG ROMSDAL FYLKESKOMMUNE\n\nSmart Industri Nordmøre\nv/ dagleg leiar Bjørnar "
        "Hoem\n6501 Kristiansund N\n\nTILSEGN OM TILSKOT\n\nVi viser til søknaden.\n\n"
        "Finansieringsplan:\n"
        "Tilskot frå fylkeskommunen (dette tilsegnet)         kr 480 000\n"
        "Tilskot frå Kristiansund kommune (gjeve 12.06.2024)  kr 120 000\n"
        "Eigeninnsats frå medlemsverksemdene                  kr 600 000\n\n"
        "Tilsegnet kjem i tillegg til tilskotet på kr 220 000 som klynga fekk i 2023."
    )
    assert {(f, r, a) for f, r, _, a, _ in events(extractor, text)} == {
        ("Kristiansund kommune", "Smart Industri Nordmøre", 120_000.0),
        ("Møre og Romsdal fylkeskommune", "Smart Industri Nordmøre", 220_000.0),
    }


def test_a_column_of_decisions_is_the_column_of_grants(extractor):
    text = (
        "Innlandet fylkeskommune\n\nRegionale utviklingsmidler 2025\n\n"
        "Søker                          | Søkt         | Vedtak\n"
        "-------------------------------+--------------+---------------------\n"
        "Gudbrandsdal Matklynge         | kr 400 000   | Innvilget kr 300 000\n"
        "Mjøsen Hydrogen AS             | kr 750 000   | Avslått\n"
        "Fjellsykkelklyngen Trysil      | kr 250 000   | Innvilget kr 250 000\n"
    )
    assert events(extractor, text) == {
        ("Innlandet fylkeskommune", "Gudbrandsdal Matklynge", None, 300_000.0, False),
        ("Innlandet fylkeskommune", "Fjellsykkelklyngen Trysil", None, 250_000.0, False),
    }


def test_english_we_receive_went_to_and_nationalities(extractor):
    text = (
        "Senja Ocean Cluster\n\nSenja Ocean Cluster is a network of 41 companies. Through the "
        "programme we receive NOK 1.9 million per year from Innovation Norway, the Norwegian "
        "government's agency for innovation. In 2023, members were awarded NOK 11.4 million in "
        "total by the Research Council of Norway. The largest share, NOK 5.2 million, went to "
        "Gryllefjord Marine Protein AS. Our manager speaks English, German and Norwegian."
    )
    found = extractor.extract(text)
    assert {e.canonical for e in found.entities if e.type in ("ORG", "LOCATION")} == {
        "Innovasjon Norge", "Forskningsrådet", "Gryllefjord Marine Protein AS"
    }  # fmt: skip
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Senja Ocean Cluster", None, 1.9e6, True),
        ("Forskningsrådet", "Gryllefjord Marine Protein AS", None, 5.2e6, False),
    }


def test_a_cluster_s_own_report_is_about_the_cluster(extractor):
    text = (
        "Klippfiskklynga Nordmøre\nÅrsmelding 2023 (utdrag)\n\n"
        "Møre og Romsdal fylkeskommune løyvde 400 000 kroner til kompetanseprosjektet "
        "«Klippfisk 2030».\n\nProsjektleiar er Marianne Hoem (HR-sjef, Nordvik Turkeri AS). "
        "Nordvik Turkeri AS har investert 11 millionar kroner i eit nytt turkeri. Nordvik "
        "Turkeri AS har 40 tilsette."
    )
    assert events(extractor, text) == {
        ("Møre og Romsdal fylkeskommune", "Klippfiskklynga Nordmøre", None, 400_000.0, False)
    }


def test_a_row_of_a_body_and_its_sum_before_sentences_about_it(extractor):
    text = (
        "Til: Styret i Arena Sirkulær Bygg Buskerud\n\nInnvilget for 2025\n"
        "• Innovasjon Norge (Arena): 1,6 millioner kroner. Dette er år to av tre i "
        "Arena-perioden. Tilsagnsbrevet kom 15. januar.\n"
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Arena Sirkulær Bygg Buskerud", "Arena", 1.6e6, False)
    }


def test_a_table_whose_introduction_gives_the_currency(extractor):
    text = (
        "Prosessklynga Hardanger\nÅrsmelding 2023\n\n"
        "Offentlege tilskot til klynga i 2023 (beløp i kroner):\n\n"
        "Tilskotsgjevar                   Formål                                   Beløp\n"
        "Innovasjon Noreg (Arena Pro)     Klyngedrift og fellesprosjekt        2 750 000\n"
        "Ullensvang kommune               Vertskapsprogram for nye tilsette      125 000\n\n"
        "Medlemskontingentane utgjorde 1,6 millionar kroner, og sal av kurs og tenester gav "
        "1,15 millionar kroner."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Prosessklynga Hardanger", "Arena Pro", 2.75e6, False),
        ("Ullensvang kommune", "Prosessklynga Hardanger", None, 125_000.0, False),
    }


def test_the_owner_field_after_a_leader_field_naming_only_a_person(extractor):
    text = (
        "SmartFôr – sensorstyrt fôring i merd\n\nProsjektleder: Ingrid Sæther Strøm\n"
        "Prosjektansvarlig: Hitra Havteknikk AS\nKlynge: Kystteknologiklyngen Trøndelag\n"
        "Finansiering: Forskningsrådet, Innovasjonsprosjekt i næringslivet (5,6 MNOK); "
        "Trøndelag fylkeskommune (0,75 MNOK)\n"
    )
    assert {(f, r, a) for f, r, _, a, _ in events(extractor, text)} == {
        ("Forskningsrådet", "Hitra Havteknikk AS", 5.6e6),
        ("Trøndelag fylkeskommune", "Hitra Havteknikk AS", 750_000.0),
    }


def test_a_list_introduced_inside_a_sentence_and_sums_that_are_no_grants(extractor):
    text = (
        "NYHETSBREV – Logistikklyngen Romerike\n\nI sommer har to av medlemmene våre fått "
        "innovasjonstilskudd fra Innovasjon Norge:\n"
        "Ullensaker Kjølelager AS – 1 150 000 kr – solcelledrevne kjølecontainere\n"
        "Jessheim Pakkeautomater AS – 395 000 kr – ny returløsning for netthandel\n\n"
        "Stiftinga hadde 5 millionar kroner til fordeling. Pilotanlegget er kostnadsberegnet "
        "til 2,2 mill. kr."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Ullensaker Kjølelager AS", None, 1_150_000.0, False),
        ("Innovasjon Norge", "Jessheim Pakkeautomater AS", None, 395_000.0, False),
    }


def test_a_compound_of_stonad_states_a_grant(extractor):
    text = (
        "Havfôrklynga Vest har 30 medlemer. Dette kom inn i fjor:\n\n"
        "• Innovasjon Noreg: 2 millionar kroner i årleg driftsstønad gjennom Arena.\n"
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Havfôrklynga Vest", "Arena", 2e6, True)
    }


def test_a_list_of_sources_and_what_a_company_named_before_had_financed(extractor):
    text = (
        "Kystklyngen Varanger får en million kroner fra SpareBank 1 Nord-Norge.\n\n"
        "Rederiet Havgapet AS i Berlevåg tar imot ungdom i sommer. Daglig leder Terje Kaino "
        "overtok nylig en ny kystbåt til 14 millioner kroner. Båten er finansiert med banklån, "
        "egenkapital og 2 millioner kroner i tilskudd fra Innovasjon Norge."
    )
    assert events(extractor, text) == {
        ("SpareBank 1 Nord-Norge", "Kystklyngen Varanger", None, 1e6, False),
        ("Innovasjon Norge", "Havgapet AS", None, 2e6, False),
    }


def test_a_report_titled_after_its_kind_an_agreement_and_money_for_the_cluster_s_running(
    extractor,
):
    text = (
        "Årsmelding 2024 – Grøn Kyst Nordmøre\n\nKapittel 4: Økonomi\n\n"
        "Klynga hadde i 2024 samla inntekter på 7,9 millionar kroner.\n\n"
        "Innovasjon Noreg løyvde 3 millionar kroner til klyngedrifta i 2024 gjennom Arena Pro.\n\n"
        "Møre og Romsdal fylkeskommune inngjekk i januar ein avtale med klynga om 500 000 kroner "
        "årleg i tre år.\n\n"
        "I år er det sett av 6 millionar kroner til klynge- og nettverksutvikling i fylket."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Grøn Kyst Nordmøre", "Arena Pro", 3e6, False),
        ("Møre og Romsdal fylkeskommune", "Grøn Kyst Nordmøre", None, 500_000.0, True),
    }


def test_a_programme_applied_for_and_granted_an_estimate_and_money_left_unused(extractor):
    text = (
        "Østerdalen Treklynge har 40 medlemmer.\n\n"
        "Søknaden vår om Arena-status er innvilget. For klyngen betyr det 1,8 millioner kroner i "
        "året fra Innovasjon Norge.\n\n"
        "Tilsagnet til Namdal Trebruk AS fra Trøndelag fylkeskommune forutsetter at kommunen "
        "dekker halvparten av prosjektkostnadene, som er anslått til kr 760 000. Innlandet "
        "fylkeskommune har tildelt tre klynger midler, slik at kr 970 000 står ubrukt."
    )
    assert events(extractor, text) == {
        ("Innovasjon Norge", "Østerdalen Treklynge", "Arena", 1.8e6, True)
    }


def test_a_grant_split_by_year_and_an_event_named_in_quotes(extractor):
    text = (
        "Skagerak Elbåtklynge har 30 medlemmer.\n\n"
        "1. Formannskapet i Kristiansand kommune løyver 450 000 kroner til Skagerak Elbåtklynge, "
        "fordelt med 225 000 kroner per år i 2024 og 2025.\n\n"
        "• Sparebankstiftelsen Sparebanken Sør: støtter sommerskolen «Elbåt for ungdom» med "
        "inntil 120 000 kroner.\n"
    )
    assert events(extractor, text) == {
        ("Kristiansand kommune", "Skagerak Elbåtklynge", None, 450_000.0, False),
        (
            "Sparebankstiftelsen Sparebanken Sør",
            "Skagerak Elbåtklynge",
            None,
            (0.0, 120_000.0),
            False,
        ),
    }


def test_the_project_is_its_owner_s_not_the_partner_named_last(extractor):
    text = (
        "LADEBØYE – lading av arbeidsbåter\n\n"
        "Prosjektansvarlig: Færder Elbåt AS\n"
        "Øvrige partnere: Vestfold Maritime Klynge, Nøtterøy Slip AS\n\n"
        "Om prosjektet\nI LADEBØYE utvikler vi en bøye som kan lade båter på fjorden.\n\n"
        "Prosjektet er støttet av Forskningsrådet med 6,2 millioner kroner over tre år."
    )
    assert events(extractor, text) == {("Forskningsrådet", "Færder Elbåt AS", None, 6.2e6, False)}


def test_people_fetched_in_and_a_place_the_money_does_not_come_from(extractor):
    text = (
        "INTERVJU: Møbelklynga Sunnmøre\n\nHar de andre inntekter?\n\n"
        "– Ja. Møre og Romsdal fylkeskommune har løyvd 600 000 kroner til eit designprosjekt der "
        "vi hentar inn studentar frå NTNU i Ålesund."
    )
    assert events(extractor, text) == {
        ("Møre og Romsdal fylkeskommune", "Møbelklynga Sunnmøre", None, 600_000.0, False)
    }


def test_the_council_s_fund_points_back_at_the_council_named_before(extractor):
    text = (
        "Byggjeklynga Setesdal har 30 medlemer.\n\n"
        "Bykle kommune har òg vore raus med oss. Frå det kommunale næringsfondet har vi fått "
        "kr 150 000 til ein felles nettstad.\n\n"
        "Også Valle kommune bidrar. Fra kommunens næringsfond er det innvilget 90 000 kroner til "
        "en fagdag."
    )
    assert events(extractor, text) == {
        ("Bykle kommune", "Byggjeklynga Setesdal", None, 150_000.0, False),
        ("Valle kommune", "Byggjeklynga Setesdal", None, 90_000.0, False),
    }


def test_shares_bought_and_money_of_one_s_own_are_no_grants(extractor):
    text = (
        "• Investorselskapet Kvadrat Kapital AS går inn med 6 millioner kroner i Mandal "
        "Bølgekraft AS og blir største eier med 34 prosent av aksjene.\n\n"
        "Stavern Marin Elektro AS har fått 1 million kroner fra Enova. Prosjektet har en "
        "totalramme på 11 MNOK. Vi legger selv inn 4,5 MNOK i egne midler."
    )
    assert events(extractor, text) == {("Enova", "Stavern Marin Elektro AS", None, 1e6, False)}
