"""Rules that read beyond one clause: who sanctioned last in a document, sanctions a party
is "under", and attributions hung beside the claim. Sentences written for these tests."""

from __future__ import annotations

import pytest

from .conftest import Extract, hedges_of, show, triple, triples


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
    claims = extract(text)
    assert expected <= triples(claims), show(claims)


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
