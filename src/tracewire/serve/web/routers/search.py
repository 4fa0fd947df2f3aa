"""/api/search: full-text search over evidence sentences or document text."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from tracewire.serve.web.deps import SessionDep
from tracewire.serve.web.schemas import json_response
from tracewire.store.read.search import Hit, search_documents, search_evidence

router = APIRouter(prefix="/api/search", tags=["search"])
MAX_QUERY = 256


class SearchHit(BaseModel):
    """A matching sentence or passage, with the matched words' offsets in `snippet`."""

    kind: str = Field(description="evidence (a claim's sentence) or document (its text)")
    document_id: str
    document_name: str
    document_title: str | None
    claim_id: int | None
    start: int = Field(description="Offset of the snippet in the document text (-1: unknown).")
    snippet: str
    marks: list[tuple[int, int]]
    url: str = Field(description="The document page at the place of the hit.")


class SearchPage(BaseModel):
    """One page of hits."""

    total: int
    limit: int
    offset: int
    items: list[SearchHit]


def hit_url(hit: Hit, query: str) -> str:
    """The document page, scrolled to a claim's evidence or to the passage found."""
    if hit.claim_id is not None:
        return f"/documents/{hit.document_id}?{urlencode({'q': query})}#claim-{hit.claim_id}"
    if hit.start >= 0:
        params = urlencode({"q": query, "at": hit.start})
        return f"/documents/{hit.document_id}?{params}#at-{hit.start}"
    return f"/documents/{hit.document_id}?{urlencode({'q': query})}"


def hit_out(hit: Hit, query: str) -> SearchHit:
    """The response form of a hit."""
    return SearchHit(
        kind=hit.kind, document_id=hit.document_id, document_name=hit.document_name,
        document_title=hit.document_title, claim_id=hit.claim_id, start=hit.start,
        snippet=hit.snippet, marks=list(hit.marks), url=hit_url(hit, query),
    )  # fmt: skip


@router.get("", response_model=SearchPage)
def search(
    session: SessionDep,
    q: Annotated[
        str, Query(min_length=1, max_length=MAX_QUERY, description="Words that must all occur.")
    ],
    in_: Annotated[
        Literal["evidence", "documents"],
        Query(alias="in", description="Evidence sentences or the documents' text."),
    ] = "evidence",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Hits best first (stemmed English: "chairs" finds "chair")."""
    find = search_evidence if in_ == "evidence" else search_documents
    total, hits = find(session, q, limit, offset)
    items = [hit_out(h, q) for h in hits]
    return json_response(SearchPage(total=total, limit=limit, offset=offset, items=items))
