"""The hand-written OpenAPI 3.0 description of the /api/v1 JSON API."""

from __future__ import annotations

from indexer.export import COLUMNS as CSV_COLUMNS
from indexer.search import MODES
from indexer.store import SORTS as RESULT_SORTS
from webapp.params import (
    DEFAULT_LIMIT,
    ENTITY_LIMIT,
    FORMATS,
    MAX_ENTITY_LIMIT,
    MAX_FACET_SIZE,
    MAX_LIMIT,
    MAX_PAGE,
    MAX_QUERY_CHARS,
    SORTS,
)
from webapp.render import TYPE_LABELS, XLSX


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict:
    return _json(_ref("Error"), description)


def _query(name: str, description: str, schema: dict, required: bool = False) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema,
    }


_NULLABLE_STRING = {"type": "string", "nullable": True}
# Money: an exact amount in NOK, or [min, max] for a range or an upper bound.
_AMOUNT = {
    "nullable": True,
    "oneOf": [
        {"type": "number"},
        {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
    ],
}
_FAILURE = _error("The archive is unavailable (503) or the server failed (500).")
_ENTITY_TYPE = {"type": "string", "enum": list(TYPE_LABELS)}
_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_MONEY = {"type": "string", "description": "A number, or written like 1,5 mill.", "maxLength": 40}
_DOC_ID = {
    "name": "doc_id",
    "in": "path",
    "required": True,
    "description": "The document id, as in search hits.",
    "schema": {"type": "string"},
}
_PAGE = _query(
    "page",
    "1-based page number.",
    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
)

# An uploaded document: its text, and what parsing would otherwise guess.
_UPLOAD = {
    "type": "object",
    "required": ["text"],
    "properties": {
        "text": {"type": "string", "minLength": 1},
        "title": {"type": "string", "maxLength": 500},
        "date": {"type": "string", "format": "date"},
        "url": {"type": "string", "maxLength": 2000, "pattern": "^https?://"},
    },
}

SPEC: dict = {
    "openapi": "3.0.3",
    "info": {
        "title": "Klyngearkiv API",
        "version": "1",
        "description": "Search and entity lists over an archive of Norwegian documents about "
        'industry clusters. Errors are JSON: {"error": {"status", "message"}}.',
    },
    "servers": [{"url": "/api/v1"}],
    "paths": {
        "/search": {
            "get": {
                "summary": "Search the archive",
                "operationId": "search",
                "parameters": [
                    _query(
                        "q",
                        'What to search for: words, "phrases", AND/OR/NOT, -word, (groups), '
                        "and filters programme:, cluster:, person:, org:, location:, year:, "
                        "date:, amount: (>, >=, <, <=) and lang:.",
                        {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_CHARS},
                        required=True,
                    ),
                    _query(
                        "mode",
                        "Ranking: hybrid (words and meaning fused), keyword or semantic. "
                        "Servers without a sentence model answer every mode with keyword.",
                        {"type": "string", "enum": list(MODES), "default": MODES[0]},
                    ),
                    _query(
                        "limit",
                        "Hits per page.",
                        {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": MAX_LIMIT,
                            "default": DEFAULT_LIMIT,
                        },
                    ),
                    _PAGE,
                    _query(
                        "sort",
                        "relevance (the ranking), newest first, or largest amount named first.",
                        {"type": "string", "enum": list(RESULT_SORTS), "default": "relevance"},
                    ),
                    _query(
                        "facets",
                        "Values per facet to count over the matching documents; 0 for none.",
                        {"type": "integer", "minimum": 0, "maximum": MAX_FACET_SIZE, "default": 10},
                    ),
                    _query("from", "Published on or after (yyyy, yyyy-mm or yyyy-mm-dd).", _DATE),
                    _query("to", "Published on or before (yyyy, yyyy-mm or yyyy-mm-dd).", _DATE),
                    _query("min_amount", "Names an amount of at least this (NOK).", _MONEY),
                    _query("max_amount", "Names an amount of at most this (NOK).", _MONEY),
                ],
                "responses": {
                    "200": _json(_ref("SearchResults"), "One page of hits."),
                    "400": _error("A missing or invalid parameter."),
                    "default": _FAILURE,
                },
            }
        },
        "/documents/{doc_id}": {
            "get": {
                "summary": "A document with its entities, funding events and passages",
                "operationId": "getDocument",
                "parameters": [_DOC_ID],
                "responses": {
                    "200": _json(_ref("Document"), "The document."),
                    "404": _error("No document has this id."),
                    "default": _FAILURE,
                },
            }
        },
        "/documents/{doc_id}/similar": {
            "get": {
                "summary": "Documents like this one, by meaning and shared names",
                "operationId": "similarDocuments",
                "parameters": [_DOC_ID],
                "responses": {
                    "200": _json(_ref("SimilarList"), "The most similar documents."),
                    "404": _error("No document has this id."),
                    "default": _FAILURE,
                },
            }
        },
        "/entities": {
            "get": {
                "summary": "Entities with the number of documents and mentions",
                "operationId": "listEntities",
                "parameters": [
                    _query("type", "Only entities of this type.", _ENTITY_TYPE),
                    _query(
                        "sort",
                        "documents and mentions sort most first, name alphabetically.",
                        {"type": "string", "enum": list(SORTS), "default": SORTS[0]},
                    ),
                    _query(
                        "format",
                        "json (one page), or the whole list as csv or xlsx for spreadsheets.",
                        {"type": "string", "enum": list(FORMATS), "default": FORMATS[0]},
                    ),
                    _query(
                        "q",
                        "Only names containing this text.",
                        {"type": "string", "maxLength": MAX_QUERY_CHARS},
                    ),
                    _query(
                        "limit",
                        "Entities per page of JSON.",
                        {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": MAX_ENTITY_LIMIT,
                            "default": ENTITY_LIMIT,
                        },
                    ),
                    _PAGE,
                ],
                "responses": {
                    "200": {
                        "description": "The entity list.",
                        "content": {
                            "application/json": {"schema": _ref("EntityList")},
                            "text/csv": {
                                "schema": {"type": "string"},
                                "example": ",".join(CSV_COLUMNS) + "\nCLUSTER,MIP Cluster,2,9,,\n",
                            },
                            XLSX: {"schema": {"type": "string", "format": "binary"}},
                        },
                    },
                    "400": _error("An invalid parameter."),
                    "default": _FAILURE,
                },
            }
        },
        "/entities/{type}/{name}": {
            "get": {
                "summary": "One entity: documents, mentions in context, co-occurring names",
                "operationId": "getEntity",
                "parameters": [
                    {
                        "name": "type",
                        "in": "path",
                        "required": True,
                        "description": "The entity type, any case.",
                        "schema": {"type": "string"},
                    },
                    {
                        "name": "name",
                        "in": "path",
                        "required": True,
                        "description": "The normalised name, as in entity lists.",
                        "schema": {"type": "string"},
                    },
                ],
                "responses": {
                    "200": _json(_ref("EntityDetail"), "The entity."),
                    "404": _error("An unknown type, or no document names it."),
                    "default": _FAILURE,
                },
            }
        },
        "/funding": {
            "get": {
                "summary": "Every funding event and the document that states it",
                "operationId": "listFunding",
                "responses": {
                    "200": _json(_ref("FundingList"), "The funding events."),
                    "default": _FAILURE,
                },
            }
        },
        "/documents": {
            "post": {
                "summary": "Index a document (only when the server has KLYNGEARKIV_API_KEY)",
                "description": "JSON with the text, or a .html/.htm/.txt/.md file as multipart "
                "field `file`; title, date and url are optional in both (a given url or, "
                "without one, the content names the document: sending it again replaces it). "
                "Without an API key configured the server is read-only and answers 404.",
                "operationId": "addDocument",
                "security": [{"apiKey": []}],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": _UPLOAD},
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {
                                    "file": {"type": "string", "format": "binary"},
                                    **{
                                        k: v
                                        for k, v in _UPLOAD["properties"].items()
                                        if k != "text"
                                    },
                                },
                            }
                        },
                    },
                },
                "responses": {
                    "201": _json(
                        {
                            "type": "object",
                            "required": ["id", "source", "title", "date", "language"],
                            "properties": {
                                "id": {"type": "string"},
                                "source": {"type": "string"},
                                "title": {"type": "string"},
                                "date": {**_NULLABLE_STRING, "format": "date"},
                                "language": {"type": "string", "enum": ["nb", "nn", "en"]},
                            },
                        },
                        "Indexed; Location names the stored document.",
                    ),
                    "400": _error("An invalid field, or a document with no text to index."),
                    "401": _error("No Authorization: Bearer header."),
                    "403": _error("A wrong API key."),
                    "404": _error("Uploads are off: the server has no API key."),
                    "413": _error("The document is larger than the indexer's limit (20 MB)."),
                    "415": _error("Neither JSON nor multipart/form-data."),
                    "default": _FAILURE,
                },
            }
        },
        "/stats": {
            "get": {
                "summary": "Archive counts",
                "operationId": "stats",
                "responses": {"200": _json(_ref("Stats"), "The counts."), "default": _FAILURE},
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "This description",
                "operationId": "openapi",
                "responses": {"200": _json({"type": "object"}, "An OpenAPI 3.0 document.")},
            }
        },
    },
    "components": {
        "securitySchemes": {
            "apiKey": {
                "type": "http",
                "scheme": "bearer",
                "description": "The key the server was started with (KLYNGEARKIV_API_KEY).",
            }
        },
        "schemas": {
            "Entity": {
                "type": "object",
                "required": ["type", "text", "start", "end", "canonical", "value"],
                "properties": {
                    "type": _ENTITY_TYPE,
                    "text": {"type": "string", "description": "As written in the text."},
                    "start": {"type": "integer", "description": "Character offset in text."},
                    "end": {"type": "integer"},
                    "canonical": {"type": "string", "description": "Normalised name."},
                    "value": _AMOUNT,
                    "per_year": {"type": "boolean"},
                    "role": {"type": "string", "description": "A person's role."},
                    "affiliation": {"type": "string", "description": "A person's employer."},
                },
            },
            "Funding": {
                "type": "object",
                "required": ["funder", "recipient", "programme", "amount", "per_year"],
                "properties": {
                    "funder": _NULLABLE_STRING,
                    "recipient": _NULLABLE_STRING,
                    "programme": _NULLABLE_STRING,
                    "amount": _AMOUNT,
                    "per_year": {"type": "boolean"},
                },
            },
            "Hit": {
                "type": "object",
                "required": ["id", "source", "title", "date", "score", "snippet", "entities"],
                "properties": {
                    "id": {"type": "string"},
                    "source": {"type": "string"},
                    "title": {"type": "string"},
                    "date": {**_NULLABLE_STRING, "format": "date"},
                    "score": {"type": "number"},
                    "snippet": {
                        "type": "string",
                        "description": "HTML-escaped text with matched words in <mark>.",
                    },
                    "entities": {"type": "array", "items": _ref("Entity")},
                },
            },
            "SearchResults": {
                "type": "object",
                "required": ["total", "page", "limit", "mode", "hits"],
                "properties": {
                    "total": {"type": "integer", "description": "Matching documents."},
                    "page": {"type": "integer"},
                    "limit": {"type": "integer"},
                    "mode": {
                        "type": "string",
                        "enum": list(MODES),
                        "description": "The ranking used (keyword when semantic is off).",
                    },
                    "sort": {"type": "string", "enum": list(RESULT_SORTS)},
                    "hits": {"type": "array", "items": _ref("Hit")},
                    "facets": {
                        "type": "object",
                        "description": "Per facet (programme, cluster, org, person, location, "
                        "year, lang) its commonest values and their document counts.",
                        "additionalProperties": {"type": "array", "items": _ref("Count")},
                    },
                    "facets_over": {
                        "type": "integer",
                        "description": "Set when the facets count only this many documents, "
                        "the first in the result order (keyword search with more than 1,000 "
                        "matches).",
                    },
                    "notice": {
                        "type": "string",
                        "description": "Set when the query syntax was not understood and the "
                        "search fell back to the query's plain words.",
                    },
                },
            },
            "Document": {
                "type": "object",
                "required": [
                    "id",
                    "source",
                    "title",
                    "date",
                    "language",
                    "text",
                    "entities",
                    "funding",
                    "passages",
                ],
                "properties": {
                    "id": {"type": "string"},
                    "source": {"type": "string"},
                    "title": {"type": "string"},
                    "date": {**_NULLABLE_STRING, "format": "date"},
                    "language": {"type": "string", "enum": ["nb", "nn", "en"]},
                    "text": {"type": "string"},
                    "entities": {"type": "array", "items": _ref("Entity")},
                    "funding": {"type": "array", "items": _ref("Funding")},
                    "passages": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["start", "end"],
                            "properties": {
                                "start": {"type": "integer"},
                                "end": {"type": "integer"},
                            },
                        },
                    },
                },
            },
            "EntityCount": {
                "type": "object",
                "required": ["type", "canonical", "documents", "mentions"],
                "properties": {
                    "type": _ENTITY_TYPE,
                    "canonical": {"type": "string"},
                    "documents": {"type": "integer"},
                    "mentions": {"type": "integer"},
                    "role": {**_NULLABLE_STRING, "description": "People only."},
                    "affiliation": {**_NULLABLE_STRING, "description": "People only."},
                },
            },
            "EntityList": {
                "type": "object",
                "required": ["type", "sort", "total", "page", "limit", "entities"],
                "properties": {
                    "type": {**_ENTITY_TYPE, "nullable": True},
                    "sort": {"type": "string", "enum": list(SORTS)},
                    "total": {"type": "integer", "description": "Entities in the whole list."},
                    "page": {"type": "integer"},
                    "limit": {"type": "integer"},
                    "entities": {"type": "array", "items": _ref("EntityCount")},
                },
            },
            "Count": {
                "type": "object",
                "required": ["value", "count"],
                "properties": {"value": {"type": "string"}, "count": {"type": "integer"}},
            },
            "EntityDetail": {
                "type": "object",
                "required": ["type", "canonical", "documents", "recent", "mentions"],
                "properties": {
                    "type": _ENTITY_TYPE,
                    "canonical": {"type": "string"},
                    "documents": {"type": "integer", "description": "Documents naming it."},
                    "recent": {"type": "array", "items": _ref("DocumentRef")},
                    "mentions": {
                        "type": "array",
                        "description": "Its mentions in the recent documents.",
                        "items": {
                            "allOf": [
                                _ref("Entity"),
                                {"type": "object", "properties": {"document": {"type": "string"}}},
                            ]
                        },
                    },
                    "cooccurring": {
                        "type": "object",
                        "description": "Per facet, names in the same documents.",
                        "additionalProperties": {"type": "array", "items": _ref("Count")},
                    },
                    "timeline": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "year": {"type": "string"},
                                "documents": {"type": "integer"},
                            },
                        },
                    },
                },
            },
            "DocumentRef": {
                "type": "object",
                "required": ["id", "title", "date", "source"],
                "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "date": {**_NULLABLE_STRING, "format": "date"},
                    "source": {"type": "string"},
                    "shared": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "Names both documents mention (similar documents).",
                    },
                },
            },
            "SimilarList": {
                "type": "object",
                "required": ["similar"],
                "properties": {"similar": {"type": "array", "items": _ref("DocumentRef")}},
            },
            "FundingList": {
                "type": "object",
                "required": ["funding"],
                "properties": {
                    "funding": {
                        "type": "array",
                        "items": {
                            "allOf": [
                                _ref("Funding"),
                                {
                                    "type": "object",
                                    "properties": {
                                        "document": {"type": "string"},
                                        "date": {**_NULLABLE_STRING, "format": "date"},
                                    },
                                },
                            ]
                        },
                    }
                },
            },
            "Stats": {
                "type": "object",
                "required": ["documents", "passages", "vectors", "funding", "entities"],
                "properties": {
                    "documents": {"type": "integer"},
                    "passages": {"type": "integer"},
                    "vectors": {"type": "integer"},
                    "funding": {"type": "integer"},
                    "entities": {
                        "type": "object",
                        "description": "Mentions per entity type.",
                        "additionalProperties": {"type": "integer"},
                    },
                },
            },
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {
                        "type": "object",
                        "required": ["status", "message"],
                        "properties": {
                            "status": {"type": "integer"},
                            "message": {"type": "string"},
                        },
                    }
                },
            },
        },
    },
}
