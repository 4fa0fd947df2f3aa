"""The work a build hands to its workers: reading one file, extracting one document.

Both are plain functions of picklable records, so that the same call runs in the build's
own process, in a pool of processes or as a Ray task. Extraction is per document (the
Extractor keeps a DocumentContext across a document's blocks), so whole documents go to
workers. Each worker process loads its extractor once, on its first document, and keeps
it for the rest of the build.
"""

from __future__ import annotations

from pathlib import Path

from tracewire.extract import EXTRACTOR_NAME, Extraction, Extractor
from tracewire.ingest import IngestError, read_file
from tracewire.records import Document, Skip

_extractors: dict[str, Extractor] = {}  # by name, in this process


def use_extractor(name: str, extractor: Extractor) -> None:
    """Make `extractor` the one this process uses for `name` (one already loaded)."""
    _extractors[name] = extractor


def extractor_for(name: str) -> Extractor:
    """This process's extractor named `name`, loaded on first use."""
    found = _extractors.get(name)
    if found is None:
        if name != EXTRACTOR_NAME:
            raise ValueError(f"unknown extractor {name!r} (known: {EXTRACTOR_NAME})")
        found = _extractors[name] = Extractor.load()
    return found


def read_document(path: Path) -> Document | Skip:
    """The document in a report file, or a Skip with the one-line reason it cannot be read."""
    try:
        return read_file(path)
    except IngestError as exc:
        return Skip(str(path), exc.reason)


def extract_document(document: Document, extractor_name: str = EXTRACTOR_NAME) -> Extraction:
    """The mentions and claims the extractor named `extractor_name` finds in `document`."""
    return extractor_for(extractor_name).extract(document)


__all__ = ["extract_document", "extractor_for", "read_document", "use_extractor"]
