"""Writing documents: claims with their hedging labels as rows, removed with their claims."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from sqlalchemy import select

from tracewire.extract import Extractor
from tracewire.pipeline import build
from tracewire.store import Store
from tracewire.store.models import ClaimHedgeRow, ClaimRow

REPORT = (
    "Quillfeather Analytics denied selling spyware to Borduria. Officials said that "
    "Tessaly Optics reportedly plans to supply drones to the Bordurian police."
)


def _labels(store: Store) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """The labels of each labelled claim as its hedging column has them, and as the rows of
    claim_hedges have them (by claim id, whether or not the claim still exists)."""
    with store.session() as session:
        found = session.execute(select(ClaimRow.id, ClaimRow.hedging))
        joined = {i: set(h.split(",")) for i, h in found if h}
        rows: dict[int, set[str]] = defaultdict(set)
        for claim_id, label in session.execute(select(ClaimHedgeRow.claim_id, ClaimHedgeRow.label)):
            rows[claim_id].add(label)
    return joined, dict(rows)


def test_each_label_of_a_claim_is_a_row(tmp_path: Path, store: Store, extractor: Extractor) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    build([path], store, extractor=extractor)
    joined, rows = _labels(store)
    assert rows == joined
    assert "denied" in set().union(*rows.values())
    path.write_text("Nobody sold anything to anyone in this short note.", encoding="utf-8")
    build([path], store, extractor=extractor)  # the edited file replaces its claims
    assert _labels(store) == ({}, {})  # the old claims' rows went with them
