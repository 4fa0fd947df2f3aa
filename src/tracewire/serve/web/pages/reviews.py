"""/reviews: what reviewers decided (rejected claims, match verdicts, merges and splits),
each with who and when and, on a server taking reviews, a button to undo it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from tracewire.serve.web.deps import SessionDep
from tracewire.serve.web.pages import templates
from tracewire.serve.web.routers.reviews import claim_reviews, match_verdicts, pair_judgements

router = APIRouter(tags=["pages"], include_in_schema=False)
PAGE = 100


@router.get("/reviews", response_class=HTMLResponse)
def reviews_page(
    request: Request,
    session: SessionDep,
    everything: Annotated[bool, Query(alias="all")] = False,
) -> Response:
    """The newest decisions of each kind (the undone ones too with ?all=true)."""
    context = {
        "claims": claim_reviews(request, session, PAGE, 0, everything),
        "matches": match_verdicts(request, session, PAGE, 0, everything),
        "judgements": pair_judgements(request, session, PAGE, 0, everything),
        "everything": everything,
    }
    return templates.TemplateResponse(request, "reviews.html", context)
