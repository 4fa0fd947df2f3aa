"""Alias scoring agrees with the reference scorer ../shared/tools/score_aliases.py: the same
files give the same pair counts, names placed, precision and recall."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tracewire.cli.app import app
from tracewire.evaluate.aliases import AliasScores, alias_norm, place, score_aliases
from tracewire.evaluate.claims import read_jsonl
from tracewire.records import BuildReport
from tracewire.serve.exports import alias_records, write_jsonl
from tracewire.store import Store

SCORER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score_aliases.py"

# Predicted clusters as the store exports them: invented vendors and bodies of other states.
PREDICTED = [
    {
        "canonical": "Kavtaria Signal Systems",
        "aliases": ["Kavtaria", "Kavtaria Signal Systems Ltd"],
    },
    {"canonical": "Hikvision", "aliases": ["Hangzhou Hikvision Digital Technology"]},
    {"canonical": "Norvik", "aliases": ["Norvik Systems", "Tessaly group"]},  # a false merge
    {"canonical": "Bank of Ruritania", "aliases": []},
    {"canonical": "Ruritania", "aliases": ["Ruritanian authorities", "Strelsau"]},
    {"canonical": "Zenda Police", "aliases": ["Zenda police", "ZP"]},
    {"canonical": "Tessaly Optics", "aliases": ["\u201cTessaly\u201d Optics"]},
    {"canonical": "Ruritania Police", "aliases": ["Ruritanian police"]},
]
# Gold clusters with descriptive names that are placed by the predicted name they end in
# ("Chinese camera maker Hikvision" -> Hikvision, the longest such name winning), names
# after "of"/"for"/"de" that are not ("Bank of Ruritania" is no Ruritania), names missing,
# a false merge (Tessaly's group with Norvik), a missed one (Zenda's police is Ruritania's)
# and quote/case/"the" variants.
GOLD = [
    {
        "canonical": "Kavtaria Signal Systems",
        "aliases": [
            "Kavtaria",
            "Armenian radar maker Kavtaria Signal Systems",
            "the Kavtaria Signal Systems Ltd",
            "KSS",
        ],
    },
    {
        "canonical": "Hikvision",
        "aliases": ["HIKVISION", "Chinese camera maker Hikvision", "Hangzhou Hikvision"],
    },
    {"canonical": "Norvik Systems", "aliases": ["surveillance vendor Norvik Systems", "Norvik"]},
    {"canonical": "Ruritania", "aliases": ["Ruritanian authorities", "government of Ruritania"]},
    {"canonical": "Bank of Ruritania", "aliases": ["the central bank of Ruritania"]},
    {"canonical": "Ruritania Police", "aliases": ["Ruritanian police", "Zenda police"]},
    {"canonical": "Tessaly Optics", "aliases": ['"Tessaly" Optics', "Tessaly group"]},
    {"canonical": "Oskar Brandt", "aliases": ["Brandt", "Mr Brandt"]},
]


def write(path: Path, rows: Iterable[Mapping[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        write_jsonl((dict(r) for r in rows), out)
    return path


def reference(pred: Path, gold: Path) -> dict[str, float]:
    """The reference scorer's figures, read off its two lines of output."""
    if not SCORER.exists():
        pytest.skip(f"reference scorer not found at {SCORER}")
    result = subprocess.run(
        [sys.executable, str(SCORER), str(pred), str(gold)],
        capture_output=True,
        text=True,
        check=True,
    )
    numbers = re.findall(r"\d+(?:\.\d+)?", result.stdout.replace("/", " "))
    keys = ("gold", "predicted", "true", "placed", "names", "precision", "recall")
    assert len(numbers) == len(keys), result.stdout
    return dict(zip(keys, map(float, numbers), strict=True))


def figures(scores: AliasScores) -> dict[str, float]:
    return {
        "gold": scores.gold_pairs,
        "predicted": scores.predicted_pairs,
        "true": scores.correct_pairs,
        "placed": scores.placed,
        "names": scores.names,
        "precision": scores.precision,
        "recall": scores.recall,
    }


def test_same_figures_as_the_reference_on_written_clusters(tmp_path: Path) -> None:
    pred = write(tmp_path / "pred.jsonl", PREDICTED)
    gold = write(tmp_path / "gold.jsonl", GOLD)
    ours = score_aliases(read_jsonl(pred), read_jsonl(gold))
    assert figures(ours) == reference(pred, gold)
    # the case is not trivial: some pairs are missed, some are wrong, some names not placed
    assert 0 < ours.precision < 1 and 0 < ours.recall < 1
    assert ("norvik", "tessaly group") in ours.wrong_pairs
    assert ("ruritanian police", "zenda police") in ours.missed_pairs
    assert ("tessaly group", "tessaly optics") in ours.missed_pairs
    assert not any("zp" in pair for pair in ours.missed_pairs)  # "ZP" is no gold name
    assert set(ours.missing_names) == {
        "kss",
        "government of ruritania",
        "oskar brandt",
        "brandt",
        "mr brandt",
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("armenian radar maker kavtaria signal systems", 0),  # ends in a predicted name
        ("chinese camera maker hikvision", 1),
        ("surveillance vendor norvik systems", 2),  # "norvik systems" beats "norvik"
        ("central bank of ruritania", 3),  # "bank of ruritania", not the state after "of"
        ("governor of ruritania", None),
        ("police for ruritania", None),
        ("ruritania", 4),
        ("kavtaria", 0),
        ("kss", None),
    ],
)
def test_a_descriptive_name_is_placed_by_the_name_it_ends_in(
    name: str, expected: int | None
) -> None:
    where = {n: i for i, row in enumerate(PREDICTED) for n in (row["canonical"], *row["aliases"])}
    normalised = {alias_norm(str(n)): i for n, i in where.items()}
    assert place(name, normalised) == expected


def test_alias_norm_folds_case_quotes_punctuation_and_a_leading_the() -> None:
    assert alias_norm("The \u201cTessaly\u201d Optics") == "tessaly optics"
    assert alias_norm("Ruritania\u2019s police") == "ruritania's police"
    assert alias_norm("  the   Zenda-Police ") == "zenda police"
    assert alias_norm("Theodor Labs") == "theodor labs"  # "the" only as a word


def test_same_figures_when_a_gold_name_has_no_letters(tmp_path: Path) -> None:
    # a name that normalises to nothing still counts in the gold pairs, as the reference counts it
    gold_rows = [*GOLD[:2], {"canonical": "Zenda Police", "aliases": ["\u2014", "ZP"]}]
    pred = write(tmp_path / "pred.jsonl", PREDICTED)
    gold = write(tmp_path / "gold.jsonl", gold_rows)
    assert figures(score_aliases(read_jsonl(pred), read_jsonl(gold))) == reference(pred, gold)


def test_same_figures_as_the_reference_on_the_dev_store(
    dev_store: tuple[Store, BuildReport], dev_corpus: Path, tmp_path: Path
) -> None:
    store, _ = dev_store
    with store.session() as session:
        records = alias_records(session)
    pred = write(tmp_path / "pred.jsonl", records)
    gold = dev_corpus / "aliases.jsonl"
    ours = score_aliases(records, read_jsonl(gold))
    assert figures(ours) == reference(pred, gold)
    assert ours.gold_pairs > 0 and ours.predicted_pairs > 0
    # the command a user runs gives the same figures
    result = CliRunner().invoke(
        app, ["eval", "--aliases-gold", str(gold), "--json", "--db", store.location]
    )
    assert result.exit_code == 0, result.output
    command = json.loads(result.output)["aliases"]
    assert (command["precision"], command["recall"]) == (ours.precision, ours.recall)
    assert command["names_placed"] == ours.placed
