"""Following feeds and fetching web pages into the store, alerts included.

`follow` records a feed; `fetch` reads the new items of every followed feed (an item is
read once: its key is kept) and any page URLs given, through the same build as files.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from sqlalchemy import select

from tracewire.extract import Extractor
from tracewire.ingest import FetchError, FetchPolicy, IngestError, fetch, parse_feed, read_url
from tracewire.ingest.feeds import FeedItem
from tracewire.ingest.http import redact
from tracewire.pipeline import Builder
from tracewire.records import BuildReport, Skip
from tracewire.store.db import Store
from tracewire.store.models import FeedItemRow, FeedRow
from tracewire.store.writer import now


class FollowError(ValueError):
    """A feed URL that cannot be followed or unfollowed (one-line reason)."""


@dataclass(slots=True)
class FetchReport:
    """What one fetch did: the build's report plus the feeds' own outcome."""

    build: BuildReport
    feeds: int = 0
    new_items: int = 0
    errors: list[str] = field(default_factory=list)


def _checked_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FollowError(f"cannot follow {redact(url)!r}: not an http or https URL")
    return url


def follow(store: Store, url: str) -> bool:
    """Follow a feed; False when it was followed already."""
    url = _checked_url(url)
    with store.transaction() as session:
        if session.scalar(select(FeedRow.id).where(FeedRow.url == url)) is not None:
            return False
        session.add(FeedRow(url=url, added_at=now()))
    return True


def unfollow(store: Store, url: str) -> None:
    """Stop following a feed (the documents it brought stay)."""
    with store.transaction() as session:
        row = session.scalar(select(FeedRow).where(FeedRow.url == url.strip()))
        if row is None:
            raise FollowError(f"not followed: {url}")
        session.delete(row)


def followed(store: Store) -> list[FeedRow]:
    """The followed feeds, oldest first."""
    with store.session() as session:
        return list(session.scalars(select(FeedRow).order_by(FeedRow.id)))


def _read_item(builder: Builder, item: FeedItem, policy: FetchPolicy) -> str | None:
    """Read one feed item's page into the store; its status, or None to retry later."""
    assert item.url is not None
    try:
        document = read_url(item.url, policy)
    except IngestError as exc:
        builder.report.skipped.append(Skip(item.url, exc.reason))
        return None
    if document.published is None and item.published is not None:
        document = replace(document, published=item.published)
    if document.title is None and item.title:
        document = replace(document, title=item.title)
    return builder.add_document(document, item.url, item.url)


def _fetch_feed(builder: Builder, feed_id: int, policy: FetchPolicy, report: FetchReport) -> None:
    store = builder.store
    with store.session() as session:
        feed = session.get(FeedRow, feed_id)
        assert feed is not None
        url = feed.url
        seen = set(session.scalars(select(FeedItemRow.key).where(FeedItemRow.feed_id == feed_id)))
    try:
        got = fetch(url, policy)
        parsed = parse_feed(got.body, got.url)
    except (FetchError, IngestError) as exc:
        message = str(exc) if isinstance(exc, FetchError) else f"{url}: {exc.reason}"
        report.errors.append(message)
        with store.transaction() as session:
            row = session.get(FeedRow, feed_id)
            if row is not None:
                row.last_error = message[:1024]
        return
    for item in parsed.items:
        if item.key in seen:
            continue
        report.new_items += 1
        status = _read_item(builder, item, policy) if item.url else "skipped"
        if status is None:
            continue  # not read (offline, refused, unreadable): tried again next fetch
        document_id = builder.last_document_id if status != "skipped" else None
        with store.transaction() as session:
            session.add(
                FeedItemRow(
                    feed_id=feed_id,
                    key=item.key[:2048],
                    url=item.url,
                    title=(item.title or "")[:1024] or None,
                    status=status,
                    reason=None if item.url else "the item has no link",
                    document_id=document_id,
                    seen_at=now(),
                )
            )
    with store.transaction() as session:
        row = session.get(FeedRow, feed_id)
        if row is not None:
            row.fetched_at, row.last_error = now(), None
            row.title = row.title or (parsed.title or "")[:1024] or None


def fetch_new(
    store: Store,
    urls: Sequence[str] = (),
    *,
    policy: FetchPolicy | None = None,
    extractor: Extractor | None = None,
    on_item: Callable[[str], None] | None = None,
) -> FetchReport:
    """Read the given page URLs and the new items of every followed feed into `store`."""
    started = time.perf_counter()
    policy = policy or FetchPolicy()
    builder = Builder(store, extractor)
    report = FetchReport(builder.report)
    for url in urls:
        try:
            document = read_url(url, policy)
        except IngestError as exc:
            builder.report.skipped.append(Skip(redact(url), exc.reason))
        else:
            builder.add_document(document, redact(url), redact(url))
        if on_item:
            on_item(url)
    with store.session() as session:
        feed_ids = list(session.scalars(select(FeedRow.id).order_by(FeedRow.id)))
    for feed_id in feed_ids:
        _fetch_feed(builder, feed_id, policy, report)
        report.feeds += 1
        if on_item:
            on_item(str(feed_id))
    builder.finish(started)
    return report
