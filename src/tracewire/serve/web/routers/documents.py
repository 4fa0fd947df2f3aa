"""/api/documents: the stored reports as sources (sortable, paged), and one report's text
with every evidence span in it. No local file path is served: a file is named by its name."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from tracewire.serve.ftm_entities import publisher_of
from tracewire.serve.web.claim_params import check_choice
from tracewire.serve.web.deps import SessionDep
from tracewire.serve.web.highlight import spans
from tracewire.serve.web.schemas import (
    DocumentOut,
    EvidenceSpan,
    SourceOut,
    SourcePage,
    json_response,
)
from tracewire.store.read import claim_pages as claim_queries
from tracewire.store.read.documents import SORT_KEYS, public_source, source_page

router = APIRouter(prefix="/api/documents", tags=["documents"])


@router.get("", response_model=SourcePage)
def list_documents(
    session: SessionDep,
    sort: Annotated[str, Query(description=f"One of {SORT_KEYS} ('-': descending).")] = (
        "-published"
    ),
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """Documents with title, publisher, publication date, address and claim count."""
    check_choice("sort", sort, SORT_KEYS)
    total, found = source_page(session, sort, limit, offset)
    items = [SourceOut.model_validate(source, from_attributes=True) for source in found]
    return json_response(SourcePage(total=total, limit=limit, offset=offset, items=items))


@router.get("/{document_id}", response_model=DocumentOut)
def get_document(document_id: str, session: SessionDep) -> Response:
    """Text, title and metadata, with each evidence span and the claims resting on it."""
    doc = claim_queries.document(session, document_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {document_id}")
    out = DocumentOut(
        id=doc.id,
        name=doc.name,
        title=doc.title,
        publisher=publisher_of(doc.url, doc.publisher),
        published=doc.published,
        url=doc.url,
        source=public_source(doc.source, doc.name),
        text=doc.text,
        spans=[
            EvidenceSpan(start=s.start, end=s.end, claim_ids=list(s.claim_ids))
            for s in spans(claim_queries.evidence_spans(session, document_id))
        ],
    )
    return json_response(out)
