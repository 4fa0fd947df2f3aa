"""Resolve stage: one real-world actor is one cluster of entities, whatever a report calls it.

Raw entities (one per gazetteer key or text name) are never edited: rules and user
judgements are edges between them, and each entity's `cluster_key` is derived from the
edges on every run (see `resolve.resolution`; `store.resolution` loads and saves them).
"""

from tracewire.resolve.clusters import Decision, cluster
from tracewire.resolve.rules import Edge, EntityInfo, propose

__all__ = ["Decision", "Edge", "EntityInfo", "cluster", "propose"]
