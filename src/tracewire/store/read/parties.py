"""Queries over the claims around one cluster (its raw member ids): a dossier's counts, its
counterparties ranked, the edges to some of them, and the claims behind those edges.

Each query reads the claims from both sides, as subject (`subject_id IN members`) and as
object (`object_id IN members` and the subject not a member, so a claim between two members
is read once), and aggregates in SQL, so a hub with thousands of claims costs index scans and
returns only what the page shows. RECOMMENDED_INDEXES make those scans index-only.
Claims a reviewer rejected are left out (a probe of claim_reviews' index per claim). The
counterparties and the edges can be narrowed to the claims of one technology class (the
network view's filter); those statements are built per request.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, literal, select, union_all
from sqlalchemy.orm import Session

from tracewire.store.claim_reviews import rejected
from tracewire.store.models import ClaimTechnologyRow
from tracewire.store.read.clusters import CLAIMS, RAW, REP, ids_param

# Covering indexes for these queries (a store migration; the queries work without them).
RECOMMENDED_INDEXES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ix_claims_subject_object": (
        "claims",
        ("subject_id", "object_id", "relation", "hedging", "date"),
    ),
    "ix_claims_object_subject": (
        "claims",
        ("object_id", "subject_id", "relation", "hedging", "date"),
    ),
    "ix_mentions_entity_text_document": ("mentions", ("entity_id", "text", "document_id")),
}
_MEMBERS, _OTHERS = ids_param("members"), ids_param("others")
C = CLAIMS.c
TECHNOLOGIES = ClaimTechnologyRow.__table__.c


def in_class(technology: str) -> Any:
    """Claims whose technology falls into the class (an index range of claim_technologies)."""
    return C.id.in_(
        select(TECHNOLOGIES.claim_id).where(TECHNOLOGIES.technology_class == technology)
    )


def _sides(*columns: Any, others: bool = False, where: tuple[Any, ...] = ()) -> tuple[Any, Any]:
    """The claims with the cluster as subject, and those with it as object only (each
    restricted to counterparties in `others` when asked, and by `where`), but the rejected
    ones."""
    as_subject = select(*columns).where(C.subject_id.in_(_MEMBERS), ~rejected(), *where)
    as_object = select(*columns).where(
        C.object_id.in_(_MEMBERS), C.subject_id.not_in(_MEMBERS), ~rejected(), *where
    )
    if others:
        as_subject = as_subject.where(C.object_id.in_(_OTHERS))
        as_object = as_object.where(C.subject_id.in_(_OTHERS))
    return as_subject, as_object


def _relation_counts() -> Any:
    as_subject, as_object = _sides(C.relation, func.count())
    return union_all(
        as_subject.add_columns(literal("out")).group_by(C.relation),
        as_object.add_columns(literal("in")).group_by(C.relation),
    )


def _counterparty_counts(where: tuple[Any, ...] = ()) -> Any:
    sides = union_all(
        _sides(C.object_id.label("other"), where=where)[0],
        _sides(C.subject_id.label("other"), where=where)[1],
    ).subquery()
    per_raw = select(sides.c.other, func.count().label("claims")).group_by(sides.c.other)
    per_raw_sub = per_raw.subquery()
    return (
        select(REP.c.id, func.sum(per_raw_sub.c.claims))
        .select_from(per_raw_sub)
        .join(RAW, RAW.c.id == per_raw_sub.c.other)
        .join(REP, REP.c.key == func.coalesce(RAW.c.cluster_key, RAW.c.key))
        .group_by(REP.c.id)
    )


_TRIPLE = (C.subject_id, C.relation, C.object_id, C.hedging)


def _triples(where: tuple[Any, ...] = ()) -> Any:
    as_subject, as_object = _sides(*_TRIPLE, func.count(), others=True, where=where)
    return union_all(as_subject.group_by(*_TRIPLE), as_object.group_by(*_TRIPLE))


def _pair_claim_ids() -> Any:
    sides = union_all(*_sides(C.id, C.subject_id, C.relation, C.object_id, others=True))
    sub = sides.subquery()
    rank = func.row_number().over(
        partition_by=(sub.c.subject_id, sub.c.relation, sub.c.object_id), order_by=sub.c.id
    )
    ranked = select(sub, rank.label("rank")).subquery()
    return (
        select(ranked.c.id, ranked.c.subject_id, ranked.c.relation, ranked.c.object_id)
        .where(ranked.c.rank <= bindparam("per_pair"))
        .order_by(ranked.c.id)
    )


def _dated() -> Any:
    dated = (C.date.is_not(None), C.date != "")
    as_subject, as_object = _sides(C.id, C.date)
    return union_all(as_subject.where(*dated), as_object.where(*dated)).subquery()


RELATION_COUNTS = _relation_counts()
COUNTERPARTY_COUNTS = _counterparty_counts()
TRIPLES = _triples()
PAIR_CLAIM_IDS = _pair_claim_ids()
_DATED = _dated()
DATED_IDS = select(_DATED.c.id).order_by(_DATED.c.date, _DATED.c.id).limit(bindparam("limit"))


@dataclass(frozen=True, slots=True)
class Triple:
    """Claims between two raw entities under one relation and one set of hedging labels."""

    subject_id: int
    relation: str
    object_id: int
    hedging: str
    claims: int


def relation_counts(session: Session, members: Collection[int]) -> dict[tuple[str, str], int]:
    """Claims by (relation, "out" as subject / "in" as object)."""
    rows = session.execute(RELATION_COUNTS, {"members": list(members)})
    return {(relation, side): int(n) for relation, n, side in rows}


def counterparty_counts(
    session: Session, members: Collection[int], technology: str | None = None
) -> dict[int, int]:
    """Claims shared with each counterparty, by representative id (the cluster itself when a
    claim is between two of its members); of one technology class when asked."""
    statement = (
        COUNTERPARTY_COUNTS if technology is None else _counterparty_counts((in_class(technology),))
    )
    rows = session.execute(statement, {"members": list(members)})
    return {int(rep_id): int(n) for rep_id, n in rows}


def triples(
    session: Session,
    members: Collection[int],
    others: Collection[int],
    technology: str | None = None,
) -> list[Triple]:
    """Claims between the cluster and some raw entities (of one technology class when
    asked), counted by (subject, relation, object, hedging)."""
    statement = TRIPLES if technology is None else _triples((in_class(technology),))
    rows = session.execute(statement, {"members": list(members), "others": list(others)})
    return [Triple(s, r, o, h, int(n)) for s, r, o, h, n in rows]


def pair_claims(
    session: Session, members: Collection[int], others: Collection[int], per_pair: int
) -> list[tuple[int, int, str, int]]:
    """(id, subject, relation, object) of up to `per_pair` claims (in store order) per raw
    (subject, relation, object) between the cluster and some raw entities."""
    params = {"members": list(members), "others": list(others), "per_pair": per_pair}
    return [(c, s, r, o) for c, s, r, o in session.execute(PAIR_CLAIM_IDS, params)]


def dated_claim_ids(session: Session, members: Collection[int], limit: int) -> list[int]:
    """The earliest `limit` of the cluster's claims that carry a date."""
    return list(session.scalars(DATED_IDS, {"members": list(members), "limit": limit}))
