"""Sanctions lists in the store and the matches screening stored (`store.screening`
screens; `store.reviews` keeps reviewers' judgements)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from tracewire.store.models import (
    EntityRow,
    MatchReviewRow,
    MatchRow,
    SanctionsEntryRow,
    SanctionsListRow,
)
from tracewire.store.writer import now

if TYPE_CHECKING:
    from tracewire.screen import SanctionsEntry, SanctionsList

NOT_NAMES = {"capital", "demonym", "surname"}  # forms that are not the entity's own name
LISTED, RELATED, POSSIBLE, OTHER, NEAR, REJECTED = (
    "listed",
    "related",
    "possible",
    "other",
    "near",
    "rejected",
)
FLAGGED = (LISTED, RELATED, POSSIBLE, OTHER)
"""The levels shown as flags; `near` candidates and rejected matches only on request."""
LEVEL_ORDER = {LISTED: 0, OTHER: 1, RELATED: 2, POSSIBLE: 3, NEAR: 4, REJECTED: 5}


@dataclass(frozen=True, slots=True)
class Review:
    """A reviewer's judgement of a match."""

    judgement: str  # "confirmed" or "rejected"
    user: str | None
    created_at: datetime
    note: str | None

    def describe(self) -> str:
        """ "confirmed by alice on 2026-12-02: same registration number"."""
        text = f"{self.judgement} by {self.user or 'unknown'} on {self.created_at:%Y-%m-%d}"
        return f"{text}: {self.note}" if self.note else text


@dataclass(frozen=True, slots=True)
class MatchView:
    """A stored match with its list's name and date, its level and any review."""

    entity_id: int
    list_id: str
    list_name: str
    list_date: str
    entry_id: str
    entry_name: str
    entry_schema: str
    programs: tuple[str, ...]
    query_name: str
    matched_name: str
    score: float
    is_hit: bool
    algorithm: str
    explanation: str
    features: dict[str, float]
    level: str = POSSIBLE
    topics: tuple[str, ...] = ("sanction",)
    review: Review | None = None

    def label(self) -> str:
        """A short flag: "OFAC SDN: ISLAMIC REVOLUTIONARY GUARD CORPS [IRGC, SDGT]"."""
        programs = f" [{', '.join(self.programs)}]" if self.programs else ""
        return f"{self.list_name}: {self.entry_name}{programs}"

    @property
    def level_label(self) -> str:
        """The level as a reader sees it ("listed", "related", "export-controlled")."""
        if self.level == OTHER:
            from tracewire.screen.topics import describe_topics  # noqa: PLC0415

            return describe_topics(self.topics)
        return self.level

    def flag(self) -> str:
        """What the match says about the party, in words a reader can act on."""
        reviewed = f" ({self.review.describe()})" if self.review else ""
        return self.flag_text() + reviewed

    def flag_text(self) -> str:
        """`flag` without the review."""
        if self.level == RELATED:
            text = f"related: {self.entry_name} — a separate designated entity ({self.list_name})"
        elif self.level == POSSIBLE:
            text = f"possible: {self.label()} — needs review"
        elif self.level == OTHER:
            text = f"{self.level_label}: {self.label()}"
        else:
            text = f"{self.level}: {self.label()}"
        return text


def list_digest(lst: SanctionsList) -> str:
    """A hash of a list's entries: equal digests, equal screening results."""
    digest = hashlib.sha256()
    for entry in lst.entries:
        digest.update(json.dumps(_entry_record(entry), sort_keys=True).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def _entry_record(e: SanctionsEntry) -> dict[str, object]:
    return {
        "id": e.entry_id,
        "name": e.name,
        "schema": e.schema,
        "programs": list(e.programs),
        "aliases": list(e.aliases),
        "linked_to": list(e.linked_to),
        "countries": list(e.countries),
        "remarks": e.remarks,
        "topics": list(e.topics),
        "websites": list(e.websites),
    }


def save_list(session: Session, lst: SanctionsList) -> int:
    """Store a list, replacing an earlier load of the same list and its matches (reviews
    are kept: they name the entry, not the row)."""
    session.execute(delete(MatchRow).where(MatchRow.list_id == lst.id))
    session.execute(delete(SanctionsEntryRow).where(SanctionsEntryRow.list_id == lst.id))
    session.execute(delete(SanctionsListRow).where(SanctionsListRow.id == lst.id))
    session.add(
        SanctionsListRow(
            id=lst.id,
            name=lst.name,
            source=lst.source,
            date=lst.date or "",
            entries=len(lst.entries),
            loaded_at=now(),
            digest=list_digest(lst),
        )
    )
    session.flush()
    rows = []
    for e in lst.entries:
        record = _entry_record(e)
        data = {k: record[k] for k in ("aliases", "linked_to", "countries", "remarks")}
        if e.topics != ("sanction",):
            data["topics"] = record["topics"]
        if e.websites:
            data["websites"] = record["websites"]
        rows.append(
            {
                "list_id": lst.id,
                "entry_id": e.entry_id,
                "name": e.name[:1024],
                "schema": e.schema,
                "programs": " ".join(e.programs)[:512],
                "data": json.dumps(data, ensure_ascii=False),
            }
        )
    if rows:
        session.execute(insert(SanctionsEntryRow), rows)
    return len(rows)


def stored_lists(session: Session) -> list[SanctionsListRow]:
    """The lists loaded into the store."""
    return list(session.scalars(select(SanctionsListRow).order_by(SanctionsListRow.id)))


def read_list(session: Session, list_id: str) -> SanctionsList:
    """A stored list as a record, for building a screener."""
    from tracewire.screen import SanctionsEntry, SanctionsList  # noqa: PLC0415 - screen is optional here

    row = session.get(SanctionsListRow, list_id)
    if row is None:
        raise KeyError(list_id)
    entries = []
    for entry in session.scalars(
        select(SanctionsEntryRow).where(SanctionsEntryRow.list_id == list_id)
    ):
        data = json.loads(entry.data)
        entries.append(
            SanctionsEntry(
                list_id=list_id,
                entry_id=entry.entry_id,
                name=entry.name,
                schema=entry.schema,
                aliases=tuple(data.get("aliases", [])),
                programs=tuple(entry.programs.split()),
                linked_to=tuple(data.get("linked_to", [])),
                countries=tuple(data.get("countries", [])),
                remarks=data.get("remarks"),
                topics=tuple(data.get("topics", ["sanction"])),
                websites=tuple(data.get("websites", [])),
            )
        )
    return SanctionsList(row.id, row.name, row.source, row.date or None, tuple(entries))


def match_views(
    session: Session,
    entity_ids: Iterable[int] | None = None,
    *,
    hits_only: bool = False,
    levels: Iterable[str] | None = None,
) -> list[MatchView]:
    """Stored matches, best first per entity: hits only (any flagged level), or the
    given levels, or all of them (`near` candidates and rejected ones included)."""
    query = (
        select(MatchRow, SanctionsListRow.name, SanctionsListRow.date, MatchReviewRow)
        .join(SanctionsListRow, SanctionsListRow.id == MatchRow.list_id)
        .outerjoin(MatchReviewRow, MatchReviewRow.id == MatchRow.review_id)
        .order_by(MatchRow.entity_id, MatchRow.score.desc())
    )
    if entity_ids is not None:
        query = query.where(MatchRow.entity_id.in_(list(entity_ids)))
    if hits_only:
        query = query.where(MatchRow.level.in_(FLAGGED))
    if levels is not None:
        query = query.where(MatchRow.level.in_(list(levels)))
    views = [view_of(m, name, date, review) for m, name, date, review in session.execute(query)]
    views.sort(key=lambda v: (v.entity_id, LEVEL_ORDER.get(v.level, 9), -v.score))
    return views


def view_of(
    m: MatchRow, list_name: str, list_date: str, review: MatchReviewRow | None
) -> MatchView:
    """A stored match row as a `MatchView`."""
    return MatchView(
        entity_id=m.entity_id,
        list_id=m.list_id,
        list_name=list_name,
        list_date=list_date,
        entry_id=m.entry_id,
        entry_name=m.entry_name,
        entry_schema=m.entry_schema,
        programs=tuple(m.programs.split()),
        query_name=m.query_name,
        matched_name=m.matched_name,
        score=m.score,
        is_hit=m.level in FLAGGED,
        algorithm=m.algorithm,
        explanation=m.explanation,
        features=json.loads(m.features),
        level=m.level,
        topics=tuple(m.topics.split()),
        review=None
        if review is None
        else Review(review.judgement, review.user, review.created_at, review.note),
    )


def entity_names(session: Session, entity_ids: set[int]) -> dict[int, str]:
    """Canonical names of entities by id."""
    rows = session.execute(
        select(EntityRow.id, EntityRow.canonical).where(EntityRow.id.in_(entity_ids))
    )
    return dict(rows.tuples().all())


def best_hit_labels(session: Session, entity_ids: Iterable[int]) -> dict[int, list[str]]:
    """The best `listed` match of each given resolved entity, as a short label: the flag
    that claims involving the entity carry (related and possible matches are no
    accusation and flag no claim)."""
    found: dict[int, list[str]] = {}
    ids = list(entity_ids)
    for start in range(0, len(ids), 500):
        for view in match_views(session, ids[start : start + 500], levels=[LISTED]):
            found.setdefault(view.entity_id, [view.label()])
    return found


def level_counts(session: Session) -> dict[str, int]:
    """How many parties have a match of each flagged level (a party counts at its
    strongest level only)."""
    strongest: dict[int, str] = {}
    for entity_id, level in session.execute(
        select(MatchRow.entity_id, MatchRow.level).where(MatchRow.level.in_(FLAGGED))
    ):
        held = strongest.get(entity_id)
        if held is None or LEVEL_ORDER[level] < LEVEL_ORDER[held]:
            strongest[entity_id] = level
    counts = dict.fromkeys(FLAGGED, 0)
    for level in strongest.values():
        counts[level] += 1
    return counts
