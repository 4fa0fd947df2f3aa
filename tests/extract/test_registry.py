"""Claim extractors by name: the registry, its one-line error, versions that follow the files."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from tracewire.extract import (
    DEFAULT_EXTRACTOR,
    ClaimExtractor,
    Extractor,
    UnknownExtractorError,
    extractor_names,
    get_extractor,
    registry,
)
from tracewire.extract.claims import RULES_NAME, rule_extractor
from tracewire.extract.learn.extractor import HYBRID_NAME, MODEL_FILE, MODEL_NAME, ModelExtractor
from tracewire.extract.learn.model import ClaimModel

from ..conftest import StampedExtractor
from .conftest import document

BUILTIN = {
    RULES_NAME: r"2\+[0-9a-f]{8}",
    MODEL_NAME: r"1\+[0-9a-f]{8}",
    HYBRID_NAME: r"1\+[0-9a-f]{8}",
}


def test_the_builtin_names_are_registered() -> None:
    assert set(BUILTIN) <= set(extractor_names())
    assert extractor_names() == sorted(extractor_names())
    assert DEFAULT_EXTRACTOR == HYBRID_NAME


def test_an_unknown_name_is_a_one_line_error_listing_the_known_ones() -> None:
    with pytest.raises(UnknownExtractorError) as caught:
        get_extractor("tracewire.oracle/9")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("unknown extractor 'tracewire.oracle/9'; known extractors: ")
    listed = message.split("known extractors: ", 1)[1].split(", ")
    assert listed == extractor_names()
    assert isinstance(caught.value, LookupError)


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_each_builtin_name_gives_an_extractor_of_that_name(name: str) -> None:
    found = get_extractor(name)
    assert isinstance(found, ClaimExtractor)
    assert found.name == name
    assert re.fullmatch(BUILTIN[name], found.version), found.version
    assert get_extractor(name) is found  # built once per process
    loaded = Extractor.load(name)
    assert (loaded.name, loaded.version) == (name, found.version)


def test_the_default_is_the_hybrid_and_its_claims_say_so(extractor: Extractor) -> None:
    assert extractor.name == HYBRID_NAME
    claims = extractor.extract(
        document("Norvik Systems sold drones to the Sudanese government in 2021.")
    ).claims
    assert claims, "the default extractor read nothing"
    for claim in claims:
        assert (claim.extractor, claim.version) == (HYBRID_NAME, extractor.version)
        assert claim.frame  # "model" or the rule frame that made it
        assert claim.explanation


def test_the_model_and_the_rules_have_different_versions() -> None:
    rules, model, hybrid = (get_extractor(n) for n in (RULES_NAME, MODEL_NAME, HYBRID_NAME))
    assert rules.version != model.version
    assert model.version == hybrid.version  # one model file and code: one version


def test_a_registered_extractor_is_loaded_by_name(stamped: StampedExtractor) -> None:
    assert stamped.name in extractor_names()
    loaded = Extractor.load(stamped.name)
    assert loaded.claims is stamped
    assert (loaded.name, loaded.version) == (stamped.name, "1+test")
    claims = loaded.extract(document("Tessaly Optics sold cameras to the police of Peru.")).claims
    assert claims
    assert {(c.extractor, c.version) for c in claims} == {(stamped.name, "1+test")}


def test_a_registration_lasts_for_its_test_only() -> None:
    assert not [name for name in extractor_names() if name.startswith("tests.")]


def test_the_model_version_follows_the_model_file(tmp_path: Path) -> None:
    shipped = ClaimModel.load(MODEL_FILE)
    rules = rule_extractor()
    same = tmp_path / "same.json.gz"
    same.write_bytes(MODEL_FILE.read_bytes())
    changed = tmp_path / "changed.json.gz"
    supplies = shipped.relations["supplies"]
    replace(
        shipped,
        relations={**shipped.relations, "supplies": replace(supplies, threshold=0.99)},
    ).save(changed)

    def version(path: Path) -> str:
        return ModelExtractor(ClaimModel.load(path), rules, model_file=path).version

    assert version(same) == get_extractor(MODEL_NAME).version
    assert version(changed) != version(same)
    # without a file the weights themselves are hashed
    unsaved = ModelExtractor(ClaimModel.load(changed), rules).version
    assert unsaved != ModelExtractor(shipped, rules).version


def test_a_fingerprint_changes_with_a_file_and_with_extra_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "PACKAGE", tmp_path)
    (tmp_path / "ontology").mkdir()
    first = tmp_path / "ontology" / "relations.yaml"
    second = tmp_path / "ontology" / "hedges.yaml"
    first.write_text("supplies: {}\n", encoding="utf-8")
    second.write_text("alleged: {}\n", encoding="utf-8")
    before = registry.fingerprint([first, second], "3.8")
    assert re.fullmatch(r"[0-9a-f]{8}", before)
    assert registry.fingerprint([second, first, first], "3.8") == before  # order, repeats
    assert registry.fingerprint([first, second], "3.9") != before
    first.write_text("supplies: {symmetric: false}\n", encoding="utf-8")
    assert registry.fingerprint([first, second], "3.8") != before
    assert sorted(registry.package_files("ontology/*.yaml")) == [second, first]
