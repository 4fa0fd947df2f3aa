"""Candidate pairs for the claim model: the party references of a sentence and their pairs."""

from __future__ import annotations

import pytest

from tracewire.extract import Extractor
from tracewire.extract.claims import rule_extractor
from tracewire.extract.learn.candidates import MAX_REFS, SentenceRefs, document_refs, pairs
from tracewire.extract.learn.features import trigger_classes

from ..conftest import document

Reference = tuple[str, str, str]  # (word, kind, canonical party)


def sentences(extractor: Extractor, text: str) -> list[SentenceRefs]:
    """The references of every sentence of a one-off document."""
    rules = rule_extractor()
    parsed = extractor.parse(document(text))
    return list(document_refs(parsed, rules.lexicon, rules.gazetteer))


def references(sentence: SentenceRefs) -> list[Reference]:
    return [(r.token.text, r.kind, r.party.canonical) for r in sentence.refs]


def test_named_parties_and_a_states_government(extractor: Extractor) -> None:
    [sentence] = sentences(
        extractor, "Norvik Systems sold drones to the Sudanese government in 2021."
    )
    assert references(sentence) == [
        ("Systems", "name", "Norvik Systems"),
        ("government", "government", "Sudan"),
    ]
    assert {(p.subject.party.canonical, p.object.party.canonical) for p in pairs(sentence)} == {
        ("Norvik Systems", "Sudan"),
        ("Sudan", "Norvik Systems"),
    }  # both orders: the model decides the direction


def test_the_company_is_the_latest_company_named(extractor: Extractor) -> None:
    found = sentences(
        extractor,
        "Kestrel Analytics Ltd was founded in Oslo in 2011. Norvik Systems opened an office "
        "in Lima in 2020. The company later sold cameras to the Peruvian police.",
    )
    assert [r[2] for r in references(found[0])] == ["Kestrel Analytics Ltd", "Norway"]
    assert references(found[1]) == [
        ("Systems", "name", "Norvik Systems"),
        ("Lima", "capital", "Peru"),
    ]
    company = [r for r in found[2].refs if r.token.lower_ == "company"]
    assert [r.party.canonical for r in company] == ["Norvik Systems"]


def test_a_body_also_stands_for_its_state(extractor: Extractor) -> None:
    [sentence] = sentences(extractor, "Hikvision and Dahua supplied cameras to the Ugandan police.")
    refs = references(sentence)
    assert refs[:2] == [("Hikvision", "name", "Hikvision"), ("Dahua", "name", "Dahua")]
    by_kind = {kind: canonical for word, kind, canonical in refs[2:] if word == "police"}
    assert by_kind["state_of_body"] == "Uganda"
    assert by_kind.keys() == {"state_of_body", "described"}
    body = next(r for r in sentence.refs if r.kind == "described")
    state = next(r for r in sentence.refs if r.kind == "state_of_body")
    assert state.inferred and not body.inferred
    assert state.token.i == body.token.i  # the same words, read two ways
    objects = {p.object.party.canonical for p in pairs(sentence) if p.subject.kind == "name"}
    assert objects == {"Hikvision", "Dahua", body.party.canonical, "Uganda"}


def test_pairs_never_pair_an_entity_with_itself(extractor: Extractor) -> None:
    found = sentences(
        extractor,
        "Norvik Systems said it had sold its drones to the Chadian army. Norvik Systems "
        "and Zambia's Ministry of Defence signed a contract, and the company will train "
        "the ministry's staff.",
    )
    keys = [[r.party.entity_key for r in s.refs] for s in found]
    assert keys[0].count("company:norvik-systems") == 3  # the name, "it" and "its"
    for sentence in found:
        made = list(pairs(sentence))
        for pair in made:
            assert pair.subject.party.entity_key != pair.object.party.entity_key
        distinct = {r.party.entity_key for r in sentence.refs}
        refs = sentence.refs
        same = sum(
            1 for a in refs for b in refs if a.party.entity_key == b.party.entity_key
        )  # ordered pairs of references to one entity, each with itself included
        assert len(made) == len(refs) ** 2 - same
        assert len(distinct) >= 2


@pytest.mark.parametrize(
    ("text", "vendor", "body", "state"),
    [
        (
            "The Zambian police hired Corvane Systems to put 600 cameras in Lusaka.",
            "Corvane Systems",
            "Zambia Police Service",
            "Zambia",
        ),
        (
            "Peru's interior ministry will pay Halden Signal to wire the Peruvian border posts.",
            "Halden Signal",
            "Peru Interior Ministry",
            "Peru",
        ),
        (
            "Nepal's army signed a contract with Oskarvik Radio for new field radios.",
            "Oskarvik Radio",
            "Nepal Armed Forces",
            "Nepal",
        ),
    ],
)
def test_a_body_and_its_own_state_are_known_as_such(
    extractor: Extractor, text: str, vendor: str, body: str, state: str
) -> None:
    # the pair stays a candidate (the model learns from it that the state is no party to
    # the body's deals); the rules never make it a claim (claims/test_parties.py)
    [sentence] = sentences(extractor, text)
    canonicals = {r.party.canonical for r in sentence.refs}
    assert {vendor, body, state} <= canonicals, references(sentence)
    own = {
        (p.subject.party.canonical, p.object.party.canonical)
        for p in pairs(sentence)
        if sentence.resolver.of_own_state(p.subject.party, p.object.party)
    }
    assert own == {(body, state), (state, body)}


def test_a_sentence_with_one_party_has_no_pairs(extractor: Extractor) -> None:
    [sentence] = sentences(extractor, "Norvik Systems opened an office in 2020.")
    assert [r.party.canonical for r in sentence.refs] == ["Norvik Systems"]
    assert list(pairs(sentence)) == []


def test_a_table_of_names_is_cut_to_the_limit(extractor: Extractor) -> None:
    countries = ["Chad", "Niger", "Mali", "Togo", "Benin", "Ghana", "Kenya", "Peru", "Chile",
                 "Bolivia", "Ecuador", "Uruguay", "Paraguay", "Nepal", "Laos", "Cambodia",
                 "Mongolia", "Jordan", "Oman", "Qatar", "Bahrain", "Kuwait", "Yemen", "Sudan",
                 "Somalia", "Eritrea", "Djibouti"]  # fmt: skip
    text = "Norvik Systems sold drones to " + ", ".join(countries) + "."
    [sentence] = sentences(extractor, text)
    assert len(sentence.refs) == MAX_REFS < len(countries) + 1


@pytest.mark.parametrize(
    ("word", "expected"),
    [("sold", "supplies:"), ("loan", "funds:"), ("fined", "sanctions:")],
)
def test_trigger_words_lend_their_relation(extractor: Extractor, word: str, expected: str) -> None:
    text = {
        "sold": "Norvik Systems sold drones to Chad.",
        "loan": "The loan from Norway paid for the drones.",
        "fined": "Peru fined Norvik Systems.",
    }[word]
    parsed = extractor.parse(document(text))
    token = next(t for b in parsed.blocks for t in b.doc if t.text == word)
    assert any(c.startswith(expected) for c in trigger_classes(token, rule_extractor().lexicon))


@pytest.mark.parametrize(
    "text",
    [
        "Varnel Systems, along with Russia's Orlan Micro, was added to America's Entity List,"
        " which bars U.S. firms from selling to them.",
        "In 2019 the Commerce Department put Harbin Quanlu on its Entity List, citing links to"
        " the army.",
    ],
)
def test_a_sanctions_list_is_no_party(extractor: Extractor, text: str) -> None:
    # the list is named (a mention), but its keeper acts: no pair has the list in it
    [sentence] = sentences(extractor, text)
    assert any(c.span.text == "Entity List" for c in sentence.block.candidates)
    assert "Entity List" not in {r.party.canonical for r in sentence.refs}
    assert len(sentence.refs) >= 3
