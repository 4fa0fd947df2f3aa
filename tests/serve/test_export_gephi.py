"""GraphML and GEXF exports: nodes are resolved entities, edges fold claims with a weight."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from fastapi.testclient import TestClient

from tracewire.records import SYMMETRIC, BuildReport
from tracewire.serve.exports import export
from tracewire.serve.web import create_app
from tracewire.store import Store
from tracewire.store.read.claims import claim_views

from .conftest import Trade
from .web.factory import StoreBuilder

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
Edges = dict[tuple[str, str, str], dict[str, str]]


def exported(store: Store, fmt: str) -> tuple[str, int]:
    out = io.StringIO()
    with store.session() as session:
        count = export(session, fmt, out)
    return out.getvalue(), count


def read_graphml(text: str) -> tuple[dict[str, dict[str, str]], Edges]:
    """Nodes and edges of a GraphML file, each with its data by attribute name; asserts
    that every data key is declared for its domain and every edge end is a node."""
    root = ET.fromstring(text)
    assert root.tag == f"{GRAPHML}graphml"
    keys = {k.get("id"): (k.get("for"), k.get("attr.name")) for k in root.iter(f"{GRAPHML}key")}
    (graph,) = root.findall(f"{GRAPHML}graph")
    assert graph.get("edgedefault") == "directed"

    def data(element: ET.Element, domain: str) -> dict[str, str]:
        values = {}
        for item in element.findall(f"{GRAPHML}data"):
            kind, name = keys[item.get("key")]
            assert kind == domain
            values[str(name)] = item.text or ""
        return values

    nodes = {str(n.get("id")): data(n, "node") for n in graph.findall(f"{GRAPHML}node")}
    edges: Edges = {}
    for e in graph.findall(f"{GRAPHML}edge"):
        source, target = str(e.get("source")), str(e.get("target"))
        assert source in nodes and target in nodes
        values = data(e, "edge")
        edges[source, values["relation"], target] = values
    return nodes, edges


def read_gexf(text: str) -> tuple[dict[str, dict[str, str]], Edges]:
    """Nodes and edges of a GEXF file, attributes by title plus label and weight."""
    root = ET.fromstring(text)
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.2"
    graph = root.find(f"{GEXF}graph")
    assert graph is not None
    titles = {
        (a.get("class"), attr.get("id")): str(attr.get("title"))
        for a in graph.findall(f"{GEXF}attributes")
        for attr in a.findall(f"{GEXF}attribute")
    }

    def values(element: ET.Element, domain: str) -> dict[str, str]:
        found = {"label": str(element.get("label"))}
        for v in element.iter(f"{GEXF}attvalue"):
            found[titles[domain, v.get("for")]] = str(v.get("value"))
        return found

    nodes = {str(n.get("id")): values(n, "node") for n in graph.iter(f"{GEXF}node")}
    edges: Edges = {}
    for e in graph.iter(f"{GEXF}edge"):
        source, target = str(e.get("source")), str(e.get("target"))
        assert source in nodes and target in nodes
        edges[source, str(e.get("label")), target] = values(e, "edge") | {
            "weight": str(e.get("weight"))
        }
    return nodes, edges


READERS = {"graphml": read_graphml, "gexf": read_gexf}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_trade_graph_folds_claims_into_weighted_edges(trade: Trade, fmt: str) -> None:
    text, count = exported(trade.store, fmt)
    nodes, edges = READERS[fmt](text)
    # 7 resolved entities (the Ltd is in Acme's cluster; the ministry has no mention but is
    # a claim party), 6 edges: both contract claims on one edge, both supplies on one
    assert len(nodes) == 7 and len(edges) == 6 and count == 13
    acme, ministry = "test:acme vision", "test:ruritanian interior ministry"
    assert nodes[acme]["label"] == "Acme Vision"
    assert set(nodes[acme]["aliases"].split("; ")) == {"AV Group", "Acme Vision Ltd"}
    assert nodes[acme]["type"] == "Company"
    assert nodes[acme]["claims"] == "5"
    assert nodes[acme]["sanctioned"] == "false"
    assert nodes["test:zenith labs"]["sanctioned"] == "true"
    assert "ZENITH LABS" in nodes["test:zenith labs"]["sanctions"]
    assert nodes["test:gaze"]["type"] == "Technology"

    supplies = edges[acme, "supplies", ministry]
    assert float(supplies["weight"]) == 2.0 and supplies["claims"] == "2"
    assert supplies["documents"] == "2"
    assert supplies["hedging"] == "asserted; planned"
    assert (supplies["strongest"], supplies["weakest"]) == ("asserted", "planned")
    assert supplies["first_date"] == supplies["last_date"] == "2021-03"
    assert supplies["technology"] == "facial recognition cameras; drones"
    contract = edges[acme, "contract", ministry]
    assert float(contract["weight"]) == 2.0 and contract["symmetric"] == "true"
    assert contract["hedging"] == "asserted; reported"
    assert contract["documents"] == "1"
    owns = edges[acme, "owns", "test:zenith labs"]
    assert float(owns["weight"]) == 1.0 and owns["weakest"] == "alleged"
    assert "first_date" not in owns
    assert ("test:zenith labs", "supplies", "test:gaze") in edges


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_dev_corpus_graph_counts(dev_store: tuple[Store, BuildReport], fmt: str) -> None:
    store, _report = dev_store
    text, _count = exported(store, fmt)
    nodes, edges = READERS[fmt](text)
    with store.session() as session:
        views = claim_views(session)
    triples: Counter[tuple[object, str]] = Counter()
    for v in views:
        pair = (
            frozenset((v.subject_id, v.object_id))
            if v.relation in SYMMETRIC
            else (v.subject_id, v.object_id)
        )
        triples[pair, v.relation] += 1
    assert len(edges) == len(triples)
    assert sum(int(e["claims"]) for e in edges.values()) == len(views)
    assert sorted(float(e["weight"]) for e in edges.values()) == sorted(
        float(n) for n in triples.values()
    )
    keys = {v["label"]: k for k, v in nodes.items()}
    tiandy, irgc = keys["Tiandy"], keys["Islamic Revolutionary Guard Corps"]
    tiandy_supplies = [v for v in views if (v.subject, v.relation, v.object) == (
        "Tiandy", "supplies", "Islamic Revolutionary Guard Corps")]  # fmt: skip
    assert tiandy_supplies
    edge = edges[tiandy, "supplies", irgc]
    assert int(edge["claims"]) == len(tiandy_supplies)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networkx_reads_the_graph(trade: Trade, fmt: str) -> None:
    nx = pytest.importorskip("networkx")
    text, _count = exported(trade.store, fmt)
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    graph = read(io.BytesIO(text.encode("utf-8")))
    assert graph.is_directed() and graph.is_multigraph()  # parallel edges: supplies, contract
    assert graph.number_of_nodes() == 7 and graph.number_of_edges() == 6
    weights = {
        d["label"]: d["weight"]
        for _s, _t, d in graph.edges("test:acme vision", data=True)
        if _t == "test:ruritanian interior ministry"
    }
    assert weights == {"supplies": 2.0, "contract": 2.0}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_names_with_markup_and_control_characters_stay_valid_xml(store: Store, fmt: str) -> None:
    text = "Evil <b>Corp</b> & Sons sold kits to the Ministry."
    b = StoreBuilder(store)
    b.document("x1", "x.txt", text)
    evil = b.entity("Evil <b>Corp</b>\x0c & Sons", "Company")
    ministry = b.entity('Ministry of "Truth"', "PublicBody")
    b.claim("x1", evil, "supplies", ministry, text, technology="kits\x01")  # NUL: no store holds it
    nodes, edges = READERS[fmt](exported(store, fmt)[0])
    assert {n["label"] for n in nodes.values()} == {
        "Evil <b>Corp</b> & Sons",
        'Ministry of "Truth"',
    }
    (edge,) = edges.values()
    assert edge["technology"] == "kits"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_web_export_serves_xml(trade: Trade, fmt: str) -> None:
    with TestClient(create_app(trade.store.url)) as client:
        response = client.get(f"/api/export/{fmt}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    assert f'filename="tracewire.{fmt}"' in response.headers["content-disposition"]
    assert response.text == exported(trade.store, fmt)[0]
