"""/api/documents/{id}: a report's text and every evidence span in it."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response

from tracewire.serve.web.deps import SessionDep
from tracewire.serve.web.highlight import spans
from tracewire.serve.web.schemas import DocumentOut, EvidenceSpan, json_response
from tracewire.store.read import claim_pages as claim_queries

router = APIRouter(prefix="/api/documents", tags=["documents"])


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
        published=doc.published,
        url=doc.url,
        source=doc.source,
        text=doc.text,
        spans=[
            EvidenceSpan(start=s.start, end=s.end, claim_ids=list(s.claim_ids))
            for s in spans(claim_queries.evidence_spans(session, document_id))
        ],
    )
    return json_response(out)
