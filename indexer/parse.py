"""Turn raw file bytes into clean article text, a title, a publication date and a language."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, CData, NavigableString, Tag
from bs4.exceptions import ParserRejectedMarkup

from nlp.dates import publication_date
from nlp.language import detect_language

HTML_SUFFIXES = {".html", ".htm"}
TEXT_SUFFIXES = {".txt", ".md"}
# Formats read with their own libraries (indexer.formats) rather than decoded as text.
DOCUMENT_SUFFIXES = {".pdf", ".docx"}
SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | DOCUMENT_SUFFIXES

# Page furniture that scrapers leave in the text: skip links, share buttons, log-in
# menus, cookie banners. Matched against whole lines (after bullets are stripped).
CLUTTER_LINES = re.compile(
    r"^(hopp til (hoved)?innhold|gå til (hoved)?innhold|skip to (main )?content|logg inn|"
    r"log in|meny|menu|søk|del|del( del)+|share|tilbake( til [\w -]{1,40})?|"
    r"del på \w+|(send|del) (på|via) e-post|kopier lenke|"
    r"historisk arkiv|en|no|nn|english|norsk|print|skriv ut|lukk|close|"
    r"(vi bruker )?(informasjonskapsler|cookies).*|godta( alle)?( cookies)?|aksepter.*)$",
    re.IGNORECASE,
)
# Buttons scraped onto one line are separated by runs of spaces or bars.
BUTTON_GAP = re.compile(r"\s{2,}|\s*[|·]\s*")
# A breadcrumb trail: "Nyheter > Energi > Havvind".
BREADCRUMB = re.compile(r"^[^<>›».,!?\n]{1,40}(\s*[>›»]\s*[^<>›».,!?\n]{1,40})+$")
TRAILING_SHARE = re.compile(r"(\s+Del)+\s*$")
BULLET = re.compile(r"^\s*[•·▪◦*]\s*")
# Elements and class/id names that hold navigation, sharing and cookie notices.
DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "iframe",
    "svg",
    "template",
]
DROP_ATTR = re.compile(
    r"cookie|consent|share|social|breadcrumb|menu|navbar|skip|banner", re.IGNORECASE
)
BLOCK_TAGS = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "div",
    "section",
    "article",
    "blockquote",
    "pre",
    "td",
    "th",
    "dd",
    "dt",
    "figcaption",
    "br",
    "tr",
]
META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?\s*([\w-]+)""", re.IGNORECASE)
MAX_TITLE_WORDS = 20
# Text has few control characters; a file whose head is full of them is binary even
# without a NUL byte (compressed data, images, executables).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.05
SNIFF_BYTES = 8192
# A codec error handler name; see _windows_1252.
WINDOWS_1252_FALLBACK = "klyngearkiv-windows-1252"
# Marks the end of a block element on the explicit stack in _visible_text.
_BLOCK_END = object()


class ParseError(ValueError):
    """A file that cannot be turned into a document; the message says why."""


@dataclass(frozen=True)
class Parsed:
    """What parsing found in one file."""

    title: str
    text: str
    date: str | None
    language: str


def parse(data: bytes, suffix: str) -> Parsed:
    """Parse the bytes of a .html/.htm/.txt/.md/.pdf/.docx file."""
    suffix = suffix.lower()
    if suffix not in SUFFIXES:
        raise ParseError(f"unsupported file type {suffix or '(none)'}")
    if not data.strip():
        raise ParseError("empty file")
    if suffix in DOCUMENT_SUFFIXES:
        # Imported here: pypdf and python-docx are only loaded when such a file comes.
        from indexer.formats import extract

        title, raw = extract(data, suffix)
    else:
        title, raw = _markup_text(data, suffix)
    return parse_text(raw, title)


def parse_text(raw: str, title: str = "") -> Parsed:
    """A document from extracted text: clutter removed, the date found in it, the title
    given or else its first heading-like line, and its language."""
    date = publication_date(raw)
    lines = _clean_lines(raw)
    text = "\n".join(lines).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    if not text:
        raise ParseError("no text after removing page clutter")
    title = title or _text_title(lines)
    return Parsed(
        title=title,
        text=text,
        date=date.isoformat() if date else None,
        language=detect_language(text),
    )


def _markup_text(data: bytes, suffix: str) -> tuple[str, str]:
    """Title and text of HTML, plain text or Markdown, refusing binary files."""
    if b"\x00" in data[:SNIFF_BYTES]:
        raise ParseError("binary file, not text")
    html = suffix in HTML_SUFFIXES
    raw = decode(data, declared_charset(data) if html else None)
    head = raw[:SNIFF_BYTES]
    if len(CONTROL.findall(head)) > MAX_CONTROL_SHARE * len(head):
        raise ParseError("binary file, not text")
    if html:
        return _html_text(raw)
    return (_markdown_title(raw) if suffix == ".md" else ""), raw


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode bytes: UTF-8 if valid, else the declared charset, else UTF-8 with windows-1252
    for the bytes that are not UTF-8 (files pasted together from both encodings)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared and _codec(declared) not in (None, "utf-8"):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    return data.decode("utf-8", errors=WINDOWS_1252_FALLBACK)


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _windows_1252(error: UnicodeError) -> tuple[str, int]:
    """The bytes UTF-8 rejected, as windows-1252 (latin-1 for its five unused bytes)."""
    assert isinstance(error, UnicodeDecodeError)
    chars = []
    for byte in error.object[error.start : error.end]:
        try:
            chars.append(bytes([byte]).decode("windows-1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars), error.end


codecs.register_error(WINDOWS_1252_FALLBACK, _windows_1252)


def declared_charset(data: bytes) -> str | None:
    """The charset named in an HTML meta tag, if any."""
    m = META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _html_text(markup: str) -> tuple[str, str]:
    """Title and visible article text of an HTML page, one block per line."""
    try:
        soup = BeautifulSoup(markup, "html.parser")
    except ParserRejectedMarkup as exc:
        raise ParseError(f"unreadable HTML ({exc})") from None
    title = ""
    og = soup.find("meta", attrs={"property": "og:title"})
    if og and og.get("content"):
        title = str(og["content"]).strip()
    elif soup.h1 and soup.h1.get_text(strip=True):
        title = soup.h1.get_text(" ", strip=True)
    elif soup.title and soup.title.string:
        title = soup.title.string.strip()
    for tag in soup(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_clutter):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    return title, _visible_text(root)


def _visible_text(root: Tag) -> str:
    """The text under `root` with a blank line around each block element.

    Walks with an explicit stack: deeply nested markup (100,000 <div>s) must neither
    recurse nor cost quadratic time, as inserting separators into the tree would.
    """
    parts: list[str] = []
    block_names = set(BLOCK_TAGS)
    stack: list = [root]
    while stack:
        node = stack.pop()
        if node is _BLOCK_END:
            parts.append("\n\n")
        elif isinstance(node, Tag):
            if node.name in block_names:
                parts.append("\n\n")
                stack.append(_BLOCK_END)
            stack.extend(reversed(node.contents))
        elif type(node) in (NavigableString, CData):  # not comments, doctypes or declarations
            parts.append(str(node))
    return "".join(parts)


def _is_clutter(tag) -> bool:
    if tag.attrs is None:  # already decomposed with an ancestor
        return False
    names = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
    return bool(names.strip()) and bool(DROP_ATTR.search(names))


def _clean_lines(text: str) -> list[str]:
    """Lines without bullets, trailing share buttons and lines that are only page clutter."""
    lines = []
    for line in text.splitlines():
        line = TRAILING_SHARE.sub("", BULLET.sub("", line.replace("\xa0", " "))).strip()
        if BREADCRUMB.match(line) or (
            line and all(CLUTTER_LINES.match(part) for part in BUTTON_GAP.split(line) if part)
        ):
            continue
        lines.append(line)
    return lines


def _markdown_title(text: str) -> str:
    m = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
    return m.group(1).strip() if m else ""


def _text_title(lines: list[str]) -> str:
    """The first short line that reads like a heading (no closing full stop)."""
    for line in lines:
        words = line.split()
        if 0 < len(words) <= MAX_TITLE_WORDS and not line.endswith((".", ":", ",")):
            if not re.match(r"^\d", line):
                return line
    first = next((line for line in lines if line), "")
    return " ".join(first.split()[:MAX_TITLE_WORDS])
