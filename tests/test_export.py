import csv
import io

import openpyxl

from indexer.export import BOM, COLUMNS, entities_csv, entities_xlsx
from indexer.types import EntityCount

ROWS = [
    EntityCount("CLUSTER", "MIP Cluster", 2, 9),
    EntityCount("ORG", '=HYPERLINK("http://x")', 1, 1),
    EntityCount("ORG", "Nærings- og fiskeridepartementet, NFD", 1, 3),
    EntityCount("PERSON", "Lars Bruland Høyen", 1, 4, "daglig leder", "MIP Cluster"),
]


def test_csv_rows_bom_and_formula_guard():
    text = entities_csv(ROWS)
    assert text.startswith(BOM)
    parsed = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert parsed[0] == list(COLUMNS)
    assert parsed[1] == ["CLUSTER", "MIP Cluster", "2", "9", "", ""]
    assert parsed[2][1] == '\'=HYPERLINK("http://x")'
    assert parsed[3][1] == "Nærings- og fiskeridepartementet, NFD"
    assert parsed[4][4:] == ["daglig leder", "MIP Cluster"]


def test_xlsx_holds_the_same_rows_as_text():
    sheet = openpyxl.load_workbook(io.BytesIO(entities_xlsx(ROWS))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == list(COLUMNS)
    assert rows[1][:4] == ["CLUSTER", "MIP Cluster", 2, 9]
    # Stored as a string cell, not a formula that Excel would run.
    assert rows[2][1] == '=HYPERLINK("http://x")'
    assert sheet.cell(3, 2).data_type == "s"
    assert rows[4][4:] == ["daglig leder", "MIP Cluster"]
