"""Title and text of PDF and DOCX files, read with pypdf and python-docx.

Imported only when such a file comes along, so that archives of web pages never load them.
"""

from __future__ import annotations

import io
import logging
import re

import docx
from docx.table import Table, _Cell
from pypdf import PdfReader
from pypdf.errors import DependencyError

from indexer.parse import ParseError

# Titles that editors leave in document properties without meaning them as titles.
PLACEHOLDER_TITLE = re.compile(
    r"^(microsoft (word|powerpoint) - .*|.*\.(docx?|pdf|odt|rtf|txt)|untitled|uten tittel|"
    r"dokument\d*|document\d*|title|tittel)$",
    re.IGNORECASE,
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# An OLE compound file: what Word writes for an encrypted .docx, and for an old .doc.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# pypdf logs every oddity of a damaged file that it can still read, which would break into
# the progress bar; what it cannot read it raises, and that is reported per file.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def extract(data: bytes, suffix: str) -> tuple[str, str]:
    """(title from the document properties or "", text with blank lines between blocks)."""
    if suffix == ".pdf":
        return _pdf(data)
    if suffix == ".docx":
        return _docx(data)
    raise ParseError(f"unsupported file type {suffix}")


def _pdf(data: bytes) -> tuple[str, str]:
    if b"%PDF-" not in data[:1024]:
        raise ParseError("not a PDF file")
    try:
        reader = PdfReader(io.BytesIO(data))
        # Many PDFs are encrypted only to restrict printing or copying: an empty password
        # opens them.
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError("encrypted PDF: it needs a password; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata or {}).get("/Title") or ""
    except ParseError:
        raise
    except DependencyError as exc:
        raise ParseError(f"encrypted PDF that cannot be decrypted here ({exc})") from None
    # A damaged file makes pypdf raise assorted errors (KeyError, ValueError, …), not only
    # its own: any of them means this one file cannot be read.
    except Exception as exc:
        raise ParseError(f"corrupt PDF ({type(exc).__name__}: {exc})") from None
    if not any(page.strip() for page in pages):
        raise ParseError("PDF without a text layer (scanned pages?): run OCR on it first")
    return _title(str(title)), _clean("\n\n".join(pages))


def _docx(data: bytes) -> tuple[str, str]:
    if data.startswith(OLE_MAGIC):
        raise ParseError("encrypted Word file or old .doc format: save an unprotected .docx copy")
    try:
        document = docx.Document(io.BytesIO(data))
        title = document.core_properties.title or ""
        blocks: list[str] = []
        heading = ""
        for block in document.iter_inner_content():
            if isinstance(block, Table):  # one line per row, cells split by tabs
                for row in block.rows:
                    blocks.append("\t".join(c for c in _unique(row.cells) if c))
                continue
            text = block.text.strip()
            style = block.style.name if block.style is not None else ""
            if text and not heading and style.startswith(("Title", "Heading")):
                heading = text
            blocks.append(text)
    # As with PDFs: a damaged package or its XML fails in many ways, each one file's fault.
    except Exception as exc:
        raise ParseError(f"corrupt DOCX ({type(exc).__name__}: {exc})") from None
    return _title(title) or heading, _clean("\n\n".join(blocks))


def _title(title: str) -> str:
    title = " ".join(title.split())
    return "" if PLACEHOLDER_TITLE.match(title) else title


def _clean(text: str) -> str:
    return CONTROL.sub(" ", text)


def _unique(cells: tuple[_Cell, ...]) -> list[str]:
    """Cell texts, a merged cell once: python-docx repeats it for every column it spans."""
    out: list[str] = []
    previous = None
    for cell in cells:
        if cell is not previous:
            out.append(cell.text.strip())
        previous = cell
    return out
