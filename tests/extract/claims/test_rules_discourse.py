"""Rules that read beyond one clause: who sanctioned last in a document, sanctions a party
is "under", and attributions hung beside the claim. Sentences written for these tests."""

from __future__ import annotations

import pytest

from .conftest import (
    Extract,
    Triple,
    assert_no_claim,
    assert_reads,
    hedges_of,
    show,
    triple,
    triples,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Commerce Department added Dahua to an economic blacklist on Monday.\n\n"
            "Hikvision and Megvii were also added for their role in Xinjiang.",
            {
                triple("sanctions", "U.S. Department of Commerce", "Dahua"),
                triple("sanctions", "U.S. Department of Commerce", "Hikvision"),
                triple("sanctions", "U.S. Department of Commerce", "Megvii"),
            },
        ),
        (
            "The European Union sanctioned Synesis in 2020. NtechLab was listed a year later.",
            {
                triple("sanctions", "European Union", "Synesis"),
                triple("sanctions", "European Union", "NtechLab"),
            },
        ),
    ],
)
def test_agentless_listing_takes_the_authority_named_before(
    extract: Extract, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert_reads(extract(text), expected)


def test_without_an_authority_an_agentless_addition_is_no_sanction(extract: Extract) -> None:
    claims = extract("Hikvision and Megvii were also added to the catalogue last year.")
    assert not {t for t in triples(claims) if t[0] == "sanctions"}, show(claims)


@pytest.mark.parametrize(
    ("text", "authorities", "target"),
    [
        (
            "Hikvision is under American and British sanctions.",
            ("United States", "United Kingdom"),
            "Hikvision",
        ),
        ("Cytrox remains under EU sanctions after the ruling.", ("European Union",), "Cytrox"),
    ],
)
def test_a_party_under_sanctions_is_their_target(
    extract: Extract, text: str, authorities: tuple[str, ...], target: str
) -> None:
    found = triples(extract(text))
    for authority in authorities:
        assert triple("sanctions", authority, target) in found, found


@pytest.mark.parametrize(
    ("text", "triple_", "label"),
    [
        ("Hikvision sold cameras to Kenya, Reuters states.", ("Hikvision", "Kenya"), "reported"),
        ("They show that Sandvine sold DPI gear to Egypt.", ("Sandvine", "Egypt"), "reported"),
        ("\u201cHuawei sold cameras to Zambia.\u201d", ("Huawei", "Zambia"), "reported"),
    ],
)
def test_attribution_beside_or_around_the_claim(
    extract: Extract, text: str, triple_: tuple[str, str], label: str
) -> None:
    assert label in hedges_of(extract(text), "supplies", *triple_)


def test_a_plain_sentence_stays_asserted(extract: Extract) -> None:
    assert hedges_of(
        extract("Hikvision sold cameras to Kenya."), "supplies", "Hikvision", "Kenya"
    ) == {"asserted"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a recipient group named in the next sentence
            "Hytera has sold its radio systems to more than a dozen countries. "
            "Those countries include Chad, Mali and Laos.",
            {
                triple("supplies", "Hytera", "Chad"),
                triple("supplies", "Hytera", "Mali"),
                triple("supplies", "Hytera", "Laos"),
            },
        ),
        (  # "they" after a semicolon, a target group of a listing
            "The U.S. Commerce Department added seven Chinese firms to the Entity List on "
            "Friday; they included Megvii, Dahua and Hikvision.",
            {
                triple("sanctions", "U.S. Department of Commerce", "Megvii"),
                triple("sanctions", "U.S. Department of Commerce", "Dahua"),
                triple("sanctions", "U.S. Department of Commerce", "Hikvision"),
            },
        ),
        (  # a part of the group ("five of the companies"), a passive listing
            "The European Union sanctioned a dozen companies in 2023. Five of the companies "
            "were sanctioned for selling drones; they include Cellebrite and FinFisher.",
            {
                triple("sanctions", "European Union", "Cellebrite"),
                triple("sanctions", "European Union", "FinFisher"),
            },
        ),
        (  # customers as the group, the present tense
            "ZTE supplies lawful interception gear to several African governments. "
            "The governments include Zambia and Uganda.",
            {triple("supplies", "ZTE", "Zambia"), triple("supplies", "ZTE", "Uganda")},
        ),
    ],
)
def test_a_group_takes_the_members_named_next(
    extract: Extract, text: str, expected: set[Triple]
) -> None:
    claims = extract(text)
    assert_reads(claims, expected)
    # the evidence runs from the claim's clause to the words naming the member
    member = next(
        c
        for c in claims
        if triple(c.relation.value, c.subject.canonical, c.object.canonical) in expected
    )
    assert member.object.canonical in member.evidence or member.subject.canonical in member.evidence


@pytest.mark.parametrize(
    "text",
    [
        # the group's members are not named: no guessing from earlier states
        "Hytera has sold its radio systems to more than a dozen countries in Africa.",
        # a list naming the members of another group does not stand for this one
        "Hytera has sold its radios to several countries. Its rivals include Motorola and Kenwood.",
    ],
)
def test_a_group_without_its_members_named_is_no_party(extract: Extract, text: str) -> None:
    assert_no_claim(extract(text), "supplies")


@pytest.mark.parametrize(
    ("text", "supplier", "user"),
    [
        (
            "In Bolivia, Sandvine's filtering gear was used to block news websites.",
            "Sandvine",
            "Bolivia",
        ),
        (
            "Cellebrite's phone-cracking tools were used to search journalists' phones in Laos.",
            "Cellebrite",
            "Laos",
        ),
        (  # the owner named through a later mention of the company
            "Hytera makes digital radios. The company's radios were used to coordinate "
            "raids in Chad.",
            "Hytera",
            "Chad",
        ),
    ],
)
def test_goods_used_in_a_state_were_supplied_to_it(
    extract: Extract, text: str, supplier: str, user: str
) -> None:
    claims = extract(text)
    assert triple("supplies", supplier, user) in triples(claims), show(claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hytera's customers include Chad, Mali and Laos.",
            {
                triple("supplies", "Hytera", "Chad"),
                triple("supplies", "Hytera", "Mali"),
                triple("supplies", "Hytera", "Laos"),
            },
        ),
        (
            "Clients of Cellebrite included Bolivia and Zambia in 2019.",
            {
                triple("supplies", "Cellebrite", "Bolivia"),
                triple("supplies", "Cellebrite", "Zambia"),
            },
        ),
    ],
)
def test_a_vendors_clientele_is_supplied_by_it(
    extract: Extract, text: str, expected: set[Triple]
) -> None:
    assert_reads(extract(text), expected)


def test_the_customers_nationality_is_not_their_supplier(extract: Extract) -> None:
    assert_no_claim(extract("Chinese customers include Huawei and ZTE."), "supplies")


def test_governments_in_a_list_of_states_are_each_state(extract: Extract) -> None:
    claims = extract("Hikvision sold cameras to governments in Chad, Mali and Laos in 2019.")
    expected = {triple("supplies", "Hikvision", state) for state in ("Chad", "Mali", "Laos")}
    assert expected <= triples(claims), show(claims)
