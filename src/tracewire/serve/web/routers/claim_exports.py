"""/api/claims/export/{fmt}: the claims table's filtered view in an interchange format
(CSV, claims JSON lines or FtM), written as `tracewire export` writes the whole store."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Response
from sqlalchemy.orm import Session

from tracewire.ontology.technology import load_taxonomy
from tracewire.serve.csv_export import write_csv
from tracewire.serve.exports import FILE_NAMES, MEDIA_TYPES, write_jsonl
from tracewire.serve.ftm_export import ftm_records
from tracewire.serve.web.claim_params import ClaimQueryDep
from tracewire.serve.web.deps import SessionDep
from tracewire.store.read import claim_pages as claim_queries
from tracewire.store.read.claims_table import table_page

router = APIRouter(prefix="/api/claims/export", tags=["exports"])
Format = Literal["claims-csv", "claims-jsonl", "ftm"]
MAX_CLAIMS = 1_000_000


def _records(session: Session, ids: list[int]) -> list[dict[str, object]]:
    classify = load_taxonomy().classify
    return [
        {**view.to_record(), "technology_classes": list(classify(view.technology))}
        for view in claim_queries.claim_views(session, ids)
    ]


WRITERS: dict[str, Callable[[Session, list[int], io.StringIO], int]] = {
    "claims-csv": lambda s, ids, out: write_csv(_records(s, ids), out),
    "claims-jsonl": lambda s, ids, out: write_jsonl(_records(s, ids), out),
    "ftm": lambda s, ids, out: write_jsonl(ftm_records(s, only=ids, include_denied=True), out),
}


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
    ids = table_page(session, query.where, query.sort, MAX_CLAIMS, 0).ids
    out = io.StringIO()
    WRITERS[fmt](session, ids, out)
    name = FILE_NAMES[fmt].replace("claims", "claims-filtered", 1)
    if fmt == "ftm":
        name = "claims-filtered.ftm.json"
    return Response(
        out.getvalue(),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
