"""NoReC's review texts for the benchmarks (`../shared/data/norec`, for development only)."""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from pathlib import Path

NOREC = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "norec" / "norec-v2.1-texts.tar.gz"
)


def reviews(tarball: Path = NOREC, split: str | None = None) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of each review text in the tarball's order, streamed without
    unpacking; only those of `split` ("train", "dev" or "test") when given."""
    with tarfile.open(tarball, mode="r|gz") as tar:
        for member in tar:
            if not (member.isfile() and member.name.endswith(".txt")):
                continue
            if split is None or f"/{split}/" in member.name:
                handle = tar.extractfile(member)
                if handle is not None:
                    yield Path(member.name).name, handle.read()
