"""GET /api/documents/{id}, the export stream, and the API being read-only."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from tracewire.extract import Extractor
from tracewire.pipeline import build
from tracewire.serve.web import create_app
from tracewire.store import open_store

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


PUBLISHED_PAGE = (
    "<!DOCTYPE html><html><head><title>Cameras for Kenyan police | HL</title>"
    '<meta property="og:site_name" content="Harbour Ledger">'
    '<script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
    '{"@type": "Organization", "name": "Harbour Ledger Media"}}</script></head><body><article>'
    "<h1>Cameras for Kenyan police</h1><p>Hikvision sold two thousand cameras to the Kenyan "
    "police in March 2024, according to procurement records.</p><p>The cameras were "
    "installed along the main roads of Nairobi.</p></article></body></html>"
)


def test_a_report_is_shown_by_the_publisher_its_markup_names(
    tmp_path: Path, extractor: Extractor
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "cameras.html").write_text(PUBLISHED_PAGE, encoding="utf-8")
    (folder / "notes.txt").write_text(
        "Field notes\n\nHikvision sold cameras to the Kenyan police in 2024.\n", "utf-8"
    )
    store = open_store(str(tmp_path / "p.db"))
    build([folder], store, extractor=extractor)
    with TestClient(create_app(store.url)) as client:
        sources = client.get("/api/documents", params={"sort": "publisher"}).json()["items"]
        assert [(s["name"], s["publisher"]) for s in sources] == [
            ("cameras.html", "Harbour Ledger Media"),  # JSON-LD's publisher before the site
            ("notes.txt", None),  # a text file names none, and none is guessed
        ]
        page = client.get("/documents").text
        assert "Harbour Ledger Media" in page
        html_doc = sources[0]["id"]
        assert client.get(f"/api/documents/{html_doc}").json()["publisher"] == (
            "Harbour Ledger Media"
        )
        claims = client.get("/api/claims", params={"document": html_doc}).json()["items"]
        assert claims and {c["document_publisher"] for c in claims} == {"Harbour Ledger Media"}
        assert (
            'class="publisher">Harbour Ledger Media<'
            in client.get("/", params={"document": html_doc}).text
        )
        ftm = [json.loads(line) for line in client.get("/api/export/ftm").text.splitlines()]
    articles = [e for e in ftm if e["schema"] == "Article"]
    assert {a["properties"]["fileName"][0]: a["properties"].get("publisher") for a in articles} == {
        "cameras.html": ["Harbour Ledger Media"],
        "notes.txt": None,
    }
    store.close()
