"""GET /api/documents/{id}, the export stream, and the API being read-only."""

from __future__ import annotations

import json

from .conftest import DOC_A, Ruritania


def test_document_with_every_evidence_span(ruritania: Ruritania) -> None:
    body = ruritania.client.get("/api/documents/docA").json()
    assert body["text"] == DOC_A and body["title"] == "Cameras for Ruritania"
    assert body["published"] == "2023-06-01" and body["name"] == "ruritania-cameras.txt"
    spans = body["spans"]
    assert [s["start"] for s in spans] == sorted(s["start"] for s in spans)
    shared = next(s for s in spans if DOC_A[s["start"] : s["end"]].startswith("The Ruritanian"))
    assert sorted(shared["claim_ids"]) == sorted([ruritania.claims["c3"], ruritania.claims["c12"]])
    claimed = {c for s in spans for c in s["claim_ids"]}
    assert claimed == {ruritania.claims[k] for k in ("c1", "c2", "c3", "c12", "c4")}


def test_unknown_document_is_404(ruritania: Ruritania) -> None:
    assert ruritania.client.get("/api/documents/nope").status_code == 404


def test_export_streams_one_record_a_line(ruritania: Ruritania) -> None:
    with ruritania.client.stream("GET", "/api/export/claims-jsonl") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/x-ndjson")
        lines = list(response.iter_lines())
    records = [json.loads(line) for line in lines if line]
    assert len(records) == 11
    assert {r["id"] for r in records} == set(ruritania.claims.values())
    assert all({"doc", "relation", "subject", "object", "evidence"} <= set(r) for r in records)
    aliases = ruritania.client.get("/api/export/aliases-jsonl").text.splitlines()
    names = {json.loads(line)["canonical"] for line in aliases}
    assert "Acme Vision" in names and "Acme Vision Ltd" not in names
    assert ruritania.client.get("/api/export/xml").status_code == 404


def test_api_is_read_only_and_documented(ruritania: Ruritania) -> None:
    client = ruritania.client
    schema = client.get("/openapi.json").json()
    assert {"/api/entities", "/api/entities/{entity_id}", "/api/claims",
            "/api/documents/{document_id}", "/api/graph/{entity_id}",
            "/api/export/{fmt}"} <= set(schema["paths"])  # fmt: skip
    methods = {m for path in schema["paths"].values() for m in path}
    assert methods == {"get"}
    assert "strongest" in schema["components"]["schemas"]["EdgeSummary"]["properties"]
    for path in ("/api/claims", f"/api/entities/{ruritania.ids['acme']}", "/", "/api/export/x"):
        assert client.post(path).status_code == 405
        assert client.delete(path).status_code == 405
