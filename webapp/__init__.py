"""The Klyngearkiv web app: HTML pages for advisers and a JSON API under /api/v1."""

from __future__ import annotations

import os

from flask import Flask, Response

from indexer.store import DEFAULT_BACKEND, open_backend
from webapp import api, errors, pages, upload
from webapp.archive import EXTENSION, Archive, Embedder

# Everything is served from our own origin; no inline scripts, styles or event handlers.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def create_app(config: dict | None = None, embedder: Embedder | None = None) -> Flask:
    """Build the app; config keys: BACKEND (archive URL), SEMANTIC (False: keyword only),
    API_KEY (enables uploads; None: read-only)."""
    app = Flask(__name__)
    app.config.from_mapping(
        BACKEND=os.environ.get("KLYNGEARKIV_BACKEND", DEFAULT_BACKEND),
        SEMANTIC=True,
        API_KEY=os.environ.get("KLYNGEARKIV_API_KEY") or None,
        MAX_CONTENT_LENGTH=upload.MAX_REQUEST_BYTES,
    )
    app.config.from_mapping(config or {})
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    init_app(app, embedder)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    upload.init_app(app)
    app.register_blueprint(upload.bp)
    errors.register(app)
    app.after_request(_secure)
    return app


def init_app(app: Flask, embedder: Embedder | None = None) -> None:
    """Open the backend and load the query embedder (unless SEMANTIC is False) once per app."""
    if not app.config["SEMANTIC"]:
        embedder = None
    elif embedder is None:
        from nlp.vectors import Embedder as VectorEmbedder

        embedder = VectorEmbedder()
    # The backend stays open for the app's lifetime: the SQLite backend keeps one
    # connection per server thread and caches passage vectors, so closing it after
    # each request would only make the next one slower.
    app.extensions[EXTENSION] = Archive(open_backend(app.config["BACKEND"]), embedder)


def _secure(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    return response
