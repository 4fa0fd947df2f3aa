"""The evidence graph as GEXF 1.3 (https://gexf.net), Gephi's own format."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from tracewire.serve.gephi import (
    EDGE_ATTRIBUTES,
    NODE_ATTRIBUTES,
    Attribute,
    Item,
    aggregate_edges,
    xml_text,
)
from tracewire.serve.graph_data import GraphData

NS = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = f"{NS} {NS}/gexf.xsd"
TYPES = {"string": "string", "int": "integer", "double": "double", "boolean": "boolean"}


def write_gexf(data: GraphData, out: TextIO) -> int:
    """Write nodes and aggregated edges as GEXF; returns nodes plus edges written."""
    root = ET.Element(
        "gexf", {"xmlns": NS, "xmlns:xsi": XSI, "xsi:schemaLocation": SCHEMA, "version": "1.3"}
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "tracewire"
    ET.SubElement(
        meta, "description"
    ).text = (
        "Evidence graph: resolved entities, and claims folded into edges weighted by their count"
    )
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    _declare(graph, "node", NODE_ATTRIBUTES)
    _declare(graph, "edge", EDGE_ATTRIBUTES)
    nodes = ET.SubElement(graph, "nodes")
    for node in data.nodes.values():
        element = ET.SubElement(
            nodes, "node", {"id": xml_text(node.key), "label": xml_text(node.canonical)}
        )
        _values(element, NODE_ATTRIBUTES, node)
    edges = aggregate_edges(data)
    edge_list = ET.SubElement(graph, "edges")
    for number, edge in enumerate(edges):
        element = ET.SubElement(
            edge_list,
            "edge",
            {
                "id": str(number),
                "source": xml_text(edge.source.key),
                "target": xml_text(edge.target.key),
                "label": edge.relation,
                "kind": edge.relation,  # GEXF 1.3: parallel edges of different kinds
                "weight": str(edge.weight),
            },
        )
        _values(element, EDGE_ATTRIBUTES, edge)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode") + "\n")
    return len(data.nodes) + len(edges)


def _declare(graph: ET.Element, domain: str, attrs: tuple[Attribute[Item], ...]) -> None:
    declared = ET.SubElement(graph, "attributes", {"class": domain, "mode": "static"})
    for attr in attrs:
        ET.SubElement(
            declared, "attribute", {"id": attr.name, "title": attr.name, "type": TYPES[attr.type]}
        )


def _values(element: ET.Element, attrs: tuple[Attribute[Item], ...], item: Item) -> None:
    values = ET.SubElement(element, "attvalues")
    for attr in attrs:
        value = attr.read(item)
        if value is not None and value != "":
            ET.SubElement(values, "attvalue", {"for": attr.name, "value": xml_text(value)})
