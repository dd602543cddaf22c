"""The web app through Flask's test client, over the indexed corpus and the real models."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from indexer.sources import document_id
from nlp.types import Entity
from webapp import create_app
from webapp.errors import MESSAGES
from webapp.params import SORTS
from webapp.render import format_date, format_nok, marked_text

SEEDS = Path(__file__).resolve().parent.parent / "corpora" / "seeds"
SEED_IDS = {document_id(str(path)) for path in SEEDS.glob("*.txt")}
MIP_ID = document_id(str(SEEDS / "003_31268c6d2f486e4c.txt"))
ATTACK = "<script>alert(1)</script>"
NORWEGIAN_ORDER = str.maketrans("æøå", "{|}")
HIT_KEYS = {"id", "source", "title", "date", "score", "snippet", "entities"}


def _links(html: str) -> list[str]:
    return re.findall(r'href="/documents/(\w+)"', html)


@pytest.mark.parametrize(
    ("q", "marked"), [("klynge", "<mark>"), ("MIP Cluster", "<mark>MIP</mark>")]
)
def test_search_page_finds_seeds_with_highlights(client, q, marked):
    response = client.get("/", query_string={"q": q})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert marked in html
    assert 'class="hit"' in html
    assert set(_links(html)) & SEED_IDS
    if q == "MIP Cluster":
        assert MIP_ID in _links(html)


def test_search_page_keeps_state_in_the_query_string(client):
    html = client.get("/?q=klynge&mode=keyword&limit=1").get_data(as_text=True)
    assert 'value="keyword" checked' in html
    assert 'name="limit" value="1"' in html
    assert 'href="/?page=2&amp;q=klynge&amp;mode=keyword&amp;limit=1"' in html


def test_search_page_without_query_shows_only_the_form(client):
    html = client.get("/").get_data(as_text=True)
    assert '<label for="q">' in html
    assert 'class="hit"' not in html


def test_query_is_escaped_in_page_and_api(client):
    html = client.get("/", query_string={"q": ATTACK}).get_data(as_text=True)
    assert ATTACK not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    response = client.get("/api/v1/search", query_string={"q": ATTACK})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert all("<script" not in hit["snippet"] for hit in response.json["hits"])

    error = client.get("/", query_string={"q": "klynge", "mode": ATTACK})
    assert error.status_code == 400
    assert ATTACK not in error.get_data(as_text=True)


def test_pages_forbid_inline_scripts(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_document_page_marks_entities_and_lists_similar_documents(client):
    response = client.get(f"/documents/{MIP_ID}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'<mark class="ent ent-CLUSTER" title="[^"]*">MIP Cluster</mark>', html)
    assert '<mark class="ent ent-PERSON"' in html
    assert 'class="legend"' in html
    similar = _links(html)
    assert similar and MIP_ID not in similar


def test_document_page_shows_funding(client, backend):
    funded = [doc for doc in backend.get_many(sorted(SEED_IDS)) if doc.funding]
    assert funded, "the analysis found no funding events in the seeds"
    html = client.get(f"/documents/{funded[0].id}").get_data(as_text=True)
    assert "Finansiering" in html
    event = funded[0].funding[0]
    assert format_nok(event.amount, event.per_year) in html.replace("&nbsp;", "\u00a0")


def test_entities_csv(client):
    response = client.get("/entities.csv", query_string={"type": "CLUSTER"})
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # so that Excel reads the file as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows and {row["type"] for row in rows} == {"CLUSTER"}
    assert "MIP Cluster" in {row["canonical"] for row in rows}
    assert all(1 <= int(row["documents"]) <= int(row["mentions"]) for row in rows)
    api = client.get("/api/v1/entities", query_string={"type": "cluster", "format": "csv"})
    assert api.get_data() == response.get_data()


@pytest.mark.parametrize("sort", SORTS)
def test_entities_sort(client, sort):
    rows = client.get("/api/v1/entities", query_string={"sort": sort}).json["entities"]
    assert rows
    if sort == "name":
        names = [row["canonical"].casefold().translate(NORWEGIAN_ORDER) for row in rows]
        assert names == sorted(names)
    else:
        counts = [row[sort] for row in rows]
        assert counts == sorted(counts, reverse=True)
    html = client.get("/entities", query_string={"sort": sort}).get_data(as_text=True)
    assert "aria-sort" in html
    assert 'href="/entities.csv?sort=' + sort + '"' in html


def test_entities_page_filters_by_type(client):
    html = client.get("/entities?type=person").get_data(as_text=True)
    assert '<a href="/entities?type=PERSON&amp;sort=documents" aria-current="page">' in html
    assert "ent-CLUSTER" not in html


def test_api_search_shape_and_pages(client):
    first = client.get("/api/v1/search?q=klynge&mode=keyword&limit=2").json
    assert set(first) == {"total", "page", "limit", "mode", "sort", "hits", "facets"}
    assert (first["page"], first["limit"], first["mode"]) == (1, 2, "keyword")
    assert first["total"] >= 3 and len(first["hits"]) == 2
    assert all(set(hit) == HIT_KEYS for hit in first["hits"])
    second = client.get("/api/v1/search?q=klynge&mode=keyword&limit=2&page=2").json
    assert second["page"] == 2 and second["total"] == first["total"]
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}


@pytest.mark.parametrize("mode", ["hybrid", "semantic"])
def test_api_search_by_meaning(client, mode):
    body = client.get(
        "/api/v1/search", query_string={"q": "støtte til næringsklynger", "mode": mode}
    ).json
    assert body["mode"] == mode
    assert {hit["id"] for hit in body["hits"]} & SEED_IDS


def test_api_document(client):
    doc = client.get(f"/api/v1/documents/{MIP_ID}").json
    assert set(doc) == {
        "id",
        "source",
        "title",
        "date",
        "language",
        "text",
        "entities",
        "funding",
        "passages",
    }
    assert doc["id"] == MIP_ID and doc["date"] == "2017-12-11"
    assert all(doc["text"][e["start"] : e["end"]] == e["text"] for e in doc["entities"])
    assert doc["passages"] and doc["passages"][0]["start"] >= 0


def test_api_stats(client):
    stats = client.get("/api/v1/stats").json
    assert stats["documents"] >= len(SEED_IDS)
    assert stats["entities"]["CLUSTER"] > 0


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/?q=klynge&page=-1", "page"),
        ("/?q=klynge&page=0", "page"),
        ("/?q=klynge&limit=abc", "limit"),
        ("/?q=klynge&mode=bogus", "mode"),
        ("/entities?sort=size", "sort"),
        ("/entities.csv?type=FISH", "type"),
        ("/api/v1/search", "q"),
        ("/api/v1/search?q=klynge&page=-1", "page"),
        ("/api/v1/search?q=klynge&page=99999999999999999999", "page"),
        ("/api/v1/search?q=klynge&limit=abc", "limit"),
        ("/api/v1/search?q=klynge&limit=1000", "limit"),
        ("/api/v1/search?q=klynge&mode=bogus", "mode"),
        ("/api/v1/entities?type=FISH", "type"),
        ("/api/v1/entities?format=xml", "format"),
    ],
)
def test_bad_arguments_are_400s_that_say_why(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    says_why = re.compile(rf"(Parameteren {parameter} |verdi for {parameter}:)")
    if url.startswith("/api/"):
        error = response.json["error"]
        assert error["status"] == 400
        assert says_why.search(error["message"])
    else:
        assert response.mimetype == "text/html"
        assert says_why.search(response.get_data(as_text=True))


def test_unknown_document_is_a_json_404_in_the_api(client):
    response = client.get("/api/v1/documents/0000000000000000")
    assert response.status_code == 404
    assert response.json["error"]["status"] == 404
    assert client.get("/api/v1/no-such-route").json["error"]["status"] == 404
    page = client.get("/documents/0000000000000000")
    assert page.status_code == 404 and page.mimetype == "text/html"


def test_wrong_method_is_a_json_405(client):
    response = client.post("/api/v1/search?q=klynge")
    assert response.status_code == 405
    assert response.json["error"]["status"] == 405
    assert "GET" in response.headers["Allow"]


def test_openapi_describes_every_api_route(app, client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.0.")
    prefix = spec["servers"][0]["url"]
    registered = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(prefix + "/"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix(prefix))
            registered[path] = {m.lower() for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert set(spec["paths"]) == set(registered)
    for path, methods in registered.items():
        assert set(spec["paths"][path]) == methods, path
        for operation in spec["paths"][path].values():
            path_params = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert path_params == set(re.findall(r"{(\w+)}", path))
            assert any(code.startswith("2") for code in operation["responses"])
    for ref in re.findall(r'"\$ref": "#/components/schemas/(\w+)"', str(spec).replace("'", '"')):
        assert ref in spec["components"]["schemas"]


def test_keyword_only_app_falls_back_with_a_notice(archive_url):
    client = create_app({"BACKEND": archive_url, "TESTING": True, "SEMANTIC": False}).test_client()
    body = client.get("/api/v1/search?q=klynge&mode=semantic").json
    assert body["mode"] == "keyword" and body["hits"]
    html = client.get("/?q=klynge&mode=hybrid").get_data(as_text=True)
    assert 'class="notice"' in html and 'value="hybrid" checked' in html
    assert "<mark>" in html


def test_storage_failures_are_not_leaked(tmp_path):
    path = tmp_path / "damaged.db"
    app = create_app({"BACKEND": f"sqlite:///{path}", "TESTING": True, "SEMANTIC": False})
    # Another program damages the archive while the app is serving it.
    with closing(sqlite3.connect(path)) as other:
        other.execute("DROP TABLE entities")
    client = app.test_client()
    response = client.get("/api/v1/stats")
    assert response.status_code == 500
    assert response.json == {"error": {"status": 500, "message": MESSAGES[500]}}
    page = client.get("/entities")
    assert page.status_code == 500 and page.mimetype == "text/html"
    assert "no such table" not in page.get_data(as_text=True)


def test_marked_text_escapes_everything_but_the_marks():
    text = "<b>Ola</b> & MIP Cluster"
    entities = (
        Entity("PERSON", "<b>Ola</b>", 0, 10, "Ola", role="<i>leder</i>"),
        Entity("ORG", "Ola", 3, 6, "Ola"),  # overlaps the person: left out
        Entity("CLUSTER", "MIP Cluster", 13, 24, "MIP Cluster"),
    )
    assert str(marked_text(text, entities)) == (
        '<mark class="ent ent-PERSON" title="Person: Ola (&lt;i&gt;leder&lt;/i&gt;)">'
        "&lt;b&gt;Ola&lt;/b&gt;</mark> &amp; "
        '<mark class="ent ent-CLUSTER" title="Klynge: MIP Cluster">MIP Cluster</mark>'
    )


@pytest.mark.parametrize(
    ("value", "per_year", "shown"),
    [
        (3_000_000.0, False, "kr 3\u00a0000\u00a0000"),
        ((1_500_000.0, 2_500_000.0), True, "kr 1\u00a0500\u00a0000–2\u00a0500\u00a0000 per år"),
        (None, False, "–"),
    ],
)
def test_format_nok(value, per_year, shown):
    assert format_nok(value, per_year) == shown


def test_format_date():
    assert format_date("2017-03-22") == "22. mars 2017"
    assert format_date(None) == "ukjent dato"


def test_query_syntax_notice_is_shown_escaped(client):
    page = client.get('/?q="<b>MIP&mode=keyword').get_data(as_text=True)
    assert 'class="notice"' in page
    assert "<b>MIP" not in page
    body = client.get('/api/v1/search?q="MIP&mode=keyword').json
    assert body["notice"] and body["total"] >= 1


def test_facets_filter_the_search_and_links_toggle_them(client):
    html = client.get("/", query_string={"q": "klynge", "mode": "keyword"}).get_data(as_text=True)
    assert 'aria-labelledby="facets-heading"' in html
    link = re.search(r"href=\"(/\?q=klynge\+programme:Arena&amp;[^\"]*)\"", html)
    assert link, "no facet link for programme Arena"
    filtered = client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert 'aria-current="true"' in filtered  # the chosen value is marked …
    total = int(re.search(r"(\d+) dokument", filtered).group(1))
    api = client.get("/api/v1/search?q=klynge programme:Arena&mode=keyword").json
    assert total == api["total"] and api["facets"]["programme"][0] == {
        "value": "Arena",
        "count": total,
    }


def test_facets_of_the_first_matches_say_so(client, monkeypatch):
    args = {"q": "klynge", "mode": "keyword"}
    assert "facet-note" not in client.get("/", query_string=args).get_data(as_text=True)
    monkeypatch.setattr("indexer.search.FACET_MATCHES", 2)
    html = client.get("/", query_string=args).get_data(as_text=True)
    total = client.get("/api/v1/search", query_string=args).json["total"]
    assert f"Tallene gjelder de 2 første av {total} treff." in html
    assert client.get("/api/v1/search", query_string=args).json["facets_over"] == 2


def test_search_sort_and_ranges_stay_in_links(client):
    args = {"q": "klynge", "sort": "newest", "from": "2016", "to": "2020-06-30", "limit": "2"}
    html = client.get("/", query_string=args).get_data(as_text=True)
    assert '<option value="newest" selected>' in html and 'value="2016"' in html
    next_link = re.search(r'<a rel="next" href="([^"]+)"', html).group(1)
    assert "sort=newest" in next_link and "from=2016" in next_link and "to=2020-06-30" in next_link
    body = client.get("/api/v1/search", query_string=dict(args, limit=50)).json
    dates = [hit["date"] for hit in body["hits"]]
    assert dates and dates == sorted(dates, reverse=True)
    assert all("2016-01-01" <= d <= "2020-06-30" for d in dates)
    rich = client.get("/api/v1/search?q=klynge&min_amount=10 mill.&facets=0").json
    assert "facets" not in rich and rich["hits"]
    for hit in rich["hits"]:
        doc = client.get(f"/api/v1/documents/{hit['id']}").json
        amounts = [e["value"] for e in doc["entities"] if e["type"] == "MONEY" and e["value"]]
        assert max(a[1] if isinstance(a, list) else a for a in amounts) >= 10_000_000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"from": "i fjor"}, "from"),
        ({"min_amount": "mange"}, "min_amount"),
        ({"sort": "x"}, "sort"),
    ],
)
def test_bad_ranges_are_explained(client, args, message):
    response = client.get("/api/v1/search", query_string={"q": "klynge", **args})
    assert response.status_code == 400 and message in response.json["error"]["message"]


def test_entity_page_shows_mentions_cooccurring_and_timeline(client):
    html = client.get("/entities/cluster/MIP Cluster").get_data(as_text=True)
    assert "<h1>" in html and "MIP Cluster" in html
    assert '<mark class="ent ent-CLUSTER"' in html  # a mention in context
    assert "Nevnt sammen med" in html and 'href="/entities/ORG/' in html
    assert '<svg viewBox="0 0' in html and "Dokumenter per år" in html
    body = client.get("/api/v1/entities/CLUSTER/MIP Cluster").json
    assert body["documents"] >= 2 and body["mentions"] and body["timeline"]
    assert all(m["canonical"] == "MIP Cluster" for m in body["mentions"])
    assert client.get("/entities/cluster/Ingen slik klynge").status_code == 404
    assert client.get("/api/v1/entities/fish/x").status_code == 404


def test_entities_filter_page_and_downloads(client):
    body = client.get("/api/v1/entities?type=ORG&q=innovasjon&limit=1").json
    assert body["total"] >= 1 and len(body["entities"]) == 1
    assert all("innovasjon" in e["canonical"].casefold() for e in body["entities"])
    people = client.get("/api/v1/entities?type=PERSON&limit=1000").json["entities"]
    assert any(p["role"] for p in people)
    xlsx = client.get("/entities.xlsx?type=PERSON")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    assert "attachment" in xlsx.headers["Content-Disposition"]
    api = client.get("/api/v1/entities?type=PERSON&format=xlsx")
    assert api.mimetype == xlsx.mimetype
    assert client.get("/entities.pdf").status_code == 404


def test_funding_page_draws_charts_from_the_events(client):
    events = client.get("/api/v1/funding").json["funding"]
    assert events and all({"document", "date", "amount"} <= set(e) for e in events)
    html = client.get("/funding").get_data(as_text=True)
    assert html.count("<svg") >= 2 and "Største mottakere" in html
    assert f"{len(events)} tildelinger" in html


def test_similar_documents_share_names(client):
    body = client.get(f"/api/v1/documents/{MIP_ID}/similar").json
    assert body["similar"] and MIP_ID not in {s["id"] for s in body["similar"]}
    assert any(s["shared"] for s in body["similar"])
    html = client.get(f"/documents/{MIP_ID}").get_data(as_text=True)
    assert "Felles:" in html
