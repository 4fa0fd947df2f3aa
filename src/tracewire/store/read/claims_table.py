"""The claims table: claims filtered by every column and sorted by one, a page at a time.

Filters that name entities (party, country, sanctions level) become raw entity ids here
(each cluster's members; a country's bodies through their `part_of` links), and the
table's query then runs on the claims table and its indexes alone, as
`serve.web.claim_queries.ClaimFilter` builds it. Only sorting by a party's or source's
name joins another table (a party sorts by the name of the entity the claim names, which
is its cluster's name but for members of a merged cluster).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from tracewire.store.models import EntityLinkRow, MatchRow
from tracewire.store.read.claim_pages import DOCUMENTS, C, ClaimFilter
from tracewire.store.read.clusters import ENTITIES, EntityRef, members_by_rep, rep_map
from tracewire.store.sanctions import LEVEL_ORDER, REJECTED

SANCTIONS_LEVELS = [level for level in LEVEL_ORDER if level != REJECTED]
_SUBJECT = ENTITIES.alias("sort_subject")
_OBJECT = ENTITIES.alias("sort_object")
# sort key -> (column, the table it needs joined: None for the claims table itself)
SORTS: dict[str, tuple[ColumnElement[object], str | None]] = {
    "id": (C.id, None),
    "date": (C.date, None),
    "relation": (C.relation, None),
    "technology": (C.technology, None),
    "subject": (_SUBJECT.c.canonical, "subject"),
    "object": (_OBJECT.c.canonical, "object"),
    "published": (DOCUMENTS.c.published, "document"),
    "source": (func.coalesce(DOCUMENTS.c.title, DOCUMENTS.c.name), "document"),
}
SORT_KEYS = [key for name in SORTS for key in (name, f"-{name}")]


@dataclass(frozen=True, slots=True)
class TablePage:
    """One page of the table: how many claims pass the filter, and this page's ids."""

    total: int
    ids: list[int]


def country_members(session: Session, country: EntityRef) -> list[int]:
    """Raw ids of a country's cluster and of every body `part_of` it (their clusters too)."""
    keys = set(session.scalars(select(ENTITIES.c.key).where(
        func.coalesce(ENTITIES.c.cluster_key, ENTITIES.c.key) == country.key)))  # fmt: skip
    children = session.scalars(
        select(EntityLinkRow.child_key).where(
            EntityLinkRow.relation == "part_of", EntityLinkRow.parent_key.in_(keys)
        )
    ).all()
    ids = set(session.scalars(select(ENTITIES.c.id).where(ENTITIES.c.key.in_(keys))))
    if children:
        child_ids = session.scalars(select(ENTITIES.c.id).where(ENTITIES.c.key.in_(children)))
        reps = rep_map(session, child_ids).values()
        ids |= {raw for members in members_by_rep(session, list(reps)).values() for raw in members}
    return sorted(ids)


def sanctioned_members(session: Session, level: str) -> list[int]:
    """Raw ids of the clusters whose representative has a match at `level` (not rejected
    by a reviewer)."""
    reps = session.scalars(
        select(MatchRow.entity_id).where(MatchRow.level == level).distinct()
    ).all()
    refs = rep_map(session, reps)
    found = members_by_rep(session, list({r.id: r for r in refs.values()}.values()))
    return sorted({raw for members in found.values() for raw in members})


def table_page(
    session: Session, where: ClaimFilter, sort: str, limit: int, offset: int
) -> TablePage:
    """The claims passing `where`, sorted by `sort` (a SORT_KEYS value; ties by id)."""
    conditions = where.conditions()
    column, join = SORTS[sort.lstrip("-")]
    descending = sort.startswith("-")
    # The total rides along the page (one pass over the matching claims instead of two);
    # a page past the end has no row to carry it, and counts on its own.
    query = select(C.id, func.count().over()).where(*conditions)
    if join == "subject":
        query = query.join(_SUBJECT, _SUBJECT.c.id == C.subject_id)
    elif join == "object":
        query = query.join(_OBJECT, _OBJECT.c.id == C.object_id)
    elif join == "document":
        query = query.join(DOCUMENTS, DOCUMENTS.c.id == C.document_id)
    order = column.desc() if descending else column.asc()
    rows = session.execute(
        query.order_by(order.nulls_last(), C.id.desc() if descending else C.id)
        .limit(limit)
        .offset(offset)
    ).all()
    if rows:
        total, ids = rows[0][1], [row[0] for row in rows]
    else:
        total, ids = session.scalar(select(func.count(C.id)).where(*conditions)) or 0, []
    return TablePage(int(total), list(ids))
