"""Alerts out: an Atom feed file that feed readers follow, and JSON POSTed to a webhook."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from feedgen.feed import FeedGenerator

from tracewire.ingest.http import FetchPolicy, post_json
from tracewire.store.watch import Alert

FEED_ID = "urn:tracewire:alerts"


def _utc(moment: datetime) -> datetime:
    """A stored (naive, UTC) time as an aware one, as Atom dates need."""
    return moment.replace(tzinfo=UTC)


def _content(alert: Alert) -> str:
    lines = [alert.reason, ""]
    for claim in alert.claims:
        hedging = ", ".join(claim.get("hedging") or [])
        source = f" (source: {claim['source']})" if claim.get("source") else ""
        lines.append(f"- {claim['summary']} [{hedging}]{source}: {claim['evidence']}")
    return "\n".join(lines)


def atom_feed(alerts: Sequence[Alert], title: str = "tracewire alerts") -> str:
    """An Atom 1.0 document with one entry per alert, newest first (written by feedgen)."""
    feed = FeedGenerator()
    feed.id(FEED_ID)
    feed.title(title)
    feed.author({"name": "tracewire"})
    feed.updated(_utc(max((a.created_at for a in alerts), default=datetime(1970, 1, 1))))
    for alert in alerts:
        entry = feed.add_entry(order="append")
        count = len(alert.claims)
        noun = "claim" if count == 1 else "claims"
        entry.title(f"{alert.watch}: {count} new {noun} in {alert.title}")
        entry.id(f"urn:tracewire:alert:{alert.id}:{alert.document_id}")
        entry.updated(_utc(alert.created_at))
        if alert.url:
            entry.link(href=alert.url)
        entry.summary(alert.reason)
        entry.content(_content(alert), type="text")
    atom: bytes = feed.atom_str(pretty=True)
    return atom.decode("utf-8")


def write_atom(alerts: Sequence[Alert], path: Path) -> Path:
    """Write the feed to `path` atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(atom_feed(alerts))
    Path(temp).replace(path)
    return path


def post_alerts(alerts: Sequence[Alert], url: str, policy: FetchPolicy | None = None) -> int:
    """POST `{"alerts": [...]}` to a webhook; the HTTP status, or `FetchError`."""
    payload = {"source": "tracewire", "alerts": [a.as_dict() for a in alerts]}
    return post_json(url, payload, policy)
