"""The stage records as JSON lines: what one stage writes, the next reads back whole."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

from tracewire.extract import Extractor
from tracewire.ingest import document_from_bytes
from tracewire.interchange import (
    Extracted,
    Ingested,
    RecordError,
    document_record,
    extracted_from,
    extraction_record,
    ingested_from,
    read_records,
    write_record,
)

REPORT = (
    b"Drones for the coast guard\n\n"
    b"Norvane Optics allegedly sold drones to the Moldovan Interior Ministry in March 2021, "
    b"according to Local Watch."
)


def through_json(record: dict[str, object]) -> dict[str, object]:
    out = io.StringIO()
    write_record(out, record)
    assert out.getvalue().count("\n") == 1
    (back,) = read_records(io.StringIO(out.getvalue()), "test")
    assert isinstance(back, dict)
    return back


def test_documents_and_extractions_survive_json(extractor: Extractor) -> None:
    document = document_from_bytes(REPORT, "reports/coast.txt", "text/plain")
    document = dataclasses.replace(document, published=date(2021, 4, 2))
    ingested = Ingested(document, "/abs/reports/coast.txt", "reports/coast.txt")
    assert ingested_from(through_json(document_record(ingested))) == ingested
    found = extractor.extract(document)
    assert found.claims, "the report should yield a claim"
    item = Extracted(ingested, extractor.name, extractor.version, found)
    back = extracted_from(through_json(extraction_record(item)))
    assert back == item
    (claim,) = [c for c in back.extraction.claims if c.relation == "supplies"]
    assert claim.hedging and claim.date == "2021-03"


def test_lines_that_are_no_records_are_named() -> None:
    stream = io.StringIO('{"a": 1}\n\nnot json\n[1, 2]\n')
    found = list(read_records(stream, "docs.jsonl"))
    assert found[0] == {"a": 1, "_line": 1}
    assert [str(e) for e in found[1:]] == [
        "docs.jsonl, line 3: not JSON (Expecting value)",
        "docs.jsonl, line 4: not a JSON object",
    ]
    assert all(isinstance(e, RecordError) for e in found[1:])
