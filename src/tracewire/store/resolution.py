"""Entity resolution over the store: load entities, apply judgements, save clusters."""

from __future__ import annotations

import getpass
import os
from collections import defaultdict

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tracewire.ontology import load_gazetteer
from tracewire.ontology.gazetteer import normalise_name
from tracewire.records import EntityType, Judgement
from tracewire.resolve import Decision, Edge, EntityInfo, cluster, propose
from tracewire.store.edges import rebuild_party_edges
from tracewire.store.generations import DOCUMENTS, RESOLUTION, generation, set_generation
from tracewire.store.models import (
    AliasRow,
    ClaimRow,
    EntityLinkRow,
    EntityRow,
    JudgementRow,
    MentionRow,
)
from tracewire.store.writer import now

USER = "user"


def _entities(session: Session) -> dict[str, EntityInfo]:
    rows = session.scalars(select(EntityRow)).all()
    by_id = {row.id: row for row in rows}
    infos = {
        row.key: EntityInfo(row.key, row.canonical, EntityType(row.type), row.origin == "gazetteer")
        for row in rows
    }
    for entity_id, name in session.execute(select(AliasRow.entity_id, AliasRow.name)):
        infos[by_id[entity_id].key].names.add(name)
    counts: dict[int, int] = defaultdict(int)
    for entity_id, doc in session.execute(select(MentionRow.entity_id, MentionRow.document_id)):
        infos[by_id[entity_id].key].documents.add(doc)
        counts[entity_id] += 1
    for entity_id, count in counts.items():
        infos[by_id[entity_id].key].mentions = count
    for subject, obj in session.execute(select(ClaimRow.subject_id, ClaimRow.object_id)):
        infos[by_id[subject].key].counterparts.add(by_id[obj].key)
        infos[by_id[obj].key].counterparts.add(by_id[subject].key)
    links = select(EntityLinkRow.child_key, EntityLinkRow.parent_key)
    for child, parent in session.execute(links.where(EntityLinkRow.relation == "part_of")):
        if child in infos:
            infos[child].state = parent
    return infos


def _gazetteer_people(infos: dict[str, EntityInfo]) -> dict[str, EntityInfo]:
    """Public officials the gazetteer knows but no report has named in its spelling yet:
    targets for transliteration variants ("Hussein Amir Abdullah")."""
    extra = {}
    for entry in load_gazetteer().entries.values():
        if entry.type is EntityType.PERSON and entry.key not in infos:
            names = {surface for surface, _ in entry.names()}
            extra[entry.key] = EntityInfo(entry.key, entry.name, entry.type, True, names)
    return extra


def _materialise(session: Session, keys: set[str]) -> None:
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


def resolve_store(session: Session) -> list[Edge]:
    """Recompute rule judgements and every entity's cluster; returns the edges applied.

    Records the documents generation it resolved, so that a build can tell whether the
    store was resolved after its last document (`store.generations`).
    """
    seen = generation(session, DOCUMENTS)
    infos = _entities(session)
    stored = set(infos)
    infos |= _gazetteer_people(infos)
    decisions = [
        Decision(j.left_key, j.right_key, j.judgement == Judgement.POSITIVE)
        for j in session.scalars(
            select(JudgementRow).where(
                JudgementRow.origin == USER,
                JudgementRow.deleted_at.is_(None),
                JudgementRow.judgement != Judgement.UNSURE,
            )
        )
    ]
    representatives, applied = cluster(infos, decisions, propose(list(infos.values())))
    needed = {k for e in applied for k in (e.left, e.right)} - stored
    _materialise(session, needed)
    session.execute(delete(JudgementRow).where(JudgementRow.origin != USER))
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
    for row in session.scalars(select(EntityRow)):
        row.cluster_key = representatives.get(row.key, row.key)
    rebuild_party_edges(session)
    set_generation(session, RESOLUTION, seen)
    return applied


def current_user() -> str:
    """Who is making a judgement: $TRACEWIRE_USER, else the login name."""
    return os.environ.get("TRACEWIRE_USER") or getpass.getuser()


def judge(
    session: Session,
    left: str,
    right: str,
    *,
    positive: bool | None = None,
    judgement: Judgement | None = None,
    user: str | None = None,
    reason: str | None = None,
) -> JudgementRow:
    """Record a user's judgement of two entity keys: merge (positive), split (negative) or
    unsure. An earlier judgement of the pair is marked deleted, not removed."""
    if left == right:
        raise ValueError("an entity cannot be judged against itself")
    if judgement is None:
        judgement = Judgement.POSITIVE if positive else Judgement.NEGATIVE
    a, b = sorted((left, right))
    stamp = now()
    for earlier in session.scalars(
        select(JudgementRow).where(
            JudgementRow.left_key == a,
            JudgementRow.right_key == b,
            JudgementRow.origin == USER,
            JudgementRow.deleted_at.is_(None),
        )
    ):
        earlier.deleted_at = stamp
    row = JudgementRow(
        left_key=a,
        right_key=b,
        judgement=judgement.value,
        origin=USER,
        user=user or current_user(),
        reason=reason,
        created_at=stamp,
    )
    session.add(row)
    session.flush()
    resolve_store(session)
    return row


def user_judgements(session: Session, *, include_deleted: bool = False) -> list[JudgementRow]:
    """The users' judgements, oldest first (undone ones too when asked)."""
    query = select(JudgementRow).where(JudgementRow.origin == USER).order_by(JudgementRow.id)
    if not include_deleted:
        query = query.where(JudgementRow.deleted_at.is_(None))
    return list(session.scalars(query))


def undo(session: Session, judgement_id: int) -> JudgementRow:
    """Retract a user's judgement: it is kept, marked deleted, and clusters follow."""
    row = session.get(JudgementRow, judgement_id)
    if row is None or row.origin != USER:
        raise LookupError(f"no user judgement number {judgement_id}")
    if row.deleted_at is not None:
        raise LookupError(f"judgement {judgement_id} was already undone")
    row.deleted_at = now()
    session.flush()
    resolve_store(session)
    return row


__all__ = ["current_user", "judge", "resolve_store", "undo", "user_judgements"]
