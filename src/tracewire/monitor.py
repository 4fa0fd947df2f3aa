"""Following feeds and fetching web pages into the store, alerts included.

`follow` records a feed; `fetch` reads the new items of every followed feed (an item is
read once: its key is kept), a bounded number per feed and fetch, and any page URLs
given, through the same build as files; an item that fails is tried again with backoff.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracewire.engine.tasks import failure_reason
from tracewire.extract import Extractor
from tracewire.ingest import FetchError, FetchPolicy, IngestError, fetch, parse_feed, read_url
from tracewire.ingest.feeds import FeedItem
from tracewire.ingest.http import redact
from tracewire.pipeline import DEFAULT_TIME_LIMIT, Builder
from tracewire.records import BuildReport, Document
from tracewire.store.db import Store
from tracewire.store.models import FeedItemRow, FeedRow
from tracewire.store.writer import now

DEFAULT_MAX_ITEMS = 50  # items read per feed and fetch
MAX_ATTEMPTS = 5  # reads of an item that keeps failing, in all
RETRY_AFTER = timedelta(hours=1)  # wait before the second attempt, doubled for each next
RETRY, FAILED = "retry", "failed"  # item statuses: to be tried again, given up
log = logging.getLogger(__name__)


class FollowError(ValueError):
    """A feed URL that cannot be followed or unfollowed (one-line reason)."""


@dataclass(slots=True)
class FetchReport:
    """What one fetch did: the build's report plus the feeds' own outcome."""

    build: BuildReport
    feeds: int = 0
    new_items: int = 0  # items read in this fetch (new ones, and failed ones tried again)
    deferred: int = 0  # items left for a later fetch by the per-feed limit
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
    with store.writer() as writer:
        session = writer.session
        if session.scalar(select(FeedRow.id).where(FeedRow.url == url)) is not None:
            return False
        session.add(FeedRow(url=url, added_at=now()))
    return True


def unfollow(store: Store, url: str) -> None:
    """Stop following a feed (the documents it brought stay)."""
    with store.writer() as writer:
        session = writer.session
        row = session.scalar(select(FeedRow).where(FeedRow.url == url.strip()))
        if row is None:
            raise FollowError(f"not followed: {url}")
        session.delete(row)


def followed(store: Store) -> list[FeedRow]:
    """The followed feeds, oldest first."""
    with store.session() as session:
        return list(session.scalars(select(FeedRow).order_by(FeedRow.id)))


def _item_document(item: FeedItem, policy: FetchPolicy) -> Document:
    """The page a feed item links to, with the item's date, title and publisher where it
    has none."""
    assert item.url is not None
    document = read_url(item.url, policy)
    if document.published is None and item.published is not None:
        document = replace(document, published=item.published)
    if document.title is None and item.title:
        document = replace(document, title=item.title)
    if document.publisher is None and item.publisher:
        document = replace(document, publisher=item.publisher[:512])
    return document


def _to_read(
    session: Session, feed_id: int, items: list[FeedItem], at: datetime, max_items: int
) -> tuple[list[FeedItem], int]:
    """The items to read now (failed ones due for another attempt first, then new ones,
    `max_items` at most), and how many new ones are left for a later fetch."""
    held = session.scalars(select(FeedItemRow).where(FeedItemRow.feed_id == feed_id))
    rows = {row.key: row for row in held}
    listed = {item.key[:2048]: item for item in items}  # keys are stored cut to 2048
    due = [
        listed.get(row.key) or FeedItem(row.key, row.url, row.title, None, None)
        for row in sorted(rows.values(), key=lambda row: row.id)
        if row.status == RETRY and row.retry_at is not None and row.retry_at <= at
    ]
    new = [item for item in items if item.key[:2048] not in rows]
    chosen = (due + new)[:max_items]
    return chosen, len(due) + len(new) - len(chosen)


def _record(
    store: Store, feed_id: int, item: FeedItem, status: str, *, reason: str | None, doc: str | None
) -> None:
    """Remember what became of an item; a failure is tried again later, with backoff."""
    key = item.key[:2048]
    with store.writer() as writer:
        session = writer.session
        row = session.scalar(
            select(FeedItemRow).where(FeedItemRow.feed_id == feed_id, FeedItemRow.key == key)
        )
        if row is None:
            row = FeedItemRow(feed_id=feed_id, key=key, attempts=0)
            session.add(row)
        row.url, row.title = item.url, (item.title or "")[:1024] or None
        row.reason = reason[:1024] if reason else None
        row.document_id, row.seen_at, row.retry_at = doc, now(), None
        row.status = status
        if status == FAILED:
            row.attempts = (row.attempts or 0) + 1
            if row.attempts < MAX_ATTEMPTS:
                row.status = RETRY
                row.retry_at = now() + RETRY_AFTER * 2 ** (row.attempts - 1)


def _read_items(builder: Builder, feed_id: int, items: list[FeedItem], policy: FetchPolicy) -> None:
    """Read each item's page through the build; record every outcome."""
    for item in items:
        if item.url is None:
            _record(
                builder.store, feed_id, item, "skipped", reason="the item has no link", doc=None
            )
            continue
        url = item.url
        status = builder.ingest(lambda: _item_document(item, policy), url, url)  # noqa: B023
        if status == "skipped":
            reason = builder.last_skip.reason if builder.last_skip else "not read"
            _record(builder.store, feed_id, item, FAILED, reason=reason, doc=None)
        else:
            _record(builder.store, feed_id, item, status, reason=None, doc=builder.last_document_id)


def _fetch_feed(
    builder: Builder, feed_id: int, policy: FetchPolicy, report: FetchReport, max_items: int
) -> None:
    store = builder.store
    with store.session() as session:
        feed = session.get(FeedRow, feed_id)
        assert feed is not None
        url = feed.url
    try:
        got = fetch(url, policy)
        parsed = parse_feed(got.body, got.url)
    except (FetchError, IngestError) as exc:
        message = str(exc) if isinstance(exc, FetchError) else f"{url}: {exc.reason}"
        _feed_failed(store, feed_id, message)
        report.errors.append(message)
        return
    with store.session() as session:
        items, left = _to_read(session, feed_id, parsed.items, now(), max_items)
    report.new_items += len(items)
    report.deferred += left
    _read_items(builder, feed_id, items, policy)
    with store.writer() as writer:
        session = writer.session
        row = session.get(FeedRow, feed_id)
        if row is not None:
            row.fetched_at, row.last_error = now(), None
            row.title = row.title or (parsed.title or "")[:1024] or None


def _feed_failed(store: Store, feed_id: int, message: str) -> None:
    """Keep a feed's last error for `tracewire feeds`."""
    with store.writer() as writer:
        session = writer.session
        row = session.get(FeedRow, feed_id)
        if row is not None:
            row.last_error = message[:1024]


def fetch_new(
    store: Store,
    urls: Sequence[str] = (),
    *,
    policy: FetchPolicy | None = None,
    extractor: Extractor | None = None,
    on_item: Callable[[str], None] | None = None,
    max_items: int = DEFAULT_MAX_ITEMS,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> FetchReport:
    """Read the given page URLs and the new items of every followed feed into `store`.

    Each feed gives at most `max_items` items per fetch (failed ones due for another try
    first); the rest wait for the next fetch. An item that cannot be read is tried again
    after RETRY_AFTER, doubled each time, and given up after MAX_ATTEMPTS attempts.
    """
    started = time.perf_counter()
    policy = policy or FetchPolicy()
    builder = Builder(store, extractor, time_limit=time_limit)
    builder.recover()
    report = FetchReport(builder.report)
    for url in urls:
        shown_url = redact(url)
        builder.ingest(lambda: read_url(url, policy), shown_url, shown_url)  # noqa: B023
        if on_item:
            on_item(url)
    with store.session() as session:
        feeds = list(session.execute(select(FeedRow.id, FeedRow.url).order_by(FeedRow.id)))
    for feed_id, feed_url in feeds:
        try:
            _fetch_feed(builder, feed_id, policy, report, max_items)
        except Exception as exc:  # one feed must never end the fetch of the others
            message = f"cannot fetch {redact(feed_url)}: {failure_reason(exc)}"
            log.debug("%s", message, exc_info=True)
            report.errors.append(message)
        report.feeds += 1
        if on_item:
            on_item(str(feed_id))
    builder.finish(started)
    return report
