"""The one exception the ingest stage raises for an input it cannot read."""

from __future__ import annotations


class IngestError(Exception):
    """A report that cannot be ingested, with the source and a one-line reason.

    `str(error)` is `"{source}: {reason}"` on a single line, ready for a run summary
    or a `Skip` record.
    """

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = " ".join(reason.split())
        super().__init__(f"{self.source}: {self.reason}")
