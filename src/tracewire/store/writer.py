"""Writing to the store: the `Writer` every change goes through, and the writes of
documents, sources, entities and mentions (one transaction per document).

As nomenklatura's store hands out a writer and datasette funnels writes through one
queue, tracewire changes its store only through a `Writer` (`Store.writer()`): one
transaction holding the store's write lock (`store.db`), whose methods are the writes the
stages make (documents, resolution and judgements, screening, sanctions lists, reviews);
what a command changes beyond them (a followed feed's rows) goes through its `session`.
Writers of two processes take turns; readers never wait for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from tracewire.ontology import Gazetteer
from tracewire.ontology.gazetteer import normalise_name
from tracewire.records import Claim, Document, Mention, Party
from tracewire.store.generations import DOCUMENTS, advance
from tracewire.store.models import (
    AliasRow,
    ClaimHedgeRow,
    ClaimRow,
    DocumentRow,
    EntityLinkRow,
    EntityRow,
    MentionRow,
    SourceRow,
)
from tracewire.store.queue import enqueue, enqueue_document
from tracewire.store.technology import save_classes

if TYPE_CHECKING:  # the stages below import the store: imported where they are used
    from tracewire.records import Judgement
    from tracewire.resolve import Edge
    from tracewire.screen.lists import SanctionsList
    from tracewire.store.models import JudgementRow, MatchReviewRow
    from tracewire.store.reviews import EntryRef
    from tracewire.store.screening import ScreenReport


def now() -> datetime:
    """The current UTC time without tzinfo (portable across SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


def record_source(session: Session, location: str, document_id: str, status: str) -> None:
    """Point a file or URL at the document it holds, replacing what it held before.

    A document no longer held by any source (the file was edited) is removed with its
    mentions, so the store always reflects the current content of each source.
    """
    row = session.scalar(select(SourceRow).where(SourceRow.location == location))
    previous = None
    if row is None:
        session.add(
            SourceRow(location=location, document_id=document_id, status=status, seen_at=now())
        )
    else:
        previous = row.document_id
        row.document_id, row.status, row.seen_at = document_id, status, now()
    session.flush()
    if previous and previous != document_id:
        still_held = session.scalar(select(SourceRow.id).where(SourceRow.document_id == previous))
        if still_held is None:
            enqueue_document(session, previous)  # its entities lose mentions and claims
            session.execute(delete(MentionRow).where(MentionRow.document_id == previous))
            session.execute(delete(ClaimRow).where(ClaimRow.document_id == previous))
            session.execute(delete(DocumentRow).where(DocumentRow.id == previous))
            advance(session, DOCUMENTS)  # entities lost mentions: resolution is behind


class EntityCache:
    """Entity rows by key for one transaction, created on first use in a few queries."""

    def __init__(self, session: Session, gazetteer: Gazetteer) -> None:
        self.session = session
        self.gazetteer = gazetteer
        self.rows: dict[str, EntityRow] = {}
        self.known: set[tuple[int, str]] = set()

    def prepare(self, mentions: Sequence[Mention | Party]) -> None:
        """Load or create every entity the mentions resolve to, with their known aliases."""
        wanted = {m.entity_key: m for m in mentions if m.entity_key not in self.rows}
        if not wanted:
            return
        for row in self.session.scalars(select(EntityRow).where(EntityRow.key.in_(wanted))):
            self.rows[row.key] = row
        created = [self._create(m) for key, m in wanted.items() if key not in self.rows]
        if created:
            self.session.flush()
        ids = [self.rows[key].id for key in wanted]
        self.known.update(
            self.session.execute(
                select(AliasRow.entity_id, AliasRow.name).where(AliasRow.entity_id.in_(ids))
            ).tuples()
        )
        for row in created:
            entry = self.gazetteer.entries.get(row.key)
            for surface, _form in entry.names() if entry else ():
                self.add_alias(row, surface, "gazetteer")

    def prepare_states(self, keys: Iterable[str]) -> None:
        """Load or create the gazetteer states that bodies are part of: a state named only
        through its body ("the Greek authority") is still an entity to roll the body up to."""
        entries = [self.gazetteer.entries.get(key) for key in keys]
        self.prepare([Party(e.key, e.name, e.type, e.name, 0, 0) for e in entries if e])

    def get(self, mention: Mention | Party) -> EntityRow:
        """The entity row a mention resolves to (after `prepare`)."""
        if mention.entity_key not in self.rows:
            self.prepare([mention])
        return self.rows[mention.entity_key]

    def _create(self, mention: Mention | Party) -> EntityRow:
        entry = self.gazetteer.entries.get(mention.entity_key)
        row = EntityRow(
            key=mention.entity_key,
            canonical=mention.canonical,
            type=mention.type.value,
            qid=entry.qid if entry else None,
            origin="gazetteer" if entry else "text",
        )
        self.session.add(row)
        self.rows[row.key] = row
        return row

    def add_alias(self, entity: EntityRow, name: str, origin: str) -> None:
        """Record that `entity` is known as `name` (once per entity and name)."""
        if (entity.id, name) in self.known:
            return
        self.known.add((entity.id, name))
        self.session.add(
            AliasRow(entity_id=entity.id, name=name, normalised=normalise_name(name), origin=origin)
        )


def save_document(
    session: Session,
    document: Document,
    signature: bytes,
    mentions: Iterable[Mention],
    *,
    gazetteer: Gazetteer,
    claims: Iterable[Claim] = (),
    extractor: tuple[str, str] | None = None,
) -> int:
    """Store a new document with its mentions and claims; returns the number of mentions.

    `extractor` is the (name, version) of the claim extractor that read it. The documents
    generation goes up in the same transaction, so a resolution that has not seen this
    document yet is known to be behind (`store.generations`).
    """
    advance(session, DOCUMENTS)
    session.add(
        DocumentRow(
            id=document.id,
            name=document.name,
            source=document.source,
            media_type=document.media_type,
            title=document.title,
            published=document.published,
            url=document.url,
            publisher=document.publisher,
            text=document.text,
            word_count=document.word_count,
            signature=signature,
            added_at=now(),
            extractor=extractor[0] if extractor else None,
            extractor_version=extractor[1] if extractor else None,
        )
    )
    return save_extraction(session, document.id, list(mentions), list(claims), gazetteer)


def replace_extraction(
    session: Session,
    document_id: str,
    mentions: list[Mention],
    claims: list[Claim],
    *,
    gazetteer: Gazetteer,
    extractor: tuple[str, str],
) -> int:
    """Put a stored document's mentions and claims anew (its extractor changed); the
    documents generation goes up, so resolution follows even if the run is stopped."""
    advance(session, DOCUMENTS)
    enqueue_document(session, document_id)
    session.execute(delete(MentionRow).where(MentionRow.document_id == document_id))
    session.execute(delete(ClaimRow).where(ClaimRow.document_id == document_id))
    row = session.get(DocumentRow, document_id)
    if row is not None:
        row.extractor, row.extractor_version = extractor
    return save_extraction(session, document_id, mentions, claims, gazetteer)


def _is_alias(mention: Mention) -> bool:
    """A later mention made of a generic phrase ("the company", "the U.S.-based firm")
    names no one by itself; one with a nationality ("the Israeli firm") describes."""
    return mention.form != "anaphor"


def save_links(session: Session, mentions: Iterable[Mention]) -> None:
    """Record each state body's `part_of` link to its state (once)."""
    wanted = {(m.entity_key, m.part_of) for m in mentions if m.part_of}
    if not wanted:
        return
    held = set(
        session.execute(
            select(EntityLinkRow.child_key, EntityLinkRow.parent_key).where(
                EntityLinkRow.relation == "part_of",
                EntityLinkRow.child_key.in_({child for child, _ in wanted}),
            )
        ).tuples()
    )
    for child, parent in sorted(wanted - held):
        if parent is not None and child != parent:
            session.add(
                EntityLinkRow(child_key=child, parent_key=parent, relation="part_of", origin="text")
            )


def save_extraction(
    session: Session,
    document_id: str,
    found: list[Mention],
    claims: list[Claim],
    gazetteer: Gazetteer,
) -> int:
    """Store a document's mentions, aliases, links and claims; returns the mentions."""
    entities = EntityCache(session, gazetteer)
    entities.prepare(found)
    rows = []
    for mention in found:
        entity = entities.get(mention)
        if _is_alias(mention):
            entities.add_alias(entity, mention.text, "text")
        rows.append(
            {
                "document_id": document_id,
                "entity_id": entity.id,
                "start": mention.start,
                "end": mention.end,
                "text": mention.text,
                "type": mention.type.value,
                "sentence_start": mention.sentence_start,
                "sentence_end": mention.sentence_end,
                "form": mention.form,
                "origin": mention.source,
            }
        )
    session.flush()
    if rows:
        session.execute(insert(MentionRow), rows)
    entities.prepare_states(sorted({m.part_of for m in found if m.part_of}))
    save_links(session, found)
    save_claims(session, document_id, claims, entities)
    enqueue(session, entities.rows)  # their names, mentions, claims or links changed
    return len(rows)


def save_claims(session: Session, doc_id: str, claims: list[Claim], entities: EntityCache) -> None:
    """Store a document's claims, creating entities for described parties."""
    entities.prepare([p for c in claims for p in (c.subject, c.object)])
    rows = [
        {
            "document_id": doc_id,
            "relation": c.relation.value,
            "subject_id": entities.get(c.subject).id,
            "object_id": entities.get(c.object).id,
            "subject_text": c.subject.text[:512],
            "object_text": c.object.text[:512],
            "subject_start": c.subject.start,
            "subject_end": c.subject.end,
            "object_start": c.object.start,
            "object_end": c.object.end,
            "technology": c.technology[:1024] if c.technology else None,
            "date": c.date,
            "amount": c.amount,
            "hedging": ",".join(c.hedging),
            "source": c.source[:512] if c.source else None,
            "evidence_start": c.start,
            "evidence_end": c.end,
            "trigger": c.trigger[:128],
            "extractor": c.extractor,
            "version": c.version,
            "confidence": c.confidence,
            "frame": c.frame[:64],
            "explanation": c.explanation,
        }
        for c in claims
    ]
    session.flush()
    if not rows:
        return
    ids = session.scalars(
        insert(ClaimRow).returning(ClaimRow.id, sort_by_parameter_order=True), rows
    ).all()
    hedges = [
        {"claim_id": claim_id, "label": str(label)}
        for claim_id, claim in zip(ids, claims, strict=True)
        for label in dict.fromkeys(claim.hedging)
    ]
    if hedges:
        session.execute(insert(ClaimHedgeRow), hedges)
    save_classes(session, [(i, c.technology) for i, c in zip(ids, claims, strict=True)])


class Writer:
    """The one way to change the store: a transaction holding its write lock, with the
    writes of every stage as methods (see the module's docstring)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def save_document(
        self,
        document: Document,
        signature: bytes,
        mentions: Iterable[Mention],
        *,
        gazetteer: Gazetteer,
        claims: Iterable[Claim] = (),
        extractor: tuple[str, str] | None = None,
    ) -> int:
        """Store a new document with its mentions and claims (`save_document`)."""
        return save_document(
            self.session,
            document,
            signature,
            mentions,
            gazetteer=gazetteer,
            claims=claims,
            extractor=extractor,
        )

    def replace_extraction(
        self,
        document_id: str,
        mentions: list[Mention],
        claims: list[Claim],
        *,
        gazetteer: Gazetteer,
        extractor: tuple[str, str],
    ) -> int:
        """Put a stored document's mentions and claims anew (`replace_extraction`)."""
        return replace_extraction(
            self.session, document_id, mentions, claims, gazetteer=gazetteer, extractor=extractor
        )

    def record_source(self, location: str, document_id: str, status: str) -> None:
        """Point a file or URL at the document it holds (`record_source`)."""
        record_source(self.session, location, document_id, status)

    def resolve(self, *, full: bool = False) -> list[Edge]:
        """Bring entity clusters up to date (`resolve.resolution.resolve_store`)."""
        from tracewire.resolve.resolution import resolve_store  # noqa: PLC0415

        return resolve_store(self.session, full=full)

    def resolve_if_behind(self) -> int | None:
        """Resolve when documents changed since the last resolution; the merges, or None."""
        from tracewire.store.generations import resolution_behind  # noqa: PLC0415

        if not resolution_behind(self.session):
            return None
        return len(self.resolve())

    def judge(
        self,
        left: str,
        right: str,
        *,
        positive: bool | None = None,
        judgement: Judgement | None = None,
        user: str | None = None,
        reason: str | None = None,
    ) -> JudgementRow:
        """Record a user's judgement of two entities; clusters follow (`resolve.judge`)."""
        from tracewire.resolve.resolution import judge  # noqa: PLC0415

        return judge(
            self.session,
            left,
            right,
            positive=positive,
            judgement=judgement,
            user=user,
            reason=reason,
        )

    def undo(self, judgement_id: int) -> JudgementRow:
        """Retract a user's judgement; clusters follow (`resolve.undo`)."""
        from tracewire.resolve.resolution import undo  # noqa: PLC0415

        return undo(self.session, judgement_id)

    def screen_changed(self, threshold: float = 0.8) -> ScreenReport:
        """Screen new and changed parties against the loaded lists."""
        from tracewire.store.screening import screen_changed  # noqa: PLC0415

        return screen_changed(self.session, threshold)

    def save_list(self, lst: SanctionsList) -> int:
        """Store a sanctions list, replacing an earlier load of it."""
        from tracewire.store.sanctions import save_list  # noqa: PLC0415

        return save_list(self.session, lst)

    def review_match(
        self,
        entity_key: str,
        entry: EntryRef,
        judgement: str,
        *,
        user: str | None = None,
        note: str | None = None,
    ) -> MatchReviewRow:
        """Record a reviewer's judgement of a party against a list entry."""
        from tracewire.store.reviews import review_match  # noqa: PLC0415

        return review_match(self.session, entity_key, entry, judgement, user=user, note=note)

    def undo_match_review(self, review_id: int) -> MatchReviewRow:
        """Retract a verdict on a match; the match's earlier level comes back."""
        from tracewire.store.reviews import undo_match_review  # noqa: PLC0415

        return undo_match_review(self.session, review_id)
