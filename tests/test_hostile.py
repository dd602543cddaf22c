"""Hostile requests: the API fuzzed from its own OpenAPI document, path traversal, limits."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from indexer.pipeline import collect, index_files
from indexer.store import open_backend
from webapp import create_app

from .conftest import SEEDS

KEY = "fuzz-nøkkel"
TRAVERSALS = [
    "/documents/..%2f..%2fetc%2fpasswd",
    "/documents/../../etc/passwd",
    "/documents/%2e%2e%2f%2e%2e%2fsetup.cfg",
    "/api/v1/documents/..%2f..%2fsetup.cfg",
    "/api/v1/documents/..%252f..%252fsetup.cfg",
    "/static/../setup.cfg",
    "/static/..%2f..%2fsetup.cfg",
    "/static/%2e%2e/%2e%2e/setup.cfg",
    "/static/....//....//setup.cfg",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/..\\..\\setup.cfg",
    "/api/v1/../../setup.cfg",
    "/entities/..%2f..%2fsetup.cfg",
]


@pytest.fixture(scope="module")
def fuzz_app(pipeline, tmp_path_factory):
    """The app over an archive of the seed documents of its own, with uploads switched on."""
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'archive.db'}"
    backend = open_backend(url)
    files, _ = collect([SEEDS])
    index_files(pipeline, backend, files, batch_size=8)
    backend.close()
    return create_app({"BACKEND": url, "API_KEY": KEY}, embedder=pipeline.embedder)


@pytest.fixture(scope="module")
def api_schema(fuzz_app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzz_app)


def errors_are_json_with_a_message(ctx, response, case) -> None:
    """Every 4xx and 5xx answer under /api/ is {"error": {"status", "message"}}."""
    if response.status_code < 400:
        return
    content_type = {k.lower(): v for k, v in response.headers.items()}.get("content-type")
    assert content_type and content_type[0].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == response.status_code
    assert isinstance(error["message"], str) and error["message"].strip()


CHECKS = [not_a_server_error, errors_are_json_with_a_message]


def fuzz(api_schema, max_examples: int, headers: dict[str, str] | None = None) -> None:
    """Run every operation with `max_examples` generated requests (valid and invalid)."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 5
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=max_examples,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def run(case):
            case.call_and_validate(checks=CHECKS, headers=headers)

        run()


def test_fuzz_api(api_schema):
    fuzz(api_schema, max_examples=25)


@pytest.mark.slow
def test_fuzz_api_long(api_schema):
    fuzz(api_schema, max_examples=400)


@pytest.mark.slow
def test_fuzz_api_with_the_key(api_schema):
    fuzz(api_schema, max_examples=100, headers={"Authorization": f"Bearer {KEY}"})


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_path_traversal(fuzz_app, path):
    # Double slashes are first redirected to the merged path, which must not exist either.
    response = fuzz_app.test_client().get(path, follow_redirects=True)
    assert response.status_code == 404, (path, response.status_code)
    body = response.get_data(as_text=True)
    assert "[metadata]" not in body and "root:" not in body


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/search?q=" + "klynge " * 100, 400),
        ("/api/v1/search?q=klynge&limit=101", 400),
        ("/api/v1/search?q=klynge&page=1001", 400),
        ("/api/v1/search?q=klynge&limit=100&page=1000", 200),
    ],
)
def test_limits(fuzz_app, url, status):
    response = fuzz_app.test_client().get(url)
    assert response.status_code == status
    if status == 400:
        assert response.json["error"]["message"]
