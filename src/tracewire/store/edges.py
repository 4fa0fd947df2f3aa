"""Party edges: the claims between resolved entities, counted once per cluster pair.

A precomputed aggregate of the claims table by cluster representative, so that a reader
(the web interface) can rank a hub's counterparties, count its claims by relation and draw
its edges from a few hundred rows instead of grouping its thousands of claims on every
request. Each claim (subject S, relation r, object O, hedging h; S and O the
representatives of its parties) counts in the row (S, O, r, "out", h) and, when S != O, in
the row (O, S, r, "in", h): every row is keyed by the party it is read for.

Three more tables are built in the same rebuild, for what a dossier asks of one party:
`party_totals` (claims by party, relation and direction) and `party_counterparties`
(claims by party and counterparty, indexed by claims, so that the top counterparties and
their number are index range reads) are sums of party_edges; `party_claims` lists each
claim under each of its parties (party_edges' rows before counting, with the claim's id and
date; party_edges is counted from it), so that the first claims of an edge and a party's
earliest dated claims are read from an index instead of sorting all of a hub's claims.

Claims a reviewer rejected (store/claim_reviews.py) are left out of all four: a rejection
or its undo recounts the rows of the claim's two parties (`recount_parties`).

`rebuild_party_edges` recomputes the four tables from scratch in the caller's transaction
(a full resolution calls it last); `update_party_edges` replaces only the rows of the
clusters a resolution of a neighbourhood changed and of their counterparties, so that
build, merge and split keep them current at a cost that grows with what changed. The one
`aggregates` row (named party_edges) records the claims and entities they were built from
(count and highest id): a reader that finds them changed (a build that stored documents but
has not resolved yet, rows written by hand) reads the claims directly instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    Index,
    Integer,
    String,
    bindparam,
    delete,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from tracewire.store.claim_reviews import rejected
from tracewire.store.models import Base, ClaimRow, EntityRow
from tracewire.store.writer import now

PARTY_EDGES = "party_edges"


class PartyEdgeRow(Base):
    """Claims between a party (a representative) and one counterparty under one relation,
    direction and stored hedging (labels joined by ","), as counted by `claims`."""

    __tablename__ = "party_edges"
    __table_args__ = (
        # Covering: a party's rows, by counterparty, with everything a reader needs.
        Index(
            "ix_party_edges_party",
            "party",
            "counterparty",
            "relation",
            "direction",
            "hedging",
            "claims",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    party: Mapped[int] = mapped_column(Integer)  # derived ids: no foreign keys to keep
    counterparty: Mapped[int] = mapped_column(Integer)
    relation: Mapped[str] = mapped_column(String(32))
    direction: Mapped[str] = mapped_column(String(3))  # "out": party is subject, "in": object
    hedging: Mapped[str] = mapped_column(String(128))
    claims: Mapped[int] = mapped_column(Integer)


class PartyTotalRow(Base):
    """Claims of a party under one relation and direction: party_edges summed over
    counterparties and hedging."""

    __tablename__ = "party_totals"
    __table_args__ = (Index("ix_party_totals_party", "party", "relation", "direction", "claims"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    party: Mapped[int] = mapped_column(Integer)
    relation: Mapped[str] = mapped_column(String(32))
    direction: Mapped[str] = mapped_column(String(3))
    claims: Mapped[int] = mapped_column(Integer)


class PartyCounterpartyRow(Base):
    """Claims between a party and one counterparty: party_edges summed over relation,
    direction and hedging (the party itself is a counterparty of claims inside its
    cluster)."""

    __tablename__ = "party_counterparties"
    __table_args__ = (
        # Read backwards: a party's counterparties, most claims first.
        Index("ix_party_counterparties_party", "party", "claims", "counterparty"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    party: Mapped[int] = mapped_column(Integer)
    counterparty: Mapped[int] = mapped_column(Integer)
    claims: Mapped[int] = mapped_column(Integer)


class PartyClaimRow(Base):
    """One claim as read for one of its parties: a party_edges row before counting (which
    is how party_edges is built, by a scan of this table's key)."""

    __tablename__ = "party_claims"
    __table_args__ = (
        Index("ix_party_claims_date", "party", "date", "claim"),  # a party's claims by date
        # a party's rows as counterparty: what a re-resolution of its cluster replaces
        Index("ix_party_claims_counterparty", "counterparty", "party"),
        {"sqlite_with_rowid": False},  # the key is the table: one b-tree to write, not two
    )

    party: Mapped[int] = mapped_column(Integer, primary_key=True)
    counterparty: Mapped[int] = mapped_column(Integer, primary_key=True)
    relation: Mapped[str] = mapped_column(String(32), primary_key=True)
    direction: Mapped[str] = mapped_column(String(3), primary_key=True)
    hedging: Mapped[str] = mapped_column(String(128), primary_key=True)
    claim: Mapped[int] = mapped_column(Integer, primary_key=True)  # claims.id
    date: Mapped[str | None] = mapped_column(String(10))


class AggregateRow(Base):
    """What a derived table was built from: claims and entities, by count and highest id."""

    __tablename__ = "aggregates"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    claims: Mapped[int] = mapped_column(Integer)
    last_claim: Mapped[int] = mapped_column(Integer)
    entities: Mapped[int] = mapped_column(Integer)
    last_entity: Mapped[int] = mapped_column(Integer)
    built_at: Mapped[datetime] = mapped_column(DateTime)


_CLAIMS, _ENTITIES = ClaimRow.__table__, EntityRow.__table__
# Four separate scalar subqueries: SQLite answers each from a b-tree's ends or its count.
_SOURCE = select(
    select(func.count()).select_from(_CLAIMS).scalar_subquery(),
    select(func.coalesce(func.max(_CLAIMS.c.id), 0)).scalar_subquery(),
    select(func.count()).select_from(_ENTITIES).scalar_subquery(),
    select(func.coalesce(func.max(_ENTITIES.c.id), 0)).scalar_subquery(),
)


def source_state(session: Session) -> tuple[int, int, int, int]:
    """(claims, highest claim id, entities, highest entity id) as the store holds them now."""
    row = session.execute(_SOURCE).one()
    return (int(row[0]), int(row[1]), int(row[2]), int(row[3]))


_A = AggregateRow.__table__.c
# A statement, not session.get: readers ask on every request, and the ORM's bookkeeping
# costs more than the lookup.
_BUILT_FROM = select(_A.claims, _A.last_claim, _A.entities, _A.last_entity).where(
    _A.name == bindparam("name")
)


def built_from(session: Session, name: str = PARTY_EDGES) -> tuple[int, int, int, int] | None:
    """The source state an aggregate was last built from, or None if it never was."""
    row = session.execute(_BUILT_FROM, {"name": name}).first()
    if row is None:
        return None
    return (int(row[0]), int(row[1]), int(row[2]), int(row[3]))


def is_current(session: Session) -> bool:
    """Whether party_edges was built from the claims and entities the store holds now."""
    return built_from(session) == source_state(session)


def _owner() -> Any:
    """Each raw entity id with its representative's id."""
    raw, rep = _ENTITIES.alias("raw"), _ENTITIES.alias("rep")
    return (
        select(raw.c.id.label("raw"), rep.c.id.label("rep"))
        .select_from(raw.join(rep, rep.c.key == func.coalesce(raw.c.cluster_key, raw.c.key)))
        .cte("owner")
    )


def _claims_by_cluster() -> Any:
    """Each claim (but those rejected) under its subject's representative ("out") and, when
    that differs, its object's ("in"), in key order (so that the rows are appended to
    party_claims)."""
    owner = _owner()
    s, o, c = owner.alias("s"), owner.alias("o"), _CLAIMS.c
    pairs = _CLAIMS.join(s, s.c.raw == c.subject_id).join(o, o.c.raw == c.object_id)

    def side(party: Any, other: Any, direction: str) -> Any:
        columns = (party, other, c.relation, literal(direction), c.hedging, c.id, c.date)
        return select(*columns).where(~rejected())

    sides = union_all(
        side(s.c.rep, o.c.rep, "out").select_from(pairs),
        side(o.c.rep, s.c.rep, "in").select_from(pairs).where(s.c.rep != o.c.rep),
    ).subquery()
    return select(sides).order_by(*list(sides.c)[:6])


_CLAIM_COLUMNS = ("party", "counterparty", "relation", "direction", "hedging", "claim", "date")
_P = PartyClaimRow.__table__.c
_EDGE_KEY = (_P.party, _P.counterparty, _P.relation, _P.direction, _P.hedging)
# Grouped in party_claims' key order: a scan, no sort.
_BY_CLUSTER = select(*_EDGE_KEY, func.count()).group_by(*_EDGE_KEY)
_COLUMNS = ("party", "counterparty", "relation", "direction", "hedging", "claims")
_E = PartyEdgeRow.__table__.c
_TOTALS = select(_E.party, _E.relation, _E.direction, func.sum(_E.claims)).group_by(
    _E.party, _E.relation, _E.direction
)
_COUNTERPARTIES = select(_E.party, _E.counterparty, func.sum(_E.claims)).group_by(
    _E.party, _E.counterparty
)
_DERIVED = (  # in order: each from the one before
    (PartyClaimRow, _CLAIM_COLUMNS, _claims_by_cluster()),
    (PartyEdgeRow, _COLUMNS, _BY_CLUSTER),
    (PartyTotalRow, ("party", "relation", "direction", "claims"), _TOTALS),
    (PartyCounterpartyRow, ("party", "counterparty", "claims"), _COUNTERPARTIES),
)
_SUMMED_BY = (_P.party, _E.party, _E.party)  # the party column each of _DERIVED[1:] reads
TABLES = (PartyEdgeRow, PartyTotalRow, PartyCounterpartyRow, PartyClaimRow)


def rebuild_party_edges(session: Session) -> None:
    """Recompute party_edges, its sums (party_totals, party_counterparties) and party_claims
    from the claims and the current clusters (in the caller's transaction) and record what
    they were built from."""
    session.flush()
    for model in TABLES:
        session.execute(delete(model))
    for model, columns, query in _DERIVED:
        target: Any = model.__table__
        session.execute(target.insert().from_select(columns, query))
    _record_state(session)


def _owners(session: Session, entity_ids: set[int]) -> dict[int, int]:
    """Each entity id with its representative's id (an indexed read per chunk)."""
    cluster: dict[int, str] = {}
    for part in _chunks(entity_ids):
        query = select(_ENTITIES.c.id, func.coalesce(_ENTITIES.c.cluster_key, _ENTITIES.c.key))
        cluster |= dict(session.execute(query.where(_ENTITIES.c.id.in_(part))).tuples().all())
    ids: dict[str, int] = {}
    for part in _chunks(set(cluster.values())):
        query = select(_ENTITIES.c.key, _ENTITIES.c.id).where(_ENTITIES.c.key.in_(part))
        ids |= dict(session.execute(query).tuples().all())
    return {entity: ids[key] for entity, key in cluster.items()}


def _chunks(values: set[Any]) -> list[list[Any]]:
    ordered = sorted(values)
    return [ordered[i : i + 500] for i in range(0, len(ordered), 500)]


def update_party_edges(
    session: Session, parties: set[int], entities: set[int], *, record_state: bool = True
) -> None:
    """Replace the aggregate rows of the clusters `parties` (representative ids, before and
    after a resolution of the entities `entities`, which are all their members) and of
    their counterparties; the rest of the tables stays as it is. `record_state`: note the
    tables as built from the store as it is now (not when other changes are still to come
    in: a recount after a review leaves the note as it was)."""
    session.flush()
    if session.get(AggregateRow, PARTY_EDGES) is None:  # never built: build all
        rebuild_party_edges(session)
        return
    touched = set(parties)
    for part in _chunks(parties):
        touched |= set(session.scalars(select(_P.party).where(_P.counterparty.in_(part))))
        session.execute(delete(PartyClaimRow).where(_P.party.in_(part)))
        session.execute(delete(PartyClaimRow).where(_P.counterparty.in_(part)))
    c = _CLAIMS.c
    claims: dict[int, Any] = {}
    for part in _chunks(entities):
        for column in (c.subject_id, c.object_id):
            query = select(c.id, c.subject_id, c.object_id, c.relation, c.hedging, c.date)
            query = query.where(column.in_(part), ~rejected())
            claims |= {row[0]: row for row in session.execute(query)}
    owner = _owners(session, {e for row in claims.values() for e in (row[1], row[2])})
    rows = []
    for claim, subject, obj, relation, hedging, date in claims.values():
        s, o = owner[subject], owner[obj]
        rows.append((s, o, relation, "out", hedging, claim, date))
        if s != o:
            rows.append((o, s, relation, "in", hedging, claim, date))
    rows.sort()
    touched |= {row[0] for row in rows}
    if rows:
        table: Any = PartyClaimRow.__table__
        session.execute(
            table.insert(),
            [dict(zip(_CLAIM_COLUMNS, r, strict=True)) for r in rows],
        )
    for part in _chunks(touched):
        for (model, columns, query), party in zip(_DERIVED[1:], _SUMMED_BY, strict=True):
            target: Any = model.__table__
            session.execute(target.delete().where(target.c.party.in_(part)))
            session.execute(target.insert().from_select(columns, query.where(party.in_(part))))
    if record_state:
        _record_state(session)


def recount_parties(session: Session, raw_ids: set[int]) -> None:
    """Recount the aggregate rows of the clusters of these raw entities (a claim between
    them was rejected or restored). Tables never built are left to the next build."""
    session.flush()
    if session.get(AggregateRow, PARTY_EDGES) is None:
        return
    reps = set(_owners(session, raw_ids).values())
    keys = select(_ENTITIES.c.key).where(_ENTITIES.c.id.in_(reps))
    members = select(_ENTITIES.c.id).where(
        func.coalesce(_ENTITIES.c.cluster_key, _ENTITIES.c.key).in_(keys)
    )
    entities = set(session.scalars(members))
    update_party_edges(session, reps, entities, record_state=False)


def _record_state(session: Session) -> None:
    """Note the claims and entities the tables now reflect."""
    claims, last_claim, entities, last_entity = source_state(session)
    state = session.get(AggregateRow, PARTY_EDGES) or AggregateRow(name=PARTY_EDGES)
    state.claims, state.last_claim = claims, last_claim
    state.entities, state.last_entity = entities, last_entity
    state.built_at = now()
    session.add(state)
    session.flush()


__all__ = [
    "TABLES",
    "AggregateRow",
    "PartyClaimRow",
    "PartyCounterpartyRow",
    "PartyEdgeRow",
    "PartyTotalRow",
    "built_from",
    "is_current",
    "rebuild_party_edges",
    "recount_parties",
    "source_state",
    "update_party_edges",
]
