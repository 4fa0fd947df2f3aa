"""The API over the store built from the real dev corpus."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tracewire.records import BuildReport
from tracewire.store import Store


def _irgc(client: TestClient) -> int:
    hits = client.get("/api/entities", params={"q": "IRGC"}).json()["items"]
    assert hits[0]["canonical"] == "Islamic Revolutionary Guard Corps"
    return int(hits[0]["id"])


def test_irgc_dossier_has_the_tiandy_claims(dev_client: TestClient) -> None:
    irgc = _irgc(dev_client)
    body = dev_client.get(f"/api/entities/{irgc}").json()
    assert body["type"] == "PublicBody"
    names = {a["name"] for a in body["aliases"]}
    assert {"IRGC", "Islamic Revolutionary Guards Corps"} <= names
    tiandy = [c for c in body["claims"]["counterparties"] if c["counterparty_name"] == "Tiandy"]
    supplies = next(c for c in tiandy if c["relation"] == "supplies")
    assert supplies["direction"] == "in" and supplies["claims"] == 2
    assert supplies["strongest"] == "planned" and supplies["weakest"] == "rumoured"


def test_claims_of_a_party_and_their_documents(dev_client: TestClient) -> None:
    irgc = _irgc(dev_client)
    page = dev_client.get("/api/claims", params={"party": irgc, "relation": "supplies"}).json()
    assert page["total"] == 2
    evidence = {c["evidence"] for c in page["items"]}
    assert any(e.startswith("Tiandy is going to supply the IRGC") for e in evidence)
    claim = page["items"][0]
    # each claim says what produced it and why: the extractor, its version, the frame or
    # model, and the rule or the features that weighed most
    assert all(c["extractor"] == "tracewire.hybrid/1" for c in page["items"])
    assert all(c["extractor_version"].startswith("1+") for c in page["items"])
    assert all(c["frame"] and c["explanation"] for c in page["items"])
    assert all(c["explanation"].startswith(("model p=", "rule:", "list:")) for c in page["items"])
    doc = dev_client.get(f"/api/documents/{claim['document_id']}").json()
    span = next(s for s in doc["spans"] if claim["id"] in s["claim_ids"])
    assert doc["text"][span["start"] : span["end"]] == claim["evidence"]


def test_every_claim_is_exported_and_graph_edges_add_up(
    dev_client: TestClient, dev_store: tuple[Store, BuildReport]
) -> None:
    _store, report = dev_store
    lines = dev_client.get("/api/export/claims-jsonl").text.splitlines()
    assert len(lines) == report.claims == dev_client.get("/api/claims").json()["total"]
    assert all(json.loads(line)["evidence"] for line in lines)
    irgc = _irgc(dev_client)
    graph = dev_client.get(f"/api/graph/{irgc}").json()
    assert sum(e["claims"] for e in graph["edges"] if irgc in (e["subject"], e["object"])) == 4
    assert "Tiandy" in {n["canonical"] for n in graph["nodes"]}
    others = [e for e in graph["edges"] if irgc not in (e["subject"], e["object"])]
    assert others  # edges among the neighbours are drawn too (Tiandy's with Iran, ...)
    shown = {n["id"] for n in graph["nodes"]}
    assert all({e["subject"], e["object"]} <= shown for e in others)
