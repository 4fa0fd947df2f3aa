"""Reading RSS (0.9x, 1.0, 2.0) and Atom feeds into a `Feed` of items to fetch.

feedparser reads the feed (its many dialects, `xml:base`, relative links, permalink
guids, text constructs). It is handed bytes our guarded client fetched, as a stream so
that it never opens a URL or a file itself, and only after `vet_xml` has read the bytes
with the standard library's expat parser set up so that a feed cannot make any parser read
files or expand entities: a feed that declares entities (the form of both the "billion
laughs" bomb and external-entity reads) is refused, external DTDs are not loaded, and XML
that is not well-formed is refused with expat's reason (feedparser would guess at it).
A document type line alone (as RSS 0.91 feeds carry) is harmless and allowed.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.parsers import expat

import dateparser
import feedparser

from tracewire.ingest.errors import IngestError

# No `<` inside a tag: each scan then stops at the next `<`, so a summary of many `<`
# without a `>` is read in linear time (with `[^>]*` every `<` scans to the end). A block
# element's tag separates words; an inline one ("<b>sold</b>.") does not.
_TAG = re.compile(r"<[^<>]*>")
_BLOCK = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|pre|hr)\b[^<>]*>",
    re.IGNORECASE,
)
# Dates as feeds write them (RFC 822, ISO 8601): absolute ones only ("yesterday" is none).
_DATE_SETTINGS: Any = {"PARSERS": ["timestamp", "absolute-time"], "STRICT_PARSING": True}


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: a stable key (guid/id, else link), its link, title, date,
    summary, and its publisher (the item's `<source>`, else the channel's title)."""

    key: str
    url: str | None
    title: str | None
    published: date | None
    summary: str | None
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed's title and its items, in the feed's order, without repeated keys."""

    title: str | None
    items: list[FeedItem]


class _RefusedError(Exception):
    """A feed construct that is not parsed on purpose."""


def parse_feed(data: bytes, url: str) -> Feed:
    """Parse a feed's bytes; `url` is where it came from (links are resolved against it).

    Raises `IngestError(url, reason)` for malformed XML, a document that is not a feed,
    or a feed that declares XML entities.
    """
    root, names = vet_xml(data, url)
    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-location": url, "content-type": "application/xml"},
    )
    if not parsed.version:
        raise IngestError(url, f"not an RSS or Atom feed (root element <{root}>)")
    if parsed.version.startswith("rss") and "channel" not in names:
        raise IngestError(url, "malformed RSS feed (no <channel>)")
    rdf = parsed.version in ("rss090", "rss10")
    title = _clean(parsed.feed.get("title"), markup=True)
    kept: dict[str, FeedItem] = {}
    for entry in parsed.entries:
        item = _item(entry, rdf=rdf, channel=title)
        if item is not None and item.key not in kept:
            kept[item.key] = item
    return Feed(title=title, items=list(kept.values()))


def vet_xml(data: bytes, source: str) -> tuple[str, set[str]]:
    """The root element's name and every element name, once expat has read the bytes
    refusing entity declarations and external entities (`IngestError` if it did not)."""
    names: list[str] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = lambda name, _attrs: names.append(name.rpartition(" ")[2])
    parser.EntityDeclHandler = _refuse_entities
    parser.ExternalEntityRefHandler = _refuse_external
    try:
        parser.Parse(data, True)
    except _RefusedError as error:
        raise IngestError(source, f"refused feed: {error}") from None
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code) if error.code else str(error)
        raise IngestError(source, f"malformed feed XML ({reason} at line {error.lineno})") from None
    return names[0], set(names)


def parse_date(text: str | None) -> date | None:
    """A date written as in RSS (RFC 822: `Tue, 05 Mar 2024 10:00:00 GMT`) or ISO 8601,
    as the feed writes it (the date in the writer's time zone)."""
    value = (text or "").strip()
    if not value:
        return None
    found = dateparser.parse(value, languages=["en"], settings=_DATE_SETTINGS)
    return found.date() if found is not None else None


def _item(entry: Any, *, rdf: bool, channel: str | None) -> FeedItem | None:
    """A `FeedItem`, or None for an entry with neither an id nor a link. An item that
    names its source (RSS `<source>`, Atom `<source><title>`: an aggregator's item from
    another site) is that source's; any other is the channel's."""
    key = _clean(entry.get("id"))
    # feedparser makes a permalink guid (or an Atom id) the link: only a web address is one
    link = _web_link(_clean(entry.get("link")))
    if link is None and rdf:
        link = _web_link(key)  # an RSS 1.0 item's rdf:about names it
    if not (key or link):
        return None
    summary = entry.get("summary") or next(
        (c.get("value") for c in entry.get("content", []) if c.get("value")), None
    )
    return FeedItem(
        key=key or str(link),
        url=link,
        title=_clean(entry.get("title"), markup=True),
        published=parse_date(entry.get("published")) or parse_date(entry.get("updated")),
        summary=_clean(summary, markup=True),
        publisher=_source_title(entry) or channel,
    )


def _source_title(entry: Any) -> str | None:
    """The title of the source an item names, if it names one."""
    source = entry.get("source")
    return _clean(source.get("title"), markup=True) if isinstance(source, dict) else None


def _clean(text: str | None, *, markup: bool = False) -> str | None:
    """Text with whitespace collapsed (and, for HTML, tags and entities removed), or None."""
    if text is None:
        return None
    if markup:
        text = html.unescape(_TAG.sub("", _BLOCK.sub(" ", text)))
    return " ".join(text.split()) or None


def _web_link(value: str | None) -> str | None:
    """`value` when it is an absolute http(s) URL (a link tracewire can fetch)."""
    return value if value and value.lower().startswith(("http://", "https://")) else None


def _refuse_entities(name: str, *_: object) -> None:
    raise _RefusedError(f"it declares XML entities (&{name};), which are not expanded")


def _refuse_external(*_: object) -> int:
    raise _RefusedError("it refers to an external entity")
