"""The ingest stage: report files in, `Document` records out.

`discover` finds the files under the paths a user names, `read_file` turns one into a
`Document` (cleaned text, content-derived id, title, date, URL and the blocks the NLP
stage reads) or raises `IngestError` with a one-line reason, and `NearDuplicateIndex`
tells whether a document is a near-copy of one already ingested.
"""

from __future__ import annotations

from tracewire.ingest.dedupe import NearDuplicateIndex
from tracewire.ingest.discover import discover
from tracewire.ingest.errors import IngestError
from tracewire.ingest.readers import SUPPORTED_SUFFIXES, read_file
from tracewire.ingest.text import clean_text, document_id, split_blocks

__all__ = [
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "NearDuplicateIndex",
    "clean_text",
    "discover",
    "document_id",
    "read_file",
    "split_blocks",
]
