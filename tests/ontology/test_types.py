"""Type rules read from types.yaml."""

from __future__ import annotations

from tracewire.ontology import load_type_rules
from tracewire.records import EntityType


def test_head_and_lead_words() -> None:
    rules = load_type_rules()
    assert rules.from_words(["Oakridge", "Telecom", "Ltd"]) is EntityType.COMPANY
    assert rules.from_words(["Ministry", "of", "Interior"]) is EntityType.PUBLIC_BODY
    assert rules.from_words(["Kivu", "Border", "Police"]) is EntityType.PUBLIC_BODY
    assert rules.from_words(["Xinhua", "News", "Agency"]) is EntityType.ORGANIZATION
    assert rules.from_words(["Lisbon", "Accord"]) is EntityType.AGREEMENT
    assert rules.from_words(["Maria", "Santos"]) is None


def test_descriptors_and_labels() -> None:
    rules = load_type_rules()
    assert rules.from_descriptor("manufacturer") is EntityType.COMPANY
    assert rules.from_descriptor("watchdog") is EntityType.ORGANIZATION
    assert rules.from_descriptor("minister") is EntityType.PERSON
    assert rules.from_descriptor("table") is None
    assert rules.from_label("ORG") is EntityType.ORGANIZATION
    assert rules.from_label("NORP") is None


def test_the_lead_word_of_a_name_with_of_decides() -> None:
    # "<lead word> of ...": the last word is what the body deals with, not what it is
    rules = load_type_rules()
    for words, kind in [
        ("Ministry of Industry and Information Technology", EntityType.PUBLIC_BODY),
        ("Department of Telecommunications", EntityType.PUBLIC_BODY),
        ("University of Science and Technology", EntityType.ORGANIZATION),
        ("Academy of Military Electronics", EntityType.ORGANIZATION),
    ]:
        assert rules.from_words(words.split()) is kind, words
    # without "of" the last word still decides
    assert rules.from_words(["Office", "Systems"]) is EntityType.COMPANY


def test_trade_words_end_company_names() -> None:
    rules = load_type_rules()
    for name in ["Quorvex Analytics", "Selden Partners", "Brisk Harbor Capital", "Tallis Robotics"]:
        assert rules.from_words(name.split()) is EntityType.COMPANY, name
    assert rules.from_descriptor("aide") is EntityType.PERSON
    assert rules.from_descriptor("club") is EntityType.ORGANIZATION
