"""Find the files to index and read them, reporting what cannot be read instead of stopping."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.parse import SUFFIXES

# Larger files are almost never articles; reading them whole would cost memory for nothing.
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One file to index: where it is and, once read, its bytes and content hash."""

    path: Path
    data: bytes = b""
    hash: str = ""

    @property
    def name(self) -> str:
        """The source as stored: the absolute path."""
        return str(self.path)


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
                    if file.suffix.lower() in SUFFIXES:
                        yield file.absolute()
            for error in unlisted:
                yield Path(error.filename).absolute(), reason(error)
        elif path.exists():
            if path.suffix.lower() in SUFFIXES:
                yield path.absolute()
            else:
                yield path.absolute(), f"unsupported file type {path.suffix or '(none)'}"
        elif path.is_symlink():
            yield path.absolute(), "broken symbolic link or link loop"
        else:
            yield path.absolute(), "no such file or directory"


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
    return Source(path=path, data=data, hash=hashlib.sha256(data).hexdigest())


def reason(exc: Exception) -> str:
    """An OS error as a short reason without the path (the report already names the file)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


def document_id(source: str) -> str:
    """A stable document id derived from where the document came from."""
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]
