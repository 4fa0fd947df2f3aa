"""Where goods come from: "technologies from X" used or deployed by Y, goods "bought in"
a state, purchases within a deal with a partner, clienteles named by a range, contracts
with an amount between the parties. Sentences written for these tests."""

from __future__ import annotations

import pytest

from .conftest import (
    Extract,
    Triple,
    assert_no_claim,
    assert_reads,
    find,
    hedges_of,
    show,
    triple,
    triples,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a participle clause before the user; a descriptor of the supplier
            "Using spyware from the Israeli company Cellebrite, Bolivia's police hacked the "
            "phones of activists.",
            {triple("supplies", "Cellebrite", "Bolivia Police")},
        ),
        (  # a progressive "deploy ... from" with a state as the source, a purpose clause
            "Ecuador is deploying interception technologies from Russia and other nations to "
            "spy on critics.",
            {triple("supplies", "Russia", "Ecuador")},
        ),
        (  # the past tense and a company as the source
            "Kenya deployed cameras from Hikvision across Mombasa in 2019.",
            {triple("supplies", "Hikvision", "Kenya")},
        ),
        (  # a passive use with the goods' source inside the subject
            "Equipment from Huawei is used by the Zambian police.",
            {triple("supplies", "Huawei", "Zambia Police Service")},
        ),
        (  # the present tense of an active use, a plural of goods
            "The Ugandan police use software from ZTE to track opposition figures.",
            {triple("supplies", "ZTE", "Uganda Police Force")},
        ),
        (  # a passive use with the purpose after the agent
            "Drones from Elbit Systems were used by the Mexican army to patrol the border.",
            {triple("supplies", "Elbit Systems", "Mexico Armed Forces")},
        ),
        (  # a gendarmerie is a body of its state
            "Software from Cellebrite was used by Senegal's gendarmerie to unlock phones.",
            {triple("supplies", "Cellebrite", "Senegal")},
        ),
    ],
)
def test_goods_from_a_supplier_used_by_a_recipient(
    extract: Extract, text: str, expected: set[Triple]
) -> None:
    assert_reads(extract(text), expected)


@pytest.mark.parametrize(
    "text",
    [
        # a place of origin names the supplier only when the goods are not sent elsewhere
        "Hikvision deployed cameras from its Hangzhou plant to Uganda.",
        # people are not goods
        "Kenya deployed police officers from Uganda to the border.",
    ],
)
def test_a_source_that_is_no_supplier_of_the_subject(extract: Extract, text: str) -> None:
    claims = extract(text)
    wrong = {
        triple("supplies", "Uganda", "Kenya"),
        triple("supplies", "China", "Hikvision"),
    }
    assert not wrong & triples(claims), show(claims)


@pytest.mark.parametrize(
    ("text", "pair", "label"),
    [
        ("Mexico reportedly uses spyware from NSO Group.", ("NSO Group", "Mexico"), "reported"),
        (
            "Officials said the Peruvian army had not used software from NSO Group.",
            ("NSO Group", "Peru Armed Forces"),
            "denied",
        ),
        (
            "Peru will deploy drones from Elbit Systems along its border next year.",
            ("Elbit Systems", "Peru"),
            "planned",
        ),
    ],
)
def test_sourced_goods_keep_their_hedging(
    extract: Extract, text: str, pair: tuple[str, str], label: str
) -> None:
    assert label in hedges_of(extract(text), "supplies", *pair)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the buyer speaks for the passive
            "Zambia's interior ministry said the drones were bought in Israel.",
            triple("supplies", "Israel", "Zambia Interior Ministry"),
        ),
        (  # an active buyer
            "Peru bought the surveillance drones in Turkey in 2020.",
            triple("supplies", "Turkey", "Peru"),
        ),
        (  # a passive with the buyer as its agent and the seller named by "from"
            "The cameras were bought by Kenya from Huawei.",
            triple("supplies", "Huawei", "Kenya"),
        ),
    ],
)
def test_goods_bought_in_a_state_were_supplied_by_it(
    extract: Extract, text: str, expected: Triple
) -> None:
    claims = extract(text)
    assert expected in triples(claims), show(claims)


@pytest.mark.parametrize(
    "text",
    [
        "Peru bought the drones in 2020.",  # a year is no seller
        "Kenya bought the cameras in Nairobi.",  # a capital is where, not who
        "Amnesty said the cameras were bought in China.",  # a reporter is no buyer
        "Hytera was bought by Norvane Analytics in 2021.",  # a takeover is no purchase
    ],
)
def test_bought_in_without_a_seller_or_buyer(extract: Extract, text: str) -> None:
    assert_no_claim(extract(text), "supplies")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "as part of" a deal, an amount and a named product
            "Peru had purchased the Falcon spyware as part of a $50 million defence deal with "
            "Israel in 2019.",
            {triple("supplies", "Israel", "Peru"), triple("contract", "Peru", "Israel")},
        ),
        (  # "under a contract", a company as the partner
            "Ghana bought the interception system under a contract with Cellebrite.",
            {triple("supplies", "Cellebrite", "Ghana"), triple("contract", "Ghana", "Cellebrite")},
        ),
        (  # the framing phrase first, an agreement between states
            "Under an agreement with Russia, Serbia purchased two radar systems in 2021.",
            {triple("supplies", "Russia", "Serbia"), triple("agreement", "Russia", "Serbia")},
        ),
        (  # "through a deal", another verb of acquiring
            "Mexico acquired the drones through a deal with Elbit Systems.",
            {
                triple("supplies", "Elbit Systems", "Mexico"),
                triple("contract", "Elbit Systems", "Mexico"),
            },
        ),
    ],
)
def test_a_purchase_within_a_deal_is_supplied_by_the_partner(
    extract: Extract, text: str, expected: set[Triple]
) -> None:
    claims = extract(text)
    assert_reads(claims, expected)
    names = {n for c in claims for n in (c.subject.canonical, c.object.canonical)}
    assert "Falcon" not in names, "the product is what changes hands, not a party"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Peru denied buying the spyware as part of a deal with Israel.", "denied"),
        ("Ecuador will buy drones under a contract with Elbit Systems.", "planned"),
    ],
)
def test_a_purchase_within_a_deal_keeps_its_hedging(
    extract: Extract, text: str, label: str
) -> None:
    claims = extract(text)
    seller = "Israel" if "Israel" in text else "Elbit Systems"
    buyer = "Peru" if "Peru" in text else "Ecuador"
    assert label in hedges_of(claims, "supplies", seller, buyer)
    assert label in hedges_of(claims, "contract", seller, buyer)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a group in a relative clause, the range's ends with lists inside them
            "The list of countries that have bought Halvorsen's tools ranges from Chile and "
            "Spain to Kenya, Nepal and Oman.",
            {
                triple("supplies", "Halvorsen", state)
                for state in ("Chile", "Spain", "Kenya", "Nepal", "Oman")
            },
        ),
        (  # "its" for the company named before
            "Hytera sells digital radios. Its customers range from Peru and Chile to Kenya.",
            {triple("supplies", "Hytera", state) for state in ("Peru", "Chile", "Kenya")},
        ),
        (  # a possessive holder of the clientele
            "Huawei's clients range from Kenya and Uganda to Pakistan.",
            {triple("supplies", "Huawei", state) for state in ("Kenya", "Uganda", "Pakistan")},
        ),
        (  # the group described by a relative clause of using, another tense
            "The list of countries which have used Cellebrite's tools ranges from Canada to "
            "Uganda.",
            {triple("supplies", "Cellebrite", state) for state in ("Canada", "Uganda")},
        ),
        (  # a group that includes its members, described by a purchase
            "Countries that bought Cellebrite's phone-cracking tools include Bolivia and Zambia.",
            {triple("supplies", "Cellebrite", state) for state in ("Bolivia", "Zambia")},
        ),
        (  # coordinated verbs whose object the parser hangs on "ranges" as its subject
            "The list of countries which are using or have used Cellebrite's forensic tools "
            "ranges from Canada and Japan to Bahrain and Belarus.",
            {
                triple("supplies", "Cellebrite", state)
                for state in ("Canada", "Japan", "Bahrain", "Belarus")
            },
        ),
        (  # the range's second end hung on its first; state bodies as members
            "Hytera sells radios to police forces. Its customers range from Nepal's police to "
            "Kenya's interior ministry.",
            {
                triple("supplies", "Hytera", "Nepal Police"),
                triple("supplies", "Hytera", "Kenya Interior Ministry"),
            },
        ),
    ],
)
def test_a_clientele_named_by_a_range_is_supplied(
    extract: Extract, text: str, expected: set[Triple]
) -> None:
    assert_reads(extract(text), expected)


@pytest.mark.parametrize(
    "text",
    [
        "Prices range from $5 to $10.",
        "Its customers range from small firms to governments.",
        "Hytera's radios range from handsets to base stations.",
    ],
)
def test_a_range_of_no_parties_is_no_clientele(extract: Extract, text: str) -> None:
    assert_no_claim(extract(text), "supplies")


@pytest.mark.parametrize(
    ("text", "pair", "amount"),
    [
        (  # an amount in euros between the contract and the partner
            "Frontex has signed a contract for 12 million euros with the company Airbus.",
            ("Airbus", "Frontex"),
            "12 million euros",
        ),
        (  # "worth", a descriptor with a demonym before the name
            "Ghana's police service signed a deal worth $20 million with the Israeli firm "
            "Cellebrite in 2021.",
            ("Cellebrite", "Ghana Police Service"),
            "$20 million",
        ),
        (  # the future, a bare name
            "Kenya will sign a contract for $5 million with Huawei next month.",
            ("Huawei", "Kenya"),
            "$5 million",
        ),
        (  # a body of an international organisation, an approximate amount
            "Interpol has signed a contract for almost 3 million euros with Thales.",
            ("Interpol", "Thales"),
            "3 million euros",
        ),
    ],
)
def test_a_contract_with_an_amount_between_its_parties(
    extract: Extract, text: str, pair: tuple[str, str], amount: str
) -> None:
    claim = find(extract(text), "contract", *pair)
    assert claim.amount == amount


def test_a_contract_for_goods_names_them_without_the_partner(extract: Extract) -> None:
    claims = extract(
        "The Nigerian army denied that it had signed a contract for 40 drones with the firm "
        "Elbit Systems."
    )
    claim = find(claims, "contract", "Elbit Systems", "Nigerian Army")
    assert claim.technology == "40 drones"
    assert "denied" in {h.value for h in claim.hedging}
