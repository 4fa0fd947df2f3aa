"""Read-side queries over the store, returning plain records for the interfaces."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracewire.ontology import load_gazetteer
from tracewire.ontology.gazetteer import normalise_name
from tracewire.store.models import AliasRow, DocumentRow, EntityRow, MentionRow, SourceRow


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One entity with its mention and document counts."""

    id: int
    key: str
    canonical: str
    type: str
    qid: str | None
    mentions: int
    documents: int
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MentionView:
    """A mention with its sentence and source document."""

    document_id: str
    document: str
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts over the whole store."""

    documents: int
    words: int
    sources: dict[str, int] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)
    mentions: int = 0


def _aliases(session: Session, entity_ids: list[int]) -> dict[int, list[str]]:
    """Aliases seen in text first, by frequency, then gazetteer ones."""
    seen: dict[int, list[str]] = {i: [] for i in entity_ids}
    text_counts = session.execute(
        select(MentionRow.entity_id, MentionRow.text, func.count())
        .where(MentionRow.entity_id.in_(entity_ids))
        .group_by(MentionRow.entity_id, MentionRow.text)
        .order_by(func.count().desc(), MentionRow.text)
    )
    for entity_id, text, _count in text_counts:
        seen[entity_id].append(text)
    for entity_id, name in session.execute(
        select(AliasRow.entity_id, AliasRow.name)
        .where(AliasRow.entity_id.in_(entity_ids))
        .order_by(AliasRow.id)
    ):
        if name not in seen[entity_id]:
            seen[entity_id].append(name)
    return seen


def list_entities(
    session: Session, type_: str | None = None, ids: set[int] | None = None
) -> list[EntitySummary]:
    """Entities that are mentioned in the store, most mentioned first."""
    query = (
        select(
            EntityRow,
            func.count(MentionRow.id),
            func.count(func.distinct(MentionRow.document_id)),
        )
        .join(MentionRow, MentionRow.entity_id == EntityRow.id)
        .group_by(EntityRow.id)
        .order_by(func.count(MentionRow.id).desc(), EntityRow.canonical)
    )
    if type_:
        query = query.where(func.lower(EntityRow.type) == type_.lower())
    if ids is not None:
        query = query.where(EntityRow.id.in_(ids))
    rows = session.execute(query).all()
    aliases = _aliases(session, [row[0].id for row in rows])
    return [
        EntitySummary(e.id, e.key, e.canonical, e.type, e.qid, n, d, tuple(aliases[e.id]))
        for e, n, d in rows
    ]


def find_entity(session: Session, name: str) -> EntitySummary | None:
    """The entity a name refers to: by alias, canonical name, or the gazetteer's key."""
    norm = normalise_name(name)
    candidates = set(session.scalars(select(AliasRow.entity_id).where(AliasRow.normalised == norm)))
    candidates |= set(
        session.scalars(select(EntityRow.id).where(func.lower(EntityRow.canonical) == norm))
    )
    hit = load_gazetteer().lookup(name)
    if hit is not None:
        candidates |= set(session.scalars(select(EntityRow.id).where(EntityRow.key == hit[0].key)))
    if not candidates:
        return None
    ranked = list_entities(session, ids=candidates)
    return ranked[0] if ranked else None


def entity_mentions(session: Session, entity_id: int) -> list[MentionView]:
    """Every mention of an entity with its sentence, in document and text order."""
    rows = session.execute(
        select(MentionRow, DocumentRow.name, DocumentRow.text)
        .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
        .where(MentionRow.entity_id == entity_id)
        .order_by(DocumentRow.name, MentionRow.start)
    )
    return [
        MentionView(
            document_id=m.document_id,
            document=name,
            text=m.text,
            start=m.start,
            end=m.end,
            sentence=text[m.sentence_start : m.sentence_end],
            sentence_start=m.sentence_start,
        )
        for m, name, text in rows
    ]


def stats(session: Session) -> Stats:
    """Counts of documents, sources by status, entities by type and mentions."""
    documents, words = session.execute(
        select(func.count(DocumentRow.id), func.coalesce(func.sum(DocumentRow.word_count), 0))
    ).one()
    sources = dict(
        session.execute(select(SourceRow.status, func.count()).group_by(SourceRow.status)).all()
    )
    mentioned = select(MentionRow.entity_id).distinct().subquery()
    entities = dict(
        session.execute(
            select(EntityRow.type, func.count())
            .join(mentioned, mentioned.c.entity_id == EntityRow.id)
            .group_by(EntityRow.type)
        ).all()
    )
    mentions = session.scalar(select(func.count(MentionRow.id))) or 0
    return Stats(int(documents), int(words), sources, entities, int(mentions))
