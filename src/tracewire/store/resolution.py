"""What entity resolution reads and writes (the logic is `tracewire.resolve.resolution`).

A table of this module's own, `blocking_keys`: each entity's keys from
`resolve.blocking`, so that the entities a changed one could merge with are an index read.
The entities changed since the last resolution wait in `store.queue`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Index, String, delete, insert, or_, select
from sqlalchemy.orm import Mapped, Session, aliased, mapped_column

from tracewire.ontology import load_gazetteer
from tracewire.ontology.gazetteer import normalise_name
from tracewire.records import EntityType, Judgement
from tracewire.resolve import Decision, Edge, EntityInfo
from tracewire.store.models import (
    AliasRow,
    Base,
    ClaimRow,
    EntityLinkRow,
    EntityRow,
    JudgementRow,
    MentionRow,
)
from tracewire.store.queue import CHUNK, chunks, enqueue, enqueue_document, take_queue
from tracewire.store.writer import now

USER = "user"
__all__ = ["CHUNK", "chunks", "enqueue", "enqueue_document", "take_queue"]  # re-exported


class BlockingKeyRow(Base):
    """One blocking key of one entity (by entity key: the rules and judgements speak keys)."""

    __tablename__ = "blocking_keys"
    __table_args__ = (Index("ix_blocking_keys_entity_key", "entity_key", "block"),)

    block: Mapped[str] = mapped_column(String(512), primary_key=True)
    entity_key: Mapped[str] = mapped_column(String(512), primary_key=True)


def stored_keys(session: Session, keys: Iterable[str]) -> set[str]:
    """Those of `keys` that are entities in the store."""
    found: set[str] = set()
    for part in chunks(keys):
        found |= set(session.scalars(select(EntityRow.key).where(EntityRow.key.in_(part))))
    return found


def load_infos(session: Session, keys: Iterable[str] | None = None) -> dict[str, EntityInfo]:
    """What the rules know of the stored entities (all, or those of `keys`), in id order."""
    rows: list[EntityRow] = []
    if keys is None:
        rows = list(session.scalars(select(EntityRow).order_by(EntityRow.id)))
    else:
        for wanted in chunks(keys):
            rows += session.scalars(select(EntityRow).where(EntityRow.key.in_(wanted)))
        rows.sort(key=lambda row: row.id)
    by_id = {row.id: row for row in rows}
    infos = {
        row.key: EntityInfo(row.key, row.canonical, EntityType(row.type), row.origin == "gazetteer")
        for row in rows
    }
    parts: list[list[int] | None] = [None] if keys is None else list(chunks(by_id))
    counts: dict[int, int] = defaultdict(int)
    for part in parts:
        aliases = select(AliasRow.entity_id, AliasRow.name)
        mentions = select(MentionRow.entity_id, MentionRow.document_id)
        subject, obj = aliased(EntityRow), aliased(EntityRow)
        claims = (
            select(subject.key, obj.key)
            .select_from(ClaimRow)
            .join(subject, subject.id == ClaimRow.subject_id)
            .join(obj, obj.id == ClaimRow.object_id)
        )
        links = select(EntityLinkRow.child_key, EntityLinkRow.parent_key).where(
            EntityLinkRow.relation == "part_of"
        )
        if part is not None:
            aliases = aliases.where(AliasRow.entity_id.in_(part))
            mentions = mentions.where(MentionRow.entity_id.in_(part))
            claims = claims.where(or_(ClaimRow.subject_id.in_(part), ClaimRow.object_id.in_(part)))
            links = links.where(EntityLinkRow.child_key.in_([by_id[i].key for i in part]))
        for entity_id, name in session.execute(aliases):
            infos[by_id[entity_id].key].names.add(name)
        for entity_id, doc in session.execute(mentions):
            infos[by_id[entity_id].key].documents.add(doc)
            counts[entity_id] += 1
        # a claim is read once per chunk it touches; counterparts are sets
        for s_key, o_key in session.execute(claims).tuples():
            if s_key in infos:
                infos[s_key].counterparts.add(o_key)
            if o_key in infos:
                infos[o_key].counterparts.add(s_key)
        for child, parent in session.execute(links).tuples():
            if child in infos:
                infos[child].state = parent
    for entity_id, count in counts.items():
        infos[by_id[entity_id].key].mentions = count
    return infos


def gazetteer_people(exclude: Iterable[str] = ()) -> dict[str, EntityInfo]:
    """Public officials the gazetteer knows, as the rules see them, but for `exclude`:
    targets for transliteration variants ("Hussein Amir Abdullah") before any report
    names them in the gazetteer's spelling."""
    skip = set(exclude)
    extra = {}
    for entry in load_gazetteer().entries.values():
        if entry.type is EntityType.PERSON and entry.key not in skip:
            names = {surface for surface, _ in entry.names()}
            extra[entry.key] = EntityInfo(entry.key, entry.name, entry.type, True, names)
    return extra


def materialise(session: Session, keys: Iterable[str]) -> None:
    """Create rows for gazetteer entities a cluster now needs."""
    gazetteer = load_gazetteer()
    for key in sorted(keys):
        entry = gazetteer.entries[key]
        row = EntityRow(
            key=key, canonical=entry.name, type=entry.type.value, qid=entry.qid, origin="gazetteer"
        )
        session.add(row)
        session.flush()
        for surface in dict.fromkeys(s for s, _ in entry.names()):
            session.add(
                AliasRow(
                    entity_id=row.id,
                    name=surface,
                    normalised=normalise_name(surface),
                    origin="gazetteer",
                )
            )
    session.flush()


def save_blocking_keys(session: Session, keys: dict[str, set[str]], *, everything: bool) -> None:
    """Replace the blocking keys of the entities in `keys` (of all entities: `everything`)."""
    if everything:
        session.execute(delete(BlockingKeyRow))
    else:
        for part in chunks(keys):
            session.execute(delete(BlockingKeyRow).where(BlockingKeyRow.entity_key.in_(part)))
    rows = [{"block": b, "entity_key": k} for k, blocks in keys.items() for b in sorted(blocks)]
    for start in range(0, len(rows), 10_000):
        session.execute(insert(BlockingKeyRow), rows[start : start + 10_000])


def blocks_of(session: Session, keys: Iterable[str]) -> set[str]:
    """The stored blocking keys of the entities `keys`."""
    found: set[str] = set()
    for part in chunks(keys):
        query = select(BlockingKeyRow.block).where(BlockingKeyRow.entity_key.in_(part))
        found |= set(session.scalars(query))
    return found


def sharing(session: Session, blocks: Iterable[str]) -> set[str]:
    """The stored entities that have any of the blocking keys `blocks`."""
    found: set[str] = set()
    for part in chunks(blocks):
        query = select(BlockingKeyRow.entity_key).where(BlockingKeyRow.block.in_(part))
        found |= set(session.scalars(query))
    return found


def clusters_of(session: Session, keys: Iterable[str]) -> dict[str, str]:
    """Each stored entity of `keys` with the key of its cluster as last resolved."""
    found: dict[str, str] = {}
    for part in chunks(keys):
        query = select(EntityRow.key, EntityRow.cluster_key).where(EntityRow.key.in_(part))
        found |= {key: cluster or key for key, cluster in session.execute(query).tuples()}
    return found


def members_of(session: Session, clusters: Iterable[str]) -> set[str]:
    """The stored entities of the clusters named by their keys."""
    found: set[str] = set()
    for part in chunks(clusters):
        found |= set(session.scalars(select(EntityRow.key).where(EntityRow.cluster_key.in_(part))))
        found |= set(session.scalars(select(EntityRow.key).where(EntityRow.key.in_(part))))
    return found


def decisions(session: Session, keys: Iterable[str] | None = None) -> list[Decision]:
    """Users' merge and split judgements in force (all, or those touching `keys`), oldest
    first."""
    rows: dict[int, JudgementRow] = {}
    base = select(JudgementRow).where(
        JudgementRow.origin == USER,
        JudgementRow.deleted_at.is_(None),
        JudgementRow.judgement != Judgement.UNSURE,
    )
    parts = [None] if keys is None else list(chunks(keys))
    for part in parts:
        query = base
        if part is not None:
            query = base.where(
                or_(JudgementRow.left_key.in_(part), JudgementRow.right_key.in_(part))
            )
        rows |= {row.id: row for row in session.scalars(query)}
    return [
        Decision(row.left_key, row.right_key, row.judgement == Judgement.POSITIVE)
        for _, row in sorted(rows.items())
    ]


def save_clusters(
    session: Session,
    representatives: dict[str, str],
    applied: list[Edge],
    infos: dict[str, EntityInfo],
    *,
    everything: bool,
) -> None:
    """Store each entity's cluster key and the rule judgements applied, replacing the
    rule judgements of the entities in `representatives` (of all: `everything`)."""
    rules = delete(JudgementRow).where(JudgementRow.origin != USER)
    if everything:
        session.execute(rules)
    else:
        for part in chunks(representatives):
            session.execute(
                rules.where(or_(JudgementRow.left_key.in_(part), JudgementRow.right_key.in_(part)))
            )
    stamp = now()
    for edge in applied:
        session.add(
            JudgementRow(
                left_key=edge.left,
                right_key=edge.right,
                judgement="positive",
                origin=f"rule:{edge.rule}",
                reason=f"{infos[edge.left].canonical} ~ {infos[edge.right].canonical}",
                created_at=stamp,
            )
        )
    entities: Iterable[EntityRow] = (
        session.scalars(select(EntityRow))
        if everything
        else (
            row
            for part in chunks(representatives)
            for row in session.scalars(select(EntityRow).where(EntityRow.key.in_(part)))
        )
    )
    for row in entities:
        cluster = representatives.get(row.key, row.key)
        if row.cluster_key != cluster:
            row.cluster_key = cluster
    session.flush()


def entity_ids(session: Session, keys: Iterable[str]) -> dict[str, int]:
    """The row id of each stored entity key."""
    found: dict[str, int] = {}
    for part in chunks(keys):
        query = select(EntityRow.key, EntityRow.id).where(EntityRow.key.in_(part))
        found |= dict(session.execute(query).tuples().all())
    return found
