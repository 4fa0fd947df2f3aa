"""Training: annotated corpora in, a fitted claim model out.

Documents are parsed once and turned into labelled instances. Each relation's classifier
is fitted on all of them; its thresholds are chosen from out-of-fold scores of a
cross-validation over documents (never sentences: sentences of one report share names
and phrasing), maximising F-beta (beta 0.5: precision first) over the facts of each
document as the scorer counts them.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tracewire.extract.claims import RuleExtractor
from tracewire.extract.learn.corpus import Corpus
from tracewire.extract.learn.fit import design, fit_relation, score_rows, weight_vector
from tracewire.extract.learn.instances import RELATIONS, Instance, Labels, document_instances, label
from tracewire.extract.learn.model import ClaimModel, FitSettings, RelationModel
from tracewire.extract.parsed import ParsedDocument
from tracewire.records import SYMMETRIC, Relation

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 19))
MIN_POSITIVES = 8  # fewer positive documents: the pooled threshold of all relations
# Thresholds weigh precision twice as much as recall: a claim in the graph says someone
# supplied or sanctioned someone, and a reader acts on it (the F-beta with beta 0.5).
BETA = 0.5
DEFAULT_THRESHOLD = 0.5


@dataclass(slots=True)
class TrainingDocument:
    """One annotated document, parsed and labelled."""

    corpus: str
    name: str
    instances: list[Instance]
    labels: list[Labels]
    held_out: bool = True  # may be scored in cross-validation (not the built-in examples)


@dataclass(slots=True)
class TrainingSet:
    """Labelled documents, with what they came from."""

    documents: list[TrainingDocument] = field(default_factory=list)
    corpora: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Design:
    """All instances of a training set as one matrix, vectorised once for every fit."""

    matrix: Any
    names: list[str]
    offsets: dict[int, int]  # id(document) -> its first row

    @classmethod
    def of(cls, documents: Sequence[TrainingDocument], min_count: int = 2) -> Design:
        """The design matrix of the documents' instances, in order."""
        rows: list[dict[str, float]] = []
        offsets: dict[int, int] = {}
        for document in documents:
            offsets[id(document)] = len(rows)
            rows.extend(i.features for i in document.instances)
        matrix, names = design(rows, min_count)
        return cls(matrix, names, offsets)


Parser = Callable[[object], ParsedDocument]


def prepare(
    corpora: Iterable[Corpus],
    parse: Callable[..., ParsedDocument],
    rules: RuleExtractor,
    *,
    held_out: bool = True,
    progress: Callable[[str], None] | None = None,
) -> TrainingSet:
    """Parse and label every document of the corpora."""
    result = TrainingSet()
    for corpus in corpora:
        result.corpora.append(corpus.name)
        for document in corpus.documents:
            parsed = parse(document)
            claims = rules.extract(parsed, parsed.mentions)
            instances = document_instances(parsed, claims, rules.lexicon, rules.gazetteer)
            facts = corpus.facts.get(document.name, [])
            labels = label(instances, facts, document.text, corpus.names)
            result.documents.append(
                TrainingDocument(corpus.name, document.name, instances, labels, held_out)
            )
            if progress:
                progress(document.name)
    return result


def folds(documents: Sequence[TrainingDocument], k: int, seed: int) -> list[list[int]]:
    """Indices of held-out documents split into `k` folds, by document, reproducibly."""
    order = sorted(
        (i for i, d in enumerate(documents) if d.held_out),
        key=lambda i: (documents[i].corpus, documents[i].name),
    )
    random.Random(seed).shuffle(order)
    return [sorted(order[n::k]) for n in range(k)]


def _rows(
    documents: Iterable[TrainingDocument], relation: str, matrix: Design
) -> tuple[list[int], list[int]]:
    rows: list[int] = []
    targets: list[int] = []
    for document in documents:
        first = matrix.offsets[id(document)]
        for n, labels in enumerate(document.labels):
            if relation in labels:
                rows.append(first + n)
                targets.append(labels[relation])
    return rows, targets


def _fit_all(
    documents: Sequence[TrainingDocument], settings: FitSettings, matrix: Design
) -> dict[str, tuple[dict[str, float], float]]:
    fitted = {}
    for rel in RELATIONS:
        rows, targets = _rows(documents, rel, matrix)
        fitted[rel] = fit_relation(matrix.matrix[rows], matrix.names, targets, settings)
    return fitted


def _fact_key(document: TrainingDocument, instance: Instance, relation: str) -> tuple[str, ...]:
    subject = instance.pair.subject.party.entity_key
    obj = instance.pair.object.party.entity_key
    if Relation(relation) in SYMMETRIC:
        subject, obj = sorted((subject, obj))
    return (document.corpus, document.name, subject, obj)


# relation -> fact -> (p, gold, read by the rules too)
Scored = dict[str, dict[tuple[str, ...], tuple[float, int, int]]]


def _collect(
    scored: Scored,
    document: TrainingDocument,
    weights: dict[str, tuple[Any, float]],
    matrix: Design,
) -> None:
    first = matrix.offsets[id(document)]
    rows = matrix.matrix[first : first + len(document.instances)]
    probabilities = {
        relation: score_rows(rows, vector, intercept)
        for relation, (vector, intercept) in weights.items()
    }
    for n, (instance, labels) in enumerate(zip(document.instances, document.labels, strict=True)):
        for relation in weights:
            key = _fact_key(document, instance, relation)
            p = float(probabilities[relation][n])
            gold = labels.get(relation, 1)  # holds by evidence elsewhere: still a match
            ruled = int(f"rule={relation}" in instance.features)
            old = scored.setdefault(relation, {}).get(key)
            if old is None:
                scored[relation][key] = (p, gold, ruled)
            else:
                scored[relation][key] = (max(old[0], p), max(old[1], gold), max(old[2], ruled))


def _fbeta(items: Sequence[tuple[float, int, int]], t_rule: float, t_alone: float) -> float:
    """F-beta of the facts taken at these thresholds (BETA < 1 weighs precision more)."""
    positives = sum(g for _, g, _ in items)
    taken = [g for p, g, ruled in items if p >= (t_rule if ruled else t_alone)]
    tp = sum(taken)
    if not tp or not positives:
        return 0.0
    precision, recall = tp / len(taken), tp / positives
    return (1 + BETA**2) * precision * recall / (BETA**2 * precision + recall)


def _best_thresholds(
    facts: Iterable[tuple[float, int, int]],
) -> tuple[float, float, float, int]:
    """(threshold with a rule reading, threshold without, F-beta, positives) maximising
    F-beta over scored facts; ties go to the higher thresholds (fewer claims)."""
    items = list(facts)
    positives = sum(g for _, g, _ in items)
    best = (DEFAULT_THRESHOLD, DEFAULT_THRESHOLD, 0.0, positives)
    for t_rule in THRESHOLDS:
        for t_alone in THRESHOLDS:
            f1 = _fbeta(items, t_rule, t_alone)
            if f1 >= best[2]:
                best = (t_rule, t_alone, f1, positives)
    return best


def out_of_fold(
    data: TrainingSet, settings: FitSettings, k: int, matrix: Design | None = None
) -> Scored:
    """Scores of every held-out document's facts by models that did not see it."""
    matrix = matrix or Design.of(data.documents)
    scored: Scored = {}
    split = folds(data.documents, k, settings.seed)
    for fold in split:
        test = set(fold)
        train = [d for i, d in enumerate(data.documents) if i not in test]
        fitted = {
            rel: (weight_vector(matrix.names, RelationModel(w, b, DEFAULT_THRESHOLD)), b)
            for rel, (w, b) in _fit_all(train, settings, matrix).items()
        }
        for i in fold:
            _collect(scored, data.documents[i], fitted, matrix)
    return scored


def choose_thresholds(scored: Scored) -> dict[str, tuple[float, float]]:
    """Thresholds per relation (with and without a rule reading); relations with few
    positives share the pooled ones."""
    pooled = _best_thresholds(f for facts in scored.values() for f in facts.values())
    chosen: dict[str, tuple[float, float]] = {}
    for relation in RELATIONS:
        t_rule, t_alone, _, positives = _best_thresholds(scored.get(relation, {}).values())
        chosen[relation] = (t_rule, t_alone) if positives >= MIN_POSITIVES else pooled[:2]
    return chosen


def train(
    data: TrainingSet,
    settings: FitSettings | None = None,
    inner_folds: int = 3,
    matrix: Design | None = None,
) -> ClaimModel:
    """Fit every relation on all documents; thresholds from inner cross-validation.
    `matrix` may hold more documents than `data` (one design for every fold of a
    cross-validation)."""
    settings = settings or FitSettings()
    matrix = matrix or Design.of(data.documents, settings.min_count)
    held = sum(1 for d in data.documents if d.held_out)
    thresholds = (
        choose_thresholds(out_of_fold(data, settings, inner_folds, matrix))
        if held >= inner_folds
        else dict.fromkeys(RELATIONS, (DEFAULT_THRESHOLD, DEFAULT_THRESHOLD))
    )
    relations = {
        rel: RelationModel(w, b, thresholds[rel][0], thresholds[rel][1])
        for rel, (w, b) in _fit_all(data.documents, settings, matrix).items()
    }
    meta = {
        "corpora": sorted(set(data.corpora)),
        "documents": len(data.documents),
        "instances": sum(len(d.instances) for d in data.documents),
        "settings": {
            "c": settings.c,
            "min_count": settings.min_count,
            "positive_weight": settings.positive_weight,
            "seed": settings.seed,
            "inner_folds": inner_folds,
        },
    }
    return ClaimModel(relations, meta)
