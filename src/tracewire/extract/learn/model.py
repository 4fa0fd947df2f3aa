"""The claim model: one logistic regression per relation over candidate-pair features.

scikit-learn fits it (`fit`); the fitted weights ship as a small JSON file (gzip) inside
the package, so a build needs no learner, only a sum of the weights of the features a
pair has and the logistic function. Each score comes with the features that weighed most.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracewire.extract.learn.features import Features

FORMAT = "tracewire.claim-model/1"
DIGITS = 4  # weights are rounded so the file is small and byte-for-byte reproducible
MIN_WEIGHT = 0.005  # lighter weights change no score that matters; they are left out


@dataclass(frozen=True, slots=True)
class RelationModel:
    """The weights of one relation's classifier and the thresholds chosen for it: one for
    pairs the hand-written rules also read, one for pairs only the model proposes."""

    weights: Mapping[str, float]
    intercept: float
    threshold: float
    threshold_alone: float | None = None  # without a rule reading (None: `threshold`)

    def accepts(self, score: float, features: Features, relation: str) -> bool:
        """Whether a score passes: the rules reading the same claim lower the bar."""
        ruled = f"rule={relation}" in features
        bar = self.threshold if ruled or self.threshold_alone is None else self.threshold_alone
        return score >= bar

    def score(self, features: Features) -> float:
        """The probability that the pair holds the relation."""
        total = self.intercept + sum(
            self.weights.get(name, 0.0) * value for name, value in features.items()
        )
        return 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, total))))

    def explain(self, features: Features, top: int = 4) -> list[tuple[str, float]]:
        """The features that pushed the score most, with their contributions."""
        parts = [(name, self.weights.get(name, 0.0) * value) for name, value in features.items()]
        parts = [p for p in parts if abs(p[1]) >= 0.05]
        return sorted(parts, key=lambda p: -abs(p[1]))[:top]


@dataclass(frozen=True, slots=True)
class ClaimModel:
    """Per-relation classifiers, with what they were trained on."""

    relations: Mapping[str, RelationModel]
    meta: Mapping[str, Any] = field(default_factory=dict)
    _index: dict[str, list[tuple[str, float]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def scores(self, features: Features) -> dict[str, float]:
        """The probability of each relation for one pair (one pass over its features)."""
        if not self._index:
            for relation, model in self.relations.items():
                for name, weight in model.weights.items():
                    self._index.setdefault(name, []).append((relation, weight))
        totals = {name: model.intercept for name, model in self.relations.items()}
        for name, value in features.items():
            for relation, weight in self._index.get(name, ()):
                totals[relation] += weight * value
        return {r: 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, t)))) for r, t in totals.items()}

    def to_json(self) -> dict[str, Any]:
        """The model as plain data (sorted, rounded)."""
        return {
            "format": FORMAT,
            "meta": dict(self.meta),
            "relations": {
                name: {
                    "intercept": round(model.intercept, DIGITS),
                    "threshold": round(model.threshold, 3),
                    "threshold_alone": (
                        None if model.threshold_alone is None else round(model.threshold_alone, 3)
                    ),
                    "weights": {k: model.weights[k] for k in sorted(model.weights)},
                }
                for name, model in sorted(self.relations.items())
            },
        }

    def save(self, path: Path) -> None:
        """Write the model as gzip-compressed JSON, identical for identical models."""
        data = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":")).encode()
        with (
            path.open("wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out,
        ):
            out.write(data)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ClaimModel:
        """A model from its plain-data form."""
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file (format {data.get('format')!r})")
        relations = {
            name: RelationModel(
                weights=dict(spec["weights"]),
                intercept=float(spec["intercept"]),
                threshold=float(spec["threshold"]),
                threshold_alone=(
                    None if spec.get("threshold_alone") is None else float(spec["threshold_alone"])
                ),
            )
            for name, spec in data["relations"].items()
        }
        return cls(relations, dict(data.get("meta", {})))

    @classmethod
    def load(cls, path: Path) -> ClaimModel:
        """Read a model file written by `save`."""
        with gzip.open(path, "rb") as handle:
            return cls.from_json(json.loads(handle.read()))


@dataclass(frozen=True, slots=True)
class FitSettings:
    """How the learner is set up; part of what makes a model reproducible."""

    c: float = 0.5
    min_count: int = 2  # features seen in fewer training pairs are dropped
    positive_weight: float = 3.0
    seed: int = 0
