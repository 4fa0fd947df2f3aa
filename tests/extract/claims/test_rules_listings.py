"""Sanctions whose actor the clause does not name: the state body that says so, the owner
of the list a party lands on, "sanctions targets". Sentences written for these tests."""

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

TREASURY = "U.S. Department of the Treasury"
COMMERCE = "U.S. Department of Commerce"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a copula with "sanctions targets", the speaker after the clause
            "Hikvision and Dahua were sanctions targets, the Treasury said.",
            {triple("sanctions", TREASURY, "Hikvision"), triple("sanctions", TREASURY, "Dahua")},
        ),
        (  # a sanction noun as the subject of "target", another body, an apposition
            "The sanctions also targeted Cytrox, a spyware maker based in Skopje, the State "
            "Department said.",
            {triple("sanctions", "US Department of State", "Cytrox")},
        ),
        (  # "it said" for the state body named in the sentence before; another verb
            "The British government announced new measures on Monday. The penalties hit "
            "Megvii and SenseTime, it said.",
            {
                triple("sanctions", "United Kingdom", "Megvii"),
                triple("sanctions", "United Kingdom", "SenseTime"),
            },
        ),
        (  # a passive designation with the speaker before the clause, the future
            "The Treasury said Hytera would be designated next week.",
            {triple("sanctions", TREASURY, "Hytera")},
        ),
        (  # a singular target in apposition, the speaker a state
            "Canada said on Tuesday that Sandvine, a Canadian sanctions target, had lost its "
            "export licence.",
            {triple("sanctions", "Canada", "Sandvine")},
        ),
    ],
)
def test_an_agentless_sanction_is_imposed_by_the_body_that_announces_it(
    extract: Extract, text: str, expected: set[Triple]
) -> None:
    assert_reads(extract(text), expected)


@pytest.mark.parametrize(
    "text",
    [
        "Hikvision was sanctioned last year, Reuters said.",  # a reporter imposes nothing
        "NtechLab was fined, Amnesty International said.",
        "Hytera was designated, analysts said.",  # no one named: no sanction to claim
        # "it" stands for a body named before the sentence, not for the state it names
        "The sanctions also targeted Dahua, a firm that shipped cameras to Tehran, it said.",
    ],
)
def test_a_speaker_that_is_no_state_body_imposes_no_sanction(extract: Extract, text: str) -> None:
    assert_no_claim(extract(text), "sanctions")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Megvii and Dahua were not sanctions targets, the Commerce Department said.", "denied"),
        ("The new sanctions will target Cellebrite, the Treasury said.", "planned"),
        ("Intellexa was a sanctions target, the Treasury said.", "reported"),
    ],
)
def test_attributed_sanctions_keep_their_hedging(extract: Extract, text: str, label: str) -> None:
    claims = extract(text)
    target = next(n for n in ("Dahua", "Cellebrite", "Intellexa") if n in text)
    authority = COMMERCE if "Commerce" in text else TREASURY
    assert label in hedges_of(claims, "sanctions", authority, target)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "make" a list; the owner's possessive with a curly apostrophe; "along with"
            "Intellexa recently made the United States\u2019 blacklist, along with Cytrox.",
            {
                triple("sanctions", "United States", "Intellexa"),
                triple("sanctions", "United States", "Cytrox"),
            },
        ),
        (  # a pronoun for the company named before; a demonym owns the list
            "Norvane Analytics sells spyware to police forces. Last year it landed on the "
            "American blacklist.",
            {triple("sanctions", "United States", "Norvane Analytics")},
        ),
        (  # a passive listing: the list's possessor, not its keeper; a companion in commas
            "The Chinese camera maker Dahua, along with Hytera, was added to America's "
            "Entity List in 2019.",
            {
                triple("sanctions", "United States", "Dahua"),
                triple("sanctions", "United States", "Hytera"),
            },
        ),
        (  # a list named by its owner's modifier two words away
            "Hikvision was added to the EU sanctions list.",
            {triple("sanctions", "European Union", "Hikvision")},
        ),
        (  # no owner: the keeper of the named list; "together with"
            "Hikvision landed on the Entity List in 2019, together with Dahua and Megvii.",
            {
                triple("sanctions", COMMERCE, "Hikvision"),
                triple("sanctions", COMMERCE, "Dahua"),
                triple("sanctions", COMMERCE, "Megvii"),
            },
        ),
        (  # an active listing with "put ... on", the present tense of remaining on it
            "The Commerce Department put Yitu on the Entity List. ZTE remains on the list.",
            {triple("sanctions", COMMERCE, "Yitu")},
        ),
    ],
)
def test_a_party_put_on_a_list_is_sanctioned_by_its_owner(
    extract: Extract, text: str, expected: set[Triple]
) -> None:
    assert_reads(extract(text), expected)


@pytest.mark.parametrize(
    "text",
    [
        "Dahua was added to America's Entity List in 2019.",
        "Sarvana Telecom landed on the Entity List, together with Hytera.",
        "Huawei remains on the SDN list.",
    ],
)
def test_a_list_is_never_a_party(extract: Extract, text: str) -> None:
    claims = extract(text)
    names = {n for c in claims for n in (c.subject.canonical, c.object.canonical)}
    assert claims, "the listing itself is a claim"
    assert not {n for n in names if n.lower().endswith("list") or n == "SDN"}, show(claims)


@pytest.mark.parametrize(
    "text",
    [
        "Hytera made Forbes' list of the fastest-growing firms.",  # no sanctions list
        "Cellebrite made a list of its customers in 2020.",
        "Dahua appeared on the shortlist for the Nairobi tender.",
    ],
)
def test_making_another_list_is_no_sanction(extract: Extract, text: str) -> None:
    assert_no_claim(extract(text), "sanctions")


def test_not_making_the_blacklist_is_denied(extract: Extract) -> None:
    claims = extract("Sandvine did not make America's blacklist.")
    assert hedges_of(claims, "sanctions", "United States", "Sandvine") == {"denied"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the companion before the verb acts with the subject
            "The European Union, along with Britain, sanctioned Synesis.",
            {
                triple("sanctions", "European Union", "Synesis"),
                triple("sanctions", "United Kingdom", "Synesis"),
            },
        ),
        (  # after the object it shares the object's role
            "The United States sanctioned Intellexa along with Cytrox in 2023.",
            {
                triple("sanctions", "United States", "Intellexa"),
                triple("sanctions", "United States", "Cytrox"),
            },
        ),
    ],
)
def test_along_with_joins_the_side_it_stands_by(
    extract: Extract, text: str, expected: set[Triple]
) -> None:
    claims = extract(text)
    found = {t for t in triples(claims) if t[0] == "sanctions"}
    assert found == expected, show(claims)
