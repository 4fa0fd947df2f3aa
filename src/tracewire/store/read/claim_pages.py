"""Read queries over claims and documents for the web interface.

Claim lists are selected by id first (filters, order, limits on the claims table and its
indexes) and only the selected claims are then joined to their documents and parties, with
the evidence sentence cut out in SQL rather than by loading whole document texts.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, case, exists, func, or_, select
from sqlalchemy.orm import Session

from tracewire.records import Hedge
from tracewire.store.claim_reviews import any_rejected, rejected
from tracewire.store.models import ClaimHedgeRow, ClaimTechnologyRow, DocumentRow
from tracewire.store.read.claims import ClaimView
from tracewire.store.read.clusters import CLAIMS, ENTITIES, chunks, hit_labels, ids_param

DOCUMENTS = DocumentRow.__table__
HEDGES = ClaimHedgeRow.__table__
TECHNOLOGIES = ClaimTechnologyRow.__table__
C = CLAIMS.c

# Claim dates are partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) compared as text: "2022"
# sorts before every day of 2022 and "2022~" after them, so `date` .. `date~` is the span a
# partial date covers and a filter keeps the claims whose span overlaps the range.
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SPAN_END = "~"


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims to list; `party` holds the raw ids of one cluster, `counterparty` those
    of another (claims between the two, either way round; it needs `party`)."""

    relation: str | None = None
    hedging: str | None = None
    party: Sequence[int] | None = None
    counterparty: Sequence[int] | None = None
    date_from: str | None = None
    date_to: str | None = None
    document: str | None = None
    technology: tuple[str, ...] = ()  # technology class ids: claims in any of them
    touching: tuple[Sequence[int], ...] = ()  # raw ids: claims touching one of each list
    without_rejected: bool = False  # leave out claims a reviewer rejected

    def conditions(self) -> list[ColumnElement[bool]]:
        """The filter as SQL conditions on the claims table."""
        found: list[ColumnElement[bool]] = []
        if self.relation:
            found.append(C.relation == self.relation)
        if self.hedging:
            found.append(has_hedge(self.hedging))
        if self.party is not None and self.counterparty is not None:
            found.append(between(self.party, self.counterparty))
        elif self.party is not None:
            found.append(touches(self.party))
        if self.date_from:
            found.append(span_end() + SPAN_END >= self.date_from)
        if self.date_to:
            found.append(span_start() <= self.date_to + SPAN_END)
        if self.document:
            found.append(C.document_id == self.document)
        if self.technology:
            found.append(C.id.in_(select(TECHNOLOGIES.c.claim_id).where(
                TECHNOLOGIES.c.technology_class.in_(self.technology))))  # fmt: skip
        found += [touches(ids) for ids in self.touching]
        if self.without_rejected:
            found.append(~rejected())
        return found


# A range of years is stored as "YYYY/YYYY" (extract/claims/qualifiers.py): its span runs
# from the first year's start to the second year's end.
_RANGE = "____/%"


def span_start() -> ColumnElement[str]:
    """Where a claim's (partial or ranged) date starts, as text."""
    return case((C.date.like(_RANGE), func.substr(C.date, 1, 4)), else_=C.date)


def span_end() -> ColumnElement[str]:
    """Where a claim's (partial or ranged) date ends, before SPAN_END is added."""
    return case((C.date.like(_RANGE), func.substr(C.date, 6)), else_=C.date)


def touches(raw_ids: Collection[int]) -> ColumnElement[bool]:
    """Claims with any of the raw entities as subject or object."""
    ids = list(raw_ids)
    return or_(C.subject_id.in_(ids), C.object_id.in_(ids))


def between(raw_ids: Collection[int], other_ids: Collection[int]) -> ColumnElement[bool]:
    """Claims with one party among `raw_ids` and the other among `other_ids`."""
    ids, others = list(raw_ids), list(other_ids)
    return or_(
        and_(C.subject_id.in_(ids), C.object_id.in_(others)),
        and_(C.subject_id.in_(others), C.object_id.in_(ids)),
    )


def has_hedge(label: str) -> ColumnElement[bool]:
    """Claims carrying a hedging label (a row of claim_hedges); a claim with no label at
    all counts as asserted."""
    # a probe of the (claim_id, label) key per candidate claim: cheaper than listing every
    # claim of a common label when other filters (relation, technology) select fewer
    found = exists().where(HEDGES.c.claim_id == C.id, HEDGES.c.label == label)
    if label != Hedge.ASSERTED:
        return found
    return or_(found, ~exists().where(HEDGES.c.claim_id == C.id))


def valid_date(value: str) -> bool:
    """Whether `value` is a (partial) ISO date a filter accepts."""
    if not DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def claim_page(
    session: Session, where: ClaimFilter, limit: int, offset: int = 0
) -> tuple[int, list[int]]:
    """How many claims pass the filter, and the ids of one page of them in store order."""
    conditions = where.conditions()
    total = session.scalar(select(func.count(C.id)).where(*conditions)) or 0
    ids = session.scalars(
        select(C.id).where(*conditions).order_by(C.id).limit(limit).offset(offset)
    ).all()
    return int(total), list(ids)


_CLAIM_COLUMNS = (
    "id", "document_id", "relation", "subject_text", "object_text", "technology", "date",
    "amount", "hedging", "source", "evidence_start", "evidence_end", "extractor", "version",
    "confidence", "frame", "explanation",
)  # fmt: skip
SUBJECT_RAW, OBJECT_RAW = ENTITIES.alias("subject_raw"), ENTITIES.alias("object_raw")
SUBJECT, OBJECT = ENTITIES.alias("subject_rep"), ENTITIES.alias("object_rep")
_VIEWS = (
    select(
        *(C[name] for name in _CLAIM_COLUMNS),
        DOCUMENTS.c.name.label("document"),
        DOCUMENTS.c.title.label("document_title"),
        DOCUMENTS.c.url.label("document_url"),
        DOCUMENTS.c.published.label("document_published"),
        DOCUMENTS.c.publisher.label("document_publisher"),
        func.substr(DOCUMENTS.c.text, C.evidence_start + 1, C.evidence_end - C.evidence_start)
        .label("evidence"),
        SUBJECT.c.id.label("subject_id"),
        SUBJECT.c.canonical.label("subject"),
        SUBJECT.c.type.label("subject_type"),
        OBJECT.c.id.label("object_id"),
        OBJECT.c.canonical.label("object"),
        OBJECT.c.type.label("object_type"),
    )
    .join(DOCUMENTS, DOCUMENTS.c.id == C.document_id)
    .join(SUBJECT_RAW, SUBJECT_RAW.c.id == C.subject_id)
    .join(OBJECT_RAW, OBJECT_RAW.c.id == C.object_id)
    .join(SUBJECT, SUBJECT.c.key == func.coalesce(SUBJECT_RAW.c.cluster_key, SUBJECT_RAW.c.key))
    .join(OBJECT, OBJECT.c.key == func.coalesce(OBJECT_RAW.c.cluster_key, OBJECT_RAW.c.key))
    .where(C.id.in_(ids_param("ids")))
)  # fmt: skip
_SPANS = (
    select(C.id, C.evidence_start, C.evidence_end)
    .where(C.document_id == bindparam("document"))
    .order_by(C.evidence_start, C.id)
)


_VIEW_KEYS = tuple(str(column.key) for column in _VIEWS.selected_columns)
_HEDGING = _VIEW_KEYS.index("hedging")


def claim_views(session: Session, ids: Sequence[int]) -> list[ClaimView]:
    """The claims with these ids, in the given order, named by their representatives."""
    return claim_views_flagged(session, ids)[0]


def claim_views_flagged(
    session: Session, ids: Sequence[int], flag: Collection[int] = ()
) -> tuple[list[ClaimView], dict[int, list[str]]]:
    """The claims with these ids, in the given order, and the sanctions flags of their
    parties and of the representatives `flag` (one read of the flags for both)."""
    rows = [row for part in chunks(ids) for row in session.execute(_VIEWS, {"ids": part}).all()]
    parties = {row.subject_id for row in rows} | {row.object_id for row in rows}
    hits = hit_labels(session, parties | set(flag))
    by_id = {row.id: _view(row, hits) for row in rows}
    return [by_id[i] for i in ids if i in by_id], hits


def _view(row: Any, hits: dict[int, list[str]]) -> ClaimView:
    fields: dict[str, Any] = dict(zip(_VIEW_KEYS, row, strict=True))
    sanctions = [
        (role, label)
        for role, party in (("subject", row.subject_id), ("object", row.object_id))
        for label in hits.get(party, ())
    ]
    fields["hedging"] = tuple(h for h in row[_HEDGING].split(",") if h)
    fields["evidence"] = row.evidence or ""
    return ClaimView(**fields, sanctions=tuple(sanctions))


def document(session: Session, document_id: str) -> DocumentRow | None:
    """A stored document."""
    return session.get(DocumentRow, document_id)


def evidence_spans(session: Session, document_id: str) -> list[tuple[int, int, int]]:
    """(claim id, start, end) of each claim's evidence in a document, in text order (a
    claim a reviewer rejected is no evidence)."""
    query = _SPANS.where(~rejected()) if any_rejected(session) else _SPANS
    rows = session.execute(query, {"document": document_id})
    return [(int(c), int(s), int(e)) for c, s, e in rows]
