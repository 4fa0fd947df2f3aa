"""Alias clusters scoring: pairwise precision and recall against gold clusters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from tracewire.evaluate.names import score_norm


@dataclass
class AliasScores:
    """Pairwise figures over the names of the gold clusters."""

    gold_pairs: int
    predicted_pairs: int
    correct_pairs: int
    precision: float
    recall: float
    f1: float
    missing_names: list[str] = field(default_factory=list)
    missed_pairs: list[tuple[str, str]] = field(default_factory=list)
    wrong_pairs: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The figures as plain data."""
        return {
            "gold_pairs": self.gold_pairs,
            "predicted_pairs": self.predicted_pairs,
            "correct_pairs": self.correct_pairs,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "missing_names": self.missing_names,
            "missed_pairs": [list(p) for p in self.missed_pairs],
            "wrong_pairs": [list(p) for p in self.wrong_pairs],
        }


def _names(row: Mapping[str, Any]) -> list[str]:
    aliases = row.get("aliases")
    names = [str(row.get("canonical", ""))]
    names += [str(a) for a in aliases] if isinstance(aliases, list) else []
    return names


def score_aliases(
    predicted: Iterable[Mapping[str, Any]], gold: Iterable[Mapping[str, Any]]
) -> AliasScores:
    """Pairs of gold names placed in one cluster, against pairs the gold puts together.

    Names are compared normalised (case, quotes, punctuation, possessive, "the"). A name
    found in several predicted clusters counts in the one listing it first (the
    predicted file lists the most mentioned entities first).
    """
    ours: dict[str, int] = {}
    for index, row in enumerate(predicted):
        for name in _names(row):
            ours.setdefault(score_norm(name), index)
    theirs: dict[str, int] = {}
    for index, row in enumerate(gold):
        for name in _names(row):
            theirs.setdefault(score_norm(name), index)
    names = sorted(n for n in theirs if n)
    gold_pairs = {(a, b) for a, b in combinations(names, 2) if theirs[a] == theirs[b]}
    found = [n for n in names if n in ours]
    predicted_pairs = {(a, b) for a, b in combinations(found, 2) if ours[a] == ours[b]}
    correct = gold_pairs & predicted_pairs
    precision = len(correct) / len(predicted_pairs) if predicted_pairs else 0.0
    recall = len(correct) / len(gold_pairs) if gold_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return AliasScores(
        gold_pairs=len(gold_pairs),
        predicted_pairs=len(predicted_pairs),
        correct_pairs=len(correct),
        precision=round(precision, 3),
        recall=round(recall, 3),
        f1=round(f1, 3),
        missing_names=[n for n in names if n not in ours],
        missed_pairs=sorted(gold_pairs - predicted_pairs),
        wrong_pairs=sorted(predicted_pairs - gold_pairs),
    )
