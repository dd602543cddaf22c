import json
import os
import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from indexer.cli import PARALLEL_FROM, Models, cli
from indexer.query import parse_query
from indexer.store import open_backend

from .conftest import SEEDS


@pytest.fixture()
def run(extractor, embedder):
    """Invoke the CLI in-process with the session's models."""
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, list(args), obj=Models(extractor, embedder), input=input)

    return invoke


@pytest.fixture()
def seeds(tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder)
    return folder


def test_index_then_reindex_is_a_no_op(run, seeds, tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    first = run("index", str(seeds), "--backend", url, "--quiet")
    assert first.exit_code == 0, first.output
    stats = json.loads(run("stats", "--json", "--backend", url).output)
    assert stats["documents"] == 5
    assert stats["passages"] == stats["vectors"] > 5
    assert stats["entities"]["CLUSTER"] > 0
    second = run("index", str(seeds), "--backend", url)
    assert second.exit_code == 0
    assert "0 indexed, 5 unchanged, 0 failed" in second.output
    assert json.loads(run("stats", "--json", "--backend", url).output)["documents"] == 5


def test_changed_file_is_reindexed_in_place(run, seeds, tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    run("index", str(seeds), "--backend", url, "--quiet")
    target = next(seeds.glob("003_*"))
    target.write_text(
        target.read_text() + "\nKlyngen fikk også 2 millioner kroner fra Fjordfondet.\n"
    )
    result = run("index", str(seeds), "--backend", url)
    assert "1 indexed, 4 unchanged, 0 failed" in result.output
    backend = open_backend(url)
    assert backend.stats()["documents"] == 5
    total, hits = backend.keyword(parse_query("Fjordfondet"), 10)
    backend.close()
    assert total == 1


def test_bad_files_are_reported_and_the_rest_indexed(run, seeds, tmp_path):
    (seeds / "tom.txt").write_bytes(b"")
    (seeds / "bilde.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00")
    url = f"sqlite:///{tmp_path / 'a.db'}"
    result = run("index", str(seeds), "--backend", url)
    assert result.exit_code == 1
    assert f"failed: {seeds / 'tom.txt'}: empty file" in result.output
    assert f"failed: {seeds / 'bilde.html'}: binary file" in result.output
    assert "5 indexed, 0 unchanged, 2 failed" in result.output
    assert json.loads(run("stats", "--json", "--backend", url).output)["documents"] == 5


def test_workers_index_what_one_process_does(run, seeds, tmp_path):
    (seeds / "tom.txt").write_bytes(b"")
    archives, vectors = {}, {}
    for workers in ("0", "2"):
        url = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        args = ("index", str(seeds), "--backend", url, "--batch-size", "2")
        result = run(*args, "--workers", workers)
        assert result.exit_code == 1, result.output
        assert "5 indexed, 0 unchanged, 1 failed" in result.output
        assert f"failed: {seeds / 'tom.txt'}: empty file" in result.output
        backend = open_backend(url)
        docs = backend.get_many([doc_id for doc_id, _ in backend.sources()])
        archives[workers] = {
            doc.source: (doc.entities, doc.funding, doc.passages, doc.text) for doc in docs
        }
        vectors[workers] = {doc.source: backend.vectors(doc.id) for doc in docs}
        assert backend.stats()["vectors"] == backend.stats()["passages"]
        backend.close()
    assert len(archives["2"]) == 5 and archives["2"] == archives["0"]
    # The workers embed on one core each, which may round differently, never more.
    for source, matrix in vectors["0"].items():
        cosines = (matrix * vectors["2"][source]).sum(axis=1)
        assert matrix.shape == vectors["2"][source].shape and cosines.min() > 0.999, source


def test_large_runs_analyse_in_one_process_per_core(run, tmp_path):
    export = tmp_path / "export.jsonl"
    record = {"title": "Klynge", "text": "Klyngen i Bodø fikk 2 millioner kroner fra Siva."}
    lines = [json.dumps({**record, "id": str(n)}) for n in range(PARALLEL_FROM - 1)]
    export.write_text("\n".join(lines) + "\n")
    url = f"sqlite:///{tmp_path / 'a.db'}"
    small = run("index", str(export), "--backend", url, "--no-vectors")
    assert small.exit_code == 0, small.output
    assert "Loading models…" in small.output and "Analysing in" not in small.output
    with export.open("a") as file:
        file.write(json.dumps({**record, "id": "last"}) + "\n")
    large = run("index", str(export), "--backend", url, "--no-vectors")
    assert large.exit_code == 0, large.output
    cores = os.cpu_count() or 1
    expected = f"Analysing in {cores} processes" if cores > 1 else "Loading models…"
    assert expected in large.output
    assert f"1 indexed, {PARALLEL_FROM - 1} unchanged, 0 failed" in large.output
    assert json.loads(run("stats", "--json", "--backend", url).output)["documents"] == PARALLEL_FROM


def test_usage_errors_exit_2(run, tmp_path):
    assert run("index").exit_code == 2
    assert run("search", "klynge", "--mode", "fuzzy").exit_code == 2
    assert run("analyze").exit_code == 2
    bad = run("stats", "--backend", "ftp://host/archive")
    assert bad.exit_code == 1 and "unknown backend URL" in bad.output


def test_missing_path_is_a_failure(run, tmp_path):
    result = run("index", str(tmp_path / "finnes-ikke"), "--backend", f"sqlite:///{tmp_path}/a.db")
    assert result.exit_code == 1
    assert "no such file or directory" in result.output


@pytest.mark.parametrize("mode", ["keyword", "semantic", "hybrid"])
def test_search_json(run, archive_url, mode):
    result = run(
        "search", "MIP Cluster Innovasjon Norge", "--mode", mode, "--json", "--backend", archive_url
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["total"] >= 1
    top = out["hits"][0]
    assert set(top) == {"id", "source", "title", "date", "score", "snippet", "entities"}
    assert top["source"].endswith(".txt") and "003_" in top["source"]


def test_entities_csv_to_file(run, archive_url, tmp_path):
    out = tmp_path / "klynger.csv"
    result = run(
        "entities", "--type", "CLUSTER", "--format", "csv", "-o", str(out), "--backend", archive_url
    )
    assert result.exit_code == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "type,canonical,documents,mentions,role,affiliation"
    assert any(line.startswith("CLUSTER,MIP Cluster,") for line in lines)


def test_entities_xlsx_needs_a_file(run, archive_url, tmp_path):
    result = run("entities", "--format", "xlsx", "--backend", archive_url)
    assert result.exit_code == 2 and "--output" in result.output
    out = tmp_path / "personer.xlsx"
    result = run(
        "entities", "--type", "PERSON", "--format", "xlsx", "-o", str(out), "--backend", archive_url
    )
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("type", "canonical") and len(rows) > 5
    assert {row[0] for row in rows[1:]} == {"PERSON"}


def test_analyze_seed_003(run):
    result = run("analyze", str(next(SEEDS.glob("003_*"))))
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    found = {(e["type"], e["canonical"]) for e in out["entities"]}
    assert ("PERSON", "Lars Bruland Høyen") in found
    assert ("CLUSTER", "MIP Cluster") in found
    assert ("ORG", "Innovasjon Norge") in found
    assert any(e["type"] == "MONEY" and e["value"] == 750_000 for e in out["entities"])
    assert out["date"] == "2017-12-11"
    text = next(SEEDS.glob("003_*")).read_text()
    assert all(e["text"] in text for e in out["entities"])


def test_analyze_jsonl_streams_in_order(run):
    lines = [
        {"id": "a", "text": "Lars Bruland Høyen leder MIP Cluster i Mo i Rana."},
        {"id": 2, "text": "Innovasjon Norge gir 750.000 kroner."},
        {"id": "c", "text": ""},
    ]
    result = run("analyze", "--jsonl", input="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", 2, "c"]
    assert any(e["type"] == "MONEY" and e["value"] == 750_000 for e in out[1]["entities"])
    assert out[2]["entities"] == []
    for record, line in zip(lines, out, strict=True):
        for e in line["entities"]:
            assert record["text"][e["start"] : e["end"]] == e["text"]


def test_analyze_jsonl_rejects_bad_lines(run):
    result = run("analyze", "--jsonl", input='{"text": "uten id"}\n')
    assert result.exit_code == 1
    assert "line 1" in result.output


def test_prune_removes_gone_files_under_the_paths_only(run, seeds, tmp_path):
    other = tmp_path / "andre"
    other.mkdir()
    moved = next(seeds.glob("004_*"))
    moved.rename(other / moved.name)
    export = other / "eksport.jsonl"
    export.write_text(
        '{"id": "1", "text": "Klyngen i Nordland vokser."}\n'
        '{"id": "2", "text": "Betongklyngen vokser.", "url": "https://example.no/b"}\n'
    )
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert (
        run("index", str(seeds), str(other), "--backend", url, "--no-vectors", "-q").exit_code == 0
    )
    next(seeds.glob("000_*")).unlink()
    (other / moved.name).unlink()
    export.unlink()
    result = run("index", str(seeds), "--backend", url, "--no-vectors", "--prune")
    assert result.exit_code == 0, result.output
    assert "0 indexed, 3 unchanged, 0 failed, 1 pruned" in result.output
    sources = {source for _, source in open_backend(url).sources()}
    assert str(other / moved.name) in sources  # another folder's documents are left alone
    # A path that is not there prunes nothing: it may be a typo or an unmounted disk.
    result = run("index", str(other / "borte"), "--backend", url, "--prune")
    assert result.exit_code == 1 and "0 pruned" in result.output
    result = run("index", str(other), "--backend", url, "--no-vectors", "--prune")
    assert result.exit_code == 0, result.output
    assert "2 pruned" in result.output
    backend = open_backend(url)
    assert {source for _, source in backend.sources()} == {
        str(path) for path in seeds.iterdir()
    } | {"https://example.no/b"}  # a record under a URL names no file
    backend.close()


class Interrupted:
    """The real embedder, interrupted (as by Ctrl-C) after `calls` batches."""

    def __init__(self, embedder, calls: int) -> None:
        self.embedder, self.calls = embedder, calls

    def embed_passages(self, texts):
        if self.calls == 0:
            raise KeyboardInterrupt
        self.calls -= 1
        return self.embedder.embed_passages(texts)


def test_embed_adds_vectors_later_and_resumes(run, seeds, tmp_path, extractor, embedder):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert run("index", str(seeds), "--backend", url, "--no-vectors", "-q").exit_code == 0
    stats = json.loads(run("stats", "--json", "--backend", url).output)
    assert stats["vectors"] == 0 and stats["passages"] > 5
    models = Models(extractor, Interrupted(embedder, calls=1))
    killed = CliRunner().invoke(cli, ["embed", "--backend", url, "--batch-size", "2"], obj=models)
    assert killed.exit_code == 1 and "interrupted" in killed.output
    partial = json.loads(run("stats", "--json", "--backend", url).output)["vectors"]
    assert 0 < partial < stats["passages"]  # the first batch was kept
    assert run("check", "--backend", url, "-q").exit_code == 0
    result = run("embed", "--backend", url, "--batch-size", "2")
    assert result.exit_code == 0, result.output
    done = stats["passages"] - partial
    assert f"{done} passages of 3 documents embedded" in result.output
    assert (
        json.loads(run("stats", "--json", "--backend", url).output)["vectors"]
        == (stats["passages"])
    )
    hits = json.loads(
        run("search", "MIP Cluster", "--mode", "semantic", "--json", "--backend", url).output
    )["hits"]
    assert len(hits) == 5
    again = run("embed", "--backend", url, "--quiet")
    assert again.exit_code == 0 and again.output == ""
