"""One error handler for the whole app: JSON under /api/, an HTML page everywhere else."""

from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, Unauthorized

from indexer.store import StoreError

API_PREFIX = "/api/"
# Werkzeug's default descriptions are English and long; these replace them.
MESSAGES = {
    400: "Ugyldig forespørsel.",
    404: "Siden finnes ikke.",
    401: "Denne forespørselen krever en API-nøkkel.",
    403: "Du har ikke tilgang til dette.",
    405: "Metoden er ikke tillatt her.",
    413: "Forespørselen er for stor.",
    500: "Noe gikk galt hos oss. Prøv igjen senere.",
    503: "Arkivet er ikke tilgjengelig akkurat nå. Prøv igjen senere.",
}
TITLES = {
    400: "Ugyldig forespørsel",
    404: "Ikke funnet",
    401: "Krever innlogging",
    403: "Ingen tilgang",
    405: "Ikke tillatt",
    413: "For stor",
    500: "Serverfeil",
    503: "Utilgjengelig",
}


def register(app: Flask) -> None:
    """Answer HTTP errors, storage failures and unexpected exceptions in the client's format."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(StoreError, _store_error)
    app.register_error_handler(Exception, _unexpected)


def _http_error(exc: HTTPException) -> tuple[Response | str, int, dict[str, str]]:
    status = exc.code or 500
    # A description passed to abort() or BadRequest() is ours; the class default is not.
    custom = exc.description and exc.description != type(exc).description
    message = exc.description if custom else MESSAGES.get(status, exc.name)
    headers: dict[str, str] = {}
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        headers["Allow"] = ", ".join(exc.valid_methods)
    if isinstance(exc, Unauthorized) and exc.www_authenticate:
        headers["WWW-Authenticate"] = ", ".join(str(w) for w in exc.www_authenticate)
    return _respond(status, str(message), headers)


def _store_error(exc: StoreError) -> tuple[Response | str, int, dict[str, str]]:
    # The message may name files or servers; log it, tell the client only that it failed.
    current_app.logger.error("storage failure on %s: %s", request.path, exc)
    return _respond(503, MESSAGES[503])


def _unexpected(exc: Exception) -> tuple[Response | str, int, dict[str, str]]:
    current_app.logger.exception("unexpected error on %s", request.path)
    return _respond(500, MESSAGES[500])


def _respond(
    status: int, message: str, headers: dict[str, str] | None = None
) -> tuple[Response | str, int, dict[str, str]]:
    if request.path.startswith(API_PREFIX):
        body: Response | str = jsonify(error={"status": status, "message": message})
    else:
        title = TITLES.get(status, "Feil")
        body = render_template("error.html", status=status, title=title, message=message)
    return body, status, headers or {}
