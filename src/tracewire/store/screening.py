"""Screening the store's resolved parties against its sanctions lists.

`screen_store` screens every party (`tracewire screen`) or some; `screen_changed` screens
only parties whose names, type or list changed since they were last screened (every
`build` and `fetch` calls it). Each party's screening is recorded with a fingerprint of
what it was screened as; reviewers' judgements (`store.reviews`) are applied to every
new result, so a rejected pair never flags again and a confirmed one shows as reviewed.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, aliased

from tracewire.ontology import load_gazetteer
from tracewire.records import EntityType
from tracewire.store.models import EntityRow, MatchRow, MentionRow, ScreeningRow
from tracewire.store.reviews import CONFIRMED, REJECTED, reviews_for
from tracewire.store.sanctions import (
    LISTED,
    NOT_NAMES,
    OTHER,
    RELATED,
    list_digest,
    read_list,
    save_list,
    stored_lists,
)
from tracewire.store.writer import now

if TYPE_CHECKING:
    from tracewire.screen import Match, SanctionsEntry, SanctionsList, Screener

# What each entity type is screened as: a country is a state (never itself listed).
SCHEMAS: dict[str, str] = {
    EntityType.PERSON.value: "Person",
    EntityType.COMPANY.value: "Organization",
    EntityType.ORGANIZATION.value: "Organization",
    EntityType.PUBLIC_BODY.value: "Organization",
    EntityType.COUNTRY.value: "State",
}
MATCHES_PER_PARTY = 8
"""How many entries per party and list are kept (hits and near candidates)."""
_CACHE_SIZE = 4
_SCREENERS: OrderedDict[tuple[str, float], Screener] = OrderedDict()
"""Screeners by list digest and threshold: a list's index is built once per process."""


@dataclass(frozen=True, slots=True)
class Target:
    """A resolved party as it is screened."""

    type: str
    canonical: str
    names: tuple[str, ...]
    keys: tuple[str, ...]
    """The entity keys of the cluster's members (reviews name one of them)."""

    def fingerprint(self, digest: str, threshold: float) -> str:
        """A hash of what the party is screened as, against which list, by which matcher."""
        from tracewire.screen import ALGORITHM, VERSION  # noqa: PLC0415

        text = json.dumps([ALGORITHM, VERSION, digest, threshold, self.type, self.names, self.keys])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class ScreenReport:
    """What a screening run did."""

    entities: int = 0
    names: int = 0
    matches: int = 0
    hits: int = 0


def screening_names(canonical: str, names: Iterable[str]) -> list[str]:
    """The names an entity is screened under: its canonical name and multi-word names;
    single words and acronyms ("Sepah", "MPS") only when it has no longer name, since
    alone they name many unrelated listed parties."""
    chosen = [canonical]
    multiword = len(canonical.split()) > 1
    for name in names:
        if name in chosen:
            continue
        if len(name.split()) > 1 or not multiword:
            chosen.append(name)
    return chosen


def targets(session: Session) -> dict[int, Target]:
    """Every resolved party that is screened (by its representative's id)."""
    member, rep = aliased(EntityRow), aliased(EntityRow)
    pairs = session.execute(
        select(rep.id, rep.type, rep.canonical, member.id, member.key, member.canonical).join(
            rep, rep.key == func.coalesce(member.cluster_key, member.key)
        )
    ).all()
    mentioned = defaultdict(set)
    for entity_id, text, form in session.execute(
        select(MentionRow.entity_id, MentionRow.text, MentionRow.form)
    ):
        if form not in NOT_NAMES:
            mentioned[entity_id].add(text)
    gazetteer = load_gazetteer()
    forms: dict[int, list[str]] = defaultdict(list)
    keys: dict[int, list[str]] = defaultdict(list)
    kinds: dict[int, tuple[str, str]] = {}
    for rep_id, type_, canonical, member_id, key, member_name in pairs:
        if type_ not in SCHEMAS or (member_id not in mentioned and rep_id != member_id):
            continue
        kinds[rep_id] = (type_, canonical)
        keys[rep_id].append(key)
        entry = gazetteer.entries.get(key)
        forms[rep_id] += [member_name, *sorted(mentioned[member_id])]
        if entry is not None:
            forms[rep_id] += [entry.name, *entry.aliases]
    screened = {rep for rep, _t, _c, member, _k, _n in pairs if member in mentioned}
    return {
        rep: Target(
            type_,
            canonical,
            tuple(screening_names(canonical, forms[rep])),
            tuple(sorted(keys[rep])),
        )
        for rep, (type_, canonical) in kinds.items()
        if rep in screened
    }


def list_screeners(
    session: Session, threshold: float = 0.8
) -> tuple[list[tuple[str, Screener]], SanctionsList | None]:
    """A screener for each loaded list, and the embedded OFAC SDN snapshot when it had to
    be loaded first because the store held no list (None otherwise)."""
    from tracewire import screen as screening  # noqa: PLC0415 - the list tools load on use

    rows = stored_lists(session)
    snapshot = None
    if not rows:
        snapshot = screening.load_snapshot()
        save_list(session, snapshot)
        rows = stored_lists(session)
    found = []
    for row in rows:
        digest = row.digest
        cached = _SCREENERS.get((digest, threshold)) if digest else None
        if cached is None:
            lst = read_list(session, row.id)
            digest = digest or list_digest(lst)
            cached = screening.Screener(lst, threshold=threshold)
            _SCREENERS[(digest, threshold)] = cached
            while len(_SCREENERS) > _CACHE_SIZE:
                _SCREENERS.popitem(last=False)
        found.append((row.id, cached))
    return found, snapshot


def screen_store(
    session: Session,
    screeners: Iterable[tuple[str, Screener]],
    only: set[int] | None = None,
    *,
    changed_only: bool = False,
) -> ScreenReport:
    """Screen every resolved party (or the representatives `only`) against each list;
    new matches replace the party's earlier ones. With `changed_only`, parties screened
    before as they are now are left alone, and matches of entities that are no longer
    screened (merged into another party, gone) are removed."""
    report = ScreenReport()
    parties = targets(session)
    if only is not None:
        parties = {k: v for k, v in parties.items() if k in only}
    stamp = now()
    screened: set[int] = set()
    for list_id, screener in screeners:
        digest = _digest(session, list_id)
        rows_held = session.execute(
            select(ScreeningRow.entity_id, ScreeningRow.fingerprint).where(
                ScreeningRow.list_id == list_id
            )
        )
        held = dict(rows_held.tuples().all())
        if changed_only and only is None:
            _prune(session, list_id, set(parties))
        todo = {
            entity_id: target
            for entity_id, target in parties.items()
            if not changed_only
            or held.get(entity_id) != target.fingerprint(digest, screener.threshold)
        }
        if not todo:
            continue
        ids = list(todo)
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            session.execute(
                delete(MatchRow).where(MatchRow.list_id == list_id, MatchRow.entity_id.in_(part))
            )
            session.execute(
                delete(ScreeningRow).where(
                    ScreeningRow.list_id == list_id, ScreeningRow.entity_id.in_(part)
                )
            )
        reviews = reviews_for(session, list_id, {k for t in todo.values() for k in t.keys})
        rows: list[dict[str, object]] = []
        for entity_id, target in todo.items():
            report.names += len(target.names)
            matches = screener.screen(
                target.canonical,
                SCHEMAS[target.type],
                aliases=target.names,
                limit=MATCHES_PER_PARTY,
            )
            found = {m.entry.entry_id: m for m in matches}
            # of verdicts on one entry about several members of the cluster, the newest
            judged = {
                entry: r
                for (key, entry), r in sorted(reviews.items(), key=lambda kv: kv[1].id)
                if key in target.keys
            }
            for entry_id, review in judged.items():
                if entry_id not in found and review.judgement == CONFIRMED:
                    entry = screener.list.get(entry_id)
                    if entry is not None:
                        rows.append(confirmed_row(entity_id, list_id, entry, review.id, stamp))
            for match in found.values():
                row = _match_row(entity_id, list_id, match, stamp)
                judgement = judged.get(match.entry.entry_id)
                if judgement is not None:
                    row["review_id"] = judgement.id
                    row["level"] = reviewed_level(judgement.judgement, match.level, match.entry)
                rows.append(row)
            session.add(
                ScreeningRow(
                    entity_id=entity_id,
                    list_id=list_id,
                    fingerprint=target.fingerprint(digest, screener.threshold),
                    screened_at=stamp,
                )
            )
            screened.add(entity_id)
        report.hits += sum(1 for row in rows if row["level"] in _FLAGGED)
        report.matches += len(rows)
        if rows:
            session.execute(insert(MatchRow), rows)
    report.entities = len(screened)
    return report


_FLAGGED = frozenset({LISTED, RELATED, "possible", OTHER})


def reviewed_level(judgement: str, level: str, entry: SanctionsEntry) -> str:
    """The level of a reviewed match: rejected, or for a confirmed one the matcher's
    `related` (the reviewer confirms the relation) or else the entry's own listing."""
    if judgement == REJECTED:
        return REJECTED
    if level == RELATED:
        return RELATED
    return LISTED if entry.sanctioned else OTHER


def screen_changed(session: Session, threshold: float = 0.8) -> ScreenReport:
    """Screen the parties that are new or changed since their last screening (or whose
    list changed) against the loaded lists; the embedded OFAC snapshot is loaded first
    when the store has none."""
    screeners, _snapshot = list_screeners(session, threshold)
    return screen_store(session, screeners, changed_only=True)


def _digest(session: Session, list_id: str) -> str:
    from tracewire.store.models import SanctionsListRow  # noqa: PLC0415

    row = session.get(SanctionsListRow, list_id)
    return (row.digest or "") if row is not None else ""


def _prune(session: Session, list_id: str, keep: set[int]) -> None:
    """Remove matches and screenings of entities that are no longer screened parties."""
    stale = set(
        session.scalars(select(MatchRow.entity_id).where(MatchRow.list_id == list_id))
    ) | set(session.scalars(select(ScreeningRow.entity_id).where(ScreeningRow.list_id == list_id)))
    gone = list(stale - keep)
    for start in range(0, len(gone), 500):
        part = gone[start : start + 500]
        session.execute(
            delete(MatchRow).where(MatchRow.list_id == list_id, MatchRow.entity_id.in_(part))
        )
        session.execute(
            delete(ScreeningRow).where(
                ScreeningRow.list_id == list_id, ScreeningRow.entity_id.in_(part)
            )
        )


def _match_row(entity_id: int, list_id: str, match: Match, stamp: datetime) -> dict[str, object]:
    return {
        "entity_id": entity_id,
        "list_id": list_id,
        "entry_id": match.entry.entry_id,
        "entry_name": match.entry.name[:1024],
        "entry_schema": match.entry.schema,
        "programs": " ".join(match.entry.programs)[:512],
        "query_name": match.query_name[:1024],
        "matched_name": match.matched_name[:1024],
        "score": round(match.score, 4),
        "is_hit": match.is_hit,
        "algorithm": f"{match.algorithm}/{match.version}",
        "features": json.dumps(match.features),
        "explanation": match.explanation,
        "screened_at": stamp,
        "level": match.level,
        "matcher_level": match.level,
        "topics": " ".join(match.entry.topics)[:256],
        "review_id": None,
    }


def confirmed_row(
    entity_id: int, list_id: str, entry: SanctionsEntry, review_id: int, stamp: datetime
) -> dict[str, object]:
    """A match a reviewer confirmed that the matcher no longer reports by itself."""
    from tracewire.screen import ALGORITHM, VERSION  # noqa: PLC0415

    return {
        "entity_id": entity_id,
        "list_id": list_id,
        "entry_id": entry.entry_id,
        "entry_name": entry.name[:1024],
        "entry_schema": entry.schema,
        "programs": " ".join(entry.programs)[:512],
        "query_name": "",
        "matched_name": entry.name[:1024],
        "score": 0.0,
        "is_hit": True,
        "algorithm": f"{ALGORITHM}/{VERSION}",
        "features": "{}",
        "explanation": "confirmed by a reviewer; the names alone do not reach the threshold",
        "screened_at": stamp,
        "level": reviewed_level(CONFIRMED, LISTED, entry),
        "matcher_level": None,  # the matcher does not report it: undoing the review drops it
        "topics": " ".join(entry.topics)[:256],
        "review_id": review_id,
    }
