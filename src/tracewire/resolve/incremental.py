"""The neighbourhood of changed entities: all that a re-resolution of them can touch.

The rules pair only entities that share a blocking key (`resolve.blocking`), and
`resolve.clusters` applies edges in one global order under constraints that look only at
the two clusters being joined. So the clusters of a set of entities closed under "shares a
blocking key with", "was in one cluster with" and "is judged by a user against" come out of
`cluster` on that set alone exactly as out of a resolution of the whole store, and the
entities outside it keep the clusters they have. A build's new names usually reach a few
clusters, so it re-resolves those instead of the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from sqlalchemy.orm import Session

from tracewire.resolve.blocking import blocking_keys
from tracewire.store import resolution as rows


@cache
def _gazetteer_blocks() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The gazetteer's people by blocking key, and each one's keys (they take part in
    resolution before any report names them)."""
    by_block: dict[str, set[str]] = defaultdict(set)
    keys: dict[str, set[str]] = {}
    for key, info in rows.gazetteer_people().items():
        keys[key] = blocking_keys(info)
        for block in keys[key]:
            by_block[block].add(key)
    return dict(by_block), keys


def neighbourhood(session: Session, seeds: Iterable[str]) -> tuple[set[str], set[str]]:
    """The stored entities and the not yet stored gazetteer people that a re-resolution of
    the entities `seeds` can change, seeds included (see the module's docstring)."""
    by_block, gazetteer_keys = _gazetteer_blocks()
    stored: set[str] = set()
    virtual: set[str] = set()
    frontier = set(seeds)
    while frontier:
        held = rows.stored_keys(session, frontier)
        new_virtual = (frontier - held) & gazetteer_keys.keys()
        stored |= held
        virtual |= new_virtual
        blocks = rows.blocks_of(session, held)
        blocks |= {b for key in new_virtual for b in gazetteer_keys[key]}
        reached = rows.sharing(session, blocks)
        reached |= {key for block in blocks for key in by_block.get(block, ())}
        reached |= rows.members_of(session, set(rows.clusters_of(session, held).values()))
        for decision in rows.decisions(session, frontier):
            reached |= {decision.left, decision.right}
        frontier = reached - stored - virtual
    return stored, virtual - stored
