"""Claims as CSV: one row per claim, the columns of the claims interchange format."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from sqlalchemy.orm import Session

from tracewire.store.read.claims import claim_views

# The keys of ClaimView.to_record(), for the header of a store without claims; a key
# added there later still gets a column (after these).
FIELDS = (
    "doc", "relation", "subject", "object", "technology", "date", "amount", "hedging",
    "evidence", "id", "document_id", "subject_type", "object_type", "subject_text",
    "object_text", "source", "evidence_start", "evidence_end", "extractor", "confidence",
    "sanctions", "subject_entity", "object_entity",
)  # fmt: skip
LIST_SEPARATOR = "; "
# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV
# Injection"): evidence quoted from a report must never run as one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str | int | float:
    """A record value as a CSV cell: lists joined by "; ", a sanctions match as
    "party: match", nothing as an empty cell; text that a spreadsheet would take for a
    formula is escaped (`escape_formula`)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return escape_formula(": ".join(str(v) for v in value.values()))
    if isinstance(value, list | tuple):
        return escape_formula(LIST_SEPARATOR.join(str(cell(v)) for v in value))
    if isinstance(value, bool | int | float):
        return value
    return escape_formula(str(value))


def escape_formula(text: str) -> str:
    """Text with a single quote in front when it starts like a formula (=, +, -, @, tab or
    carriage return), as OWASP advises: spreadsheets show the text and hide the quote."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write claim records with a header row; returns the number of rows."""
    rows = [{key: cell(value) for key, value in record.items()} for record in records]
    fields = list(dict.fromkeys([*FIELDS, *(key for row in rows for key in row)]))
    # RFC 4180 line ends: a carriage return inside a cell is then quoted as well.
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


def write_claims_csv(session: Session, out: TextIO) -> int:
    """Every stored claim as a CSV row."""
    return write_csv((view.to_record() for view in claim_views(session)), out)
