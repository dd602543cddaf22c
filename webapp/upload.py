"""POST /api/v1/documents: other systems add documents, when the server has an API key.

Without KLYNGEARKIV_API_KEY the archive is read-only and the route answers 404. With it,
a request needs `Authorization: Bearer <key>`; the document goes through the same pipeline
as `klyngearkiv index` (parsing, entities, passages, vectors) and is stored in one
transaction.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from dataclasses import replace
from datetime import date

from flask import Blueprint, Flask, abort, current_app, request, url_for
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Forbidden, RequestEntityTooLarge, Unauthorized

from indexer.parse import SUFFIXES, ParseError, parse
from indexer.pipeline import Item, Pipeline
from indexer.sources import MAX_BYTES
from indexer.types import Document
from webapp.archive import current_archive

bp = Blueprint("upload", __name__, url_prefix="/api/v1")
EXTENSION = "klyngearkiv.upload"
# Room for a document of the indexer's size limit plus form fields and JSON escaping.
MAX_REQUEST_BYTES = MAX_BYTES + 1024 * 1024
MAX_TITLE_CHARS = 500
MAX_URL_CHARS = 2000


class Uploads:
    """The API key and the pipeline for uploads; the NER model is loaded on first use."""

    def __init__(self, key: str | None) -> None:
        self.key = key or None
        self._pipeline: Pipeline | None = None
        # spaCy pipelines are not meant for concurrent calls; uploads are rare, so one at
        # a time is no loss. The lock also makes the model load once.
        self._lock = threading.Lock()

    def document(self, item: Item) -> Document:
        """Analyse one parsed upload with the archive's embedder."""
        with self._lock:
            if self._pipeline is None:
                from nlp.entities import Extractor

                embedder = current_archive().embedder
                self._pipeline = Pipeline(Extractor(), embedder)  # type: ignore[arg-type]
            return self._pipeline.analyse([item])[0]


def init_app(app: Flask) -> None:
    """Keep the upload settings for the app's lifetime; API_KEY None leaves it read-only."""
    app.extensions[EXTENSION] = Uploads(app.config.get("API_KEY"))


@bp.post("/documents")
def add_document() -> tuple[dict, int, dict[str, str]]:
    """Index a JSON {title, text, date, url} document or a multipart file upload."""
    uploads: Uploads = current_app.extensions[EXTENSION]
    if uploads.key is None:
        abort(404, "Arkivet tar ikke imot dokumenter: opplasting er ikke slått på.")
    _authorise(uploads.key)
    doc = uploads.document(_item())
    with current_archive().backend.writer() as writer:
        writer.add(doc)
    body = {
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "date": doc.date,
        "language": doc.language,
    }
    return body, 201, {"Location": url_for("api.document", doc_id=doc.id)}


def _authorise(key: str) -> None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized(
            "Opplasting krever en API-nøkkel: Authorization: Bearer <nøkkel>.",
            www_authenticate=WWWAuthenticate("bearer"),
        )
    # Constant time, so that response times do not reveal how much of a guess was right.
    if not hmac.compare_digest(token.strip().encode(), key.encode()):
        raise Forbidden("Feil API-nøkkel.")


def _item() -> Item:
    """The uploaded document, parsed, with its source and hash."""
    if request.mimetype == "application/json":
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            abort(400, "Send et JSON-objekt med text og gjerne title, date og url.")
        text = body.get("text")
        if not isinstance(text, str) or not text.strip():
            abort(400, "Feltet text mangler eller er tomt.")
        data, suffix, fields = text.encode("utf-8"), ".txt", body
    elif request.mimetype == "multipart/form-data":
        file = request.files.get("file")
        if file is None or not file.filename:
            abort(400, "Feltet file mangler: last opp én .html-, .htm-, .txt- eller .md-fil.")
        suffix = "." + file.filename.rsplit(".", 1)[-1].lower() if "." in file.filename else ""
        if suffix not in SUFFIXES:
            abort(
                400,
                f"Filtypen {suffix or '(ingen)'} støttes ikke: bruk .html, .htm, .txt eller .md.",
            )
        data, fields = file.read(MAX_BYTES + 1), request.form
    else:
        abort(415, "Send JSON (application/json) eller en fil (multipart/form-data).")
    if len(data) > MAX_BYTES:
        raise RequestEntityTooLarge(f"Dokumentet er for stort (høyst {MAX_BYTES // 1_000_000} MB).")
    title, published, url = _fields(fields)
    try:
        parsed = parse(data, suffix)
    except ParseError as exc:
        abort(400, f"Dokumentet kan ikke indekseres: {exc}.")
    parsed = replace(parsed, title=title or parsed.title, date=published or parsed.date)
    digest = hashlib.sha256(data).hexdigest()
    # Without a URL the content names the document, so the same upload twice is one document.
    return Item(url or f"upload:{digest[:16]}", digest, parsed)


def _fields(fields) -> tuple[str | None, str | None, str | None]:
    """Optional title, date (yyyy-mm-dd) and url (http or https), checked."""
    values = {}
    for name in ("title", "date", "url"):
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            abort(400, f"Feltet {name} må være tekst.")
        values[name] = value.strip() if value else None
    if values["title"] and len(values["title"]) > MAX_TITLE_CHARS:
        abort(400, f"Feltet title er for langt (høyst {MAX_TITLE_CHARS} tegn).")
    if values["date"]:
        try:
            values["date"] = date.fromisoformat(values["date"]).isoformat()
        except ValueError:
            abort(400, "Feltet date må være en dato som 2017-12-11.")
    url = values["url"]
    if url and (len(url) > MAX_URL_CHARS or not url.lower().startswith(("http://", "https://"))):
        abort(400, f"Feltet url må være en http- eller https-adresse (høyst {MAX_URL_CHARS} tegn).")
    return values["title"], values["date"], url
