"""Reviewers' judgements of sanctions matches: `confirm` or `reject` a party against a
list entry.

A judgement names the entity by its key and the entry by list and entry id, never by row
ids, so it outlives rebuilds, re-resolution and list reloads; screening applies it to
every new result (`store.screening`), and it is applied to the stored matches at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from tracewire.store.models import (
    EntityRow,
    MatchReviewRow,
    MatchRow,
    SanctionsEntryRow,
    SanctionsListRow,
)
from tracewire.store.writer import now

CONFIRMED, REJECTED = "confirmed", "rejected"


class ReviewError(ValueError):
    """A match cannot be reviewed (with a one-line reason)."""


@dataclass(frozen=True, slots=True)
class EntryRef:
    """A list entry a reviewer names."""

    list_id: str
    entry_id: str
    name: str


def find_entry(session: Session, rep_id: int, entry: str, list_id: str | None = None) -> EntryRef:
    """The entry a reviewer means: an entry id or name among the party's matches, else
    an entry id or exact name on the loaded lists (`list_id` narrows to one list)."""
    wanted = entry.strip().casefold()
    query = select(MatchRow.list_id, MatchRow.entry_id, MatchRow.entry_name).where(
        MatchRow.entity_id == rep_id
    )
    if list_id is not None:
        query = query.where(MatchRow.list_id == list_id)
    found = {
        (lst, eid, name)
        for lst, eid, name in session.execute(query).tuples()
        if wanted in (eid.casefold(), name.casefold())
    }
    if not found:
        entries = select(
            SanctionsEntryRow.list_id, SanctionsEntryRow.entry_id, SanctionsEntryRow.name
        ).where(
            (func.lower(SanctionsEntryRow.entry_id) == wanted)
            | (func.lower(SanctionsEntryRow.name) == wanted)
        )
        if list_id is not None:
            entries = entries.where(SanctionsEntryRow.list_id == list_id)
        found = set(session.execute(entries.limit(5)).tuples())
    if not found:
        raise ReviewError(f"no list entry {entry!r}" + (f" on {list_id}" if list_id else ""))
    if len(found) > 1:
        lists = ", ".join(sorted(f"{lst}:{eid}" for lst, eid, _ in found))
        raise ReviewError(f"{entry!r} names several entries ({lists}); give --list or an id")
    lst, eid, name = found.pop()
    return EntryRef(lst, eid, name)


def review_match(
    session: Session,
    entity_key: str,
    entry: EntryRef,
    judgement: str,
    *,
    user: str | None = None,
    note: str | None = None,
) -> MatchReviewRow:
    """Record (or replace) a judgement of a party against an entry and apply it to the
    stored matches of the party's cluster now."""
    if judgement not in (CONFIRMED, REJECTED):
        raise ReviewError(f"unknown judgement {judgement!r}")
    row = session.scalar(
        select(MatchReviewRow).where(
            MatchReviewRow.entity_key == entity_key,
            MatchReviewRow.list_id == entry.list_id,
            MatchReviewRow.entry_id == entry.entry_id,
        )
    )
    if row is None:
        row = MatchReviewRow(entity_key=entity_key, list_id=entry.list_id, entry_id=entry.entry_id)
        session.add(row)
    row.entry_name = entry.name[:1024]
    row.judgement, row.user, row.note, row.created_at = judgement, user, note, now()
    session.flush()
    _apply(session, entity_key, entry, row)
    return row


def _apply(session: Session, entity_key: str, entry: EntryRef, review: MatchReviewRow) -> None:
    from tracewire.screen import SanctionsEntry  # noqa: PLC0415 - the list tools load on use
    from tracewire.store.screening import confirmed_row, reviewed_level  # noqa: PLC0415

    member, rep = aliased(EntityRow), aliased(EntityRow)
    rep_id = session.scalar(
        select(rep.id)
        .join(member, rep.key == func.coalesce(member.cluster_key, member.key))
        .where(member.key == entity_key)
    )
    if rep_id is None:
        return
    stored = session.scalar(
        select(SanctionsEntryRow).where(
            SanctionsEntryRow.list_id == entry.list_id,
            SanctionsEntryRow.entry_id == entry.entry_id,
        )
    )
    if stored is None or session.get(SanctionsListRow, entry.list_id) is None:
        return
    data = json.loads(stored.data)
    record = SanctionsEntry(
        list_id=entry.list_id,
        entry_id=stored.entry_id,
        name=stored.name,
        schema=stored.schema,
        programs=tuple(stored.programs.split()),
        topics=tuple(data.get("topics", ["sanction"])),
    )
    match = session.scalar(
        select(MatchRow).where(
            MatchRow.entity_id == rep_id,
            MatchRow.list_id == entry.list_id,
            MatchRow.entry_id == entry.entry_id,
        )
    )
    if match is not None:
        match.level = reviewed_level(review.judgement, match.level, record)
        match.review_id = review.id
    elif review.judgement == CONFIRMED:
        row = confirmed_row(rep_id, entry.list_id, record, review.id, now())
        session.add(MatchRow(**row))


def reviews_for(
    session: Session, list_id: str, keys: set[str]
) -> dict[tuple[str, str], MatchReviewRow]:
    """The judgements on one list about any of these entity keys, by (key, entry id)."""
    found: dict[tuple[str, str], MatchReviewRow] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        rows = session.scalars(
            select(MatchReviewRow).where(
                MatchReviewRow.list_id == list_id,
                MatchReviewRow.entity_key.in_(ordered[start : start + 500]),
            )
        )
        for row in rows:
            found[(row.entity_key, row.entry_id)] = row
    return found


def all_reviews(session: Session) -> list[MatchReviewRow]:
    """Every judgement, newest first."""
    return list(session.scalars(select(MatchReviewRow).order_by(MatchReviewRow.created_at.desc())))
