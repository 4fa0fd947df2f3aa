"""Who a cluster shares claims with: counterparties ranked, claims by relation, edges, and
the claims a dossier shows (the first of each edge, the earliest dated).

Two sources answer the same questions. `StoredParties` reads the tables built with
party_edges (tracewire.store.edges), whose rows are already keyed by representative: one
party's counterparties and relation counts are sums read from an index, an edge's first
claims and the earliest dated claims are index ranges of party_claims, so a hub costs a few
hundred index rows; `LiveParties` groups the claims of the clusters' raw members
(party_queries), for stores whose tables are missing or out of date. `parties_for` picks
the stored one whenever they were built from the store as it is."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from typing import Any, Protocol

from sqlalchemy import bindparam, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from tracewire.records import SYMMETRIC
from tracewire.serve.web.graph import Edge, fold, fold_counts, owners
from tracewire.store.edges import (
    PartyClaimRow,
    PartyCounterpartyRow,
    PartyEdgeRow,
    PartyTotalRow,
    is_current,
)
from tracewire.store.read import clusters as queries
from tracewire.store.read import parties as party_queries
from tracewire.store.read.clusters import EntityRef, ids_param

EDGES = PartyEdgeRow.__table__
E = EDGES.c
T = PartyTotalRow.__table__.c
P = PartyCounterpartyRow.__table__.c
PC = PartyClaimRow.__table__.c
Key = tuple[int, str, int]  # an edge's (subject, relation, object)


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

    def first_claims(
        self, entity: EntityRef, groups: Sequence[tuple[Edge, EntityRef]], per_edge: int
    ) -> dict[Key, list[int]]:
        """The ids of the first `per_edge` claims (in store order) of each of the entity's
        edges, each given with the counterparty at its other end."""
        ...

    def dated_claims(self, entity: EntityRef, limit: int) -> list[int]:
        """The ids of the entity's earliest `limit` claims that carry a date, by date (ties
        in store order)."""
        ...


class LiveParties:
    """Parties answered from the claims table, through the clusters' raw members; with a
    `technology` class, the counterparties and edges count only the claims of that class
    (the network view's filter; a dossier's counts are never filtered)."""

    def __init__(self, session: Session, technology: str | None = None) -> None:
        self.session = session
        self.technology = technology
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
        members = self.members(parties)
        counts = party_queries.counterparty_counts(self.session, members, self.technology)
        ranked = sorted((r for r in counts if r not in exclude), key=lambda r: (-counts[r], r))
        return ranked[:limit], len(ranked)

    def relation_counts(self, entity: EntityRef) -> dict[tuple[str, str], int]:
        return party_queries.relation_counts(self.session, self.members([entity]))

    def edges(
        self, parties: Sequence[EntityRef], counterparties: Sequence[EntityRef]
    ) -> list[Edge]:
        inner, outer = self.members(parties), self.members(counterparties)
        owner = owners({ref.id: self.clusters[ref.id] for ref in (*parties, *counterparties)})
        return fold(party_queries.triples(self.session, inner, outer, self.technology), owner)

    def first_claims(
        self, entity: EntityRef, groups: Sequence[tuple[Edge, EntityRef]], per_edge: int
    ) -> dict[Key, list[int]]:
        refs = list({ref.id: ref for _edge, ref in groups}.values())
        inner, outer = self.members([entity]), self.members(refs)
        owner = owners({ref.id: self.clusters[ref.id] for ref in (*refs, entity)})
        chosen: dict[Key, list[int]] = {edge.key: [] for edge, _ref in groups}
        rows = party_queries.pair_claims(self.session, inner, outer, per_edge)
        for claim_id, s, relation, o in rows:
            subject, obj = owner[s], owner[o]
            if relation in SYMMETRIC and obj < subject:
                subject, obj = obj, subject  # as `fold` keys a symmetric edge
            picked = chosen.get((subject, relation, obj))
            if picked is not None and len(picked) < per_edge:
                picked.append(claim_id)
        return chosen

    def dated_claims(self, entity: EntityRef, limit: int) -> list[int]:
        return party_queries.dated_claim_ids(self.session, self.members([entity]), limit)


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
# One party: its sums, read from the counterparties index backwards (most claims first).
_ONE = (P.party == bindparam("party"), P.counterparty.not_in(_EXCLUDE))
_RANKED_ONE = (
    select(P.counterparty)
    .where(*_ONE)
    .order_by(P.claims.desc(), P.counterparty)
    .limit(bindparam("limit"))
)
_COUNT_ONE = select(func.count()).select_from(PartyCounterpartyRow.__table__).where(*_ONE)
_COUNT_ALL = select(func.count()).select_from(PartyCounterpartyRow.__table__).where(_ONE[0])
_RELATIONS = select(T.relation, T.direction, T.claims).where(T.party == bindparam("party"))
_ROWS = select(E.party, E.counterparty, E.relation, E.direction, E.hedging, E.claims).where(
    E.party.in_(_PARTIES), E.counterparty.in_(ids_param("counterparties"))
)
# `date > ''`: dated (neither NULL nor empty), and a range of the (party, date) index.
_DATED = (
    select(PC.claim)
    .where(PC.party == bindparam("party"), PC.date > "")
    .order_by(PC.date, PC.claim)
    .limit(bindparam("limit"))
)


EDGES_PER_STATEMENT = 50  # SQLite allows 500 terms in a compound SELECT


@lru_cache(maxsize=EDGES_PER_STATEMENT)
def _first_claims(edges: int) -> Any:
    """The first claims of `edges` edges, in one statement: (edge number, claim id) rows."""

    def first(i: int) -> Any:
        sides: tuple[Any, Any] = (bindparam(f"side{i}"), bindparam(f"other_side{i}"))
        return (
            select(literal(i).label("edge"), PC.claim)
            .where(
                PC.party == bindparam("party"),
                PC.counterparty == bindparam(f"counterparty{i}"),
                PC.relation == bindparam(f"relation{i}"),
                PC.direction.in_(sides),
            )
            .order_by(PC.claim)
            .limit(bindparam("per_edge"))
            .subquery()
        )

    return union_all(*(select(first(i)) for i in range(edges)))


class StoredParties:
    """Parties answered from party_edges (which must be current: see `parties_for`)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def counterparties(
        self, parties: Sequence[EntityRef], exclude: Collection[int], limit: int
    ) -> tuple[list[int], int]:
        params: dict[str, Any] = {"parties": [p.id for p in parties], "exclude": list(exclude)}
        count, ranked = _COUNT, _RANKED
        if len(parties) == 1:  # summed by counterparty already
            params["party"] = parties[0].id
            count, ranked = (_COUNT_ONE if exclude else _COUNT_ALL), _RANKED_ONE
        total = int(self.session.scalar(count, params) or 0)
        if limit <= 0 or total == 0:
            return [], total
        found = self.session.scalars(ranked, {**params, "limit": limit})
        return [int(rep) for rep in found], total

    def relation_counts(self, entity: EntityRef) -> dict[tuple[str, str], int]:
        rows = self.session.execute(_RELATIONS, {"party": entity.id})
        return {(relation, side): int(n) for relation, side, n in rows}

    def edges(
        self, parties: Sequence[EntityRef], counterparties: Sequence[EntityRef]
    ) -> list[Edge]:
        inner = {p.id for p in parties}
        params = {"parties": list(inner), "counterparties": [c.id for c in counterparties]}
        rows = self.session.execute(_ROWS, params).all()
        return fold_counts(
            (party, relation, other, hedging, n)
            if direction == "out"
            # a claim between two parties is read once, as "out"
            else (other, relation, party, hedging, n)
            for party, other, relation, direction, hedging, n in rows
            if direction == "out" or other not in inner
        )

    def first_claims(
        self, entity: EntityRef, groups: Sequence[tuple[Edge, EntityRef]], per_edge: int
    ) -> dict[Key, list[int]]:
        chosen: dict[Key, list[int]] = {edge.key: [] for edge, _ref in groups}
        if per_edge <= 0:
            return chosen
        for start in range(0, len(groups), EDGES_PER_STATEMENT):
            part = groups[start : start + EDGES_PER_STATEMENT]
            params: dict[str, Any] = {"party": entity.id, "per_edge": per_edge}
            for i, (edge, ref) in enumerate(part):
                sides: tuple[str, str]
                if not edge.directed:  # both ways round
                    sides = ("out", "in")
                else:
                    side = "out" if edge.subject == entity.id else "in"
                    sides = (side, side)
                params[f"counterparty{i}"], params[f"relation{i}"] = ref.id, edge.relation
                params[f"side{i}"], params[f"other_side{i}"] = sides
            for i, claim_id in self.session.execute(_first_claims(len(part)), params):
                chosen[part[i][0].key].append(int(claim_id))
        for ids in chosen.values():
            ids.sort()
        return chosen

    def dated_claims(self, entity: EntityRef, limit: int) -> list[int]:
        return list(self.session.scalars(_DATED, {"party": entity.id, "limit": limit}))


def parties_for(session: Session, stored: bool, technology: str | None = None) -> Parties:
    """The stored party edges when the store has them (`stored`) and they are current,
    else the live queries; live ones whenever claims are of one `technology` class (the
    stored edges do not know the classes)."""
    if technology is not None:
        return LiveParties(session, technology)
    if stored and is_current(session):
        return StoredParties(session)
    return LiveParties(session)
