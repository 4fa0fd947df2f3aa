"""The analyst's workspace in Debian's Chromium: the claims table's filters, shared URL
and CSV export, and a full-text search landing on the highlighted sentence."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracewire.serve.web import create_app

from . import test_browser
from .conftest import Kestrel
from .live import LiveServer
from .test_browser import CHROMIUM, Tab

# The browser, its tabs and the dev corpus server of the other browser tests.
browser, tab, dev_url = test_browser.browser, test_browser.tab, test_browser.dev_url

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
)


@pytest.fixture(scope="module")
def kestrel_url(kestrel: Kestrel) -> Iterator[str]:
    with LiveServer(create_app(kestrel.url)) as url:
        yield url


def test_claims_table_filter_share_and_export(
    tab: Tab, kestrel_url: str, kestrel: Kestrel, tmp_path: Path
) -> None:
    p = tab.page
    p.goto(kestrel_url + "/")
    assert p.locator("tr.claim-row").count() == len(kestrel.claims)
    p.select_option('select[name="technology"]', label="facial recognition")
    p.select_option('select[name="hedging"]', "denied")
    p.click("form.filters button[type=submit]")
    p.wait_for_url(re.compile(r"technology=facial-recognition"))
    assert "hedging=denied" in p.url and "relation=" not in p.url  # empty fields left out
    shown = [int(x) for x in p.locator("tr.claim-row").evaluate_all(
        "rows => rows.map(r => r.dataset.claim)")]  # fmt: skip
    assert shown == [kestrel.claims["denied"]]

    shared = p.context.new_page()  # the URL alone gives the same view
    shared.goto(p.url)
    assert shared.locator('select[name="hedging"]').input_value() == "denied"
    assert shared.locator("tr.claim-row").count() == 1
    shared.close()

    with p.expect_download() as info:
        p.click('a.export[data-format="claims-csv"]')
    path = tmp_path / "claims.csv"
    info.value.save_as(path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [int(r["id"]) for r in rows] == shown
    assert rows[0]["hedging"] == "denied" and "face recognition" in rows[0]["technology"]
    assert tab.errors == []


def test_search_lands_on_the_highlighted_sentence(tab: Tab, dev_url: str) -> None:
    p = tab.page
    p.goto(dev_url + "/search")
    p.fill('form.search input[name="q"]', "tiger chairs")
    p.click("form.search button[type=submit]")
    hit = p.locator("li.hit a.hit-link").first
    marked = hit.locator("mark.hit").all_inner_texts()
    assert [m.lower() for m in marked] == ["tiger", "chairs"]
    hit.click()
    p.wait_for_url(re.compile(r"/documents/\w+\?q=tiger\+chairs#claim-\d+$"))
    target = p.evaluate("document.querySelector(':target').id")
    claim = target.removeprefix("claim-")
    pieces = p.locator(f'mark.evidence[data-claim="{claim}"]')
    sentence = "".join(pieces.all_inner_texts())
    assert "“tiger chairs” to the IRGC" in sentence
    colours = pieces.evaluate_all("ms => ms.map(m => getComputedStyle(m).backgroundColor)")
    assert set(colours) == {"rgb(255, 200, 74)"}  # every piece of the sentence stands out
    assert p.locator("mark.hit").all_inner_texts()[:2] == ["tiger", "chairs"]
    top = p.locator(f"mark#{target}").evaluate("m => m.getBoundingClientRect().top")
    assert 0 <= top < p.viewport_size["height"]  # scrolled to the sentence
    assert tab.errors == []


LABEL_BOXES = """() => window.tracewireNetwork.nodes(':visible').map(n => {
  const b = n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true});
  return [n.data('label'), b.x1, b.y1, b.x2, b.y2];
})"""


def _overlapping(boxes: list[list[object]]) -> list[tuple[object, object]]:
    found = []
    for i, (a, ax1, ay1, ax2, ay2) in enumerate(boxes):
        for b, bx1, by1, bx2, by2 in boxes[i + 1 :]:
            if min(ax2, bx2) > max(ax1, bx1) and min(ay2, by2) > max(ay1, by1):  # type: ignore[type-var, call-overload]
                found.append((a, b))
    return found


@pytest.mark.usefixtures("graph_library")
def test_network_of_tiandy_edges_expand_labels_and_exports(
    tab: Tab, dev_url: str, tmp_path: Path
) -> None:
    p = tab.page
    p.goto(f"{dev_url}/entities?q=Tiandy")
    p.click("a.entity-link:text-is('Tiandy')")
    p.click("a.network-link")
    p.wait_for_selector('#network[data-ready="true"]')
    assert p.get_attribute("#network", "data-layout") == "fcose"
    edges = p.evaluate("""() => window.tracewireNetwork.edges().map(e =>
        [e.source().data('label'), e.data('relation'), e.target().data('label')])""")
    assert ["Islamic Revolutionary Guard Corps", "owns", "Sa’iran"] in edges  # between neighbours
    labels = p.evaluate("() => window.tracewireNetwork.nodes().map(n => n.data('label'))")
    assert "Islamic Revolutionary Guard Corps" in labels  # whole, not cut
    assert _overlapping(p.evaluate(LABEL_BOXES)) == []

    before = len(labels)
    at = p.evaluate("""() => {
      const n = window.tracewireNetwork.nodes().filter(x => x.data('label') === 'Iran')[0];
      return n.renderedPosition();
    }""")
    frame = p.locator("#network").bounding_box()
    assert frame is not None
    p.mouse.click(frame["x"] + at["x"], frame["y"] + at["y"])
    p.wait_for_selector('#network[data-expanded="1"][data-ready="true"]')
    p.wait_for_function(f"window.tracewireNetwork.nodes().length > {before}")
    p.wait_for_timeout(500)  # the second layout settles
    assert _overlapping(p.evaluate(LABEL_BOXES)) == []

    with p.expect_download() as png:
        p.click("#export-png")
    assert png.value.suggested_filename == "network.png"
    png.value.save_as(tmp_path / "n.png")
    assert (tmp_path / "n.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with p.expect_download() as graphml:
        p.click("#export-graphml")
    graphml.value.save_as(tmp_path / "n.graphml")
    text = (tmp_path / "n.graphml").read_text(encoding="utf-8")
    assert text.count("<node ") == p.evaluate("window.tracewireNetwork.nodes(':visible').length")
    assert "Islamic Revolutionary Guard Corps" in text
    assert tab.errors == []
