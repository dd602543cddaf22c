"""The served app in a real browser: `klyngearkiv serve` driven by headless Chromium."""

from __future__ import annotations

import csv
import io
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.pipeline import collect, index_files
from indexer.store import open_backend

CHROMIUM = Path("/usr/bin/chromium")
# Markup that would run script if any page let it through unescaped.
ATTACK = '<img src=x onerror="window.attacked=1"><script>window.attacked=1</script>'

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Loading the sentence model takes a while on a busy 2-core machine.
STARTUP_SECONDS = 180

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _serve(archive_url: str, folder: Path) -> Iterator[str]:
    """`klyngearkiv serve` on a free port until the generator is closed."""
    port = _free_port()
    log_path = folder / "serve.log"
    command = [str(Path(sys.executable).parent / "klyngearkiv"), "serve"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*command, "--backend", archive_url, "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"klyngearkiv serve did not start:\n{log_path.read_text()}")
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def server(archive_url, tmp_path_factory) -> Iterator[str]:
    """The corpus archive served, stopped when the module's tests are done."""
    yield from _serve(archive_url, tmp_path_factory.mktemp("server"))


@pytest.fixture(scope="module")
def hostile_server(pipeline, tmp_path_factory) -> Iterator[str]:
    """An archive of one document whose title and text are made of HTML and script."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "angrep.txt").write_text(f"{ATTACK} i tittelen\n\nKlyngen {ATTACK} fikk støtte.\n")
    url = f"sqlite:///{folder / 'archive.db'}"
    backend = open_backend(url)
    files, _ = collect([folder])
    index_files(pipeline, backend, files, batch_size=1)
    backend.close()
    yield from _serve(url, folder)


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def test_search_and_open_a_document(server, browser):
    from playwright.sync_api import expect

    page = browser.new_page()
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(server + "/")
    page.get_by_label("Søk i arkivet").fill("klynge")
    page.get_by_role("button", name="Søk").click()

    hits = page.locator("li.hit")
    expect(hits.first).to_be_visible()
    assert "q=klynge" in page.url
    expect(page.locator(".snippet mark").first).to_be_visible()

    hits.first.locator("h3 a").click()
    expect(page).to_have_url(re.compile(r"/documents/\w+$"))
    expect(page.locator(".doc-text mark.ent").first).to_be_visible()
    expect(page.get_by_role("heading", name="Lignende dokumenter")).to_be_visible()

    page.close()
    assert errors == []


def _page(browser, errors: list[str]):
    page = browser.new_page()
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def test_filter_by_a_facet_and_sort(server, browser):
    from playwright.sync_api import expect

    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(server + "/?q=klynge&mode=keyword")
    facet = page.locator("#facet-programme + ul a").first
    label = facet.locator(".facet-label").inner_text().strip()
    count = int(facet.locator(".count").inner_text())
    facet.click()
    expect(page.locator("li.selected a[aria-current=true]")).to_contain_text(label)
    assert "programme" in page.url
    expect(page.locator("#results-heading")).to_contain_text(f"{count} dokument")
    # Changing the sort order searches again (progressive script) and keeps the filter.
    page.select_option("#sort", "newest")
    expect(page).to_have_url(re.compile(r"sort=newest"))
    assert "programme" in page.url
    dates = page.locator("li.hit time").evaluate_all("els => els.map(e => e.dateTime)")
    assert dates == sorted(dates, reverse=True)
    # "/" jumps to the search box.
    page.locator("h2#results-heading").click()
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
    page.close()
    assert errors == []


def test_download_an_entity_csv(server, browser):
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(server + "/entities?type=CLUSTER")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    assert rows and {row["type"] for row in rows} == {"CLUSTER"}
    shown = page.locator("table.entities tbody tr").count()
    assert len(rows) == shown or shown == 100
    assert "MIP Cluster" in {row["canonical"] for row in rows}
    page.close()
    assert errors == []


def test_charts_render(server, browser):
    from playwright.sync_api import expect

    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(server + "/funding")
    bars = page.locator("figure.chart svg rect")
    expect(bars.first).to_be_visible()
    assert bars.count() >= 2
    box = bars.first.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    page.goto(server + "/entities/cluster/MIP Cluster")
    expect(page.locator("figure.chart svg rect").first).to_be_visible()
    expect(page.locator(".mentions mark.ent-CLUSTER").first).to_be_visible()
    page.close()
    assert errors == []


def test_markup_in_documents_and_queries_never_runs(hostile_server, browser):
    from playwright.sync_api import expect

    errors: list[str] = []
    page = _page(browser, errors)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def untouched():
        assert page.evaluate("window.attacked") is None
        assert page.locator("script:not([src])").count() == 0

    # The query is echoed in the search box, the heading and the facet links.
    page.goto(hostile_server + "/?" + urllib.parse.urlencode({"q": f"klyngen {ATTACK}"}))
    expect(page.locator("#results-heading")).to_contain_text("<script>")
    untouched()
    hit = page.locator("li.hit h3 a").first
    expect(hit).to_contain_text("<img src=x")  # the title, shown as text
    hit.click()
    expect(page.locator(".doc-text")).to_contain_text("<script>window.attacked=1</script>")
    untouched()
    assert dialogs == []
    page.close()
