"""The CLI, run in-process as a user would type it."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from tracewire import pipeline
from tracewire.cli.app import app
from tracewire.engine import tasks
from tracewire.extract import Extractor
from tracewire.pipeline import build
from tracewire.records import BuildReport
from tracewire.store import Store, open_store
from tracewire.store.models import EntityRow
from tracewire.store.read import entities as queries

from ..hostile import make_hostile_folder

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


# show: states through their governments, bodies through part_of ----------------------

PARTY_REPORTS = {
    "egypt.txt": "Egypt's government relied on Netsweeper equipment to block news sites in 2019.\n",
    "zambia.txt": (
        "Zambia's government relied on Sandvine equipment to slow social media during the "
        "2021 election.\n"
    ),
    "italy.txt": (
        "The Italian data protection authority fined Clearview AI in 2022. "
        "The Italian authority also fined Tessaly Optics for selling face data.\n"
    ),
    "greece.txt": (
        "The Greek data protection authority fined Norvik Systems in 2023. "
        "The Greek authority also fined Kavtaria Signal Systems for the same breach.\n"
    ),
}


@pytest.fixture(scope="module")
def party_db(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> str:
    """A store built once from the reports above (states and bodies named without names)."""
    folder = tmp_path_factory.mktemp("show")
    (folder / "in").mkdir()
    for name, text in PARTY_REPORTS.items():
        (folder / "in" / name).write_text(text, encoding="utf-8")
    store = open_store(str(folder / "show.db"))
    build([folder / "in"], store, extractor=extractor)
    store.close()
    return str(folder / "show.db")


def flat(output: str) -> str:
    """Console output with rich's line wrapping undone."""
    return " ".join(output.split())


def shown(db: str, *args: str) -> str:
    result = runner.invoke(app, ["show", *args, "--db", db])
    assert result.exit_code == 0, result.output
    return flat(result.output)


@pytest.mark.parametrize(
    ("state", "vendor", "words", "evidence"),
    [
        ("Egypt", "Netsweeper", "Egypt's government", "relied on Netsweeper equipment"),
        ("Zambia", "Sandvine", "Zambia's government", "relied on Sandvine equipment"),
    ],
)
def test_show_a_state_lists_claims_made_of_its_government_with_the_words_used(
    party_db: str, state: str, vendor: str, words: str, evidence: str
) -> None:
    out = shown(party_db, state)
    assert out.startswith(f"{state} (Country)")
    assert f"supplies <- {vendor} (1)" in out
    assert f"as: {words}" in out
    assert evidence in out
    # the vendor's own dossier names the state, without the state's words
    vendor_out = shown(party_db, vendor)
    assert f"supplies -> {state} (1)" in vendor_out
    assert f"as: {words}" not in vendor_out


def test_show_a_gazetteer_body_includes_claims_worded_by_nationality(party_db: str) -> None:
    greek = shown(party_db, "Hellenic Data Protection Authority")
    assert greek.startswith("Hellenic Data Protection Authority (PublicBody)")
    assert "part of: Greece" in greek
    assert "sanctions -> Kavtaria Signal Systems (1)" in greek
    assert "as: Greek authority" in greek
    assert "The Greek authority also fined Kavtaria Signal Systems" in greek
    assert "sanctions -> Norvik Systems (1)" in greek
    italian = shown(party_db, "Italian authority")  # the words find the body too
    assert italian.startswith("Garante per la protezione dei dati personali (PublicBody)")
    assert "sanctions -> Tessaly Optics (1)" in italian and "as: Italian authority" in italian
    assert "part of: Italy" in italian


@pytest.mark.parametrize(
    ("state", "body", "counterparty", "evidence"),
    [
        (
            "Greece",
            "Hellenic Data Protection Authority",
            "Kavtaria Signal Systems",
            "The Greek authority also fined Kavtaria Signal Systems",
        ),
        (
            "Italy",
            "Garante per la protezione dei dati personali",
            "Tessaly Optics",
            "The Italian authority also fined Tessaly Optics",
        ),
    ],
)
def test_show_a_state_reaches_its_bodies_and_their_claims(
    party_db: str, state: str, body: str, counterparty: str, evidence: str
) -> None:
    # neither report names the state by itself: it is reached through its body only
    out = shown(party_db, state)
    assert out.startswith(f"{state} (Country)")
    assert f"bodies (part_of): {body}" in out
    assert f"part of {state}: {body}" in out
    after = out.split(f"part of {state}: {body}", 1)[1]
    assert f"sanctions -> {counterparty} (1)" in after and evidence in after
    # the body stays its own entity: the state's dossier does not list it as an alias
    assert body not in out.split("bodies (part_of):", 1)[0]


def test_show_explain_names_the_extractor_of_each_claim(party_db: str) -> None:
    out = shown(party_db, "Greece", "--explain")
    evidence = out.count("\u201c")  # one quoted evidence sentence per claim shown
    assert evidence >= 2  # at least the body's two claims
    assert out.count("tracewire.hybrid/1") == evidence  # each says what produced it
    assert "model p=" in out or "rule:" in out
    plain = shown(party_db, "Greece")
    assert "tracewire.hybrid/1" not in plain


def test_a_hostile_folder_builds_with_a_line_for_every_bad_entry(tmp_path: Path) -> None:
    folder = make_hostile_folder(tmp_path / "hostile")
    try:
        result = runner.invoke(app, ["build", str(folder.root), "--db", str(tmp_path / "h.db")])
    finally:
        folder.close()
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    skipped = {line.removeprefix("skipped ") for line in lines if line.startswith("skipped ")}
    duplicates = [line for line in lines if line.startswith("duplicate ")]
    counts = re.search(r"stored (\d+) .* duplicates (\d+) .*skipped (\d+)", result.output)
    assert counts is not None
    stored, duplicated, skips = map(int, counts.groups())
    assert (stored + duplicated + skips, len(skipped), len(duplicates)) == (300, skips, duplicated)
    for path, expected in folder.expected.items():
        shown = os.fsencode(path).decode("utf-8", "replace")
        if expected == "stored":
            assert not any(line.startswith(f"{shown}:") for line in skipped), shown
        elif expected == "duplicate":
            assert any(line.startswith(f"duplicate {shown}:") for line in duplicates), shown
        else:
            assert any(line.startswith(f"{shown}: {expected}") for line in skipped), shown
    assert stored == sum(e == "stored" for e in folder.expected.values())


def test_debug_prints_the_traceback_of_a_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("Northwind Optics sold drones to the army of Borduria.")

    def broken(path: Path) -> None:
        raise KeyError("page")  # a library failing inside one document

    monkeypatch.setattr(pipeline, "read_file", broken)  # one worker reads here
    monkeypatch.setattr(tasks, "read_file", broken)  # more read through the engine's task
    db = str(tmp_path / "d.db")
    quiet = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--db", db])
    assert quiet.exit_code == 0
    assert f"skipped {tmp_path}/a.txt: failed unexpectedly (KeyError: 'page')" in quiet.output
    assert "Traceback" not in quiet.output
    loud = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--db", db, "--debug"])
    assert loud.exit_code == 0
    assert "Traceback (most recent call last)" in loud.output and "in broken" in loud.output


def test_version_is_the_installed_one() -> None:
    from importlib.metadata import version  # noqa: PLC0415

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"tracewire {version('tracewire')}\n"


def test_json_lines_from_reading_commands(dev_store: tuple[Store, BuildReport]) -> None:
    db = dev_store[0].url

    def lines(*args: str) -> list[dict[str, Any]]:
        result = runner.invoke(app, [*args, "--json", "--db", db])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines()]

    companies = lines("entities", "--type", "Company")
    assert {"Tiandy", "Huawei"} <= {e["canonical"] for e in companies}
    assert all(e["type"] == "Company" for e in companies)
    (irgc,) = lines("show", "IRGC")
    assert irgc["canonical"] == "Islamic Revolutionary Guard Corps"
    assert "IRGC" in irgc["aliases"]
    assert irgc["matches"][0]["level"] == "listed"
    assert any(c["relation"] == "contract" for c in irgc["claims"])
    assert irgc["part_of"] == ["Iran"]
    (stats,) = lines("stats")
    assert stats["documents"] == 5
    hits = lines("screen")
    assert {"entity", "level", "list", "entry_id", "score", "explanation"} <= set(hits[0])
    assert {"Islamic Revolutionary Guard Corps", "Mohammad Javad Zarif"} <= {
        h["entity"] for h in hits if h["level"] == "listed"
    }


def test_dash_is_standard_output(
    dev_store: tuple[Store, BuildReport], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["export", "-f", "aliases-jsonl", "-o", "-", "--db", dev_store[0].url]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert not (tmp_path / "-").exists()
    assert json.loads(result.stdout.splitlines()[0])["canonical"]


def test_resolve_full_recomputes_what_an_incremental_resolve_leaves(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    (tmp_path / "r.txt").write_text(
        "Norvik Security Systems Ltd sold cameras to the police of Ruritania. Norvik Security "
        "Systems said the cameras were installed in 2021.\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["build", str(tmp_path / "r.txt"), "--db", db]).exit_code == 0
    store = open_store(db)
    with store.writer() as writer:  # a cluster key edited by hand, as no build would
        writer.session.execute(update(EntityRow).values(cluster_key=None))
    quick = runner.invoke(app, ["resolve", "--db", db])
    with store.session() as session:
        left = session.scalar(select(func.count()).where(EntityRow.cluster_key.is_(None)))
    full = runner.invoke(app, ["resolve", "--full", "--db", db])
    with store.session() as session:
        keys = dict(session.execute(select(EntityRow.key, EntityRow.cluster_key)).tuples().all())
    store.close()
    assert quick.exit_code == 0 and full.exit_code == 0, quick.output + full.output
    assert "changed entities: 0" in quick.output and left == len(keys)
    assert "all entities: 1 rule merge" in full.output
    assert None not in keys.values()
    assert keys["company:norvik-security-systems-ltd"] == keys["company:norvik-security-systems"]


def test_entities_lists_the_most_mentioned_first_up_to_the_limit(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    (tmp_path / "r.txt").write_text(
        "Norvik Security Systems sold cameras to Chile. Norvik Security Systems also sold "
        "drones to Peru, and Quillfeather sold spyware to Chile.\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["build", str(tmp_path / "r.txt"), "--db", db]).exit_code == 0
    every = runner.invoke(app, ["entities", "--limit", "0", "--json", "--db", db])
    two = runner.invoke(app, ["entities", "-n", "2", "--json", "--db", db])
    table = runner.invoke(app, ["entities", "-n", "2", "--db", db])
    rows = [json.loads(line) for line in every.output.splitlines()]
    assert len(rows) > 2
    assert [json.loads(line) for line in two.output.splitlines()] == rows[:2]
    assert rows[0]["mentions"] >= rows[1]["mentions"] >= rows[-1]["mentions"]
    assert "the 2 most mentioned; --limit 0 lists all" in table.output
