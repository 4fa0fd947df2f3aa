"""The evidence graph as GraphML (http://graphml.graphdrawing.org), for Gephi and yEd."""

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

NS = "http://graphml.graphdrawing.org/xmlns"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = f"{NS} {NS}/1.0/graphml.xsd"


def write_graphml(data: GraphData, out: TextIO) -> int:
    """Write nodes and aggregated edges as GraphML; returns nodes plus edges written."""
    root = ET.Element("graphml", {"xmlns": NS, "xmlns:xsi": XSI, "xsi:schemaLocation": SCHEMA})
    _key(root, "node", "label", "string")
    for node_attr in NODE_ATTRIBUTES:
        _key(root, "node", node_attr.name, node_attr.type)
    _key(root, "edge", "label", "string")
    _key(root, "edge", "weight", "double")
    for edge_attr in EDGE_ATTRIBUTES:
        _key(root, "edge", edge_attr.name, edge_attr.type)
    graph = ET.SubElement(root, "graph", {"id": "tracewire", "edgedefault": "directed"})
    for node in data.nodes.values():
        element = ET.SubElement(graph, "node", {"id": xml_text(node.key)})
        _data(element, "node", "label", node.canonical)
        _values(element, "node", NODE_ATTRIBUTES, node)
    edges = aggregate_edges(data)
    for number, edge in enumerate(edges):
        element = ET.SubElement(
            graph,
            "edge",
            {
                "id": f"e{number}",
                "source": xml_text(edge.source.key),
                "target": xml_text(edge.target.key),
            },
        )
        _data(element, "edge", "label", edge.relation)
        _data(element, "edge", "weight", float(edge.weight))
        _values(element, "edge", EDGE_ATTRIBUTES, edge)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode") + "\n")
    return len(data.nodes) + len(edges)


def _key(root: ET.Element, domain: str, name: str, type_: str) -> None:
    attrs = {"id": f"{domain}_{name}", "for": domain, "attr.name": name, "attr.type": type_}
    ET.SubElement(root, "key", attrs)


def _data(element: ET.Element, domain: str, name: str, value: str | int | float | bool) -> None:
    ET.SubElement(element, "data", {"key": f"{domain}_{name}"}).text = xml_text(value)


def _values(
    element: ET.Element, domain: str, attrs: tuple[Attribute[Item], ...], item: Item
) -> None:
    for attr in attrs:
        value = attr.read(item)
        if value is not None and value != "":
            _data(element, domain, attr.name, value)
