"""Exports of the store in interchange formats."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from sqlalchemy.orm import Session

from tracewire.store.claims import claim_views
from tracewire.store.queries import list_entities

FORMATS = ("claims-jsonl", "aliases-jsonl")


def claim_records(session: Session) -> list[dict[str, Any]]:
    """Every stored claim in the claims interchange format."""
    return [view.to_record() for view in claim_views(session)]


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


def export(session: Session, fmt: str, out: TextIO) -> int:
    """Write the store in `fmt` to `out`; returns the number of records."""
    if fmt == "claims-jsonl":
        return write_jsonl(claim_records(session), out)
    if fmt == "aliases-jsonl":
        return write_jsonl(alias_records(session), out)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
