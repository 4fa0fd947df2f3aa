"""Who a cluster shares claims with: counterparties ranked, claims by relation, edges.

Two sources answer the same questions. `StoredParties` reads the precomputed party_edges
table (tracewire.store.edges), whose rows are already keyed by representative, so a hub
costs a few hundred index rows; `LiveParties` groups the claims of the clusters' raw
members (party_queries), for stores whose party_edges is missing or out of date.
`parties_for` picks the stored one whenever it was built from the store as it is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any, Protocol

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from tracewire.serve.web import party_queries, queries
from tracewire.serve.web.graph import Edge, fold, owners
from tracewire.serve.web.party_queries import Triple
from tracewire.serve.web.queries import EntityRef, ids_param
from tracewire.store.edges import PartyEdgeRow, is_current

EDGES = PartyEdgeRow.__table__
E = EDGES.c


class Parties(Protocol):
    """The claims around clusters, counted between representatives."""

    def counterparties(
        self, parties: Sequence[EntityRef], exclude: Collection[int], limit: int
    ) -> tuple[list[int], int]:
        """The `limit` representatives sharing most claims with the parties (ties by id),
        leaving out `exclude`, and how many there are in all."""
        ...

    def relation_counts(self, entity: EntityRef) -> dict[tuple[str, str], int]:
        """Claims by (relation, "out" as subject / "in" as object); a claim between two
        members of the cluster counts once, as "out"."""
        ...

    def edges(
        self, parties: Sequence[EntityRef], counterparties: Sequence[EntityRef]
    ) -> list[Edge]:
        """The claims between the parties and the counterparties (each claim once, also
        between two parties), folded into edges, most claims first."""
        ...


class LiveParties:
    """Parties answered from the claims table, through the clusters' raw members."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.clusters: dict[int, list[int]] = {}

    def members(self, refs: Iterable[EntityRef]) -> list[int]:
        """Raw ids of the clusters, loading each cluster once per request."""
        refs = list(refs)
        missing = [ref for ref in refs if ref.id not in self.clusters]
        if missing:
            self.clusters.update(queries.members_by_rep(self.session, missing))
        return [raw for ref in refs for raw in self.clusters[ref.id]]

    def counterparties(
        self, parties: Sequence[EntityRef], exclude: Collection[int], limit: int
    ) -> tuple[list[int], int]:
        counts = party_queries.counterparty_counts(self.session, self.members(parties))
        ranked = sorted((r for r in counts if r not in exclude), key=lambda r: (-counts[r], r))
        return ranked[:limit], len(ranked)

    def relation_counts(self, entity: EntityRef) -> dict[tuple[str, str], int]:
        return party_queries.relation_counts(self.session, self.members([entity]))

    def edges(
        self, parties: Sequence[EntityRef], counterparties: Sequence[EntityRef]
    ) -> list[Edge]:
        inner, outer = self.members(parties), self.members(counterparties)
        owner = owners({ref.id: self.clusters[ref.id] for ref in (*parties, *counterparties)})
        return fold(party_queries.triples(self.session, inner, outer), owner)


_PARTIES, _EXCLUDE = ids_param("parties"), ids_param("exclude")
_TOTAL = func.sum(E.claims)
# A claim between two of the parties is stored under both: read it once, as "out".
_AROUND = (
    E.party.in_(_PARTIES),
    E.counterparty.not_in(_EXCLUDE),
    or_(E.direction == "out", E.counterparty.not_in(_PARTIES)),
)
_RANKED = (
    select(E.counterparty)
    .where(*_AROUND)
    .group_by(E.counterparty)
    .order_by(_TOTAL.desc(), E.counterparty)
    .limit(bindparam("limit"))
)
_COUNT = select(func.count(func.distinct(E.counterparty))).where(*_AROUND)
_RELATIONS = (
    select(E.relation, E.direction, _TOTAL)
    .where(E.party == bindparam("party"))
    .group_by(E.relation, E.direction)
)
_ROWS = select(E.party, E.counterparty, E.relation, E.direction, E.hedging, E.claims).where(
    E.party.in_(_PARTIES), E.counterparty.in_(ids_param("counterparties"))
)


class StoredParties:
    """Parties answered from party_edges (which must be current: see `parties_for`)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def counterparties(
        self, parties: Sequence[EntityRef], exclude: Collection[int], limit: int
    ) -> tuple[list[int], int]:
        params: dict[str, Any] = {"parties": [p.id for p in parties], "exclude": list(exclude)}
        total = int(self.session.scalar(_COUNT, params) or 0)
        if limit <= 0 or total == 0:
            return [], total
        ranked = self.session.scalars(_RANKED, {**params, "limit": limit})
        return [int(rep) for rep in ranked], total

    def relation_counts(self, entity: EntityRef) -> dict[tuple[str, str], int]:
        rows = self.session.execute(_RELATIONS, {"party": entity.id})
        return {(relation, side): int(n) for relation, side, n in rows}

    def edges(
        self, parties: Sequence[EntityRef], counterparties: Sequence[EntityRef]
    ) -> list[Edge]:
        inner = {p.id for p in parties}
        params = {"parties": list(inner), "counterparties": [c.id for c in counterparties]}
        found = []
        for party, other, relation, direction, hedging, n in self.session.execute(_ROWS, params):
            if direction == "out":
                found.append(Triple(party, relation, other, hedging, n))
            elif other not in inner:  # a claim between two parties: read once, as "out"
                found.append(Triple(other, relation, party, hedging, n))
        return fold(found)


def parties_for(session: Session, stored: bool) -> Parties:
    """The stored party edges when the store has them (`stored`) and they are current,
    else the live queries."""
    if stored and is_current(session):
        return StoredParties(session)
    return LiveParties(session)
