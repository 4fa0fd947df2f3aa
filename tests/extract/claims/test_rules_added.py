"""Rules added after reading the example corpus: each with sentences of other domains."""

from __future__ import annotations

import pytest

from .conftest import Extract, triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Five Hikvision subsidiaries were added to the Entity List in March 2023.",
            ("sanctions", "U.S. Department of Commerce", "Hikvision"),
        ),
        (
            "Two Russian banks were placed on the SDN list last spring.",
            None,  # a list keeper, but no named target: nothing to claim
        ),
        (
            "The Chinese firm Hytera was added to the Entity List, officials said.",
            ("sanctions", "U.S. Department of Commerce", "Hytera"),
        ),
    ],
)
def test_agentless_listing_names_the_list_keeper(
    extract: Extract, text: str, expected: tuple[str, str, str] | None
) -> None:
    found = {t for t in triples(extract(text)) if t[0] == "sanctions"}
    assert found == ({expected} if expected else set())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The deal was part of a networking contract that ZTE signed with MTN in 2011.",
            ("contract", "MTN Group", "ZTE"),
        ),
        (
            "It is one of the contracts that Huawei signed with Safaricom for the project.",
            ("contract", "Huawei", "Safaricom"),
        ),
    ],
)
def test_contract_in_a_relative_clause(
    extract: Extract, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian instructors trained Venezuelan police officers in crowd control.",
            ("trains", "Russia", "Venezuelan police officers"),
        ),
        (
            "Chinese engineers installed 1,800 cameras for the Serbian interior ministry.",
            ("supplies", "China", "Serbian Ministry of Interior"),
        ),
    ],
)
def test_plural_nationals_stand_for_their_state(
    extract: Extract, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(extract(text))


def test_police_in_a_place_and_goods_without_the_recipient(extract: Extract) -> None:
    claims = extract("Dahua signed contracts worth $50 million with police in Tibet in 2017.")
    assert ("contract", "Dahua", "Tibet police") in triples(claims)
    built = extract("Huawei built a safe city system for the Kenyan police.")
    assert [c.technology for c in built] == ["safe city system"]


def test_a_prohibition_is_not_a_sale(extract: Extract) -> None:
    claims = extract("The order barred US firms from selling components to ZTE for seven years.")
    sales = [c for c in claims if c.relation.value == "supplies"]
    assert sales and all("denied" in {h.value for h in c.hedging} for c in sales)


def test_an_act_is_never_a_party(extract: Extract) -> None:
    text = "ZTE violated the International Emergency Economic Powers Act by shipping items to Iran."
    subjects = {c.subject.canonical for c in extract(text)}
    assert "International Emergency Economic Powers Act" not in subjects


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hikvision, one of the largest camera makers, signed a contract with the Kenyan "
            "police.",
            ("contract", "Hikvision", "Kenya National Police Service"),
        ),
        (
            "Sandvine, one of several DPI vendors, sold equipment to Belarus in 2020.",
            ("supplies", "Sandvine", "Belarus"),
        ),
    ],
)
def test_name_before_one_of_is_the_party(
    extract: Extract, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "There has been police cooperation between the Russian Interior Ministry and its "
            "Venezuelan counterpart since 2015.",
            # a counterpart is the other state's body of the same function
            ("cooperates", "Russia Ministry of Internal Affairs", "Venezuela Interior Ministry"),
        ),
        (
            "Intelligence cooperation between the Egyptian General Intelligence Directorate and "
            "its Sudanese counterpart grew last year.",
            (
                "cooperates",
                "Egyptian General Intelligence Service",
                "Sudan National Intelligence and Security Service",
            ),
        ),
    ],
)
def test_counterparts_are_states(
    extract: Extract, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(extract(text))


def test_along_with_joins_the_subject_side(extract: Extract) -> None:
    found = triples(extract("Russia, along with China, held a joint exercise with Iran in 2023."))
    assert ("cooperates", "Iran", "Russia") in found
