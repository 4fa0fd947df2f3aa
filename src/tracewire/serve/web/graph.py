"""The evidence graph around an entity: representatives as nodes, claims folded into edges."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from tracewire.records import SYMMETRIC
from tracewire.serve.web import hedging
from tracewire.store.read import clusters as queries
from tracewire.store.read.clusters import EntityRef
from tracewire.store.read.parties import Triple

if TYPE_CHECKING:
    from tracewire.serve.web.parties import Parties

MAX_DEPTH = 2


@dataclass(slots=True)
class Edge:
    """All claims (subject, relation, object) between two representatives.

    For symmetric relations (agreement, contract, cooperates, meets) both directions fold
    into one undirected edge whose subject is the party with the smaller id.
    """

    subject: int
    relation: str
    object: int
    directed: bool
    hedges: dict[str, int] = field(default_factory=dict)  # claims by the label they count as
    claims: int = 0  # how many claims the edge stands for: the sum of `hedges`

    @property
    def key(self) -> tuple[int, str, int]:
        """(subject, relation, object)."""
        return (self.subject, self.relation, self.object)

    @property
    def strongest(self) -> str:
        """The surest of its claims (see hedging.HEDGE_STRENGTH)."""
        return hedging.strongest(self.hedges)

    @property
    def weakest(self) -> str:
        """The least sure of its claims."""
        return hedging.weakest(self.hedges)

    @property
    def line(self) -> str:
        """How the edge is drawn: by its strongest claim."""
        return hedging.LINE_STYLE[self.strongest]

    def other(self, entity_id: int) -> int:
        """The party at the other end from `entity_id`."""
        return self.object if self.subject == entity_id else self.subject


# Claims between two parties under one relation and stored hedging: (subject, relation,
# object, hedging, claims).
Count = tuple[int, str, int, str, int]


def fold(found: Iterable[Triple], owner: dict[int, int] | None = None) -> list[Edge]:
    """Claim counts folded into edges between representatives (`owner`: raw id to
    representative id; none when the counts are by representative already), most claims
    first."""
    counts = ((t.subject_id, t.relation, t.object_id, t.hedging, t.claims) for t in found)
    if owner is not None:
        counts = ((owner[s], r, owner[o], h, n) for s, r, o, h, n in counts)
    return fold_counts(counts)


def fold_counts(counts: Iterable[Count]) -> list[Edge]:
    """Claim counts between representatives folded into edges, most claims first."""
    edges: dict[tuple[int, str, int], Edge] = {}
    label = hedging.claim_hedge
    for left, relation, right, stored, n in counts:
        directed = relation not in SYMMETRIC
        subject, obj = (right, left) if not directed and right < left else (left, right)
        key = (subject, relation, obj)
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = Edge(subject, relation, obj, directed, {})
        hedges, hedge = edge.hedges, label(stored)
        hedges[hedge] = hedges.get(hedge, 0) + n
        edge.claims += n
    return sorted(edges.values(), key=lambda e: (-e.claims, e.relation, e.subject, e.object))


def owners(clusters: dict[int, list[int]]) -> dict[int, int]:
    """Raw id to representative id, from raw ids keyed by representative."""
    return {raw: rep for rep, ids in clusters.items() for raw in ids}


@dataclass(slots=True)
class Neighbourhood:
    """Nodes within `depth` claims of a centre, and the edges that reached them."""

    centre: EntityRef
    nodes: dict[int, EntityRef]
    depth: dict[int, int]
    edges: list[Edge]
    truncated: bool = False


def neighbourhood(
    session: Session, parties: Parties, centre: EntityRef, depth: int = 1, max_nodes: int = 50
) -> Neighbourhood:
    """The centre's neighbours out to `depth` (at most MAX_DEPTH), keeping those sharing
    most claims with the previous ring when there are more than `max_nodes` nodes; depth 1
    is the centre's edges and those among its neighbours, depth 2 adds the neighbours' edges
    to a second ring and that ring's edges among all kept nodes."""
    graph = Neighbourhood(centre, {centre.id: centre}, {centre.id: 0}, [])
    frontier, seen = [centre], set()
    for level in range(1, min(depth, MAX_DEPTH) + 1):
        room = max(max_nodes - len(graph.nodes), 0)
        ranked, candidates = parties.counterparties(frontier, graph.nodes, room)
        graph.truncated |= candidates > room
        refs = queries.entity_refs(session, ranked)
        inner, frontier = frontier, [refs[rep] for rep in ranked]
        for ref in frontier:
            graph.nodes[ref.id], graph.depth[ref.id] = ref, level
        for edge in parties.edges(inner, list(graph.nodes.values())):
            if edge.key not in seen:
                seen.add(edge.key)
                graph.edges.append(edge)
        if not frontier:
            break
    # The outermost ring's edges among the nodes shown: two neighbours of the centre that
    # deal with each other are drawn linked, not as two spokes.
    # (none when the last ring is empty: an empty list of parties means no filter to some
    # backends' IN lists)
    for edge in parties.edges(frontier, list(graph.nodes.values())) if frontier else ():
        if edge.key not in seen:
            seen.add(edge.key)
            graph.edges.append(edge)
    return graph
