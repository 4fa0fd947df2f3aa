"""Read queries for the web interface: entities, clusters, names and counts.

Every entity the interface shows is a cluster representative (the entity whose key is the
others' `cluster_key`). Members are found through the `cluster_key` and `key` indexes and
raw ids are mapped to representatives once per distinct id, never per claim. Statements are
built once, on SQLAlchemy Core tables with expanding parameters, so a request pays for
executing them and not for building them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.orm import Session

from tracewire.store.claim_reviews import any_rejected, rejected
from tracewire.store.models import (
    AliasRow,
    ClaimRow,
    EntityRow,
    MatchReviewRow,
    MatchRow,
    MentionRow,
    SanctionsListRow,
)
from tracewire.store.sanctions import LEVEL_ORDER, LISTED, MatchView, view_of

CHUNK = 900  # values per expanding IN list, well under every backend's parameter limit
ENTITIES = EntityRow.__table__
ALIASES = AliasRow.__table__
CLAIMS = ClaimRow.__table__
MENTIONS = MentionRow.__table__
RAW, REP = ENTITIES.alias("raw"), ENTITIES.alias("rep")


def ids_param(name: str) -> Any:
    """An expanding parameter for `IN` lists."""
    return bindparam(name, expanding=True)


def _ref_columns(table: Any) -> tuple[Any, ...]:
    return (table.c.id, table.c.key, table.c.canonical, table.c.type, table.c.qid)


_RAW_TO_REP = RAW.join(REP, REP.c.key == func.coalesce(RAW.c.cluster_key, RAW.c.key))
_KEYS = ids_param("keys")
_REPRESENTATIVE = (
    select(*_ref_columns(REP)).select_from(_RAW_TO_REP).where(RAW.c.id == bindparam("id"))
)
_MEMBERS = select(ENTITIES.c.id, func.coalesce(ENTITIES.c.cluster_key, ENTITIES.c.key)).where(
    or_(
        ENTITIES.c.cluster_key.in_(_KEYS),
        and_(ENTITIES.c.cluster_key.is_(None), ENTITIES.c.key.in_(_KEYS)),
    )
)
_REP_MAP = (
    select(RAW.c.id, *_ref_columns(REP))
    .select_from(_RAW_TO_REP)
    .where(RAW.c.id.in_(ids_param("ids")))
)
_REFS = select(*_ref_columns(ENTITIES)).where(ENTITIES.c.id.in_(ids_param("ids")))
_MENTION_COUNTS = (
    select(MENTIONS.c.entity_id, func.count())
    .where(MENTIONS.c.entity_id.in_(ids_param("ids")))
    .group_by(MENTIONS.c.entity_id)
)
_MENTION_TEXTS = (  # grouped by entity too: streams over an (entity_id, text) index
    select(MENTIONS.c.text, func.count())
    .where(MENTIONS.c.entity_id.in_(ids_param("ids")))
    .group_by(MENTIONS.c.entity_id, MENTIONS.c.text)
)
_DOCUMENTS = select(func.count(func.distinct(MENTIONS.c.document_id))).where(
    MENTIONS.c.entity_id.in_(ids_param("ids"))
)
_ALIAS_NAMES = (
    select(ALIASES.c.entity_id, ALIASES.c.name)
    .where(ALIASES.c.entity_id.in_(ids_param("ids")))
    .order_by(ALIASES.c.id)
)


_LISTS = SanctionsListRow.__table__
_M = MatchRow.__table__.c
_R = MatchReviewRow.__table__
# Stored matches as tracewire.store.sanctions.match_views reads them, on statements built
# once instead of an ORM query per call.
_MATCHES = (
    select(MatchRow, _LISTS.c.name, _LISTS.c.date, MatchReviewRow)
    .join(_LISTS, _LISTS.c.id == _M.list_id)
    .outerjoin(_R, _R.c.id == _M.review_id)
    .where(_M.entity_id.in_(ids_param("ids")))
    .order_by(_M.entity_id, _M.score.desc())
)
_LISTED = _MATCHES.where(_M.level == LISTED)


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A resolved entity as the interface names it."""

    id: int
    key: str
    canonical: str
    type: str
    qid: str | None


def chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    """Ids in sorted slices of at most CHUNK, for IN lists."""
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def representative(session: Session, entity_id: int) -> EntityRef | None:
    """The representative of `entity_id`'s cluster, or None for an unknown id."""
    row = session.execute(_REPRESENTATIVE, {"id": entity_id}).first()
    return EntityRef(*row) if row is not None else None


def members(session: Session, rep: EntityRef) -> list[int]:
    """Raw entity ids in a representative's cluster (itself included)."""
    return members_by_rep(session, [rep])[rep.id]


def members_by_rep(session: Session, reps: Collection[EntityRef]) -> dict[int, list[int]]:
    """Raw entity ids of several clusters (each with itself first), by representative id."""
    by_key = {rep.key: rep.id for rep in reps}
    result: dict[int, list[int]] = {rep.id: [rep.id] for rep in reps}
    keys = list(by_key)
    for start in range(0, len(keys), CHUNK):
        for raw_id, key in session.execute(_MEMBERS, {"keys": keys[start : start + CHUNK]}):
            if raw_id != by_key[key]:
                result[by_key[key]].append(raw_id)
    return result


def rep_map(session: Session, raw_ids: Iterable[int]) -> dict[int, EntityRef]:
    """Each raw entity id's representative."""
    found: dict[int, EntityRef] = {}
    for part in chunks(raw_ids):
        for raw_id, *ref in session.execute(_REP_MAP, {"ids": part}):
            found[raw_id] = EntityRef(*ref)
    return found


def entity_refs(session: Session, ids: Collection[int]) -> dict[int, EntityRef]:
    """Entities by id."""
    found: dict[int, EntityRef] = {}
    for part in chunks(ids):
        for row in session.execute(_REFS, {"ids": part}):
            found[row[0]] = EntityRef(*row)
    return found


def mention_counts(session: Session, raw_ids: Iterable[int]) -> dict[int, int]:
    """Mentions of each raw entity."""
    counts: dict[int, int] = {}
    for part in chunks(raw_ids):
        counts.update({raw: int(n) for raw, n in session.execute(_MENTION_COUNTS, {"ids": part})})
    return counts


def alias_counts(session: Session, raw_ids: list[int]) -> list[tuple[str, int]]:
    """A cluster's names, most used in the text first; listed names never seen come last."""
    counts: dict[str, int] = {}
    for part in chunks(raw_ids):
        for text, n in session.execute(_MENTION_TEXTS, {"ids": part}):
            counts[text] = counts.get(text, 0) + int(n)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    for _raw, name in session.execute(_ALIAS_NAMES, {"ids": raw_ids}):
        if name not in counts:
            counts[name] = 0
            ranked.append((name, 0))
    return ranked


def document_count(session: Session, raw_ids: list[int]) -> int:
    """Documents that mention any of the raw entities (one cluster: not chunked)."""
    return int(session.scalar(_DOCUMENTS, {"ids": raw_ids}) or 0)


def alias_names(session: Session, clusters: dict[int, list[int]]) -> dict[int, list[str]]:
    """Each cluster's listed names (gazetteer and text aliases) in the order they were added."""
    owner = {raw: rep for rep, ids in clusters.items() for raw in ids}
    names: dict[int, list[str]] = {rep: [] for rep in clusters}
    for part in chunks(owner):
        for raw_id, name in session.execute(_ALIAS_NAMES, {"ids": part}):
            listed = names[owner[raw_id]]
            if name not in listed:
                listed.append(name)
    return names


def claim_counts(session: Session, clusters: dict[int, list[int]]) -> dict[int, int]:
    """Claims touching each cluster (a claim between two members counts once; rejected
    claims do not count)."""
    owner = {raw: rep for rep, ids in clusters.items() for raw in ids}
    counts = dict.fromkeys(clusters, 0)
    standing = (~rejected(),) if any_rejected(session) else ()
    for column in (CLAIMS.c.subject_id, CLAIMS.c.object_id):
        query = (
            select(column, func.count())
            .where(column.in_(ids_param("ids")), *standing)
            .group_by(column)
        )
        for part in chunks(owner):
            for raw_id, n in session.execute(query, {"ids": part}):
                counts[owner[raw_id]] += int(n)
    inside = (
        select(CLAIMS.c.subject_id, CLAIMS.c.object_id, func.count())
        .where(
            CLAIMS.c.subject_id.in_(ids_param("ids")),
            CLAIMS.c.object_id.in_(ids_param("all")),
            *standing,
        )
        .group_by(CLAIMS.c.subject_id, CLAIMS.c.object_id)
    )
    for part in chunks(owner):
        for subject, obj, n in session.execute(inside, {"ids": part, "all": list(owner)}):
            if owner[subject] == owner[obj]:
                counts[owner[subject]] -= int(n)
    return counts


def matches(
    session: Session, rep_ids: Iterable[int], *, listed_only: bool = False
) -> list[MatchView]:
    """Stored matches of some representatives, by level then score (as match_views)."""
    found: list[MatchView] = []
    for part in chunks(rep_ids):
        statement = _LISTED if listed_only else _MATCHES
        for m, name, date, review in session.execute(statement, {"ids": part}).tuples():
            found.append(view_of(m, name, date, review))
    found.sort(key=lambda v: (v.entity_id, LEVEL_ORDER.get(v.level, 9), -v.score))
    return found


def hit_labels(session: Session, rep_ids: Iterable[int]) -> dict[int, list[str]]:
    """Sanctions flags of some representatives: the best `listed` match per entity,
    labelled by MatchView.label (as store.sanctions.best_hit_labels)."""
    found: dict[int, list[str]] = {}
    for view in matches(session, rep_ids, listed_only=True):
        found.setdefault(view.entity_id, [view.label()])
    return found
