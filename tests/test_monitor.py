"""Feeds, watchlists and alerts end to end, against a feed server on 127.0.0.1.

The articles are written for these tests (invented events about real vendors).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import select

from tracewire import monitor, notify
from tracewire.extract import Extractor
from tracewire.ingest import FetchPolicy
from tracewire.ingest.feeds import Feed
from tracewire.monitor import (
    FAILED,
    MAX_ATTEMPTS,
    RETRY,
    RETRY_AFTER,
    FollowError,
    fetch_new,
    follow,
    followed,
)
from tracewire.notify import ALLOW_PRIVATE_SETTING, ATOM_SETTING, WEBHOOK_SETTING
from tracewire.records import Document
from tracewire.store import Store
from tracewire.store.models import DocumentRow, FeedItemRow
from tracewire.store.watch import add_watch, alerts, set_setting
from tracewire.store.writer import now

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


def test_a_webhook_trickling_its_reply_times_out_and_keeps_the_alert(
    store: Store, wire: LocalServer, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        for byte in b"HTTP/1.1 204 No Content\r\nX-Slow: " + b"z" * 100:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.1)

    monkeypatch.setattr(notify, "WEBHOOK_TIMEOUT", 0.5)
    wire.routes["/slow-hook"] = trickle
    with store.transaction() as session:
        add_watch(session, "Hikvision")
        set_setting(session, WEBHOOK_SETTING, wire.url("/slow-hook"))
        set_setting(session, ALLOW_PRIVATE_SETTING, "true")
    follow(store, wire.url("/feed.xml"))
    started = time.monotonic()
    report = fetch_new(store, policy=LOCAL, extractor=extractor)
    assert time.monotonic() - started < 8  # not the 10 s the reply would take
    assert (
        f"cannot post to {wire.url('/slow-hook')}: timed out after 0.5 s" in report.build.notes[0]
    )
    assert "stay queued" in report.build.notes[0]
    assert not any("posted" in note for note in report.build.notes)
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


def test_documents_of_a_feed_carry_the_publisher_the_page_or_the_feed_names(
    store: Store, wire: LocalServer, extractor: Extractor
) -> None:
    title, body = ARTICLES["/news/bangladesh-kits"]
    named = article(title, body).replace(
        "</title>", '</title><meta property="og:site_name" content="Delta Rights Desk">'
    )
    wire.page("/news/bangladesh-kits", named)
    follow(store, wire.url("/feed.xml"))
    assert fetch_new(store, policy=LOCAL, extractor=extractor).errors == []
    with store.session() as session:
        found = dict(session.execute(select(DocumentRow.url, DocumentRow.publisher)).tuples().all())
    assert found == {
        wire.url("/news/kenya-cameras"): "Test wire",  # the page names none: the channel
        wire.url("/news/bangladesh-kits"): "Delta Rights Desk",  # its own markup first
    }


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


def numbered_wire(server: LocalServer, count: int, broken: tuple[int, ...] = ()) -> str:
    """`count` one-paragraph articles and a feed of them, newest first; the `broken` ones
    are pages in Latin-1 that declare a charset that is no character set."""
    items = []
    for n in range(count):
        body = f"Northwind Optics delivered {n + 2} thermal cameras to the harbour of Port {n}."
        page = article(f"Delivery {n}", body)
        if n in broken:
            page = page.replace("<head>", '<head><meta charset="hex">').replace("Port", "P\xf6rt")
            server.page(f"/d/{n}", page.encode("latin-1"), content_type="text/html; charset=hex")
        else:
            server.page(f"/d/{n}", page)
        items.append(f"<item><title>Delivery {n}</title><link>{server.url(f'/d/{n}')}</link>"
                     f"<guid isPermaLink=\"false\">d{n}</guid></item>")  # fmt: skip
    feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>Deliveries</title>'
    server.page("/feed.xml", feed + "".join(items) + "</channel></rss>", content_type="text/xml")
    return server.url("/feed.xml")


def item_rows(store: Store) -> dict[str, FeedItemRow]:
    with store.session() as session:
        return {row.key: row for row in session.scalars(select(FeedItemRow))}


def test_a_feed_gives_at_most_max_items_per_fetch(store: Store, extractor: Extractor) -> None:
    with serve() as server:
        follow(store, numbered_wire(server, 7))
        runs = [fetch_new(store, policy=LOCAL, extractor=extractor, max_items=3) for _ in "abcd"]
    assert [(r.new_items, r.deferred, len(r.build.stored)) for r in runs] == [
        (3, 4, 3), (3, 1, 3), (1, 0, 1), (0, 0, 0),
    ]  # fmt: skip
    assert sorted(item_rows(store)) == [f"d{n}" for n in range(7)]


def test_a_failing_item_is_retried_with_backoff_then_given_up(
    store: Store, extractor: Extractor
) -> None:
    with serve() as server:
        follow(store, numbered_wire(server, 2, broken=(1,)))
        first = fetch_new(store, policy=LOCAL, extractor=extractor)
        assert (first.new_items, len(first.build.stored), first.errors) == (2, 1, [])
        (skip,) = first.build.skipped
        assert skip.source == server.url("/d/1") and "not valid UTF-8" in skip.reason
        row = item_rows(store)["d1"]
        assert (row.status, row.attempts, row.reason) == (RETRY, 1, skip.reason)
        assert row.retry_at is not None
        assert abs((row.retry_at - now()) - RETRY_AFTER) < timedelta(minutes=1)

        assert fetch_new(store, policy=LOCAL, extractor=extractor).new_items == 0  # not due
        waits = []
        for _attempt in range(MAX_ATTEMPTS + 2):
            with store.transaction() as session:  # as if the wait had passed
                held = session.scalar(select(FeedItemRow).where(FeedItemRow.key == "d1"))
                assert held is not None
                if held.retry_at is not None:
                    waits.append(held.retry_at - held.seen_at)
                    held.retry_at = now() - timedelta(seconds=1)
            fetch_new(store, policy=LOCAL, extractor=extractor)
        asked = [r.path for r in server.received if r.path == "/d/1"]
    assert len(asked) == MAX_ATTEMPTS  # each attempt once, then never again
    row = item_rows(store)["d1"]
    assert (row.status, row.attempts, row.retry_at) == (FAILED, MAX_ATTEMPTS, None)
    assert [round(w / RETRY_AFTER) for w in waits] == [2**n for n in range(MAX_ATTEMPTS - 1)]
    assert item_rows(store)["d0"].status == "stored"


def test_an_item_failing_unexpectedly_is_recorded_and_later_fetches_go_on(
    store: Store, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = monitor.read_url

    def crashing(url: str, policy: FetchPolicy | None = None) -> Document:
        if url.endswith("/d/0"):  # what a non-text codec did before: an uncaught LookupError
            raise LookupError("'hex' is not a text encoding; use codecs.decode()")
        return real(url, policy)

    monkeypatch.setattr(monitor, "read_url", crashing)
    with serve() as server:
        follow(store, numbered_wire(server, 2))
        first = fetch_new(store, policy=LOCAL, extractor=extractor)
        numbered_wire(server, 3)  # a new item later
        second = fetch_new(store, policy=LOCAL, extractor=extractor)
    (skip,) = first.build.skipped
    assert skip.reason == (
        "failed unexpectedly (LookupError: 'hex' is not a text encoding; use codecs.decode())"
    )
    assert (len(first.build.stored), second.new_items, len(second.build.stored)) == (1, 1, 1)
    assert item_rows(store)["d0"].status == RETRY


def test_a_feed_failing_unexpectedly_is_one_line_and_other_feeds_go_on(
    store: Store, wire: LocalServer, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = monitor.parse_feed

    def crashing(data: bytes, url: str) -> Feed:
        if url.endswith("/deep.xml"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(data, url)

    monkeypatch.setattr(monitor, "parse_feed", crashing)
    wire.page("/deep.xml", "<rss/>", content_type="text/xml")
    follow(store, wire.url("/deep.xml"))
    follow(store, wire.url("/feed.xml"))
    report = fetch_new(store, policy=LOCAL, extractor=extractor)
    assert report.errors == [
        f"cannot fetch {wire.url('/deep.xml')}: failed unexpectedly "
        "(RecursionError: maximum recursion depth exceeded)"
    ]
    assert (report.feeds, len(report.build.stored)) == (2, 2)
