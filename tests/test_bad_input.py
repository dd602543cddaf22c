"""Bad files: each is reported once with a reason, the rest are indexed, nothing hangs."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import Models, cli
from indexer.parse import parse
from indexer.pipeline import Pipeline, collect, index_files
from indexer.sources import MAX_BYTES
from indexer.store import open_backend

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4
# Binary without a NUL byte: control characters everywhere.
NO_NUL_BINARY = bytes(b for b in range(1, 32) if b not in (9, 10, 13)) * 300
DEEP = 100_000


def good_text(n: int) -> str:
    return f"Klynge {n}\n\nNæringsklyngen nummer {n} i Mo i Rana fikk støtte fra Innovasjon Norge."


@pytest.fixture()
def run(extractor):
    """The CLI in-process with the session's NER model; indexing here is --no-vectors."""
    runner = CliRunner()

    def invoke(*args):
        extra = ["--no-vectors"] if args[0] == "index" else []
        return runner.invoke(cli, [*args, *extra], obj=Models(extractor))

    return invoke


def failed_lines(output: str) -> dict[str, str]:
    """Path → reason of every `failed:` line, checking that no path is reported twice."""
    lines = re.findall(r"^failed: (.+?): (.+)$", output, re.MULTILINE)
    paths = [path for path, _ in lines]
    assert len(paths) == len(set(paths)), lines
    return dict(lines)


def documents(url: str) -> dict[str, str]:
    backend = open_backend(url)
    try:
        return {doc.source: doc.text for doc in backend.get_many([i for i, _ in backend.sources()])}
    finally:
        backend.close()


def test_bad_files_are_each_reported_once_and_the_rest_indexed(run, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in range(3):
        (folder / f"god{n}.txt").write_text(good_text(n))
    bad = {
        "tom.txt": (b"", "empty file"),
        "blank.md": (b" \n\t\n", "empty file"),
        "bilde.html": (PNG, "binary file"),
        "program.txt": (ELF, "binary file"),
        "styrekoder.txt": (NO_NUL_BINARY, "binary file"),
        "bare-meny.html": (b"<html><nav>Meny</nav><footer>Kontakt</footer></html>", "no text"),
    }
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    with (folder / "stor.txt").open("wb") as big:
        big.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    bad["stor.txt"] = (b"", "file too large")
    (folder / "ring-a.txt").symlink_to(folder / "ring-b.txt")
    (folder / "ring-b.txt").symlink_to(folder / "ring-a.txt")
    bad["ring-a.txt"] = bad["ring-b.txt"] = (b"", "too many levels of symbolic links")
    (folder / "sirkel").symlink_to(folder)  # a directory loop: not followed, not reported
    # Readable, if odd: indexed.
    odd = {
        "ugyldig-utf8.txt": "Klynge i Sør-Norge fikk 2 millioner kroner.".encode("windows-1252"),
        "blandet.txt": "Næringsklynge på Sørlandet. ".encode()
        + "Næringsklynge på Vestlandet.".encode("windows-1252"),
        "avkuttet.html": b"<html><head><title>Avkuttet</title></head><body><p>Klyngen i Bod",
        "dyp.html": b"<body>" + b"<div>" * DEEP + b"Dypt nede i klyngen." + b"</div>" * DEEP,
    }
    for name, data in odd.items():
        (folder / name).write_bytes(data)

    url = f"sqlite:///{tmp_path / 'a.db'}"
    result = run("index", str(folder), "--backend", url)

    assert result.exit_code == 1, result.output
    failed = failed_lines(result.output)
    assert set(failed) == {str(folder / name) for name in bad}
    for name, (_, reason) in bad.items():
        assert failed[str(folder / name)].startswith(reason), (name, failed[str(folder / name)])
    assert f"7 indexed, 0 unchanged, {len(bad)} failed" in result.output
    texts = documents(url)
    assert texts[str(folder / "ugyldig-utf8.txt")].startswith("Klynge i Sør-Norge")
    assert texts[str(folder / "blandet.txt")] == (
        "Næringsklynge på Sørlandet. Næringsklynge på Vestlandet."
    )
    assert "Klyngen i Bod" in texts[str(folder / "avkuttet.html")]
    assert texts[str(folder / "dyp.html")] == "Dypt nede i klyngen."


def test_deeply_nested_unclosed_html_parses():
    parsed = parse(b"<html><body>" + b"<div>" * (DEEP // 4) + b"Klynge", ".html")
    assert parsed.text == "Klynge"


def test_file_that_vanishes_before_it_is_read(extractor, tmp_path):
    for n in range(3):
        (tmp_path / f"d{n}.txt").write_text(good_text(n))
    files, failures = collect([tmp_path])
    (tmp_path / "d1.txt").unlink()
    backend = open_backend(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        summary = index_files(Pipeline(extractor, None), backend, files, batch_size=2)
        assert backend.stats()["documents"] == 2
    finally:
        backend.close()
    assert not failures
    assert [(f.source, f.reason) for f in summary.failures] == [
        (str(tmp_path / "d1.txt"), "no such file or directory")
    ]
    assert summary.indexed == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_files_and_directories(run, tmp_path):
    folder = tmp_path / "docs"
    (folder / "lukket").mkdir(parents=True)
    (folder / "lukket" / "inne.txt").write_text(good_text(0))
    (folder / "hemmelig.txt").write_text(good_text(1))
    (folder / "god.txt").write_text(good_text(2))
    (folder / "hemmelig.txt").chmod(0)
    (folder / "lukket").chmod(0)
    try:
        result = run("index", str(folder), "--backend", f"sqlite:///{tmp_path / 'a.db'}")
    finally:
        (folder / "lukket").chmod(0o755)
    assert result.exit_code == 1
    assert failed_lines(result.output) == {
        str(folder / "hemmelig.txt"): "permission denied",
        str(folder / "lukket"): "permission denied",
    }
    assert "1 indexed" in result.output


def test_link_loop_given_as_path(run, tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    result = run("index", str(tmp_path / "a.txt"), "--backend", f"sqlite:///{tmp_path / 'a.db'}")
    assert result.exit_code == 1
    assert failed_lines(result.output) == {
        str(tmp_path / "a.txt"): "broken symbolic link or link loop"
    }


def many_files(run, tmp_path: Path, count: int, every_bad: int) -> None:
    """`count` small files in nested folders, every `every_bad`-th one bad."""
    folder = tmp_path / "mange"
    bad = set()
    for n in range(count):
        sub = folder / f"{n // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{n:05d}.txt"
        if n % every_bad == 0:
            path.write_bytes([b"", PNG, NO_NUL_BINARY][n % 3])
            bad.add(str(path))
        else:
            path.write_text(good_text(n))
    url = f"sqlite:///{tmp_path / 'a.db'}"
    result = run("index", str(folder), "--backend", url, "--batch-size", "256", "--quiet")
    assert result.exit_code == 1
    assert set(failed_lines(result.output)) == bad
    stats = json.loads(run("stats", "--json", "--backend", url).output)
    assert stats["documents"] == count - len(bad)
    again = run("index", str(folder), "--backend", url)
    assert f"0 indexed, {count - len(bad)} unchanged, {len(bad)} failed" in again.output


def test_directory_with_many_files_some_bad(run, tmp_path):
    many_files(run, tmp_path, 2_000, every_bad=97)


@pytest.mark.slow
def test_directory_with_ten_thousand_files_some_bad(run, tmp_path):
    many_files(run, tmp_path, 10_000, every_bad=101)


class Fragile:
    """The real extractor, except that it fails on texts with a marker word."""

    def __init__(self, extractor) -> None:
        self.extractor = extractor

    def pipe(self, texts):
        for text in texts:
            if "SPRENGT" in text:
                raise RuntimeError("analysis broke")
            yield self.extractor.extract(text)


def test_a_document_that_breaks_the_analysis_fails_alone(extractor, tmp_path):
    for n in range(4):
        (tmp_path / f"d{n}.txt").write_text(good_text(n) + (" SPRENGT" if n == 2 else ""))
    files, _ = collect([tmp_path])
    backend = open_backend(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        summary = index_files(Pipeline(Fragile(extractor), None), backend, files, batch_size=4)
        assert backend.stats()["documents"] == 3
    finally:
        backend.close()
    assert [(f.source, f.reason) for f in summary.failures] == [
        (str(tmp_path / "d2.txt"), "analysis failed: RuntimeError('analysis broke')")
    ]
