"""Uploads through POST /api/v1/documents: only with the server's API key, through the real
pipeline; security headers on every response."""

from __future__ import annotations

import io

import pytest

from webapp import create_app

KEY = "hemmelig-nøkkel-1"
AUTH = {"Authorization": f"Bearer {KEY}"}
MIP = (
    "MIP Cluster fikk 750.000 kroner\n\n"
    "Lars Bruland Høyen leder MIP Cluster i Mo i Rana. Klyngen fikk 750.000 kroner "
    "fra Innovasjon Norge til et nytt prosjekt om sirkulær industri."
)


@pytest.fixture()
def writable(tmp_path, embedder):
    """An app over an empty archive of its own, with uploads switched on."""
    app = create_app(
        {"BACKEND": f"sqlite:///{tmp_path / 'a.db'}", "TESTING": True, "API_KEY": KEY},
        embedder=embedder,
    )
    return app.test_client()


def error(response, status: int) -> str:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.json["error"]
    assert body["status"] == status and body["message"]
    return body["message"]


def test_read_only_without_a_key(tmp_path, monkeypatch):
    monkeypatch.delenv("KLYNGEARKIV_API_KEY", raising=False)
    app = create_app({"BACKEND": f"sqlite:///{tmp_path / 'a.db'}", "SEMANTIC": False})
    client = app.test_client()
    assert "opplasting" in error(
        client.post("/api/v1/documents", json={"text": MIP}, headers=AUTH), 404
    )
    assert client.get("/api/v1/stats").json["documents"] == 0


def test_key_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KLYNGEARKIV_API_KEY", KEY)
    app = create_app({"BACKEND": f"sqlite:///{tmp_path / 'a.db'}", "SEMANTIC": False})
    error(app.test_client().post("/api/v1/documents", json={"text": MIP}), 401)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer "}, 401),
        ({"Authorization": f"Basic {KEY}"}, 401),
        ({"Authorization": "Bearer feil"}, 403),
        ({"Authorization": f"Bearer {KEY}x"}, 403),
    ],
)
def test_a_key_is_required(writable, headers, status):
    response = writable.post("/api/v1/documents", json={"text": MIP}, headers=headers)
    error(response, status)
    if status == 401:
        assert response.headers["WWW-Authenticate"].lower().startswith("bearer")
    assert writable.get("/api/v1/stats").json["documents"] == 0


def test_json_upload_is_indexed_once(writable):
    body = {"text": MIP, "date": "2017-12-11", "url": "https://example.no/mip"}
    response = writable.post("/api/v1/documents", json=body, headers=AUTH)
    assert response.status_code == 201, response.json
    created = response.json
    assert created["title"] == "MIP Cluster fikk 750.000 kroner"
    assert created["date"] == "2017-12-11" and created["source"] == "https://example.no/mip"
    doc = writable.get(response.headers["Location"]).json
    assert doc["id"] == created["id"]
    found = {(e["type"], e["canonical"]) for e in doc["entities"]}
    assert ("CLUSTER", "MIP Cluster") in found
    hits = writable.get("/api/v1/search", query_string={"q": "sirkulær", "mode": "hybrid"}).json
    assert [hit["id"] for hit in hits["hits"]] == [created["id"]]
    stats = writable.get("/api/v1/stats").json
    assert stats["documents"] == 1 and stats["vectors"] == stats["passages"] >= 1
    again = writable.post("/api/v1/documents", json={**body, "title": "Ny tittel"}, headers=AUTH)
    assert again.json["id"] == created["id"] and again.json["title"] == "Ny tittel"
    assert writable.get("/api/v1/stats").json["documents"] == 1


def test_file_upload(writable):
    html = f"<html><head><title>Støtte</title></head><body><p>{MIP}</p></body></html>"
    data = {"file": (io.BytesIO(html.encode()), "mip.html")}
    response = writable.post("/api/v1/documents", data=data, headers=AUTH)
    assert response.status_code == 201, response.json
    assert response.json["source"].startswith("upload:")
    assert writable.get(response.headers["Location"]).json["text"].startswith("MIP Cluster")


@pytest.mark.parametrize(
    ("kwargs", "status", "says"),
    [
        ({"json": {"title": "uten tekst"}}, 400, "text"),
        ({"json": {"text": "   "}}, 400, "text"),
        ({"json": ["liste"]}, 400, "JSON-objekt"),
        ({"json": {"text": MIP, "date": "11.12.2017"}}, 400, "date"),
        ({"json": {"text": MIP, "url": "javascript:alert(1)"}}, 400, "url"),
        ({"json": {"text": MIP, "title": 7}}, 400, "title"),
        ({"json": {"text": MIP, "title": "x" * 501}}, 400, "title"),
        ({"json": {"text": "\x01\x02\x03\x04" * 100}}, 400, "binary"),
        ({"data": {"file": (io.BytesIO(b"\x7fELF"), "a.exe")}}, 400, "Filtypen"),
        ({"data": {"file": (io.BytesIO(b"\x89PNG\x00\x00"), "a.html")}}, 400, "binary"),
        (
            {"data": {"title": "uten fil"}, "content_type": "multipart/form-data"},
            400,
            "file",
        ),
        ({"data": "text=x", "content_type": "text/plain"}, 415, "JSON"),
    ],
)
def test_bad_uploads_say_why(writable, kwargs, status, says):
    assert says in error(writable.post("/api/v1/documents", headers=AUTH, **kwargs), status)


def test_request_size_is_limited(writable):
    huge = b"a" * (21 * 1024 * 1024 + 1)
    # Bodies built here: the test client would spool a large form to an unclosed temp file.
    multipart = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="stor.txt"\r\n\r\n'
        + huge
        + b"\r\n--b--\r\n"
    )
    for body, content_type in [
        (multipart, "multipart/form-data; boundary=b"),
        (huge, "application/json"),
    ]:
        response = writable.post(
            "/api/v1/documents", data=body, content_type=content_type, headers=AUTH
        )
        error(response, 413)


@pytest.mark.parametrize("url", ["/", "/entities", "/api/v1/stats", "/api/v1/no-such-route"])
def test_security_headers(tmp_path, url):
    app = create_app({"BACKEND": f"sqlite:///{tmp_path / 'a.db'}", "SEMANTIC": False})
    headers = app.test_client().get(url).headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
