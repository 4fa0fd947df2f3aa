"""Reading a report at a URL (web page, PDF or plain text) into a `Document`."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from urllib.parse import urlsplit

from tracewire.ingest.decode import text_codec
from tracewire.ingest.errors import IngestError
from tracewire.ingest.http import Fetched, FetchError, FetchPolicy, fetch, redact
from tracewire.ingest.readers import MEDIA_TYPES, document_from_bytes
from tracewire.records import Document

Fetcher = Callable[[str, FetchPolicy], Fetched]

# Content-Type (as servers send it) -> the media type `document_from_bytes` reads.
CONTENT_TYPES: dict[str, str] = {
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "application/pdf": "application/pdf",
    "application/x-pdf": "application/pdf",
    "text/plain": "text/plain",
    "text/markdown": "text/markdown",
    "text/x-markdown": "text/markdown",
}
# Types that say nothing about the content: the URL and the bytes decide instead.
_UNTYPED = frozenset({"application/octet-stream", "binary/octet-stream", "application/unknown"})
_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml"}
)


def read_url(url: str, policy: FetchPolicy | None = None, *, fetcher: Fetcher = fetch) -> Document:
    """Fetch `url` and read it into a `Document`, or raise `IngestError(url, reason)`.

    `source` is the URL asked for and `url` the one it ended at, after redirects (both
    without any credentials they held).
    """
    source = redact(url)
    try:
        fetched = fetcher(url, policy or FetchPolicy())
    except FetchError as error:
        raise IngestError(source, error.reason) from None
    if not fetched.body:
        raise IngestError(source, "empty response")
    media_type = media_type_of(fetched, source)
    data = fetched.body
    if media_type != "application/pdf":
        data = _as_utf8(data, fetched.charset, source)
    document = document_from_bytes(data, source, media_type)
    return dataclasses.replace(document, url=fetched.url)


def media_type_of(fetched: Fetched, source: str) -> str:
    """The media type to read a response as: from its bytes, Content-Type, or URL suffix."""
    head = fetched.body[:1024]
    if b"%PDF-" in head:
        return "application/pdf"
    declared = (fetched.content_type or "").lower()
    if declared in CONTENT_TYPES:
        return CONTENT_TYPES[declared]
    if declared and declared not in _UNTYPED:
        hint = " (a feed, not a page)" if declared in _FEED_TYPES or "rss" in declared else ""
        raise IngestError(source, f"unsupported content type '{declared}'{hint}")
    path = urlsplit(fetched.url).path.lower()
    suffix = path[path.rfind(".") :] if "." in path.rsplit("/", 1)[-1] else ""
    if suffix in MEDIA_TYPES:
        return MEDIA_TYPES[suffix]
    if b"<html" in head.lower() or b"<!doctype html" in head.lower():
        return "text/html"
    raise IngestError(source, "unknown content type (the server did not say what it sent)")


def _as_utf8(data: bytes, charset: str | None, source: str) -> bytes:
    """The body re-encoded as UTF-8 when the server names another charset and it is not UTF-8.

    Bytes that are valid UTF-8 are kept as they are: a wrong `charset=iso-8859-1` header
    is a common misconfiguration, and UTF-8 does not happen by accident.
    """
    codec = text_codec(charset) if charset else None
    if codec is None:
        return data  # unknown or not a character set: decoded as strictly as a file
    if codec in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return data
    try:
        return data.decode(codec).encode("utf-8")
    except UnicodeDecodeError as error:
        raise IngestError(
            source,
            f"not valid {codec} text (byte 0x{data[error.start]:02x} at offset {error.start})",
        ) from None
    except UnicodeError as error:
        raise IngestError(source, f"not valid {codec} text ({error})") from None
