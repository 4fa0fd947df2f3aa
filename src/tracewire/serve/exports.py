"""Exports of the store in interchange formats.

claims-jsonl and aliases-jsonl are tracewire's own records, one JSON object a line; ftm is
FollowTheMoney entities, one a line (`ftm_export`); graphml and gexf are the resolved
graph for Gephi (`gephi`); claims-csv is the claims as a spreadsheet (`csv_export`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from sqlalchemy.orm import Session

from tracewire.serve.csv_export import write_claims_csv
from tracewire.serve.ftm_export import ftm_records
from tracewire.serve.gexf import write_gexf
from tracewire.serve.graph_data import load_graph
from tracewire.serve.graphml import write_graphml
from tracewire.store.read.claims import claim_views
from tracewire.store.read.entities import list_entities

FORMATS = ("claims-jsonl", "aliases-jsonl", "ftm", "graphml", "gexf", "claims-csv")
MEDIA_TYPES = {
    "claims-jsonl": "application/x-ndjson",
    "aliases-jsonl": "application/x-ndjson",
    "ftm": "application/x-ndjson",
    "graphml": "application/xml",
    "gexf": "application/xml",
    "claims-csv": "text/csv",
}
FILE_NAMES = {
    "claims-jsonl": "claims.jsonl",
    "aliases-jsonl": "aliases.jsonl",
    "ftm": "tracewire.ftm.json",
    "graphml": "tracewire.graphml",
    "gexf": "tracewire.gexf",
    "claims-csv": "claims.csv",
}


def claim_records(session: Session, *, include_rejected: bool = False) -> list[dict[str, Any]]:
    """Every stored claim in the claims interchange format (those a reviewer rejected only
    with `include_rejected`)."""
    return [view.to_record() for view in claim_views(session, include_rejected=include_rejected)]


def alias_records(session: Session) -> list[dict[str, Any]]:
    """One line per resolved entity: canonical name, type and every name it goes by."""
    return [
        {
            "canonical": e.canonical,
            "type": e.type,
            "aliases": [name for name, _ in e.alias_counts],
            "counts": {name: n for name, n in e.alias_counts if n},
            "id": e.key,
            "qid": e.qid,
            "mentions": e.mentions,
            "claims": e.claims,
        }
        for e in list_entities(session)
    ]


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write one JSON object per line; returns the number written."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def export(session: Session, fmt: str, out: TextIO, *, include_denied: bool = False) -> int:
    """Write the store in `fmt` to `out`; returns the number of records (lines of JSON,
    CSV rows, or nodes plus edges of a graph). FtM leaves denied claims out unless
    `include_denied`."""
    if fmt == "claims-jsonl":
        return write_jsonl(claim_records(session), out)
    if fmt == "aliases-jsonl":
        return write_jsonl(alias_records(session), out)
    if fmt == "ftm":
        return write_jsonl(ftm_records(session, include_denied=include_denied), out)
    if fmt == "graphml":
        return write_graphml(load_graph(session), out)
    if fmt == "gexf":
        return write_gexf(load_graph(session), out)
    if fmt == "claims-csv":
        return write_claims_csv(session, out)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
