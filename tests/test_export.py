import csv
import io

from indexer.export import entities_csv
from indexer.types import EntityCount


def test_csv_rows_and_formula_guard():
    rows = [
        EntityCount("CLUSTER", "MIP Cluster", 2, 9),
        EntityCount("ORG", '=HYPERLINK("http://x")', 1, 1),
        EntityCount("ORG", "Nærings- og fiskeridepartementet, NFD", 1, 3),
    ]
    parsed = list(csv.reader(io.StringIO(entities_csv(rows))))
    assert parsed[0] == ["type", "canonical", "documents", "mentions"]
    assert parsed[1] == ["CLUSTER", "MIP Cluster", "2", "9"]
    assert parsed[2][1] == '\'=HYPERLINK("http://x")'
    assert parsed[3][1] == "Nærings- og fiskeridepartementet, NFD"
