"""The alerts feed: Atom that feed readers (and tracewire's own feed reader) can follow."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime

from tracewire.ingest import parse_feed
from tracewire.serve.alerts import FEED_ID, atom_feed
from tracewire.store.watch import Alert

ATOM = "{http://www.w3.org/2005/Atom}"


def alert(number: int, watch: str, url: str | None, when: datetime) -> Alert:
    claim = {"summary": f"{watch} supplies Ruritania", "hedging": ["reported"],
             "source": "Local Watch", "evidence": f"{watch} sold <cameras> & drones."}  # fmt: skip
    return Alert(number, watch, "entity", f"doc{number}", f"Report {number}", url,
                 f"a claim about {watch}", (claim,), when, None)  # fmt: skip


def test_alerts_are_atom_entries_newest_first() -> None:
    alerts = [
        alert(2, "Acme Vision", "https://news.example.org/a/2", datetime(2026, 3, 2, 9, 30)),
        alert(1, "Zenith Labs", None, datetime(2026, 3, 1, 8, 0)),
    ]
    text = atom_feed(alerts)
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") == FEED_ID
    assert root.findtext(f"{ATOM}updated", "").startswith("2026-03-02T09:30:00")
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Acme Vision: 1 new claim in Report 2",
        "Zenith Labs: 1 new claim in Report 1",
    ]
    first = entries[0]
    link = first.find(f"{ATOM}link")
    assert link is not None and link.get("href") == "https://news.example.org/a/2"
    assert entries[1].find(f"{ATOM}link") is None
    content = first.findtext(f"{ATOM}content") or ""
    assert "[reported] (source: Local Watch): Acme Vision sold <cameras> & drones." in content
    # tracewire's own feed reader follows it
    feed = parse_feed(text.encode("utf-8"), "https://tracewire.example/alerts.atom")
    assert [(i.key, i.url, i.published) for i in feed.items] == [
        ("urn:tracewire:alert:2:doc2", "https://news.example.org/a/2", date(2026, 3, 2)),
        ("urn:tracewire:alert:1:doc1", None, date(2026, 3, 1)),
    ]


def test_an_empty_feed_is_still_valid_atom() -> None:
    root = ET.fromstring(atom_feed([]).encode("utf-8"))
    assert root.findall(f"{ATOM}entry") == []
    assert root.findtext(f"{ATOM}title") == "tracewire alerts"
