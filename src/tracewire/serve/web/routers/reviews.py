"""/api/reviews: what reviewers decided, newest first: rejected claims (which every other
view leaves out: here they stay, to be restored), verdicts on sanctions matches, and merges
and splits of entities; each with who, when and, on a server taking reviews, its undo."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from tracewire.resolve.resolution import USER
from tracewire.serve.web.deps import SessionDep
from tracewire.serve.web.pages import reviewing
from tracewire.serve.web.schemas import ClaimOut
from tracewire.store.claim_reviews import newest_page, review_page
from tracewire.store.models import ClaimReviewRow, JudgementRow, MatchReviewRow
from tracewire.store.read import claim_pages as claim_queries
from tracewire.store.read.entities import canonical_names

router = APIRouter(prefix="/api/reviews", tags=["reviews"])
LimitQuery = Annotated[int, Query(ge=1, le=500)]
OffsetQuery = Annotated[int, Query(ge=0)]
AllQuery = Annotated[bool, Query(alias="all", description="Also the undone ones.")]


class Decision(BaseModel):
    """A reviewer's decision: its number, who, when, why, and when it was undone."""

    id: int
    judgement: str
    user: str | None
    at: str
    note: str | None
    undone_at: str | None
    undo: str | None = Field(description="POST here to undo it (a server taking reviews).")


class RejectedClaim(Decision):
    """A claim a reviewer rejected; `claim` is None when no stored claim is read there."""

    claim: ClaimOut | None


class MatchVerdict(Decision):
    """A verdict on an entity against a sanctions-list entry."""

    entity: str
    list_id: str
    entry_id: str
    entry_name: str


class PairJudgement(Decision):
    """Two entities judged the same actor (positive) or never the same (negative)."""

    left: str
    right: str


class ClaimReviewPage(BaseModel):
    """One page of rejected claims."""

    total: int
    limit: int
    offset: int
    items: list[RejectedClaim]


class MatchVerdictPage(BaseModel):
    """One page of match verdicts."""

    total: int
    limit: int
    offset: int
    items: list[MatchVerdict]


class JudgementPage(BaseModel):
    """One page of merges and splits."""

    total: int
    limit: int
    offset: int
    items: list[PairJudgement]


def _decided(
    request: Request, row: ClaimReviewRow | MatchReviewRow | JudgementRow, undo: str,
    note: str | None,
) -> dict[str, Any]:  # fmt: skip
    """The fields of a `Decision` read from its row; `undo` offered while it stands (on a
    server taking reviews)."""
    return {
        "id": row.id, "judgement": row.judgement, "user": row.user,
        "at": row.created_at.isoformat(), "note": note,
        "undone_at": row.deleted_at.isoformat() if row.deleted_at else None,
        "undo": undo if reviewing(request) and row.deleted_at is None else None,
    }  # fmt: skip


def claim_reviews(
    request: Request, session: Session, limit: int, offset: int, everything: bool
) -> ClaimReviewPage:
    """A page of rejected claims, with the claims themselves."""
    total, found = review_page(session, limit, offset, include_undone=everything)
    views = {v.id: v for v in claim_queries.claim_views(session, [c for _r, c in found if c])}
    items = [
        RejectedClaim(
            **_decided(request, row, f"/api/review/claim-reviews/{row.id}/undo", row.note),
            claim=ClaimOut.of(views[claim]) if claim in views else None,
        )
        for row, claim in found
    ]
    return ClaimReviewPage(total=total, limit=limit, offset=offset, items=items)


def match_verdicts(
    request: Request, session: Session, limit: int, offset: int, everything: bool
) -> MatchVerdictPage:
    """A page of verdicts on sanctions matches."""
    where = () if everything else (MatchReviewRow.deleted_at.is_(None),)
    total, rows = newest_page(session, MatchReviewRow, where, limit, offset)
    names = canonical_names(session, {row.entity_key for row in rows})
    items = [
        MatchVerdict(
            **_decided(request, row, f"/api/review/match-reviews/{row.id}/undo", row.note),
            entity=names.get(row.entity_key, row.entity_key),
            list_id=row.list_id,
            entry_id=row.entry_id,
            entry_name=row.entry_name,
        )
        for row in rows
    ]
    return MatchVerdictPage(total=total, limit=limit, offset=offset, items=items)


def pair_judgements(
    request: Request, session: Session, limit: int, offset: int, everything: bool
) -> JudgementPage:
    """A page of users' merges and splits."""
    where = [JudgementRow.origin == USER]
    if not everything:
        where.append(JudgementRow.deleted_at.is_(None))
    total, rows = newest_page(session, JudgementRow, where, limit, offset)
    names = canonical_names(session, {k for row in rows for k in (row.left_key, row.right_key)})
    items = [
        PairJudgement(
            **_decided(request, row, f"/api/review/judgements/{row.id}/undo", row.reason),
            left=names.get(row.left_key, row.left_key),
            right=names.get(row.right_key, row.right_key),
        )
        for row in rows
    ]
    return JudgementPage(total=total, limit=limit, offset=offset, items=items)


@dataclass(frozen=True, slots=True)
class PageQuery:
    """A review list's query: the page and whether undone decisions are listed too."""

    limit: int
    offset: int
    everything: bool


def page_query(
    limit: LimitQuery = 50, offset: OffsetQuery = 0, everything: AllQuery = False
) -> PageQuery:
    """The query parameters every review list takes."""
    return PageQuery(limit, offset, everything)


PageDep = Annotated[PageQuery, Depends(page_query)]


@router.get("/claims", response_model=ClaimReviewPage)
def list_claim_reviews(request: Request, session: SessionDep, page: PageDep) -> ClaimReviewPage:
    """Claims reviewers rejected (left out of every other view), newest first."""
    return claim_reviews(request, session, page.limit, page.offset, page.everything)


@router.get("/matches", response_model=MatchVerdictPage)
def list_match_verdicts(request: Request, session: SessionDep, page: PageDep) -> MatchVerdictPage:
    """Reviewers' verdicts on sanctions matches, newest first."""
    return match_verdicts(request, session, page.limit, page.offset, page.everything)


@router.get("/judgements", response_model=JudgementPage)
def list_judgements(request: Request, session: SessionDep, page: PageDep) -> JudgementPage:
    """Users' merges and splits of entities, newest first."""
    return pair_judgements(request, session, page.limit, page.offset, page.everything)
