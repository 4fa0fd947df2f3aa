"""Party edges: the claims between resolved entities, counted once per cluster pair.

A precomputed aggregate of the claims table by cluster representative, so that a reader
(the web interface) can rank a hub's counterparties, count its claims by relation and draw
its edges from a few hundred rows instead of grouping its thousands of claims on every
request. Each claim (subject S, relation r, object O, hedging h; S and O the
representatives of its parties) counts in the row (S, O, r, "out", h) and, when S != O, in
the row (O, S, r, "in", h): every row is keyed by the party it is read for.

`rebuild_party_edges` recomputes the table from scratch in the caller's transaction;
`resolve_store` calls it last, so build, merge and split keep it current. The
`aggregates` row records the claims and entities it was built from (count and highest id):
a reader that finds them changed (a build that stored documents but has not resolved yet,
rows written by hand) reads the claims directly instead.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, Integer, String, delete, func, literal, select, union_all
from sqlalchemy.orm import Mapped, Session, mapped_column

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


def built_from(session: Session, name: str = PARTY_EDGES) -> tuple[int, int, int, int] | None:
    """The source state an aggregate was last built from, or None if it never was."""
    row = session.get(AggregateRow, name)
    if row is None:
        return None
    return (row.claims, row.last_claim, row.entities, row.last_entity)


def is_current(session: Session) -> bool:
    """Whether party_edges was built from the claims and entities the store holds now."""
    return built_from(session) == source_state(session)


def _by_cluster() -> Any:
    """Claims grouped by (subject rep, relation, object rep, hedging), as out and in rows."""
    raw, rep = _ENTITIES.alias("raw"), _ENTITIES.alias("rep")
    owner = (
        select(raw.c.id.label("raw"), rep.c.id.label("rep"))
        .select_from(raw.join(rep, rep.c.key == func.coalesce(raw.c.cluster_key, raw.c.key)))
        .cte("owner")
    )
    s, o, c = owner.alias("s"), owner.alias("o"), _CLAIMS.c
    grouped = (
        select(
            s.c.rep.label("s"), o.c.rep.label("o"), c.relation, c.hedging, func.count().label("n")
        )
        .select_from(_CLAIMS.join(s, s.c.raw == c.subject_id).join(o, o.c.raw == c.object_id))
        .group_by(s.c.rep, o.c.rep, c.relation, c.hedging)
        .cte("grouped")
    )
    g = grouped.c
    return union_all(
        select(g.s, g.o, g.relation, literal("out"), g.hedging, g.n),
        select(g.o, g.s, g.relation, literal("in"), g.hedging, g.n).where(g.s != g.o),
    )


_BY_CLUSTER = _by_cluster()
_COLUMNS = ("party", "counterparty", "relation", "direction", "hedging", "claims")


def rebuild_party_edges(session: Session) -> None:
    """Recompute party_edges from the claims and the current clusters (in the caller's
    transaction) and record what it was built from."""
    session.flush()
    session.execute(delete(PartyEdgeRow))
    table = PartyEdgeRow.__table__
    session.execute(table.insert().from_select(_COLUMNS, _BY_CLUSTER))  # type: ignore[attr-defined]
    claims, last_claim, entities, last_entity = source_state(session)
    state = session.get(AggregateRow, PARTY_EDGES) or AggregateRow(name=PARTY_EDGES)
    state.claims, state.last_claim = claims, last_claim
    state.entities, state.last_entity = entities, last_entity
    state.built_at = now()
    session.add(state)
    session.flush()


__all__ = [
    "AggregateRow",
    "PartyEdgeRow",
    "built_from",
    "is_current",
    "rebuild_party_edges",
    "source_state",
]
