"""The analyst's workspace in Debian's Chromium: the claims table's filters, shared URL
and CSV export, and a full-text search landing on the highlighted sentence."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracewire.serve.web import create_app
from tracewire.store import open_store

from . import test_browser
from .conftest import Kestrel
from .factory import StoreBuilder
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


REVIEW_TOKEN = "browser-review-token-0123456789"


@pytest.fixture()
def review_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, dict[str, int]]]:
    monkeypatch.setenv("TRACEWIRE_TOKEN", REVIEW_TOKEN)
    store = open_store(str(tmp_path / "review.db"))
    b = StoreBuilder(store)
    text = "Vega Analytics sold software to the Lyran Police. Corvus Data trained them."
    b.document("v1", "vega.txt", text)
    ids = {"vega": b.entity("Vega Analytics", "Company"),
           "corvus": b.entity("Corvus Data", "Company"),
           "police": b.entity("Lyran Police", "PublicBody")}  # fmt: skip
    b.claim("v1", ids["vega"], "supplies", ids["police"], text.split(". ", maxsplit=1)[0] + ".")
    b.claim("v1", ids["corvus"], "trains", ids["police"], "Corvus Data trained them.")
    store.close()
    with LiveServer(create_app(store.url, review=True)) as url:
        yield url, ids


def test_review_merge_with_the_token_refused_without(
    tab: Tab, review_url: tuple[str, dict[str, int]]
) -> None:
    url, ids = review_url
    p = tab.page
    p.goto(f"{url}/entities/{ids['vega']}")
    p.fill("form.review-pair input[name=other]", str(ids["corvus"]))
    p.click("form.review-pair button[value=merge]")
    p.wait_for_selector("#review-status:has-text('refused (401)')")
    assert p.request.get(f"{url}/api/entities/{ids['corvus']}", max_redirects=0).status == 200

    p.fill("#review-token", REVIEW_TOKEN)
    p.dispatch_event("#review-token", "change")
    p.click("form.review-pair button[value=merge]")
    p.wait_for_selector("#review-status:has-text('merged: positive')")
    statuses = {p.request.get(f"{url}/api/entities/{ids[name]}", max_redirects=0).status
                for name in ("vega", "corvus")}  # fmt: skip
    assert statuses == {200, 307}  # one cluster now: the member's address redirects

    p.click("#review-status button.review-undo")
    p.wait_for_selector("#review-status:has-text('undone')")
    for name in ("vega", "corvus"):
        assert p.request.get(f"{url}/api/entities/{ids[name]}", max_redirects=0).status == 200
    assert tab.errors == []
