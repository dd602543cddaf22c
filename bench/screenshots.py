"""Screenshots of every page of the web app, served by `klyngearkiv serve`, in headless Chromium.

    python bench/screenshots.py --backend sqlite:///klyngearkiv.db --out bench/screenshots

Run by `make screenshots` after indexing the demo corpus; writes one PNG per page, at desktop
width and, for the search page, at phone width.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import click

CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "search": "/?q=klynge+støtte",
    "search-filtered": "/?q=klynge+programme:Arena&sort=newest",
    "entities": "/entities?type=PERSON",
    "entity": "/entities/cluster/MIP%20Cluster",
    "funding": "/funding",
}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.5)
    raise click.ClickException(f"the server did not answer at {url}")


@click.command()
@click.option("--backend", default="sqlite:///klyngearkiv.db", help="Archive to serve.")
@click.option("--out", default="bench/screenshots", type=click.Path(file_okay=False))
def main(backend: str, out: str) -> None:
    """Serve the archive, open each page in Chromium and save a full-page screenshot."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [str(Path(sys.executable).parent / "klyngearkiv"), "serve", "--backend", backend]
    server = subprocess.Popen([*command, "--port", str(port)])
    try:
        _wait(base + "/api/v1/stats")
        query = urllib.parse.urlencode({"q": "MIP Cluster", "limit": 1})
        with urllib.request.urlopen(f"{base}/api/v1/search?{query}") as response:
            hits = json.load(response)["hits"]
        pages = dict(PAGES, document=f"/documents/{hits[0]['id']}") if hits else PAGES
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for name, path in pages.items():
                sizes = {"": DESKTOP, "-phone": PHONE} if name == "search" else {"": DESKTOP}
                for suffix, viewport in sizes.items():
                    page = browser.new_page(viewport=viewport)
                    page.goto(base + path)
                    target = folder / f"{name}{suffix}.png"
                    page.screenshot(path=str(target), full_page=True)
                    page.close()
                    click.echo(target)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
