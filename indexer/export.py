"""Entity lists as CSV and Excel files, the same columns for the command line and the web app."""

from __future__ import annotations

import csv
import io

import xlsxwriter

from indexer.types import EntityCount

COLUMNS = ("type", "canonical", "documents", "mentions", "role", "affiliation")
# Spreadsheets run cells that start with these as formulas; a leading quote keeps them text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV as the local code page unless it starts with a byte order mark.
BOM = "\ufeff"


def entities_csv(rows: list[EntityCount]) -> str:
    """CSV text with a byte order mark, a header row and one row per entity."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(tuple(_cell(v) for v in row) for row in _rows(rows))
    return buffer.getvalue()


def entities_xlsx(rows: list[EntityCount]) -> bytes:
    """An Excel workbook with one sheet: a header row, one row per entity, filters on."""
    buffer = io.BytesIO()
    # Cell text is never read as a formula or a URL, whatever it starts with.
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    with xlsxwriter.Workbook(buffer, options) as book:
        sheet = book.add_worksheet("Entiteter")
        sheet.write_row(0, 0, COLUMNS, book.add_format({"bold": True}))
        values = list(_rows(rows))
        for i, row in enumerate(values, start=1):
            sheet.write_row(i, 0, row)
        sheet.autofilter(0, 0, len(values), len(COLUMNS) - 1)
        sheet.freeze_panes(1, 0)
        sheet.set_column(1, 1, 40)
        sheet.set_column(4, 5, 30)
    return buffer.getvalue()


def _rows(rows: list[EntityCount]):
    for r in rows:
        yield (r.type, r.canonical, r.documents, r.mentions, r.role or "", r.affiliation or "")


def _cell(value: str | int) -> str | int:
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value
