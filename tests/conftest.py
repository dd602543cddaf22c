"""Shared fixtures: the real models (loaded once), an indexed archive of the corpus, the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.pipeline import Pipeline, collect, index_files
from indexer.store import open_backend

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "seeds"
CORPORA = ROOT / "corpora"


@pytest.fixture(scope="session")
def extractor():
    """The trained NER pipeline and knowledge base."""
    from nlp.entities import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def embedder():
    """The converted multilingual-e5-small sentence model."""
    from nlp.vectors import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def pipeline(extractor, embedder):
    return Pipeline(extractor, embedder)


@pytest.fixture(scope="session")
def archive_url(tmp_path_factory, pipeline) -> str:
    """A SQLite archive with the whole corpus indexed, shared read-only by tests."""
    url = f"sqlite:///{tmp_path_factory.mktemp('archive') / 'archive.db'}"
    backend = open_backend(url)
    files, failures = collect([CORPORA])
    summary = index_files(pipeline, backend, files, batch_size=16)
    backend.close()
    assert not failures and not summary.failures, (failures, summary.failures)
    return url


@pytest.fixture()
def backend(archive_url):
    store = open_backend(archive_url)
    yield store
    store.close()


@pytest.fixture(scope="session")
def app(archive_url, embedder):
    from webapp import create_app

    return create_app({"BACKEND": archive_url, "TESTING": True}, embedder=embedder)


@pytest.fixture()
def client(app):
    return app.test_client()
