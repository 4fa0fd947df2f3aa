"""The build: ingest -> extract -> store, one transaction per document.

Reading and extraction run on an engine (tracewire.engine: inline, a pool of processes, or
Ray tasks); deciding what a document is (unchanged, a duplicate, new) and storing it stay
in this process, in input order, so a parallel build stores what a serial one would.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tracewire.engine import Engine, InlineEngine, Task, open_engine
from tracewire.engine.tasks import extract_document, extractor_for, read_document, use_extractor
from tracewire.extract import EXTRACTOR_NAME, Extraction, Extractor
from tracewire.ingest import IngestError, NearDuplicateIndex, discover, read_file
from tracewire.notify import notify
from tracewire.ontology import Gazetteer, load_gazetteer
from tracewire.records import BuildReport, Document, Skip
from tracewire.store.db import Store
from tracewire.store.models import DocumentRow, SourceRow
from tracewire.store.resolution import resolve_store
from tracewire.store.watch import last_claim_id
from tracewire.store.writer import record_source, save_document

AHEAD = 4  # documents read or extracted ahead of the writer, per worker


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
    task: Task[Extraction] | None = None


class Builder:
    """One build run over a store: the duplicate index, the report, the lazy extractor."""

    def __init__(
        self,
        store: Store,
        extractor: Extractor | None = None,
        extractor_name: str = EXTRACTOR_NAME,
    ) -> None:
        self.store = store
        self.report = BuildReport()
        self.last_document_id: str | None = None
        self._extractor = extractor
        self.extractor_name = extractor_name
        self.index = NearDuplicateIndex()
        self._pending: set[str] = set()  # ids decided "stored" and not yet written
        with store.session() as session:
            self.first_claim_id = last_claim_id(session)  # claims above it are this run's
            rows = session.execute(
                select(DocumentRow.id, DocumentRow.signature).order_by(DocumentRow.added_at)
            )
            for doc_id, signature in rows:
                self.index.add(doc_id, signature)

    @property
    def extractor(self) -> Extractor:
        """The model is loaded only when a new document needs reading in this process."""
        if self._extractor is None:
            self._extractor = extractor_for(self.extractor_name)
        return self._extractor

    def share_extractor(self) -> None:
        """Make this builder's extractor the one `extract_document` uses in this process
        (and in the workers forked from it)."""
        use_extractor(self.extractor_name, self.extractor)

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer entities are written with (the model is not needed for it)."""
        return self._extractor.gazetteer if self._extractor else load_gazetteer()

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
        return self.write(self.decide(document, location, label))

    def decide(self, document: Document, location: str, label: str) -> Pending:
        """What the document is to this store and to the documents decided before it."""
        with self.store.session() as session:
            held = session.scalar(
                select(SourceRow.document_id).where(SourceRow.location == location)
            )
            if held == document.id:
                return Pending(document, location, label, "unchanged")
            exists = session.get(DocumentRow, document.id) is not None
            if exists or document.id in self._pending:
                return Pending(document, location, label, "duplicate", document.id, "same-content")
        signature = self.index.signature(document.text)
        first = self.index.query(signature)
        if first is not None:
            return Pending(document, location, label, "duplicate", first, "near-duplicate")
        self.index.add(document.id, signature)
        self._pending.add(document.id)
        return Pending(document, location, label, "stored", signature=signature)

    def write(self, pending: Pending) -> str:
        """Write a decided document (extracting it here if no engine did); its status."""
        document, location = pending.document, pending.location
        self.last_document_id = pending.first or document.id
        if pending.status == "unchanged":
            self.report.unchanged.append(pending.label)
            return "unchanged"
        if pending.status == "duplicate":
            with self.store.transaction() as session:
                record_source(session, location, pending.first, pending.origin)
            self.report.duplicates.append((pending.label, pending.first))
            return "duplicate"
        if pending.task is None:
            self.share_extractor()
            pending.task = InlineEngine().submit(extract_document, document, self.extractor_name)
        found = pending.task.result()
        self._pending.discard(document.id)
        with self.store.transaction() as session:
            if session.get(DocumentRow, document.id) is not None:
                # another build stored the same text while this one was extracting it
                record_source(session, location, document.id, "same-content")
                self.report.duplicates.append((pending.label, document.id))
                return "duplicate"
            count = save_document(
                session,
                document,
                pending.signature,
                found.mentions,
                gazetteer=self.gazetteer,
                claims=found.claims,
            )
            record_source(session, location, document.id, "original")
        self.report.stored.append(document.source)
        self.report.mentions += count
        self.report.claims += len(found.claims)
        self.report.words += document.word_count
        return "stored"

    def run(
        self,
        items: Sequence[Path | Skip],
        engine: Engine,
        on_item: Callable[[str], None] | None = None,
    ) -> None:
        """Read and extract `items` on `engine`, up to AHEAD per worker at a time, and
        write each in order as soon as it and those before it are done."""
        window = 1 if isinstance(engine, InlineEngine) else AHEAD * engine.workers
        reader = engine if engine.remote_reads else InlineEngine()
        reads: deque[tuple[Path | Skip, Task[Document | Skip] | None]] = deque()
        writes: deque[tuple[Path | Skip, Pending | None]] = deque()
        todo = iter(items)
        while True:
            while len(reads) < window and (item := next(todo, None)) is not None:
                task = reader.submit(read_document, item) if isinstance(item, Path) else None
                reads.append((item, task))
            if reads and len(writes) < window:
                item, read = reads.popleft()
                found = read.result() if read is not None else item
                assert not isinstance(found, Path)
                writes.append((item, self._queue(item, found, engine)))
                continue
            if not writes:
                return
            item, pending = writes.popleft()
            if pending is not None:
                self.write(pending)
            if on_item:
                on_item(item.source if isinstance(item, Skip) else str(item))

    def _queue(self, item: Path | Skip, found: Document | Skip, engine: Engine) -> Pending | None:
        """Decide a read document, handing a new one to the engine; None for a skip."""
        if isinstance(found, Skip):
            self.report.skipped.append(found)
            return None
        assert isinstance(item, Path)
        pending = self.decide(found, str(item.resolve()), str(item))
        if pending.status == "stored" and not isinstance(engine, InlineEngine):
            pending.task = engine.submit(extract_document, found, self.extractor_name)
        return pending

    def finish(self, started: float) -> BuildReport:
        """Resolve entities when anything changed, then record and send alerts."""
        if self.report.stored or self.report.duplicates:
            with self.store.transaction() as session:
                self.report.merges = len(resolve_store(session))
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


def build(
    paths: Sequence[Path],
    store: Store,
    *,
    extractor: Extractor | None = None,
    workers: int = 1,
    engine: str = "local",
    address: str | None = None,
    on_start: Callable[[int], None] | None = None,
    on_item: Callable[[str], None] | None = None,
) -> BuildReport:
    """Ingest every file under `paths` into `store`; idempotent and incremental.

    Unchanged files cost no NLP; an interrupted build leaves every stored document whole.
    `workers` > 1 reads and extracts in that many processes, `engine="ray"` as Ray tasks
    (on the cluster at `address`, else on a local Ray of `workers` CPUs); either way the
    documents are stored in order, as `workers=1` stores them.
    """
    started = time.perf_counter()
    builder = Builder(store, extractor)
    items = list(discover(paths))
    if on_start:
        on_start(len(items))
    runner = open_engine(engine, workers, address, prepare=builder.share_extractor)
    try:
        builder.run(items, runner, on_item)
    finally:
        runner.close()
    return builder.finish(started)
