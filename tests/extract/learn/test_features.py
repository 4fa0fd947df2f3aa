"""Features of candidate pairs: direction, voice, trigger classes and lists, off the parse."""

from __future__ import annotations

import pytest

from tracewire.extract import Extractor
from tracewire.extract.claims import rule_extractor
from tracewire.extract.learn.features import Features
from tracewire.extract.learn.instances import document_instances

from ..conftest import document

# Features that name the words themselves; the rest speak of classes, edges and shape.
LEXICAL = ("top_lemma=", "trig_lemma=", "path_lex=", "s_gov=", "o_gov=", "after_first=")


def features_of(extractor: Extractor, text: str) -> dict[tuple[str, str], Features]:
    """(subject, object) canonical names -> the pair's features, for a one-sentence text."""
    rules = rule_extractor()
    parsed = extractor.parse(document(text))
    claims = rules.extract(parsed, parsed.mentions)
    return {
        (i.pair.subject.party.canonical, i.pair.object.party.canonical): i.features
        for i in document_instances(parsed, claims, rules.lexicon, rules.gazetteer)
    }


def test_the_two_directions_of_a_pair_differ(extractor: Extractor) -> None:
    pairs = features_of(extractor, "Corvane Dynamics sold cameras to Bolivia.")
    forward = pairs["Corvane Dynamics", "Bolivia"]
    backward = pairs["Bolivia", "Corvane Dynamics"]
    assert {"rule=supplies", "subject_first", "path=nsubj|supplies:transfer|prep_to"} <= set(
        forward
    )
    assert "trig=supplies:transfer|v|nsubj|prep_to|act" in forward
    assert {"rule_reversed=supplies", "object_first"} <= set(backward)
    assert "rule=supplies" not in backward and "rule_reversed=supplies" not in forward
    for features in (forward, backward):
        assert features["bias"] == 1.0
        assert ("subject_first" in features) != ("object_first" in features)


def test_the_passive_voice_and_the_agent_are_features(extractor: Extractor) -> None:
    pairs = features_of(extractor, "Cameras were sold to Bolivia by Corvane Dynamics.")
    forward = pairs["Corvane Dynamics", "Bolivia"]
    assert {
        "trig_s=supplies:transfer|agent|pass",
        "trig_o=supplies:transfer|prep_to|pass",
        "top=supplies:transfer|agent|prep_to|pass",
        "object_first",
        "rule=supplies",
    } <= set(forward)
    assert not [name for name in forward if name.endswith("|act")]


@pytest.mark.parametrize("verb", ["furnished", "delivered", "exported"])
def test_a_trigger_lends_its_class_whatever_the_word(extractor: Extractor, verb: str) -> None:
    """Pairs around another verb of the same class share every feature but the words."""
    sold = features_of(extractor, "Corvane Dynamics sold cameras to Bolivia.")
    other = features_of(extractor, f"Corvane Dynamics {verb} cameras to Bolivia.")
    key = ("Corvane Dynamics", "Bolivia")
    classes = {name for name in sold[key] if not name.startswith(LEXICAL)}
    assert classes == {name for name in other[key] if not name.startswith(LEXICAL)}
    assert "top_lemma=sell|act" in sold[key]
    assert "top_lemma=sell|act" not in other[key]  # the words themselves still count


def test_list_members_share_the_features_of_the_list_head(extractor: Extractor) -> None:
    pairs = features_of(extractor, "Kessel Mobile GmbH exported kits to Jordan, Oman and Bahrain.")
    head = pairs["Kessel Mobile GmbH", "Jordan"]
    for member in ("Oman", "Bahrain"):
        features = pairs["Kessel Mobile GmbH", member]
        assert "o_in_list" in features
        shared = [n for n in head if n.startswith(("path=", "trig=", "top=", "edges="))]
        assert shared and all(n in features for n in shared), member
    assert "same_list" in pairs["Jordan", "Oman"]
    assert "same_list" not in head
