"""Sanctions lists in the store, and screening every resolved entity against them."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, aliased

from tracewire.ontology import load_gazetteer
from tracewire.records import EntityType
from tracewire.store.models import (
    EntityRow,
    MatchRow,
    MentionRow,
    SanctionsEntryRow,
    SanctionsListRow,
)
from tracewire.store.writer import now

if TYPE_CHECKING:
    from tracewire.screen import Match, SanctionsList, Screener

# What each entity type is screened as (None: any organisation-like entry).
SCHEMAS: dict[str, str | None] = {
    EntityType.PERSON.value: "Person",
    EntityType.COMPANY.value: "Organization",
    EntityType.ORGANIZATION.value: "Organization",
    EntityType.PUBLIC_BODY.value: "Organization",
    EntityType.COUNTRY.value: None,
}
NOT_NAMES = {"capital", "demonym", "surname"}  # forms that are not the entity's own name


@dataclass(frozen=True, slots=True)
class MatchView:
    """A stored match with its list's name and date."""

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

    def label(self) -> str:
        """A short flag: "OFAC SDN: ISLAMIC REVOLUTIONARY GUARD CORPS [IRGC, SDGT]"."""
        programs = f" [{', '.join(self.programs)}]" if self.programs else ""
        return f"{self.list_name}: {self.entry_name}{programs}"


def save_list(session: Session, lst: SanctionsList) -> int:
    """Store a list, replacing an earlier load of the same list (and its matches)."""
    session.execute(delete(MatchRow).where(MatchRow.list_id == lst.id))
    session.execute(delete(SanctionsEntryRow).where(SanctionsEntryRow.list_id == lst.id))
    session.execute(delete(SanctionsListRow).where(SanctionsListRow.id == lst.id))
    session.add(
        SanctionsListRow(
            id=lst.id,
            name=lst.name,
            source=lst.source,
            date=lst.date,
            entries=len(lst.entries),
            loaded_at=now(),
        )
    )
    session.flush()
    rows = [
        {
            "list_id": lst.id,
            "entry_id": e.entry_id,
            "name": e.name[:1024],
            "schema": e.schema,
            "programs": " ".join(e.programs)[:512],
            "data": json.dumps(
                {
                    "aliases": list(e.aliases),
                    "linked_to": list(e.linked_to),
                    "countries": list(e.countries),
                    "remarks": e.remarks,
                },
                ensure_ascii=False,
            ),
        }
        for e in lst.entries
    ]
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
            )
        )
    return SanctionsList(row.id, row.name, row.source, row.date, tuple(entries))


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


def _names(session: Session) -> dict[int, tuple[str, str, list[str]]]:
    """Each resolved entity's type, canonical name and the names it is screened under."""
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
    kinds: dict[int, tuple[str, str]] = {}
    for rep_id, type_, canonical, member_id, key, member_name in pairs:
        if type_ not in SCHEMAS or (member_id not in mentioned and rep_id != member_id):
            continue
        kinds[rep_id] = (type_, canonical)
        entry = gazetteer.entries.get(key)
        forms[rep_id] += [member_name, *sorted(mentioned[member_id])]
        if entry is not None:
            forms[rep_id] += [entry.name, *entry.aliases]
    screened = {rep for rep, _t, _c, member, _k, _n in pairs if member in mentioned}
    return {
        rep: (type_, canonical, screening_names(canonical, forms[rep]))
        for rep, (type_, canonical) in kinds.items()
        if rep in screened
    }


@dataclass(slots=True)
class ScreenReport:
    """What a screening run did."""

    entities: int = 0
    names: int = 0
    matches: int = 0
    hits: int = 0


def list_screeners(
    session: Session, threshold: float = 0.8
) -> tuple[list[tuple[str, Screener]], SanctionsList | None]:
    """A screener for each loaded list, and the embedded OFAC SDN snapshot when it had to
    be loaded first because the store held no list (None otherwise)."""
    from tracewire import screen as screening  # noqa: PLC0415 - the list tools load on use

    lists = [row.id for row in stored_lists(session)]
    snapshot = None
    if not lists:
        snapshot = screening.load_snapshot()
        save_list(session, snapshot)
        lists = [snapshot.id]
    screeners = [(i, screening.Screener(read_list(session, i), threshold=threshold)) for i in lists]
    return screeners, snapshot


def screen_store(
    session: Session,
    screeners: Iterable[tuple[str, Screener]],
    only: set[int] | None = None,
) -> ScreenReport:
    """Screen every resolved party (or the resolved entities `only`) against each list;
    matches replace earlier ones."""
    report = ScreenReport()
    targets = _names(session)
    if only is not None:
        targets = {k: v for k, v in targets.items() if k in only}
    report.entities = len(targets)
    stamp = now()
    for list_id, screener in screeners:
        stale = delete(MatchRow).where(MatchRow.list_id == list_id)
        if only is not None:
            stale = stale.where(MatchRow.entity_id.in_(list(targets)))
        session.execute(stale)
        rows = []
        for entity_id, (type_, _canonical, names) in targets.items():
            report.names += len(names)
            best: dict[str, Match] = {}
            for name in names:
                for match in screener.screen(name, SCHEMAS[type_], aliases=names):
                    held = best.get(match.entry.entry_id)
                    if held is None or match.score > held.score:
                        best[match.entry.entry_id] = match
            for match in best.values():
                rows.append(_match_row(entity_id, list_id, match, stamp))
                report.hits += int(match.is_hit)
        report.matches += len(rows)
        if rows:
            session.execute(insert(MatchRow), rows)
    return report


def _match_row(entity_id: int, list_id: str, match: Match, stamp: object) -> dict[str, object]:
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
    }


def match_views(
    session: Session, entity_ids: Iterable[int] | None = None, *, hits_only: bool = False
) -> list[MatchView]:
    """Stored matches, best first, optionally for some entities or hits only."""
    query = (
        select(MatchRow, SanctionsListRow.name, SanctionsListRow.date)
        .join(SanctionsListRow, SanctionsListRow.id == MatchRow.list_id)
        .order_by(MatchRow.entity_id, MatchRow.score.desc())
    )
    if entity_ids is not None:
        query = query.where(MatchRow.entity_id.in_(list(entity_ids)))
    if hits_only:
        query = query.where(MatchRow.is_hit.is_(True))
    return [
        MatchView(
            entity_id=m.entity_id,
            list_id=m.list_id,
            list_name=name,
            list_date=date,
            entry_id=m.entry_id,
            entry_name=m.entry_name,
            entry_schema=m.entry_schema,
            programs=tuple(m.programs.split()),
            query_name=m.query_name,
            matched_name=m.matched_name,
            score=m.score,
            is_hit=m.is_hit,
            algorithm=m.algorithm,
            explanation=m.explanation,
            features=json.loads(m.features),
        )
        for m, name, date in session.execute(query)
    ]


def entity_names(session: Session, entity_ids: set[int]) -> dict[int, str]:
    """Canonical names of entities by id."""
    rows = session.execute(
        select(EntityRow.id, EntityRow.canonical).where(EntityRow.id.in_(entity_ids))
    )
    return dict(rows.tuples().all())


def best_hit_labels(session: Session, entity_ids: Iterable[int]) -> dict[int, list[str]]:
    """The best sanctions hit of each given resolved entity, as a short label: the flag
    that claims involving the entity carry."""
    found: dict[int, list[str]] = {}
    ids = list(entity_ids)
    for start in range(0, len(ids), 500):
        for view in match_views(session, ids[start : start + 500], hits_only=True):
            found.setdefault(view.entity_id, [view.label()])
    return found
