"""/api/review: merge and split entities, reject claims, confirm or reject sanctions
matches, and undo, recorded as the same judgements the CLI stores (who, when). Mounted
only when the server runs with --review; every write needs the token (`review.py`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from tracewire.serve.web.deps import get_store
from tracewire.serve.web.review import check_write
from tracewire.store import Store
from tracewire.store.claim_reviews import reject_claim, undo_claim_review
from tracewire.store.models import ClaimReviewRow, EntityRow, JudgementRow, MatchReviewRow
from tracewire.store.read import clusters as queries
from tracewire.store.reviews import EntryRef, find_entry

router = APIRouter(prefix="/api/review", tags=["review"])
WriterDep = Annotated[str, Depends(check_write)]
StoreDep = Annotated[Store, Depends(get_store)]


class PairIn(BaseModel):
    """Two entities (ids as the pages show them) and why."""

    left: int
    right: int
    reason: str | None = Field(default=None, max_length=500)


class ClaimReviewIn(BaseModel):
    """Why a claim is wrong."""

    note: str | None = Field(default=None, max_length=500)


class MatchReviewIn(BaseModel):
    """A reviewer's verdict on an entity against a sanctions-list entry."""

    entity: int
    entry: str = Field(description="The entry id or name among the entity's matches.")
    list_id: str | None = None
    judgement: Literal["confirmed", "rejected"]
    note: str | None = Field(default=None, max_length=500)


class Done(BaseModel):
    """What was recorded: its kind and number (for undo), who and when."""

    kind: str
    id: int
    user: str | None
    at: str
    undo: str | None = Field(description="POST here to undo it.")


@contextmanager
def _found() -> Iterator[None]:
    """A decision the store cannot find (LookupError) as a 404 naming it."""
    try:
        yield
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc


Decided = ClaimReviewRow | JudgementRow | MatchReviewRow


def _recorded(kind: str, row: Decided, undo: str) -> Done:
    """What a review recorded, with the path that undoes it (`undo`: its collection)."""
    return Done(kind=kind, id=row.id, user=row.user, at=row.created_at.isoformat(),
                undo=f"/api/review/{undo}/{row.id}/undo")  # fmt: skip


def _undone(row: Decided, user: str) -> Done:
    """What an undo recorded: the decision's number, who undid it and when."""
    stamp = row.deleted_at.isoformat() if row.deleted_at else ""
    return Done(kind="undone", id=row.id, user=user, at=stamp, undo=None)


def _key(session: Session, entity_id: int) -> str:
    row = session.get(EntityRow, entity_id)
    if row is None:
        raise HTTPException(404, f"no entity with id {entity_id}")
    return row.key


def _pair(store: Store, body: PairIn, user: str, *, positive: bool) -> Done:
    with store.writer() as writer:
        session = writer.session
        left, right = _key(session, body.left), _key(session, body.right)
        if left == right:
            raise HTTPException(422, "an entity cannot be judged against itself")
        row = writer.judge(left, right, positive=positive, user=user, reason=body.reason)
        return _recorded(row.judgement, row, "judgements")


@router.post("/merge", response_model=Done)
def merge(body: PairIn, store: StoreDep, user: WriterDep) -> Done:
    """Judge that two entities are one actor (as `tracewire merge`)."""
    return _pair(store, body, user, positive=True)


@router.post("/split", response_model=Done)
def split(body: PairIn, store: StoreDep, user: WriterDep) -> Done:
    """Judge that two entities are different actors, never merged (as `tracewire split`)."""
    return _pair(store, body, user, positive=False)


@router.post("/judgements/{number}/undo", response_model=Done)
def undo_judgement(number: int, store: StoreDep, user: WriterDep) -> Done:
    """Retract a merge or split (kept as undone, as `tracewire undo`)."""
    with store.writer() as writer, _found():
        row = writer.undo(number)
        return _undone(row, user)


@router.post("/claims/{claim_id}/reject", response_model=Done)
def reject(claim_id: int, body: ClaimReviewIn, store: StoreDep, user: WriterDep) -> Done:
    """Record that a claim misreads its sentence: the claims table leaves it out."""
    with store.writer() as writer:
        with _found():
            row = reject_claim(writer.session, claim_id, user=user, note=body.note)
        return _recorded("rejected", row, "claim-reviews")


@router.post("/claim-reviews/{number}/undo", response_model=Done)
def undo_reject(number: int, store: StoreDep, user: WriterDep) -> Done:
    """Retract a claim's rejection (kept as undone)."""
    with store.writer() as writer, _found():
        row = undo_claim_review(writer.session, number)
        return _undone(row, user)


@router.post("/matches", response_model=Done)
def review(body: MatchReviewIn, store: StoreDep, user: WriterDep) -> Done:
    """Confirm or reject a sanctions match (as `tracewire match confirm/reject`); a later
    verdict on the same pair stands over it, and undoing a verdict brings back the level
    before it."""
    with store.writer() as writer:
        session = writer.session
        rep = queries.representative(session, body.entity)
        if rep is None:
            raise HTTPException(404, f"no entity with id {body.entity}")
        try:
            entry: EntryRef = find_entry(session, rep.id, body.entry, body.list_id)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from exc
        row: MatchReviewRow = writer.review_match(rep.key, entry, body.judgement, user=user,
                                           note=body.note)  # fmt: skip
        return _recorded(row.judgement, row, "match-reviews")


@router.post("/match-reviews/{number}/undo", response_model=Done)
def undo_match_review(number: int, store: StoreDep, user: WriterDep) -> Done:
    """Retract a verdict on a match (kept as undone, as `tracewire match undo`)."""
    with store.writer() as writer, _found():
        row = writer.undo_match_review(number)
        return _undone(row, user)
