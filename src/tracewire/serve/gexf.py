"""The evidence graph as GEXF (https://gexf.net), Gephi's own format, written by networkx
(GEXF 1.2, the newest version networkx writes; Gephi reads it as its own)."""

from __future__ import annotations

from typing import TextIO

import networkx as nx

from tracewire.serve.gephi import to_networkx
from tracewire.serve.graph_data import GraphData


def write_gexf(data: GraphData, out: TextIO) -> int:
    """Write nodes and aggregated edges as GEXF; returns nodes plus edges written."""
    graph = to_networkx(data)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    for line in nx.generate_gexf(graph, encoding="utf-8", prettyprint=True):
        out.write(line + "\n")
    return int(graph.number_of_nodes() + graph.number_of_edges())
