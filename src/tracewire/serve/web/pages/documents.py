"""/documents/{id}: a report with every evidence span highlighted, and with `?q=` the
searched words too (`&at=` marks the passage a search hit points at, `#at-<offset>`)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from tracewire.serve.web.deps import SessionDep
from tracewire.serve.web.highlight import pieces
from tracewire.serve.web.pages import templates
from tracewire.store.read import claim_pages as claim_queries
from tracewire.store.read.search import terms

router = APIRouter(prefix="/documents", tags=["pages"], include_in_schema=False)
MAX_HITS = 500
SUFFIXES = ("ing", "ed", "es", "s")  # cut from a searched word: the index stems, roughly


def word_hits(text: str, query: str) -> list[tuple[int, int]]:
    """Where the words of a search occur in `text`: (start, end), in text order (a word
    matches its stem's forms: "chairs" marks "chair" and "chairs")."""
    stems = []
    for word in terms(query):
        stem = next((word[: -len(s)] for s in SUFFIXES if word.endswith(s) and
                     len(word) - len(s) >= 3), word)  # fmt: skip
        stems.append(re.escape(stem))
    if not stems:
        return []
    pattern = re.compile(rf"\b(?:{'|'.join(stems)})\w*", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)][:MAX_HITS]


@router.get("/{document_id}", response_class=HTMLResponse)
def document_page(
    document_id: str,
    request: Request,
    session: SessionDep,
    q: Annotated[str, Query(max_length=256)] = "",
    at: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    """The text cut at the evidence offsets, each piece escaped, evidence in `<mark>`s,
    searched words in `<mark class="hit">`s (negative ids among the claims' marks)."""
    doc = claim_queries.document(session, document_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {document_id}")
    evidence = claim_queries.evidence_spans(session, document_id)
    claims = claim_queries.claim_views(session, [claim_id for claim_id, _s, _e in evidence])
    hits = [(-(i + 1), s, e) for i, (s, e) in enumerate(word_hits(doc.text, q))]
    anchor = None
    if at is not None and at <= len(doc.text):  # an empty mark where the passage starts
        anchor = -(len(hits) + 1)
        hits.append((anchor, at, min(at + 1, len(doc.text))))
    return templates.TemplateResponse(
        request,
        "document.html",
        {"doc": doc, "pieces": pieces(doc.text, [*evidence, *hits]), "claims": claims,
         "anchor": anchor, "at": at, "q": q},
    )  # fmt: skip
