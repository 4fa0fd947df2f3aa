"""Reviewers' rejections of claims, kept as judgements (who, when) and undone by marking
them deleted, as entity judgements are (store/resolution.py)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, select
from sqlalchemy.orm import Session

from tracewire.store.models import ClaimReviewRow, ClaimRow
from tracewire.store.writer import now

REJECTED = "rejected"
R = ClaimReviewRow.__table__.c
C = ClaimRow.__table__.c


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
    return row


def undo_claim_review(session: Session, review_id: int) -> ClaimReviewRow:
    """Retract a rejection (kept, marked deleted); LookupError when there is none."""
    row = session.get(ClaimReviewRow, review_id)
    if row is None or row.deleted_at is not None:
        raise LookupError(f"no standing claim review number {review_id}")
    row.deleted_at = now()
    session.flush()
    return row


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
