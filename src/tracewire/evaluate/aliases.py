"""Alias clusters scoring: pairwise precision and recall against gold clusters, as
../shared/tools/score_aliases.py counts them.

Each gold name is placed in the predicted cluster holding it; a descriptive mention that
ends in a predicted name ("Chinese tech giant Huawei" ends in "Huawei", not after "of")
goes to that name's cluster (the longest such name wins). Gold names placed nowhere are
missed. A gold pair is two names of one gold cluster; a predicted pair is two placed gold
names in one predicted cluster.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

NOT_BEFORE_HEAD = frozenset({"of", "de", "for"})


@dataclass
class AliasScores:
    """Pairwise figures over the names of the gold clusters."""

    gold_pairs: int
    predicted_pairs: int
    correct_pairs: int
    precision: float
    recall: float
    f1: float
    placed: int = 0
    names: int = 0
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
            "names_placed": self.placed,
            "names": self.names,
            "missing_names": self.missing_names,
            "missed_pairs": [list(p) for p in self.missed_pairs],
            "wrong_pairs": [list(p) for p in self.wrong_pairs],
        }


def alias_norm(name: str) -> str:
    """Case, quotes and punctuation folded (apostrophes kept), a leading "the" removed."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("\u2019", "'")
    text = re.sub(r"[^\w\s']", " ", text)
    text = re.sub(r"^\s*the\s+", "", text)
    return " ".join(text.split())


def _clusters(rows: Iterable[Mapping[str, Any]]) -> list[set[str]]:
    clusters = []
    for row in rows:
        aliases = row.get("aliases")
        names = [str(row.get("canonical", ""))]
        names += [str(a) for a in aliases] if isinstance(aliases, list) else []
        clusters.append({alias_norm(n) for n in names if n})
    return clusters


def place(name: str, where: Mapping[str, int]) -> int | None:
    """The predicted cluster of a gold name: its own, else that of the longest predicted
    name it ends with (not right after "of", "de" or "for")."""
    if name in where:
        return where[name]
    tokens = name.split()
    best: tuple[int, int] | None = None
    for predicted, cluster in where.items():
        k = len(predicted.split())
        ends = k < len(tokens) and tokens[-k:] == predicted.split()
        if ends and tokens[-k - 1] not in NOT_BEFORE_HEAD and (best is None or k > best[0]):
            best = (k, cluster)
    return best[1] if best else None


def score_aliases(
    predicted: Iterable[Mapping[str, Any]], gold: Iterable[Mapping[str, Any]]
) -> AliasScores:
    """Pairs of gold names placed in one predicted cluster, against the gold's pairs."""
    ours, theirs = _clusters(predicted), _clusters(gold)
    where = {n: i for i, names in enumerate(ours) for n in names if n}
    names = sorted(set().union(*theirs)) if theirs else []
    placed = {n: place(n, where) for n in names}
    # a gold name that folds to nothing ("—") stays in its cluster's pairs, unplaceable, as
    # the reference scorer counts it
    gold_pairs = {(a, b) for cluster in theirs for a, b in combinations(sorted(cluster), 2)}
    pred_pairs = {
        (a, b)
        for a, b in combinations(names, 2)
        if placed[a] is not None and placed[a] == placed[b]
    }
    correct = gold_pairs & pred_pairs
    precision = len(correct) / len(pred_pairs) if pred_pairs else 0.0
    recall = len(correct) / len(gold_pairs) if gold_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return AliasScores(
        gold_pairs=len(gold_pairs),
        predicted_pairs=len(pred_pairs),
        correct_pairs=len(correct),
        precision=round(precision, 3),
        recall=round(recall, 3),
        f1=round(f1, 3),
        placed=sum(1 for v in placed.values() if v is not None),
        names=len(names),
        missing_names=[n for n in names if placed[n] is None],
        missed_pairs=sorted(gold_pairs - pred_pairs),
        wrong_pairs=sorted(pred_pairs - gold_pairs),
    )
