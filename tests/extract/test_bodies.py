"""States named through their governments, and state bodies named by function and state.

Each sentence is written for these tests (other states, vendors and bodies than any
corpus report); every pattern is shown on more than one state.
"""

from __future__ import annotations

import pytest

from tracewire.extract import Extractor
from tracewire.records import EntityType

from .conftest import by_text, extract_of, mentions_of, summary

COUNTRY, BODY = EntityType.COUNTRY, EntityType.PUBLIC_BODY


@pytest.mark.parametrize(
    ("text", "words", "state", "source"),
    [
        # set phrases the gazetteer makes for every country (parties.yaml government_forms)
        (
            "Zambia's government relied on Sandvine equipment to slow social media.",
            "Zambia's government",
            "Zambia",
            "gazetteer",
        ),
        (
            "The Chadian government bought interception gear from Amesys in 2016.",
            "Chadian government",
            "Chad",
            "gazetteer",
        ),
        (
            "Zimbabwean authorities deployed cameras supplied by Hikvision.",
            "Zimbabwean authorities",
            "Zimbabwe",
            "gazetteer",
        ),
        (
            "The government of Tonga signed a contract with ZTE.",
            "government of Tonga",
            "Tonga",
            "gazetteer",
        ),
        # read off the parse: leaders' regimes, prosecutors, a government with a modifier
        ("Mugabe's regime used equipment from ZTE.", "Mugabe's regime", "Zimbabwe", "rule"),
        (
            "Bolivian officials said the Maduro regime had purchased spyware from Cellebrite.",
            "Maduro regime",
            "Venezuela",
            "rule",
        ),
        (
            "The regime of Syrian dictator Bashar al-Assad bought monitoring tools from Qosmos.",
            "regime of Syrian dictator Bashar al-Assad",
            "Syria",
            "rule",
        ),
        (
            "The regime of Gambian dictator Yahya Jammeh bought monitoring tools from Qosmos.",
            "regime of Gambian dictator Yahya Jammeh",
            "Gambia",
            "rule",
        ),
        (
            "Italian prosecutors charged two executives of Area SpA.",
            "Italian prosecutors",
            "Italy",
            "rule",
        ),
        (
            "The Peruvian interim government bought cameras from Hikvision.",
            "Peruvian interim government",
            "Peru",
            "rule",
        ),
    ],
)
def test_a_government_phrase_is_the_state_with_the_words_used(
    extractor: Extractor, text: str, words: str, state: str, source: str
) -> None:
    found = by_text(mentions_of(extractor, text))
    assert words in found, sorted(found)
    mention = found[words]
    assert summary(mention) == ("Country", state, "government", None)
    assert mention.source == source
    assert text[mention.start : mention.end] == words
    # the phrase absorbs the bare state word inside it: no second mention of the state
    inside = [
        m for m in found.values() if m is not mention and mention.start <= m.start < mention.end
    ]
    assert inside == []


def test_a_government_phrase_is_a_claim_party_with_its_words(extractor: Extractor) -> None:
    text = "Mongolia's government relied on Netsweeper filters to block news sites."
    claims = extract_of(extractor, text).claims
    parties = {
        (c.relation.value, c.subject.canonical, c.object.canonical, c.object.text) for c in claims
    }
    assert ("supplies", "Netsweeper", "Mongolia", "Mongolia's government") in parties


def test_a_modifier_that_is_no_government_word_keeps_the_phrase_apart(
    extractor: Extractor,
) -> None:
    found = by_text(
        mentions_of(extractor, "Chilean procurement officials bought cameras from Hikvision.")
    )
    assert not any(m.form == "government" for m in found.values())
    assert summary(found["Chilean"]) == ("Country", "Chile", "demonym", None)


@pytest.mark.parametrize(
    ("text", "words", "canonical", "state"),
    [
        # no gazetteer body of that state and function: a described body "<State> <Function>"
        ("Serbia's police bought drones from DJI.", "Serbia's police", "Serbia Police", "serbia"),
        (
            "Colombia's interior ministry bought spyware from NSO Group.",
            "Colombia's interior ministry",
            "Colombia Interior Ministry",
            "colombia",
        ),
        (
            "Peru's telecom regulator fined Huawei.",
            "Peru's telecom regulator",
            "Peru Telecommunications Regulator",
            "peru",
        ),
        (
            "Argentina's National Privacy Commission fined Clearview AI.",
            "Argentina's National Privacy Commission",
            "Argentina Data Protection Authority",
            "argentina",
        ),
        # the gazetteer's body of that state with that function (`function:` in the entry)
        (
            "Kenya's police bought drones from DJI.",
            "Kenya's police",
            "Kenya National Police Service",
            "kenya",
        ),
        (
            "Poland's data protection office fined Clearview AI.",
            "Poland's data protection office",
            "Polish Personal Data Protection Office",
            "poland",
        ),
        (
            "Sweden's privacy regulator fined Clearview AI.",
            "Sweden's privacy regulator",
            "Swedish Authority for Privacy Protection",
            "sweden",
        ),
        (
            "The Norwegian privacy regulator fined Clearview AI.",
            "Norwegian privacy regulator",
            "Norwegian Data Protection Authority",
            "norway",
        ),
    ],
)
def test_a_body_named_by_function_and_state_is_part_of_that_state(
    extractor: Extractor, text: str, words: str, canonical: str, state: str
) -> None:
    found = by_text(mentions_of(extractor, text))
    assert words in found, sorted(found)
    assert summary(found[words]) == ("PublicBody", canonical, "described", f"country:{state}")
    # the state is not a second party of the sentence: the body absorbed it
    assert not any(m.type is COUNTRY for m in found.values())


def test_described_bodies_take_a_key_from_their_name(extractor: Extractor) -> None:
    found = by_text(mentions_of(extractor, "Serbia's police bought drones from DJI."))
    assert found["Serbia's police"].entity_key == "publicbody:serbia-police"
    gazetteer_body = by_text(mentions_of(extractor, "Kenya's police bought drones from DJI."))
    assert gazetteer_body["Kenya's police"].entity_key == "publicbody:kenya-national-police-service"


def test_a_gazetteer_body_named_by_its_name_carries_its_state(extractor: Extractor) -> None:
    found = by_text(mentions_of(extractor, "The Hellenic Police bought drones from DJI."))
    assert summary(found["Hellenic Police"]) == (
        "PublicBody",
        "Hellenic Police",
        "name",
        "country:greece",
    )
    # a company of the gazetteer with a country is not part of a state
    assert found["DJI"].part_of is None


def test_the_same_function_in_two_states_is_two_bodies(extractor: Extractor) -> None:
    text = (
        "Kenya's interior ministry bought spyware from NSO Group in 2020. "
        "Uganda's interior ministry bought the same tools a year later."
    )
    found = by_text(mentions_of(extractor, text))
    kenya, uganda = found["Kenya's interior ministry"], found["Uganda's interior ministry"]
    assert summary(kenya) == ("PublicBody", "Kenya Interior Ministry", "described", "country:kenya")
    assert summary(uganda) == (
        "PublicBody",
        "Uganda Interior Ministry",
        "described",
        "country:uganda",
    )
    assert kenya.entity_key != uganda.entity_key


def test_the_nationality_authority_takes_the_function_of_the_last_named_body(
    extractor: Extractor,
) -> None:
    gazetteer = by_text(
        mentions_of(
            extractor,
            "The Norwegian privacy regulator fined Clearview AI. "
            "The Norwegian authority said the fine was final.",
        )
    )
    assert summary(gazetteer["Norwegian authority"]) == (
        "PublicBody",
        "Norwegian Data Protection Authority",
        "described",
        "country:norway",
    )
    # the function followed is the latest body's, across paragraphs: here a telecom regulator
    text = (
        "The Colombian data protection authority fined Clearview AI in 2021.\n\n"
        "Peru's telecom regulator fined Huawei a year later.\n\n"
        "The Colombian authority then opened a second inquiry."
    )
    found = by_text(mentions_of(extractor, text))
    assert found["Colombian data protection authority"].canonical == (
        "Colombia Data Protection Authority"
    )
    assert summary(found["Colombian authority"]) == (
        "PublicBody",
        "Colombia Telecommunications Regulator",
        "described",
        "country:colombia",
    )


def test_a_general_body_noun_without_an_earlier_body_names_no_body(extractor: Extractor) -> None:
    found = by_text(mentions_of(extractor, "The Spanish authority fined Clearview AI."))
    assert not any(m.type is BODY for m in found.values())
    assert summary(found["Spanish"]) == ("Country", "Spain", "demonym", None)


@pytest.mark.parametrize(
    "text",
    [
        "Privacy regulators in Spain and Portugal fined Clearview AI.",
        "Data protection watchdogs in Austria and Belgium fined Clearview AI.",
    ],
)
def test_plural_body_nouns_make_no_body(extractor: Extractor, text: str) -> None:
    found = mentions_of(extractor, text)
    assert not any(m.type is BODY for m in found)
    assert any(m.canonical == "Clearview AI" for m in found)


@pytest.mark.parametrize(
    ("text", "words", "body", "state"),
    [
        # the gazetteer's bare "Treasury" is the US department; said of another state it is
        # that state's finance ministry (the gazetteer's when it holds one)
        (
            "Britain's Treasury sanctioned Volgatek Systems on Monday.",
            "Britain's Treasury",
            "HM Treasury",
            "country:united-kingdom",
        ),
        (
            "The Australian Treasury froze the assets of Volgatek Systems.",
            "Australian Treasury",
            "Australia Finance Ministry",
            "country:australia",
        ),
        (
            "Canada's Commerce Department added Volgatek Systems to an export list.",
            "Canada's Commerce Department",
            "Canada Trade Ministry",
            "country:canada",
        ),
    ],
)
def test_a_gazetteer_body_said_of_another_state_is_that_states_body(
    extractor: Extractor, text: str, words: str, body: str, state: str
) -> None:
    found = by_text(mentions_of(extractor, text))
    assert summary(found[words])[:2] == (BODY.value, body)
    assert found[words].part_of == state
    # the bare name stays the gazetteer's body
    bare = by_text(mentions_of(extractor, "The Treasury sanctioned Volgatek Systems on Monday."))
    assert bare["Treasury"].canonical == "U.S. Department of the Treasury"
