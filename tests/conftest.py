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


@pytest.fixture(scope="session")
def es_emulator_url(tmp_path_factory):
    """An Elasticsearch emulator (noida-db) on a free loopback port for the session.

    Its binary is started directly, not through the Python wrapper script, which would
    leave it running when killed; it is stopped by PID at the end."""
    import socket
    import subprocess
    import time
    import urllib.request

    import noida_db

    binary = Path(noida_db.__file__).parent / "noida-db"
    data = tmp_path_factory.mktemp("noida")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [str(binary), "start", "--only", "elasticsearch"]
    command += ["--elasticsearch-port", str(port), "--data-dir", str(data / "db")]
    with open(data / "log", "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"Elasticsearch emulator did not start: {(data / 'log').read_text()}"
                    ) from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
