"""Fitting the claim model's classifiers with scikit-learn (only `tracewire train` and
`eval --cv` import this: a build needs only the fitted weights)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from tracewire.extract.learn.features import Features
from tracewire.extract.learn.model import DIGITS, MIN_WEIGHT, FitSettings


def design(rows: Sequence[Features]) -> tuple[Any, list[str]]:
    """The feature matrix of many pairs (CSR, 32-bit indices for liblinear) and the
    feature names of its columns."""
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(rows).tocsr()
    matrix.indices = matrix.indices.astype("int32")
    matrix.indptr = matrix.indptr.astype("int32")
    return matrix, [str(n) for n in vectorizer.get_feature_names_out()]


def fit_relation(
    matrix: Any, names: Sequence[str], targets: Sequence[int], settings: FitSettings
) -> tuple[dict[str, float], float]:
    """Fit one relation's logistic regression on rows of a design matrix; features seen in
    fewer than `min_count` of those rows are left out. Returns (weights, intercept)."""
    if not any(targets):
        return {}, -8.0
    counts = matrix.getnnz(axis=0)
    columns = [i for i, n in enumerate(counts) if n >= settings.min_count]
    sub = matrix[:, columns].tocsr()
    sub.indices = sub.indices.astype("int32")
    sub.indptr = sub.indptr.astype("int32")
    learner = LogisticRegression(  # liblinear: deterministic, so `train` reproduces the file
        C=settings.c,
        class_weight={0: 1.0, 1: settings.positive_weight},
        max_iter=2000,
        solver="liblinear",
        random_state=settings.seed,
    )
    learner.fit(sub, list(targets))
    weights = {
        names[column]: round(float(w), DIGITS)
        for column, w in zip(columns, learner.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    return weights, float(learner.intercept_[0])
