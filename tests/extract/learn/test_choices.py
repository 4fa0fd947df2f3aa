"""What the learned extractor does with the pairs its model accepts: a named body keeps
the claim its state's stand-in would take, and parties of types a relation never takes
are dropped (relations.yaml `party_types`).

The sentences are written for these tests: invented vendors (Orbis Datalink, Kestrel
Forensics, Marrow Peak Systems) with real states and bodies.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tracewire.extract import Extractor
from tracewire.extract.claims.lexicon import ONTOLOGY, load_lexicon
from tracewire.extract.learn.candidates import STATE_OF_BODY
from tracewire.extract.learn.extractor import ModelExtractor, named_bodies, one_direction
from tracewire.extract.learn.instances import Instance, document_instances
from tracewire.records import EntityType, Relation

from ..claims.conftest import claims_of
from ..conftest import document

BODY_SENTENCES = [
    "The Treasury Department sanctioned the Latvian firm Orbis Datalink on Monday.",
    "Last year the Commerce Department blacklisted Kestrel Forensics for its sales to Belarus.",
    "Kenya's interior ministry signed a contract with Marrow Peak Systems in 2021.",
]


def instances_of(extractor: Extractor, text: str) -> list[Instance]:
    claims = extractor.claims
    assert isinstance(claims, ModelExtractor)
    parsed = extractor.parse(document(text))
    rules = claims.rules
    return document_instances(
        parsed, rules.extract(parsed, parsed.mentions), rules.lexicon, rules.gazetteer
    )


@pytest.mark.parametrize("text", BODY_SENTENCES)
def test_a_claim_made_with_a_bodys_state_goes_to_the_body(extractor: Extractor, text: str) -> None:
    instances = instances_of(extractor, text)
    stand_ins = [
        i
        for i in instances
        if i.pair.subject.kind == STATE_OF_BODY and i.pair.object.token.i != i.pair.subject.token.i
    ]
    assert stand_ins, "the sentence names a body whose state stands in for it"
    state_pair = stand_ins[0]
    accepted = [(state_pair, "sanctions", 0.8)]
    ((chosen, relation, score),) = named_bodies(accepted, instances)
    assert relation == "sanctions" and score == 0.8
    assert chosen.pair.subject.kind != STATE_OF_BODY
    assert chosen.pair.subject.token.i == state_pair.pair.subject.token.i  # the same words
    assert chosen.pair.subject.party.type is EntityType.PUBLIC_BODY
    assert chosen.pair.object.party.entity_key == state_pair.pair.object.party.entity_key


def test_the_body_and_its_state_make_one_claim_at_the_higher_score(extractor: Extractor) -> None:
    instances = instances_of(extractor, BODY_SENTENCES[0])
    state_pair = next(
        i
        for i in instances
        if i.pair.subject.kind == STATE_OF_BODY and i.pair.object.token.i != i.pair.subject.token.i
    )
    body_pair = next(
        i
        for i in instances
        if i.pair.subject.kind != STATE_OF_BODY
        and i.pair.subject.token.i == state_pair.pair.subject.token.i
        and i.pair.object.party.entity_key == state_pair.pair.object.party.entity_key
    )
    chosen = named_bodies(
        [(body_pair, "sanctions", 0.6), (state_pair, "sanctions", 0.9)], instances
    )
    assert [(c[0], c[2]) for c in chosen] == [(body_pair, 0.9)]
    # a different relation stays a claim of its own
    two = named_bodies([(body_pair, "sanctions", 0.6), (state_pair, "funds", 0.7)], instances)
    assert sorted(c[1] for c in two) == ["funds", "sanctions"]


@pytest.mark.parametrize("text", BODY_SENTENCES[:2])
def test_the_default_extractor_names_the_sanctioning_body_not_its_state(
    extractor: Extractor, text: str
) -> None:
    claims = [c for c in claims_of(extractor, text) if c.relation is Relation.SANCTIONS]
    assert claims, "the sentence sanctions a named company"
    assert {c.subject.type for c in claims} == {EntityType.PUBLIC_BODY}


def test_party_types_say_who_can_stand_on_each_side() -> None:
    lexicon = load_lexicon()
    sanctions, supplies = Relation.SANCTIONS, Relation.SUPPLIES
    assert lexicon.fits(sanctions, EntityType.PUBLIC_BODY, EntityType.COMPANY)
    assert lexicon.fits(sanctions, EntityType.COUNTRY, EntityType.PERSON)
    assert not lexicon.fits(sanctions, EntityType.COMPANY, EntityType.COMPANY)
    assert not lexicon.fits(sanctions, EntityType.PERSON, EntityType.COUNTRY)
    assert not lexicon.fits(supplies, EntityType.PERSON, EntityType.PERSON)
    assert lexicon.fits(supplies, EntityType.COMPANY, EntityType.PERSON)
    assert lexicon.fits(supplies, EntityType.PERSON, EntityType.COUNTRY)  # NER-typed vendor
    assert not lexicon.fits(Relation.OWNS, EntityType.COMPANY, EntityType.PERSON)
    assert lexicon.fits(Relation.MEETS, EntityType.PERSON, EntityType.PERSON)  # not listed


def test_an_unknown_type_in_party_types_is_an_error_naming_the_file(tmp_path: Path) -> None:
    source = ONTOLOGY  # the shipped ontology folder
    for name in ("relations.yaml", "hedging.yaml"):
        text = (source / name).read_text(encoding="utf-8")
        if name == "relations.yaml":
            text = text.replace(
                "subject: [Country, PublicBody, Organization]", "subject: [Kingdom]"
            )
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"relations\.yaml: party_types of sanctions.*Kingdom"):
        load_lexicon(tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        "During the visit, Mr Okafor handed Ms Lindqvist a letter from the president.",
        "The envoy Ana Ribeiro delivered a message to the minister Tomas Varga.",
    ],
)
def test_no_claim_has_parties_its_relation_never_takes(extractor: Extractor, text: str) -> None:
    lexicon = load_lexicon()
    for claim in claims_of(extractor, text):
        assert lexicon.fits(claim.relation, claim.subject.type, claim.object.type), claim


@pytest.mark.parametrize(
    "text",
    [
        "Uganda and China signed a policing accord when the Ugandan Police Force visited Beijing.",
        "Peru and Chile agreed on border cameras when the Peruvian interior ministry met "
        "Chilean officials.",
    ],
)
def test_a_state_named_in_its_own_words_carries_its_claims(extractor: Extractor, text: str) -> None:
    instances = instances_of(extractor, text)
    named = {
        r.party.entity_key
        for i in instances
        for r in (i.pair.subject, i.pair.object)
        if r.kind != STATE_OF_BODY
    }
    stand_ins = [
        i
        for i in instances
        if i.pair.object.kind == STATE_OF_BODY and i.pair.object.party.entity_key in named
    ]
    assert stand_ins, "a body's state that the sentence also names"
    assert named_bodies([(i, "agreement", 0.9) for i in stand_ins], instances) == []


def test_a_directed_relation_keeps_one_direction_per_sentence(extractor: Extractor) -> None:
    text = "Marrow Peak Systems, which is owned by Tessaly Holdings, sells drones."
    claim = next(c for c in claims_of(extractor, text) if c.relation is Relation.OWNS)
    reverse = replace(claim, subject=claim.object, object=claim.subject)
    weak, strong = replace(claim, confidence=0.4), replace(reverse, confidence=0.9)
    assert one_direction([weak, strong]) == [strong]
    assert one_direction([strong, weak]) == [strong]
    elsewhere = replace(weak, start=claim.start + 500)  # another sentence says it the other way
    assert sorted(c.confidence for c in one_direction([elsewhere, strong])) == [0.4, 0.9]
    deal = replace(claim, relation=Relation.CONTRACT)  # symmetric relations are left alone
    assert (
        len(one_direction([deal, replace(deal, subject=claim.object, object=claim.subject)])) == 2
    )


@pytest.mark.parametrize(
    ("text", "cooperate"),
    [
        (
            "However, the trilateral cooperation between Chile, Peru and Bolivia has been ad hoc.",
            False,
        ),
        ("Chilean officials stress diplomatic cooperation with Peru.", False),
        ("Chile and Peru have deepened their intelligence cooperation since 2019.", True),
        ("Argentina will hold joint naval exercises with Uruguay next year.", True),
    ],
)
def test_the_model_makes_cooperation_claims_only_where_a_field_is_named(
    extractor: Extractor, text: str, cooperate: bool
) -> None:
    made = [c for c in claims_of(extractor, text) if c.relation is Relation.COOPERATES]
    assert bool(made) is cooperate, made
