"""tracewire's scorer agrees with the reference scorer of shared/tools on the same input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tracewire.evaluate.claims import read_jsonl, score_claims
from tracewire.evaluate.names import NameMatcher
from tracewire.records import BuildReport
from tracewire.serve.exports import claim_records, write_jsonl
from tracewire.store import Store

SCORER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score_claims.py"


def reference(pred: Path, gold: Path, aliases: Path | None) -> dict[str, Any]:
    if not SCORER.exists():
        pytest.skip(f"reference scorer not found at {SCORER}")
    args = [sys.executable, str(SCORER), str(pred), str(gold), "--json"]
    if aliases is not None:
        args += ["--aliases", str(aliases)]
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def ours(pred: Path, gold: Path, aliases: Path | None) -> dict[str, Any]:
    names = NameMatcher(read_jsonl(aliases) if aliases else [])
    figures = score_claims(read_jsonl(pred), read_jsonl(gold), names).as_dict()
    figures.pop("unmatched")
    return figures


def test_agrees_with_reference_on_the_dev_export(
    dev_store: tuple[Store, BuildReport], dev_corpus: Path, tmp_path: Path
) -> None:
    store, _ = dev_store
    pred = tmp_path / "claims.jsonl"
    with store.session() as session, pred.open("w", encoding="utf-8") as out:
        written = write_jsonl(claim_records(session), out)
    assert written > 10
    gold, aliases = dev_corpus / "gold.jsonl", dev_corpus / "aliases.jsonl"
    assert ours(pred, gold, aliases) == reference(pred, gold, aliases)
    assert ours(pred, gold, None) == reference(pred, gold, None)


def lines(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_agrees_on_edge_cases(tmp_path: Path) -> None:
    """Symmetric order, alias clusters, token subsets, duplicates, optional facts."""
    gold = lines(
        tmp_path / "gold.jsonl",
        [
            {
                "doc": "a.txt",
                "relation": "contract",
                "subject": "Norvik Systems",
                "object": "Ministry of Interior",
                "hedging": ["asserted"],
                "optional": False,
            },
            {
                "doc": "a.txt",
                "relation": "contract",
                "subject": "Norvik Systems",
                "object": "Ministry of Interior",
                "hedging": ["reported"],
                "optional": True,
            },
            {
                "doc": "a.txt",
                "relation": "supplies",
                "subject": "Kestrel",
                "object": "Ruritania",
                "hedging": ["planned"],
                "optional": False,
            },
            {
                "doc": "dir/b.txt",
                "relation": "owns",
                "subject": "State Holding",
                "object": "Velo",
                "hedging": ["asserted"],
                "optional": True,
            },
            {
                "doc": "b.txt",
                "relation": "funds",
                "subject": "Exim Bank",
                "object": "Ruritania",
                "hedging": ["asserted"],
                "optional": False,
            },
        ],
    )
    aliases = lines(
        tmp_path / "aliases.jsonl",
        [
            {
                "canonical": "Ruritania",
                "type": "Country",
                "aliases": ["Ruritanian Republic", "Strel"],
            }
        ],
    )
    pred = lines(
        tmp_path / "pred.jsonl",
        [
            {
                "doc": "x/a.txt",
                "relation": "contract",
                "subject": "the Ministry of Interior",
                "object": "Norvik Systems Ltd",
                "hedging": ["reported"],
            },
            {
                "doc": "a.txt",
                "relation": "contract",
                "subject": "The Ministry of Interior",
                "object": "Norvik Systems Ltd",
                "hedging": "asserted",
            },
            {
                "doc": "a.txt",
                "relation": "supplies",
                "subject": "Ruritanian Republic",
                "object": "Kestrel",
                "hedging": ["planned"],
            },
            {
                "doc": "a.txt",
                "relation": "supplies",
                "subject": "Kestrel's",
                "object": "Ruritanian Republic",
                "hedging": [],
            },
            {"doc": "b.txt", "relation": "owns", "subject": "State Holding", "object": "Velo"},
            {"doc": "b.txt", "relation": "funds", "subject": "Bank", "object": "Ruritania"},
        ],
    )
    mine, theirs = ours(pred, gold, aliases), reference(pred, gold, aliases)
    assert mine == theirs
    assert mine["matched"] == 3  # contract either way round, supplies via the cluster, owns
    assert mine["predictions"] == 5  # the second contract line is a duplicate
    assert mine["missed"] == [
        {"doc": "b.txt", "relation": "funds", "subject": "Exim Bank", "object": "Ruritania"}
    ]
    assert ours(pred, gold, None) == reference(pred, gold, None)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("The IRGC", "irgc", True),
        ("Huawei\u2019s", "Huawei", True),
        ("Hikvision Digital Technology", "Hikvision Digital", True),  # 2 of 3 words
        ("Bank", "Exim Bank of Ruritania", False),  # 1 of 3 content words
        ("Ruritanian Republic", "Strel", True),  # same alias cluster
        ("", "Strel", False),
    ],
)
def test_name_matching(a: str, b: str, same: bool) -> None:
    names = NameMatcher([{"canonical": "Ruritania", "aliases": ["Ruritanian Republic", "Strel"]}])
    assert names.same(a, b) is same


def test_bad_json_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc": "a"}\n{not json\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.jsonl:2: not valid JSON"):
        read_jsonl(path)
