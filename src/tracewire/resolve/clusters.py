"""Clusters from judgements: user decisions first, then rule edges under constraints."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tracewire.records import EntityType
from tracewire.resolve.rules import Edge, EntityInfo

KINDRED_TYPES = (
    frozenset({EntityType.ORGANIZATION, EntityType.COMPANY}),
    frozenset({EntityType.ORGANIZATION, EntityType.PUBLIC_BODY}),
)


@dataclass(frozen=True, slots=True)
class Decision:
    """A user's judgement that two entities are (or are not) the same."""

    left: str
    right: str
    positive: bool


class Clusters:
    """Union-find over entity keys that refuses joins the constraints forbid."""

    def __init__(self, entities: dict[str, EntityInfo]) -> None:
        self.entities = entities
        self.parent = {key: key for key in entities}
        self.members = {key: {key} for key in entities}
        self.apart: set[frozenset[str]] = set()

    def find(self, key: str) -> str:
        """The root of a key's cluster."""
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def allowed(self, a: str, b: str) -> bool:
        """Whether joining the clusters of `a` and `b` breaks no never-merge rule."""
        left, right = self.members[self.find(a)], self.members[self.find(b)]
        if any(frozenset((x, y)) in self.apart for x in left for y in right):
            return False
        joined = [self.entities[k] for k in left | right]
        if sum(1 for e in joined if e.gazetteer) > 1:
            return False  # two distinct gazetteer entities (Hikvision and Dahua) stay apart
        if len({e.state for e in joined if e.state}) > 1:
            return False  # bodies of two states, even through a name that states neither
        types = {e.type for e in joined}
        # the model's "organisation" may turn out a company or a public body, not both
        return len(types) == 1 or any(types <= kindred for kindred in KINDRED_TYPES)

    def join(self, a: str, b: str) -> None:
        """Merge two clusters (no checks)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)

    def representative(self, root: str) -> str:
        """The gazetteer entity of a cluster, else its most mentioned member."""
        members = [self.entities[k] for k in self.members[root]]
        best = max(
            members,
            key=lambda e: (
                e.gazetteer,
                e.type is not EntityType.ORGANIZATION,  # what the model called an org
                e.mentions,
                -len(e.canonical),
                e.key,
            ),
        )
        return best.key


def cluster(
    entities: dict[str, EntityInfo], decisions: Iterable[Decision], edges: Iterable[Edge]
) -> tuple[dict[str, str], list[Edge]]:
    """Each entity key's representative key, and the rule edges that were applied."""
    state = Clusters(entities)
    decisions = [d for d in decisions if d.left in entities and d.right in entities]
    for decision in decisions:
        if not decision.positive:
            state.apart.add(frozenset((decision.left, decision.right)))
    for decision in decisions:
        if decision.positive and not any(
            frozenset((x, y)) in state.apart
            for x in state.members[state.find(decision.left)]
            for y in state.members[state.find(decision.right)]
        ):
            state.join(decision.left, decision.right)
    applied = []
    for edge in edges:
        if (
            edge.left in entities
            and edge.right in entities
            and state.allowed(edge.left, edge.right)
        ):
            if state.find(edge.left) != state.find(edge.right):
                applied.append(edge)
            state.join(edge.left, edge.right)
    representatives = {root: state.representative(root) for root in state.members}
    return {key: representatives[state.find(key)] for key in entities}, applied
