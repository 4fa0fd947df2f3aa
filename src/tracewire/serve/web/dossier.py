"""An entity's dossier: names, counts, sanctions matches and claims by counterparty."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from tracewire.records import SYMMETRIC
from tracewire.serve.web.graph import Edge
from tracewire.store.read import claim_pages as claim_queries
from tracewire.store.read import clusters as queries
from tracewire.store.read.claims import ClaimView
from tracewire.store.read.clusters import EntityRef
from tracewire.store.sanctions import MatchView

if TYPE_CHECKING:
    from tracewire.serve.web.parties import Parties


@dataclass(slots=True)
class Group:
    """The claims between the entity and one counterparty under one relation."""

    edge: Edge
    counterparty: EntityRef
    direction: str  # "out" (entity is subject), "in" (entity is object) or "both" (symmetric)
    flags: list[str] = field(default_factory=list)  # the counterparty's sanctions hits
    claims: list[ClaimView] = field(default_factory=list)  # those shown; edge.claims counts all


@dataclass(slots=True)
class Dossier:
    """What the store knows about one resolved entity; `groups` cover the counterparties
    sharing most claims with it (`counterparties` counts all of them)."""

    entity: EntityRef
    members: list[int]
    aliases: list[tuple[str, int]]
    mentions: int
    documents: int
    relations: dict[tuple[str, str], int]  # claims by (relation, "out" / "in")
    counterparties: int  # representatives sharing claims with it (itself, for claims inside)
    groups: list[Group]
    matches: list[MatchView]

    @property
    def claims(self) -> int:
        """Claims the entity is a party to."""
        return sum(self.relations.values())

    @property
    def hidden(self) -> int:
        """Counterparties left out of `groups`."""
        return self.counterparties - len({g.counterparty.id for g in self.groups})

    def by_relation(self) -> dict[str, dict[str, int]]:
        """Claim counts by relation and direction (symmetric relations: "both")."""
        counts: dict[str, dict[str, int]] = {}
        for (relation, side), n in self.relations.items():
            direction = "both" if relation in SYMMETRIC else side
            per = counts.setdefault(relation, {})
            per[direction] = per.get(direction, 0) + n
        return counts


def _direction(edge: Edge, entity_id: int) -> str:
    if not edge.directed:
        return "both"
    return "out" if edge.subject == entity_id else "in"


def dossier(
    session: Session, parties: Parties, entity: EntityRef, top: int = 30, only: int | None = None
) -> Dossier:
    """Names, counts and sanctions matches, with the `top` claim groups (by claims) among
    the counterparties sharing most claims (or every group of the counterparty `only`),
    ordered by counterparty."""
    members = queries.members(session, entity)
    chosen, counterparties = parties.counterparties([entity], (), 0 if only is not None else top)
    if only is not None:
        chosen = [only]
    refs = queries.entity_refs(session, chosen)
    edges = parties.edges([entity], [refs[rep] for rep in chosen if rep in refs])
    if only is None:
        edges = edges[:top]  # a hub shares several relations with each big counterparty
    rank = {rep: i for i, rep in enumerate(chosen)}
    groups = [
        Group(e, refs[e.other(entity.id)], _direction(e, entity.id))
        for e in sorted(edges, key=lambda e: (rank[e.other(entity.id)], -e.claims, e.relation))
    ]
    aliases = queries.alias_counts(session, members)
    return Dossier(
        entity=entity,
        members=members,
        aliases=aliases,
        mentions=sum(n for _name, n in aliases),
        documents=queries.document_count(session, members),
        relations=parties.relation_counts(entity),
        counterparties=counterparties,
        groups=groups,
        matches=queries.matches(session, [entity.id]),
    )


def fill_claims(
    session: Session, parties: Parties, found: Dossier, per_group: int, dated: int
) -> tuple[bool, list[ClaimView]]:
    """Load the first `per_group` claims (in store order) of each group and flag sanctioned
    counterparties; return the earliest `dated` of the entity's dated claims in date order
    (its timeline), and whether there are more. Both sets of claims are read at once."""
    groups = found.groups
    chosen = parties.first_claims(
        found.entity, [(g.edge, g.counterparty) for g in groups], per_group
    )
    timeline = parties.dated_claims(found.entity, dated + 1)
    wanted = [i for ids in chosen.values() for i in ids] + timeline[:dated]
    views, hits = claim_queries.claim_views_flagged(
        session, wanted, {g.counterparty.id for g in groups}
    )
    by_id = {view.id: view for view in views}
    for group in groups:
        group.claims = [by_id[i] for i in chosen[group.edge.key] if i in by_id]
        group.flags = hits.get(group.counterparty.id, [])
    return len(timeline) > dated, [by_id[i] for i in timeline[:dated] if i in by_id]
