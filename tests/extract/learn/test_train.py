"""Training: labelled instances from gold facts, document folds, reproducible model files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracewire.cli.app import app
from tracewire.extract import Extractor
from tracewire.extract.claims import rule_extractor
from tracewire.extract.learn.corpus import load_corpus
from tracewire.extract.learn.model import ClaimModel, FitSettings
from tracewire.extract.learn.train import TrainingSet, folds, prepare, train
from tracewire.records import Relation

from ...conftest import SMALL_CORPUS


@pytest.fixture(scope="module")
def training(small_corpus: Path, extractor: Extractor) -> TrainingSet:
    """The small annotated corpus, parsed and labelled once."""
    return prepare([load_corpus(small_corpus)], extractor.parse, rule_extractor())


def test_every_document_is_labelled_from_its_gold(training: TrainingSet) -> None:
    assert [d.name for d in training.documents] == sorted(SMALL_CORPUS)
    assert len(training.corpora) == 1
    for document in training.documents:
        assert len(document.labels) == len(document.instances) > 0, document.name
        assert any(1 in labels.values() for labels in document.labels), document.name
    positives = {r for d in training.documents for ls in d.labels for r, v in ls.items() if v}
    assert positives >= {"supplies", "sanctions", "contract", "funds", "trains", "owns"}


def test_a_positive_pair_is_named_by_its_fact(training: TrainingSet) -> None:
    peru = next(d for d in training.documents if d.name.startswith("003_"))
    held = {
        (i.pair.subject.party.canonical, i.pair.object.party.canonical)
        for i, labels in zip(peru.instances, peru.labels, strict=True)
        if labels.get("sanctions") == 1
    }
    assert held, "no positive sanctions pair in the Peru fine"
    for subject, obj in held:
        assert "Lumora" in obj, (subject, obj)  # the regulator fines Lumora, never the reverse


def test_folds_split_documents_reproducibly_and_the_seed_changes_them(
    training: TrainingSet,
) -> None:
    documents = training.documents
    first = folds(documents, 3, seed=0)
    assert folds(documents, 3, seed=0) == first
    assert len(first) == 3
    flat = [i for fold in first for i in fold]
    assert sorted(flat) == list(range(len(documents)))  # each document in exactly one fold
    assert max(map(len, first)) - min(map(len, first)) <= 1
    assert folds(documents, 3, seed=1) != first
    assert folds(list(reversed(documents)), 3, seed=0) == [
        sorted(len(documents) - 1 - i for i in fold) for fold in first
    ]  # the split follows the documents, not the order they were read in


def test_documents_that_are_not_held_out_are_never_in_a_fold(training: TrainingSet) -> None:
    documents = list(training.documents)
    extra = [*documents[:3]]
    for document in extra:
        document.held_out = False
    try:
        split = folds(documents, 2, seed=0)
        assert sorted(i for fold in split for i in fold) == list(range(3, len(documents)))
    finally:
        for document in extra:
            document.held_out = True


def test_training_twice_gives_the_same_model(training: TrainingSet, tmp_path: Path) -> None:
    first = train(training, FitSettings(seed=0))
    second = train(training, FitSettings(seed=0))
    first.save(tmp_path / "a.json.gz")
    second.save(tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()
    assert set(first.relations) == {r.value for r in Relation}
    assert first.meta["documents"] == len(SMALL_CORPUS)
    assert first.meta["settings"]["seed"] == 0
    assert first.relations["supplies"].weights  # it learnt something
    other = train(training, FitSettings(seed=3))
    assert other.meta["settings"]["seed"] == 3


def test_the_train_command_writes_the_same_bytes_in_another_process(
    small_corpus: Path, tmp_path: Path
) -> None:
    """`tracewire train` in this process and in another one with its own hash seed write
    the same file (no set or dict order leaks into it)."""
    args = ["train", "--corpus", str(small_corpus), "--no-builtin", "--seed", "0", "-o"]
    here, there = tmp_path / "here.json.gz", tmp_path / "there.json.gz"
    result = CliRunner().invoke(app, [*args, str(here)])
    assert result.exit_code == 0, result.output
    assert f"trained on {len(SMALL_CORPUS)} documents" in result.output
    done = subprocess.run(
        [str(Path(sys.executable).with_name("tracewire")), *args, str(there)],
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert there.read_bytes() == here.read_bytes()
    model = ClaimModel.load(there)
    assert model.meta["corpora"] == [small_corpus.name]
    assert model.meta["documents"] == len(SMALL_CORPUS)
