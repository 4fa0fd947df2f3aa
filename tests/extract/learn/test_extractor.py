"""The default extractor (the shipped model with the rules) on sentences written for this
test: every relation, in each direction the text can put its parties.

The sentences are ours, not taken from the built-in annotations or from a corpus: invented
vendors and funds (Corvane Dynamics, Saltmere Networks, Veltrax Security, Kessel Mobile
GmbH, Orinoco Signals SA, Ardent Lynx Technologies, Pellucid Vision Ltd, Brisk Harbor
Capital) with real states, bodies and banks. Each row names the triples a reader would
annotate; names are compared as the reference scorer compares them (case, punctuation,
a leading "the", a shorter name whose words make up most of the longer one), and for a
directed relation the reverse claim must not be made. Where the shipped model misses a
case, the row says what was observed (strict xfail), and the expected triple stays.
"""

from __future__ import annotations

import pytest

from tracewire.evaluate.names import NameMatcher
from tracewire.extract import Extractor
from tracewire.records import Claim, Relation

from ..claims.conftest import Triple, Xfail, cases, claims_of, show, specs

NAMES = NameMatcher([])

UNDER_THRESHOLD = (
    "no rule reads it, and the model's pair scores stay under its thresholds "
    "(chosen by F0.5 across folds)"
)
NOT_A_MENTION = "the vendor's name at the start of this sentence is not found as a mention"

SUPPLIES = [
    # supplier first
    ("Corvane Dynamics sold thermal cameras to Bolivia in 2022.",
     "Corvane Dynamics > Bolivia"),
    ("Saltmere Networks delivered a deep packet inspection system to Turkmenistan last year.",
     "Saltmere Networks > Turkmenistan", Xfail(NOT_A_MENTION)),
    ("Ardent Lynx Technologies provided Honduras with spyware in 2018.",
     "Ardent Lynx Technologies > Honduras", Xfail(NOT_A_MENTION)),
    # recipient first: passive, "bought from", "received from", "supplied by"
    ("The drones were supplied to Niger by Veltrax Security in 2020.",
     "Veltrax Security > Niger"),
    ("Interception equipment was sold to Paraguay by Orinoco Signals SA, according to customs "
     "records.", "Orinoco Signals SA > Paraguay"),
    ("Ecuador bought facial recognition software from Ardent Lynx Technologies in 2021.",
     "Ardent Lynx Technologies > Ecuador"),
    ("Kyrgyzstan acquired IMSI catchers from Kessel Mobile GmbH.",
     "Kessel Mobile GmbH > Kyrgyzstan"),
    ("Togo received surveillance drones from Corvane Dynamics in 2019.",
     "Corvane Dynamics > Togo"),
    ("Drones made by Corvane Dynamics were delivered to Mali in 2021.",
     "Corvane Dynamics > Mali"),
    ("Mauritania now uses cameras supplied by Pellucid Vision Ltd.",
     "Pellucid Vision Ltd > Mauritania"),
    # lists of recipients
    ("Kessel Mobile GmbH exported interception kits to Jordan, Oman and Bahrain in 2020.",
     "Kessel Mobile GmbH > Jordan; Kessel Mobile GmbH > Oman; Kessel Mobile GmbH > Bahrain"),
    ("Saltmere Networks has sold its monitoring platform to Chad, Mali and Niger.",
     "Saltmere Networks > Chad; Saltmere Networks > Mali; Saltmere Networks > Niger",
     Xfail(NOT_A_MENTION)),
    ("Pellucid Vision Ltd supplied cameras to the governments of Laos and Cambodia.",
     "Pellucid Vision Ltd > Laos; Pellucid Vision Ltd > Cambodia",
     Xfail("'the governments of Laos and Cambodia' is one mention of Laos: Cambodia is lost")),
    ("Veltrax Security's clients include Zambia, Malawi and Namibia.",
     "Veltrax Security > Zambia; Veltrax Security > Malawi; Veltrax Security > Namibia"),
]  # fmt: skip

SANCTIONS = [
    # the authority first
    ("The U.S. Treasury sanctioned Kessel Mobile GmbH in March 2023.",
     "sanctions: U.S. Department of the Treasury > Kessel Mobile GmbH"),
    ("The European Union imposed sanctions on Orinoco Signals SA in 2022.",
     "sanctions: European Union > Orinoco Signals SA"),
    ("Britain sanctioned Veltrax Security and its owner in 2024.",
     "sanctions: United Kingdom > Veltrax Security"),
    ("Canada imposed sanctions on Brisk Harbor Capital.",
     "sanctions: Canada > Brisk Harbor Capital"),
    ("The European Union sanctioned Veltrax Security, Corvane Dynamics and Pellucid Vision Ltd "
     "in 2022.", "sanctions: European Union > Veltrax Security; sanctions: European Union > "
     "Corvane Dynamics; sanctions: European Union > Pellucid Vision Ltd"),
    # the target first: fined, sanctioned, listed by a body
    ("Kessel Mobile GmbH was sanctioned by the U.S. Treasury in 2023.",
     "sanctions: U.S. Department of the Treasury > Kessel Mobile GmbH"),
    ("Orinoco Signals SA was fined by the Dutch Data Protection Authority for unlawful data "
     "collection.", "sanctions: Autoriteit Persoonsgegevens > Orinoco Signals SA"),
    ("Ardent Lynx Technologies was fined 2 million euros by the Italian data protection "
     "authority.", "sanctions: Garante per la protezione dei dati personali > "
     "Ardent Lynx Technologies", Xfail(NOT_A_MENTION)),
    ("Saltmere Networks was added to the Entity List by the U.S. Commerce Department in 2021.",
     "sanctions: U.S. Department of Commerce > Saltmere Networks", Xfail(NOT_A_MENTION)),
]  # fmt: skip

FUNDS = [
    # the funder first
    ("The Export-Import Bank of China lent Zambia $300 million for the safe city project.",
     "funds: Export-Import Bank of China > Zambia"),
    ("Brisk Harbor Capital invested $40 million in Pellucid Vision Ltd.",
     "funds: Brisk Harbor Capital > Pellucid Vision Ltd"),
    ("The Export-Import Bank of India financed Nepal's police radio network.",
     "funds: Export-Import Bank of India > Nepal"),
    # the funded first
    ("Kenya's camera network was financed by a $150 million loan from the China Development "
     "Bank.", "funds: China Development Bank > Kenya"),
    ("Corvane Dynamics is backed by Brisk Harbor Capital, a fund based in Luxembourg.",
     "funds: Brisk Harbor Capital > Corvane Dynamics"),
    ("Malawi's identity card project is funded by the World Bank.",
     "funds: World Bank > Malawi", Xfail(UNDER_THRESHOLD)),
    ("Veltrax Security received $12 million from the Export-Import Bank of Korea.",
     "funds: Export-Import Bank of Korea > Veltrax Security",
     Xfail("read as supplies (the rules' 'received from' frame), not as funds")),
    ("Pellucid Vision Ltd raised $20 million from Brisk Harbor Capital.",
     "funds: Brisk Harbor Capital > Pellucid Vision Ltd",
     Xfail("no rule reads 'raised from'; the model scores funds below 0.1")),
]  # fmt: skip

OWNS = [
    # the owner first
    ("Brisk Harbor Capital owns Corvane Dynamics.",
     "owns: Brisk Harbor Capital > Corvane Dynamics"),
    ("Kessel Mobile GmbH acquired Saltmere Networks in 2018.",
     "owns: Kessel Mobile GmbH > Saltmere Networks"),
    ("Ardent Lynx Technologies bought Orinoco Signals SA in 2020.",
     "owns: Ardent Lynx Technologies > Orinoco Signals SA"),
    ("Brisk Harbor Capital holds a majority stake in Veltrax Security.",
     "owns: Brisk Harbor Capital > Veltrax Security"),
    # the owned first
    ("Pellucid Vision Ltd is owned by Ardent Lynx Technologies.",
     "owns: Ardent Lynx Technologies > Pellucid Vision Ltd"),
    ("Orinoco Signals SA, a subsidiary of Veltrax Security, built the monitoring centre.",
     "owns: Veltrax Security > Orinoco Signals SA"),
    ("Corvane Dynamics, which is owned by Brisk Harbor Capital, sells drones.",
     "owns: Brisk Harbor Capital > Corvane Dynamics"),
]  # fmt: skip

TRAINS = [
    # the trainer first
    ("Veltrax Security trained Ghanaian police officers in 2022.",
     "trains: Veltrax Security > Ghana Police Service"),
    ("Corvane Dynamics will train the Nepal Police to operate the drones.",
     "trains: Corvane Dynamics > Nepal Police"),
    ("Instructors from Veltrax Security trained Zambian intelligence officers.",
     "trains: Veltrax Security > Zambia"),
    ("Pellucid Vision Ltd trained the Kenya National Police Service on its software.",
     "trains: Pellucid Vision Ltd > Kenya National Police Service"),
    # the trainee first
    ("Officers of the Uganda Police Force were trained by Pellucid Vision Ltd in Kampala.",
     "trains: Pellucid Vision Ltd > Uganda Police Force"),
    ("Cambodian analysts received training from Saltmere Networks.",
     "trains: Saltmere Networks > Cambodia"),
    ("Bolivian officers were trained by Corvane Dynamics in drone piloting.",
     "trains: Corvane Dynamics > Bolivia"),
]  # fmt: skip

# Symmetric relations: the parties in either order in the text.
CONTRACT = [
    ("The Peruvian interior ministry signed a $5 million contract with Ardent Lynx "
     "Technologies.", "contract: Peru Interior Ministry > Ardent Lynx Technologies"),
    ("Orinoco Signals SA won a contract from the Paraguayan government to upgrade its "
     "interception centre.", "contract: Orinoco Signals SA > Paraguay"),
    ("Kessel Mobile GmbH and the Bolivian police signed a contract worth $2 million.",
     "contract: Kessel Mobile GmbH > Bolivia Police"),
    ("The Chilean navy has a maintenance contract with Kessel Mobile GmbH.",
     "contract: Chilean Navy > Kessel Mobile GmbH"),
    ("Ardent Lynx Technologies was awarded a contract by the Kenyan government in 2021.",
     "contract: Ardent Lynx Technologies > Kenya", Xfail(NOT_A_MENTION)),
]  # fmt: skip

AGREEMENT = [
    ("Uzbekistan and Belarus signed a memorandum of understanding on public security in 2023.",
     "agreement: Uzbekistan > Belarus"),
    ("Ghana signed an agreement with South Korea on digital identity.",
     "agreement: Ghana > South Korea"),
    ("Kenya and Ethiopia signed a security pact in Nairobi.",
     "agreement: Kenya > Ethiopia"),
    ("Serbia concluded an agreement with Hungary on joint police patrols.",
     "agreement: Serbia > Hungary"),
]  # fmt: skip

COOPERATES = [
    ("Vietnam and Laos have cooperated closely on cyber security since 2019.",
     "cooperates: Vietnam > Laos"),
    ("Morocco will cooperate with Spain on border policing.",
     "cooperates: Morocco > Spain"),
    ("Brazil and Argentina cooperate on cybercrime investigations.",
     "cooperates: Brazil > Argentina"),
    ("Indonesia works closely with Malaysia on counter-terrorism.",
     "cooperates: Indonesia > Malaysia"),
]  # fmt: skip

MEETS = [
    ("Kazakhstan's interior minister met his Kyrgyz counterpart in Astana in May.",
     "meets: Kazakhstan > Kyrgyzstan"),
    ("The president of Chile met the prime minister of India in New Delhi.",
     "meets: Chile > India"),
    ("The Tanzanian foreign minister visited Seoul in 2022.",
     "meets: Tanzania > South Korea", Xfail(UNDER_THRESHOLD)),
    ("Nigerian officials met executives of Veltrax Security in Abuja.",
     "meets: Nigeria > Veltrax Security"),
    ("Peru's defence minister visited Bogota in 2021.",
     "meets: Peru > Colombia"),
]  # fmt: skip

MEMBER_OF = [
    # the member first
    ("Indonesia is a member of ASEAN.", "member_of: Indonesia > ASEAN"),
    ("Egypt joined BRICS in 2024.", "member_of: Egypt > BRICS"),
    ("Montenegro joined NATO in 2017.", "member_of: Montenegro > NATO"),
    ("Ethiopia became a member of BRICS in 2024.", "member_of: Ethiopia > BRICS"),
    # the body first
    ("ECOWAS counts Ghana and Senegal among its members.",
     "member_of: Ghana > Economic Community of West African States; "
     "member_of: Senegal > Economic Community of West African States",
     Xfail(UNDER_THRESHOLD)),
    ("Among the members of the African Union are Kenya and Ghana.",
     "member_of: Kenya > African Union; member_of: Ghana > African Union"),
    ("NATO welcomed North Macedonia as its 30th member in 2020.",
     "member_of: North Macedonia > NATO"),
    ("The African Union readmitted Morocco in 2017.",
     "member_of: Morocco > African Union",
     Xfail("no rule reads 'readmitted'; the model scores member_of 0.07")),
]  # fmt: skip

ALL = {
    "supplies": SUPPLIES,
    "sanctions": SANCTIONS,
    "funds": FUNDS,
    "owns": OWNS,
    "trains": TRAINS,
    "contract": CONTRACT,
    "agreement": AGREEMENT,
    "cooperates": COOPERATES,
    "meets": MEETS,
    "member_of": MEMBER_OF,
}
ROWS = [row for rows in ALL.values() for row in rows]


def made(claims: list[Claim], relation: str, subject: str, obj: str) -> bool:
    """Whether a claim of this relation names these parties (either order if symmetric)."""
    for claim in claims:
        if claim.relation.value != relation:
            continue
        ours = (claim.subject.canonical, claim.object.canonical)
        orders = [ours, ours[::-1]] if claim.relation.symmetric else [ours]
        if any(NAMES.same(a, subject) and NAMES.same(b, obj) for a, b in orders):
            return True
    return False


def test_every_relation_and_direction_has_its_sentences() -> None:
    assert set(ALL) == {r.value for r in Relation}
    for relation, rows in ALL.items():
        assert len(rows) >= 4, relation
        for row in rows:
            assert {t[0] for t in specs(row[1])} == {relation}, row[0]
    texts = [row[0] for row in ROWS]
    assert len(set(texts)) == len(texts)


@pytest.mark.parametrize(("text", "expected"), cases(ROWS))
def test_the_default_extractor_reads_the_triple(
    extractor: Extractor, text: str, expected: str
) -> None:
    claims = claims_of(extractor, text)
    wanted: list[Triple] = specs(expected)
    missing = [t for t in wanted if not made(claims, *t)]
    assert not missing, f"missing {missing}; found:\n{show(claims)}"
    for relation, subject, obj in wanted:
        if not Relation(relation).symmetric:  # the direction is part of the claim
            assert not made(claims, relation, obj, subject), f"reversed; found:\n{show(claims)}"
