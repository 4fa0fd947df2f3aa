"""Reviewers' rejections of claims, kept as judgements (who, when) and undone by marking
them deleted, as entity judgements are (store/resolution.py).

A rejected claim stays in the claims table (a rejection outlives re-extraction because it
names the claim by where it is read) but every reader leaves it out: the claims table and
its exports, dossiers, the graph, search and the whole-store exports; the party aggregates
(store/edges.py) are recounted for the claim's parties when it is rejected or restored.
Only the review list shows it, to be restored."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy.orm import Session

from tracewire.store.models import ClaimReviewRow, ClaimRow, JudgementRow, MatchReviewRow
from tracewire.store.writer import now

REJECTED = "rejected"
R = ClaimReviewRow.__table__.c
C = ClaimRow.__table__.c
# the tables of reviewers' decisions, which the review lists page through alike
Decision = TypeVar("Decision", ClaimReviewRow, MatchReviewRow, JudgementRow)


def reject_claim(
    session: Session, claim_id: int, *, user: str, note: str | None = None
) -> ClaimReviewRow:
    """Record that a claim is wrong; LookupError for an unknown claim."""
    claim = session.get(ClaimRow, claim_id)
    if claim is None:
        raise LookupError(f"no claim with id {claim_id}")
    row = ClaimReviewRow(
        document_id=claim.document_id, evidence_start=claim.evidence_start,
        subject_start=claim.subject_start, object_start=claim.object_start,
        relation=claim.relation, judgement=REJECTED, user=user, note=note, created_at=now(),
    )  # fmt: skip
    session.add(row)
    session.flush()
    _recount(session, [claim])
    return row


def _recount(session: Session, claims: list[ClaimRow]) -> None:
    from tracewire.store.edges import recount_parties  # noqa: PLC0415 - edges imports us

    recount_parties(session, {e for c in claims for e in (c.subject_id, c.object_id)})


def undo_claim_review(session: Session, review_id: int) -> ClaimReviewRow:
    """Retract a rejection (kept, marked deleted); LookupError when there is none."""
    row = session.get(ClaimReviewRow, review_id)
    if row is None or row.deleted_at is not None:
        raise LookupError(f"no standing claim review number {review_id}")
    row.deleted_at = now()
    session.flush()
    _recount(session, list(session.scalars(select(ClaimRow).where(*_same_place(row)))))
    return row


def _same_place(row: ClaimReviewRow) -> tuple[ColumnElement[bool], ...]:
    """The claims read where a review says (re-extraction may have renumbered them)."""
    return (
        C.document_id == row.document_id, C.evidence_start == row.evidence_start,
        C.subject_start == row.subject_start, C.object_start == row.object_start,
        C.relation == row.relation,
    )  # fmt: skip


def rejected() -> ColumnElement[bool]:
    """Claims a standing review rejects (a condition on the claims table)."""
    return exists().where(
        and_(
            R.document_id == C.document_id, R.evidence_start == C.evidence_start,
            R.subject_start == C.subject_start, R.object_start == C.object_start,
            R.relation == C.relation, R.deleted_at.is_(None),
        )
    )  # fmt: skip


def rejected_ids(session: Session, claim_ids: list[int]) -> dict[int, int]:
    """Of these claims, the rejected ones, with the id of the review that rejects them."""
    if not claim_ids:
        return {}
    query = (
        select(C.id, R.id)
        .join(ClaimReviewRow.__table__, and_(
            R.document_id == C.document_id, R.evidence_start == C.evidence_start,
            R.subject_start == C.subject_start, R.object_start == C.object_start,
            R.relation == C.relation, R.deleted_at.is_(None)))
        .where(C.id.in_(claim_ids))
    )  # fmt: skip
    return {int(c): int(r) for c, r in session.execute(query)}


def any_rejected(session: Session) -> bool:
    """Whether any standing review rejects a claim (filters skip the check when none does)."""
    found = session.scalar(select(R.id).where(R.deleted_at.is_(None)).limit(1))
    return found is not None


def review_page(
    session: Session, limit: int, offset: int = 0, *, include_undone: bool = False
) -> tuple[int, list[tuple[ClaimReviewRow, int | None]]]:
    """How many rejections there are (standing ones, or all with `include_undone`), and a
    page of them newest first, each with the id of the claim it names (None when a
    re-extraction no longer reads that claim)."""
    where = () if include_undone else (R.deleted_at.is_(None),)
    total, rows = newest_page(session, ClaimReviewRow, where, limit, offset)
    found = []
    for row in rows:
        claim = session.scalar(select(func.min(C.id)).where(*_same_place(row)))
        found.append((row, int(claim) if claim is not None else None))
    return total, found


def newest_page(
    session: Session,
    table: type[Decision],
    where: Sequence[ColumnElement[bool]],
    limit: int,
    offset: int,
) -> tuple[int, Sequence[Decision]]:
    """How many decisions of `table` meet `where`, and a page of them newest first."""
    total = session.scalar(select(func.count(table.id)).where(*where)) or 0
    rows = session.scalars(
        select(table).where(*where).order_by(table.id.desc()).limit(limit).offset(offset)
    ).all()
    return int(total), rows
