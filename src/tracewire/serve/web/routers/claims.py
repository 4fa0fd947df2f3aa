"""/api/claims: claims filtered by relation, hedging, party, date range and document."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from tracewire.records import Hedge
from tracewire.serve.web.deps import SessionDep, representative_or_404
from tracewire.serve.web.schemas import ClaimOut, ClaimPage, json_response
from tracewire.store.read import claim_pages as claim_queries
from tracewire.store.read import clusters as queries
from tracewire.store.read.claim_pages import ClaimFilter

router = APIRouter(prefix="/api/claims", tags=["claims"])
DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD; claims whose (partial) date overlaps the range."


@router.get("", response_model=ClaimPage)
def list_claims(
    *,
    session: SessionDep,
    relation: str | None = None,
    hedging: Annotated[Hedge | None, Query(description="Claims carrying this label.")] = None,
    party: Annotated[
        int | None, Query(description="An entity id: claims with its cluster as either party.")
    ] = None,
    counterparty: Annotated[
        int | None,
        Query(description="An entity id: only claims between `party` and its cluster."),
    ] = None,
    date_from: Annotated[str | None, Query(description=DATE_HELP)] = None,
    date_to: Annotated[str | None, Query(description=DATE_HELP)] = None,
    document: Annotated[str | None, Query(description="A document id.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Claims in store order (document by document, sentence by sentence); page through
    them all with `offset`."""
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if value is not None and not claim_queries.valid_date(value):
            raise HTTPException(422, f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    if counterparty is not None and party is None:
        raise HTTPException(422, "counterparty needs party")
    members = others = None
    if party is not None:
        members = queries.members(session, representative_or_404(session, party))
    if counterparty is not None:
        others = queries.members(session, representative_or_404(session, counterparty))
    where = ClaimFilter(
        relation=relation,
        hedging=hedging.value if hedging else None,
        party=members,
        counterparty=others,
        date_from=date_from,
        date_to=date_to,
        document=document,
    )
    total, ids = claim_queries.claim_page(session, where, limit, offset)
    items = [ClaimOut.of(view) for view in claim_queries.claim_views(session, ids)]
    return json_response(ClaimPage(total=total, limit=limit, offset=offset, items=items))
