"""Alerts out: an Atom feed file that feed readers follow, and JSON POSTed to a webhook."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from tracewire.ingest.http import FetchPolicy, post_json
from tracewire.store.watch import Alert

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_ID = "urn:tracewire:alerts"


def _stamp(moment: datetime) -> str:
    return moment.replace(tzinfo=UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _content(alert: Alert) -> str:
    lines = [alert.reason, ""]
    for claim in alert.claims:
        hedging = ", ".join(claim.get("hedging") or [])
        source = f" (source: {claim['source']})" if claim.get("source") else ""
        lines.append(f"- {claim['summary']} [{hedging}]{source}: {claim['evidence']}")
    return "\n".join(lines)


def atom_feed(alerts: Sequence[Alert], title: str = "tracewire alerts") -> str:
    """An Atom 1.0 document with one entry per alert, newest first."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "title", title)
    sub(feed, "id", FEED_ID)
    updated = max((a.created_at for a in alerts), default=datetime(1970, 1, 1))
    sub(feed, "updated", _stamp(updated))
    sub(sub(feed, "author"), "name", "tracewire")
    for alert in alerts:
        entry = sub(feed, "entry")
        count = len(alert.claims)
        noun = "claim" if count == 1 else "claims"
        sub(entry, "title", f"{alert.watch}: {count} new {noun} in {alert.title}")
        sub(entry, "id", f"urn:tracewire:alert:{alert.id}:{alert.document_id}")
        sub(entry, "updated", _stamp(alert.created_at))
        if alert.url:
            sub(entry, "link", href=alert.url)
        sub(entry, "summary", alert.reason)
        sub(entry, "content", _content(alert), type="text")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


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
