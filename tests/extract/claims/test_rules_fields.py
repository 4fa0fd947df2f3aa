"""Cooperation needs a named field; purpose clauses, holders of goods, "as X noted" and
"including" lists the parser split. Sentences written for these tests."""

from __future__ import annotations

import pytest

from .conftest import Extract, by_triple, triple, triples
from .conftest import labels as labels_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia and Serbia deepened their policing cooperation last year.", ("Russia", "Serbia")),
        (
            "Serbia and Hungary will cooperate in the field of border policing.",
            ("Hungary", "Serbia"),
        ),
        ("Uganda and China will cooperate militarily.", ("China", "Uganda")),
        ("Belarus and Russia held joint naval drills in the Baltic.", ("Belarus", "Russia")),
        (
            "Pakistan and China agreed to expand cooperation in areas such as artificial "
            "intelligence and satellite navigation.",
            ("China", "Pakistan"),
        ),
        (
            "Kenya's police cooperate with Huawei on crime prevention.",
            ("Huawei", "Kenya National Police Service"),
        ),
        (
            "Ethiopia's intelligence service has cooperated with its Chinese counterpart.",
            ("Information Network Security Administration", "Ministry of State Security"),
        ),
    ],
)
def test_cooperation_in_a_named_field(
    extract: Extract, text: str, expected: tuple[str, str]
) -> None:
    assert triple("cooperates", *expected) in triples(extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "The trilateral cooperation between Russia, Belarus and Serbia has been fruitful.",
        "Russia and Serbia have cooperated closely for years.",
        "Economic cooperation between Laos and Thailand has grown.",
        "Cooperation between Egypt and France in Sinai has grown.",
    ],
)
def test_cooperation_without_a_field_is_no_claim(extract: Extract, text: str) -> None:
    assert not [c for c in extract(text) if c.relation.value == "cooperates"]


@pytest.mark.parametrize(
    ("text", "expected", "label"),
    [
        (
            "Huawei and ZTE will have a dominant role in the project to develop Pakistan's "
            "safe city network.",
            {("supplies", "Huawei", "Pakistan"), ("supplies", "ZTE", "Pakistan")},
            "planned",
        ),
        (
            "Huawei won a contract to build Kenya's surveillance network.",
            {("supplies", "Huawei", "Kenya")},
            "asserted",
        ),
        (
            "Iran will sign a deal to buy drones from Russia.",
            {("supplies", "Russia", "Iran")},
            "planned",
        ),
        (
            "Huawei upgraded Serbia's camera system in 2019.",
            {("supplies", "Huawei", "Serbia")},
            "asserted",
        ),
    ],
)
def test_purpose_clauses_and_holders_of_goods(
    extract: Extract, text: str, expected: set[tuple[str, str, str]], label: str
) -> None:
    claims = [c for c in extract(text) if c.relation.value == "supplies"]
    assert triples(claims) == expected
    assert all(label in c.hedging for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        "Huawei installed Hikvision's cameras in Belgrade.",  # a company's goods: no recipient
        "Hikvision developed facial recognition software.",  # developed for nobody named
    ],
)
def test_holders_are_states_or_their_bodies(extract: Extract, text: str) -> None:
    assert not [c for c in extract(text) if c.relation.value == "supplies"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("As Amnesty noted, Hikvision supplied cameras to the Kenyan police.", "Amnesty"),
        ("Hikvision, as Reuters reported last year, sold cameras to Uganda's police.", "Reuters"),
        ("As the researchers pointed out, Cellebrite sold its kits to Bangladesh.", "researchers"),
    ],
)
def test_as_clause_attributes_the_claim(extract: Extract, text: str, source: str) -> None:
    claims = [c for c in extract(text) if c.relation.value == "supplies"]
    assert claims
    for claim in claims:
        assert [h.value for h in claim.hedging] == ["reported"]
        assert claim.source is not None and source in claim.source


@pytest.mark.parametrize(
    "text",
    [
        "As expected, Hikvision supplied cameras to the Kenyan police.",
        "As the police grew, Hikvision supplied cameras to the Kenyan police.",
    ],
)
def test_as_clause_without_a_reporting_verb_asserts(extract: Extract, text: str) -> None:
    claims = extract(text)
    assert claims and all([h.value for h in c.hedging] == ["asserted"] for c in claims)


def test_including_list_split_by_the_parser_keeps_every_name(extract: Extract) -> None:
    text = (
        "Defence Minister Sergei Shoigu met with senior Kenyan officials, including President "
        "William Ruto, Chief of the Defence Forces General Charles Kahariri and Interior "
        "Minister Kithure Kindiki."
    )
    met = {frozenset(t[1:]) for t in triples(extract(text)) if t[0] == "meets"}
    people = ("William Ruto", "Charles Kahariri", "Kithure Kindiki")
    assert met == {frozenset({"Sergei Shoigu", name}) for name in people}


@pytest.mark.parametrize(
    ("text", "expected", "labels"),
    [
        (
            "ZTE is reported to have sold a monitoring system to Venezuela in 2016.",
            ("supplies", "ZTE", "Venezuela"),
            {"reported"},
        ),
        (
            "Hikvision is said to have supplied cameras to the Kenyan police.",
            ("supplies", "Hikvision", "Kenya National Police Service"),
            {"reported"},
        ),
        (
            "Officials said the cameras would be delivered to Zimbabwe by CloudWalk next year.",
            ("supplies", "CloudWalk", "Zimbabwe"),
            {"reported", "planned"},
        ),
        (
            "The cameras would be delivered to Zimbabwe by CloudWalk if the loan is approved.",
            ("supplies", "CloudWalk", "Zimbabwe"),
            {"speculative"},
        ),
    ],
)
def test_raising_and_reported_future(
    extract: Extract, text: str, expected: tuple[str, str, str], labels: set[str]
) -> None:
    claims = [
        c
        for c in extract(text)
        if (c.relation.value, c.subject.canonical, c.object.canonical) == expected
    ]
    assert claims
    assert {h.value for h in claims[0].hedging} == labels
    assert claims[0].source is None or claims[0].source == "Officials"  # never the subject


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran may purchase Chinese facial recognition systems.", ("China", "Iran")),
        (
            "The Venezuelan army bought Russian drones in 2019.",
            ("Russia", "Venezuela Armed Forces"),
        ),
        (
            "Bolivia's government received a surveillance system worth $105 million from China.",
            ("China", "Bolivia"),
        ),
        (
            "The Kenyan police used cameras made by Hikvision.",
            ("Hikvision", "Kenya National Police Service"),
        ),
        (
            "Sandvine's deep packet inspection equipment was used by Egypt's authorities.",
            ("Sandvine", "Egypt"),
        ),
    ],
)
def test_where_goods_come_from(extract: Extract, text: str, expected: tuple[str, str]) -> None:
    assert triple("supplies", *expected) in triples(extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Exim Bank of China provided a $300 million loan to Ecuador.", "funds"),
        ("Russia provided training to Nicaraguan police officers.", "trains"),
    ],
)
def test_a_light_verb_with_another_relation_noun_is_not_a_supply(
    extract: Extract, text: str, expected: str
) -> None:
    relations = {c.relation.value for c in extract(text)}
    assert relations == {expected}


def test_a_court_of_a_city_is_a_body_not_the_city(extract: Extract) -> None:
    text = "FinFisher was fined by a Munich court for exporting spyware to Turkey."
    assert ("sanctions", "Munich court", "FinFisher") in triples(extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Intellexa's Predator spyware was sold to Madagascar and Egypt, researchers found.",
            {("supplies", "Intellexa", "Madagascar"), ("supplies", "Intellexa", "Egypt")},
        ),
        (
            "Huawei has built safe city systems in more than 20 African countries, including "
            "Kenya, Zambia and Uganda.",
            {("supplies", "Huawei", c) for c in ("Kenya", "Zambia", "Uganda")},
        ),
        (
            "China invested $2 billion in Pakistan's safe city programme.",
            {("funds", "China", "Pakistan")},
        ),
        ("The World Bank funded Kenya's digital ID project.", {("funds", "World Bank", "Kenya")}),
        (
            "The Ministry of Public Security hosted a training course for Cambodian police "
            "officers in Beijing.",
            {("trains", "Ministry of Public Security", "Cambodian police officers")},
        ),
    ],
)
def test_goods_holders_installation_places_and_venues(
    extract: Extract, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(extract(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected", "labels"),
    [
        (
            "Cellebrite said it had stopped selling its products to Belarus.",
            ("supplies", "Cellebrite", "Belarus"),
            {"reported", "denied"},
        ),
        (
            "Hikvision has denied that its cameras were sold to the IRGC.",
            ("supplies", "Hikvision", "Islamic Revolutionary Guard Corps"),
            {"denied"},
        ),
    ],
)
def test_a_pronoun_in_what_someone_says_is_the_speaker(
    extract: Extract, text: str, expected: tuple[str, str, str], labels: set[str]
) -> None:
    assert labels_of(by_triple(extract(text)).get(triple(*expected))) == labels


def test_a_pronoun_outside_speech_is_no_party(extract: Extract) -> None:
    assert extract("It sold cameras to Uganda.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hikvision, which is partly owned by the Chinese state, sold cameras to Ecuador.",
            {("owns", "China", "Hikvision"), ("supplies", "Hikvision", "Ecuador")},
        ),
        (
            "Meiya Pico was added to the US Treasury's sanctions list in December 2021.",
            {("sanctions", "U.S. Department of the Treasury", "Meiya Pico")},
        ),
        (
            "Wagner was added to the European Union's sanctions list in 2021.",
            {("sanctions", "European Union", "Wagner")},
        ),
    ],
)
def test_states_named_by_demonym_and_lists_by_owner(
    extract: Extract, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(extract(text)) == expected


def test_a_list_with_no_owner_names_no_authority(extract: Extract) -> None:
    assert extract("Two Chinese firms were added to a sanctions list.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pakistan received a €50 million grant from the European Union in 2021.",
            {("funds", "European Union", "Pakistan")},
        ),
        ("Bolivia obtained police training from Russia.", {("trains", "Russia", "Bolivia")}),
        ("Uganda paid Huawei for the cameras.", {("supplies", "Huawei", "Uganda")}),
        ("Uganda paid tribute to its soldiers.", set()),
    ],
)
def test_receiving_money_or_training_and_paying_for_goods(
    extract: Extract, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(extract(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected", "labels"),
    [
        (
            "Huawei is in talks to supply cameras to the Bangladeshi police.",
            ("supplies", "Huawei", "Bangladesh Police"),
            {"planned"},
        ),
        (
            "ZTE is bidding to supply a monitoring system to Ethiopia.",
            ("supplies", "ZTE", "Ethiopia"),
            {"planned"},
        ),
        (
            "Serbia is negotiating a deal with Huawei for facial recognition cameras.",
            ("contract", "Huawei", "Serbia"),
            {"planned"},
        ),
        (
            "Huawei signed a deal to supply cameras to Kenya.",
            ("supplies", "Huawei", "Kenya"),
            {"asserted"},
        ),
    ],
)
def test_talks_bids_and_negotiations_are_planned(
    extract: Extract, text: str, expected: tuple[str, str, str], labels: set[str]
) -> None:
    assert labels_of(by_triple(extract(text)).get(triple(*expected))) == labels


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Egyptian government used Sandvine equipment to block hundreds of websites.",
            ("supplies", "Sandvine", "Egypt"),
        ),
        (
            "Belarus deployed deep packet inspection technology supplied by Sandvine.",
            ("supplies", "Sandvine", "Belarus"),
        ),
        ("Kenya bought cameras supplied by Hikvision.", ("supplies", "Hikvision", "Kenya")),
    ],
)
def test_makers_named_on_the_goods(
    extract: Extract, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(extract(text))


def test_a_contract_for_goods_carries_them(extract: Extract) -> None:
    text = "Uganda's police force signed a $104 million contract with Huawei for CCTV cameras."
    (claim,) = [c for c in extract(text) if c.relation.value == "contract"]
    assert claim.technology == "CCTV cameras"
    assert claim.amount == "$104 million"


@pytest.mark.parametrize(
    ("text", "expected", "technology"),
    [
        (
            "Iran's government purchased Chinese-made surveillance cameras worth $50 million.",
            ("supplies", "China", "Iran"),
            "Chinese-made surveillance cameras",
        ),
        (
            "Zambia was sold surveillance software by Huawei.",
            ("supplies", "Huawei", "Zambia"),
            "surveillance software",
        ),
        (
            "The Chinese embassy donated 500 cameras to the Cambodian police.",
            ("supplies", "Chinese embassy", "Cambodia National Police"),
            "500 cameras",
        ),
        (
            "The contract was awarded to Huawei by the Kenyan government in 2014.",
            ("contract", "Huawei", "Kenya"),
            None,
        ),
    ],
)
def test_more_ways_of_naming_goods_and_parties(
    extract: Extract, text: str, expected: tuple[str, str, str], technology: str | None
) -> None:
    found = by_triple(extract(text)).get(triple(*expected))
    assert found is not None and found.technology == technology


@pytest.mark.parametrize(
    ("text", "expected", "technology"),
    [
        (
            "Geedge Networks sold its Tiangou Secure Gateway to Myanmar in 2023.",
            ("supplies", "Geedge Networks", "Myanmar"),
            "Tiangou Secure Gateway",
        ),
        (
            "Hytera radios were sold to the Kenyan police through a Dubai distributor.",
            ("supplies", "Hytera", "Kenya National Police Service"),
            "Hytera radios",
        ),
        (
            "Rumours suggest that ZTE will build a data centre for Venezuela's police.",
            ("supplies", "ZTE", "Venezuela Police"),
            "data centre",
        ),
    ],
)
def test_goods_named_by_product_or_maker(
    extract: Extract, text: str, expected: tuple[str, str, str], technology: str
) -> None:
    found = by_triple(extract(text)).get(triple(*expected))
    assert found is not None and found.technology == technology


@pytest.mark.parametrize(
    ("text", "expected", "labels"),
    [
        (
            "Neither Hikvision nor Dahua supplied cameras to Uganda.",
            ("supplies", "Dahua", "Uganda"),
            {"denied"},
        ),
        (
            "It is unclear whether Hikvision supplied the cameras to Myanmar.",
            ("supplies", "Hikvision", "Myanmar"),
            {"speculative"},
        ),
        (
            "Hikvision may have supplied cameras to Myanmar's junta.",
            ("supplies", "Hikvision", "Myanmar"),
            {"speculative"},
        ),
    ],
)
def test_neither_whether_and_juntas(
    extract: Extract, text: str, expected: tuple[str, str, str], labels: set[str]
) -> None:
    assert labels_of(by_triple(extract(text)).get(triple(*expected))) == labels


def test_a_share_owned_by(extract: Extract) -> None:
    text = "Sandvine is 70 percent owned by Francisco Partners."
    assert ("owns", "Francisco Partners", "Sandvine") in triples(extract(text))
