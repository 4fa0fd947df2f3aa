"""Frames: where the parties of a trigger stand in the parse, one pattern at a time.

Every pattern is shown on at least two differently built sentences about other countries,
vendors and technologies than the dev corpus. Expected claims are written
"relation: Subject > Object" (relation "supplies" when left out), several joined by ";".
"""

from __future__ import annotations

import pytest

from .conftest import Extract, Xfail, cases, show, specs, triple, triples

DATIVE_COMPOUND = Xfail("a bare recipient before a bare noun is parsed as a compound of the goods")

TRANSFER = [
    # with "to"
    ("NSO Group sold Pegasus spyware to Mexico.", "NSO Group > Mexico"),
    (
        "Huawei provided surveillance cameras to Kenya's police.",
        "Huawei > Kenya National Police Service",
    ),
    ("Hikvision shipped cameras to Zimbabwe.", "Hikvision > Zimbabwe"),
    # with "with"
    ("Sandvine supplied Egypt with deep packet inspection equipment.", "Sandvine > Egypt"),
    ("Intellexa equipped Madagascar's security services with Predator.", "Intellexa > Madagascar"),
    # dative
    ("Huawei sold Pakistan a safe-city system.", "Huawei > Pakistan"),
    ("ZTE sold Venezuela a national identity card system.", "ZTE > Venezuela"),
    ("Hikvision sold the Serbian police thousands of cameras.", "Hikvision > Serbia Police"),
    ("FinFisher sold Ethiopia surveillance software.", "FinFisher > Ethiopia", DATIVE_COMPOUND),
    ("China gave Pakistan drones.", "China > Pakistan", DATIVE_COMPOUND),
    # passive
    ("Thousands of cameras were supplied to Serbia by Huawei.", "Huawei > Serbia"),
    ("Spyware was sold to Egypt by Cytrox.", "Cytrox > Egypt"),
    ("Egypt was supplied with spyware by Cytrox.", "Cytrox > Egypt"),
    (
        "Kenya's police were equipped with cameras by Huawei.",
        "Huawei > Kenya National Police Service",
    ),
    (
        "Pakistan was equipped with a safe-city platform by Huawei.",
        "Huawei > Pakistan",
    ),
    # acquire: the seller supplies the buyer
    ("Ecuador bought facial recognition cameras from CEIEC.", "CEIEC > Ecuador"),
    ("The Ugandan government purchased a surveillance system from Huawei.", "Huawei > Uganda"),
    # use: the owner of the technology supplies its user
    ("Kenya uses Huawei's safe-city platform.", "Huawei > Kenya"),
    ("Uganda employs ZTE's monitoring software.", "ZTE > Uganda"),
    # nominal transfer
    ("Sandvine's export of DPI equipment to Belarus drew criticism.", "Sandvine > Belarus"),
    ("The sale of Pegasus to Saudi Arabia by NSO Group was approved.", "NSO Group > Saudi Arabia"),
    ("The delivery of drones to Ethiopia by Turkey was confirmed.", "Turkey > Ethiopia"),
    # relative and participle clauses
    ("Hikvision, which supplied cameras to Zimbabwe, was sanctioned.", "Hikvision > Zimbabwe"),
    (
        # the sanctioned firms are unnamed: no sanctions claim (see test_parties.py)
        "Washington has sanctioned Chinese companies that sold surveillance gear to Venezuela.",
        "China > Venezuela",
    ),
    ("Chinese firms exporting drones to Ethiopia face scrutiny.", "China > Ethiopia"),
    (
        "Sandvine, a Canadian firm exporting DPI gear to Belarus, was criticized.",
        "Sandvine > Belarus",
    ),
]

OWNS = [
    # apposition with a participle, invented names
    (
        "Veltrana, a Kenyan company owned by Safaricom, won the tender.",
        "owns: Safaricom > Veltrana",
    ),
    (
        "Veltrana, a company owned by Huawei, sold cameras to Uganda.",
        "owns: Huawei > Veltrana; supplies: Veltrana > Uganda",
    ),
    # passive
    ("Cytrox is owned by Intellexa.", "owns: Intellexa > Cytrox"),
    ("Nexa Technologies is controlled by Amesys.", "owns: Amesys > Nexa Technologies"),
    # owned_by nouns
    (
        "Memento Labs, a subsidiary of Gamma Group, sold spyware to Ecuador.",
        "owns: Gamma Group > Memento Labs; supplies: Memento Labs > Ecuador",
    ),
    (
        "Trovicor, a unit of Nokia Siemens Networks, sold monitoring centers to Bahrain.",
        "owns: Nokia Siemens Networks > Trovicor",
    ),
    ("Brantvale, a subsidiary of Hikvision, runs the network.", "owns: Hikvision > Brantvale"),
    # active
    ("Gamma Group owns FinFisher.", "owns: Gamma Group > FinFisher"),
]

DEALS = [
    (
        "Dahua signed a contract with the Zimbabwe Republic Police.",
        "contract: Dahua > Zimbabwe Republic Police",
    ),
    (
        "Huawei won a contract with Kenya's police.",
        "contract: Huawei > Kenya National Police Service",
    ),
    (
        "The five-year deal between Huawei and Pakistan covers Lahore.",
        "contract: Huawei > Pakistan",
    ),
    ("A $150 million deal between ZTE and Ecuador was announced.", "contract: ZTE > Ecuador"),
    ("Serbia and China signed a memorandum of understanding.", "agreement: Serbia > China"),
    (
        "The agreement signed between Russia and Belarus covers security.",
        "agreement: Russia > Belarus",
    ),
    (
        "The memorandum signed between Kenya and Uganda covers policing.",
        "agreement: Kenya > Uganda",
    ),
    (
        "Kenya signed a memorandum of understanding with China.",
        "agreement: Kenya > China",
    ),
]

FUNDS = [
    ("China invested $2 billion in Ecuador.", "funds: China > Ecuador"),
    (
        "The Export-Import Bank of China invested $400 million in Pakistan.",
        "funds: Export-Import Bank of China > Pakistan",
    ),
    ("China's loans to Ecuador financed the ECU 911 system.", "funds: China > Ecuador"),
    ("Russia's loans to Belarus funded the new system.", "funds: Russia > Belarus"),
    ("Russia lent $1.5 billion to Belarus.", "funds: Russia > Belarus"),
    ("China lent Ecuador $1 billion for the project.", "funds: China > Ecuador"),
    (
        "The Export-Import Bank of China lent Kenya $300 million.",
        "funds: Export-Import Bank of China > Kenya",
    ),
]

SANCTIONS = [
    (
        "The US Treasury sanctioned Cytrox and Intellexa.",
        "sanctions: U.S. Department of the Treasury > Cytrox;"
        " sanctions: U.S. Department of the Treasury > Intellexa",
    ),
    (
        "The Office of Foreign Assets Control sanctioned Intellexa.",
        "sanctions: Office of Foreign Assets Control > Intellexa",
    ),
    (
        "The Commerce Department added Hikvision to the Entity List.",
        "sanctions: U.S. Department of Commerce > Hikvision",
    ),
    (
        "Dahua was added to the Entity List by the US Department of Commerce.",
        "sanctions: U.S. Department of Commerce > Dahua",
    ),
    ("Washington imposed a fine on ZTE.", "sanctions: United States > ZTE"),
    (
        "Washington fined ZTE $892 million.",
        "sanctions: United States > ZTE",
    ),
]

OTHERS = [
    ("Russia trained Nicaragua's police.", "trains: Russia > Nicaragua National Police"),
    ("Israel trained Kenya's security services.", "trains: Israel > Kenya"),
    (
        "Cooperation between Russia and Belarus in cybersecurity has deepened.",
        "cooperates: Russia > Belarus",
    ),
    ("Egypt and Saudi Arabia cooperate on counterterrorism.", "cooperates: Egypt > Saudi Arabia"),
    ("China's cooperation with Pakistan on policing is growing.", "cooperates: China > Pakistan"),
    ("Serbia collaborates with China on surveillance.", "cooperates: Serbia > China"),
    (
        "Vladimir Putin met Alexander Lukashenko in Minsk.",
        "meets: Vladimir Putin > Alexander Lukashenko",
    ),
    ("Xi Jinping met with Paul Kagame in Beijing.", "meets: Xi Jinping > Paul Kagame"),
    (
        "Belarus joined the Shanghai Cooperation Organization.",
        "member_of: Belarus > Shanghai Cooperation Organization",
    ),
    ("Egypt joined BRICS.", "member_of: Egypt > BRICS"),
    (
        "Belarus's accession to the Shanghai Cooperation Organization was completed.",
        "member_of: Belarus > Shanghai Cooperation Organization",
    ),
    ("Egypt's accession to BRICS took effect.", "member_of: Egypt > BRICS"),
]

ALL = TRANSFER + OWNS + DEALS + FUNDS + SANCTIONS + OTHERS


@pytest.mark.parametrize(("text", "expected"), cases(ALL))
def test_pattern_yields_claim(extract: Extract, text: str, expected: str) -> None:
    claims = extract(text)
    for wanted in specs(expected):
        assert wanted in triples(claims), show(claims)


COORDINATED = [
    ("Hikvision and Dahua supplied cameras to Zimbabwe.", "supplies", 2),
    ("Russia and Belarus supplied drones to Mali.", "supplies", 2),
    ("Sandvine and Procera Networks sold DPI equipment to Egypt.", "supplies", 2),
    ("Wang Yi met with Sergei Lavrov, Antony Blinken and Narendra Modi in Jakarta.", "meets", 3),
    ("Xi Jinping met with Paul Kagame, Yoweri Museveni and Emmerson Mnangagwa.", "meets", 3),
]


@pytest.mark.parametrize(("text", "relation", "count"), cases(COORDINATED))
def test_coordination_gives_one_claim_per_party(
    extract: Extract, text: str, relation: str, count: int
) -> None:
    claims = [c for c in extract(text) if c.relation.value == relation]
    assert len(triples(claims)) == count, show(claims)
    parties = {c.subject.canonical for c in claims} | {c.object.canonical for c in claims}
    assert len(parties) == count + 1, show(claims)


def test_met_with_three_pairs_the_subject_with_each(extract: Extract) -> None:
    claims = extract("Wang Yi met with Sergei Lavrov, Antony Blinken and Narendra Modi.")
    assert triples(claims) == {
        triple("meets", "Wang Yi", "Sergei Lavrov"),
        triple("meets", "Wang Yi", "Antony Blinken"),
        triple("meets", "Wang Yi", "Narendra Modi"),
    }


@pytest.mark.parametrize(
    "text",
    cases(
        [
            ("Megvii was added to the catalogue by the Commerce Department.",),
            ("The Commerce Department added Dahua to its website.",),
        ]
    ),
)
def test_adding_to_something_else_than_a_list_is_no_sanction(extract: Extract, text: str) -> None:
    claims = extract(text)
    assert not [c for c in claims if c.relation.value == "sanctions"], show(claims)


def test_technology_is_the_goods_phrase(extract: Extract) -> None:
    claims = extract("Sandvine supplied Egypt with deep packet inspection equipment.")
    found = [c for c in claims if c.relation.value == "supplies"]
    assert [c.technology for c in found] == ["deep packet inspection equipment"], show(claims)
