"""`build --extractor`, `train` and the corpus forms of `eval`, run as a user types them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracewire.cli.app import app
from tracewire.extract import DEFAULT_EXTRACTOR, extractor_names
from tracewire.extract.claims import RULES_NAME

runner = CliRunner()

REPORTS = {
    "sudan.txt": "Norvik Systems sold drones to the Sudanese government in 2021.\n",
    "peru.txt": "Peru's data protection authority fined Tessaly Optics in 2023.\n",
}


def reports(folder: Path) -> Path:
    """Two short reports written for these tests."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", ["build", "eval"])
def test_an_unknown_extractor_is_one_line_listing_the_known(tmp_path: Path, command: str) -> None:
    folder = reports(tmp_path / "in")
    db = tmp_path / "x.db"
    args = [str(folder)] if command == "build" else ["--corpus", str(folder)]
    result = runner.invoke(app, [command, *args, "--extractor", "nope/1", "--db", str(db)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: unknown extractor 'nope/1'; known extractors: ")
    assert lines[0].split("known extractors: ", 1)[1].split(", ") == extractor_names()
    assert not db.exists()  # rejected before anything was opened or read


def test_build_with_another_extractor_reports_the_documents_it_re_read(tmp_path: Path) -> None:
    folder = reports(tmp_path / "in")
    db = str(tmp_path / "x.db")
    first = runner.invoke(app, ["build", str(folder), "--extractor", RULES_NAME, "--db", db])
    assert first.exit_code == 0, first.output
    assert "stored 2" in first.output and "re-read" not in first.output

    switched = runner.invoke(app, ["build", str(folder), "--db", db])
    assert switched.exit_code == 0, switched.output
    assert "stored 0" in switched.output and "unchanged 2" in switched.output
    assert re.search(r"re-read 2 stored document\(s\)", switched.output), switched.output

    again = runner.invoke(app, ["build", str(folder), "--db", db])
    assert "re-read" not in again.output

    shown = runner.invoke(app, ["show", "Norvik Systems", "--explain", "--db", db])
    assert shown.exit_code == 0, shown.output
    assert DEFAULT_EXTRACTOR in shown.output and RULES_NAME not in shown.output
