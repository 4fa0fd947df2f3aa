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
