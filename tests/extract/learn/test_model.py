"""The claim model: its sum is the learner's function, its file round-trips byte for byte."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from tracewire.extract.learn.extractor import MODEL_FILE
from tracewire.extract.learn.features import Features
from tracewire.extract.learn.fit import design, fit_relation, score_rows, weight_vector
from tracewire.extract.learn.model import (
    DIGITS,
    FORMAT,
    MIN_WEIGHT,
    ClaimModel,
    FitSettings,
    RelationModel,
)
from tracewire.records import Relation

NAMES = [f"f{i}" for i in range(40)]


def sparse_rows(seed: int, n: int = 300) -> tuple[list[Features], list[int]]:
    """Random sparse feature rows with a label that depends on a few of them (noisy)."""
    rng = random.Random(seed)
    rows: list[Features] = []
    targets: list[int] = []
    for _ in range(n):
        row = {name: (1.0 if rng.random() < 0.7 else rng.uniform(0.1, 3.0))
               for name in rng.sample(NAMES, rng.randint(1, 6))}  # fmt: skip
        signal = row.get("f1", 0.0) + row.get("f2", 0.0) - row.get("f3", 0.0)
        rows.append(row)
        targets.append(int(signal + rng.gauss(0, 0.5) > 0.5))
    return rows, targets


def test_score_is_the_learners_probability() -> None:
    rows, targets = sparse_rows(seed=7)
    matrix, names = design(rows)  # scikit-learn's DictVectorizer
    learner = LogisticRegression(C=0.5, solver="liblinear", random_state=0).fit(matrix, targets)
    model = RelationModel(
        weights=dict(zip(names, (float(w) for w in learner.coef_[0]), strict=True)),
        intercept=float(learner.intercept_[0]),
        threshold=0.5,
    )
    expected = learner.predict_proba(matrix)[:, 1]
    ours = np.array([model.score(row) for row in rows])
    assert np.allclose(ours, expected, rtol=0, atol=1e-9)
    # the batch form used in training gives the same numbers
    batch = score_rows(matrix, weight_vector(names, model), model.intercept)
    assert np.allclose(batch, expected, rtol=0, atol=1e-9)
    # features the model never saw weigh nothing
    assert model.score({**rows[0], "never-seen": 5.0}) == pytest.approx(expected[0], abs=1e-9)


def test_fit_relation_ships_the_learners_weights_rounded() -> None:
    rows, targets = sparse_rows(seed=11)
    matrix, names = design(rows)
    settings = FitSettings(c=0.5, positive_weight=3.0)
    weights, intercept = fit_relation(matrix, names, targets, settings)
    learner = LogisticRegression(
        C=0.5, class_weight={0: 1.0, 1: 3.0}, max_iter=2000, tol=1e-3, solver="liblinear"
    ).fit(matrix, targets)
    coef = dict(zip(names, learner.coef_[0], strict=True))
    assert intercept == pytest.approx(float(learner.intercept_[0]), abs=1e-9)
    for name, w in coef.items():
        if abs(w) >= MIN_WEIGHT:
            assert weights[name] == round(float(w), DIGITS), name
        else:
            assert name not in weights, name
    assert weights["f1"] > 0 and weights["f3"] < 0  # it learnt the signal
    shipped = RelationModel(weights, intercept, 0.5)
    expected = learner.predict_proba(matrix)[:, 1]
    ours = np.array([shipped.score(row) for row in rows])
    assert np.abs(ours - expected).max() < 0.01  # rounding moves no score by more


def test_a_relation_without_positives_never_fires() -> None:
    rows, _ = sparse_rows(seed=3, n=20)
    matrix, names = design(rows)
    weights, intercept = fit_relation(matrix, names, [0] * 20, FitSettings())
    assert weights == {}
    assert RelationModel(weights, intercept, 0.05).score(rows[0]) < 0.001


def test_design_drops_rare_features_without_looking_at_labels() -> None:
    rows = [{"a": 1.0, "b": 1.0}, {"a": 1.0}, {"a": 1.0, "c": 2.0}, {"b": 1.0}]
    matrix, names = design(rows, min_count=2)
    assert names == ["a", "b"]
    assert matrix.shape == (4, 2)
    assert matrix.indices.dtype == np.int32  # liblinear's index type


def test_scores_of_all_relations_match_each_relations_score() -> None:
    model = ClaimModel.load(MODEL_FILE)
    rng = random.Random(5)
    vocabulary = sorted({name for m in model.relations.values() for name in m.weights})
    for _ in range(50):
        features = {name: rng.choice([1.0, 0.5, 2.0]) for name in rng.sample(vocabulary, 12)}
        scores = model.scores(features)
        assert set(scores) == {r.value for r in Relation}
        for relation, score in scores.items():
            assert score == pytest.approx(model.relations[relation].score(features), abs=1e-12)


def test_explain_returns_the_features_that_weigh_most() -> None:
    model = RelationModel(
        weights={"trigger=sell": 2.0, "path=nsubj": 0.8, "prep=to": -1.5, "tiny": 0.01},
        intercept=-1.0,
        threshold=0.5,
    )
    features = {"trigger=sell": 1.0, "path=nsubj": 1.0, "prep=to": 1.0, "tiny": 1.0, "new": 1.0}
    assert model.explain(features, top=2) == [("trigger=sell", 2.0), ("prep=to", -1.5)]
    assert model.explain(features) == [
        ("trigger=sell", 2.0),
        ("prep=to", -1.5),
        ("path=nsubj", 0.8),
    ]  # negligible and unknown features are not reasons
    assert model.explain({"path=nsubj": 3.0}) == [("path=nsubj", pytest.approx(2.4))]


def test_a_rule_reading_lowers_the_bar() -> None:
    model = RelationModel({}, 0.0, threshold=0.3, threshold_alone=0.7)
    assert model.accepts(0.5, {"rule=supplies": 1.0}, "supplies")
    assert not model.accepts(0.5, {}, "supplies")
    assert not model.accepts(0.5, {"rule=funds": 1.0}, "supplies")
    assert RelationModel({}, 0.0, threshold=0.3).accepts(0.3, {}, "supplies")


def small_model() -> ClaimModel:
    return ClaimModel(
        {
            "supplies": RelationModel({"b": -0.25, "a": 1.5}, -2.123456, 0.45, 0.6),
            "funds": RelationModel({"c": 0.75}, -3.0, 0.5),
        },
        {"corpora": ["mine"], "documents": 3},
    )


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    model = small_model()
    path = tmp_path / "m.json.gz"
    model.save(path)
    loaded = ClaimModel.load(path)
    assert loaded == ClaimModel(
        {
            "supplies": RelationModel({"a": 1.5, "b": -0.25}, -2.1235, 0.45, 0.6),
            "funds": RelationModel({"c": 0.75}, -3.0, 0.5, None),
        },
        {"corpora": ["mine"], "documents": 3},
    )
    again = tmp_path / "again.json.gz"
    loaded.save(again)
    assert again.read_bytes() == path.read_bytes()
    features = {"a": 1.0, "b": 2.0}
    assert loaded.scores(features)["supplies"] == pytest.approx(
        model.relations["supplies"].score(features), abs=1e-4
    )


def test_identical_models_give_identical_files(tmp_path: Path) -> None:
    small_model().save(tmp_path / "one.gz")
    small_model().save(tmp_path / "two.gz")
    assert (tmp_path / "one.gz").read_bytes() == (tmp_path / "two.gz").read_bytes()
    with gzip.open(tmp_path / "one.gz") as handle:
        data = json.loads(handle.read())
    assert data["format"] == FORMAT
    assert list(data["relations"]) == ["funds", "supplies"]
    assert list(data["relations"]["supplies"]["weights"]) == ["a", "b"]


def test_the_shipped_file_has_a_classifier_per_relation() -> None:
    model = ClaimModel.load(MODEL_FILE)
    assert set(model.relations) == {r.value for r in Relation}
    for name, relation in model.relations.items():
        assert relation.weights, name
        assert 0 < relation.threshold < 1, name
    assert {"dev", "field"} <= set(model.meta["corpora"])


def test_a_file_of_another_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.json.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(json.dumps({"format": "someone.else/3", "relations": {}}).encode())
    with pytest.raises(ValueError, match=r"not a tracewire.claim-model/1 file"):
        ClaimModel.load(path)
