"""Fitting the claim model's classifiers with scikit-learn (only `tracewire train` and
`eval --cv` import this: a build needs only the fitted weights)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from tracewire.extract.learn.features import Features
from tracewire.extract.learn.model import DIGITS, MIN_WEIGHT, FitSettings, RelationModel


def design(rows: Sequence[Features], min_count: int = 1) -> tuple[Any, list[str]]:
    """The feature matrix of many pairs (CSR, 32-bit indices for liblinear) and the
    feature names of its columns; features seen in fewer than `min_count` pairs are left
    out (counted without labels, so no fold learns from another's answers)."""
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(rows).tocsr()
    names = [str(n) for n in vectorizer.get_feature_names_out()]
    if min_count > 1:
        keep = np.flatnonzero(matrix.getnnz(axis=0) >= min_count)
        matrix = matrix[:, keep].tocsr()
        names = [names[i] for i in keep]
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    return matrix, names


def fit_relation(
    matrix: Any, names: Sequence[str], targets: Sequence[int], settings: FitSettings
) -> tuple[dict[str, float], float]:
    """Fit one relation's logistic regression on rows of a design matrix. Returns
    (weights, intercept)."""
    if not any(targets):
        return {}, -8.0
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    learner = LogisticRegression(  # liblinear: deterministic, so `train` reproduces the file
        C=settings.c,
        class_weight={0: 1.0, 1: settings.positive_weight},
        max_iter=2000,
        tol=1e-3,
        solver="liblinear",
        random_state=settings.seed,
    )
    learner.fit(matrix, list(targets))
    weights = {
        names[column]: round(float(w), DIGITS)
        for column, w in enumerate(learner.coef_[0])
        if abs(w) >= MIN_WEIGHT
    }
    return weights, float(learner.intercept_[0])


def weight_vector(names: Sequence[str], model: RelationModel) -> Any:
    """A relation's weights laid out as the columns of a design matrix."""
    return np.array([model.weights.get(name, 0.0) for name in names])


def score_rows(rows: Any, vector: Any, intercept: float) -> Any:
    """The probabilities a relation's model gives the rows of a design matrix (the same
    sum `RelationModel.score` makes for one pair, for many at once)."""
    return 1.0 / (1.0 + np.exp(-np.clip(rows @ vector + intercept, -35.0, 35.0)))
