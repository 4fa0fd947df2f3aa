"""Reading RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds into a `Feed` of items to fetch.

Feeds are parsed with the standard library's expat parser set up so that a feed cannot
make it read files or expand entities: a feed that declares entities (the form of both
the "billion laughs" bomb and external-entity reads) is refused, external DTDs are not
loaded. A document type line alone (as RSS 0.91 feeds carry) is harmless and allowed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from tracewire.ingest.errors import IngestError

ATOM = "{http://www.w3.org/2005/Atom}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
RSS1 = "{http://purl.org/rss/1.0/}"
RSS090 = "{http://my.netscape.com/rdf/simple/0.9/}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
# No `<` inside a tag: each scan then stops at the next `<`, so a summary of many `<`
# without a `>` is read in linear time (with `[^>]*` every `<` scans to the end).
_TAG = re.compile(r"<[^<>]*>")


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: a stable key (guid/id, else link), its link, title, date, summary."""

    key: str
    url: str | None
    title: str | None
    published: date | None
    summary: str | None


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
    root = parse_xml(data, url)
    parsers: dict[str, Callable[[Element, str], Feed]] = {
        "rss": _rss2,
        f"{RDF}RDF": _rss1,
        f"{ATOM}feed": _atom,
    }
    parser = parsers.get(root.tag)
    if parser is None:
        name = root.tag.rsplit("}", 1)[-1]
        raise IngestError(url, f"not an RSS or Atom feed (root element <{name}>)")
    return parser(root, url)


def parse_xml(data: bytes, source: str) -> Element:
    """An element tree from XML bytes, refusing entity declarations and external DTDs."""
    builder = TreeBuilder()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.StartElementHandler = lambda name, attrs: builder.start(
        _qualified(name), {_qualified(key): value for key, value in attrs.items()}
    )
    parser.EndElementHandler = lambda name: builder.end(_qualified(name))
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = _refuse_entities
    parser.ExternalEntityRefHandler = _refuse_external
    try:
        parser.Parse(data, True)
    except _RefusedError as error:
        raise IngestError(source, f"refused feed: {error}") from None
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code) if error.code else str(error)
        raise IngestError(source, f"malformed feed XML ({reason} at line {error.lineno})") from None
    return builder.close()


def parse_date(text: str | None) -> date | None:
    """A date written as in RSS (RFC 822: `Tue, 05 Mar 2024 10:00:00 GMT`) or ISO 8601."""
    value = (text or "").strip()
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _rss2(root: Element, url: str) -> Feed:
    """RSS 0.9x/2.0: `<rss><channel><item>`."""
    channel = root.find("channel")
    if channel is None:
        raise IngestError(url, "malformed RSS feed (no <channel>)")
    items = []
    for item in channel.iter("item"):
        link = _resolved(url, _text(item, "link"))
        guid = item.find("guid")
        guid_text = _clean(guid.text if guid is not None else None)
        if link is None and guid is not None and guid.get("isPermaLink", "true") != "false":
            link = _web_link(guid_text)
        items.append(
            _item(
                guid_text or link,
                link,
                _text(item, "title"),
                _text(item, "pubDate") or _text(item, f"{DC}date"),
                _text(item, "description") or _text(item, f"{CONTENT}encoded"),
            )
        )
    return _feed(_text(channel, "title"), items)


def _rss1(root: Element, url: str) -> Feed:
    """RSS 1.0 and 0.90 (RDF): `<rdf:RDF><channel/><item rdf:about=...>`."""
    namespace = RSS1 if root.find(f"{RSS1}channel") is not None else RSS090
    channel = root.find(f"{namespace}channel")
    if channel is None:
        raise IngestError(url, "malformed RSS 1.0 feed (no <channel>)")
    items = []
    for item in root.iter(f"{namespace}item"):
        link = _resolved(url, _text(item, f"{namespace}link"))
        about = _clean(item.get(f"{RDF}about"))
        items.append(
            _item(
                about or link,
                link or _web_link(about),
                _text(item, f"{namespace}title"),
                _text(item, f"{DC}date"),
                _text(item, f"{namespace}description") or _text(item, f"{CONTENT}encoded"),
            )
        )
    return _feed(_text(channel, f"{namespace}title"), items)


def _atom(root: Element, url: str) -> Feed:
    """Atom 1.0: `<feed><entry>`, with `xml:base` on the feed and entries honoured."""
    base = _resolved(url, root.get(XML_BASE)) or url
    items = []
    for entry in root.iter(f"{ATOM}entry"):
        entry_base = _resolved(base, entry.get(XML_BASE)) or base
        link = _atom_link(entry, entry_base)
        items.append(
            _item(
                _text(entry, f"{ATOM}id") or link,
                link,
                _atom_text(entry.find(f"{ATOM}title")),
                _text(entry, f"{ATOM}published") or _text(entry, f"{ATOM}updated"),
                _atom_text(entry.find(f"{ATOM}summary"))
                or _atom_text(entry.find(f"{ATOM}content")),
            )
        )
    return _feed(_atom_text(root.find(f"{ATOM}title")), items)


def _atom_link(entry: Element, base: str) -> str | None:
    """The entry's alternate (HTML) link, else its first link, resolved against `base`."""
    links = [link for link in entry.findall(f"{ATOM}link") if (link.get("href") or "").strip()]
    alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
    html_links = [link for link in alternates if "html" in link.get("type", "text/html")]
    chosen = next(iter(html_links or alternates or links), None)
    if chosen is None:
        return None
    return _resolved(_resolved(base, chosen.get(XML_BASE)) or base, chosen.get("href"))


def _atom_text(element: Element | None) -> str | None:
    """An Atom text construct (`type` text, html or xhtml) as plain text."""
    if element is None:
        return None
    if element.get("type") == "xhtml":
        return _clean("".join(element.itertext()))
    return _clean(element.text, markup=element.get("type") == "html")


def _item(
    key: str | None, url: str | None, title: str | None, when: str | None, summary: str | None
) -> FeedItem | None:
    """A `FeedItem`, or None for an entry with neither an id nor a link."""
    if not key:
        return None
    return FeedItem(
        key=key,
        url=url,
        title=_clean(title, markup=True),
        published=parse_date(when),
        summary=_clean(summary, markup=True),
    )


def _feed(title: str | None, items: list[FeedItem | None]) -> Feed:
    """A `Feed` of the items that have a key, the first of each key kept."""
    kept: dict[str, FeedItem] = {}
    for item in items:
        if item is not None and item.key not in kept:
            kept[item.key] = item
    return Feed(title=_clean(title, markup=True), items=list(kept.values()))


def _text(parent: Element, tag: str) -> str | None:
    """The stripped text of the first `tag` child, or None if absent or empty."""
    child = parent.find(tag)
    return _clean(child.text) if child is not None else None


def _clean(text: str | None, *, markup: bool = False) -> str | None:
    """Text with whitespace collapsed (and, for HTML, tags and entities removed), or None."""
    if text is None:
        return None
    if markup:
        text = html.unescape(_TAG.sub(" ", text))
    return " ".join(text.split()) or None


def _resolved(base: str, link: str | None) -> str | None:
    """`link` made absolute against `base`, or None if there is no link."""
    link = (link or "").strip()
    return urljoin(base, link) if link else None


def _web_link(value: str | None) -> str | None:
    """A guid or rdf:about, as the link, when it is an absolute http(s) URL."""
    return value if value and value.lower().startswith(("http://", "https://")) else None


def _qualified(name: str) -> str:
    """expat's `uri local` name as ElementTree's `{uri}local`."""
    uri, _, local = name.rpartition(" ")
    return f"{{{uri}}}{local}" if uri else local


def _refuse_entities(name: str, *_: object) -> None:
    raise _RefusedError(f"it declares XML entities (&{name};), which are not expanded")


def _refuse_external(*_: object) -> int:
    raise _RefusedError("it refers to an external entity")
