"""PDF, DOCX and JSON Lines exports: real files written with pypdf and python-docx."""

import io
import json

import docx
import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

from indexer.jsonl import record
from indexer.parse import ParseError, parse
from indexer.pipeline import Pipeline, collect, index_files
from indexer.sources import count, document_id
from indexer.store import open_backend

ARTICLE = [
    "Klyngen fikk støtte fra Innovasjon Norge",
    "Mo i Rana, 11. desember 2017",
    "MIP Cluster fikk 750 000 kroner til å utvikle næringsklyngen videre.",
]


def make_pdf(pages: list[list[str]], title: str | None = None, password: str | None = None):
    """A PDF with one line of Helvetica text per string (WinAnsi, so æøå work)."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    for lines in pages:
        page = writer.add_blank_page(595, 842)
        shown = [f"({line.replace('(', '[').replace(')', ']')}) Tj T*" for line in lines]
        content = StreamObject()
        content.set_data("\n".join(["BT /F1 11 Tf 14 TL 56 780 Td", *shown, "ET"]).encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
    if title:
        writer.add_metadata({"/Title": title})
    if password:
        writer.encrypt(password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(title: str | None = None) -> bytes:
    document = docx.Document()
    document.add_heading(ARTICLE[0], level=1)
    for line in ARTICLE[1:]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text = "Program", "Beløp"
    table.cell(1, 0).text, table.cell(1, 1).text = "Arena", "750 000"
    table.cell(0, 1).merge(table.cell(0, 2))
    if title:
        document.core_properties.title = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pdf_text_title_date_and_language():
    parsed = parse(make_pdf([ARTICLE, ["Side to om Arena-programmet."]]), ".pdf")
    assert parsed.title == ARTICLE[0]
    assert parsed.text.splitlines()[:3] == ARTICLE
    assert "Side to om Arena-programmet." in parsed.text
    assert parsed.date == "2017-12-11"
    assert parsed.language == "nb"


def test_pdf_title_from_metadata_unless_a_placeholder():
    assert parse(make_pdf([ARTICLE], title="Støtte til MIP"), ".PDF").title == "Støtte til MIP"
    assert (
        parse(make_pdf([ARTICLE], title="Microsoft Word - notat.docx"), ".pdf").title
        == (ARTICLE[0])
    )


def test_docx_text_title_table_and_date():
    parsed = parse(make_docx(), ".docx")
    assert parsed.title == ARTICLE[0]
    assert parsed.text.split("\n\n")[:3] == ARTICLE
    assert "Program\tBeløp\n\nArena\t750 000" in parsed.text  # a merged cell once
    assert parsed.date == "2017-12-11"
    assert parse(make_docx(title="Årsrapport 2017"), ".docx").title == "Årsrapport 2017"


@pytest.mark.parametrize(
    ("data", "suffix", "reason"),
    [
        (make_pdf([ARTICLE], password="hemmelig"), ".pdf", "encrypted PDF: it needs a password"),
        (make_pdf([ARTICLE])[:400], ".pdf", "corrupt PDF"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 8, ".pdf", "corrupt PDF"),
        (make_pdf([[]]), ".pdf", "without a text layer"),
        (b"<html>not a pdf</html>", ".pdf", "not a PDF file"),
        (make_docx()[:500], ".docx", "corrupt DOCX"),
        (b"PK\x03\x04" + b"\x00" * 64, ".docx", "corrupt DOCX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, ".docx", "encrypted Word file"),
    ],
)
def test_bad_pdf_and_docx_are_parse_errors(data, suffix, reason):
    with pytest.raises(ParseError, match=reason):
        parse(data, suffix)


def test_pdf_encrypted_without_a_user_password_opens():
    data = make_pdf([ARTICLE], password="")
    assert parse(data, ".pdf").title == ARTICLE[0]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"{not json", "not JSON"),
        (b"[1, 2]", "expected an object"),
        (b'{"text": "uten id"}', '"id" is missing'),
        (b'{"id": true, "text": "x"}', '"id" is missing'),
        (b'{"id": "a", "text": "  "}', '"text" is missing or empty'),
        (b'{"id": "a", "text": "x", "title": 5}', '"title" must be a string'),
        (b'{"id": "a", "text": "x", "date": "2017-02-30"}', "not an ISO date"),
        (b'{"id": "a", "text": "x", "date": "11.12.2017"}', "not an ISO date"),
        (b'{"id": "a", "text": "\xff"}', "not UTF-8"),
    ],
)
def test_bad_jsonl_lines(line, reason):
    with pytest.raises(ValueError, match=reason):
        record(line)


def test_jsonl_record_fields():
    r = record(b'{"id": 7, "title": " Tittel ", "text": "Tekst.", "date": "2019-05-01T10:00:00Z"}')
    assert (r.id, r.title, r.date, r.url) == ("7", "Tittel", "2019-05-01", None)
    parsed = record(b'{"id": "a", "text": "Oslo, 3. mars 2018\\nKlyngen vokser."}').parse()
    assert parsed.date == "2018-03-03" and parsed.title == "Oslo, 3. mars 2018"


def export_lines(*records) -> str:
    return "".join(
        r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) + "\n" for r in records
    )


def test_jsonl_export_indexed_with_bad_line_reported(extractor, tmp_path):
    export = tmp_path / "eksport.jsonl"
    first = {"id": "1", "title": "Klyngen fikk støtte", "text": "\n".join(ARTICLE), "date": None}
    second = {
        "id": "2",
        "title": "Betong",
        "text": "Betongklyngen i Trøndelag samarbeider om innovasjon.",
        "date": "2018-05-01",
        "url": "https://example.no/betong",
    }
    export.write_text(export_lines(first, "{ødelagt\n", "\n", second), encoding="utf-8")
    (tmp_path / "rapport.pdf").write_bytes(make_pdf([ARTICLE]))
    (tmp_path / "notat.docx").write_bytes(make_docx())
    url = f"sqlite:///{tmp_path / 'a.db'}"
    files, failures = collect([tmp_path])
    assert not failures and sum(map(count, files)) == 5  # 3 lines with text, 2 files
    pipeline = Pipeline(extractor, None)
    backend = open_backend(url)
    try:
        summary = index_files(pipeline, backend, files, batch_size=2)
        assert [(f.source, f.reason.split(" (")[0]) for f in summary.failures] == [
            (f"{export}:2", "not JSON")
        ]
        assert summary.indexed == 4
        stored = backend.hashes()
        assert set(stored) == {
            f"{export}#1",
            "https://example.no/betong",
            str(tmp_path / "rapport.pdf"),
            str(tmp_path / "notat.docx"),
        }
        doc = backend.get(document_id(f"{export}#1"))
        assert doc.title == "Klyngen fikk støtte" and doc.date == "2017-12-11"
        assert backend.get(document_id("https://example.no/betong")).date == "2018-05-01"
        # Re-imported: unchanged lines are skipped, a changed one replaces its document.
        second["text"] += " Nå også med Fjordfondet."
        export.write_text(export_lines(first, second), encoding="utf-8")
        summary = index_files(pipeline, backend, files, batch_size=2)
        assert (summary.indexed, summary.unchanged, summary.failures) == (1, 3, [])
        assert backend.stats()["documents"] == 4
        assert "Fjordfondet" in backend.get(document_id("https://example.no/betong")).text
    finally:
        backend.close()


def test_jsonl_duplicate_ids_and_long_lines(extractor, tmp_path, monkeypatch):
    monkeypatch.setattr("indexer.sources.MAX_BYTES", 200)
    export = tmp_path / "eksport.jsonl"
    line = {"id": "1", "text": "Klyngen vokser i Nordland."}
    long = {"id": "2", "text": "lang " * 100}
    export.write_text(export_lines(line, long, line), encoding="utf-8")
    backend = open_backend(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        summary = index_files(Pipeline(extractor, None), backend, [export], batch_size=8)
    finally:
        backend.close()
    assert summary.indexed == 1
    assert [(f.source, f.reason.split(" (")[0]) for f in summary.failures] == [
        (f"{export}:2", "line too long"),
        (f"{export}:3", "the same document as line 1"),
    ]
