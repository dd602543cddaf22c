from pathlib import Path

import pytest

from indexer.parse import ParseError, decode, parse

SEEDS = Path(__file__).resolve().parent.parent / "corpora" / "seeds"


def seed(prefix: str) -> bytes:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_bytes()


@pytest.mark.parametrize(
    ("prefix", "title", "date"),
    [
        ("000", "Klyngesamarbeid om industriell innovasjon og konkurransekraft", "2017-03-22"),
        ("001", "Klynger som omstillingsmotor", None),
        ("003", "Sikret støtte for sitt tredje år", "2017-12-11"),
        ("004", "Næringsklynger gjør susen", None),
    ],
)
def test_seed_title_and_date(prefix, title, date):
    parsed = parse(seed(prefix), ".txt")
    assert parsed.title == title
    assert parsed.date == date
    assert parsed.language == "nb"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_clutter_removed(prefix):
    text = parse(seed(prefix), ".txt").text
    for clutter in ("Hopp til innhold", "Del Del Del", "Logg inn", "Tilbake til søkeresultatene"):
        assert clutter not in text
    assert "\n\n\n" not in text


def test_html_keeps_article_and_drops_navigation_share_and_cookies():
    html = """<html><head><title>Side | Nettsted</title>
    <meta property="og:title" content="Klyngen fikk støtte"></head><body>
    <header><a href="/">Hopp til innhold</a></header>
    <nav><ul><li>Forsiden</li><li>Om oss</li></ul></nav>
    <div class="cookie-banner">Vi bruker informasjonskapsler</div>
    <article><h1>Klyngen fikk støtte</h1><p>Publisert 3. mai 2019</p>
    <p>NCE Raufoss får <b>2 millioner</b> kroner.</p>
    <div class="share-buttons">Del på Facebook</div></article>
    <script>var tracking = 1;</script><footer>Kontakt oss</footer></body></html>"""
    parsed = parse(html.encode(), ".html")
    assert parsed.title == "Klyngen fikk støtte"
    assert "NCE Raufoss får 2 millioner kroner." in parsed.text
    assert parsed.date == "2019-05-03"
    for clutter in ("Forsiden", "informasjonskapsler", "Facebook", "tracking", "Kontakt oss"):
        assert clutter not in parsed.text


def test_encodings_are_detected_not_assumed():
    text = "Næringsklyngen på Sørlandet får støtte – «viktig» for økonomien"
    assert decode(text.encode("utf-8")) == text
    assert decode(text.encode("windows-1252")) == text
    latin = "Næringsklyngen på Sørlandet"
    html = f'<html><meta charset="iso-8859-1"><body><p>{latin}</p></body></html>'
    assert parse(html.encode("latin-1"), ".html").text == latin


def test_nynorsk_and_english_are_recognised():
    nn = (
        "Klynga har fått midlar frå Innovasjon Noreg, "
        "og dei skal ikkje berre jobbe med eit prosjekt."
    )
    en = "The cluster has received funding from Innovation Norway for the third year."
    assert parse(nn.encode(), ".txt").language == "nn"
    assert parse(en.encode(), ".txt").language == "en"
    # "for", "to" and "by" are Norwegian words too.
    nb = "Penger for to år til klyngen i Drammen by, og for elbusser fra 2021 til 2030."
    assert parse(nb.encode(), ".txt").language == "nb"


def test_markdown_title():
    assert parse(b"# Arena-klyngen\n\nTekst om klyngen.", ".md").title == "Arena-klyngen"


@pytest.mark.parametrize(
    ("data", "suffix", "reason"),
    [
        (b"", ".txt", "empty"),
        (b"   \n\t", ".html", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ".txt", "binary"),
        (b"<html><nav>Meny</nav></html>", ".html", "no text"),
        (b"tekst", ".odt", "unsupported"),
    ],
)
def test_bad_input_raises_a_clear_error(data, suffix, reason):
    with pytest.raises(ParseError, match=reason):
        parse(data, suffix)


def test_button_rows_and_breadcrumbs_are_clutter():
    text = (
        "Tilbake   Skriv ut   Del\n"
        "Nyheter  >  Energi  >  Havvind\n\n"
        "Havvindklyngen Nord samler leverandører\n\n"
        "Del på Facebook   Del på X   Kopier lenke\n"
        "Klyngen fikk 2 millioner kroner. Prisen var 3 > 2 i fjor.\n"
    )
    parsed = parse(text.encode(), ".txt")
    assert parsed.title == "Havvindklyngen Nord samler leverandører"
    assert "Facebook" not in parsed.text and "Skriv ut" not in parsed.text
    assert "Nyheter" not in parsed.text and "Prisen var 3 > 2" in parsed.text
