"""The claims table's API (filters by every column, sorting, overlapping dates, 422s for
unknown values), filtered exports, sources by name, technology classes and search."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tracewire.cli.app import app as cli
from tracewire.ontology.technology import load_taxonomy
from tracewire.serve.web import create_app

from .conftest import Kestrel


@dataclass
class Workspace:
    client: TestClient
    ids: dict[str, int]
    claims: dict[str, int]


@pytest.fixture(scope="module")
def ws(kestrel: Kestrel) -> Iterator[Workspace]:
    with TestClient(create_app(kestrel.url)) as client:
        yield Workspace(client, kestrel.ids, kestrel.claims)


def _ids(ws: Workspace, **params: object) -> list[int]:
    response = ws.client.get("/api/claims", params={"limit": 100, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return [item["id"] for item in body["items"]]


def test_technology_class_filter_and_classes_on_claims(ws: Workspace) -> None:
    c = ws.claims
    assert set(_ids(ws, technology="facial-recognition")) == {c["terminals"], c["denied"]}
    assert _ids(ws, technology="facial-recognition", hedging="denied") == [c["denied"]]
    assert _ids(ws, technology="telecom-networks") == [c["core"]]
    assert _ids(ws, technology="weapons-interrogation") == [c["chairs"]]
    either = _ids(ws, technology=["telecom-networks", "weapons-interrogation"])
    assert sorted(either) == sorted([c["core"], c["chairs"]])  # a repeated class: any of them
    item = ws.client.get("/api/claims", params={"technology": "telecom-networks"}).json()
    assert item["items"][0]["technology_classes"] == ["telecom-networks"]


def test_date_filters_find_claims_whose_range_overlaps(ws: Workspace) -> None:
    c = ws.claims
    for year in ("2010", "2011", "2012"):
        assert c["trained"] in _ids(ws, date_from=year, date_to=year)
    assert c["trained"] in _ids(ws, date_from="2012-06", date_to="2013")
    assert c["trained"] in _ids(ws, date_from="2009", date_to="2010-02")
    assert c["trained"] not in _ids(ws, date_from="2013")
    assert c["trained"] not in _ids(ws, date_to="2009-12-31")
    assert _ids(ws, date_from="2019-03-15", date_to="2019-03-15") == [c["core"]]


def test_country_and_sanctions_filters(ws: Workspace) -> None:
    c, i = ws.claims, ws.ids
    assert set(_ids(ws, country=i["valdoria"])) == {c["terminals"], c["trained"]}  # its bodies
    assert set(_ids(ws, sanctions="listed")) == {c["core"], c["chairs"]}
    assert _ids(ws, sanctions="related") == []


def test_sorting_and_paging(ws: Workspace) -> None:
    c = ws.claims
    by_date = _ids(ws, sort="date")
    assert by_date[:3] == [c["trained"], c["core"], c["terminals"]]  # undated last
    assert _ids(ws, sort="-date")[:3] == [c["terminals"], c["core"], c["trained"]]
    subjects = [i["subject"] for i in ws.client.get("/api/claims", params={"sort": "-subject"})
                .json()["items"]]  # fmt: skip
    assert subjects == sorted(subjects, reverse=True)
    page = ws.client.get("/api/claims", params={"limit": 2, "offset": 4}).json()
    assert page["total"] == 5 and len(page["items"]) == 1


@pytest.mark.parametrize(
    ("path", "param", "value", "allowed"),
    [
        ("/api/claims", "technology", "lasers", "facial-recognition"),
        ("/api/claims", "relation", "sells", "supplies"),
        ("/api/claims", "hedging", "maybe", "rumoured"),
        ("/api/claims", "sanctions", "banned", "listed"),
        ("/api/claims", "sort", "colour", "-date"),
        ("/api/documents", "sort", "size", "published"),
        ("/api/entities", "type", "Ship", "PublicBody"),
        ("/api/entities", "relation", "sells", "supplies"),
        ("/api/search", "in", "emails", "evidence"),
    ],
)
def test_unknown_filter_values_are_422_naming_the_allowed(
    ws: Workspace, path: str, param: str, value: str, allowed: str
) -> None:
    response = ws.client.get(path, params={param: value, "q": "x"})
    assert response.status_code == 422
    assert allowed in json.dumps(response.json())


def test_every_list_endpoint_pages_alike(ws: Workspace) -> None:
    for path in ("/api/claims", "/api/entities", "/api/documents", "/api/technologies",
                 "/api/search?q=Kestrel"):  # fmt: skip
        body = ws.client.get(path).json()
        assert {"total", "limit", "offset", "items"} <= set(body), path


def test_sources_by_name_without_local_path(ws: Workspace) -> None:
    body = ws.client.get("/api/documents").json()
    [doc] = body["items"]
    assert doc["title"] == "Kestrel in Valdoria" and doc["publisher"] == "example-watch.org"
    assert doc["published"] == "2023-02-01" and doc["claims"] == 5
    detail = ws.client.get("/api/documents/k1").json()
    assert detail["source"] == "kestrel.txt" and detail["publisher"] == "example-watch.org"
    assert "/reports/kestrel.txt" not in json.dumps(detail)  # the stored file path
    claim = ws.client.get("/api/claims", params={"limit": 1}).json()["items"][0]
    assert claim["document_title"] == "Kestrel in Valdoria"
    assert claim["document_url"].startswith("https://www.example-watch.org/")
    page = ws.client.get("/documents", params={"sort": "-claims"})
    assert page.status_code == 200 and "Kestrel in Valdoria" in page.text
    assert "/reports/kestrel.txt" not in page.text


def test_technology_class_lists_suppliers_and_recipients(ws: Workspace) -> None:
    i = ws.ids
    body = ws.client.get("/api/technologies/facial-recognition").json()
    assert body["qid"] == "Q1192553" and body["claims"] == 2
    assert [(p["id"], p["claims"], p["denied"]) for p in body["suppliers"]] == [
        (i["kestrel"], 2, 1)
    ]
    assert {p["id"] for p in body["recipients"]} == {i["guard"], i["marovia"]}
    assert ws.client.get("/api/technologies/lasers").status_code == 404
    listing = ws.client.get("/api/technologies").json()
    counts = {t["id"]: t["claims"] for t in listing["items"]}
    assert counts["facial-recognition"] == 2 and counts["phone-forensics"] == 0
    page = ws.client.get("/technologies/facial-recognition").text
    assert "Kestrel Optics" in page and "Valdorian Border Guard" in page


def test_filtered_exports_hold_the_filtered_claims(ws: Workspace) -> None:
    c = ws.claims
    params = {"technology": "facial-recognition", "hedging": "denied"}
    rows = list(csv.DictReader(io.StringIO(
        ws.client.get("/api/claims/export/claims-csv", params=params).text)))  # fmt: skip
    assert [int(r["id"]) for r in rows] == [c["denied"]]
    assert rows[0]["technology_classes"] == "facial-recognition"
    lines = ws.client.get("/api/claims/export/claims-jsonl", params={"relation": "trains"})
    assert [json.loads(x)["id"] for x in lines.text.splitlines()] == [c["trained"]]
    ftm = ws.client.get("/api/claims/export/ftm", params={"technology": "telecom-networks"})
    entities = [json.loads(x) for x in ftm.text.splitlines()]
    names = {n for e in entities for n in e["properties"].get("name", [])}
    assert "Lumen Telecom" in names and "Kestrel Optics" not in names
    assert ws.client.get("/api/claims/export/gexf").status_code == 422


def test_search_api_highlights_and_links(ws: Workspace) -> None:
    body = ws.client.get("/api/search", params={"q": "restraint chair"}).json()
    [hit] = body["items"]
    assert hit["claim_id"] == ws.claims["chairs"]
    assert {hit["snippet"][s:e].lower() for s, e in hit["marks"]} == {"restraint", "chairs"}
    assert hit["url"].endswith(f"#claim-{ws.claims['chairs']}")
    docs = ws.client.get("/api/search", params={"q": "officers", "in": "documents"}).json()
    assert docs["total"] == 1 and docs["items"][0]["url"].startswith("/documents/k1?")
    page = ws.client.get(docs["items"][0]["url"].split("#")[0]).text
    assert '<mark class="hit">officers</mark>' in page


def test_claims_page_keeps_the_filter_in_the_url(ws: Workspace) -> None:
    client = ws.client
    empty = client.get("/", params={"relation": "", "hedging": "denied"}, follow_redirects=False)
    assert empty.status_code == 303 and empty.headers["location"] == "/?hedging=denied"
    page = client.get("/", params={"hedging": "denied", "technology": "facial-recognition"})
    assert page.status_code == 200
    assert page.text.count('class="claim-row"') == 1
    assert "claims-csv?hedging=denied&amp;technology=facial-recognition" in page.text
    assert client.get("/", params={"q": "Kestrel"}, follow_redirects=False).status_code == 307
    assert client.get("/", params={"relation": "sells"}).status_code == 422


def _cli_export(url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["export", *args, "--db", url])
    return result.exit_code, result.stdout, result.stderr


def test_cli_export_by_technology_writes_what_the_web_export_writes(
    ws: Workspace, kestrel: Kestrel
) -> None:
    c, url = ws.claims, kestrel.url
    faces = {"technology": "facial-recognition"}
    for fmt in ("claims-csv", "claims-jsonl"):
        code, out, _ = _cli_export(url, "-f", fmt, "--technology", "facial-recognition")
        web = ws.client.get(f"/api/claims/export/{fmt}", params=faces).text
        assert code == 0 and out.splitlines() == web.splitlines()
    jsonl = _cli_export(url, "-f", "claims-jsonl", "--technology", "facial-recognition")[1]
    assert {json.loads(x)["id"] for x in jsonl.splitlines()} == {c["terminals"], c["denied"]}
    code, ftm, _ = _cli_export(
        url, "-f", "ftm", "--technology", "facial-recognition", "--include-denied"
    )
    assert code == 0
    assert (
        ftm.splitlines()
        == ws.client.get("/api/claims/export/ftm", params=faces).text.split("\n")[:-1]
    )
    # without --include-denied the CLI leaves the denial out of FtM, as it always does
    plain = [json.loads(x) for x in _cli_export(
        url, "-f", "ftm", "--technology", "facial-recognition")[1].splitlines()]  # fmt: skip
    with_denied = {json.loads(x)["id"]: json.loads(x)["schema"] for x in ftm.splitlines()}
    left_out = set(with_denied) - {e["id"] for e in plain}
    assert len(left_out) == 1 and {e["id"] for e in plain} < set(with_denied)
    assert with_denied[left_out.pop()] not in ("Company", "PublicBody", "Country", "Article")

    both = ["--technology", "facial-recognition", "--technology", "telecom-networks"]
    code, out, _ = _cli_export(url, "-f", "claims-jsonl", *both)
    web = ws.client.get(
        "/api/claims/export/claims-jsonl",
        params=[("technology", "facial-recognition"), ("technology", "telecom-networks")],
    ).text
    assert {json.loads(x)["id"] for x in out.splitlines()} == {
        c["terminals"], c["denied"], c["core"]
    }  # fmt: skip
    assert out.splitlines() == web.splitlines()


def test_cli_export_refuses_an_unknown_class_or_format_in_one_line(kestrel: Kestrel) -> None:
    code, out, err = _cli_export(kestrel.url, "-f", "claims-csv", "--technology", "lasers")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "error: unknown technology class 'lasers'; choose from " + ", ".join(load_taxonomy().ids)
    ]
    code, out, err = _cli_export(kestrel.url, "-f", "graphml", "--technology", "telecom-networks")
    assert code == 2 and out == ""
    expected = "error: --technology works with claims-csv, claims-jsonl, ftm, not graphml"
    assert err.strip() == expected
