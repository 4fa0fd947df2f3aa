"""Reading an annotated corpus folder: its reports, gold and alias clusters."""

from __future__ import annotations

import json
from pathlib import Path

from tracewire.extract.learn.corpus import load_corpus


def test_a_readme_describes_the_corpus_and_is_no_report(tmp_path: Path) -> None:
    (tmp_path / "r1_kenya.txt").write_text(
        "Cameras for Kenya\n\nHikvision sold cameras to Kenya in 2019.\n", encoding="utf-8"
    )
    # a description that reads like reporting: it must not be scored as a report
    (tmp_path / "README.md").write_text(
        "# Invented set\n\nHikvision sold cameras to Uganda, one report says.\n", encoding="utf-8"
    )
    fact = {
        "doc": "r1_kenya.txt", "relation": "supplies", "subject": "Hikvision",
        "object": "Kenya", "hedging": ["asserted"],
        "evidence": "Hikvision sold cameras to Kenya in 2019.",
    }  # fmt: skip
    (tmp_path / "gold.jsonl").write_text(json.dumps(fact) + "\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [Path(d.source).name for d in corpus.documents] == ["r1_kenya.txt"]
    assert not corpus.skipped
