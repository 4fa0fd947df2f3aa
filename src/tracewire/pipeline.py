"""The build: ingest -> extract -> store, one transaction per document.

Nothing one input holds can end a run: any failure while reading, extracting or storing
one document becomes a `Skip` with a one-line reason (the traceback is logged at DEBUG,
which `--debug` shows), and a time limit per document turns a pathological one into a
skip too. A run killed at any point leaves a store the next build repairs: it resolves
first when the store's resolution is behind its documents (`store.generations`).

Reading and extraction run on an engine (tracewire.engine: inline, a pool of processes,
or Ray tasks); deciding what a document is (unchanged, a duplicate, new) and storing it
stay in this process, in input order, so a parallel build stores what a serial one would.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tracewire.engine import Engine, EngineError, InlineEngine, Task, open_engine
from tracewire.engine.tasks import (
    Made,
    extract_document,
    failure_reason,
    read_document,
    use_extractor,
)
from tracewire.extract import DEFAULT_EXTRACTOR, Extractor, get_extractor
from tracewire.ingest import IngestError, NearDuplicateIndex, discover, read_file, split_blocks
from tracewire.ingest.paths import path_key, shown
from tracewire.interchange import Extracted, Ingested
from tracewire.notify import notify
from tracewire.ontology import Gazetteer, load_gazetteer
from tracewire.records import BuildReport, Document, Skip
from tracewire.screen.lists import SanctionsError
from tracewire.store.db import Store
from tracewire.store.models import DocumentRow, SourceRow
from tracewire.store.technology import reclassify_if_changed
from tracewire.timelimit import deadline_after, limited

DEFAULT_TIME_LIMIT = 300.0  # seconds for one document: reading and extraction
AHEAD = 4  # documents read or extracted ahead of the writer, per worker
RECOVERED = (
    "entity resolution was behind the documents (a run stopped before resolving, or a "
    "store from an older version): resolved them first"
)
log = logging.getLogger(__name__)


@dataclass(slots=True)
class Pending:
    """A document whose fate is decided, waiting for its turn to be written.

    `status` is "unchanged", "duplicate" (of `first`, with the source status `origin`) or
    "stored" (new: its `signature` and, on an engine, its extraction `task`)."""

    document: Document
    location: str
    label: str
    status: str
    first: str = ""
    origin: str = ""
    signature: bytes = b""
    task: Task[Made] | None = None


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
        # the name workers look the extractor up by: a given extractor (a fold's model in
        # cross-validation) is not the registry's, so it gets a name of its own
        self.task_name = (
            self.extractor_name if extractor is None else f"{extractor.name}#{id(extractor)}"
        )
        self.report = BuildReport()
        self.last_document_id: str | None = None
        self.last_skip: Skip | None = None
        self.time_limit = time_limit or None
        self._extractor = extractor
        self.index = NearDuplicateIndex()
        self._pending: set[str] = set()  # ids decided "stored" and not yet written
        self._failed: set[str] = set()  # ids decided "stored" that could not be
        with store.session() as session:
            rows = session.execute(
                select(DocumentRow.id, DocumentRow.signature).order_by(DocumentRow.added_at)
            )
            for doc_id, signature in rows:
                self.index.add(doc_id, signature)

    @property
    def extractor(self) -> Extractor:
        """The model is loaded only when a new document needs reading in this process."""
        if self._extractor is None:
            self._extractor = Extractor.load(self.extractor_name)
        return self._extractor

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer entities are written with (the model is not needed for it)."""
        return self._extractor.gazetteer if self._extractor else load_gazetteer()

    def share_extractor(self) -> None:
        """Make this builder's extractor the one `extract_document` finds under
        `task_name` in this process (and in the workers forked from it)."""
        use_extractor(self.task_name, self.extractor)

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
            with self.store.writer() as writer:
                row = writer.session.get(DocumentRow, doc_id)
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
                    publisher=row.publisher,
                )
                found = self.extractor.extract(document)
                writer.replace_extraction(
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
        try:
            with limited(deadline_after(self.time_limit), self.time_limit or 0):
                document = read()
        except IngestError as exc:
            return self.skip(label, exc.reason)
        except Exception as exc:  # one document must never end the run
            log.debug("skipped %s", label, exc_info=True)
            return self.skip(label, failure_reason(exc))
        return self.add_document(document, location, label)

    def skip(self, label: str, reason: str) -> str:
        """Record that the input `label` was skipped, and why; returns "skipped"."""
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
        self, document: Document, location: str, label: str, *, found: Made | None = None
    ) -> str:
        """Store a document read from `location` (a file path or URL) unless it is held
        already; returns "stored", "unchanged", "duplicate" or "skipped". `found`: its
        extraction and the extractor's (name, version), when it was extracted elsewhere."""
        try:
            pending = self.decide(document, location, label)
        except Exception as exc:  # one document must never end the run
            log.debug("skipped %s", label, exc_info=True)
            return self.skip(label, failure_reason(exc))
        return self.write(pending, found)

    def decide(self, document: Document, location: str, label: str) -> Pending:
        """What the document is to this store and to the documents decided before it."""
        with self.store.session() as session:
            held = session.scalar(
                select(SourceRow.document_id).where(SourceRow.location == location)
            )
            if held == document.id:
                return Pending(document, location, label, "unchanged")
            if document.id in self._pending or session.get(DocumentRow, document.id) is not None:
                return Pending(document, location, label, "duplicate", document.id, "same-content")
        signature = self.index.signature(document.text)
        first = self.index.query(signature)
        if first is not None:
            return Pending(document, location, label, "duplicate", first, "near-duplicate")
        self.index.add(document.id, signature)
        self._pending.add(document.id)
        return Pending(document, location, label, "stored", signature=signature)

    def write(self, pending: Pending, found: Made | None = None) -> str:
        """Write a decided document, extracting it here if no engine did (`found` is an
        extraction made elsewhere); its status, "skipped" when anything failed."""
        document = pending.document
        self.last_document_id = pending.first or document.id
        if pending.status == "unchanged":
            self.report.unchanged.append(pending.label)
            return "unchanged"
        if pending.status == "duplicate":
            if pending.first in self._failed:  # its original could not be stored: be it
                return self.add_document(document, pending.location, pending.label, found=found)
            try:
                with self.store.writer() as writer:
                    writer.record_source(pending.location, pending.first, pending.origin)
            except Exception as exc:  # one document must never end the run
                log.debug("skipped %s", pending.label, exc_info=True)
                return self.skip(pending.label, failure_reason(exc))
            self.report.duplicates.append((pending.label, pending.first))
            return "duplicate"
        try:
            self._store_new(pending, found)
        except Exception as exc:  # one document must never end the run
            log.debug("skipped %s", pending.label, exc_info=True)
            self.index.remove(document.id)
            self._failed.add(document.id)
            return self.skip(pending.label, failure_reason(exc))
        finally:
            self._pending.discard(document.id)
        return "stored"

    def _store_new(self, pending: Pending, found: Made | None) -> None:
        document = pending.document
        if found is None and pending.task is not None:
            found = pending.task.result()
        if found is None:
            extractor = self.extractor
            with limited(deadline_after(self.time_limit), self.time_limit or 0):
                extraction = extractor.extract(document)
            made_by = (extractor.name, extractor.version)
        else:
            extraction, made_by = found
        with self.store.writer() as writer:
            if writer.session.get(DocumentRow, document.id) is not None:
                # another build stored the same text while this one was extracting it
                writer.record_source(pending.location, document.id, "same-content")
                self.report.duplicates.append((pending.label, document.id))
                return
            count = writer.save_document(
                document,
                pending.signature,
                extraction.mentions,
                gazetteer=self.gazetteer,
                claims=extraction.claims,
                extractor=made_by,
            )
            writer.record_source(pending.location, document.id, "original")
        self.report.stored.append(document.source)
        self.report.mentions += count
        self.report.claims += len(extraction.claims)
        self.report.words += document.word_count

    def run(
        self,
        items: Sequence[Path | Skip],
        engine: Engine,
        on_item: Callable[[str], None] | None = None,
    ) -> None:
        """Read and extract `items` on `engine`, up to AHEAD per worker at a time, and
        write each in order as soon as it and those before it are done."""
        if isinstance(engine, InlineEngine):
            for entry in items:
                if isinstance(entry, Skip):
                    self.report.skipped.append(entry)
                else:
                    self.add(entry)
                if on_item:
                    on_item(entry.source if isinstance(entry, Skip) else shown(entry))
            return
        window = AHEAD * engine.workers
        reader = engine if engine.remote_reads else InlineEngine()
        reads: deque[tuple[Path | Skip, Task[Document | Skip] | None]] = deque()
        writes: deque[tuple[Path | Skip, Pending | None]] = deque()
        todo = iter(items)
        while True:
            while len(reads) < window and (item := next(todo, None)) is not None:
                task = (
                    reader.submit(read_document, item, self.time_limit)
                    if isinstance(item, Path)
                    else None
                )
                reads.append((item, task))
            if reads and len(writes) < window:
                item, read = reads.popleft()
                writes.append((item, self._queue(item, read, engine)))
                continue
            if not writes:
                return
            item, pending = writes.popleft()
            if pending is not None:
                self.write(pending)
            if on_item:
                on_item(item.source if isinstance(item, Skip) else shown(item))

    def _queue(
        self, item: Path | Skip, read: Task[Document | Skip] | None, engine: Engine
    ) -> Pending | None:
        """Decide a read document, handing a new one to the engine; None for a skip."""
        if isinstance(item, Skip):
            self.report.skipped.append(item)
            return None
        assert read is not None  # every path is read
        try:
            found = read.result()
            if isinstance(found, Skip):
                self.skip(found.source, found.reason)
                return None
            pending = self.decide(found, path_key(item), shown(item))
        except Exception as exc:  # one document must never end the run (a lost worker)
            log.debug("skipped %s", shown(item), exc_info=True)
            self.skip(shown(item), failure_reason(exc))
            return None
        if pending.status == "stored":
            pending.task = engine.submit(extract_document, found, self.task_name, self.time_limit)
        return pending

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
            with self.store.writer() as writer:
                screened = writer.screen_changed()
        except SanctionsError as exc:
            self.report.notes.append(f"sanctions screening skipped: {exc}")
            return
        self.report.screened = screened.entities
        self.report.flagged = screened.hits

    def _resolve_if_behind(self) -> int | None:
        """Resolve when the store says resolution is behind; the merges, or None."""
        with self.store.writer() as writer:
            return writer.resolve_if_behind()


def build(
    paths: Sequence[Path],
    store: Store,
    *,
    extractor: Extractor | None = None,
    extractor_name: str = DEFAULT_EXTRACTOR,
    workers: int = 1,
    engine: str = "local",
    address: str | None = None,
    on_start: Callable[[int], None] | None = None,
    on_item: Callable[[str], None] | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> BuildReport:
    """Ingest every file under `paths` into `store`; idempotent and incremental.

    Unchanged files cost no NLP, unless their claims came from another extractor or
    version (they are re-read from the stored text); an interrupted build leaves every
    stored document whole, and the next build completes what it left undone.
    `time_limit`: seconds per document (None or 0 for none). `workers` > 1 reads and
    extracts in that many processes, `engine="ray"` as Ray tasks (on the cluster at
    `address`, else on a local Ray of `workers` CPUs); either way the documents are
    stored in order, as `workers=1` stores them.
    """
    if extractor is not None and engine == "ray":
        raise EngineError("a given extractor object runs here or in local workers, not on Ray")
    started = time.perf_counter()
    builder = Builder(store, extractor, extractor_name=extractor_name, time_limit=time_limit)
    builder.recover()
    builder.refresh()
    with store.writer() as writer:  # the taxonomy file changed since the last build
        reclassify_if_changed(writer.session)
    items = list(discover(paths))
    if on_start:
        on_start(len(items))
    runner = open_engine(engine, workers, address, prepare=builder.share_extractor)
    try:
        builder.run(items, runner, on_item)
    finally:
        runner.close()
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
        document = read_document(item, time_limit)
        if isinstance(document, Skip):
            yield document
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
