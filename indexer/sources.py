"""Find the files to index and read them, reporting what cannot be read instead of stopping."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer import jsonl
from indexer.parse import SUFFIXES, Parsed, parse

# Larger files are almost never articles; reading them whole would cost memory for nothing.
# A JSON Lines export is read a line at a time, each line up to this size.
MAX_BYTES = 20 * 1024 * 1024
JSONL = ".jsonl"
FILE_SUFFIXES = SUFFIXES | {JSONL}
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One document to index: the file it is in, its content hash, and what to parse,
    the file's bytes or one record of a JSON Lines export."""

    path: Path
    data: bytes = b""
    hash: str = ""
    record: jsonl.Record | None = None

    @property
    def name(self) -> str:
        """The source as stored: the file's absolute path, or a record's URL or file#id."""
        if self.record is None:
            return str(self.path)
        return self.record.url or f"{self.path}#{self.record.id}"

    def parse(self) -> Parsed:
        """Title, clean text, date and language; raises ParseError."""
        if self.record is not None:
            return self.record.parse()
        return parse(self.data, self.path.suffix)


def find_files(paths: list[Path]) -> Iterator[Path | tuple[Path, str]]:
    """Files under `paths` with a supported suffix, or (path, reason) for what cannot be used.

    Directories are walked recursively in sorted order; symlinked directories are not
    followed, so link loops cannot trap the walk. Directories that cannot be listed are
    reported, not silently left out.
    """
    for path in paths:
        if path.is_dir():
            unlisted: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=unlisted.append):
                dirs.sort()
                for name in sorted(files):
                    file = Path(root) / name
                    if file.suffix.lower() in FILE_SUFFIXES:
                        yield file.absolute()
            for error in unlisted:
                yield Path(error.filename).absolute(), reason(error)
        elif path.exists():
            if path.suffix.lower() in FILE_SUFFIXES:
                yield path.absolute()
            else:
                yield path.absolute(), f"unsupported file type {path.suffix or '(none)'}"
        elif path.is_symlink():
            yield path.absolute(), "broken symbolic link or link loop"
        else:
            yield path.absolute(), "no such file or directory"


def load(path: Path) -> Iterator[Source | tuple[str, str]]:
    """The documents in a file, or (where, reason) for what cannot be read: the file itself,
    or each line of a JSON Lines export, a bad line reported as `file:line`."""
    if path.suffix.lower() != JSONL:
        try:
            yield read(path)
        except (OSError, ValueError) as exc:
            yield str(path), reason(exc)
        return
    first: dict[str, int] = {}  # source → the line that named it first
    try:
        with path.open("rb") as file:
            for number, line in jsonl.lines(file, MAX_BYTES):
                where = f"{path}:{number}"
                if line is None:
                    yield where, f"line too long (limit {MAX_BYTES // 1_000_000} MB)"
                    continue
                try:
                    record = jsonl.record(line)
                except ValueError as exc:
                    yield where, str(exc)
                    continue
                source = Source(path, hash=_digest(line.strip()), record=record)
                if source.name in first:
                    yield where, f"the same document as line {first[source.name]} (id or url)"
                    continue
                first[source.name] = number
                yield source
    except OSError as exc:
        yield str(path), reason(exc)


def count(path: Path) -> int:
    """How many documents a file holds, for progress: one, or an export's non-blank lines."""
    if path.suffix.lower() != JSONL:
        return 1
    lines, pending = 0, b""
    try:
        with path.open("rb") as file:
            while chunk := file.read(CHUNK):
                *complete, rest = (pending + chunk).split(b"\n")
                lines += sum(1 for line in complete if line.strip())
                # Keep only whether the unfinished line has text: it may be very long.
                pending = b"x" if rest.strip() else b""
    except OSError:
        return 1
    return lines + bool(pending)


def read(path: Path) -> Source:
    """Read a file; raises OSError or ValueError with a reason a user can act on."""
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        # Read one byte past the limit so that a file growing after fstat is caught too.
        data = file.read(MAX_BYTES + 1) if size <= MAX_BYTES else b""
    if size > MAX_BYTES or len(data) > MAX_BYTES:
        size = max(size, len(data))
        raise ValueError(
            f"file too large ({size // 1_000_000} MB, limit {MAX_BYTES // 1_000_000} MB)"
        )
    return Source(path=path, data=data, hash=_digest(data))


def reason(exc: Exception) -> str:
    """An OS error as a short reason without the path (the report already names the file)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_id(source: str) -> str:
    """A stable document id derived from where the document came from."""
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]
