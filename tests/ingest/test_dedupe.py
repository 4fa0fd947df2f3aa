"""Tests for near-duplicate detection with MinHash LSH."""

from __future__ import annotations

import random

import pytest

from tracewire.ingest import NearDuplicateIndex

SYLLABLES = ("ka", "ro", "ti", "mu", "sel", "van", "dor", "pel", "nix", "ow", "tra", "zem")


def invented_text(seed: int, words: int = 300) -> str:
    """Prose-like text of invented words, different for each seed."""
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(400)
    ]
    return " ".join(rng.choice(vocabulary) for _ in range(words)) + "."


def change_one_word(text: str, position: int = 150) -> str:
    words = text.split()
    words[position] = "replacementword"
    return " ".join(words)


@pytest.fixture
def index() -> NearDuplicateIndex:
    index = NearDuplicateIndex()
    for seed in range(1, 6):
        index.add(f"doc{seed}", index.signature(invented_text(seed)))
    return index


def test_finds_a_copy_with_one_word_changed(index: NearDuplicateIndex) -> None:
    near_copy = change_one_word(invented_text(3))
    assert near_copy != invented_text(3)
    assert index.query(index.signature(near_copy)) == "doc3"


def test_unrelated_text_is_not_a_duplicate(index: NearDuplicateIndex) -> None:
    assert index.query(index.signature(invented_text(99))) is None


def test_spacing_and_case_do_not_matter(index: NearDuplicateIndex) -> None:
    variant = "\n\n".join(invented_text(2).upper().split(" "))
    assert index.query(index.signature(variant)) == "doc2"


def test_signature_is_bytes_and_deterministic() -> None:
    text = invented_text(7)
    one, other = NearDuplicateIndex(), NearDuplicateIndex(num_perm=64)
    assert isinstance(one.signature(text), bytes)
    assert len(one.signature(text)) == 128 * 4
    assert one.signature(text) == NearDuplicateIndex().signature(text)
    assert len(other.signature(text)) == 64 * 4


def test_rebuilt_index_gives_the_same_answers(index: NearDuplicateIndex) -> None:
    stored = [(f"doc{seed}", index.signature(invented_text(seed))) for seed in range(1, 6)]
    rebuilt = NearDuplicateIndex()
    for doc_id, signature in stored:
        rebuilt.add(doc_id, signature)
    probes = [change_one_word(invented_text(seed)) for seed in (1, 4, 5)] + [invented_text(50)]
    for probe in probes:
        signature = index.signature(probe)
        assert rebuilt.query(signature) == index.query(signature)
    assert [rebuilt.query(index.signature(p)) for p in probes] == ["doc1", "doc4", "doc5", None]


def test_returns_the_earliest_added_match() -> None:
    index = NearDuplicateIndex()
    signature = index.signature(invented_text(1))
    for doc_id in ("first", "second", "third"):
        index.add(doc_id, signature)
    assert index.query(signature) == "first"
    assert len(index) == 3


def test_adding_an_id_twice_keeps_the_first(index: NearDuplicateIndex) -> None:
    index.add("doc1", index.signature(invented_text(42)))
    assert len(index) == 5
    assert index.query(index.signature(invented_text(42))) is None


def test_texts_shorter_than_a_shingle_work() -> None:
    index = NearDuplicateIndex()
    index.add("short", index.signature("Tiandy cameras"))
    index.add("empty", index.signature(""))
    assert index.query(index.signature("TIANDY  cameras")) == "short"
    assert index.query(index.signature("")) == "empty"
    assert index.query(index.signature("Hikvision drones")) is None


def test_signature_of_the_wrong_size_is_refused(index: NearDuplicateIndex) -> None:
    with pytest.raises(ValueError, match="signature has 256 bytes"):
        index.query(NearDuplicateIndex(num_perm=64).signature("text"))


@pytest.mark.parametrize("threshold", [0.0, 1.5])
def test_threshold_must_be_a_similarity(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicateIndex(threshold=threshold)
