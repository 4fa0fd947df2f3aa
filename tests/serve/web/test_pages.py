"""Server-rendered pages, read as HTML (the browser tests click through them)."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tracewire.serve.web import create_app

from .conftest import Ruritania


def test_search_page_filters_by_type_and_relation(ruritania: Ruritania) -> None:
    client, ids = ruritania.client, ruritania.ids
    page = client.get("/", params={"q": "ruritan", "type": "PublicBody"}).text
    assert f'href="/entities/{ids["ministry"]}"' in page
    assert f'href="/entities/{ids["ruritania"]}"' not in page
    assert '<option value="PublicBody" selected>' in page
    owners = client.get("/", params={"relation": "owns"}).text
    assert f'href="/entities/{ids["zenith"]}"' in owners
    assert f'href="/entities/{ids["police"]}"' not in owners
    assert "No entity matches" in client.get("/", params={"q": "zzz"}).text


def test_dossier_groups_claims_by_counterparty_and_relation(ruritania: Ruritania) -> None:
    client, ids, claims = ruritania.client, ruritania.ids, ruritania.claims
    page = client.get(f"/entities/{ids['acme']}").text
    groups = re.findall(r'data-counterparty="(\d+)" data-relation="(\w+)"', page)
    assert groups[0] == (str(ids["ministry"]), "supplies")  # most claims first
    assert (str(ids["police"]), "contract") in groups
    assert (str(ids["police"]), "cooperates") in groups
    assert "according to Local Watch" in page
    link = f'href="/documents/docA#claim-{claims["c2"]}"'
    assert link in page
    assert 'class="hedge hedge-speculative"' in page and 'class="hedge hedge-denied"' in page
    assert "All 4 claims with Ruritanian Interior Ministry" in page  # 3 shown of 4
    timeline = page[page.index('<ol class="timeline">') :]
    dates = re.findall(r"<time>([^<]+)</time>", timeline)
    assert dates == ["2020", "2021-03", "2022", "2023-05"]
    assert "Wikidata" not in page  # Acme has no QID
    # A candidate below the threshold is no flag: hidden, unless asked for.
    assert "ACME VISIONS LLC" not in page and "1 candidate below the threshold" in page
    asked = client.get(f"/entities/{ids['acme']}", params={"candidates": "true"}).text
    assert "ACME VISIONS LLC" in asked and "similar name only" in asked


def test_dossier_of_one_counterparty_lists_all_its_claims(ruritania: Ruritania) -> None:
    ids = ruritania.ids
    page = ruritania.client.get(f"/entities/{ids['acme']}", params={"with": ids["ministry"]}).text
    shown = {
        int(i) for i in re.findall(r'class="evidence-link" href="/documents/\w+#claim-(\d+)"', page)
    }
    assert {ruritania.claims[k] for k in ("c1", "c8", "c9", "c10")} <= shown
    assert ruritania.claims["c7"] not in shown


def test_counterparty_filter_accepts_a_member_id(ruritania: Ruritania) -> None:
    ids, claims = ruritania.ids, ruritania.claims
    page = ruritania.client.get(f"/entities/{ids['police']}", params={"with": ids["acme_ltd"]})
    shown = {int(i) for i in re.findall(r'href="/documents/\w+#claim-(\d+)"', page.text)}
    assert {claims["c2"], claims["c3"], claims["c12"]} <= shown
    assert "Claims with Acme Vision" in page.text


def test_dossier_shows_sanctions_hits_and_qid(ruritania: Ruritania) -> None:
    ids = ruritania.ids
    secret = ruritania.client.get(f"/entities/{ids['secret']}").text
    assert "Listed:" in secret and "exact name match" in secret
    zenith = ruritania.client.get(f"/entities/{ids['zenith']}").text
    assert "Bordurian Secret Police is listed: Test SDN: BORDURIAN SECRET POLICE [TEST]" in zenith
    country = ruritania.client.get(f"/entities/{ids['ruritania']}").text
    assert 'href="https://www.wikidata.org/wiki/Q9999999"' in country


def test_member_page_redirects_and_unknown_pages_are_404(ruritania: Ruritania) -> None:
    client, ids = ruritania.client, ruritania.ids
    moved = client.get(f"/entities/{ids['acme_ltd']}", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == f"/entities/{ids['acme']}"
    missing = client.get("/entities/987654")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert "no entity with id 987654" in missing.text
    assert client.get("/documents/nope").status_code == 404


def test_document_page_marks_every_evidence_span(ruritania: Ruritania) -> None:
    page = ruritania.client.get("/documents/docA").text
    marks = re.findall(r'<mark class="evidence" data-claim="(\d+)"(?: id="claim-(\d+)")?>', page)
    anchored = {int(i) for _c, i in marks if i}
    assert anchored == {ruritania.claims[k] for k in ("c1", "c2", "c3", "c12", "c4")}
    text = page[page.index('<div class="text">') : page.index("</div>", page.index('class="text"'))]
    assert unescape(re.sub(r"<[^>]+>", "", text)).startswith("Acme Vision supplied facial")
    c1 = ruritania.claims["c1"]
    assert re.search(rf'id="claim-{c1}">Acme Vision supplied facial recognition cameras', page)


@pytest.mark.usefixtures("graph_library")
def test_network_page_embeds_the_graph_and_loads_the_library(ruritania: Ruritania) -> None:
    client, ids = ruritania.client, ruritania.ids
    page = client.get(f"/entities/{ids['acme']}/network").text
    graph = json.loads(unescape(re.search(r"data-graph='([^']*)'", page).group(1)))  # type: ignore[union-attr]
    assert graph["centre"] == ids["acme"] and len(graph["nodes"]) == 6
    assert '<script src="/vendor/cytoscape/cytoscape.min.js"></script>' in page
    script = client.get("/vendor/cytoscape/cytoscape.min.js")
    assert script.status_code == 200 and "cytoscape" in script.text[:2000]
    assert client.get("/vendor/cytoscape/../package.json").status_code == 404
    assert f'href="/entities/{ids["zenith"]}"' in page  # the accessible list of nodes
    assert "script-src 'self'" in client.get("/").headers["content-security-policy"]


def test_network_page_explains_a_missing_library(
    ruritania: Ruritania, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACEWIRE_NODE_MODULES", str(tmp_path / "nowhere"))
    db = ruritania.client.app.state.store.url  # type: ignore[attr-defined]
    with TestClient(create_app(db)) as client:
        page = client.get(f"/entities/{ruritania.ids['acme']}/network").text
        assert "npm install" in page and 'id="network-missing"' in page
        assert "/vendor/cytoscape" not in page
        assert client.get("/vendor/cytoscape/cytoscape.min.js").status_code == 404


def test_node_modules_location_comes_from_the_environment(
    ruritania: Ruritania, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dist = tmp_path / "modules" / "cytoscape" / "dist"
    dist.mkdir(parents=True)
    (dist / "cytoscape.min.js").write_text("/* a stand-in */", encoding="utf-8")
    monkeypatch.setenv("TRACEWIRE_NODE_MODULES", str(tmp_path / "modules"))
    db = ruritania.client.app.state.store.url  # type: ignore[attr-defined]
    with TestClient(create_app(db)) as client:
        assert client.get("/vendor/cytoscape/cytoscape.min.js").text == "/* a stand-in */"
        page = client.get(f"/entities/{ruritania.ids['acme']}/network").text
        assert "network-missing" not in page


def test_dossier_badges_say_what_each_match_is(ruritania: Ruritania) -> None:
    client, ids = ruritania.client, ruritania.ids
    secret = client.get(f"/entities/{ids['secret']}").text
    own = secret.index("⚑ Listed:")
    related = secret.index("Related designations")
    assert own < related
    assert "BORDURIAN SECRET POLICE ACADEMY — a separate designated entity" in secret
    assert 'data-level="related"' in secret[related:]
    ministry = client.get(f"/entities/{ids['ministry']}").text
    assert "Possible match, needs review:" in ministry and "⚑ Listed:" not in ministry
    api = client.get(f"/api/entities/{ids['secret']}").json()
    assert {m["level"] for m in api["sanctions"]} == {"listed", "related"}
    assert any(m["flag"].startswith("related: BORDURIAN") for m in api["sanctions"])
