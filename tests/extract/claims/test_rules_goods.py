"""What is goods and whose: a maker's goods "of" a company used or run by a recipient,
papers handed to a newspaper (no goods), ranges of users the parser breaks up, the second
verb of a relative clause. Sentences written for these tests."""

from __future__ import annotations

import pytest

from .conftest import Extract, Triple, assert_no_claim, assert_reads, show, triple, triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a progressive use, a descriptor before the maker
            "The interior ministry of Kenya has been using the facial recognition software of "
            "the Chinese company Megvii since 2019.",
            {triple("supplies", "Megvii", "Kenya Interior Ministry")},
        ),
        (  # "operate" the goods: a use, not an ownership
            "Serbia's police operated the surveillance cameras of Huawei for years.",
            {triple("supplies", "Huawei", "Serbia Police")},
        ),
        (  # "run" in the present perfect continuous, a company as the user
            "Ethio Telecom has been running the interception equipment of the Swedish firm "
            "Ericsson since 2012.",
            {triple("supplies", "Ericsson", "Ethio Telecom")},
        ),
        (  # the simple past, a plural of goods
            "The Moldovan border police ran the scanners of the Dutch firm Vialis.",
            {triple("supplies", "Vialis", "Moldova Police")},
        ),
    ],
)
def test_goods_of_a_company_used_by_a_recipient(
    extract: Extract, text: str, expected: set[Triple]
) -> None:
    assert_reads(extract(text), expected)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (  # the goods' "of" names a place, not a maker
            "The army of Peru operated the drones of the coast guard in 2020.",
            triple("supplies", "Peru Coast Guard", "Peru Armed Forces"),
        ),
        (  # running a company's goods is not owning the company
            "Serbia's police operated the surveillance cameras of Huawei for years.",
            triple("owns", "Serbia Police", "Huawei"),
        ),
    ],
)
def test_goods_of_guards(extract: Extract, text: str, absent: Triple) -> None:
    claims = extract(text)
    assert absent not in triples(claims), show(claims)


def test_owning_a_company_is_still_read(extract: Extract) -> None:
    claims = extract("Hexagon bought the software maker Intergraph in 2010.")
    assert triple("owns", "Hexagon", "Intergraph") in triples(claims), show(claims)


@pytest.mark.parametrize(
    "text",
    [
        # papers handed over by a source: the newspaper is no recipient of goods
        "The documents on the sale, provided to The Guardian by the group Lighthouse Reports, "
        "show the contract.",
        "The files, handed over to the Washington Post by a former contractor, describe the deal.",
        "Internal emails were given to journalists at Der Spiegel by Amnesty International.",
        "Amnesty International provided the records to the BBC in 2021.",
    ],
)
def test_papers_handed_to_a_newspaper_are_no_supply(extract: Extract, text: str) -> None:
    assert_no_claim(extract(text), "supplies")


def test_goods_beside_papers_are_still_a_supply(extract: Extract) -> None:
    claims = extract("Pegasus licences were provided to Mexico by NSO Group.")
    assert triple("supplies", "NSO Group", "Mexico") in triples(claims), show(claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a relative clause with two verbs, its object on the second; a three-name start
            "According to researchers, the list of countries which are using or have used "
            "Hikvision's cameras ranges from the UK, France, and Spain to Kenya, Uganda, and "
            "Zambia.",
            {
                triple("supplies", "Hikvision", member)
                for member in ("United Kingdom", "France", "Spain", "Kenya", "Uganda", "Zambia")
            },
        ),
        (  # "bought or leased", a "the" inside the first list
            "The list of governments that bought or leased FinFisher's spyware ranges from "
            "Germany, Austria, and the Netherlands to Bahrain, Oman, and Turkmenistan.",
            {
                triple("supplies", "FinFisher", member)
                for member in ("Germany", "Austria", "Netherlands", "Bahrain", "Oman")
            },
        ),
    ],
)
def test_a_range_of_users_is_read_to_its_end(
    extract: Extract, text: str, expected: set[Triple]
) -> None:
    assert_reads(extract(text), expected)


def test_a_range_stops_at_the_end_of_its_clause(extract: Extract) -> None:
    claims = extract(
        "The list of states that licensed Cellebrite's devices ranges from Brazil to Chile, "
        "which criticised India."
    )
    assert triple("supplies", "Cellebrite", "India") not in triples(claims), show(claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the goods' nationality is the supplier; two buyers
            "To speed up matching, SenseTime and Megvii have turned to American chips.",
            {triple("supplies", "United States", "SenseTime"),
             triple("supplies", "United States", "Megvii")},
        ),
        (  # the supplier after "to", the goods after "for"
            "After the embargo, Venezuela turned to China for surveillance drones.",
            {triple("supplies", "China", "Venezuela")},
        ),
        (  # "switch to", a state body as the buyer
            "The Serbian police switched to Chinese cameras in 2019.",
            {triple("supplies", "China", "Serbia Police")},
        ),
    ],
)  # fmt: skip
def test_turning_to_a_supplier_or_its_goods(
    extract: Extract, text: str, expected: set[Triple]
) -> None:
    assert_reads(extract(text), expected)


@pytest.mark.parametrize(
    "text",
    [
        "Kenya turned to Uganda for help in 2020.",  # help is no goods
        "The minister turned to the press and denied the deal.",
        "The company turned to Hikvision's rivals.",  # rivals are no goods
    ],
)
def test_turning_to_what_is_not_goods_is_no_supply(extract: Extract, text: str) -> None:
    assert_no_claim(extract(text), "supplies")
