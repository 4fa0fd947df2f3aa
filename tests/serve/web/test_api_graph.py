"""GET /api/graph/{id}: neighbourhoods with folded, hedged edges."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tracewire.serve.web import create_app

from .conftest import Kestrel, Ruritania


def _edges(body: dict[str, Any]) -> dict[tuple[int, str, int], dict[str, Any]]:
    return {(e["subject"], e["relation"], e["object"]): e for e in body["edges"]}


def test_depth_one_is_the_star_with_counts_and_hedging_range(ruritania: Ruritania) -> None:
    ids = ruritania.ids
    body = ruritania.client.get(f"/api/graph/{ids['acme']}").json()
    assert body["centre"] == ids["acme"] and body["truncated"] is False
    nodes = {n["id"]: n for n in body["nodes"]}
    assert set(nodes) == {ids[k] for k in ("acme", "ministry", "police", "ruritania", "borduria",
                                           "zenith")}  # fmt: skip
    assert nodes[ids["acme"]]["depth"] == 0 and nodes[ids["zenith"]]["depth"] == 1
    assert ids["acme_ltd"] not in nodes  # members never appear, their claims do
    edges = _edges(body)
    supplies = edges[(ids["acme"], "supplies", ids["ministry"])]
    assert supplies["claims"] == 4 and supplies["directed"] is True
    assert (supplies["strongest"], supplies["weakest"]) == ("asserted", "speculative")
    assert supplies["hedging"] == {"asserted": 1, "alleged": 1, "planned": 1, "speculative": 1}
    assert supplies["line"] == "solid"
    assert edges[(ids["acme"], "supplies", ids["ruritania"])]["line"] == "dotted"
    assert edges[(ids["acme"], "owns", ids["zenith"])]["line"] == "dashed"


def test_symmetric_claims_fold_into_one_undirected_edge(ruritania: Ruritania) -> None:
    ids = ruritania.ids
    edges = _edges(ruritania.client.get(f"/api/graph/{ids['police']}").json())
    low, high = sorted((ids["acme"], ids["police"]))
    contract = edges[(low, "contract", high)]  # one stated each way, one by a cluster member
    assert contract["claims"] == 2 and contract["directed"] is False
    assert (contract["strongest"], contract["weakest"]) == ("asserted", "reported")
    assert len([e for e in edges if e[1] == "contract"]) == 1


def test_a_claim_counts_as_its_weakest_label(ruritania: Ruritania) -> None:
    ids = ruritania.ids
    edges = _edges(ruritania.client.get(f"/api/graph/{ids['zenith']}").json())
    rumour = edges[(ids["zenith"], "supplies", ids["secret"])]  # "rumoured, planned"
    assert (rumour["strongest"], rumour["weakest"], rumour["line"]) == (
        "rumoured", "rumoured", "dashed",
    )  # fmt: skip


def test_depth_two_and_node_limit(ruritania: Ruritania) -> None:
    client, ids = ruritania.client, ruritania.ids
    near = client.get(f"/api/graph/{ids['secret']}").json()
    assert {n["id"] for n in near["nodes"]} == {ids["secret"], ids["zenith"]}
    assert next(n for n in near["nodes"] if n["id"] == ids["secret"])["sanctioned"] is True
    far = client.get(f"/api/graph/{ids['secret']}", params={"depth": 2}).json()
    depth = {n["id"]: n["depth"] for n in far["nodes"]}
    assert depth == {ids["secret"]: 0, ids["zenith"]: 1, ids["acme"]: 2}
    assert (ids["acme"], "owns", ids["zenith"]) in _edges(far)
    small = client.get(f"/api/graph/{ids['acme']}", params={"max_nodes": 3}).json()
    assert small["truncated"] is True and len(small["nodes"]) == 3
    kept = {n["id"] for n in small["nodes"]}
    assert kept == {ids["acme"], ids["ministry"], ids["police"]}  # the most claims first
    assert all(e["subject"] in kept and e["object"] in kept for e in small["edges"])
    assert client.get(f"/api/graph/{ids['acme']}", params={"depth": 3}).status_code == 422


def test_unknown_and_member_ids(ruritania: Ruritania) -> None:
    client, ids = ruritania.client, ruritania.ids
    assert client.get("/api/graph/987654").status_code == 404
    moved = client.get(f"/api/graph/{ids['acme_ltd']}", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"].startswith(
        f"/api/graph/{ids['acme']}"
    )


def _named(body: dict[str, Any], names: dict[int, str]) -> set[tuple[str, str, str]]:
    return {(names[e["subject"]], e["relation"], names[e["object"]]) for e in body["edges"]}


def test_the_network_of_one_technology_class(kestrel: Kestrel) -> None:
    ids = kestrel.ids
    names = {i: name for name, i in ids.items()}
    with TestClient(create_app(kestrel.url)) as client:
        everything = client.get(f"/api/graph/{ids['kestrel']}").json()
        faces = client.get(
            f"/api/graph/{ids['kestrel']}", params={"technology": "facial-recognition"}
        ).json()
        assert _named(everything, names) == {
            ("kestrel", "supplies", "guard"), ("kestrel", "trains", "police"),
            ("kestrel", "supplies", "marovia"),
        }  # fmt: skip
        assert _named(faces, names) == {
            ("kestrel", "supplies", "guard"), ("kestrel", "supplies", "marovia"),
        }  # fmt: skip
        assert {n["id"] for n in faces["nodes"]} == {ids["kestrel"], ids["guard"], ids["marovia"]}
        marovia = client.get(
            f"/api/graph/{ids['marovia']}", params={"technology": "telecom-networks"}
        ).json()
        assert _named(marovia, names) == {("lumen", "supplies", "marovia")}
        wrong = client.get(f"/api/graph/{ids['kestrel']}", params={"technology": "teleport"})
        assert wrong.status_code == 422
        detail = wrong.json()["detail"]
        assert "technology must be one of" in detail and "facial-recognition" in detail
        assert "'teleport'" in detail
        page = client.get(f"/entities/{ids['kestrel']}/network", params={"technology": "x"})
        assert page.status_code == 422 and "facial-recognition" in page.text
        chosen = client.get(
            f"/entities/{ids['kestrel']}/network", params={"technology": "facial-recognition"}
        ).text
        assert '<option value="facial-recognition" selected>' in chosen
        assert 'data-technology="facial-recognition"' in chosen


def test_the_edges_among_entities_shown(kestrel: Kestrel) -> None:
    ids = kestrel.ids
    names = {i: name for name, i in ids.items()}
    shown = [ids["lumen"], ids["kestrel"], ids["marovia"], ids["guard"], 987654]
    with TestClient(create_app(kestrel.url)) as client:
        body = client.get("/api/graph/edges", params={"ids": shown}).json()
        assert body["ids"] == sorted(shown[:4])  # an unknown id is left out
        assert _named(body, names) == {
            ("lumen", "supplies", "marovia"), ("kestrel", "supplies", "marovia"),
            ("kestrel", "supplies", "guard"),
        }  # fmt: skip
        lumen = next(e for e in body["edges"] if e["subject"] == ids["lumen"])
        assert lumen["claims"] == 2  # the core network and the chairs, one edge
        faces = client.get(
            "/api/graph/edges", params={"ids": shown, "technology": "facial-recognition"}
        ).json()
        assert _named(faces, names) == {
            ("kestrel", "supplies", "marovia"), ("kestrel", "supplies", "guard"),
        }  # fmt: skip
        unknown = {"ids": shown, "technology": "nope"}
        assert client.get("/api/graph/edges", params=unknown).status_code == 422
        many = {"ids": list(range(1, 502))}
        assert client.get("/api/graph/edges", params=many).status_code == 422
        assert client.get("/api/graph/edges").status_code == 422  # ids are needed
