"""Entity resolution over the store: from changed entities (or all) to clusters, rule
judgements and the party aggregates.

A build re-resolves only the neighbourhood of the entities it changed
(`resolve.incremental`); a full resolution (`resolve_store(..., full=True)`, `tracewire
resolve --full`) recomputes everything, and runs by itself when the store's blocking keys
are missing or were made by other rules (`blocking.VERSION`). Both give the same clusters.
"""

from __future__ import annotations

import getpass
import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracewire.records import Judgement
from tracewire.resolve import Edge, blocking, cluster, propose
from tracewire.resolve.blocking import blocking_keys
from tracewire.resolve.incremental import neighbourhood
from tracewire.store import resolution as rows
from tracewire.store.edges import rebuild_party_edges, update_party_edges
from tracewire.store.generations import DOCUMENTS, RESOLUTION, generation, set_generation
from tracewire.store.models import JudgementRow
from tracewire.store.writer import now

USER = rows.USER
BLOCKING = "blocking"  # generation: the `blocking.VERSION` the stored keys were made by


def resolve_store(session: Session, *, full: bool = False) -> list[Edge]:
    """Bring clusters up to date with the entities changed since the last resolution (all
    of them when `full`, or when the stored blocking keys are not this version's); returns
    the rule edges applied in the clusters it re-resolved.

    Records the documents generation it resolved, so that a build can tell whether the
    store was resolved after its last document (`store.generations`).
    """
    seen = generation(session, DOCUMENTS)
    if full or generation(session, BLOCKING) != blocking.VERSION:
        applied = _resolve_all(session)
    else:
        applied = _resolve_changed(session, rows.take_queue(session))
    set_generation(session, RESOLUTION, seen)
    return applied


def _resolve_all(session: Session) -> list[Edge]:
    infos = rows.load_infos(session)
    stored = set(infos)
    rows.save_blocking_keys(
        session, {key: blocking_keys(info) for key, info in infos.items()}, everything=True
    )
    rows.take_queue(session)
    infos |= rows.gazetteer_people(exclude=stored)
    representatives, applied = cluster(
        infos, rows.decisions(session), propose(list(infos.values()))
    )
    needed = {k for e in applied for k in (e.left, e.right)} - stored
    rows.materialise(session, needed)
    rows.save_blocking_keys(
        session, {key: blocking_keys(infos[key]) for key in needed}, everything=False
    )
    rows.save_clusters(session, representatives, applied, infos, everything=True)
    rebuild_party_edges(session)
    set_generation(session, BLOCKING, blocking.VERSION)
    return applied


def _resolve_changed(session: Session, changed: set[str]) -> list[Edge]:
    changed = rows.stored_keys(session, changed)
    if not changed:
        return []
    # the changed entities' keys first: the neighbourhood is found through them
    fresh = rows.load_infos(session, changed)
    rows.save_blocking_keys(
        session, {key: blocking_keys(info) for key, info in fresh.items()}, everything=False
    )
    stored, virtual = neighbourhood(session, changed)
    before = rows.clusters_of(session, stored)
    infos = rows.load_infos(session, stored)
    infos |= rows.gazetteer_people(exclude=stored) if virtual else {}
    infos = {key: info for key, info in infos.items() if key in stored or key in virtual}
    representatives, applied = cluster(
        infos, rows.decisions(session, infos), propose(list(infos.values()))
    )
    needed = {k for e in applied for k in (e.left, e.right)} - stored
    rows.materialise(session, needed)
    rows.save_blocking_keys(
        session, {key: blocking_keys(infos[key]) for key in needed}, everything=False
    )
    rows.save_clusters(
        session,
        {key: representatives[key] for key in stored | needed},
        applied,
        infos,
        everything=False,
    )
    parties = set(before.values()) | {representatives[key] for key in stored | needed}
    ids = rows.entity_ids(session, stored | needed | parties)
    update_party_edges(
        session,
        parties={ids[key] for key in parties if key in ids},
        entities={ids[key] for key in stored | needed},
    )
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
    _resolve_judged(session, a, b)
    return row


def _resolve_judged(session: Session, left: str, right: str) -> None:
    """Clusters after a judgement of `left` and `right`: their neighbourhood is
    re-resolved (with whatever else is queued)."""
    rows.enqueue(session, [left, right])
    resolve_store(session)


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
    _resolve_judged(session, row.left_key, row.right_key)
    return row


__all__ = ["current_user", "judge", "resolve_store", "undo", "user_judgements"]
