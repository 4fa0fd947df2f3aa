"""The records that flow between the stages, as JSON lines, so that a stage can run alone.

`tracewire ingest` writes one `Document` a line (with where it was read from);
`tracewire extract` reads those and writes one line per document with the document, the
extractor's name and version, and its mentions and claims; `tracewire load` stores such
lines as `build` stores what it reads and extracts. A line that is not a record of the
expected shape is a `RecordError` naming the line and the reason.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from tracewire.extract import Extraction
from tracewire.records import Block, Claim, Document, EntityType, Hedge, Mention, Party, Relation

FORMAT = "tracewire/1"


class RecordError(ValueError):
    """A line that is not a record of the expected shape: where, and why."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where, self.reason = where, reason


@dataclasses.dataclass(frozen=True, slots=True)
class Ingested:
    """A document as `ingest` read it, and where from (the key `build` remembers)."""

    document: Document
    location: str
    label: str


@dataclasses.dataclass(frozen=True, slots=True)
class Extracted:
    """A document, where it was read from, and what one extractor found in it."""

    ingested: Ingested
    extractor: str
    version: str
    extraction: Extraction


def document_record(item: Ingested) -> dict[str, Any]:
    """An ingested document as a JSON object."""
    doc = item.document
    return {
        "format": FORMAT,
        "id": doc.id,
        "source": doc.source,
        "location": item.location,
        "label": item.label,
        "media_type": doc.media_type,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "url": doc.url,
        "publisher": doc.publisher,
        "blocks": [[b.start, b.end] for b in doc.blocks],
        "text": doc.text,
    }


def ingested_from(record: dict[str, Any]) -> Ingested:
    """The `Ingested` a `document_record` wrote (KeyError/ValueError/TypeError if not)."""
    published = record.get("published")
    document = Document(
        id=str(record["id"]),
        text=str(record["text"]),
        source=str(record["source"]),
        media_type=str(record["media_type"]),
        title=record.get("title"),
        published=date.fromisoformat(published) if published else None,
        url=record.get("url"),
        blocks=tuple(Block(int(start), int(end)) for start, end in record["blocks"]),
        publisher=record.get("publisher"),
    )
    return Ingested(
        document, str(record.get("location") or document.source), str(record.get("label") or "")
    )


def extraction_record(item: Extracted) -> dict[str, Any]:
    """A document with its extraction as a JSON object."""
    return {
        "format": FORMAT,
        "document": document_record(item.ingested),
        "extractor": item.extractor,
        "version": item.version,
        "mentions": [dataclasses.asdict(m) for m in item.extraction.mentions],
        "claims": [dataclasses.asdict(c) for c in item.extraction.claims],
    }


def extracted_from(record: dict[str, Any]) -> Extracted:
    """The `Extracted` an `extraction_record` wrote."""
    mentions = [Mention(**{**m, "type": EntityType(m["type"])}) for m in record["mentions"]]
    claims = [_claim(c) for c in record["claims"]]
    return Extracted(
        ingested_from(record["document"]),
        str(record["extractor"]),
        str(record["version"]),
        Extraction(mentions, claims),
    )


def _claim(data: dict[str, Any]) -> Claim:
    return Claim(
        **{
            **data,
            "relation": Relation(data["relation"]),
            "subject": _party(data["subject"]),
            "object": _party(data["object"]),
            "hedging": tuple(Hedge(h) for h in data["hedging"]),
        }
    )


def _party(data: dict[str, Any]) -> Party:
    return Party(**{**data, "type": EntityType(data["type"])})


def read_records(stream: IO[str], name: str) -> Iterator[dict[str, Any] | RecordError]:
    """The JSON objects of a JSON-lines stream (blank lines skipped), and a `RecordError`
    in place of each line that is not one."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield RecordError(f"{name}, line {number}", f"not JSON ({error.msg})")
            continue
        if not isinstance(record, dict):
            yield RecordError(f"{name}, line {number}", "not a JSON object")
            continue
        record.setdefault("_line", number)
        yield record


def write_record(stream: IO[str], record: dict[str, Any]) -> None:
    """One JSON object on one line."""
    stream.write(json.dumps(record, ensure_ascii=False) + "\n")
