"""Who published a web page, as its own markup says: a publisher meta tag, the JSON-LD
publisher of the page, or its OpenGraph site name. Never guessed from the title or the
address (trafilatura's `sitename` falls back to both, which is why this is our own).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

MAX_CHARS = 512  # the store's column
SCANNED_CHARS = 1_000_000  # metadata sits in the head, JSON-LD near it: no need to read on
# meta names (lower-case) that name the publisher, in the order they are trusted
PUBLISHER_NAMES = ("publisher", "dc.publisher", "dcterms.publisher", "citation_publisher")
SITE_NAMES = ("og:site_name",)
ARTICLE_PUBLISHER = "article:publisher"  # OpenGraph: usually a social-media page's address


class _Metadata(HTMLParser):
    """Collects meta tags (by name or property) and the text of JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.scripts: list[str] = []
        self._in_json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            key = (found.get("property") or found.get("name") or "").strip().lower()
            content = tidy(found.get("content"))
            if key and content:
                self.meta.setdefault(key, content)
        elif tag == "script":
            self._in_json = found.get("type", "").strip().lower() == "application/ld+json"
            if self._in_json:
                self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json = False

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.scripts[-1] += data


def html_publisher(html: str) -> str | None:
    """The publisher a page names in its markup, or None when it names none."""
    parser = _Metadata()
    parser.feed(html[:SCANNED_CHARS])
    parser.close()
    for name in PUBLISHER_NAMES:
        if not _is_address(parser.meta.get(name)):
            return parser.meta[name]
    for script in parser.scripts:
        found = _json_ld_publisher(script)
        if found:
            return found
    for name in SITE_NAMES:
        if name in parser.meta:
            return parser.meta[name]
    if not _is_address(parser.meta.get(ARTICLE_PUBLISHER)):
        return parser.meta[ARTICLE_PUBLISHER]
    return None


def _json_ld_publisher(script: str) -> str | None:
    """The name of the first `publisher` in a JSON-LD block (a name, or an object with
    one); malformed JSON names nobody."""
    try:
        data = json.loads(script)
    except ValueError:
        return None
    for node in _nodes(data):
        publisher = node.get("publisher")
        for candidate in publisher if isinstance(publisher, list) else [publisher]:
            name = candidate.get("name") if isinstance(candidate, dict) else candidate
            if isinstance(name, str) and (text := tidy(name)) and not _is_address(text):
                return text
    return None


def _nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD document: top level, lists and `@graph`, outermost first."""
    if depth > 4:  # structured data nests shallowly; a deep one is not worth walking
        return
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _nodes(data.get("@graph"), depth + 1)


def tidy(value: str | None) -> str | None:
    """`value` with its whitespace collapsed and cut to MAX_CHARS, or None when empty."""
    text = " ".join((value or "").split())
    return text[:MAX_CHARS] or None


def _is_address(value: str | None) -> bool:
    """Whether a value is missing or an address rather than a name."""
    return value is None or value.lower().startswith(("http://", "https://", "www."))
