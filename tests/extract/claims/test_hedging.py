"""Hedging: the cues of hedging.yaml, each on two differently built sentences, and scope.

A cue counts only where it governs the clause carrying the claim; a claim may carry
several labels; "according to X" and "X said" name the source. Claims are written
"relation: Subject > Object" ("supplies" when no relation is named).
"""

from __future__ import annotations

import pytest

from tracewire.extract import Extractor
from tracewire.extract.claims.hedging import hedge
from tracewire.extract.claims.lexicon import load_lexicon

from .conftest import Extract, Xfail, cases, find, hedges_of, show, spec

# label -> (sentence, claim) rows whose claim carries exactly that one label
SINGLE = {
    "asserted": [
        ("Huawei sold cameras to Uganda.", "Huawei > Uganda"),
        (
            "Russia trained Nicaragua's police in 2017.",
            "trains: Russia > Nicaragua National Police",
        ),
    ],
    "reported": [
        ("According to Reuters, Huawei sold cameras to Uganda.", "Huawei > Uganda"),
        ("NSO Group sold Pegasus to Rwanda, according to Amnesty.", "NSO Group > Rwanda"),
        ("Huawei reportedly sold cameras to Uganda.", "Huawei > Uganda"),
        ("NSO Group reportedly sold Pegasus to Rwanda.", "NSO Group > Rwanda"),
        ("Citizen Lab said that Intellexa sold Predator to Egypt.", "Intellexa > Egypt"),
        ("Reuters reported that Sandvine sold DPI equipment to Belarus.", "Sandvine > Belarus"),
        ("Documents show that Huawei supplied cameras to Serbia.", "Huawei > Serbia"),
        (
            "Customs records show that Hikvision shipped cameras to Zimbabwe.",
            "Hikvision > Zimbabwe",
        ),
    ],
    "alleged": [
        ("Intellexa allegedly sold Predator to Sudan.", "Intellexa > Sudan"),
        ("NSO Group allegedly supplied Pegasus to Mexico.", "NSO Group > Mexico"),
        ("The alleged sale of Pegasus to Rwanda by NSO Group drew protests.", "NSO Group > Rwanda"),
        (
            "Sandvine's suspected sales of DPI gear to Belarus were investigated.",
            "Sandvine > Belarus",
        ),
    ],
    "rumoured": [
        ("Rumours suggest that Intellexa sold Predator to Sudan.", "Intellexa > Sudan"),
        ("Rumors suggest that Russia supplied drones to Mali.", "Russia > Mali"),
        ("There are rumours that Hikvision sold cameras to Zimbabwe.", "Hikvision > Zimbabwe"),
        ("Huawei is rumoured to have supplied cameras to Serbia.", "Huawei > Serbia"),
        ("Dahua is rumored to have sold cameras to Venezuela.", "Dahua > Venezuela"),
    ],
    "speculative": [
        ("Huawei could supply cameras to Pakistan.", "Huawei > Pakistan"),
        ("Kenya could sign a contract with Huawei.", "contract: Kenya > Huawei"),
        ("Intellexa might sell Predator to Sudan.", "Intellexa > Sudan"),
        ("Cytrox might have sold spyware to Egypt.", "Cytrox > Egypt"),
        ("Sandvine may supply DPI equipment to Belarus.", "Sandvine > Belarus"),
        ("Belarus may have purchased DPI gear from Sandvine.", "Sandvine > Belarus"),
        (
            "The report suggests potential sales of spyware to Egypt by Intellexa.",
            "Intellexa > Egypt",
        ),
        (
            "Evidence suggests potential deliveries of drones to Ethiopia by Turkey.",
            "Turkey > Ethiopia",
        ),
        ("Huawei is likely to supply cameras to Kenya.", "Huawei > Kenya"),
        (
            "Pakistan is likely to join the Shanghai Cooperation Organization.",
            "member_of: Pakistan > Shanghai Cooperation Organization",
        ),
    ],
    "planned": [
        ("Huawei will supply cameras to Pakistan.", "Huawei > Pakistan"),
        ("Egypt and Sudan will sign a security agreement.", "agreement: Egypt > Sudan"),
        ("Huawei is going to supply cameras to Kenya.", "Huawei > Kenya"),
        (
            "Russia is going to train Nicaragua's police.",
            "trains: Russia > Nicaragua National Police",
        ),
        ("Huawei is supposed to deliver cameras to Serbia.", "Huawei > Serbia"),
        ("Ecuador is supposed to receive drones from China.", "China > Ecuador"),
        ("Russia plans to supply drones to Mali.", "Russia > Mali"),
        ("Serbia plans to sign an agreement with Russia.", "agreement: Serbia > Russia"),
        ("Huawei promised to provide cameras to Uganda.", "Huawei > Uganda"),
        (
            "Huawei has promised to equip Pakistan's police with cameras.",
            "Huawei > Pakistan Police",
        ),
        ("Russia intends to supply radar systems to Serbia.", "Russia > Serbia"),
        ("Serbia intends to buy surveillance drones from China.", "China > Serbia"),
    ],
    "denied": [
        ("Huawei did not sell cameras to Uganda.", "Huawei > Uganda"),
        ("Huawei did not sign a contract with Serbia.", "contract: Huawei > Serbia"),
        ("NSO Group denied selling Pegasus to Mexico.", "NSO Group > Mexico"),
        ("Intellexa has denied selling Predator to Sudan.", "Intellexa > Sudan"),
        (
            "Hikvision denied supplying cameras to Zimbabwe.",
            "Hikvision > Zimbabwe",
            Xfail("'supplying' is parsed as an adjective of 'cameras': no claim at all"),
        ),
        ("Huawei has never supplied cameras to Pakistan.", "Huawei > Pakistan"),
        ("FinFisher never sold spyware to Ethiopia.", "FinFisher > Ethiopia"),
        ("There is no contract between Huawei and Serbia.", "contract: Huawei > Serbia"),
        (
            "Dahua has no contract with Zimbabwe's police.",
            "contract: Dahua > Zimbabwe Republic Police",
        ),
    ],
}


@pytest.mark.parametrize(
    ("text", "claim", "labels"),
    [
        param
        for label, rows in SINGLE.items()
        for param in cases([(*row[:2], label, *row[2:]) for row in rows], prefix=f"{label}: ")
    ],
)
def test_single_cue_gives_its_label(extract: Extract, text: str, claim: str, labels: str) -> None:
    assert hedges_of(extract(text), *spec(claim)) == set(labels.split("+"))


SCOPE_AND_SEVERAL = [
    # a negation in another clause does not deny
    ("It is no surprise because Huawei sold cameras to Kenya.", "Huawei > Kenya", "asserted"),
    (
        "It is no surprise because Huawei sold Kenya a surveillance system.",
        "Huawei > Kenya",
        "asserted",
    ),
    (
        "This is not new, since Sandvine supplied Egypt with DPI gear.",
        "Sandvine > Egypt",
        "asserted",
    ),
    (
        "Huawei, which sold cameras to Serbia, denies wrongdoing.",
        "Huawei > Serbia",
        "asserted",
    ),
    (
        "Nobody denies that Russia trained Nicaragua's police.",
        "trains: Russia > Nicaragua National Police",
        "asserted",
    ),
    # a modal on a verb whose subject is the trigger noun does not hedge the claim
    (
        "The deal between Huawei and Serbia will have consequences.",
        "contract: Huawei > Serbia",
        "asserted",
    ),
    (
        "The agreement between Russia and Belarus will shape the region.",
        "agreement: Russia > Belarus",
        "asserted",
    ),
    (
        "The contract between Dahua and Zimbabwe could cost millions.",
        "contract: Dahua > Zimbabwe",
        "asserted",
    ),
    # several labels
    (
        "According to Reuters, Huawei will supply cameras to Pakistan.",
        "Huawei > Pakistan",
        "reported+planned",
    ),
    (
        "According to the Financial Times, Russia plans to train Mali's police.",
        "trains: Russia > Mali Police",
        "reported+planned",
    ),
    (
        "Citizen Lab said that NSO Group will sell Pegasus to Rwanda.",
        "NSO Group > Rwanda",
        "reported+planned",
    ),
    (
        "Officials said Russia will train Mali's police.",
        "trains: Russia > Mali Police",
        "reported+planned",
    ),
    (
        "According to court documents, Huawei did not sell cameras to Ecuador.",
        "Huawei > Ecuador",
        "reported+denied",
    ),
    (
        "It is likely that Huawei will supply cameras to Kenya.",
        "Huawei > Kenya",
        "speculative+planned",
    ),
]


@pytest.mark.parametrize(("text", "claim", "labels"), cases(SCOPE_AND_SEVERAL))
def test_scope_and_several_labels(extract: Extract, text: str, claim: str, labels: str) -> None:
    assert hedges_of(extract(text), *spec(claim)) == set(labels.split("+"))


LABEL_PRESENT = [
    (
        "Researchers suspect that Sandvine supplied DPI gear to Belarus.",
        "Sandvine > Belarus",
        "alleged",
    ),
    ("Citizen Lab suspects that Cytrox sold spyware to Egypt.", "Cytrox > Egypt", "alleged"),
    ("Huawei was accused of supplying cameras to Uganda.", "Huawei > Uganda", "alleged"),
    (
        "FinFisher is accused of selling spyware to Ethiopia.",
        "FinFisher > Ethiopia",
        "alleged",
    ),
    ("Serbia will be able to buy cameras from Huawei.", "Huawei > Serbia", "speculative"),
    ("Ecuador will be able to purchase drones from China.", "China > Ecuador", "speculative"),
    ("Hikvision will probably supply cameras to Zimbabwe.", "Hikvision > Zimbabwe", "speculative"),
]


@pytest.mark.parametrize(("text", "claim", "label"), cases(LABEL_PRESENT))
def test_label_is_among_the_labels(extract: Extract, text: str, claim: str, label: str) -> None:
    assert label in hedges_of(extract(text), *spec(claim))


SOURCES = [
    ("According to Reuters, Huawei sold cameras to Uganda.", "Huawei > Uganda", "Reuters"),
    (
        "According to Amnesty International, Intellexa sold Predator to Egypt.",
        "Intellexa > Egypt",
        "Amnesty International",
    ),
    ("Citizen Lab said that Intellexa sold Predator to Egypt.", "Intellexa > Egypt", "Citizen Lab"),
    (
        "Amnesty International said Cytrox supplied spyware to Madagascar.",
        "Cytrox > Madagascar",
        "Amnesty International",
    ),
    ("Reuters reported that Sandvine sold DPI gear to Belarus.", "Sandvine > Belarus", "Reuters"),
    (
        "Researchers suspect that Sandvine supplied DPI gear to Belarus.",
        "Sandvine > Belarus",
        "Researchers",
    ),
    (
        "Citizen Lab suspects that Cytrox sold spyware to Egypt.",
        "Cytrox > Egypt",
        "Citizen Lab",
        Xfail("'suspects' is tagged as a noun, so its subject is never found"),
    ),
    ("Huawei reportedly sold cameras to Uganda.", "Huawei > Uganda", None),
    ("Huawei sold cameras to Uganda.", "Huawei > Uganda", None),
]


@pytest.mark.parametrize(("text", "claim", "source"), cases(SOURCES))
def test_source_is_attributed(extract: Extract, text: str, claim: str, source: str | None) -> None:
    assert find(extract(text), *spec(claim)).source == source


def test_accuser_is_the_source_not_the_supplier(extract: Extract) -> None:
    claims = extract("Amnesty International accused Sandvine of selling DPI gear to Egypt.")
    assert not [c for c in claims if c.subject.canonical == "Amnesty International"], show(claims)
    claim = find(claims, *spec("Sandvine > Egypt"))
    assert "alleged" in {h.value for h in claim.hedging}
    assert claim.source == "Amnesty International"


@pytest.mark.parametrize(
    ("text", "word", "labels"),
    [
        # a noun modifier carries the claim (the learned model's trigger word): its head's cues
        ("Hikvision and Dahua were sanctions targets, the Treasury said.", "sanctions", "reported"),
        ("Megvii will not be a sanctions target, officials said.", "sanctions",
         "denied planned reported"),
        # a participle clause before its subject shares the main verb's cues
        ("Using spyware from Cellebrite, Bolivia's police will hack activists' phones.", "Using",
         "planned"),
        ("Using gear from ZTE, Ethiopia's state telecom built a network, the report says.", "Using",
         "reported"),
        # not a clause with its own conjunction
        ("While selling cameras to Kenya, Hikvision denied any ties to the army.", "selling",
         "asserted"),
    ],
)  # fmt: skip
def test_a_modifier_and_a_participle_clause_take_their_heads_hedging(
    extractor: Extractor, text: str, word: str, labels: str
) -> None:
    token = next(t for t in extractor.nlp(text) if t.text == word)
    assert {h.value for h in hedge(token, load_lexicon()).labels} == set(labels.split())
