"""Descriptors: names a descriptor noun reveals, and the type it gives a name.

Sentences are written for these tests, with invented vendors and other states, each
pattern on several differently built sentences.
"""

from __future__ import annotations

import pytest

from tracewire.extract import Extractor
from tracewire.records import EntityType

from .conftest import by_text, mentions_of

APPOSED_NAMES = [
    # the name in apposition after its descriptor, where the model misses it
    (
        "The Commerce Department added the Korean company Hanvel Networks to its list.",
        "Hanvel Networks",
        EntityType.COMPANY,
    ),
    (
        "Relying on spyware from the Cypriot company Tessavor, Togo's security service hacked"
        " phones.",
        "Tessavor",
        EntityType.COMPANY,
    ),
    (
        "Chile's regulator fined the Swiss vendor Altheron 4 million francs.",
        "Altheron",
        EntityType.COMPANY,
    ),
    (
        "Last year the Estonian firm Kuusik Data will deliver scanners to Moldova.",
        "Kuusik Data",
        EntityType.COMPANY,
    ),
    # a name the parser hangs under the sum after it ("Netorix 2 million euros")
    (
        "Argentina's communications regulator fined the Dutch company Velmora 2 million euros.",
        "Velmora",
        EntityType.COMPANY,
    ),
    # a list of names after a plural descriptor
    (
        "In March, the EU listed the Belarusian companies Minsvar and Dubrava Signal.",
        "Minsvar",
        EntityType.COMPANY,
    ),
    (
        "In March, the EU listed the Belarusian companies Minsvar and Dubrava Signal.",
        "Dubrava Signal",
        EntityType.COMPANY,
    ),
]


@pytest.mark.parametrize(("text", "name", "kind"), APPOSED_NAMES)
def test_a_name_after_its_descriptor_is_a_mention_of_its_type(
    extractor: Extractor, text: str, name: str, kind: EntityType
) -> None:
    found = by_text(mentions_of(extractor, text))
    assert name in found, sorted(found)
    assert found[name].type is kind
    assert found[name].canonical == name


def test_the_descriptor_before_a_name_is_that_name(extractor: Extractor) -> None:
    # "the Dutch company" is a later mention of the name it stands before, not its own party
    found = by_text(
        mentions_of(
            extractor,
            "Argentina's communications regulator fined the Dutch company Velmora 2 million euros.",
        )
    )
    assert found["Dutch company"].canonical == "Velmora"
    # a date after the descriptor is no name
    dated = by_text(mentions_of(extractor, "The ministry paid the company Monday for radios."))
    assert "Monday" not in dated or dated["Monday"].type is not EntityType.COMPANY


DESCRIPTOR_ORDER = [
    # the descriptor the name stands in apposition to wins over a second party the parser
    # hangs under the name ("Kessling, Angola's intelligence service")
    (
        "Using surveillance software from the German firm Kessling, Angola's intelligence"
        " service monitored journalists.",
        "Kessling",
        EntityType.COMPANY,
    ),
    (
        "Using drones from the Turkish firm Korvan, Mali's army watched the border.",
        "Korvan",
        EntityType.COMPANY,
    ),
    # the parser's flat reading: "firm" and the name both modifiers of the body after them
    (
        "Using software from the Czech firm Drovenka, Zambia's intelligence service monitored"
        " journalists.",
        "Drovenka",
        EntityType.COMPANY,
    ),
    (
        "Using spyware bought from the Spanish firm Olmeda, Togo's intelligence agency tracked"
        " opponents.",
        "Olmeda",
        EntityType.COMPANY,
    ),
    # and a descriptor can make a person of what the model calls an organisation
    (
        "Treasury also added founder Liam Ostrander Bell and top aide Nadia Farouk Selmani to the"
        " list.",
        "Nadia Farouk Selmani",
        EntityType.PERSON,
    ),
]


@pytest.mark.parametrize(("text", "name", "kind"), DESCRIPTOR_ORDER)
def test_the_apposed_descriptor_decides_the_type(
    extractor: Extractor, text: str, name: str, kind: EntityType
) -> None:
    found = by_text(mentions_of(extractor, text))
    assert found[name].type is kind, sorted((m.text, m.type.value) for m in found.values())


MODIFIER_NAMES = [
    # a name modifying an organisation's descriptor noun: the mention takes the phrase
    (
        "Torvik signed a deal to supply cameras to the stadium of Chile's Halcones football club.",
        "Halcones football club",
        "Halcones",
        EntityType.ORGANIZATION,
    ),
    (
        "The Kestrava security group sold drones to Mali.",
        "Kestrava security group",
        "Kestrava",
        EntityType.ORGANIZATION,
    ),
    (
        "Investigators traced the payments to the Varenko trading company in Cyprus.",
        "Varenko trading company",
        "Varenko",
        EntityType.COMPANY,
    ),
]


@pytest.mark.parametrize(("text", "words", "name", "kind"), MODIFIER_NAMES)
def test_a_name_before_its_descriptor_is_found(
    extractor: Extractor, text: str, words: str, name: str, kind: EntityType
) -> None:
    found = by_text(mentions_of(extractor, text))
    assert words in found, sorted(found)
    assert (found[words].canonical, found[words].type) == (name, kind)


def test_a_leader_before_government_is_no_body_and_a_headline_no_name(
    extractor: Extractor,
) -> None:
    found = mentions_of(extractor, "The Ruto government bought drones from Halden Signal.")
    assert not [m for m in found if m.canonical == "Ruto"]
    headline = mentions_of(extractor, "Chilean Security Firm Sells Drone Tech To Peru")
    assert not [m for m in headline if m.type is EntityType.COMPANY]


def test_a_name_typed_by_its_descriptor_keeps_its_type_in_the_document(
    extractor: Extractor,
) -> None:
    # the model labels the later mentions a person; the document said what it is
    text = (
        "Myanmar's army bought drones from Russian manufacturer Tomsky Aero in 2021."
        " The army later paid Tomsky Aero $4 million, and Tomsky Aero delivered the drones."
    )
    found = [m for m in mentions_of(extractor, text) if m.text == "Tomsky Aero"]
    assert len(found) == 3
    assert {(m.type, m.entity_key) for m in found} == {(EntityType.COMPANY, "company:tomsky-aero")}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a descriptor with its principal's possessive still describes the name
        (
            "MEPs urged the EU to sanction Zhetysu Link, Sokolink's Kazakh distributor.",
            "Zhetysu Link",
        ),
        ("Regulators fined Baltvesta, Dravik's Latvian reseller, last year.", "Baltvesta"),
    ],
)
def test_an_apposed_descriptor_with_a_possessive_types_the_name(
    extractor: Extractor, text: str, name: str
) -> None:
    found = by_text(mentions_of(extractor, text))
    assert found[name].type is EntityType.COMPANY


def test_a_sentence_opener_before_a_descriptor_is_no_name(extractor: Extractor) -> None:
    found = mentions_of(extractor, "Riot gear supplier fined over exports to Eswatini police")
    assert not [m for m in found if m.type is EntityType.COMPANY and m.canonical == "Riot"]
