"""The evidence graph as GraphML (http://graphml.graphdrawing.org), for Gephi and yEd,
written by networkx."""

from __future__ import annotations

from typing import Any, TextIO

from networkx.readwrite.graphml import GraphMLWriter

from tracewire.serve.gephi import to_networkx
from tracewire.serve.graph_data import GraphData


class _Writer(GraphMLWriter):  # type: ignore[misc]
    """networkx's writer, with booleans as GraphML's `boolean` type writes them."""

    def add_data(self, name: str, element_type: type, value: Any, *args: Any, **kwargs: Any) -> Any:
        # networkx writes Python's "True"/"False"; xsd:boolean, which GraphML's boolean
        # is, is "true"/"false" (what yEd and strict readers accept).
        element = super().add_data(name, element_type, value, *args, **kwargs)
        if element_type is bool:
            element.text = element.text.lower()
        return element


def write_graphml(data: GraphData, out: TextIO) -> int:
    """Write nodes and aggregated edges as GraphML; returns nodes plus edges written."""
    graph = to_networkx(data)
    writer = _Writer(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(graph)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(str(writer).rstrip("\n") + "\n")
    return int(graph.number_of_nodes() + graph.number_of_edges())
