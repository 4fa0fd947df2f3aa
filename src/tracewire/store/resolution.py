"""Entity resolution over the store: load entities, apply judgements, save clusters."""

from __future__ import annotations

import getpass
import os
from collections import defaultdict

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tracewire.ontology import load_gazetteer
from tracewire.ontology.gazetteer import normalise_name
from tracewire.records import EntityType
from tracewire.resolve import Decision, Edge, EntityInfo, cluster, propose
from tracewire.store.edges import rebuild_party_edges
from tracewire.store.generations import DOCUMENTS, RESOLUTION, generation, set_generation
from tracewire.store.models import AliasRow, ClaimRow, EntityRow, JudgementRow, MentionRow
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
        Decision(j.left_key, j.right_key, j.judgement == "positive")
        for j in session.scalars(select(JudgementRow).where(JudgementRow.origin == USER))
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
    session: Session, left: str, right: str, *, positive: bool, user: str | None = None
) -> None:
    """Record a user's merge (positive) or split (negative) of two entity keys."""
    if left == right:
        raise ValueError("an entity cannot be judged against itself")
    a, b = sorted((left, right))
    session.execute(
        delete(JudgementRow).where(
            JudgementRow.left_key == a, JudgementRow.right_key == b, JudgementRow.origin == USER
        )
    )
    session.add(
        JudgementRow(
            left_key=a,
            right_key=b,
            judgement="positive" if positive else "negative",
            origin=USER,
            user=user or current_user(),
            created_at=now(),
        )
    )
    session.flush()
    resolve_store(session)


__all__ = ["current_user", "judge", "resolve_store"]
