"""The pages in a real headless Chromium (Debian's /usr/bin/chromium) via Playwright."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tracewire.records import BuildReport
from tracewire.serve.web import create_app
from tracewire.store import Store

from .conftest import Hostile
from .live import LiveServer

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
)
sync_api = pytest.importorskip("playwright.sync_api")


@dataclass
class Tab:
    """A page with what it reported: uncaught script errors and dialogs (alert, confirm)."""

    page: Page
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def tab(browser: Browser) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = Tab(context.new_page())
    opened.page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
    opened.page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
    yield opened
    context.close()


@pytest.fixture(scope="module")
def dev_url(dev_store: tuple[Store, BuildReport]) -> Iterator[str]:
    with LiveServer(create_app(dev_store[0].url)) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_url(hostile: Hostile) -> Iterator[str]:
    with LiveServer(create_app(hostile.url)) as url:
        yield url


@pytest.mark.usefixtures("graph_library")
def test_irgc_dossier_evidence_document_and_network(tab: Tab, dev_url: str) -> None:
    p = tab.page
    p.goto(f"{dev_url}/?q=IRGC")
    p.click("a.entity-link:text-is('Islamic Revolutionary Guard Corps')")
    p.wait_for_url(re.compile(r"/entities/\d+$"))
    dossier_url = p.url
    group = p.locator('section.group[data-relation="supplies"]').filter(has_text="Tiandy")
    assert group.locator(".hedge-planned").count() >= 1
    assert group.locator(".hedge-rumoured").count() >= 1
    link = group.locator("a.evidence-link", has_text="Tiandy is going to supply the IRGC")
    href = link.get_attribute("href")
    claim_id = int(href.rsplit("#claim-", 1)[1])
    link.click()
    p.wait_for_url(re.compile(rf"/documents/\w+#claim-{claim_id}$"))
    mark = p.locator(f"mark#claim-{claim_id}")
    assert mark.is_visible()
    assert mark.inner_text().startswith("Tiandy is going to supply the IRGC")
    assert p.evaluate("document.querySelector(':target').id") == f"claim-{claim_id}"
    colour = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour == "rgb(255, 200, 74)"  # the targeted evidence stands out

    p.goto(dossier_url)
    p.click("a.network-link")
    p.wait_for_selector('#network[data-ready="true"]')
    node = p.evaluate(
        """() => {
          const n = window.tracewireNetwork.nodes().filter(x => x.data('label') === 'Tiandy')[0];
          const at = n.renderedPosition();
          return {id: n.id(), x: at.x, y: at.y};
        }"""
    )
    edges = p.evaluate(
        "() => window.tracewireNetwork.edges()"
        ".map(e => [e.data('relation'), e.style('line-style')])"
    )
    assert ["supplies", "dashed"] in edges  # planned at best: dashed
    box = p.locator("#network").bounding_box()
    p.mouse.dblclick(box["x"] + node["x"], box["y"] + node["y"])  # a click expands
    p.wait_for_url(re.compile(rf"/entities/{node['id']}$"))
    assert p.locator("h1").inner_text().startswith("Tiandy")
    assert tab.errors == [] and tab.dialogs == []


@pytest.mark.usefixtures("graph_library")
def test_hostile_report_renders_inert(tab: Tab, hostile_url: str, hostile: Hostile) -> None:
    p = tab.page
    sold = hostile.claims["sold"]
    for path in (
        f"/documents/x1#claim-{sold}",
        f"/entities/{hostile.ids['evil']}",
        f"/entities/{hostile.ids['evil']}/network",
        "/?q=evil",
    ):
        p.goto(hostile_url + path)
        p.wait_for_load_state("load")
        assert p.evaluate("document.querySelectorAll('img, b').length") == 0
        assert p.evaluate("[...document.scripts].filter(s => !s.src).length") == 0
    p.goto(f"{hostile_url}/documents/x1#claim-{sold}")
    text = p.locator(f"mark#claim-{sold}").inner_text()
    assert "<script>alert(1)</script>" in text
    p.goto(f"{hostile_url}/entities/{hostile.ids['evil']}/network")
    p.wait_for_selector('#network[data-ready="true"]')
    labels = p.evaluate("() => window.tracewireNetwork.nodes().map(n => n.data('label'))")
    assert "Evil <b>Corp</b> <script>alert(2)</script>" in labels
    assert tab.dialogs == [] and tab.errors == []
