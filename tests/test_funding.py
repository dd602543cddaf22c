"""Funding events from grant sentences, with the real NER model and knowledge base."""


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
