"""A rejected claim is left out of everything an analyst reads or exports (dossiers, the
network, documents, search, technology pages, entity counts, every export of the web and
the CLI) and stays on the review list, from which undoing the rejection brings it back;
with the party aggregates built (as a build leaves them) and without (read live)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tracewire.cli.app import app as cli
from tracewire.serve.web import create_app
from tracewire.store import open_store
from tracewire.store.edges import is_current, rebuild_party_edges

from .factory import StoreBuilder

TOKEN = "rejected-claims-token-0123456"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = (
    "Tern Sensors supplied facial recognition cameras to the Kolvan Police in 2021. "
    "Tern Sensors trained the Kolvan Police in crowd control in 2022. "
    "Brightwater Labs sold spyware to the Kolvan Police."
)
SENTENCES = [s if s.endswith(".") else s + "." for s in TEXT.split(". ")]


@dataclass
class Kolva:
    client: TestClient
    db: str
    mode: str  # "aggregates" (built, as a build leaves them) or "live"
    ids: dict[str, int]
    claims: dict[str, int]


@pytest.fixture(params=["aggregates", "live"])
def kolva(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Kolva]:
    monkeypatch.setenv("TRACEWIRE_TOKEN", TOKEN)
    db = str(tmp_path / "kolva.db")
    store = open_store(db)
    b = StoreBuilder(store)
    b.document("k1", "kolva.txt", TEXT, "Cameras and spyware for Kolva")
    ids = {
        "tern": b.entity("Tern Sensors", "Company"),
        "bright": b.entity("Brightwater Labs", "Company"),
        "police": b.entity("Kolvan Police", "PublicBody"),
    }
    b.mention("k1", ids["tern"], "Tern Sensors")
    b.mention("k1", ids["bright"], "Brightwater Labs")
    b.mention("k1", ids["police"], "Kolvan Police")
    claims = {
        "cameras": b.claim("k1", ids["tern"], "supplies", ids["police"], SENTENCES[0],
                           date="2021", technology="facial recognition cameras"),
        "trained": b.claim("k1", ids["tern"], "trains", ids["police"], SENTENCES[1],
                           date="2022", technology="crowd control training"),
        "spyware": b.claim("k1", ids["bright"], "supplies", ids["police"], SENTENCES[2],
                           technology="spyware"),
    }  # fmt: skip
    if request.param == "aggregates":
        with store.transaction() as session:
            rebuild_party_edges(session)
    url = store.url
    store.close()
    with TestClient(create_app(url, review=True)) as client:
        yield Kolva(client, db, request.param, ids, claims)


def reject(k: Kolva, name: str) -> str:
    """Reject a claim through the review API; the URL that undoes it."""
    done = k.client.post(f"/api/review/claims/{k.claims[name]}/reject", json={}, headers=AUTH)
    assert done.status_code == 200
    return str(done.json()["undo"])


def shown(k: Kolva) -> dict[str, object]:
    """What each surface shows of the claims (one value per surface)."""
    c, ids = k.client, k.ids
    police = c.get(f"/api/entities/{ids['police']}").json()["claims"]
    graph = c.get(f"/api/graph/{ids['police']}").json()
    names = {n["id"]: n["canonical"] for n in graph["nodes"]}
    document = c.get("/api/documents/k1").json()
    entity_page = c.get(f"/entities/{ids['police']}").text
    trade = c.get("/api/technologies/spyware-intrusion").json()
    listed = c.get("/api/entities", params={"q": "Brightwater"}).json()["items"]
    suppliers = c.get("/api/entities", params={"relation": "supplies"}).json()["items"]
    return {
        "dossier": (police["total"], sorted(
            (g["counterparty_name"], g["relation"], g["claims"])
            for g in police["counterparties"])),
        "dossier page": sorted(s for s in SENTENCES if s.replace("'", "&#39;") in entity_page),
        "graph": sorted(
            (names[e["subject"]], e["relation"], names[e["object"]], e["claims"])
            for e in graph["edges"]),
        "document": sorted(i for s in document["spans"] for i in s["claim_ids"]),
        "search": [h["claim_id"] for h in c.get("/api/search", params={"q": "spyware"})
                   .json()["items"]],
        "technology": ([p["canonical"] for p in trade["suppliers"]], trade["claims"]),
        "entity list": [e["claims"] for e in listed],
        "relation facet": sorted(e["canonical"] for e in suppliers),
    }  # fmt: skip


def exported(k: Kolva) -> dict[str, object]:
    """The claims every whole-store export of the web and of the CLI holds."""
    found: dict[str, object] = {}
    runner = CliRunner()
    for fmt in ("claims-jsonl", "claims-csv", "ftm", "graphml", "gexf", "aliases-jsonl"):
        web = k.client.get(f"/api/export/{fmt}").text
        result = runner.invoke(cli, ["export", "--format", fmt, "--db", k.db])
        assert result.exit_code == 0, result.output
        # the web streams what the CLI writes (CliRunner reads text lines as "\n")
        assert result.stdout.splitlines() == web.splitlines()
        found[fmt] = _claims_in(fmt, web)
    return found


def _claims_in(fmt: str, text: str) -> object:
    if fmt == "claims-jsonl":
        return sorted(json.loads(line)["evidence"] for line in text.splitlines())
    if fmt == "claims-csv":
        return sorted(row["evidence"] for row in csv.DictReader(io.StringIO(text)))
    if fmt == "ftm":
        entities = [json.loads(line) for line in text.splitlines()]
        return sorted(e["schema"] for e in entities if e["schema"] in ("Trip", "Security",
                      "Employment", "UnknownLink", "Ownership", "Representation", "Payment",
                      "Associate", "Debt", "Family", "Membership", "Succession", "Directorship",
                      "ContractAward", "Contract"))  # fmt: skip
    if fmt == "aliases-jsonl":
        return {json.loads(line)["canonical"]: json.loads(line)["claims"]
                for line in text.splitlines()}  # fmt: skip
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    graph = reader(io.BytesIO(text.encode("utf-8")))
    names = {n: d.get("label", n) for n, d in graph.nodes(data=True)}
    return sorted((names[s], d.get("relation"), names[o]) for s, o, d in graph.edges(data=True))


def test_a_rejected_claim_is_hidden_everywhere_and_undo_brings_it_back(kolva: Kolva) -> None:
    before, exports = shown(kolva), exported(kolva)
    assert before["graph"] == [
        ("Brightwater Labs", "supplies", "Kolvan Police", 1),
        ("Tern Sensors", "supplies", "Kolvan Police", 1),
        ("Tern Sensors", "trains", "Kolvan Police", 1),
    ]
    assert before["search"] == [kolva.claims["spyware"]]
    undo = reject(kolva, "spyware")
    reject(kolva, "trained")

    after = shown(kolva)
    assert after["dossier"] == (1, [("Tern Sensors", "supplies", 1)])
    assert after["dossier page"] == [SENTENCES[0]]
    assert after["graph"] == [("Tern Sensors", "supplies", "Kolvan Police", 1)]
    assert after["document"] == [kolva.claims["cameras"]]
    assert after["search"] == []
    assert after["technology"] == ([], 0)
    assert after["entity list"] == [0]
    assert after["relation facet"] == ["Kolvan Police", "Tern Sensors"]
    assert "Brightwater Labs" in before["relation facet"]  # type: ignore[operator]
    hidden = exported(kolva)
    assert hidden["claims-jsonl"] == hidden["claims-csv"] == [SENTENCES[0]]
    assert hidden["graphml"] == hidden["gexf"] == [("Tern Sensors", "supplies", "Kolvan Police")]
    assert len(hidden["ftm"]) == 1 and len(exports["ftm"]) == 3  # type: ignore[arg-type]
    assert hidden["aliases-jsonl"]["Brightwater Labs"] == 0  # type: ignore[index]
    shown_claims = json.loads(
        CliRunner().invoke(cli, ["show", "Kolvan Police", "--json", "--db", kolva.db]).stdout
    )["claims"]
    assert [c["evidence"] for c in shown_claims] == [SENTENCES[0]]

    reviews = kolva.client.get("/api/reviews/claims").json()
    assert reviews["total"] == 2
    assert [r["claim"]["id"] for r in reviews["items"]] == [
        kolva.claims["trained"],
        kolva.claims["spyware"],
    ]
    page = kolva.client.get("/reviews").text
    assert SENTENCES[2] in page and 'class="review-undo-button"' in page

    assert kolva.client.post(undo, headers=AUTH).status_code == 200
    restored = shown(kolva)
    assert restored["search"] == [kolva.claims["spyware"]]
    assert ("Brightwater Labs", "supplies", "Kolvan Police", 1) in restored["graph"]  # type: ignore[operator]
    assert exported(kolva)["claims-jsonl"] == sorted([SENTENCES[0], SENTENCES[2]])
    assert kolva.client.get("/api/reviews/claims").json()["total"] == 1
    assert kolva.client.get("/api/reviews/claims", params={"all": "true"}).json()["total"] == 2


def test_rejecting_keeps_the_aggregates_current(kolva: Kolva) -> None:
    store = open_store(kolva.db, create=False)
    with store.session() as session:
        built = is_current(session)
    assert built == (kolva.mode == "aggregates")
    reject(kolva, "cameras")
    with store.session() as session:
        assert is_current(session) == built  # a recount, not a reason to read live
    edges = kolva.client.get(f"/api/graph/{kolva.ids['tern']}").json()["edges"]
    assert [e["relation"] for e in edges] == ["trains"]
    with store.transaction() as session:  # a full resolution rebuilds them: still left out
        rebuild_party_edges(session)
    store.close()
    edges = kolva.client.get(f"/api/graph/{kolva.ids['tern']}").json()["edges"]
    assert [e["relation"] for e in edges] == ["trains"]
