"""The build: ingest -> extract -> store, one transaction per document.

Nothing one input holds can end a run: any failure while reading, extracting or storing
one document becomes a `Skip` with a one-line reason (the traceback is logged at DEBUG,
which `--debug` shows), and a time limit per document turns a pathological one into a
skip too. A run killed at any point leaves a store the next build repairs: it resolves
first when the store's resolution is behind its documents (`store.generations`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from sqlalchemy import select

from tracewire.extract import DEFAULT_EXTRACTOR, Extraction, Extractor, get_extractor
from tracewire.ingest import IngestError, NearDuplicateIndex, discover, read_file, split_blocks
from tracewire.ingest.paths import path_key, shown
from tracewire.interchange import Extracted, Ingested
from tracewire.notify import notify
from tracewire.ontology import load_gazetteer
from tracewire.records import BuildReport, Document, Skip
from tracewire.screen.lists import SanctionsError
from tracewire.store.db import Store
from tracewire.store.generations import resolution_behind
from tracewire.store.models import DocumentRow, SourceRow
from tracewire.store.resolution import resolve_store
from tracewire.store.screening import screen_changed
from tracewire.store.writer import record_source, replace_extraction, save_document
from tracewire.timelimit import TimeLimitError, deadline_after, limited

DEFAULT_TIME_LIMIT = 300.0  # seconds for one document: reading and extraction
RECOVERED = (
    "entity resolution was behind the documents (a run stopped before resolving, or a "
    "store from an older version): resolved them first"
)
log = logging.getLogger(__name__)


def failure_reason(error: Exception) -> str:
    """An unexpected error as a one-line skip reason: its type and first line."""
    if isinstance(error, TimeLimitError):
        return str(error)
    lines = str(error).strip().splitlines()
    message = " ".join(lines[0].split())[:200] if lines else ""
    what = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return f"failed unexpectedly ({what})"


class Builder:
    """One build run over a store: the duplicate index, the report, the lazy extractor."""

    def __init__(
        self,
        store: Store,
        extractor: Extractor | None = None,
        *,
        extractor_name: str = DEFAULT_EXTRACTOR,
        time_limit: float | None = DEFAULT_TIME_LIMIT,
    ) -> None:
        self.store = store
        self.extractor_name = extractor.name if extractor is not None else extractor_name
        self.report = BuildReport()
        self.last_document_id: str | None = None
        self.last_skip: Skip | None = None
        self.time_limit = time_limit or None
        self._deadline: float | None = None
        self._extractor = extractor
        self.index = NearDuplicateIndex()
        with store.session() as session:
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

    def recover(self) -> None:
        """Resolve before anything else when the store's resolution is behind its
        documents (a run was killed between storing documents and resolving them)."""
        merges = self._resolve_if_behind()
        if merges is not None:
            self.report.notes.append(RECOVERED)

    def add(self, path: Path) -> str:
        """Ingest one file: "stored", "unchanged", "duplicate", or "skipped"."""
        return self.ingest(lambda: read_file(path), path_key(path), shown(path))

    def ingest(self, read: Callable[[], Document], location: str, label: str) -> str:
        """Read a document with `read` and store it as coming from `location`.

        Returns "stored", "unchanged", "duplicate", or "skipped": any failure (an
        `IngestError`, the time limit, an unexpected exception) adds a `Skip` to the
        report (also kept in `last_skip`) and the run goes on.
        """
        self._deadline = deadline_after(self.time_limit)
        try:
            with limited(self._deadline, self.time_limit or 0):
                document = read()
            return self.add_document(document, location, label)
        except IngestError as exc:
            reason = exc.reason
        except Exception as exc:  # one document must never end the run
            reason = failure_reason(exc)
            log.debug("skipped %s: %s", label, reason, exc_info=True)
        finally:
            self._deadline = None
        self.last_skip = Skip(label, reason)
        self.report.skipped.append(self.last_skip)
        return "skipped"

    def add_extracted(self, item: Extracted) -> str:
        """Store a document with the extraction another process made of it (`tracewire
        load`), as `add_document` stores one it extracts itself."""
        ingested = item.ingested
        return self.add_document(
            ingested.document,
            ingested.location,
            ingested.label or ingested.location,
            found=(item.extraction, (item.extractor, item.version)),
        )

    def add_document(
        self,
        document: Document,
        location: str,
        label: str,
        *,
        found: tuple[Extraction, tuple[str, str]] | None = None,
    ) -> str:
        """Store a document read from `location` (a file path or URL) unless it is held
        already; returns "stored", "unchanged" or "duplicate". `found`: its extraction
        and the extractor's (name, version), when it was extracted elsewhere."""
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
        self._store_new(document, signature, location, found)
        return "stored"

    def finish(self, started: float) -> BuildReport:
        """Resolve entities when documents changed since the last resolution, then record
        and send alerts for claims not alerted on yet."""
        merges = self._resolve_if_behind()
        if merges is not None:
            self.report.merges = merges
        if merges is not None or self.report.stored or self.report.reextracted:
            self._screen()
        alerting = notify(self.store)
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

    def _resolve_if_behind(self) -> int | None:
        """Resolve when the store says resolution is behind; the merges, or None."""
        with self.store.transaction() as session:
            if not resolution_behind(session):
                return None
            return len(resolve_store(session))

    def _store_new(
        self,
        document: Document,
        signature: bytes,
        location: str,
        extracted: tuple[Extraction, tuple[str, str]] | None = None,
    ) -> None:
        if extracted is None:
            extractor = self.extractor
            with limited(self._deadline, self.time_limit or 0):
                found = extractor.extract(document)
            gazetteer, made_by = extractor.gazetteer, (extractor.name, extractor.version)
        else:
            (found, made_by), gazetteer = extracted, load_gazetteer()
        with self.store.transaction() as session:
            count = save_document(
                session,
                document,
                signature,
                found.mentions,
                gazetteer=gazetteer,
                claims=found.claims,
                extractor=made_by,
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
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> BuildReport:
    """Ingest every file under `paths` into `store`; idempotent and incremental.

    Unchanged files cost no NLP, unless their claims came from another extractor or
    version (they are re-read from the stored text); an interrupted build leaves every
    stored document whole, and the next build completes what it left undone.
    `time_limit`: seconds per document (None or 0 for none).
    """
    started = time.perf_counter()
    builder = Builder(store, extractor, extractor_name=extractor_name, time_limit=time_limit)
    builder.recover()
    builder.refresh()
    items = list(discover(paths))
    if on_start:
        on_start(len(items))
    for item in items:
        if isinstance(item, Skip):
            builder.report.skipped.append(item)
        else:
            builder.add(item)
        if on_item:
            on_item(item.source if isinstance(item, Skip) else shown(item))
    return builder.finish(started)


def ingest_paths(
    paths: Sequence[Path], *, time_limit: float | None = DEFAULT_TIME_LIMIT
) -> Iterator[Ingested | Skip]:
    """The ingest stage alone: each report file under `paths` read into a `Document`
    (with where it came from), or a `Skip` with its reason, as `build` reads them."""
    for item in discover(paths):
        if isinstance(item, Skip):
            yield item
            continue
        try:
            with limited(deadline_after(time_limit), time_limit or 0):
                document = read_file(item)
        except IngestError as exc:
            yield Skip(shown(item), exc.reason)
        except Exception as exc:  # one document must never end the run
            log.debug("skipped %s", shown(item), exc_info=True)
            yield Skip(shown(item), failure_reason(exc))
        else:
            yield Ingested(document, path_key(item), shown(item))


def extract_documents(
    items: Iterable[Ingested],
    extractor: Extractor,
    *,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> Iterator[Extracted | Skip]:
    """The extract stage alone: each document's mentions and claims, or a `Skip`."""
    for item in items:
        label = item.label or item.document.source
        try:
            with limited(deadline_after(time_limit), time_limit or 0):
                found = extractor.extract(item.document)
        except Exception as exc:  # one document must never end the run
            log.debug("skipped %s", label, exc_info=True)
            yield Skip(label, failure_reason(exc))
        else:
            yield Extracted(item, extractor.name, extractor.version, found)


def load(
    items: Iterable[Extracted | Skip],
    store: Store,
    *,
    on_item: Callable[[str], None] | None = None,
) -> BuildReport:
    """The store stage alone: documents extracted elsewhere stored as `build` stores
    them (duplicates recorded, entities resolved, parties screened, alerts sent)."""
    started = time.perf_counter()
    builder = Builder(store, time_limit=None)
    builder.recover()
    for item in items:
        if isinstance(item, Skip):
            builder.report.skipped.append(item)
            label = item.source
        else:
            label = item.ingested.label
            try:
                builder.add_extracted(item)
            except Exception as exc:  # one document must never end the run
                log.debug("skipped %s", label, exc_info=True)
                builder.report.skipped.append(Skip(label, failure_reason(exc)))
                continue
        if on_item:
            on_item(label)
    return builder.finish(started)
