"""Cross-validation: every document is read by a model that never saw it, through the build."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tracewire.evaluate import crossval
from tracewire.evaluate.claims import score_claims
from tracewire.evaluate.crossval import Evaluation, FoldedExtractor, cross_validate
from tracewire.extract import Extractor
from tracewire.extract.learn.corpus import load_corpus
from tracewire.extract.learn.extractor import HYBRID_NAME, ModelExtractor
from tracewire.extract.learn.model import ClaimModel, FitSettings
from tracewire.extract.learn.train import TrainingSet

from ..conftest import SMALL_CORPUS
from ..extract.conftest import document


@dataclass
class Spy:
    """What cross-validation trained each fold model on, and which model read what."""

    trained_on: dict[int, set[str]] = field(default_factory=dict)  # id(model) -> documents
    readers: dict[str, ModelExtractor] = field(default_factory=dict)


@pytest.fixture(scope="module")
def evaluated(small_corpus: Path) -> tuple[Evaluation, Spy]:
    """Two-fold cross-validation of the small corpus, watched."""
    spy = Spy()
    real_train = crossval.train

    def train(data: TrainingSet, *args: Any, **kwargs: Any) -> ClaimModel:
        model = real_train(data, *args, **kwargs)
        spy.trained_on[id(model)] = {d.name for d in data.documents}
        return model

    class Folded(FoldedExtractor):
        def __init__(self, by_document: dict[str, ModelExtractor], name: str) -> None:
            super().__init__(by_document, name)
            spy.readers = by_document

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(crossval, "train", train)
        patch.setattr(crossval, "FoldedExtractor", Folded)
        result = cross_validate(
            small_corpus, load_corpus(small_corpus), 2, settings=FitSettings(seed=0)
        )
    return result, spy


def test_each_document_is_read_by_a_model_that_did_not_see_it(
    evaluated: tuple[Evaluation, Spy],
) -> None:
    result, spy = evaluated
    assert len(result.models) == 2
    assert set(spy.readers) == set(SMALL_CORPUS)
    for name, reader in spy.readers.items():
        trained_on = spy.trained_on[id(reader.model)]
        assert name not in trained_on
        assert trained_on  # and it did learn from the other fold
    folds = [spy.trained_on[id(m)] for m in result.models]
    assert folds[0].isdisjoint(folds[1])  # two folds: each trains on the other's documents
    assert folds[0] | folds[1] == set(SMALL_CORPUS)


def test_the_predictions_come_from_the_build_and_score_as_the_scorer_scores_them(
    evaluated: tuple[Evaluation, Spy], small_corpus: Path
) -> None:
    result, spy = evaluated
    assert result.predictions
    assert {p["doc"] for p in result.predictions} <= set(SMALL_CORPUS)
    for row in result.predictions:  # each stored claim names the fold model that made it
        reader = spy.readers[row["doc"]]
        assert (row["extractor"], row["extractor_version"]) == (HYBRID_NAME, reader.version)
    assert len({r.version for r in spy.readers.values()}) == 2
    corpus = load_corpus(small_corpus)
    again = score_claims(result.predictions, corpus.gold, corpus.names)
    assert again.as_dict() == result.scores.as_dict()
    assert result.scores.matched > 0 and result.scores.required > 0


def test_a_folded_extractor_reads_nothing_it_holds_no_model_for(extractor: Extractor) -> None:
    parsed = extractor.parse(document("Norvik Systems sold drones to the Sudanese government."))
    assert parsed.document.name == "t.txt"
    hybrid = extractor.claims
    assert isinstance(hybrid, ModelExtractor)
    held = FoldedExtractor({"t.txt": hybrid}, "cv")
    assert held.extract(parsed, parsed.mentions) == hybrid.extract(parsed, parsed.mentions)
    assert held.extract(parsed, parsed.mentions)
    other = FoldedExtractor({"u.txt": hybrid}, "cv")
    assert other.extract(parsed, parsed.mentions) == []
