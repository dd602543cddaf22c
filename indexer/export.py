"""Entity lists as CSV, the same columns for the command line and the web app."""

from __future__ import annotations

import csv
import io

from indexer.types import EntityCount

COLUMNS = ("type", "canonical", "documents", "mentions")
# Spreadsheets run cells that start with these as formulas; a leading quote keeps them text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def entities_csv(rows: list[EntityCount]) -> str:
    """CSV text with a header row and one row per entity."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows((r.type, _cell(r.canonical), r.documents, r.mentions) for r in rows)
    return buffer.getvalue()


def _cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text
