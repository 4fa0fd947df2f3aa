"""The stages of `build` run alone and piped, as a shell user runs them."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracewire.cli.app import app
from tracewire.records import BuildReport
from tracewire.serve.exports import claim_records
from tracewire.store import Store, open_store
from tracewire.store import db as store_db

TRACEWIRE = Path(sys.executable).with_name("tracewire")
runner = CliRunner()


def without_ids(records: list[dict[str, Any]]) -> list[str]:
    """Claims as comparable lines: row ids differ between stores, nothing else may."""
    return sorted(json.dumps({k: v for k, v in r.items() if k != "id"}, sort_keys=True)
                  for r in records)  # fmt: skip


def stored_claims(store: Store) -> list[str]:
    with store.session() as session:
        return without_ids(claim_records(session))


def test_piped_stages_store_the_claims_build_stores(
    dev_corpus: Path, dev_store: tuple[Store, BuildReport], tmp_path: Path
) -> None:
    db = tmp_path / "piped.db"
    tw = shlex.quote(str(TRACEWIRE))
    # the database the test's own opening of `db` gets (a PostgreSQL one in that run)
    target = shlex.quote(store_db.resolve_url(str(db)))
    pipeline = (
        f"set -o pipefail; {tw} ingest {shlex.quote(str(dev_corpus))} -o - "
        f"| {tw} extract -i - -o - | {tw} load -i - --db {target}"
    )
    done = subprocess.run(["bash", "-c", pipeline], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "read 5 documents, skipped 2" in done.stderr  # gold.jsonl, aliases.jsonl
    assert "stored 5" in done.stdout
    piped = open_store(str(db), create=False)
    try:
        assert stored_claims(piped) == stored_claims(dev_store[0])
        assert len(stored_claims(piped)) == dev_store[1].claims
    finally:
        piped.close()
    # The same files built afterwards are known: the stages recorded where they came from.
    again = runner.invoke(app, ["build", str(dev_corpus), "--db", str(db)])
    assert "stored 0" in again.output and "unchanged 5" in again.output


def test_stage_files_can_be_kept_and_read_again(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "deal.txt").write_text(
        "Thermal cameras for Moldova\n\n"
        "Norvane Optics sold thermal cameras to the Moldovan Interior Ministry in 2019.\n",
        encoding="utf-8",
    )
    (reports / "notes.jsonl").write_text("{}\n", encoding="utf-8")
    docs, found = tmp_path / "docs.jsonl", tmp_path / "extracted.jsonl"
    ingested = runner.invoke(app, ["ingest", str(reports), "-o", str(docs)])
    assert ingested.exit_code == 0, ingested.output
    assert "skipped " in ingested.output and "notes.jsonl" in ingested.output
    (record,) = [json.loads(line) for line in docs.read_text(encoding="utf-8").splitlines()]
    assert record["title"] == "Thermal cameras for Moldova"
    assert "Norvane Optics sold" in record["text"]
    assert record["location"] == str((reports / "deal.txt").resolve())
    extracted = runner.invoke(
        app, ["extract", "-i", str(docs), "-o", str(found), "--extractor", "tracewire.rules/2"]
    )
    assert extracted.exit_code == 0, extracted.output
    (line,) = found.read_text(encoding="utf-8").splitlines()
    result = json.loads(line)
    assert result["extractor"] == "tracewire.rules/2"
    assert result["document"]["id"] == record["id"]
    supplies = [c for c in result["claims"] if c["relation"] == "supplies"]
    assert [(c["subject"]["text"], c["object"]["text"], c["date"]) for c in supplies] == [
        ("Norvane Optics", "Moldovan Interior Ministry", "2019")
    ]
    db = str(tmp_path / "stages.db")
    broken = tmp_path / "broken.jsonl"
    broken.write_text("not json\n" + line + "\n" + '{"document": {}}\n', encoding="utf-8")
    loaded = runner.invoke(app, ["load", "-i", str(broken), "--db", db])
    assert loaded.exit_code == 0, loaded.output
    assert "stored 1" in loaded.output and "skipped 2" in loaded.output
    assert f"{broken}, line 1: not JSON" in loaded.output
    assert f"{broken}, line 3: not a tracewire record" in loaded.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "{tmp}/missing"], "error: {tmp}/missing: no such file or directory"),
        (["build", "{tmp}/missing", "--db", "{tmp}/new.db"],
         "error: {tmp}/missing: no such file or directory"),
        (["extract", "-i", "{tmp}/missing.jsonl"],
         "error: cannot read {tmp}/missing.jsonl: No such file or directory"),
        (["extract", "--extractor", "tracewire.nothing/9"], "error: unknown extractor"),
        (["export", "-f", "ftm-xml", "--db", "{tmp}/bad.db"], "error: unknown format 'ftm-xml'"),
        (["export", "--db", "{tmp}/bad.db"], "error: Missing option '--format'"),
        (["stats", "--db", "{tmp}/bad.db"], "error: cannot read the store (file is not a"),
        (["entities", "--db", "{tmp}/none.db"], "error: no tracewire store at {tmp}/none.db"),
    ],
)  # fmt: skip
def test_failures_exit_non_zero_with_one_line(
    tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "bad.db").write_text("not a database\n", encoding="utf-8")
    argv = [a.format(tmp=tmp_path) for a in args]
    done = subprocess.run(
        [str(TRACEWIRE), *argv],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode in (1, 2)
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(message.format(tmp=tmp_path)), lines[0]
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert not (tmp_path / "new.db").exists()


def test_a_list_file_that_cannot_be_read_is_an_input_error(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Not a sanctions list at all.\n", encoding="utf-8")
    db = str(tmp_path / "lists.db")
    for args in (
        [str(tmp_path / "sdn.csv")],
        [str(report)],
        [str(report), "--format", "yaml"],
    ):
        result = runner.invoke(app, ["sanctions", "load", *args, "--db", db])
        assert result.exit_code == 2, result.output
        assert result.output.startswith("error: ") and result.output.count("\n") == 1
