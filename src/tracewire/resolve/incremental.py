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

from tracewire.resolve.blocking import PAIRWISE, blocking_keys, partner_blocks
from tracewire.resolve.rules import EntityInfo, core_names, transliterations, typos
from tracewire.store import resolution as rows

PAIRWISE_RULES = (transliterations, core_names, typos)  # the rules of blocking.PAIRWISE


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
    the entities `seeds` can change, seeds included (see the module's docstring).

    Entities that share a key of a rule that looks at one pair at a time (transliterations,
    core names, typos) are reached only when that rule pairs them: a shared first syllable
    is not a merge, and following it would reach across unrelated clusters."""
    by_block, gazetteer_keys = _gazetteer_blocks()
    stored: set[str] = set()
    virtual: set[str] = set()
    infos: dict[str, EntityInfo] = {}
    frontier = set(seeds)
    while frontier:
        held = rows.stored_keys(session, frontier)
        new_virtual = (frontier - held) & gazetteer_keys.keys()
        stored |= held
        virtual |= new_virtual
        blocks = rows.blocks_of(session, held)
        blocks |= {b for key in new_virtual for b in gazetteer_keys[key]}
        wanted = partner_blocks(blocks)
        checked = {b for b in wanted if b.split(":", 1)[0] in PAIRWISE}
        reached = _holders(session, wanted - checked, by_block)
        candidates = _holders(session, checked, by_block) - stored - virtual
        if candidates:
            reached |= _paired(session, held | new_virtual, candidates, infos)
        reached |= rows.members_of(session, set(rows.clusters_of(session, held).values()))
        for decision in rows.decisions(session, frontier):
            reached |= {decision.left, decision.right}
        frontier = reached - stored - virtual
    return stored, virtual - stored


def _holders(session: Session, blocks: set[str], by_block: dict[str, set[str]]) -> set[str]:
    """Stored entities and gazetteer people with any of `blocks`."""
    found = rows.sharing(session, blocks)
    return found | {key for block in blocks for key in by_block.get(block, ())}


def _paired(
    session: Session, frontier: set[str], candidates: set[str], infos: dict[str, EntityInfo]
) -> set[str]:
    """The candidates that a pairwise rule pairs with an entity of `frontier` (`infos`
    caches what the rules know of entities across rounds)."""
    missing = (frontier | candidates) - infos.keys()
    infos |= rows.load_infos(session, missing)
    if missing - infos.keys():
        people = rows.gazetteer_people()
        infos |= {key: people[key] for key in missing - infos.keys() if key in people}
    entities = [infos[key] for key in sorted(frontier | candidates) if key in infos]
    found: set[str] = set()
    for rule in PAIRWISE_RULES:
        for edge in rule(entities):
            if edge.left in frontier or edge.right in frontier:
                found |= {edge.left, edge.right}
    return found & candidates
