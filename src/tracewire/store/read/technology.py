"""Technology classes as a facet: claims per class, and who supplies a class to whom."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracewire.records import Relation
from tracewire.store.claim_reviews import any_rejected, rejected
from tracewire.store.models import ClaimHedgeRow, ClaimRow, ClaimTechnologyRow
from tracewire.store.read.clusters import EntityRef, rep_map

T = ClaimTechnologyRow.__table__.c
C = ClaimRow.__table__.c
# Relations in which the subject provides the technology to the object.
PROVIDING = (Relation.SUPPLIES.value, Relation.TRAINS.value, Relation.CONTRACT.value)


@dataclass(frozen=True, slots=True)
class Party:
    """A supplier or recipient of a class: the entity, its claims, and how many of them
    are only denied."""

    entity: EntityRef
    claims: int
    denied: int


@dataclass(frozen=True, slots=True)
class ClassTrade:
    """Who provides a technology class (subjects) and who receives it (objects)."""

    claims: int
    suppliers: list[Party]
    recipients: list[Party]


def class_counts(session: Session) -> dict[str, int]:
    """Claims per technology class id (rejected claims left out)."""
    query = select(T.technology_class, func.count()).group_by(T.technology_class)
    if any_rejected(session):
        query = query.where(T.claim_id.in_(select(C.id).where(~rejected())))
    rows = session.execute(query).tuples()
    return {cls: int(n) for cls, n in rows}


def class_trade(session: Session, class_id: str, top: int = 100) -> ClassTrade:
    """The suppliers and recipients of one class, most claims first (at most `top`)."""
    in_class = select(T.claim_id).where(T.technology_class == class_id)
    if any_rejected(session):
        in_class = in_class.where(T.claim_id.in_(select(C.id).where(~rejected())))
    denied = select(ClaimHedgeRow.claim_id).where(ClaimHedgeRow.label == "denied")
    rows = session.execute(
        select(C.subject_id, C.object_id, C.id.in_(denied)).where(
            C.id.in_(in_class), C.relation.in_(PROVIDING)
        )
    ).all()
    total = session.scalar(select(func.count()).select_from(in_class.subquery())) or 0
    reps = rep_map(session, {r[0] for r in rows} | {r[1] for r in rows})
    return ClassTrade(
        int(total), _parties(reps, [(r[0], bool(r[2])) for r in rows], top),
        _parties(reps, [(r[1], bool(r[2])) for r in rows], top),
    )  # fmt: skip


def _parties(reps: dict[int, EntityRef], found: list[tuple[int, bool]], top: int) -> list[Party]:
    claims: Counter[int] = Counter()
    denied: Counter[int] = Counter()
    refs: dict[int, EntityRef] = {}
    for raw, is_denied in found:
        rep = reps[raw]
        refs[rep.id] = rep
        claims[rep.id] += 1
        denied[rep.id] += is_denied
    ranked = sorted(claims, key=lambda i: (-claims[i], refs[i].canonical.lower(), i))
    return [Party(refs[i], claims[i], denied[i]) for i in ranked[:top]]
