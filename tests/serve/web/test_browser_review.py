"""Review in Debian's Chromium: a merge with the token (the other entity found by name),
refused without it; a sanctions verdict undone back to the matcher's level; a rejected
claim kept on the review list and restored from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tracewire.serve.web import create_app
from tracewire.store import open_store

from . import test_browser
from .factory import StoreBuilder
from .live import LiveServer
from .test_browser import CHROMIUM, Tab

browser, tab = test_browser.browser, test_browser.tab

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
)

REVIEW_TOKEN = "browser-review-token-0123456789"
TEXT = "Vega Analytics sold software to the Lyran Police. Corvus Data trained them."


@pytest.fixture()
def review_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, dict[str, int]]]:
    monkeypatch.setenv("TRACEWIRE_TOKEN", REVIEW_TOKEN)
    store = open_store(str(tmp_path / "review.db"))
    b = StoreBuilder(store)
    b.document("v1", "vega.txt", TEXT)
    ids = {"vega": b.entity("Vega Analytics", "Company"),
           "corvus": b.entity("Corvus Data", "Company", aliases=("Corvus",)),
           "cordata": b.entity("Cordata Systems", "Company"),
           "police": b.entity("Lyran Police", "PublicBody")}  # fmt: skip
    sold, trained = TEXT.split(". ")
    ids["sold"] = b.claim("v1", ids["vega"], "supplies", ids["police"], sold + ".")
    ids["trained"] = b.claim("v1", ids["corvus"], "trains", ids["police"], trained)
    b.match(ids["police"], "LYRAN POLICE", hit=True, level="possible", explanation="weak pairs")
    store.close()
    with LiveServer(create_app(store.url, review=True)) as url:
        yield url, ids


def with_token(tab: Tab) -> None:
    tab.page.fill("#review-token", REVIEW_TOKEN)
    tab.page.dispatch_event("#review-token", "change")


def test_review_merge_by_name_with_the_token_refused_without(
    tab: Tab, review_url: tuple[str, dict[str, int]]
) -> None:
    url, ids = review_url
    p = tab.page
    p.goto(f"{url}/entities/{ids['vega']}")
    field = p.locator("form.review-pair input[name=other-name]")
    field.press_sequentially("cor", delay=30)
    options = p.locator(".review-suggestions li")
    options.first.wait_for()
    suggested = sorted(o.split("Company")[0] for o in options.all_inner_texts())
    assert suggested == ["Cordata Systems", "Corvus Data"]  # not Vega itself
    p.locator(".review-suggestions li", has_text="Corvus Data").dispatch_event("mousedown")
    assert field.input_value() == "Corvus Data"
    assert p.locator("form.review-pair input[name=other]").input_value() == str(ids["corvus"])
    p.click("form.review-pair button[value=merge]")
    p.wait_for_selector("#review-status:has-text('refused (401)')")
    assert p.request.get(f"{url}/api/entities/{ids['corvus']}", max_redirects=0).status == 200

    with_token(tab)
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


def test_a_name_that_is_not_chosen_is_not_guessed(
    tab: Tab, review_url: tuple[str, dict[str, int]]
) -> None:
    url, ids = review_url
    p = tab.page
    p.goto(f"{url}/entities/{ids['vega']}")
    with_token(tab)
    p.fill("form.review-pair input[name=other-name]", "Cor")  # two suggestions, none chosen
    p.locator(".review-suggestions li").first.wait_for()
    p.click("form.review-pair button[value=split]")
    p.wait_for_selector("#review-status:has-text('choose the other entity')")
    p.fill("form.review-pair input[name=other-name]", "corvus data")  # exactly one name
    p.locator(".review-suggestions li").first.wait_for()
    p.click("form.review-pair button[value=split]")
    p.wait_for_selector("#review-status:has-text('kept apart: negative')")
    assert tab.errors == []


def level(tab: Tab, url: str, entity: int) -> str:
    found = tab.page.request.get(f"{url}/api/entities/{entity}").json()["sanctions"]
    return str(found[0]["level"])


def test_a_sanctions_verdict_is_undone_to_the_matchers_level(
    tab: Tab, review_url: tuple[str, dict[str, int]]
) -> None:
    url, ids = review_url
    p = tab.page
    p.goto(f"{url}/entities/{ids['police']}")
    with_token(tab)
    assert level(tab, url, ids["police"]) == "possible"
    p.click("button.review-match-button[data-judgement=rejected]")
    p.wait_for_selector("#review-status:has-text('match rejected: rejected')")
    assert level(tab, url, ids["police"]) == "rejected"
    p.click("#review-status button.review-undo")
    p.wait_for_selector("#review-status:has-text('undone')")
    assert level(tab, url, ids["police"]) == "possible"
    assert tab.errors == []


def test_a_rejected_claim_stays_on_the_review_list_and_comes_back_from_it(
    tab: Tab, review_url: tuple[str, dict[str, int]]
) -> None:
    url, ids = review_url
    p = tab.page
    p.goto(f"{url}/")
    with_token(tab)
    assert p.locator("tr.claim-row").count() == 2
    p.click(f"tr.claim-row[data-claim='{ids['sold']}'] button.review-reject")
    p.wait_for_selector("#review-status:has-text('claim rejected')")
    p.goto(f"{url}/")
    assert p.locator("tr.claim-row").count() == 1

    p.click("nav.sections a:text-is('Reviews')")
    row = p.locator(f"tr.claim-review[data-claim='{ids['sold']}']")
    assert "Vega Analytics sold software to the Lyran Police." in row.inner_text()
    row.locator("button.review-undo-button").click()
    p.wait_for_selector("#review-status:has-text('undone')")
    assert row.locator("td.undone").inner_text() == "undone"
    p.goto(f"{url}/")
    assert p.locator("tr.claim-row").count() == 2
    assert tab.errors == []
