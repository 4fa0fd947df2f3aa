"""Reviewers' judgements of sanctions matches: `confirm` or `reject` a party against a
list entry, and undo.

A judgement names the entity by its key and the entry by list and entry id, never by row
ids, so it outlives rebuilds, re-resolution and list reloads; screening applies it to
every new result (`store.screening`), and it is applied to the stored matches at once.
As user judgements of entities are (store/resolution.py), every verdict is kept: a later
one on the same pair stands over an earlier one, and an undone one is marked deleted, so
undoing a verdict brings back the one before it, or else the matcher's own level.
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
    """Record a judgement of a party against an entry (standing over any earlier one on
    the pair) and apply it to the stored matches of the party's cluster now."""
    if judgement not in (CONFIRMED, REJECTED):
        raise ReviewError(f"unknown judgement {judgement!r}")
    row = MatchReviewRow(
        entity_key=entity_key, list_id=entry.list_id, entry_id=entry.entry_id,
        entry_name=entry.name[:1024], judgement=judgement, user=user, note=note,
        created_at=now(),
    )  # fmt: skip
    session.add(row)
    session.flush()
    _apply(session, entity_key, entry, row)
    return row


def undo_match_review(session: Session, review_id: int) -> MatchReviewRow:
    """Retract a verdict (kept, marked deleted): the stored match goes back to the verdict
    standing before it on the party's cluster, else to the matcher's level (a match that
    only the verdict made goes). LookupError when there is no such standing verdict."""
    row = session.get(MatchReviewRow, review_id)
    if row is None or row.deleted_at is not None:
        raise LookupError(f"no standing match review number {review_id}")
    row.deleted_at = now()
    session.flush()
    entry = EntryRef(row.list_id, row.entry_id, row.entry_name)
    rep_id = _representative(session, row.entity_key)
    if rep_id is None:
        return row
    standing = _standing(session, rep_id, entry)
    if standing is not None:
        _apply(session, standing.entity_key, entry, standing)
        return row
    match = _stored_match(session, rep_id, entry)
    if match is not None and match.review_id is not None:
        if match.matcher_level is None:  # the verdict alone made it
            session.delete(match)
        else:
            match.level, match.review_id = match.matcher_level, None
        session.flush()
    return row


def _representative(session: Session, entity_key: str) -> int | None:
    """The id of the representative of the cluster the entity key belongs to."""
    member, rep = aliased(EntityRow), aliased(EntityRow)
    return session.scalar(
        select(rep.id)
        .join(member, rep.key == func.coalesce(member.cluster_key, member.key))
        .where(member.key == entity_key)
    )


def _standing(session: Session, rep_id: int, entry: EntryRef) -> MatchReviewRow | None:
    """The newest verdict not undone on the entry about any member of the cluster."""
    member, rep = aliased(EntityRow), aliased(EntityRow)
    keys = (
        select(member.key)
        .join(rep, rep.key == func.coalesce(member.cluster_key, member.key))
        .where(rep.id == rep_id)
    )
    return session.scalar(
        select(MatchReviewRow)
        .where(
            MatchReviewRow.entity_key.in_(keys),
            MatchReviewRow.list_id == entry.list_id,
            MatchReviewRow.entry_id == entry.entry_id,
            MatchReviewRow.deleted_at.is_(None),
        )
        .order_by(MatchReviewRow.id.desc())
        .limit(1)
    )


def _stored_match(session: Session, rep_id: int, entry: EntryRef) -> MatchRow | None:
    return session.scalar(
        select(MatchRow).where(
            MatchRow.entity_id == rep_id,
            MatchRow.list_id == entry.list_id,
            MatchRow.entry_id == entry.entry_id,
        )
    )


def current_level(session: Session, entity_key: str, list_id: str, entry_id: str) -> str | None:
    """The stored level of the match of the entity's cluster against an entry, if any."""
    rep_id = _representative(session, entity_key)
    if rep_id is None:
        return None
    match = _stored_match(session, rep_id, EntryRef(list_id, entry_id, ""))
    return match.level if match is not None else None


def _apply(session: Session, entity_key: str, entry: EntryRef, review: MatchReviewRow) -> None:
    from tracewire.screen import SanctionsEntry  # noqa: PLC0415 - the list tools load on use
    from tracewire.store.screening import confirmed_row, reviewed_level  # noqa: PLC0415

    rep_id = _representative(session, entity_key)
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
    match = _stored_match(session, rep_id, entry)
    if match is not None:
        # judged against what the matcher found, not against an earlier verdict
        matched = match.matcher_level or match.level
        match.level = reviewed_level(review.judgement, matched, record)
        match.review_id = review.id
    elif review.judgement == CONFIRMED:
        row = confirmed_row(rep_id, entry.list_id, record, review.id, now())
        session.add(MatchRow(**row))


def reviews_for(
    session: Session, list_id: str, keys: set[str]
) -> dict[tuple[str, str], MatchReviewRow]:
    """The standing judgements on one list about any of these entity keys, by (key, entry
    id): of several on one pair, the newest not undone."""
    found: dict[tuple[str, str], MatchReviewRow] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        rows = session.scalars(
            select(MatchReviewRow)
            .where(
                MatchReviewRow.list_id == list_id,
                MatchReviewRow.entity_key.in_(ordered[start : start + 500]),
                MatchReviewRow.deleted_at.is_(None),
            )
            .order_by(MatchReviewRow.id)
        )
        for row in rows:  # a later verdict stands over an earlier one
            found[(row.entity_key, row.entry_id)] = row
    return found


def all_reviews(session: Session, *, include_deleted: bool = False) -> list[MatchReviewRow]:
    """Every verdict (also the undone ones with `include_deleted`), newest first."""
    query = select(MatchReviewRow).order_by(MatchReviewRow.id.desc())
    if not include_deleted:
        query = query.where(MatchReviewRow.deleted_at.is_(None))
    return list(session.scalars(query))
