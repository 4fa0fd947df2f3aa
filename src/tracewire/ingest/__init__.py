"""The ingest stage: report files, web pages and feeds in, `Document` records out.

`discover` finds the files under the paths a user names, `read_file` turns one into a
`Document` (cleaned text, content-derived id, title, date, URL and the blocks the NLP
stage reads) or raises `IngestError` with a one-line reason, and `NearDuplicateIndex`
tells whether a document is a near-copy of one already ingested. `read_url` does what
`read_file` does for a URL, fetched by `fetch` within a `FetchPolicy` (time and size
limits, no private addresses); `parse_feed` lists the items of an RSS or Atom feed.
"""

from __future__ import annotations

from tracewire.ingest.dedupe import NearDuplicateIndex
from tracewire.ingest.discover import discover
from tracewire.ingest.errors import IngestError
from tracewire.ingest.feeds import Feed, FeedItem, parse_feed
from tracewire.ingest.http import Fetched, FetchError, FetchPolicy, fetch, post_json
from tracewire.ingest.readers import SUPPORTED_SUFFIXES, document_from_bytes, read_file
from tracewire.ingest.remote import read_url
from tracewire.ingest.text import clean_text, document_id, split_blocks

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Feed",
    "FeedItem",
    "FetchError",
    "FetchPolicy",
    "Fetched",
    "IngestError",
    "NearDuplicateIndex",
    "clean_text",
    "discover",
    "document_from_bytes",
    "document_id",
    "fetch",
    "parse_feed",
    "post_json",
    "read_file",
    "read_url",
    "split_blocks",
]
