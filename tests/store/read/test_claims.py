"""Claims as records: a party is named as its report names it, its entity beside it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.serve.web.factory import StoreBuilder
from tracewire.cli.app import app
from tracewire.store import Store
from tracewire.store.read.claims import claim_views

FIRST = (
    "Harbour Report.\n\n"
    "Northwind Signal Systems Ltd sold interception gear to Freedonia in 2020. "
    "NSS later serviced it, and Northwind trained the operators. "
    "The Northwind surveillance and interception consortium grew."
)
SECOND = "A second report. Northwind sold cameras to Freedonia as well."


def _records(store: Store) -> dict[str, dict[str, object]]:
    b = StoreBuilder(store)
    b.document("d1", "first.txt", FIRST)
    b.document("d2", "second.txt", SECOND)
    north = b.entity("Northwind", "Company")
    state = b.entity("Freedonia", "Country")
    b.mention("d1", north, "Northwind Signal Systems Ltd")
    b.mention("d1", north, "NSS", form="acronym")
    b.mention("d1", north, "Northwind", occurrence=1)
    b.mention("d1", north, "Northwind surveillance and interception consortium")
    b.mention("d2", north, "Northwind")
    b.mention("d1", state, "Freedonia")
    ids = {
        "first": b.claim(
            "d1", north, "supplies", state,
            "Northwind Signal Systems Ltd sold interception gear to Freedonia in 2020.",
        ),
        "second": b.claim(
            "d2", north, "supplies", state, "Northwind sold cameras to Freedonia as well."
        ),
    }  # fmt: skip
    with store.session() as s:
        views = {v.id: v.to_record() for v in claim_views(s)}
    return {name: views[claim_id] for name, claim_id in ids.items()}


def test_a_company_is_named_by_the_fullest_name_its_report_gives(store: Store) -> None:
    records = _records(store)
    # the report spells out the full name once: that is the claim's party, not the
    # acronym nor the entity's canonical, nor a longer span that runs on into a description
    assert records["first"]["subject"] == "Northwind Signal Systems Ltd"
    assert records["first"]["subject_entity"] == "Northwind"
    # the other report says only "Northwind": one report's full name does not leak into it
    assert records["second"]["subject"] == "Northwind"


def test_a_state_keeps_its_canonical_name(store: Store) -> None:
    records = _records(store)
    assert records["first"]["object"] == "Freedonia"
    assert records["first"]["object_entity"] == "Freedonia"


def test_the_exported_claim_names_the_gazetteer_company_as_the_report_does(
    tmp_path: Path,
) -> None:
    # "Zhejiang Dahua Technology" is a gazetteer alias of the entity named "Dahua"
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "cameras.txt").write_text(
        "Camera deal\n\nZhejiang Dahua Technology sold surveillance cameras to Kenya in 2021. "
        "Dahua also trained police officers in Nairobi.\n",
        encoding="utf-8",
    )
    db, out = tmp_path / "t.db", tmp_path / "claims.jsonl"
    runner = CliRunner()
    built = runner.invoke(app, ["build", str(reports), "--db", str(db)])
    assert built.exit_code == 0, built.output
    exported = runner.invoke(app, ["export", "-f", "claims-jsonl", "-o", str(out), "--db", str(db)])
    assert exported.exit_code == 0, exported.output
    claims = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    sold = [c for c in claims if c["relation"] == "supplies" and "2021" in c["evidence"]]
    assert sold, claims
    assert {(c["subject"], c["subject_entity"], c["object"]) for c in sold} == {
        ("Zhejiang Dahua Technology", "Dahua", "Kenya")
    }


def test_a_state_body_takes_the_reports_name_only_when_it_is_as_full(store: Store) -> None:
    b = StoreBuilder(store)
    text = (
        "Report.\n\nThe Freedonian Ministry of the Interior bought drones from Northwind. "
        "Sylvania's Interior Ministry bought them too."
    )
    b.document("d1", "bodies.txt", text)
    north = b.entity("Northwind", "Company")
    freedonia = b.entity("Freedonia Ministry of the Interior", "PublicBody")
    sylvania = b.entity("Sylvania Ministry of the Interior", "PublicBody")
    b.mention("d1", freedonia, "Freedonian Ministry of the Interior")
    b.mention("d1", sylvania, "Interior Ministry")
    first = b.claim(
        "d1", north, "supplies", freedonia,
        "The Freedonian Ministry of the Interior bought drones from Northwind.",
    )  # fmt: skip
    second = b.claim(
        "d1", north, "supplies", sylvania, "Sylvania's Interior Ministry bought them too."
    )
    with store.session() as s:
        records = {v.id: v.to_record() for v in claim_views(s)}
    # the report's adjective form is as full as our "<state> <body>": it names the party
    assert records[first]["object"] == "Freedonian Ministry of the Interior"
    # a shorter reference is no fuller name: the canonical stays
    assert records[second]["object"] == "Sylvania Ministry of the Interior"
    assert records[second]["object_entity"] == "Sylvania Ministry of the Interior"
