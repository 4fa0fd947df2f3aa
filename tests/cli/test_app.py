"""The CLI, run in-process as a user would type it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from tracewire.cli.app import app
from tracewire.store import open_store, queries

runner = CliRunner()


def test_build_show_entities_stats(tmp_path: Path, dev_corpus: Path) -> None:
    db = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["build", str(dev_corpus), "--db", db])
    assert result.exit_code == 0, result.output
    assert "stored 5" in result.output
    again = runner.invoke(app, ["build", str(dev_corpus), "--db", db])
    assert "stored 0" in again.output and "unchanged 5" in again.output

    show = runner.invoke(app, ["show", "IRGC", "--db", db])
    assert show.exit_code == 0, show.output
    assert "Islamic Revolutionary Guard Corps" in show.output
    assert "002_0b7e3a77e332fbf6.txt" in show.output
    assert "Sa" in show.output and "owned by" in show.output  # the evidence sentence

    companies = runner.invoke(app, ["entities", "--type", "Company", "--db", db])
    assert companies.exit_code == 0
    for name in ("Tiandy", "Hikvision", "Huawei"):
        assert name in companies.output
    assert not re.search(r"│ Iran\s+│", companies.output)  # the country is not a company

    stats = runner.invoke(app, ["stats", "--db", db])
    assert "documents" in stats.output and " 5 " in stats.output


def test_env_var_names_the_store(tmp_path: Path, dev_corpus: Path) -> None:
    db = tmp_path / "env.db"
    result = runner.invoke(
        app, ["build", str(dev_corpus / "003_413735a44dbb6c9f.txt")], env={"TRACEWIRE_DB": str(db)}
    )
    assert result.exit_code == 0, result.output
    with open_store(str(db), create=False).session() as session:  # the store it named
        assert queries.stats(session).documents == 1


def test_unknown_name_and_missing_store_fail_clearly(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["show", "IRGC", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1
    assert "tracewire build" in missing.output
    db = str(tmp_path / "x.db")
    (tmp_path / "r.txt").write_text("Hikvision sold cameras to the police of Ruritania.")
    runner.invoke(app, ["build", str(tmp_path / "r.txt"), "--db", db])
    unknown = runner.invoke(app, ["show", "Nobody Inc", "--db", db])
    assert unknown.exit_code == 1
    assert "no entity named" in unknown.output


def test_show_lists_claims_with_hedging_and_evidence(tmp_path: Path, dev_corpus: Path) -> None:
    db = str(tmp_path / "claims.db")
    runner.invoke(app, ["build", str(dev_corpus), "--db", db])
    show = runner.invoke(app, ["show", "Tiandy", "--db", db])
    assert show.exit_code == 0, show.output
    assert "claims" in show.output
    assert "supplies -> Islamic Revolutionary Guard Corps" in show.output
    assert "planned" in show.output and "rumoured" in show.output
    assert "Tiandy is going to supply the IRGC" in show.output


def test_export_and_eval(tmp_path: Path, dev_corpus: Path) -> None:
    db = str(tmp_path / "eval.db")
    runner.invoke(app, ["build", str(dev_corpus), "--db", db])
    out = tmp_path / "claims.jsonl"
    exported = runner.invoke(
        app, ["export", "--format", "claims-jsonl", "-o", str(out), "--db", db]
    )
    assert exported.exit_code == 0, exported.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and {"doc", "relation", "subject", "object", "hedging", "evidence"} <= set(rows[0])
    assert all(r["doc"].endswith(".txt") for r in rows)
    scored = runner.invoke(
        app,
        [
            "eval",
            "--gold",
            str(dev_corpus / "gold.jsonl"),
            "--aliases",
            str(dev_corpus / "aliases.jsonl"),
            "--json",
            "--db",
            db,
        ],
    )
    assert scored.exit_code == 0, scored.output
    figures = json.loads(scored.output)
    assert figures["predictions"] == len(
        {(r["doc"], r["relation"], r["subject"].lower(), r["object"].lower()) for r in rows}
    )
    assert 0 < figures["recall"] <= 1


def test_export_rejects_unknown_format_and_eval_bad_gold(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    (tmp_path / "r.txt").write_text("Hikvision sold cameras to the police of Ruritania.")
    runner.invoke(app, ["build", str(tmp_path / "r.txt"), "--db", db])
    bad = runner.invoke(app, ["export", "--format", "xml", "--db", db])
    assert bad.exit_code == 2 and "unknown format" in bad.output
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{broken\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "--gold", str(gold), "--db", db])
    assert result.exit_code == 2
    assert "gold.jsonl:1" in result.output
