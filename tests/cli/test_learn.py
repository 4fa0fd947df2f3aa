"""`build --extractor`, `train` and the corpus forms of `eval`, run as a user types them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracewire.cli.app import app
from tracewire.extract import DEFAULT_EXTRACTOR, extractor_names
from tracewire.extract.claims import RULES_NAME
from tracewire.extract.learn.extractor import MODEL_FILE

from ..conftest import SHARED, SMALL_CORPUS

SCORER = SHARED / "tools" / "score_claims.py"

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


def test_eval_cv_figures_are_those_of_the_reference_scorer(
    small_corpus: Path, tmp_path: Path
) -> None:
    predictions = tmp_path / "pred.jsonl"
    result = runner.invoke(
        app,
        ["eval", "--corpus", str(small_corpus), "--cv", "2", "--no-builtin",
         "--predictions", str(predictions), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    rows = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert rows and {r["doc"] for r in rows} <= set(SMALL_CORPUS)
    assert {"extractor", "extractor_version", "frame", "explanation"} <= set(rows[0])
    assert printed["matched"] > 0 and printed["required"] > 0
    if not SCORER.exists():
        pytest.skip(f"reference scorer not found at {SCORER}")
    reference = subprocess.run(
        [sys.executable, str(SCORER), str(predictions), str(small_corpus / "gold.jsonl"),
         "--aliases", str(small_corpus / "aliases.jsonl"), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    theirs = json.loads(reference.stdout)
    for key in ("precision", "recall", "f1", "predictions", "matched", "matched_required"):
        assert printed[key] == theirs[key], key
    printed.pop("unmatched")
    assert printed == theirs


def test_eval_cv_needs_two_folds_and_one_corpus(small_corpus: Path) -> None:
    one = runner.invoke(app, ["eval", "--corpus", str(small_corpus), "--cv", "1"])
    assert one.exit_code == 2 and "at least 2 folds" in one.output
    two = runner.invoke(
        app, ["eval", "--corpus", str(small_corpus), "--corpus", str(small_corpus), "--cv", "2"]
    )
    assert two.exit_code == 2 and "exactly one --corpus" in two.output


def test_train_without_gold_is_one_line_naming_the_file(tmp_path: Path) -> None:
    folder = reports(tmp_path / "bare")
    result = runner.invoke(app, ["train", "--corpus", str(folder), "--no-builtin"])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {folder / 'gold.jsonl'}: no gold claims file"


def test_train_reproduces_the_shipped_model(tmp_path: Path) -> None:
    """The shipped model file is what `tracewire train` makes from the shipped data (the
    field and dev corpora and the built-in annotations, seed 0), byte for byte."""
    corpora = [SHARED / "corpus" / "field", SHARED / "corpus" / "dev"]
    if not all((c / "gold.jsonl").is_file() for c in corpora):
        pytest.skip(f"the annotated corpora are not at {SHARED / 'corpus'}")
    out = tmp_path / "claim-model.json.gz"
    result = runner.invoke(
        app, ["train", "--corpus", str(corpora[0]), "--corpus", str(corpora[1]), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == MODEL_FILE.read_bytes(), (
        "the shipped model is not what `tracewire train --corpus ../shared/corpus/field "
        "--corpus ../shared/corpus/dev` writes now: retrain it and commit the file"
    )
