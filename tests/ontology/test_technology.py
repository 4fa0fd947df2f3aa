"""The technology taxonomy and the classifier of a claim's technology text."""

from __future__ import annotations

import pytest

from tracewire.ontology.technology import (
    UnknownClassError,
    chosen_classes,
    load_taxonomy,
    parse_taxonomy,
)

WANTED = {
    "facial-recognition", "cctv-video-analytics", "spyware-intrusion", "dpi-censorship",
    "lawful-interception", "biometric-id", "phone-forensics", "data-analytics",
    "telecom-networks", "police-training", "weapons-interrogation",
}  # fmt: skip


def test_the_taxonomy_has_the_classes_with_labels_and_words() -> None:
    taxonomy = load_taxonomy()
    assert set(taxonomy.ids) >= WANTED
    for cls in taxonomy.classes:
        assert cls.label and cls.words
        assert cls.qid is None or cls.qid.startswith("Q")


@pytest.mark.parametrize(
    ("text", "classes"),
    [
        ("Face-Recognition software", {"facial-recognition"}),
        ("facial recognition cameras", {"facial-recognition", "cctv-video-analytics"}),
        ("an AI-powered gait recognition suite", {"facial-recognition", "data-analytics"}),
        ("IP cameras and NVRs", {"cctv-video-analytics"}),
        ("the Pegasus spyware", {"spyware-intrusion"}),
        ("zero-click exploits", {"spyware-intrusion"}),
        ("deep packet inspection gear", {"dpi-censorship"}),
        ("an internet shutdown", {"dpi-censorship"}),
        ("IMSI-catchers", {"lawful-interception"}),
        ("a lawful intercept platform", {"lawful-interception"}),
        ("an AFIS fingerprint database", {"biometric-id"}),
        ("national ID cards", {"biometric-id"}),
        ("Cellebrite UFED kits", {"phone-forensics"}),
        ("a predictive policing platform", {"data-analytics"}),
        ("4G base stations", {"telecom-networks"}),
        ("training for riot police", {"police-training"}),
        ("tiger chairs and shackles", {"weapons-interrogation"}),
        ("tear-gas canisters", {"weapons-interrogation"}),
        ("office furniture", set()),
        ("", set()),
        (None, set()),
    ],
)
def test_technology_text_falls_into_classes(text: str | None, classes: set[str]) -> None:
    assert set(load_taxonomy().classify(text)) == classes


def test_words_match_whole_words_only() -> None:
    taxonomy = load_taxonomy()
    assert "data-analytics" not in taxonomy.classify("maintenance contracts")  # "ai" inside
    assert "weapons-interrogation" not in taxonomy.classify("farms and harms")  # "arms" inside


def test_bad_taxonomy_files_are_refused_with_the_file_named() -> None:
    with pytest.raises(ValueError, match=r"t\.yaml: class id 'Bad Id'"):
        parse_taxonomy(b"classes:\n  Bad Id: {label: x, words: [y]}\n", "t.yaml")
    with pytest.raises(ValueError, match="malformed qid"):
        parse_taxonomy(b"classes:\n  ok: {label: x, words: [y], qid: 'wd:1'}\n", "t.yaml")
    with pytest.raises(ValueError, match="needs a label and words"):
        parse_taxonomy(b"classes:\n  ok: {label: x}\n", "t.yaml")
    changed = parse_taxonomy(b"classes:\n  ok: {label: x, words: [y]}\n", "t.yaml")
    assert changed.version != load_taxonomy().version


def test_a_filter_names_each_class_once_in_its_order() -> None:
    given = ["spyware-intrusion", "facial-recognition", "spyware-intrusion"]
    assert chosen_classes(given) == ("spyware-intrusion", "facial-recognition")
    assert chosen_classes(None) == ()


def test_a_filter_naming_no_class_fails_on_the_first() -> None:
    with pytest.raises(UnknownClassError) as caught:
        chosen_classes(["facial-recognition", "lasers", "rockets"])
    assert caught.value.class_id == "lasers"
    assert caught.value.allowed == load_taxonomy().ids
