"""The indexing pipeline: read → parse → entities → vectors → store, a batch at a time."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from indexer.parse import Parsed, ParseError
from indexer.sources import JSONL, Source, document_id, find_files, load
from indexer.store import Backend, StoreError
from indexer.types import Document, Passage
from nlp.entities import Extractor
from nlp.passages import split_passages
from nlp.vectors import Embedder


@dataclass(frozen=True)
class Failure:
    """A file or JSON Lines record that was not indexed, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Item:
    """A parsed text on its way into the archive, with where it came from and its hash."""

    source: str
    hash: str
    parsed: Parsed


@dataclass
class Summary:
    """What an indexing run did."""

    indexed: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)


# A batch of files with the documents made of them and the files that failed.
Analysed = tuple[list[Source], tuple[list[Document], list[Failure]]]


class Pipeline:
    """Holds the models and turns batches of files into stored documents."""

    def __init__(self, extractor: Extractor, embedder: Embedder | None) -> None:
        self.extractor = extractor
        self.embedder = embedder

    def map(self, batches: Iterator[list[Source]]) -> Iterator[Analysed]:
        """Each batch with its documents and failures."""
        for batch in batches:
            yield batch, self.documents(batch)

    def documents(self, sources: list[Source]) -> tuple[list[Document], list[Failure]]:
        """Parse, analyse and embed a batch; files that cannot be parsed or analysed become
        failures."""
        docs, failures = self.extract(sources)
        docs, more = self.embed(docs)
        return docs, failures + more

    def extract(self, sources: list[Source]) -> tuple[list[Document], list[Failure]]:
        """Parse a batch and find its entities, funding and passages (vectors come later)."""
        items: list[Item] = []
        failures = []
        for source in sources:
            try:
                items.append(Item(source.name, source.hash, source.parse()))
            except ParseError as exc:
                failures.append(Failure(source.name, str(exc)))
        return _one_by_one(self._extract, items, failures), failures

    def embed(self, docs: list[Document]) -> tuple[list[Document], list[Failure]]:
        """The documents with their passage vectors (unchanged without an embedder)."""
        failures: list[Failure] = []
        if self.embedder is None:
            return docs, failures
        return _one_by_one(self._embed, docs, failures), failures

    def analyse(self, items: list[Item]) -> list[Document]:
        """Entities, passages and vectors of parsed texts, as documents ready to store."""
        return self._embed(self._extract(items))

    def _extract(self, items: list[Item]) -> list[Document]:
        extractions = self.extractor.pipe(item.parsed.text for item in items)
        return [
            Document(
                id=document_id(item.source),
                source=item.source,
                title=item.parsed.title,
                date=item.parsed.date,
                language=item.parsed.language,
                text=item.parsed.text,
                hash=item.hash,
                entities=extraction.entities,
                funding=extraction.funding,
                passages=tuple(Passage(s, e) for s, e in split_passages(item.parsed.text)),
            )
            for item, extraction in zip(items, extractions, strict=True)
        ]

    def _embed(self, docs: list[Document]) -> list[Document]:
        if self.embedder is None:
            return docs
        spans = [[(p.start, p.end) for p in doc.passages] for doc in docs]
        vectors = embed_spans(self.embedder, [doc.text for doc in docs], spans)
        return [replace(doc, vectors=v) for doc, v in zip(docs, vectors, strict=True)]


def _one_by_one(step: Callable[[list], list[Document]], items: list, failures: list[Failure]):
    """A pipeline step over a batch; when something in the batch breaks it, the step again
    one item at a time, so that only the item at fault is reported and the rest are kept."""
    try:
        return step(items)
    except Exception:  # one odd file must not stop a bulk run
        pass
    out = []
    for item in items:
        try:
            out.extend(step([item]))
        except Exception as exc:
            failures.append(Failure(item.source, f"analysis failed: {exc!r}"))
    return out


def embed_spans(
    embedder: Embedder, texts: list[str], spans: list[list[tuple[int, int]]]
) -> list[np.ndarray]:
    """Passage vectors per document, embedded in one call so batches stay full."""
    flat = [text[s:e] for text, doc_spans in zip(texts, spans, strict=True) for s, e in doc_spans]
    matrix = embedder.embed_passages(flat) if flat else np.zeros((0, 0), np.float32)
    out = []
    pos = 0
    for doc_spans in spans:
        out.append(matrix[pos : pos + len(doc_spans)])
        pos += len(doc_spans)
    return out


def index_files(
    analysis: Pipeline | Workers,
    backend: Backend,
    files: list[Path],
    batch_size: int,
    advance: Callable[[int], object] = lambda n: None,
) -> Summary:
    """Index files in batches, each in its own transaction, skipping unchanged ones.
    The batches are analysed by `analysis`: a pipeline in this process, or worker processes
    while this one stores the batches before.

    An interrupted run keeps every batch it committed; running again skips those by
    their content hash and carries on.
    """
    summary = Summary()
    batches = _batches(files, backend.hashes(), batch_size, summary, advance)
    # Closed on the way out of an error or Ctrl-C too, so that workers are waited for.
    with closing(analysis.map(batches)) as analysed:
        for batch, (docs, failures) in analysed:
            with backend.writer() as writer:
                for doc in docs:
                    writer.add(doc)
            summary.indexed += len(docs)
            summary.failures.extend(failures)
            advance(len(batch))
    return summary


class Workers:
    """Processes that each parse, analyse and embed whole batches with their own models.

    The cores are shared out: each worker runs the embedder on its share of them, which
    keeps every core busy with the entity models and the embedder alike.
    """

    def __init__(self, count: int, vectors: bool = True) -> None:
        self.count = count
        self.vectors = vectors

    def map(self, batches: Iterator[list[Source]]) -> Iterator[Analysed]:
        """Each batch with its documents and failures, in order; one batch per worker is
        read ahead."""
        threads = max(1, (os.cpu_count() or 1) // self.count)
        # Spawned, not forked: a fork would copy the model runtimes' threads in odd states.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            self.count,
            mp_context=context,
            initializer=_start_worker,
            initargs=(self.vectors, threads),
        ) as pool:
            pending: deque = deque()
            try:
                for batch in batches:
                    pending.append((batch, pool.submit(_documents, batch)))
                    # Every worker busy and one batch more waiting, no further read-ahead.
                    if len(pending) > self.count:
                        batch, future = pending.popleft()
                        yield batch, future.result()
                while pending:
                    batch, future = pending.popleft()
                    yield batch, future.result()
            except BrokenProcessPool as exc:
                raise AnalysisError(
                    "an analysis worker died (out of memory?); the batches before are stored, "
                    "run the same command to resume"
                ) from exc
            finally:
                pool.shutdown(cancel_futures=True)


class AnalysisError(RuntimeError):
    """Analysis could not go on (a worker process died)."""


_worker: Pipeline | None = None


def _start_worker(vectors: bool, threads: int) -> None:
    """Load the models once per worker; Ctrl-C is for the main process to handle."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = Pipeline(Extractor(threads=threads), Embedder(threads=threads) if vectors else None)


def _documents(batch: list[Source]) -> tuple[list[Document], list[Failure]]:
    assert _worker is not None
    return _worker.documents(batch)


def add_vectors(
    embedder: Embedder,
    backend: Backend,
    batch_size: int,
    advance: Callable[[int], object] = lambda n: None,
) -> tuple[int, int]:
    """Embed the passages of documents stored without vectors, each batch of documents in
    its own transaction; returns (documents, passages).

    An interrupted run keeps every batch it committed; running again goes on with the rest.
    """
    documents = passages = 0
    previous: list[str] = []
    while batch := backend.missing_vectors(batch_size):
        doc_ids = [doc_id for doc_id, _, _ in batch]
        if doc_ids == previous:
            raise StoreError(f"vectors of {len(doc_ids)} document(s) were not stored")
        previous = doc_ids
        spans = [[(p.start, p.end) for p in doc_passages] for _, _, doc_passages in batch]
        matrices = embed_spans(embedder, [text for _, text, _ in batch], spans)
        with backend.writer() as writer:
            for doc_id, matrix in zip(doc_ids, matrices, strict=True):
                writer.set_vectors(doc_id, matrix)
        documents += len(batch)
        passages += sum(map(len, spans))
        advance(sum(map(len, spans)))
    return documents, passages


def prune(backend: Backend, roots: list[Path], batch_size: int = 500) -> int:
    """Remove the documents from files under `roots` that are gone; returns how many.

    Roots that do not exist prune nothing: a mistyped path or an unmounted disk must not
    empty the archive. Records of JSON Lines exports go with their file; those stored
    under a URL name no file and stay.
    """
    roots = [root.absolute() for root in roots if _exists(str(root))]
    gone = [
        doc_id
        for doc_id, source in backend.sources()
        if any(_under(source, root) for root in roots) and not _backed(source)
    ]
    for start in range(0, len(gone), batch_size):
        with backend.writer() as writer:
            for doc_id in gone[start : start + batch_size]:
                writer.delete(doc_id)
    return len(gone)


def _under(source: str, root: Path) -> bool:
    """Whether a stored source (a path, or path#id of a record) is the root or below it."""
    top = str(root)
    return source == top or source.startswith(f"{top}#") or Path(source).is_relative_to(root)


def _backed(source: str) -> bool:
    """Whether the file a stored source names is still there: the path itself, or the
    export before a '#'."""
    exports = [
        source[:i] for i, char in enumerate(source) if char == "#" and source[:i].endswith(JSONL)
    ]
    return any(_exists(name) for name in [source, *exports])


def _exists(name: str) -> bool:
    try:
        os.stat(name)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:  # unreadable (permissions, a stale mount) is not gone
        return True
    return True


def collect(paths: list[Path]) -> tuple[list[Path], list[Failure]]:
    """The files to index under `paths`, and the paths that cannot be used."""
    files, failures = [], []
    for found in find_files(paths):
        if isinstance(found, tuple):
            failures.append(Failure(str(found[0]), found[1]))
        else:
            files.append(found)
    return files, failures


def _batches(
    files: list[Path],
    stored: dict[str, str],
    size: int,
    summary: Summary,
    advance: Callable[[int], object],
) -> Iterator[list[Source]]:
    """Read files in batches, counting unchanged ones and recording unreadable ones."""
    batch: list[Source] = []
    for path in files:
        for source in load(path):
            if isinstance(source, tuple):
                summary.failures.append(Failure(*source))
                advance(1)
            elif stored.get(source.name) == source.hash:
                summary.unchanged += 1
                advance(1)
            else:
                batch.append(source)
                if len(batch) >= size:
                    yield batch
                    batch = []
    if batch:
        yield batch
