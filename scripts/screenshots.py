"""Screenshots of the web app in Chromium at 1400x900: the claims table, a technology
page, a dossier and the network view, for the README.

Usage: python scripts/screenshots.py [--db PATH] [--out DIR]

Serves the store (default: tracewire.db, which `make run` builds from examples/corpus) on
127.0.0.1 and drives Debian's /usr/bin/chromium through Playwright. The technology class
and the entity shown are those with most claims in the store.
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from pathlib import Path

import uvicorn

from tracewire.serve.web import create_app

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
VIEWPORT = {"width": 1400, "height": 900}


def serve(db: str) -> tuple[str, uvicorn.Server, threading.Thread]:
    """The app over `db` on a free port of 127.0.0.1, in a thread."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "tracewire.db"), help="the store to show")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"error: {CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - a dev extra

    args.out.mkdir(parents=True, exist_ok=True)
    base, server, thread = serve(args.db)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
            )
            page = browser.new_page(viewport=VIEWPORT)
            classes = page.request.get(f"{base}/api/technologies").json()["items"]
            top_class = max(classes, key=lambda c: c["claims"])["id"]
            claims = page.request.get(f"{base}/api/claims?limit=500").json()["items"]
            counts: dict[int, int] = {}
            for claim in claims:
                for party in (claim["subject_id"], claim["object_id"]):
                    counts[party] = counts.get(party, 0) + 1
            hub = max(counts, key=lambda k: (counts[k], -k))
            shots = {
                "claims-table.png": f"{base}/?sort=-date",
                "technology.png": f"{base}/technologies/{top_class}",
                "dossier.png": f"{base}/entities/{hub}",
                "network.png": f"{base}/entities/{hub}/network",
            }
            for name, url in shots.items():
                page.goto(url)
                if "network" in name:
                    page.wait_for_selector('#network[data-ready="true"]')
                page.screenshot(path=str(args.out / name))
                print(f"wrote {args.out / name} ({url.removeprefix(base)})")
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
