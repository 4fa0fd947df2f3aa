"""The evidence graph for Gephi: one node per resolved entity, one edge per (subject,
relation, object) with its claims folded in, as a networkx graph that networkx writes as
GraphML and GEXF (`graphml`, `gexf`) with the attributes declared here.

An edge's weight is its number of claims. Its hedging lists every label its claims carry,
strongest first; `strongest` and `weakest` rank the claims, each counting as its weakest
label (see `tracewire.serve.web.hedging`). A symmetric relation's parties are put in key
order, so "A contract B" and "B contract A" add up on one edge.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import networkx as nx

from tracewire.records import SYMMETRIC
from tracewire.serve.graph_data import GraphData, Node, iso_dates, one_line, parties
from tracewire.store.read.claims import ClaimView

Value = str | int | float | bool | None
Item = TypeVar("Item")
# Characters XML 1.0 cannot carry (control characters from PDFs, lone surrogates).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(slots=True)
class Edge:
    """The claims that one (subject, relation, object) rests on."""

    source: Node
    relation: str
    target: Node
    claims: list[ClaimView] = field(default_factory=list)

    @property
    def weight(self) -> int:
        """The evidence count: how many claims make this edge."""
        return len(self.claims)

    def hedging(self) -> tuple[list[str], str, str]:
        """Every hedging label the claims carry (strongest first), and the strongest and
        weakest claim, each claim counting as its weakest label."""
        # Imported here: the web package imports the exports while it starts.
        from tracewire.serve.web import hedging  # noqa: PLC0415

        seen = {h for c in self.claims for h in (c.hedging or ("asserted",))}
        ranked = sorted(seen, key=lambda h: (-hedging.RANK.get(h, 0), h))
        per_claim = [hedging.claim_hedge(c.hedging) for c in self.claims]
        return ranked, hedging.strongest(per_claim), hedging.weakest(per_claim)

    def dates(self) -> list[str]:
        """The claims' ISO dates, earliest first."""
        return sorted({d for c in self.claims for d in iso_dates(c.date)})

    def documents(self) -> int:
        """How many reports the claims come from."""
        return len({c.document_id for c in self.claims})

    def technologies(self) -> str:
        """The technologies named, in claim order."""
        return "; ".join(dict.fromkeys(one_line(c.technology) for c in self.claims if c.technology))


def aggregate_edges(data: GraphData) -> list[Edge]:
    """One edge per (subject, relation, object), in key order."""
    edges: dict[tuple[str, str, str], Edge] = {}
    for view in data.claims:
        source, target = parties(data, view)
        key = (source.key, view.relation, target.key)
        edges.setdefault(key, Edge(source, view.relation, target)).claims.append(view)
    return [edges[key] for key in sorted(edges)]


@dataclass(frozen=True, slots=True)
class Attribute(Generic[Item]):
    """A column of the node or edge table: its name, type and how to read it."""

    name: str
    type: str  # "string", "int", "double" or "boolean"
    read: Callable[[Item], Value]


NODE_ATTRIBUTES: tuple[Attribute[Node], ...] = (
    Attribute("type", "string", lambda n: n.type),
    Attribute("aliases", "string", lambda n: "; ".join(n.aliases[1:])),
    Attribute("claims", "int", lambda n: n.claims),
    Attribute("mentions", "int", lambda n: n.mentions),
    Attribute("documents", "int", lambda n: n.documents),
    Attribute("sanctioned", "boolean", lambda n: n.sanctioned),
    Attribute("sanctions", "string", lambda n: "; ".join(n.sanctions)),
    Attribute("qid", "string", lambda n: n.qid),
)
EDGE_ATTRIBUTES: tuple[Attribute[Edge], ...] = (
    Attribute("relation", "string", lambda e: e.relation),
    Attribute("claims", "int", lambda e: e.weight),
    Attribute("hedging", "string", lambda e: "; ".join(e.hedging()[0])),
    Attribute("strongest", "string", lambda e: e.hedging()[1]),
    Attribute("weakest", "string", lambda e: e.hedging()[2]),
    Attribute("first_date", "string", lambda e: next(iter(e.dates()), None)),
    Attribute("last_date", "string", lambda e: next(reversed(e.dates()), None)),
    Attribute("documents", "int", lambda e: e.documents()),
    Attribute("technology", "string", lambda e: e.technologies() or None),
    Attribute("symmetric", "boolean", lambda e: e.relation in SYMMETRIC),
)


def xml_text(value: Value) -> str:
    """An attribute value as XML text: booleans as true/false, nothing XML cannot hold."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return NOT_XML.sub("", str(value))


def to_networkx(data: GraphData) -> Any:
    """A networkx `MultiDiGraph`: nodes keyed by entity key with a `label` and the node
    attributes; one edge per (subject, relation, object) keyed by its relation, with a
    `label`, a `weight` (its claims) and the edge attributes. Values XML cannot hold are
    cleaned; empty ones left out."""
    graph = nx.MultiDiGraph()
    for node in data.nodes.values():
        attrs = _values(NODE_ATTRIBUTES, node)
        graph.add_node(xml_text(node.key), label=xml_text(node.canonical), **attrs)
    for edge in aggregate_edges(data):
        graph.add_edge(
            xml_text(edge.source.key),
            xml_text(edge.target.key),
            key=edge.relation,
            label=edge.relation,
            weight=float(edge.weight),
            **_values(EDGE_ATTRIBUTES, edge),
        )
    return graph


def _values(attrs: tuple[Attribute[Item], ...], item: Item) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for attr in attrs:
        value = attr.read(item)
        if value is None or value == "":
            continue
        found[attr.name] = xml_text(value) if isinstance(value, str) else value
    return found
