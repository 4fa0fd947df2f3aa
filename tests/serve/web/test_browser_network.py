"""The network view in Debian's Chromium: a technology class narrows the claims it is drawn
from (expansions included), and a node's expansion links the new nodes to every node shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tracewire.serve.web import create_app
from tracewire.store import open_store

from . import test_browser
from .conftest import Kestrel
from .factory import StoreBuilder
from .live import LiveServer
from .test_browser import CHROMIUM, Tab

browser, tab = test_browser.browser, test_browser.tab

NO_CHROMIUM = "needs Debian's chromium at /usr/bin/chromium"
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM),
    pytest.mark.usefixtures("graph_library"),
]

LABELS = "() => window.tracewireNetwork.nodes(':visible').map(n => n.data('label')).sort()"
EDGES = """() => window.tracewireNetwork.edges().map(e =>
    [e.source().data('label'), e.data('relation'), e.target().data('label')])"""


def click_node(tab: Tab, label: str) -> None:
    """Click the node drawn with this label, where it is on the screen."""
    p = tab.page
    at = p.evaluate(
        """label => window.tracewireNetwork.nodes()
             .filter(n => n.data('label') === label)[0].renderedPosition()""",
        label,
    )
    frame = p.locator("#network").bounding_box()
    assert frame is not None
    p.mouse.click(frame["x"] + at["x"], frame["y"] + at["y"])


def edges(tab: Tab) -> set[tuple[str, str, str]]:
    return {tuple(e) for e in tab.page.evaluate(EDGES)}  # type: ignore[misc]


@pytest.fixture(scope="module")
def kestrel_url(kestrel: Kestrel) -> Iterator[str]:
    with LiveServer(create_app(kestrel.url)) as url:
        yield url


def test_a_technology_class_narrows_the_network_and_its_expansions(
    tab: Tab, kestrel_url: str, kestrel: Kestrel
) -> None:
    p = tab.page
    p.goto(f"{kestrel_url}/entities/{kestrel.ids['marovia']}/network")
    p.wait_for_selector('#network[data-ready="true"]')
    assert p.evaluate(LABELS) == ["Kestrel Optics", "Lumen Telecom", "Marovia"]
    p.select_option("#network-technology", label="facial recognition")
    p.wait_for_url(re.compile(r"technology=facial-recognition"))
    p.wait_for_selector('#network[data-ready="true"]')
    assert p.evaluate(LABELS) == ["Kestrel Optics", "Marovia"]
    assert p.locator("#network-technology").input_value() == "facial-recognition"

    click_node(tab, "Kestrel Optics")
    p.wait_for_selector('#network[data-expanded="1"][data-ready="true"]')
    # the guard bought face-recognition terminals; the police were only trained
    assert p.evaluate(LABELS) == ["Kestrel Optics", "Marovia", "Valdorian Border Guard"]
    assert edges(tab) == {
        ("Kestrel Optics", "supplies", "Marovia"),
        ("Kestrel Optics", "supplies", "Valdorian Border Guard"),
    }
    p.select_option("#network-technology", label="all")
    p.wait_for_url(re.compile(r"/network\?depth=1&technology=$"))
    p.wait_for_selector('#network[data-ready="true"]')
    assert "Lumen Telecom" in p.evaluate(LABELS)
    assert tab.errors == []


@pytest.fixture()
def osprey(tmp_path: Path) -> Iterator[tuple[str, dict[str, int]]]:
    """Osprey supplies the Varn police and army; Kite trains the police and supplies the
    army: seen from Osprey, Kite is only a neighbour of the police's or the army's."""
    store = open_store(str(tmp_path / "osprey.db"))
    b = StoreBuilder(store)
    text = (
        "Osprey Systems supplied radios to the Varn Police. Osprey Systems supplied drones "
        "to the Varn Army. Kite Analytics trained the Varn Police. Kite Analytics supplied "
        "software to the Varn Army."
    )
    b.document("o1", "osprey.txt", text)
    ids = {
        "osprey": b.entity("Osprey Systems", "Company"),
        "police": b.entity("Varn Police", "PublicBody"),
        "army": b.entity("Varn Army", "PublicBody"),
        "kite": b.entity("Kite Analytics", "Company"),
    }
    sentences = [s + "." for s in text.removesuffix(".").split(". ")]
    b.claim("o1", ids["osprey"], "supplies", ids["police"], sentences[0])
    b.claim("o1", ids["osprey"], "supplies", ids["army"], sentences[1])
    b.claim("o1", ids["kite"], "trains", ids["police"], sentences[2])
    b.claim("o1", ids["kite"], "supplies", ids["army"], sentences[3])
    store.close()
    with LiveServer(create_app(store.url)) as url:
        yield url, ids


def test_expanding_a_node_links_its_new_neighbours_to_every_node_shown(
    tab: Tab, osprey: tuple[str, dict[str, int]]
) -> None:
    url, ids = osprey
    p = tab.page
    p.goto(f"{url}/entities/{ids['osprey']}/network")
    p.wait_for_selector('#network[data-ready="true"]')
    assert edges(tab) == {
        ("Osprey Systems", "supplies", "Varn Police"),
        ("Osprey Systems", "supplies", "Varn Army"),
    }
    click_node(tab, "Varn Police")
    p.wait_for_selector('#network[data-expanded="1"][data-ready="true"]')
    assert edges(tab) == {
        ("Osprey Systems", "supplies", "Varn Police"),
        ("Osprey Systems", "supplies", "Varn Army"),
        ("Kite Analytics", "trains", "Varn Police"),
        ("Kite Analytics", "supplies", "Varn Army"),  # the army is no neighbour of the police
    }
    # and so every two nodes shown that share claims are linked, as the API has them
    shown = p.evaluate("() => window.tracewireNetwork.nodes().map(n => Number(n.id()))")
    api: dict[str, Any] = p.request.get(
        f"{url}/api/graph/edges?" + "&".join(f"ids={i}" for i in shown)
    ).json()
    drawn = p.evaluate("""() => window.tracewireNetwork.edges().map(e =>
        [Number(e.data('source')), e.data('relation'), Number(e.data('target'))])""")
    assert sorted(map(tuple, drawn)) == sorted(
        (e["subject"], e["relation"], e["object"]) for e in api["edges"]
    )
    assert tab.errors == []
