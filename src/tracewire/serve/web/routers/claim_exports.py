"""/api/claims/export/{fmt}: the claims table's filtered view in an interchange format
(CSV, claims JSON lines or FtM), written as `tracewire export` writes it
(serve/claim_export.py)."""

from __future__ import annotations

import io
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Response

from tracewire.serve.claim_export import export_filtered
from tracewire.serve.exports import FILE_NAMES, MEDIA_TYPES
from tracewire.serve.web.claim_params import ClaimQueryDep
from tracewire.serve.web.deps import SessionDep

router = APIRouter(prefix="/api/claims/export", tags=["exports"])
Format = Literal["claims-csv", "claims-jsonl", "ftm"]


@router.get(
    "/{fmt}",
    responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}},
)
def export_claims(
    fmt: Annotated[Format, Path(description="claims-csv, claims-jsonl or ftm.")],
    session: SessionDep,
    query: ClaimQueryDep,
) -> Response:
    """The claims the table's filters select, in its order (FtM: their parties, reports
    and links, denied claims included when the filter selects them)."""
    out = io.StringIO()
    export_filtered(session, fmt, query.where, out, sort=query.sort, include_denied=True)
    name = FILE_NAMES[fmt].replace("claims", "claims-filtered", 1)
    if fmt == "ftm":
        name = "claims-filtered.ftm.json"
    return Response(
        out.getvalue(),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
