"""Read-side queries over the store, returning plain records for the interfaces."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from tracewire.ontology import load_gazetteer
from tracewire.ontology.gazetteer import normalise_name
from tracewire.store.claim_reviews import any_rejected, rejected
from tracewire.store.models import (
    AliasRow,
    ClaimRow,
    DocumentRow,
    EntityLinkRow,
    EntityRow,
    MentionRow,
    SourceRow,
)
from tracewire.store.queue import chunks
from tracewire.store.sanctions import level_counts


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
    claims: int = 0
    alias_counts: tuple[tuple[str, int], ...] = ()


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
    claims: dict[str, int] = field(default_factory=dict)
    merges: int = 0
    sanctioned: int = 0  # parties with a `listed` match
    screening: dict[str, int] = field(default_factory=dict)  # parties by strongest level


def cluster_members(session: Session, rep_ids: set[int] | None = None) -> dict[int, list[int]]:
    """Member entity ids of each cluster, keyed by the representative's id.

    Asked for some clusters, it reads the representatives by id and their members by
    `cluster_key` (both indexed), so its cost grows with the answer, not the store."""
    if rep_ids is None:
        member, rep = aliased(EntityRow), aliased(EntityRow)
        query = select(rep.id, member.id).join(
            rep, rep.key == func.coalesce(member.cluster_key, member.key)
        )
        members: dict[int, list[int]] = {}
        for rep_id, member_id in session.execute(query):
            members.setdefault(rep_id, []).append(member_id)
        return members
    reps: dict[str, int] = {}
    for ids in chunks(rep_ids):
        keyed = select(EntityRow.key, EntityRow.id).where(EntityRow.id.in_(ids))
        reps |= dict(session.execute(keyed).tuples().all())
    found: dict[int, set[int]] = {}
    for part in chunks(reps):
        clustered = select(EntityRow.cluster_key, EntityRow.id).where(
            EntityRow.cluster_key.in_(part)
        )
        alone = select(EntityRow.key, EntityRow.id).where(  # not resolved yet: its own
            EntityRow.key.in_(part), EntityRow.cluster_key.is_(None)
        )
        for pairs in (session.execute(clustered).tuples(), session.execute(alone).tuples()):
            for key, member_id in pairs:
                found.setdefault(reps[str(key)], set()).add(member_id)
    return {rep: sorted(ids) for rep, ids in found.items()}


def _aliases(
    session: Session, members: dict[int, list[int]], everything: bool
) -> dict[int, list[tuple[str, int]]]:
    """Each cluster's names with how often the text used them; gazetteer names after.
    `everything`: the clusters are all the store's (one scan instead of IN lists)."""
    owner = {m: rep for rep, ids in members.items() for m in ids}
    counts: dict[int, dict[str, int]] = {rep: {} for rep in members}
    texts = select(MentionRow.entity_id, MentionRow.text, func.count()).where(
        MentionRow.form != "anaphor"  # "the company"
    )
    names = select(AliasRow.entity_id, AliasRow.name).order_by(AliasRow.id)
    parts: list[list[int] | None] = [None] if everything else list(chunks(owner))
    found: list[tuple[int, str]] = []
    for part in parts:
        counted = texts if part is None else texts.where(MentionRow.entity_id.in_(part))
        for entity_id, text, count in session.execute(
            counted.group_by(MentionRow.entity_id, MentionRow.text)
        ).tuples():
            if entity_id in owner:
                held = counts[owner[entity_id]]
                held[text] = held.get(text, 0) + int(count)
        named = names if part is None else names.where(AliasRow.entity_id.in_(part))
        found += session.execute(named).tuples().all()
    ranked = {
        rep: sorted(held.items(), key=lambda kv: (-kv[1], kv[0])) for rep, held in counts.items()
    }
    for entity_id, name in found:  # in alias order within each chunk of entities
        if entity_id in owner:
            listed = ranked[owner[entity_id]]
            if all(name != known for known, _ in listed):
                listed.append((name, 0))
    return ranked


def _mentioned(session: Session, members: dict[int, list[int]]) -> dict[int, tuple[int, int]]:
    """Mentions and distinct documents of each cluster (indexed reads by member)."""
    owner = {m: rep for rep, ids in members.items() for m in ids}
    mentions: dict[int, int] = dict.fromkeys(members, 0)
    documents: dict[int, set[str]] = {rep: set() for rep in members}
    for part in chunks(owner):
        query = select(MentionRow.entity_id, MentionRow.document_id).where(
            MentionRow.entity_id.in_(part)
        )
        for entity_id, document_id in session.execute(query).tuples():
            mentions[owner[entity_id]] += 1
            documents[owner[entity_id]].add(document_id)
    return {rep: (mentions[rep], len(documents[rep])) for rep in members}


def list_entities(
    session: Session,
    type_: str | None = None,
    ids: set[int] | None = None,
    *,
    limit: int | None = None,
) -> list[EntitySummary]:
    """Resolved entities that are mentioned in the store, most mentioned first (the first
    `limit`); asked for by id, also those only linked to (a state named through its bodies
    alone)."""
    rows: list[tuple[EntityRow, int, int]]
    if ids is None:  # the whole store: grouped scans
        member, rep = aliased(EntityRow), aliased(EntityRow)
        query = (
            select(
                rep,
                func.count(MentionRow.id),
                func.count(func.distinct(MentionRow.document_id)),
            )
            .select_from(member)
            .join(rep, rep.key == func.coalesce(member.cluster_key, member.key))
            .join(MentionRow, MentionRow.entity_id == member.id)
            .group_by(rep.id)
            .order_by(func.count(MentionRow.id).desc(), rep.canonical)
        )
        if type_:
            query = query.where(func.lower(rep.type) == type_.lower())
        rows = [(e, int(n), int(d)) for e, n, d in session.execute(query.limit(limit)).tuples()]
        if limit is None:
            every = cluster_members(session)
            members = {e.id: every.get(e.id, [e.id]) for e, _, _ in rows}
        else:  # a page: its clusters by index
            members = cluster_members(session, {e.id for e, _, _ in rows})
            members = {e.id: members.get(e.id, [e.id]) for e, _, _ in rows}
    else:  # some clusters: indexed reads whose cost grows with them
        reps: list[EntityRow] = []
        for part in chunks(ids):
            wanted = select(EntityRow).where(EntityRow.id.in_(part))
            if type_:
                wanted = wanted.where(func.lower(EntityRow.type) == type_.lower())
            reps += session.scalars(wanted)
        members = cluster_members(session, {e.id for e in reps})
        members = {e.id: members.get(e.id, [e.id]) for e in reps}
        counts = _mentioned(session, members)
        rows = sorted(
            ((e, *counts[e.id]) for e in reps), key=lambda row: (-row[1], row[0].canonical)
        )[:limit]
    everything = ids is None and limit is None
    aliases = _aliases(session, members, everything)
    claims = _claim_counts(session, members, everything)
    return [
        EntitySummary(
            e.id,
            e.key,
            e.canonical,
            e.type,
            e.qid,
            n,
            d,
            tuple(name for name, _ in aliases.get(e.id, [])),
            claims.get(e.id, 0),
            tuple(aliases.get(e.id, [])),
        )
        for e, n, d in rows
    ]


def _claim_counts(
    session: Session, members: dict[int, list[int]], everything: bool
) -> dict[int, int]:
    owner = {m: rep for rep, ids in members.items() for m in ids}
    seen: dict[int, set[int]] = {}  # claim ids by cluster: a claim read twice counts once
    base = select(ClaimRow.id, ClaimRow.subject_id, ClaimRow.object_id)
    if any_rejected(session):  # a rejected claim counts for no one
        base = base.where(~rejected())
    parts: list[list[int] | None] = [None] if everything else list(chunks(owner))
    for part in parts:
        queries = (
            [base]
            if part is None
            else [
                base.where(ClaimRow.subject_id.in_(part)),
                base.where(ClaimRow.object_id.in_(part)),
            ]
        )
        for query in queries:
            for claim_id, subject, obj in session.execute(query).tuples():
                for rep in {owner[e] for e in (subject, obj) if e in owner}:
                    seen.setdefault(rep, set()).add(claim_id)
    return {rep: len(claims) for rep, claims in seen.items()}


def representative_ids(session: Session, entity_ids: Iterable[int]) -> dict[int, int]:
    """The id of the entity that stands for each given entity's cluster."""
    ids = list(entity_ids)
    member, rep = aliased(EntityRow), aliased(EntityRow)
    found: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(member.id, rep.id)
            .join(rep, rep.key == func.coalesce(member.cluster_key, member.key))
            .where(member.id.in_(ids[start : start + 500]))
        )
        found.update((int(a), int(b)) for a, b in rows.tuples())
    return found


def representative_id(session: Session, entity_id: int) -> int:
    """The id of the entity that stands for `entity_id`'s cluster."""
    return representative_ids(session, [entity_id]).get(entity_id, entity_id)


def entity_key_for_name(session: Session, name: str) -> str | None:
    """The raw entity (not cluster) a name most directly names: canonical, then alias."""
    norm = normalise_name(name)
    by_canonical = session.scalars(
        select(EntityRow.key).where(func.lower(EntityRow.canonical) == norm)
    ).first()
    if by_canonical is not None:
        return by_canonical
    hit = load_gazetteer().lookup(name)
    if hit is not None and session.scalar(select(EntityRow.id).where(EntityRow.key == hit[0].key)):
        return hit[0].key
    return session.scalars(
        select(EntityRow.key)
        .join(AliasRow, AliasRow.entity_id == EntityRow.id)
        .where(AliasRow.normalised == norm)
        .order_by(AliasRow.origin.desc())
    ).first()


def find_entity(session: Session, name: str) -> EntitySummary | None:
    """The resolved entity a name refers to: by alias, canonical name, or gazetteer key."""
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
    ranked = list_entities(session, ids={representative_id(session, c) for c in candidates})
    return ranked[0] if ranked else None


def entity_mentions(session: Session, entity_id: int) -> list[MentionView]:
    """Every mention of a resolved entity with its sentence, in document and text order."""
    members = cluster_members(session, {entity_id}).get(entity_id, [entity_id])
    rows = session.execute(
        select(MentionRow, DocumentRow.name, DocumentRow.text)
        .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
        .where(MentionRow.entity_id.in_(members))
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
    by_relation = select(ClaimRow.relation, func.count()).group_by(ClaimRow.relation)
    if any_rejected(session):
        by_relation = by_relation.where(~rejected())
    claims = dict(session.execute(by_relation).all())
    merges = session.scalar(
        select(func.count())
        .select_from(EntityRow)
        .where(EntityRow.cluster_key.is_not(None), EntityRow.cluster_key != EntityRow.key)
    )
    screening = level_counts(session)
    return Stats(
        int(documents),
        int(words),
        sources,
        entities,
        int(mentions),
        claims,
        int(merges or 0),
        screening["listed"],
        screening,
    )


def canonical_names(session: Session, keys: Iterable[str]) -> dict[str, str]:
    """The canonical name of each entity key (keys not in the store are left out)."""
    wanted = set(keys)
    if not wanted:
        return {}
    rows = session.execute(
        select(EntityRow.key, EntityRow.canonical).where(EntityRow.key.in_(wanted))
    )
    return dict(rows.tuples().all())  # a Result has keys(): dict() would index it


def parts_of(session: Session, key: str) -> list[tuple[str, str]]:
    """The bodies linked to an entity by `part_of` (key, canonical), in name order."""
    rows = session.execute(
        select(EntityRow.key, EntityRow.canonical)
        .join(EntityLinkRow, EntityLinkRow.child_key == EntityRow.key)
        .where(EntityLinkRow.parent_key == key, EntityLinkRow.relation == "part_of")
        .order_by(EntityRow.canonical)
    )
    return list(rows.tuples())


def part_of(session: Session, key: str) -> list[tuple[str, str]]:
    """The states an entity is part of (key, canonical)."""
    rows = session.execute(
        select(EntityRow.key, EntityRow.canonical)
        .join(EntityLinkRow, EntityLinkRow.parent_key == EntityRow.key)
        .where(EntityLinkRow.child_key == key, EntityLinkRow.relation == "part_of")
    )
    return list(rows.tuples())
