"""Documents as sources: title, publisher, date and address, sortable, with claim counts.
A report read from a file is named by its file name: its local path is never shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracewire.serve.ftm_entities import publisher_of
from tracewire.store.claim_reviews import any_rejected, rejected
from tracewire.store.models import ClaimRow, DocumentRow

D = DocumentRow.__table__.c
_PER_DOCUMENT = select(ClaimRow.document_id, func.count().label("claims")).group_by(
    ClaimRow.document_id
)
# claims per document, all of them and those no reviewer rejected
_CLAIMS = _PER_DOCUMENT.subquery("claims_per_document")
_STANDING = _PER_DOCUMENT.where(~rejected()).subquery("claims_per_document")
# sort key -> column; "publisher" by the name a report gives, else its address (reports of
# one site sort together); "claims" is read from the claim counts of the query
SORTS = {
    "title": func.lower(func.coalesce(D.title, D.name)),
    "published": D.published,
    "publisher": func.lower(func.coalesce(D.publisher, D.url)),
    "name": D.name,
    "claims": None,
    "added": D.added_at,
}
SORT_KEYS = [key for name in SORTS for key in (name, f"-{name}")]


@dataclass(frozen=True, slots=True)
class Source:
    """A stored report as a source of claims."""

    id: str
    name: str
    title: str | None
    publisher: str | None
    published: date | None
    url: str | None
    words: int
    claims: int


def public_source(source: str, name: str) -> str:
    """Where a report came from, fit to show: its URL, or for a file its name only."""
    return source if urlsplit(source).scheme in ("http", "https") else name


def source_page(
    session: Session, sort: str = "-published", limit: int = 50, offset: int = 0
) -> tuple[int, list[Source]]:
    """How many documents the store holds, and a page of them sorted by `sort` (a
    SORT_KEYS value; '-' for descending; ties by name)."""
    total = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
    counts = _STANDING if any_rejected(session) else _CLAIMS
    claim_count = func.coalesce(counts.c.claims, 0)
    column = SORTS[sort.lstrip("-")]
    if column is None:
        column = claim_count
    order = column.desc() if sort.startswith("-") else column.asc()
    rows = session.execute(
        select(D.id, D.name, D.title, D.published, D.url, D.word_count, claim_count, D.publisher)
        .outerjoin(counts, counts.c.document_id == D.id)
        .order_by(order.nulls_last(), D.name, D.id)
        .limit(limit)
        .offset(offset)
    )
    found = [
        Source(i, name, title, publisher_of(url, named), published, url, int(words), int(claims))
        for i, name, title, published, url, words, claims, named in rows
    ]
    return int(total), found
