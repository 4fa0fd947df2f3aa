"""Cross-validated evaluation of claim extractors: training on the test cannot fool it.

`cross_validate` splits a corpus's documents into K folds, trains on the other folds (and
on extra corpora, such as the built-in examples), and reads each held-out document with
the model that never saw it; `train_and_test` trains on some corpora and reads another.
Either way the documents go through the real build (mentions, claims, resolution) into a
temporary store, and its claims export is scored as `score_claims.py` scores it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracewire.evaluate.claims import ClaimScores, score_claims
from tracewire.extract import ClaimExtractor, Extractor
from tracewire.extract.claims import RULES_NAME, RuleExtractor, rule_extractor
from tracewire.extract.learn.corpus import Corpus
from tracewire.extract.learn.extractor import HYBRID_NAME, MODEL_NAME, ModelExtractor
from tracewire.extract.learn.model import ClaimModel, FitSettings
from tracewire.extract.learn.train import Design, TrainingSet, folds, prepare, train
from tracewire.extract.parsed import ParsedDocument
from tracewire.pipeline import build
from tracewire.records import Claim, Mention
from tracewire.serve.exports import claim_records
from tracewire.store import open_store

Progress = Callable[[str], None]


@dataclass(slots=True)
class Evaluation:
    """Scores of one evaluation and the predictions they were computed from."""

    scores: ClaimScores
    predictions: list[dict[str, Any]]
    models: list[ClaimModel]


class FoldedExtractor:
    """Reads each document with the model of the fold that held it out."""

    def __init__(self, by_document: dict[str, ModelExtractor], name: str) -> None:
        self.by_document = by_document
        self.name = name
        self.version = "cv"

    def extract(self, parsed: ParsedDocument, mentions: Sequence[Mention]) -> list[Claim]:
        """The claims of the fold model that did not see this document (none if no fold
        holds it)."""
        extractor = self.by_document.get(parsed.document.name)
        return extractor.extract(parsed, mentions) if extractor is not None else []


def _extractor(model: ClaimModel, rules: RuleExtractor, name: str) -> ModelExtractor:
    return ModelExtractor(model, rules, name=name, keep_rules=name == HYBRID_NAME)


def _score_build(
    folder: Path, corpus: Corpus, claims: ClaimExtractor, nlp: Extractor
) -> tuple[ClaimScores, list[dict[str, Any]]]:
    """Build `folder` with the given claim extractor into a temporary store; score it."""
    with tempfile.TemporaryDirectory(prefix="tracewire-eval-") as tmp:
        store = open_store(str(Path(tmp) / "eval.db"))
        try:
            extractor = Extractor(nlp.nlp, nlp.gazetteer, nlp.rules, claims)
            build([folder], store, extractor=extractor)
            with store.session() as session:
                predictions = [dict(r) for r in claim_records(session)]
        finally:
            store.close()
    return score_claims(predictions, corpus.gold, corpus.names), predictions


def cross_validate(
    folder: Path,
    corpus: Corpus,
    k: int,
    *,
    extra: Sequence[Corpus] = (),
    name: str = HYBRID_NAME,
    settings: FitSettings | None = None,
    progress: Progress | None = None,
) -> Evaluation:
    """K-fold cross-validation over the documents of one corpus."""
    settings = settings or FitSettings()
    nlp = Extractor.load(RULES_NAME)
    rules = rule_extractor()
    data = prepare([corpus], nlp.parse, rules, progress=progress)
    extra_data = prepare(extra, nlp.parse, rules, held_out=False, progress=progress)
    matrix = Design.of(data.documents + extra_data.documents)  # vectorised once for all folds
    by_document: dict[str, ModelExtractor] = {}
    models = []
    for fold in folds(data.documents, k, settings.seed):
        held = set(fold)
        training = TrainingSet(
            [d for i, d in enumerate(data.documents) if i not in held] + extra_data.documents,
            [corpus.name, *extra_data.corpora],
        )
        model = train(training, settings, matrix=matrix)
        models.append(model)
        extractor = _extractor(model, rules, name)
        for i in fold:
            by_document[data.documents[i].name] = extractor
        if progress:
            progress(f"fold {len(models)}/{k} trained")
    scores, predictions = _score_build(
        folder, corpus, FoldedExtractor(by_document, f"{name} (cv)"), nlp
    )
    return Evaluation(scores, predictions, models)


def train_and_test(
    training: Sequence[Corpus],
    folder: Path,
    test: Corpus,
    *,
    name: str = HYBRID_NAME,
    settings: FitSettings | None = None,
    progress: Progress | None = None,
) -> Evaluation:
    """Train on some corpora, read another with the model, score it."""
    nlp = Extractor.load(RULES_NAME)
    rules = rule_extractor()
    data = prepare(training, nlp.parse, rules, progress=progress)
    model = train(data, settings or FitSettings())
    scores, predictions = _score_build(folder, test, _extractor(model, rules, name), nlp)
    return Evaluation(scores, predictions, [model])


def score_extractor(folder: Path, corpus: Corpus, claims: ClaimExtractor) -> Evaluation:
    """A registered extractor as it is (the shipped model, the rules) on a corpus."""
    nlp = Extractor.load(RULES_NAME)
    scores, predictions = _score_build(folder, corpus, claims, nlp)
    return Evaluation(scores, predictions, [])


def score_rules(folder: Path, corpus: Corpus) -> Evaluation:
    """The hand-written rules alone on a corpus (nothing to train)."""
    return score_extractor(folder, corpus, rule_extractor())


__all__ = [
    "MODEL_NAME",
    "Evaluation",
    "FoldedExtractor",
    "cross_validate",
    "score_extractor",
    "score_rules",
    "train_and_test",
]
