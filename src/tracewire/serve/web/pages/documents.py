"""/documents/{id}: a report with every evidence span highlighted."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from tracewire.serve.web.deps import SessionDep
from tracewire.serve.web.highlight import pieces
from tracewire.serve.web.pages import templates
from tracewire.store.read import claim_pages as claim_queries

router = APIRouter(prefix="/documents", tags=["pages"], include_in_schema=False)


@router.get("/{document_id}", response_class=HTMLResponse)
def document_page(document_id: str, request: Request, session: SessionDep) -> HTMLResponse:
    """The text cut at the evidence offsets, each piece escaped, evidence in `<mark>`s."""
    doc = claim_queries.document(session, document_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {document_id}")
    evidence = claim_queries.evidence_spans(session, document_id)
    claims = claim_queries.claim_views(session, [claim_id for claim_id, _s, _e in evidence])
    return templates.TemplateResponse(
        request,
        "document.html",
        {"doc": doc, "pieces": pieces(doc.text, evidence), "claims": claims},
    )
