"""Feeds, watchlists and alerts end to end, against a feed server on 127.0.0.1.

The articles are written for these tests (invented events about real vendors).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tracewire.extract import Extractor
from tracewire.ingest import FetchPolicy
from tracewire.monitor import FollowError, fetch_new, follow, followed
from tracewire.notify import ALLOW_PRIVATE_SETTING, ATOM_SETTING, WEBHOOK_SETTING
from tracewire.store import Store
from tracewire.store.watch import add_watch, alerts, set_setting

from .ingest.webserver import LocalServer, serve

LOCAL = FetchPolicy(timeout=10.0, allow_private=True)
ATOM = "{http://www.w3.org/2005/Atom}"

ARTICLES = {
    "/news/kenya-cameras": (
        "Kenyan police expand camera network",
        "Hikvision sold two thousand cameras to the Kenyan police in March 2024, according "
        "to procurement records seen by reporters. The cameras were installed along the main "
        "roads of Nairobi. Officials said the network would grow next year.",
    ),
    "/news/bangladesh-kits": (
        "Phone extraction kits for Bangladesh",
        "Cellebrite supplied phone extraction kits to Bangladesh's police, a rights group "
        "reported. The kits let officers copy the contents of seized phones. The group called "
        "for export controls on such tools.",
    ),
}


def article(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in body.split(". ") if sentence)
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>Contact us</footer>"
        "</body></html>"
    )


def rss(server: LocalServer, paths: list[str]) -> str:
    items = "".join(
        f"<item><title>{ARTICLES[p][0]}</title><link>{server.url(p)}</link>"
        f"<guid>{p}</guid><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item>"
        for p in paths
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>'
        f"<link>{server.url('/')}</link><description>t</description>{items}</channel></rss>"
    )


@pytest.fixture
def wire() -> Iterator[LocalServer]:
    """A news site on 127.0.0.1 with a feed of the two articles."""
    with serve() as server:
        for path, (title, body) in ARTICLES.items():
            server.page(path, article(title, body))
        server.page("/feed.xml", rss(server, list(ARTICLES)), content_type="application/rss+xml")
        yield server


def test_a_watched_entity_in_one_item_gives_exactly_one_alert(
    store: Store, wire: LocalServer, extractor: Extractor
) -> None:
    with store.transaction() as session:
        add_watch(session, "Hikvision", "tester")
    assert follow(store, wire.url("/feed.xml"))
    first = fetch_new(store, policy=LOCAL, extractor=extractor)
    assert first.errors == []
    assert (first.feeds, first.new_items, len(first.build.stored)) == (1, 2, 2)
    assert first.build.alerts == 1
    with store.session() as session:
        (alert,) = alerts(session)
    assert alert.watch == "Hikvision"
    assert alert.url == wire.url("/news/kenya-cameras")
    assert {(c["subject"], c["relation"]) for c in alert.claims} == {("Hikvision", "supplies")}
    assert any("Kenya" in c["object"] for c in alert.claims)

    second = fetch_new(store, policy=LOCAL, extractor=extractor)
    assert (second.new_items, second.build.alerts, len(second.build.stored)) == (0, 0, 0)
    with store.session() as session:
        assert len(alerts(session)) == 1
    assert followed(store)[0].title == "Test wire"


def test_a_new_item_later_is_read_and_the_old_ones_are_not(
    store: Store, wire: LocalServer, extractor: Extractor
) -> None:
    wire.page("/feed.xml", rss(wire, ["/news/kenya-cameras"]), content_type="text/xml")
    follow(store, wire.url("/feed.xml"))
    assert fetch_new(store, policy=LOCAL, extractor=extractor).new_items == 1
    wire.page("/feed.xml", rss(wire, list(ARTICLES)), content_type="text/xml")
    wire.received.clear()
    again = fetch_new(store, policy=LOCAL, extractor=extractor)
    assert again.new_items == 1
    pages = [r.path for r in wire.received if r.path.startswith("/news/")]
    assert pages == ["/news/bangladesh-kits"]  # the item read before is not fetched again


def test_alerts_are_written_as_atom_and_posted_once(
    store: Store, wire: LocalServer, extractor: Extractor, tmp_path: Path
) -> None:
    hooks: list[bytes] = []

    def hook(handler: object) -> None:
        from http.server import BaseHTTPRequestHandler  # noqa: PLC0415

        assert isinstance(handler, BaseHTTPRequestHandler)
        hooks.append(wire.received[-1].body)
        handler.send_response(204)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    wire.routes["/hook"] = hook
    feed_file = tmp_path / "out" / "alerts.atom"
    with store.transaction() as session:
        add_watch(session, "Cellebrite")
        set_setting(session, ATOM_SETTING, str(feed_file))
        set_setting(session, WEBHOOK_SETTING, wire.url("/hook"))
        set_setting(session, ALLOW_PRIVATE_SETTING, "true")
    follow(store, wire.url("/feed.xml"))
    report = fetch_new(store, policy=LOCAL, extractor=extractor)
    assert report.build.alerts == 1
    entries = ET.parse(feed_file).getroot().findall(f"{ATOM}entry")
    assert len(entries) == 1
    title = entries[0].findtext(f"{ATOM}title") or ""
    assert title.startswith("Cellebrite: ") and "Phone extraction kits" in title
    assert entries[0].find(f"{ATOM}link").get("href") == wire.url("/news/bangladesh-kits")  # type: ignore[union-attr]
    (payload,) = [json.loads(body) for body in hooks]
    assert [a["watch"] for a in payload["alerts"]] == ["Cellebrite"]
    assert payload["alerts"][0]["claims"][0]["evidence"].startswith("Cellebrite supplied")
    fetch_new(store, policy=LOCAL, extractor=extractor)
    assert len(hooks) == 1  # nothing new, nothing posted again


def test_a_failed_webhook_keeps_the_alert_for_the_next_build(
    store: Store, wire: LocalServer, extractor: Extractor
) -> None:
    with store.transaction() as session:
        add_watch(session, "Hikvision")
        set_setting(session, WEBHOOK_SETTING, wire.url("/missing-hook"))
        set_setting(session, ALLOW_PRIVATE_SETTING, "true")
    follow(store, wire.url("/feed.xml"))
    report = fetch_new(store, policy=LOCAL, extractor=extractor)
    assert any("HTTP 404" in note and "queued" in note for note in report.build.notes)
    with store.session() as session:
        assert [a.delivered_at for a in alerts(session)] == [None]


def test_a_webhook_on_a_private_address_needs_permission(
    store: Store, wire: LocalServer, extractor: Extractor
) -> None:
    with store.transaction() as session:
        add_watch(session, "Hikvision")
        set_setting(session, WEBHOOK_SETTING, wire.url("/hook"))
    follow(store, wire.url("/feed.xml"))
    report = fetch_new(store, policy=LOCAL, extractor=extractor)
    assert any("loopback" in note for note in report.build.notes)
    assert not [r for r in wire.received if r.path == "/hook"]


def test_loopback_feeds_are_refused_by_default(store: Store, wire: LocalServer) -> None:
    follow(store, wire.url("/feed.xml"))
    report = fetch_new(store)  # the default policy: no private addresses
    (message,) = report.errors
    assert "refused" in message and "127.0.0.1" in message and "loopback" in message
    assert not wire.received
    assert followed(store)[0].last_error == message


def test_an_unreachable_feed_is_one_clear_line_and_the_rest_goes_on(
    store: Store, wire: LocalServer, extractor: Extractor
) -> None:
    follow(store, "http://feeds.tracewire.invalid/rss")
    follow(store, wire.url("/feed.xml"))
    report = fetch_new(store, policy=LOCAL, extractor=extractor)
    (message,) = report.errors
    assert message.startswith("cannot fetch http://feeds.tracewire.invalid/rss: ")
    assert "host name not found" in message and "\n" not in message
    assert len(report.build.stored) == 2


def test_only_web_urls_can_be_followed(store: Store) -> None:
    with pytest.raises(FollowError, match="not an http or https URL"):
        follow(store, "file:///etc/passwd")
    assert not follow(store, "https://example.org/feed") or not follow(
        store, "https://example.org/feed"
    )


def test_single_pages_are_read_by_url(
    store: Store, wire: LocalServer, extractor: Extractor
) -> None:
    url = wire.url("/news/kenya-cameras")
    report = fetch_new(store, [url, wire.url("/gone")], policy=LOCAL, extractor=extractor)
    assert report.build.stored == [url]
    (skip,) = report.build.skipped
    assert skip.source == wire.url("/gone") and "404" in skip.reason
    again = fetch_new(store, [url], policy=LOCAL, extractor=extractor)
    assert again.build.unchanged == [url]


def test_claims_with_a_sanctioned_party_alert_when_watched(
    store: Store, extractor: Extractor
) -> None:
    text = (
        "Tiandy sold thermal cameras to the Islamic Revolutionary Guard Corps in 2023, "
        "according to trade records. The cameras were shipped through a distributor."
    )
    with serve() as server:
        server.page("/irgc", article("Cameras for the Guards", text))
        with store.transaction() as session:
            add_watch(session, None)
        report = fetch_new(store, [server.url("/irgc")], policy=LOCAL, extractor=extractor)
    assert report.build.alerts == 1
    with store.session() as session:
        (alert,) = alerts(session)
    assert alert.kind == "sanctioned"
    assert "Islamic Revolutionary Guard Corps is listed" in alert.reason
    assert "ISLAMIC REVOLUTIONARY GUARD CORPS" in alert.reason
