"""Read-side queries over claims."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from tracewire.store.claim_reviews import any_rejected, rejected
from tracewire.store.models import ClaimRow, DocumentRow, EntityRow, MentionRow
from tracewire.store.sanctions import best_hit_labels


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A stored claim with its parties' names and its evidence sentence."""

    id: int
    document_id: str
    document: str
    relation: str
    subject: str
    subject_type: str
    subject_id: int
    object: str
    object_type: str
    object_id: int
    subject_text: str
    object_text: str
    technology: str | None
    date: str | None
    amount: str | None
    hedging: tuple[str, ...]
    source: str | None
    evidence: str
    evidence_start: int
    evidence_end: int
    extractor: str
    version: str
    confidence: float
    sanctions: tuple[tuple[str, str], ...] = ()  # (party role, "list: entry [programs]")
    document_title: str | None = None
    document_url: str | None = None
    document_published: datetime.date | None = None
    document_publisher: str | None = None  # as the report names it (ingest)
    frame: str = ""  # the rule frame or "model" that produced it
    explanation: str = ""  # why: the rule, or the features that weighed most
    subject_name: str = ""  # the fullest name the report gives the party (reported_names)
    object_name: str = ""

    def flags(self) -> list[str]:
        """Plain-language warnings: "supplies to a party under OFAC SDN ... [IRGC]"."""
        words = {"subject": f"{self.relation} by", "object": f"{self.relation} to"}
        return [f"{words[role]} a listed party ({label})" for role, label in self.sanctions]

    def to_record(self) -> dict[str, Any]:
        """The claims interchange format (shared/corpus/README.md) plus tracewire fields."""
        return {
            "doc": self.document,
            "relation": self.relation,
            "subject": self.subject_name or self.subject,
            "object": self.object_name or self.object,
            "technology": self.technology,
            "date": self.date,
            "amount": self.amount,
            "hedging": list(self.hedging),
            "evidence": self.evidence,
            "id": self.id,
            "document_id": self.document_id,
            "subject_type": self.subject_type,
            "object_type": self.object_type,
            "subject_text": self.subject_text,
            "object_text": self.object_text,
            "source": self.source,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
            "extractor": self.extractor,
            "extractor_version": self.version,
            "frame": self.frame,
            "explanation": self.explanation,
            "confidence": self.confidence,
            "sanctions": [{"party": role, "match": label} for role, label in self.sanctions],
            "subject_entity": self.subject,
            "object_entity": self.object,
        }


def claim_views(
    session: Session,
    entity_id: int | None = None,
    relation: str | None = None,
    *,
    ids: Iterable[int] | None = None,
    include_rejected: bool = False,
) -> list[ClaimView]:
    """Claims in document and text order, optionally those touching one entity or with
    the given ids; claims a reviewer rejected only with `include_rejected`."""
    subject_raw, object_raw = aliased(EntityRow), aliased(EntityRow)
    subject, obj = aliased(EntityRow), aliased(EntityRow)  # the clusters' representatives
    query = (
        select(
            ClaimRow,
            DocumentRow.name,
            DocumentRow.text,
            subject,
            obj,
            DocumentRow.title,
            DocumentRow.url,
            DocumentRow.published,
            DocumentRow.publisher,
        )
        .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
        .join(subject_raw, subject_raw.id == ClaimRow.subject_id)
        .join(object_raw, object_raw.id == ClaimRow.object_id)
        .join(subject, subject.key == func.coalesce(subject_raw.cluster_key, subject_raw.key))
        .join(obj, obj.key == func.coalesce(object_raw.cluster_key, object_raw.key))
        .order_by(DocumentRow.name, ClaimRow.evidence_start, ClaimRow.id)
    )
    if entity_id is not None:
        query = query.where(or_(subject.id == entity_id, obj.id == entity_id))
    if relation is not None:
        query = query.where(ClaimRow.relation == relation)
    if ids is not None:
        query = query.where(ClaimRow.id.in_(list(ids)))
    if not include_rejected and any_rejected(session):
        query = query.where(~rejected())
    rows = session.execute(query).tuples().all()
    hits = best_hit_labels(session, {e.id for row in rows for e in row[3:5]})
    named = reported_names(
        session,
        {
            (c.document_id, raw_id)
            for c, _n, _t, s, o, *_rest in rows
            for raw_id, party in ((c.subject_id, s), (c.object_id, o))
            if party.type in NAMED
        },
    )
    return [
        ClaimView(
            id=c.id,
            document_id=c.document_id,
            document=name,
            relation=c.relation,
            subject=s.canonical,
            subject_type=s.type,
            subject_id=s.id,
            object=o.canonical,
            object_type=o.type,
            object_id=o.id,
            subject_text=c.subject_text,
            object_text=c.object_text,
            technology=c.technology,
            date=c.date,
            amount=c.amount,
            hedging=tuple(h for h in c.hedging.split(",") if h),
            source=c.source,
            evidence=text[c.evidence_start : c.evidence_end],
            evidence_start=c.evidence_start,
            evidence_end=c.evidence_end,
            extractor=c.extractor,
            version=c.version,
            confidence=c.confidence,
            sanctions=tuple(
                (role, label)
                for role, party in (("subject", s), ("object", o))
                for label in hits.get(party.id, [])
            ),
            document_title=title,
            document_url=url,
            document_published=published,
            document_publisher=publisher,
            frame=c.frame,
            explanation=c.explanation,
            subject_name=_as_named(named.get((c.document_id, c.subject_id), ""), s),
            object_name=_as_named(named.get((c.document_id, c.object_id), ""), o),
        )
        for c, name, text, s, o, title, url, published, publisher in rows
    ]


# Parties a claim names as its report does: a company or an organisation is known by the
# name a report gives it ("CloudWalk Technology", "Verint Systems Inc." for the parent, not
# its subsidiary), which a gazetteer's short canonical ("CloudWalk", "Verint") may not be;
# a state body by its report's name when that is as full as ours ("Belarusian Ministry of
# Internal Affairs", not "the Treasury" for "U.S. Department of the Treasury"). States keep
# their canonical.
NAMED = frozenset({"Company", "Organization", "PublicBody"})
NAME_FORMS = ("name", "alias")  # spelt out, not an acronym, short form or anaphor
_CHUNK = 500  # entity ids per query, under every backend's bound-parameter limit
# Lower-case words a proper name may hold ("Justice for Myanmar", "Ministry of Defence").
NAME_LINKS = frozenset({"of", "for", "and", "the", "de", "del", "du", "la", "von", "van", "&"})


def spelt_as_name(text: str) -> bool:
    """Whether a mention reads as a proper name: each word capitalised (or with a capital or
    digit inside, "iFlytek", "360") or a linking word; "Intellexa spyware consortium", a
    name the parser ran on into its description, is not one."""
    return all(
        word in NAME_LINKS or any(c.isupper() or c.isdigit() for c in word) for word in text.split()
    )


def _as_named(name: str, party: EntityRow) -> str:
    """The reported name to show for the party, or "" for its canonical: a state body's
    shorter reference ("the Treasury") is no name for it."""
    if party.type == "PublicBody" and len(name.split()) < len(party.canonical.split()):
        return ""
    return name


def reported_names(session: Session, parties: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The fullest name (the longest spelt-out mention) each document gives each of these
    (document id, entity id) parties; parties the document names only by acronym, short form
    or anaphor are left out."""
    ids = sorted({entity_id for _doc, entity_id in parties})
    documents = sorted({doc for doc, _entity_id in parties})
    best: dict[tuple[str, int], str] = {}
    for first in range(0, len(ids), _CHUNK):
        query = select(MentionRow.document_id, MentionRow.entity_id, MentionRow.text).where(
            MentionRow.entity_id.in_(ids[first : first + _CHUNK]),
            MentionRow.form.in_(NAME_FORMS),
        )
        if len(documents) <= _CHUNK:  # a page of claims: only its reports' mentions
            query = query.where(MentionRow.document_id.in_(documents))
        found = session.execute(query).tuples()
        for document_id, entity_id, text in found:
            key = (document_id, entity_id)
            if key not in parties or not spelt_as_name(text):
                continue
            if (len(text), text) > (len(best.get(key, "")), best.get(key, "")):
                best[key] = text
    return best
