"""The build: ingest -> extract -> store, one transaction per document."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import select

from tracewire.extract import DEFAULT_EXTRACTOR, Extractor, get_extractor
from tracewire.ingest import IngestError, NearDuplicateIndex, discover, read_file, split_blocks
from tracewire.notify import notify
from tracewire.records import BuildReport, Document, Skip
from tracewire.screen.lists import SanctionsError
from tracewire.store.db import Store
from tracewire.store.models import DocumentRow, SourceRow
from tracewire.store.resolution import resolve_store
from tracewire.store.screening import screen_changed
from tracewire.store.watch import last_claim_id
from tracewire.store.writer import record_source, replace_extraction, save_document


class Builder:
    """One build run over a store: the duplicate index, the report, the lazy extractor."""

    def __init__(
        self,
        store: Store,
        extractor: Extractor | None = None,
        extractor_name: str = DEFAULT_EXTRACTOR,
    ) -> None:
        self.store = store
        self.report = BuildReport()
        self.last_document_id: str | None = None
        self._extractor = extractor
        self.extractor_name = extractor.name if extractor is not None else extractor_name
        self.index = NearDuplicateIndex()
        with store.session() as session:
            self.first_claim_id = last_claim_id(session)  # claims above it are this run's
            rows = session.execute(
                select(DocumentRow.id, DocumentRow.signature).order_by(DocumentRow.added_at)
            )
            for doc_id, signature in rows:
                self.index.add(doc_id, signature)

    @property
    def extractor(self) -> Extractor:
        """The model is loaded only when a new document needs reading."""
        if self._extractor is None:
            self._extractor = Extractor.load(self.extractor_name)
        return self._extractor

    def refresh(self) -> int:
        """Re-read stored documents whose claims came from another extractor or version,
        from their stored text, one transaction each; returns how many."""
        claims = self._extractor.claims if self._extractor else get_extractor(self.extractor_name)
        wanted = (claims.name, claims.version)
        with self.store.session() as session:
            stale = session.scalars(
                select(DocumentRow.id).where(
                    (DocumentRow.extractor.is_(None))
                    | (DocumentRow.extractor != wanted[0])
                    | (DocumentRow.extractor_version != wanted[1])
                )
            ).all()
        for doc_id in stale:
            with self.store.transaction() as session:
                row = session.get(DocumentRow, doc_id)
                if row is None:
                    continue
                document = Document(
                    id=row.id,
                    text=row.text,
                    source=row.source,
                    media_type=row.media_type,
                    title=row.title,
                    published=row.published,
                    url=row.url,
                    blocks=split_blocks(row.text),
                )
                found = self.extractor.extract(document)
                replace_extraction(
                    session,
                    row.id,
                    found.mentions,
                    found.claims,
                    gazetteer=self.extractor.gazetteer,
                    extractor=wanted,
                )
            self.report.reextracted.append(doc_id)
        return len(stale)

    def add(self, path: Path) -> str:
        """Ingest one file: "stored", "unchanged", "duplicate", or "skipped"."""
        try:
            document = read_file(path)
        except IngestError as exc:
            self.report.skipped.append(Skip(str(path), exc.reason))
            return "skipped"
        return self.add_document(document, str(path.resolve()), str(path))

    def add_document(self, document: Document, location: str, label: str) -> str:
        """Store a document read from `location` (a file path or URL) unless it is held
        already; returns "stored", "unchanged" or "duplicate"."""
        self.last_document_id = document.id  # the stored document it is, or repeats
        with self.store.transaction() as session:
            held = session.scalar(
                select(SourceRow.document_id).where(SourceRow.location == location)
            )
            if held == document.id:
                self.report.unchanged.append(label)
                return "unchanged"
            if session.get(DocumentRow, document.id) is not None:
                record_source(session, location, document.id, "same-content")
                self.report.duplicates.append((label, document.id))
                return "duplicate"
        signature = self.index.signature(document.text)
        first = self.index.query(signature)
        if first is not None:
            with self.store.transaction() as session:
                record_source(session, location, first, "near-duplicate")
            self.report.duplicates.append((label, first))
            self.last_document_id = first
            return "duplicate"
        self._store_new(document, signature, location)
        return "stored"

    def finish(self, started: float) -> BuildReport:
        """Resolve entities when anything changed, then record and send alerts."""
        if self.report.stored or self.report.duplicates or self.report.reextracted:
            with self.store.transaction() as session:
                self.report.merges = len(resolve_store(session))
            self._screen()
        if self.report.stored:
            alerting = notify(self.store, self.first_claim_id)
            self.report.alerts = len(alerting.alerts)
            self.report.notes += alerting.errors
            if alerting.atom is not None:
                self.report.notes.append(f"alerts feed written to {alerting.atom}")
            if alerting.delivered:
                self.report.notes.append(f"{alerting.delivered} alert(s) posted to the webhook")
        self.report.seconds = time.perf_counter() - started
        return self.report

    def _screen(self) -> None:
        """Screen the new or changed parties against the loaded lists (a failing list is
        a note: the documents are stored)."""
        try:
            with self.store.transaction() as session:
                screened = screen_changed(session)
        except SanctionsError as exc:
            self.report.notes.append(f"sanctions screening skipped: {exc}")
            return
        self.report.screened = screened.entities
        self.report.flagged = screened.hits

    def _store_new(self, document: Document, signature: bytes, location: str) -> None:
        extractor = self.extractor
        found = extractor.extract(document)
        with self.store.transaction() as session:
            count = save_document(
                session,
                document,
                signature,
                found.mentions,
                gazetteer=extractor.gazetteer,
                claims=found.claims,
                extractor=(extractor.name, extractor.version),
            )
            record_source(session, location, document.id, "original")
        self.index.add(document.id, signature)
        self.report.stored.append(document.source)
        self.report.mentions += count
        self.report.claims += len(found.claims)
        self.report.words += document.word_count


def build(
    paths: Sequence[Path],
    store: Store,
    *,
    extractor: Extractor | None = None,
    extractor_name: str = DEFAULT_EXTRACTOR,
    on_start: Callable[[int], None] | None = None,
    on_item: Callable[[str], None] | None = None,
) -> BuildReport:
    """Ingest every file under `paths` into `store`; idempotent and incremental.

    Unchanged files cost no NLP, unless their claims came from another extractor or
    version (they are re-read from the stored text); an interrupted build leaves every
    stored document whole.
    """
    started = time.perf_counter()
    builder = Builder(store, extractor, extractor_name)
    items = list(discover(paths))
    builder.refresh()
    if on_start:
        on_start(len(items))
    for item in items:
        if isinstance(item, Skip):
            builder.report.skipped.append(item)
        else:
            builder.add(item)
        if on_item:
            on_item(item.source if isinstance(item, Skip) else str(item))
    return builder.finish(started)
