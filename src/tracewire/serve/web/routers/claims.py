"""/api/claims: claims filtered by each column of the claims table, sorted, paged."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from tracewire.serve.web.claim_params import ClaimQueryDep
from tracewire.serve.web.deps import SessionDep
from tracewire.serve.web.schemas import ClaimOut, ClaimPage, json_response
from tracewire.store.read import claim_pages as claim_queries
from tracewire.store.read.claims_table import table_page

router = APIRouter(prefix="/api/claims", tags=["claims"])


@router.get("", response_model=ClaimPage)
def list_claims(
    *,
    session: SessionDep,
    query: ClaimQueryDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Claims filtered by relation, hedging, technology class, party, country, sanctions
    level, overlapping date range and document; sorted by `sort` (default: store order,
    document by document); page through them all with `offset`."""
    page = table_page(session, query.where, query.sort, limit, offset)
    items = [ClaimOut.of(view) for view in claim_queries.claim_views(session, page.ids)]
    return json_response(ClaimPage(total=page.total, limit=limit, offset=offset, items=items))
