"""The work a build hands to its workers: reading one file, extracting one document.

Both are plain functions of picklable records, so that the same call runs in the build's
own process, in a pool of processes or as a Ray task. Extraction is per document (the
Extractor keeps a DocumentContext across a document's blocks), so whole documents go to
workers. Each worker process loads its extractor once, on its first document, and keeps
it for the rest of the build. The time limit per document is enforced where the work
runs (the main thread of a worker process, as of the build's own process).
"""

from __future__ import annotations

import logging
from pathlib import Path

from tracewire.extract import DEFAULT_EXTRACTOR, Extraction, Extractor
from tracewire.ingest import IngestError, read_file
from tracewire.ingest.paths import shown
from tracewire.records import Document, Skip
from tracewire.timelimit import TimeLimitError, deadline_after, limited

Made = tuple[Extraction, tuple[str, str]]  # an extraction and its extractor's (name, version)
_extractors: dict[str, Extractor] = {}  # by name, in this process
log = logging.getLogger(__name__)


def failure_reason(error: BaseException) -> str:
    """An unexpected error as a one-line skip reason: its type and first line."""
    if isinstance(error, TimeLimitError):
        return str(error)
    lines = str(error).strip().splitlines()
    message = " ".join(lines[0].split())[:200] if lines else ""
    what = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return f"failed unexpectedly ({what})"


def use_extractor(name: str, extractor: Extractor) -> None:
    """Make `extractor` the one this process uses for `name` (one already loaded)."""
    _extractors[name] = extractor


def extractor_for(name: str) -> Extractor:
    """This process's extractor named `name`, loaded on first use (an unknown name raises
    the registry's one-line error)."""
    found = _extractors.get(name)
    if found is None:
        found = _extractors[name] = Extractor.load(name)
    return found


def read_document(path: Path, time_limit: float | None = None) -> Document | Skip:
    """The document in a report file, or a Skip with the one-line reason it cannot be read
    (anything that goes wrong, the time limit included)."""
    try:
        with limited(deadline_after(time_limit), time_limit or 0):
            return read_file(path)
    except IngestError as exc:
        return Skip(shown(path), exc.reason)
    except Exception as exc:  # one document must never end the run
        log.debug("skipped %s", shown(path), exc_info=True)
        return Skip(shown(path), failure_reason(exc))


def extract_document(
    document: Document, extractor_name: str = DEFAULT_EXTRACTOR, time_limit: float | None = None
) -> Made:
    """The mentions and claims the extractor named `extractor_name` finds in `document`,
    with that extractor's name and version; raises what extraction raised."""
    extractor = extractor_for(extractor_name)
    with limited(deadline_after(time_limit), time_limit or 0):
        found = extractor.extract(document)
    return found, (extractor.name, extractor.version)


__all__ = [
    "Made",
    "extract_document",
    "extractor_for",
    "failure_reason",
    "read_document",
    "use_extractor",
]
