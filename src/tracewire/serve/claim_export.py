"""The claims a filter selects, in an interchange format: claims-csv, claims-jsonl (each
record with its technology classes) or FtM (the claims, their parties and reports). The
web's filtered exports (/api/claims/export/...) and `tracewire export --technology` write
them alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from sqlalchemy.orm import Session

from tracewire.ontology.technology import load_taxonomy
from tracewire.serve.csv_export import write_csv
from tracewire.serve.exports import write_jsonl
from tracewire.serve.ftm_export import ftm_records
from tracewire.store.read import claim_pages as claim_queries
from tracewire.store.read.claim_pages import ClaimFilter
from tracewire.store.read.claims_table import table_page

FILTERED_FORMATS = ("claims-csv", "claims-jsonl", "ftm")
MAX_CLAIMS = 1_000_000


def records(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """The claims with these ids as interchange records with their technology classes."""
    classify = load_taxonomy().classify
    return [
        {**view.to_record(), "technology_classes": list(classify(view.technology))}
        for view in claim_queries.claim_views(session, ids)
    ]


WRITERS: dict[str, Callable[[Session, list[int], TextIO, bool], int]] = {
    "claims-csv": lambda s, ids, out, _denied: write_csv(records(s, ids), out),
    "claims-jsonl": lambda s, ids, out, _denied: write_jsonl(records(s, ids), out),
    "ftm": lambda s, ids, out, denied: write_jsonl(
        ftm_records(s, only=ids, include_denied=denied), out
    ),
}


def export_filtered(
    session: Session,
    fmt: str,
    where: ClaimFilter,
    out: TextIO,
    *,
    sort: str = "id",
    include_denied: bool = True,
) -> int:
    """Write the claims `where` selects (in the claims table's `sort` order) in `fmt` (one
    of FILTERED_FORMATS); FtM leaves out denied claims unless `include_denied`. Returns the
    number of records written."""
    ids = table_page(session, where, sort, MAX_CLAIMS, 0).ids
    return WRITERS[fmt](session, ids, out, include_denied)
