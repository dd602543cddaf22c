"""The `klyngearkiv` command line: index, search, analyse and serve an archive."""

from __future__ import annotations

import json
import os
import sys
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from tqdm import tqdm

from indexer.export import entities_csv, entities_xlsx
from indexer.store import DEFAULT_BACKEND, Backend, StoreError, open_backend
from indexer.types import Query

backend_option = click.option(
    "--backend",
    envvar="KLYNGEARKIV_BACKEND",
    default=DEFAULT_BACKEND,
    show_default=True,
    help="Archive URL: sqlite:///path.db (embedded) or http(s)://host:9200 (Elasticsearch).",
)
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress or status output.")


class Models:
    """The NLP models, each loaded on first use and then kept for the process."""

    def __init__(self, extractor=None, embedder=None) -> None:
        self._extractor = extractor
        self._embedder = embedder

    @property
    def extractor(self):
        """The entity extractor (NER model and knowledge base)."""
        if self._extractor is None:
            from nlp.entities import Extractor

            self._extractor = Extractor()
        return self._extractor

    @property
    def embedder(self):
        """The sentence-vector model."""
        if self._embedder is None:
            from nlp.vectors import Embedder

            self._embedder = Embedder()
        return self._embedder


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="klyngearkiv")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Klyngearkiv: search and entity analysis for Norwegian documents about industry clusters.

    Settings may also come from environment variables: KLYNGEARKIV_BACKEND for --backend,
    KLYNGEARKIV_CACHE for where prepared models are kept.
    """
    ctx.ensure_object(Models)


# From this many documents on, `index` analyses in one process per core: each takes a few
# seconds to load its models, and then two cores index 1.3 times as fast as one process
# using both (bench/index_throughput.py).
PARALLEL_FROM = 500


def _open(url: str):
    try:
        return open_backend(url)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def _status(quiet: bool, message: str) -> None:
    if not quiet:
        click.echo(message, err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@backend_option
@click.option(
    "--batch-size",
    default=32,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Documents analysed and committed together.",
)
@click.option(
    "--no-vectors",
    is_flag=True,
    help="Skip passage vectors (keyword search only); add them later with `embed`.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Afterwards remove the documents of files under PATHS that are gone.",
)
@click.option(
    "--workers",
    type=click.IntRange(0, 64),
    help="Processes that parse, find entities and embed while this one stores (0: all in "
    f"this process; default: one per core from {PARALLEL_FROM} documents on, else 0).",
)
@quiet_option
@click.pass_obj
def index(
    models: Models,
    paths: tuple[Path, ...],
    backend: str,
    batch_size: int,
    no_vectors: bool,
    prune: bool,
    workers: int | None,
    quiet: bool,
) -> None:
    """Index files and directories (.html, .htm, .txt, .md, .pdf, .docx, and .jsonl exports
    with one document per line), skipping unchanged files.

    Exits with 1 when some files failed (the others are indexed), 2 on usage errors.
    """
    from indexer.pipeline import AnalysisError, Pipeline, Workers, collect, index_files
    from indexer.pipeline import prune as prune_gone
    from indexer.sources import count

    store = _open(backend)
    files, bad_paths = collect(list(paths))
    total = sum(map(count, files))
    if workers is None:
        cores = os.cpu_count() or 1
        workers = cores if cores > 1 and total >= PARALLEL_FROM else 0
    if workers:
        plural = "es" if workers > 1 else ""
        _status(quiet, f"Analysing in {workers} process{plural}, each loading its models…")
        analysis: Pipeline | Workers = Workers(workers, vectors=not no_vectors)
    else:
        _status(quiet, "Loading models…")
        analysis = Pipeline(models.extractor, None if no_vectors else models.embedder)
    with _batches_of(store, "resume"), _progress(total, "doc", quiet) as bar:
        try:
            summary = index_files(analysis, store, files, batch_size, bar.update)
        except AnalysisError as exc:
            raise click.ClickException(str(exc)) from exc
        pruned = prune_gone(store, list(paths)) if prune else 0
    failures = bad_paths + summary.failures
    for failure in failures:
        click.echo(f"failed: {failure.source}: {failure.reason}", err=True)
    _status(
        quiet,
        f"{summary.indexed} indexed, {summary.unchanged} unchanged, {len(failures)} failed"
        + (f", {pruned} pruned" if prune else ""),
    )
    if failures:
        sys.exit(1)


@cli.command()
@backend_option
@click.option(
    "--batch-size",
    default=32,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Documents embedded and committed together.",
)
@quiet_option
@click.pass_obj
def embed(models: Models, backend: str, batch_size: int, quiet: bool) -> None:
    """Add passage vectors to documents indexed with --no-vectors, so that semantic and
    hybrid search find them.

    Interrupted, it keeps every finished batch; run it again to go on.
    """
    from indexer.pipeline import add_vectors

    store = _open(backend)
    documents = passages = 0
    with _batches_of(store, "go on"):
        counts = store.stats()
        waiting = counts["passages"] - counts["vectors"]
        if waiting:
            _status(quiet, "Loading the sentence model…")
            embedder = models.embedder
            with _progress(waiting, "passage", quiet) as bar:
                documents, passages = add_vectors(embedder, store, batch_size, bar.update)
    _status(quiet, f"{passages} passages of {documents} documents embedded")


@cli.command()
@click.argument("query")
@backend_option
@click.option(
    "--mode",
    type=click.Choice(["hybrid", "keyword", "semantic"]),
    default="hybrid",
    show_default=True,
    help="Ranking: words, meaning, or both fused.",
)
@click.option(
    "--limit",
    default=10,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Number of hits to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.pass_obj
def search(models: Models, query: str, backend: str, mode: str, limit: int, as_json: bool) -> None:
    """Search the archive."""
    from indexer.search import search as run_search

    embedder = None if mode == "keyword" else models.embedder
    store = _open(backend)
    try:
        results = run_search(store, Query(text=query, mode=mode, limit=limit), embedder)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(results.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{results.total} documents")
    for hit in results.hits:
        click.echo(f"\n{hit.score:.4f}  {hit.title}  ({hit.date or 'no date'})\n  {hit.source}")
        click.echo("  " + hit.snippet.replace("<mark>", "[").replace("</mark>", "]"))


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--jsonl",
    is_flag=True,
    help='Read {"id", "text"} lines from stdin, write {"id", "entities"} lines.',
)
@click.pass_obj
def analyze(models: Models, files: tuple[Path, ...], jsonl: bool) -> None:
    """Extract entities and funding events without indexing, one JSON object per line."""
    from indexer.parse import ParseError, parse

    if bool(files) == jsonl:
        raise click.UsageError("give FILE arguments, or --jsonl with lines on stdin (not both)")
    extractor = models.extractor
    if jsonl:
        _analyze_stream(extractor)
        return
    failed = False
    for path in files:
        try:
            parsed = parse(path.read_bytes(), path.suffix)
        except (OSError, ParseError) as exc:
            click.echo(f"failed: {path}: {exc}", err=True)
            failed = True
            continue
        found = extractor.extract(parsed.text)
        click.echo(
            json.dumps(
                {
                    "source": str(path.absolute()),
                    "title": parsed.title,
                    "date": parsed.date,
                    "language": parsed.language,
                    "entities": [e.as_dict() for e in found.entities],
                    "funding": [f.as_dict() for f in found.funding],
                },
                ensure_ascii=False,
            )
        )
    if failed:
        sys.exit(1)


def _analyze_stream(extractor) -> None:
    """Analyse JSON lines from stdin in order, writing each result as soon as it is ready."""
    ids: deque = deque()

    def texts() -> Iterator[str]:
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                ids.append(record["id"])
                yield str(record["text"])
            except (ValueError, KeyError, TypeError) as exc:
                raise click.ClickException(
                    f'line {number}: expected {{"id": ..., "text": ...}} ({exc})'
                ) from None

    for found in extractor.pipe(texts(), batch_size=8):
        record = {"id": ids.popleft(), "entities": [e.as_dict() for e in found.entities]}
        click.echo(json.dumps(record, ensure_ascii=False))
        sys.stdout.flush()


@cli.command()
@backend_option
@quiet_option
def check(backend: str, quiet: bool) -> None:
    """Check a SQLite archive's integrity: the file, the keyword index, passages, entities,
    funding events and vector dimensions.

    Exits with 1 when a check fails. Safe while an indexer runs (it waits for its batch).
    """
    from indexer.check import check_url

    try:
        report = check_url(backend)
    except (ValueError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    if report.problems:
        for problem in report.problems:
            click.echo(f"problem: {problem}", err=True)
        raise click.ClickException(
            f"the archive failed {len(report.problems)} check(s); re-index its sources "
            "into a new archive: klyngearkiv index PATH... --backend sqlite:///new.db"
        )
    dimension = f" of {report.dimension} dimensions" if report.dimension else ""
    _status(quiet, f"ok: {report.documents} documents, {report.vectors} vectors{dimension}")


@cli.command()
@backend_option
@click.option("--type", "entity_type", help="Only this type, e.g. CLUSTER or PERSON.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "xlsx"]),
    default="table",
    show_default=True,
    help="Output format; xlsx needs --output.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    default="-",
    help="Write to this file instead of standard output.",
)
def entities(backend: str, entity_type: str | None, fmt: str, output: str) -> None:
    """List entities with the number of documents and mentions (people with a role)."""
    if fmt == "xlsx" and output == "-":
        raise click.UsageError("An Excel file cannot go to the terminal: add --output FILE.xlsx.")
    store = _open(backend)
    try:
        rows = store.entity_counts(entity_type.upper() if entity_type else None)
    finally:
        store.close()
    if fmt == "xlsx":
        with click.open_file(output, "wb") as out:
            out.write(entities_xlsx(rows))
        return
    with click.open_file(output, "w", encoding="utf-8") as out:
        if fmt == "json":
            out.write(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2) + "\n")
        elif fmt == "csv":
            out.write(entities_csv(rows))
        else:
            width = max((len(r.canonical) for r in rows), default=10)
            out.write(f"{'TYPE':<10} {'NAME':<{width}} {'DOCS':>5} {'MENTIONS':>8}  ROLE\n")
            for r in rows:
                role = ", ".join(d for d in (r.role, r.affiliation) if d)
                line = f"{r.type:<10} {r.canonical:<{width}} {r.documents:>5} {r.mentions:>8}"
                out.write(f"{line}  {role}".rstrip() + "\n")


@cli.command()
@backend_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(backend: str, as_json: bool) -> None:
    """Show how many documents, passages and entities the archive holds."""
    store = _open(backend)
    try:
        counts = store.stats()
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(counts, ensure_ascii=False))
        return
    for key in ("documents", "passages", "vectors", "funding"):
        click.echo(f"{key:<12} {counts[key]}")
    for type, n in counts["entities"].items():
        click.echo(f"{type.lower():<12} {n}")


@cli.command()
@backend_option
@click.option(
    "--shards",
    type=click.IntRange(1, 1024),
    help="Primary shards of the new index (default: as the current one).",
)
@click.option(
    "--replicas",
    type=click.IntRange(0, 16),
    help="Replicas of the new index (default: as the current one).",
)
@click.option("--keep-old", is_flag=True, help="Keep the previous index instead of deleting it.")
@quiet_option
def reindex(
    backend: str, shards: int | None, replicas: int | None, keep_old: bool, quiet: bool
) -> None:
    """Rebuild an Elasticsearch archive into a new versioned index with the current
    mappings, then move the alias to it atomically; searches go on meanwhile.

    Pause indexing while it runs: writes made during the copy go to the old index.
    """
    store = _open(backend)
    try:
        if not hasattr(store, "reindex"):
            raise click.ClickException(
                f"reindexing is not needed for {backend}: it has no index mappings to change. "
                "To compact a SQLite archive, run: sqlite3 FILE 'VACUUM'"
            )
        _status(quiet, f"Copying {store.alias} into a new index…")
        try:
            old, new = store.reindex(shards, replicas)
            if not keep_old:
                store.drop_index(old)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    _status(
        quiet,
        f"{store.alias} now serves {new}; {old} was {'kept' if keep_old else 'deleted'}",
    )


@cli.command()
@backend_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=5000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Request threads of each process.",
)
@click.option(
    "--processes",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes, each with its own models: more use more cores (and memory).",
)
def serve(backend: str, host: str, port: int, threads: int, processes: int) -> None:
    """Serve the web app and JSON API with a production WSGI server (gunicorn)."""
    from indexer.server import Server

    try:
        open_backend(backend).close()  # a wrong URL is said here, not in every process
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Klyngearkiv is serving {backend} on http://{host}:{port}/", err=True)
    Server(backend, host, port, threads, processes).run()


@contextmanager
def _batches_of(store: Backend, then: str) -> Iterator[None]:
    """A run that commits batch by batch: Ctrl-C and storage errors become messages that
    say what was kept, and the archive is closed either way."""
    try:
        yield
    except KeyboardInterrupt:
        raise click.ClickException(
            f"interrupted: every finished batch is saved; run the same command to {then}"
        ) from None
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()


def _progress(total: int, unit: str, quiet: bool) -> tqdm:
    """A progress bar on standard error with rate and ETA (none with --quiet)."""
    return tqdm(total=total, unit=unit, disable=quiet, file=sys.stderr, dynamic_ncols=True)
